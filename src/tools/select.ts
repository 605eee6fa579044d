// Which tools this server offers, from --read-only, --tools and --exclude-tools. Read-only wins over all.
import { ConfigError } from "../config.js";
import type { ToolDefinition } from "./define.js";
import { TOOL_PREFIX } from "./naming.js";

export { TOOL_PREFIX };

export interface ToolSelection {
  enabled: ToolDefinition[];
  /** Tools that exist but are switched off, with the reason a call to one is refused. */
  disabled: Map<string, string>;
}

/** Resolves full or short names (get_all_accounts); an unknown one stops the start with the valid list. */
function resolveNames(names: readonly string[], registry: readonly ToolDefinition[], setting: string): Set<string> {
  const known = new Set(registry.map((t) => t.name));
  const resolved = new Set<string>();
  for (const raw of names) {
    const name = known.has(raw) ? raw : `${TOOL_PREFIX}${raw}`;
    if (!known.has(name)) {
      const valid = registry.map((t) => t.name.slice(TOOL_PREFIX.length)).join(", ");
      throw new ConfigError(`${setting} names an unknown tool "${raw}". Valid tools (with or without the ${TOOL_PREFIX} prefix): ${valid}`);
    }
    resolved.add(name);
  }
  return resolved;
}

export function selectTools(
  registry: readonly ToolDefinition[],
  options: { readOnly: boolean; tools: readonly string[] | undefined; excludeTools: readonly string[] },
): ToolSelection {
  const only = options.tools ? resolveNames(options.tools, registry, "--tools / MAILTRAP_TOOLS") : undefined;
  const excluded = resolveNames(options.excludeTools, registry, "--exclude-tools / MAILTRAP_EXCLUDE_TOOLS");
  const enabled: ToolDefinition[] = [];
  const disabled = new Map<string, string>();
  for (const tool of registry) {
    if (options.readOnly && !tool.annotations.readOnlyHint) {
      disabled.set(tool.name, "the server runs read-only (--read-only / MAILTRAP_READ_ONLY), so write tools are refused");
    } else if ((only && !only.has(tool.name)) || excluded.has(tool.name)) {
      disabled.set(tool.name, "it is not enabled on this server (--tools / --exclude-tools)");
    } else {
      enabled.push(tool);
    }
  }
  return { enabled, disabled };
}

// The names tools are served under: the registry's full names (mailtrap_accounts_*) by default, or without the
// prefix (MAILTRAP_SHORT_NAMES) for hosts whose own prefix would push a name past the 64 characters model APIs allow.
// Descriptions, hints and the server's instructions are written with short names and served in the same form.
import type { ToolDefinition } from "./define.js";

export const TOOL_PREFIX = "mailtrap_accounts_";

/** Longest tool name the Anthropic and OpenAI APIs take (Gemini too). */
export const MODEL_NAME_LIMIT = 64;

export const shortName = (fullName: string) => (fullName.startsWith(TOOL_PREFIX) ? fullName.slice(TOOL_PREFIX.length) : fullName);

export interface ToolNaming {
  /** "mailtrap_accounts_" or "". */
  prefix: string;
  /** The served name of a registry tool (full or short name in). */
  name(toolName: string): string;
  /** Text with every mention of a tool (by short name) spelled as served. */
  text(text: string): string;
}

export function toolNaming(shortNames: boolean, registry: readonly ToolDefinition[]): ToolNaming {
  const prefix = shortNames ? "" : TOOL_PREFIX;
  const shorts = registry.map((t) => shortName(t.name)).sort((a, b) => b.length - a.length);
  // A short name not already part of a longer word or a prefixed name.
  const mention = new RegExp(`(?<![A-Za-z0-9_])(?:${shorts.join("|")})(?![A-Za-z0-9_])`, "g");
  return {
    prefix,
    name: (toolName) => `${prefix}${shortName(toolName)}`,
    text: (text) => (prefix ? text.replace(mention, (m) => `${prefix}${m}`) : text),
  };
}

/** A tool as served: its name, description, 404 hint and confirmation text in the served form. */
export function servedTool(tool: ToolDefinition, naming: ToolNaming): ToolDefinition {
  const { confirm } = tool;
  return {
    ...tool,
    name: naming.name(tool.name),
    description: naming.text(tool.description),
    ...(tool.notFoundHint === undefined ? {} : { notFoundHint: naming.text(tool.notFoundHint) }),
    ...(confirm ? { confirm: (args: Parameters<typeof confirm>[0]) => naming.text(confirm(args)) } : {}),
  };
}

/**
 * The refusals for names that are not served: a switched-off tool under either spelling gets its reason; an
 * enabled tool called by the other spelling is told the served name. tools/call takes only what tools/list lists.
 */
export function servedRefusals(
  registry: readonly ToolDefinition[],
  disabled: ReadonlyMap<string, string>,
  naming: ToolNaming,
): Map<string, string> {
  const refusals = new Map<string, string>();
  for (const tool of registry) {
    const served = naming.name(tool.name);
    const other = naming.prefix ? shortName(tool.name) : tool.name;
    const off = disabled.get(tool.name) ?? disabled.get(served);
    if (off) {
      refusals.set(served, off);
      refusals.set(other, off);
    } else {
      const setting = naming.prefix ? "MAILTRAP_SHORT_NAMES is off" : "--short-names / MAILTRAP_SHORT_NAMES is on";
      refusals.set(other, `this server serves it as ${served} (${setting}); call ${served}`);
    }
  }
  return refusals;
}

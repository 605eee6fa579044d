// The README's generated tables: tools from the registry, settings from scripts/docs/settings.ts.
import type { z } from "zod";
import type { ToolDefinition } from "../../src/tools/define.js";
import { isAlwaysSent, isUnlisted } from "../../src/tools/json-schema.js";
import { SETTINGS, type SettingDoc } from "./settings.js";

/** A caller must give it: not optional, or always sent and not a list (a list left out is empty; see params.ts). */
const isRequired = (schema: z.ZodType) =>
  !schema.isOptional() || (isAlwaysSent(schema) && !Array.isArray(schema.safeParse(undefined).data));

function parameters(tool: ToolDefinition): string {
  // The table shows what the model is shown; other spellings the server takes are in the notes below it.
  const shape = tool.input.shape as Record<string, z.ZodType>;
  const names = Object.entries(shape)
    .filter(([, schema]) => !isUnlisted(schema))
    .map(([name, schema]) => (isRequired(schema) ? `${name}*` : name));
  return names.length ? names.map((n) => `\`${n}\``).join(", ") : "none";
}

const yes = (flag: boolean) => (flag ? "yes" : "no");

export function toolsTable(tools: readonly ToolDefinition[]): string {
  const rows = tools.map(
    (t) =>
      `| \`${t.name}\` | ${t.title} | ${parameters(t)} | ${yes(t.annotations.readOnlyHint)} | ${yes(t.annotations.destructiveHint)} | ${yes(t.annotations.idempotentHint)} |`,
  );
  return ["| tool | what | parameters (* required) | read-only | destructive | idempotent |", "|---|---|---|---|---|---|", ...rows].join(
    "\n",
  );
}

const code = (text: string | undefined) => (text ? `\`${text}\`` : "");

export function settingsTable(settings: readonly SettingDoc[] = SETTINGS): string {
  const row = (cells: string[]) => `|${cells.map((cell) => (cell ? ` ${cell} ` : " ")).join("|")}|`;
  const rows = settings.map((s) => row([code(s.flag), code(s.variable), s.default ?? "", s.meaning]));
  return ["| flag | variable | default | meaning |", "|---|---|---|---|", ...rows].join("\n");
}

/** The README with each generated section (between its start and end markers) replaced. */
export function withGeneratedSections(readme: string, sections: Record<string, string>): string {
  let out = readme;
  for (const [name, content] of Object.entries(sections)) {
    const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`);
    if (!pattern.test(out)) throw new Error(`README has no ${name} section`);
    out = out.replace(pattern, (_m, start: string, end: string) => `${start}${content}${end}`);
  }
  return out;
}

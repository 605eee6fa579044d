// The README's tools table, generated from the registry; test/readme.test.ts keeps the README equal to it.
import type { ToolDefinition } from "../../src/tools/define.js";

function parameters(tool: ToolDefinition): string {
  const shape = tool.input.shape as Record<string, { isOptional(): boolean }>;
  const names = Object.entries(shape).map(([name, schema]) => (schema.isOptional() ? name : `${name}*`));
  return names.length ? names.map((n) => `\`${n}\``).join(", ") : "none";
}

const yes = (flag: boolean) => (flag ? "yes" : "no");

export function toolsTable(tools: readonly ToolDefinition[]): string {
  const rows = tools.map(
    (t) =>
      `| \`${t.name}\` | ${t.title} | ${parameters(t)} | ${yes(t.annotations.readOnlyHint)} | ${yes(t.annotations.destructiveHint)} | ${yes(t.annotations.idempotentHint)} |`,
  );
  return ["| tool | what | parameters (* required) | read-only | destructive | idempotent |", "|---|---|---|---|---|---|", ...rows].join("\n");
}

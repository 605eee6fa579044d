// JSON Schemas for tools/list, generated once from the zod schemas and stripped of boilerplate
// a model pays for on every turn but gains nothing from.
import { z } from "zod";

const SAFE = Number.MAX_SAFE_INTEGER;

function compact(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(compact);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$schema") continue;
    // zod's safe-integer bounds: the ids' real bound (minimum 1) stays; +/-2^53 says nothing.
    if ((key === "maximum" && value === SAFE) || (key === "minimum" && value === -SAFE)) continue;
    out[key] = compact(value);
  }
  return out;
}

export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  return compact(z.toJSONSchema(schema, { io, unrepresentable: "any" })) as Record<string, unknown>;
}

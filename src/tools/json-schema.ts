// JSON Schemas for tools/list, generated once from the zod schemas and stripped of boilerplate
// a model pays for on every turn but gains nothing from.
import * as z from "zod";

const SAFE = Number.MAX_SAFE_INTEGER;

function compact(node: unknown, io: "input" | "output"): unknown {
  if (Array.isArray(node)) return node.map((item) => compact(item, io));
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$schema") continue;
    // zod's safe-integer bounds say nothing to a model.
    if ((key === "maximum" && value === SAFE) || (key === "minimum" && value === -SAFE)) continue;
    // Inputs: unknown keys are refused by the server with a message naming them; the flag on every object
    // would cost bytes on every turn. Outputs keep whatever zod says (loose objects stay open).
    if (key === "additionalProperties" && value === false && io === "input") continue;
    out[key] = compact(value, io);
  }
  return mergeTypeUnion(out);
}

/** {"anyOf":[{"type":"integer"},{"type":"string"}]} says the same as {"type":["integer","string"]}, longer. */
function mergeTypeUnion(node: Record<string, unknown>): Record<string, unknown> {
  const options = node.anyOf;
  if (!Array.isArray(options)) return node;
  const bareTypes = options.every((o) => typeof o === "object" && o !== null && Object.keys(o).length === 1 && "type" in o);
  if (!bareTypes) return node;
  const { anyOf: _merged, ...rest } = node;
  return { type: options.map((o: { type: unknown }) => o.type), ...rest };
}

export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  return compact(z.toJSONSchema(schema, { io, unrepresentable: "any" }), io) as Record<string, unknown>;
}

// JSON Schemas for tools/list, generated once from the zod schemas in the one form every model provider takes
// as it is (README "Portable schemas"): a single `type` per schema (a union is an anyOf), string-only enums,
// every input object closed and every input property required, an optional one being nullable (null = absent).
// Boilerplate a model pays for on every turn but gains nothing from is left out.
import * as z from "zod";

const SAFE = Number.MAX_SAFE_INTEGER;

/** Meta keys (zod copies meta into the JSON Schema) that say how a parameter is shown; never listed. */
const ADVERTISED = "x-mailtrap-advertised";
const ALWAYS_SENT = "x-mailtrap-always-sent";
const UNLISTED = "x-mailtrap-unlisted";

/**
 * Shows the model one clear form of a value while the validator still takes the other spellings
 * (e.g. "admin" advertised; 100 accepted too). The schema's own description is kept.
 */
export function advertise<T extends z.ZodType>(schema: T, shown: Record<string, unknown>): T {
  return schema.meta({ [ADVERTISED]: shown });
}

/** A nullable parameter shown as required and not nullable: the model always sends it (a list: empty = none). */
export function alwaysSent<T extends z.ZodType>(schema: T): T {
  return schema.meta({ [ALWAYS_SENT]: true });
}

/** A spelling the validator still takes but the model is not shown (e.g. the API's own _destroy flag). */
export function unlisted<T extends z.ZodType>(schema: T): T {
  return schema.meta({ [UNLISTED]: true });
}

const flagged = (schema: unknown, flag: string) => typeof schema === "object" && schema !== null && flag in schema;

/** How a parameter is shown to the model, for the README's tools table. */
export const isUnlisted = (schema: z.ZodType) => flagged(schema.meta(), UNLISTED);
export const isAlwaysSent = (schema: z.ZodType) => flagged(schema.meta(), ALWAYS_SENT);

const METADATA = new Set(["description", "title", "default", "examples", "deprecated", "readOnly", "writeOnly"]);

/** {"type":["string","null"], …} → {"anyOf":[{"type":"string", …},{"type":"null"}]}: one type per schema. */
function splitTypeList(node: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(node.type)) return node;
  const meta: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "type") continue;
    if (METADATA.has(key)) meta[key] = value;
    else rest[key] = value;
  }
  const branches = (node.type as string[]).map((type) => (type === "null" ? { type } : { type, ...rest }));
  return { anyOf: branches, ...meta };
}

const isNullable = (schema: unknown): boolean =>
  typeof schema === "object" &&
  schema !== null &&
  Array.isArray((schema as { anyOf?: unknown }).anyOf) &&
  (schema as { anyOf: Array<{ type?: unknown }> }).anyOf.some((branch) => branch.type === "null");

/** Strict mode lists every property as required; an optional one must therefore take null (see params.optional). */
function requireAll(node: Record<string, unknown>, raw: Record<string, unknown>, path: string): Record<string, unknown> {
  const properties = node.properties;
  if (node.type !== "object" || typeof properties !== "object" || properties === null) return node;
  const keys = Object.keys(properties);
  const required = new Set(Array.isArray(raw.required) ? (raw.required as string[]) : []);
  const rawProperties = (raw.properties ?? {}) as Record<string, unknown>;
  for (const key of keys) {
    const ok = required.has(key) || flagged(rawProperties[key], ALWAYS_SENT) || isNullable((properties as Record<string, unknown>)[key]);
    if (!ok) throw new Error(`${path}.${key} is optional but not nullable: declare it with optional() from params.ts`);
  }
  return keys.length ? { ...node, required: keys } : node;
}

/** The non-null branch of a nullable schema, keeping its description. */
function nonNull(record: Record<string, unknown>): Record<string, unknown> {
  const branches = (Array.isArray(record.anyOf) ? record.anyOf : []) as Array<Record<string, unknown>>;
  const kept = branches.filter((branch) => branch.type !== "null");
  if (kept.length !== 1) return record;
  const description = record.description === undefined ? {} : { description: record.description };
  return { ...kept[0], ...description };
}

function compact(node: unknown, io: "input" | "output", path: string): unknown {
  if (Array.isArray(node)) return node.map((item, i) => compact(item, io, `${path}[${i}]`));
  if (typeof node !== "object" || node === null) return node;
  const record = node as Record<string, unknown>;
  if (ADVERTISED in record) {
    const description = record.description === undefined ? {} : { description: record.description };
    return compact({ ...(record[ADVERTISED] as object), ...description }, io, path);
  }
  if (ALWAYS_SENT in record) {
    const { [ALWAYS_SENT]: _flag, ...rest } = record;
    return compact(nonNull(splitTypeList(rest)), io, path);
  }
  let out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === "$schema") continue;
    // zod's safe-integer bounds say nothing to a model.
    if ((key === "maximum" && value === SAFE) || (key === "minimum" && value === -SAFE)) continue;
    // An empty schema constrains nothing: objects are open without it (loose output objects stay open).
    if (key === "additionalProperties" && typeof value === "object" && value !== null && Object.keys(value).length === 0) continue;
    if (key === "properties" && typeof value === "object" && value !== null) {
      const listed = Object.entries(value).filter(([, schema]) => !flagged(schema, UNLISTED));
      out[key] = Object.fromEntries(listed.map(([name, schema]) => [name, compact(schema, io, `${path}.${name}`)]));
      continue;
    }
    if (key === "required" && Array.isArray(value)) {
      const properties = (record.properties ?? {}) as Record<string, unknown>;
      out[key] = value.filter((name: string) => !flagged(properties[name], UNLISTED));
      continue;
    }
    out[key] = compact(value, io, `${path}.${key}`);
  }
  out = splitTypeList(out);
  return io === "input" ? requireAll(out, record, path) : out;
}

export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  return compact(z.toJSONSchema(schema, { io, unrepresentable: "any" }), io, io) as Record<string, unknown>;
}

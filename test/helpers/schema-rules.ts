// What each model provider accepts in a tool's input schema, as rules that return every violation with its
// path. Sources: Gemini's Schema object (ai.google.dev/api/caching#Schema: the OpenAPI subset of `parameters`,
// `Type` = STRING NUMBER INTEGER BOOLEAN ARRAY OBJECT NULL, `enum` is string[]) and its `parametersJsonSchema`;
// OpenAI's structured-outputs subset for `strict: true` (platform.openai.com/docs/guides/structured-outputs);
// Anthropic's tool `input_schema` (docs.anthropic.com tool use: a top-level object, no top-level combinators).

export interface Violation {
  path: string;
  rule: string;
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);

/** Calls visit on every schema node (properties, items, anyOf branches, $defs) with its path. */
function walk(schema: unknown, visit: (node: Node, path: string) => void, path = "inputSchema"): void {
  if (!isNode(schema)) return;
  visit(schema, path);
  if (isNode(schema.properties)) for (const [k, v] of Object.entries(schema.properties)) walk(v, visit, `${path}.properties.${k}`);
  if (schema.items !== undefined) walk(schema.items, visit, `${path}.items`);
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    const list = schema[key];
    if (Array.isArray(list)) for (const [i, branch] of list.entries()) walk(branch, visit, `${path}.${key}[${i}]`);
  }
  for (const key of ["$defs", "definitions"]) {
    if (isNode(schema[key])) for (const [k, v] of Object.entries(schema[key] as Node)) walk(v, visit, `${path}.${key}.${k}`);
  }
}

const GEMINI_TYPES = new Set(["string", "number", "integer", "boolean", "array", "object", "null"]);

/** The fields of Gemini's Schema proto: anything else is "Unknown name … Cannot find field" (a 400 for the request). */
const GEMINI_FIELDS = new Set([
  "type",
  "format",
  "title",
  "description",
  "nullable",
  "enum",
  "maxItems",
  "minItems",
  "properties",
  "required",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "example",
  "anyOf",
  "propertyOrdering",
  "default",
  "items",
  "minimum",
  "maximum",
]);

/** Gemini's `parameters` (OpenAPI subset). `parametersJsonSchema` additionally takes additionalProperties, $ref/$defs. */
export function geminiRules(schema: unknown, path: "parameters" | "parametersJsonSchema" = "parameters"): Violation[] {
  const out: Violation[] = [];
  const extra = path === "parametersJsonSchema" ? new Set(["additionalProperties", "$ref", "$defs", "$id", "$anchor"]) : new Set<string>();
  walk(schema, (node, at) => {
    for (const key of Object.keys(node)) {
      if (!GEMINI_FIELDS.has(key) && !extra.has(key)) out.push({ path: at, rule: `unknown field ${key}` });
    }
    if ("additionalProperties" in node && path === "parametersJsonSchema" && typeof node.additionalProperties !== "boolean") {
      out.push({ path: at, rule: "additionalProperties must be a boolean" });
    }
    const { type } = node;
    if (Array.isArray(type)) out.push({ path: at, rule: "type is a list (one type per schema)" });
    else if (type === undefined && !Array.isArray(node.anyOf) && !("$ref" in node)) out.push({ path: at, rule: "no type" });
    else if (type !== undefined && !GEMINI_TYPES.has(String(type))) out.push({ path: at, rule: `unknown type ${String(type)}` });
    if (node.enum !== undefined) {
      if (!Array.isArray(node.enum) || node.enum.some((v) => typeof v !== "string")) out.push({ path: at, rule: "enum of non-strings" });
      if (type !== "string") out.push({ path: at, rule: "enum on a non-string type" });
    }
    if ((node.properties !== undefined || node.required !== undefined) && type !== "object") {
      out.push({ path: at, rule: "properties/required only allowed for OBJECT type" });
    }
    if (Array.isArray(node.required) && isNode(node.properties)) {
      for (const key of node.required)
        if (!(String(key) in node.properties)) out.push({ path: at, rule: `required names unknown ${String(key)}` });
    }
    if (type === "array" && !isNode(node.items)) out.push({ path: at, rule: "array without items" });
  });
  return out;
}

/** Keywords strict mode refuses ("… is not permitted"). */
const OPENAI_UNSUPPORTED = [
  "allOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
  "dependentRequired",
  "dependentSchemas",
  "patternProperties",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contains",
  "minContains",
  "maxContains",
  "prefixItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "$schema",
];

/** OpenAI function calling with `strict: true`, and the openai package's helpers that build such tools. */
export function openAiStrictRules(schema: unknown): Violation[] {
  const out: Violation[] = [];
  if (!isNode(schema) || schema.type !== "object") out.push({ path: "inputSchema", rule: "root must be type object" });
  if (isNode(schema) && Array.isArray(schema.anyOf)) out.push({ path: "inputSchema", rule: "root must not be anyOf" });
  let properties = 0;
  let deepest = 0;
  walk(schema, (node, at) => {
    deepest = Math.max(deepest, at.split(".properties.").length - 1);
    for (const key of OPENAI_UNSUPPORTED) if (key in node) out.push({ path: at, rule: `${key} is not permitted` });
    // The Agents SDK's strict conversion refuses an anyOf with constraints beside it (metadata is fine).
    if (Array.isArray(node.anyOf)) {
      const beside = Object.keys(node).filter((k) => !["anyOf", "description", "title", "default", "$comment"].includes(k));
      if (beside.length) out.push({ path: at, rule: `anyOf combined with ${beside.join(", ")}` });
    }
    const isObject = node.type === "object" || (Array.isArray(node.type) && node.type.includes("object"));
    if (!isObject) return;
    if (node.additionalProperties !== false) out.push({ path: at, rule: "additionalProperties must be false" });
    if (!isNode(node.properties)) {
      out.push({ path: at, rule: "object schema missing properties" });
      return;
    }
    const keys = Object.keys(node.properties);
    properties += keys.length;
    const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
    for (const key of keys) if (!required.has(key)) out.push({ path: at, rule: `required must list ${key}` });
  });
  if (deepest > 10) out.push({ path: "inputSchema", rule: "more than 10 levels of nesting" });
  if (properties > 5000) out.push({ path: "inputSchema", rule: "more than 5000 properties" });
  return out;
}

/** Anthropic's tool input_schema. */
export function anthropicRules(schema: unknown): Violation[] {
  const out: Violation[] = [];
  if (!isNode(schema) || schema.type !== "object") out.push({ path: "inputSchema", rule: 'top-level type must be "object"' });
  for (const key of ["oneOf", "anyOf", "allOf"]) {
    if (isNode(schema) && key in schema) out.push({ path: "inputSchema", rule: `no top-level ${key}` });
  }
  return out;
}

/** Tool names as Anthropic and OpenAI take them (^[a-zA-Z0-9_-]{1,64}$); Gemini also allows . and : but must start with a letter or _. */
export function nameRules(name: string): Violation[] {
  const out: Violation[] = [];
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) out.push({ path: name, rule: "name must match ^[a-zA-Z0-9_-]{1,64}$" });
  if (!/^[a-zA-Z_]/.test(name)) out.push({ path: name, rule: "Gemini: name must start with a letter or underscore" });
  return out;
}

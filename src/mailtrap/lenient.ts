// Lenient reading of a 2xx reply: a field whose type the payload schema does not allow is taken out (and
// reported) instead of failing the whole reply, so that what Mailtrap did (a token's secret above all) is never
// thrown away, and what remains always matches the tool's advertised output schema.
import type { z } from "zod";

/** A field left out of the data, with what it held. */
export interface ReplyIssue {
  /** Where in Mailtrap's reply, e.g. "[0].resources[1].access_level". */
  path: string;
  /** What the schema allows there, in a few words. */
  expected: string;
  value: unknown;
}

type Key = string | number;

function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out;
}

function at(value: unknown, path: readonly Key[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<Key, unknown>)[key];
  }
  return current;
}

function expectedOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") return issue.expected;
  if (issue.code === "invalid_union") return "one of the allowed types";
  return issue.message;
}

const MAX_ROUNDS = 5;

/**
 * The data of `body` that fits `schema`, and what had to be left out; undefined when nothing fits (the reply
 * as a whole is of the wrong type). `body` must be plain JSON of bounded depth (see json-shape.ts).
 */
export function parseLeniently<S extends z.ZodType>(schema: S, body: unknown): { data: z.infer<S>; issues: ReplyIssue[] } | undefined {
  let candidate = body;
  const issues: ReplyIssue[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const parsed = schema.safeParse(candidate);
    if (parsed.success) return { data: parsed.data, issues };
    const paths = parsed.error.issues.map((issue) => ({ issue, path: issue.path.filter((k): k is Key => typeof k !== "symbol") }));
    if (paths.some(({ path }) => path.length === 0)) return undefined;
    if (round === 0) candidate = structuredClone(body);
    // Reported in the order the schema found them; removed in an order that keeps the other paths valid.
    for (const { issue, path } of paths) issues.push({ path: pathText(path), expected: expectedOf(issue), value: at(candidate, path) });
    // Array items are removed after object keys, last index first, so earlier paths stay valid.
    const ordered = [...paths].sort(
      (a, b) => b.path.length - a.path.length || String(b.path.at(-1)).localeCompare(String(a.path.at(-1)), undefined, { numeric: true }),
    );
    for (const { path } of ordered) {
      const parent = at(candidate, path.slice(0, -1));
      const key = path.at(-1)!;
      if (typeof parent !== "object" || parent === null) continue;
      if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
      else delete (parent as Record<Key, unknown>)[key];
    }
  }
  return undefined;
}

// Checks on untrusted JSON values (tool arguments, Mailtrap replies) done without recursion, so no nesting can
// overflow the stack: how deep a value goes, and whether it holds a key that could reach an object's prototype.

/** Deeper than any real argument or Mailtrap reply (the resource tree is a few levels). */
export const MAX_JSON_DEPTH = 32;

/** Keys refused in arguments: merged into objects, they could change the prototype of everything. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export type JsonProblem = { kind: "too_deep"; path: string } | { kind: "forbidden_key"; path: string; key: string };

function pathOf(parts: readonly (string | number)[]): string {
  let out = "";
  for (const part of parts) out += typeof part === "number" ? `[${part}]` : out ? `.${part}` : part;
  return out;
}

/**
 * The first problem found in `value`, breadth first, or undefined. `checkKeys` also refuses the keys in
 * FORBIDDEN_KEYS at every level, the top included. `root` names the value in paths ("arguments").
 */
export function jsonProblem(
  value: unknown,
  options: { maxDepth?: number; checkKeys?: boolean; root?: string } = {},
): JsonProblem | undefined {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  const root = options.root === undefined ? [] : [options.root];
  // Paths are kept as parent links, built into text only for the one problem reported.
  type Node = { value: unknown; depth: number; key: string | number | undefined; parent: Node | undefined };
  const path = (node: Node, extra?: string) => {
    const parts: (string | number)[] = extra === undefined ? [] : [extra];
    for (let at: Node | undefined = node; at?.key !== undefined; at = at.parent) parts.unshift(at.key);
    return pathOf([...root, ...parts]);
  };
  const queue: Node[] = [{ value, depth: 0, key: undefined, parent: undefined }];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    const current = node.value;
    if (typeof current !== "object" || current === null) continue;
    if (node.depth >= maxDepth) return { kind: "too_deep", path: path(node) || "the value" };
    if (Array.isArray(current)) {
      current.forEach((item, index) => {
        queue.push({ value: item, depth: node.depth + 1, key: index, parent: node });
      });
      continue;
    }
    for (const key of Object.keys(current)) {
      if (options.checkKeys && FORBIDDEN_KEYS.has(key)) return { kind: "forbidden_key", path: path(node, key), key };
      queue.push({ value: (current as Record<string, unknown>)[key], depth: node.depth + 1, key, parent: node });
    }
  }
  return undefined;
}

/** True when the JSON text nests objects and arrays deeper than `maxDepth`: one pass, no parse. */
export function jsonTextTooDeep(text: string, maxDepth = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

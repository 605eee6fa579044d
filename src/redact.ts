// Redaction of the configured API tokens from everything the server emits (results, errors, logs), in every
// form an echo can take: raw, JSON-escaped (once or twice), URL-encoded and base64 (standard or URL-safe, at any
// offset inside a longer encoded text). Nothing else is rewritten: ordinary data that says "Bearer" stays as is.

/** Shorter values could not be told apart from ordinary words, and their encodings would be shorter still. */
export const MIN_SECRET_LENGTH = 16;

export const REDACTED = "[redacted]";

export interface Redactor {
  /** True when `text` holds any form of any secret. */
  matches(text: string): boolean;
  /** `text` with every form of every secret replaced by [redacted]. */
  text(text: string): string;
  /** A copy of a JSON-like value with secrets removed from every string, key and value; the value itself when clean. */
  value<T>(value: T): T;
}

/**
 * The part of base64(prefix + secret + suffix) that depends only on the secret, for each of the three byte
 * alignments the secret can have inside a longer text: whatever surrounds it, that core is in the encoding.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    // Characters touched by the padding bytes before, or by unknown bytes after, vary: drop them.
    const start = offset === 0 ? 0 : offset === 1 ? 2 : 3;
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    const core = encoded.slice(start, end);
    cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return cores;
}

/** Every text form of one secret worth looking for, longest first (so a longer form is replaced whole). */
export function secretForms(secret: string): string[] {
  const jsonOnce = JSON.stringify(secret).slice(1, -1);
  const jsonTwice = JSON.stringify(jsonOnce).slice(1, -1);
  const url = encodeURIComponent(secret);
  const forms = new Set([
    secret,
    jsonOnce,
    jsonTwice,
    url,
    url.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase()),
    url.replace(/%20/g, "+"),
    ...base64Cores(secret),
  ]);
  return [...forms].sort((a, b) => b.length - a.length);
}

const cache = new WeakMap<readonly (string | undefined)[], Redactor>();

/** One redactor per list of secrets (undefined and empty entries are skipped). */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const cached = cache.get(secrets);
  if (cached) return cached;
  // Worked out on first use: a request whose logger never writes and whose server never answers pays nothing.
  let known: string[] | undefined;
  const allForms = () =>
    (known ??= [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length > 0).flatMap(secretForms))].sort(
      (a, b) => b.length - a.length,
    ));

  const matches = (text: string): boolean => {
    for (const form of allForms()) if (text.includes(form)) return true;
    return false;
  };
  const redactText = (text: string): string => {
    let out = text;
    for (const form of allForms()) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };
  // Iterative, so no nesting can overflow the stack; only strings that hold a secret are copied.
  const redactValue = <T>(value: T): T => {
    if (allForms().length === 0) return value;
    if (typeof value === "string") return redactText(value) as T;
    if (typeof value !== "object" || value === null) return value;
    // Cheap test first: a clean value is returned as it is.
    let serialized: string | undefined;
    try {
      serialized = JSON.stringify(value);
    } catch {
      serialized = undefined;
    }
    if (serialized !== undefined && !matches(serialized)) return value;
    const copy = (node: object): object => (Array.isArray(node) ? [...node] : { ...node });
    const root = copy(value as object);
    const stack: object[] = [root];
    while (stack.length > 0) {
      const node = stack.pop() as Record<string, unknown>;
      for (const key of Object.keys(node)) {
        let child = node[key];
        if (typeof child === "string") child = redactText(child);
        else if (typeof child === "object" && child !== null) {
          child = copy(child);
          stack.push(child as object);
        }
        const cleanKey = Array.isArray(node) ? key : redactText(key);
        if (cleanKey !== key) delete node[key];
        // defineProperty: a key such as "__proto__" stays data, never a prototype.
        Object.defineProperty(node, cleanKey, { value: child, enumerable: true, writable: true, configurable: true });
      }
    }
    return root as T;
  };

  const redactor: Redactor = { matches, text: redactText, value: redactValue };
  cache.set(secrets, redactor);
  return redactor;
}

/** `text` without any form of the given secrets. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  return createRedactor(secrets).text(text);
}

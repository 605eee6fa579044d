// What a reply says, in words a model can read, with bounded work whatever the reply holds: Mailtrap's own
// message (in every shape its `errors` takes) and a short excerpt of a body that is not JSON. Pure functions.

/** Longest Mailtrap message shown: enough for any real message, never a page. */
export const MAX_MESSAGE_CHARS = 500;
/** Longest excerpt of a non-JSON body. */
export const MAX_EXCERPT_CHARS = 120;
/** How much of a non-JSON body is looked at, at most: it is cut to this before any cleaning. */
const EXCERPT_SCAN_CHARS = 4096;
/** Items and keys read per array or object, and levels of nesting, when turning `errors` into words. */
const MAX_ITEMS = 20;
const MAX_LEVELS = 4;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", nbsp: " " };

/** Collapses whitespace and control characters; cuts to `max` characters with an ellipsis. */
function tidy(text: string, max: number): string {
  // Cut first (with room for what collapsing removes), so the regexes below see a bounded string.
  const cut = text.length > max * 4 ? text.slice(0, max * 4) : text;
  const clean = cut.replace(/[\s\u0000-\u001f\u007f]+/g, " ").trim();
  return clean.length > max || cut.length < text.length ? `${clean.slice(0, max).trimEnd()}…` : clean;
}

/**
 * Tag-free text of the start of an HTML or plain body, in one linear pass over at most 4 KB: script and
 * style contents and tags are dropped, a few entities decoded, whitespace collapsed.
 */
export function excerpt(text: string, max = MAX_EXCERPT_CHARS): string {
  const cut = text.slice(0, EXCERPT_SCAN_CHARS);
  const lower = cut.toLowerCase();
  let out = "";
  let i = 0;
  // Once no ">" is left, no later "<" can open a tag: remembering it keeps the pass linear.
  let closersLeft = true;
  while (i < cut.length && out.length < max * 4) {
    const lt = cut.indexOf("<", i);
    if (lt < 0 || !closersLeft) {
      out += cut.slice(i);
      break;
    }
    out += cut.slice(i, lt);
    const gt = cut.indexOf(">", lt + 1);
    if (gt < 0) {
      closersLeft = false;
      i = lt;
      continue;
    }
    const tag = /^<\s*(script|style)\b/i.exec(cut.slice(lt, Math.min(gt + 1, lt + 16)));
    if (tag) {
      const close = lower.indexOf(`</${tag[1]!.toLowerCase()}`, gt + 1);
      if (close < 0) break; // the rest is script or style: nothing to show
      const end = cut.indexOf(">", close);
      i = end < 0 ? cut.length : end + 1;
    } else {
      i = gt + 1;
    }
    out += " ";
  }
  const decoded = out.replace(/&(amp|lt|gt|quot|apos|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? "");
  return tidy(decoded, max);
}

/** Says what a body is when it cannot be shown as text (compressed, binary); undefined when it can. */
export function unreadableBody(text: string, contentEncoding?: string): string | undefined {
  const encoding = contentEncoding?.trim().toLowerCase();
  if (encoding && encoding !== "identity") return `a ${encoding}-compressed body that was not decoded`;
  const sample = text.slice(0, 512);
  const unreadable = sample.match(/[\ufffd\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  return unreadable > sample.length / 10 ? `a binary body of ${Buffer.byteLength(text)} bytes` : undefined;
}

/** One error entry in words: a string, a {message/detail/title} object, a field map, a list of these. */
function words(value: unknown, level: number, budget: { left: number }): string {
  if (budget.left <= 0 || level > MAX_LEVELS) return "";
  let text = "";
  if (typeof value === "string") text = value;
  else if (typeof value === "number" || typeof value === "boolean") text = String(value);
  else if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const item of value.slice(0, MAX_ITEMS)) {
      const part = words(item, level + 1, budget);
      if (part) parts.push(part);
    }
    return parts.join(level === 0 ? "; " : ", ");
  } else if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    // An error object says what it is in one of these; its field, if any, goes first.
    const said = ["message", "detail", "title", "description", "error", "msg"].find((k) => typeof record[k] === "string");
    if (said !== undefined) {
      const field = ["field", "attribute", "param", "parameter", "key"].map((k) => record[k]).find((v) => typeof v === "string");
      text = field ? `${String(field)}: ${String(record[said])}` : String(record[said]);
    } else {
      const parts: string[] = [];
      for (const key of Object.keys(record).slice(0, MAX_ITEMS)) {
        const part = words(record[key], level + 1, budget);
        // Record-level messages of a 422 come under "base": they need no field name.
        if (part) parts.push(key === "base" ? part : `${key}: ${part}`);
      }
      return parts.join("; ");
    }
  }
  budget.left -= text.length;
  // Longer than can be shown: keep enough for tidy() to cut it and mark the cut.
  return text.length > MAX_MESSAGE_CHARS ? text.slice(0, MAX_MESSAGE_CHARS + 1) : text;
}

/**
 * Mailtrap's message from an error body, in words and at most MAX_MESSAGE_CHARS long: `errors` or `error` as
 * a string, a list of strings, a list of objects or a field → messages map; `message` as a string.
 */
export function mailtrapMessage(body: unknown): string {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "";
  const record = body as Record<string, unknown>;
  const raw = record.errors ?? record.error ?? record.message;
  return tidy(words(raw, 0, { left: MAX_MESSAGE_CHARS * 2 }), MAX_MESSAGE_CHARS);
}

/** Fields worth saving from a write's reply that cannot be used as a whole: what identifies what was made. */
const KNOWN_FIELDS = ["id", "name", "token"] as const;

/**
 * The first `"id"`, `"name"` and `"token"` values in a reply's text (first 64 KB), for a 2xx reply to a write
 * that could not be parsed, was nested too deep or cut at the size limit: the secret must not be lost with it.
 */
export function knownFields(text: string): Record<string, string | number> | undefined {
  const head = text.slice(0, 64 * 1024);
  const known: Record<string, string | number> = {};
  for (const field of KNOWN_FIELDS) {
    const match = new RegExp(`"${field}"\\s*:\\s*("(?:[^"\\\\]|\\\\.){0,1000}"|-?\\d{1,16})`).exec(head);
    if (!match) continue;
    try {
      const value = JSON.parse(match[1]!) as unknown;
      if (typeof value === "string" || typeof value === "number") known[field] = value;
    } catch {
      // a cut-off string: nothing to save
    }
  }
  return Object.keys(known).length ? known : undefined;
}

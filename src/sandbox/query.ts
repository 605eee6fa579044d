// Rails/Rack query-string semantics, because the live API is Rails and the filters depend on them.

/** A Rack param: `key[]` collects an array, a bare `key` is a scalar where the last value wins. */
export type RailsParam = string | string[];

export type RailsQuery = { ok: true; params: Map<string, RailsParam> } | { ok: false; message: string };

/** Decoded pairs grouped by key exactly as sent (e.g. "project_ids[]" → ["1", "2"]). */
export function groupQuery(rawQuery: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    (out[key] ??= []).push(value);
  }
  return out;
}

/** Only flat `key` and `key[]` forms matter here; other keys are kept as opaque scalars. */
export function parseRailsQuery(rawQuery: string): RailsQuery {
  const params = new Map<string, RailsParam>();
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    if (key.endsWith("[]") && key.length > 2) {
      const base = key.slice(0, -2);
      const existing = params.get(base);
      if (existing === undefined) params.set(base, [value]);
      else if (Array.isArray(existing)) existing.push(value);
      // Rack raises ParameterTypeError here ("expected Array (got String)"), which Rails turns into a 400.
      else return { ok: false, message: `Invalid query parameters: expected Array (got String) for param \`${base}'` };
    } else {
      // A bare key overwrites whatever came before, array or not, as Rack does.
      params.set(key, value);
    }
  }
  return { ok: true, params };
}

/** The non-blank values of a param, whether sent as a scalar or an array. */
export function paramValues(params: ReadonlyMap<string, RailsParam>, name: string): string[] {
  const value = params.get(name);
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => v.trim() !== "");
}

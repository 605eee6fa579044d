// "The token appears nowhere, in any encoding": the forms an echo of a token can take, spelled out here
// independently of src/redact.ts so that a gap in one is not hidden by the same gap in the other.
import { expect } from "vitest";

/** Whole echoes of the token, as Mailtrap (or a proxy) could send them back. */
export function encodingsOf(token: string): Record<string, string> {
  const b64 = (text: string, url = false) => Buffer.from(text, "utf8").toString(url ? "base64url" : "base64");
  return {
    raw: token,
    "JSON-escaped": JSON.stringify(token).slice(1, -1),
    "JSON-escaped twice": JSON.stringify(JSON.stringify(token)).slice(1, -1),
    "URL-encoded": encodeURIComponent(token),
    base64: b64(token),
    base64url: b64(token, true),
    "base64 of a Bearer header": b64(`Bearer ${token}`),
    "base64 of user:token": b64(`api:${token}`),
  };
}

/** Fails naming the encoding found, even when only most of it is there. */
export function expectNoToken(text: string, token: string): void {
  for (const [name, form] of Object.entries(encodingsOf(token))) {
    // The last base64 characters depend on what follows the token: leave them out of the search.
    expect(text.includes(form.replace(/=+$/, "").slice(0, -2)), `the token appears ${name}`).toBe(false);
  }
}

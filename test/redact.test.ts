// The token never leaves: whatever Mailtrap echoes back, in whatever encoding, the configured token is absent
// from text, structuredContent (keys and values), error text and logs; ordinary data is left alone.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import { createRedactor, redact } from "../src/redact.js";
import { type Harness, startHarness, textOf } from "./helpers/harness.js";
import { encodingsOf, expectNoToken } from "./helpers/secrets.js";

// Characters that JSON, URLs and base64 each encode differently.
const TOKEN = 'tok"en/with+odd\\chars=and %-signs~0123456789';

describe("the redactor", () => {
  it.each(Object.entries(encodingsOf(TOKEN)))("removes the token %s, inside longer text", (_name, form) => {
    const text = `before ${form} after`;
    const out = redact(text, [TOKEN]);
    expectNoToken(out, TOKEN);
    expect(out).toMatch(/^before .*\[redacted\].* after$/);
  });

  it("finds base64 at every offset inside a longer encoded text, standard and URL-safe", () => {
    for (const prefix of ["", "a", "ab", "abc", "Bearer ", "user:"]) {
      for (const suffix of ["", "x", "xy"]) {
        for (const encoding of ["base64", "base64url"] as const) {
          const encoded = Buffer.from(`${prefix}${TOKEN}${suffix}`).toString(encoding);
          expect(redact(encoded, [TOKEN]), `${encoding} of ${prefix}…${suffix}`).toContain("[redacted]");
        }
      }
    }
  });

  it("leaves data that merely says Bearer or Api-Token alone", () => {
    const text = "Bearer of good news: Api-Token: not-ours-123, Authorization: Bearer somebody-elses";
    expect(redact(text, [TOKEN])).toBe(text);
  });

  it("cleans keys and values at every depth, and returns a clean value untouched", () => {
    const redactor = createRedactor([TOKEN]);
    const clean = { a: [{ b: "fine" }] };
    expect(redactor.value(clean)).toBe(clean);
    let deep: unknown = { [TOKEN]: TOKEN };
    for (let i = 0; i < 20_000; i++) deep = [deep];
    let out = redactor.value(deep) as unknown;
    for (let i = 0; i < 20_000; i++) out = (out as unknown[])[0];
    expect(out).toEqual({ "[redacted]": "[redacted]" });
  });
});

describe("a token too short to redact safely", () => {
  it.each([
    ["MAILTRAP_API_TOKEN", "abc"],
    ["MAILTRAP_ORGANIZATION_API_TOKEN", "0123456789abcde"],
  ])("%s=%s is refused at start with a clear message", (name, value) => {
    expect(() => loadConfig([], { [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig([], { [name]: value })).toThrow(new RegExp(`^${name} is too short \\(${value.length} characters\\)`));
  });

  it("a 16-character token is accepted", () => {
    expect(loadConfig([], { MAILTRAP_API_TOKEN: "0123456789abcdef" }).apiToken).toBe("0123456789abcdef");
  });
});

describe("Mailtrap echoes the token back", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { MAILTRAP_API_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expectNoToken(h.transcript(), TOKEN);
    h.sandbox.reset();
  });

  const echo = (form: string) => ({ name: `${form}`, note: `Authorization: Bearer ${form}`, [form]: "as a key" });
  const everyForm = Object.values(encodingsOf(TOKEN)).concat(Buffer.from(`Bearer ${TOKEN}`).toString("base64"));

  it("in a read's success body: structuredContent and text carry no form of it, other fields intact", async () => {
    const accounts = everyForm.map((form, i) => ({ id: 1001 + i, name: "Acme", extra: echo(form) }));
    h.sandbox.injectFault({ kind: "status", status: 200, body: JSON.stringify(accounts) });
    const result = await h.call("mailtrap_accounts_get_all_accounts");
    expect(result.isError, textOf(result)).toBeFalsy();
    expectNoToken(JSON.stringify(result.structuredContent), TOKEN);
    expectNoToken(textOf(result), TOKEN);
    const out = (result.structuredContent as { accounts: Array<{ id: number; name: string }> }).accounts;
    expect(out.map((a) => a.id)).toEqual(accounts.map((a) => a.id));
    expect(out[0]!.name).toBe("Acme");
  });

  it("in a create's reply: the new secret is delivered, the caller's token is not", async () => {
    const reply = { id: 9001, name: "CI", token: "n3w5ecr3tn3w5ecr3tn3w5ecr3t00001", created_by: TOKEN, resources: [] };
    h.sandbox.injectFault({ kind: "status", status: 200, body: JSON.stringify(reply) });
    const result = await h.call("mailtrap_accounts_create_api_token", {
      account_id: 1001,
      name: "CI",
      resources: [{ resource_type: "account", resource_id: 1001, access_level: 10 }],
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ id: 9001, token: reply.token, created_by: "[redacted]" });
    expect(textOf(result)).toContain(reply.token);
  });

  it("in an error message: the error text carries no form of it", async () => {
    const body = { errors: { base: everyForm.map((form) => `token ${form} is not allowed`) } };
    h.sandbox.injectFault({ kind: "status", status: 422, body: JSON.stringify(body) });
    const result = await h.call("mailtrap_accounts_get_all_accounts");
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/HTTP 422: token \[redacted\] is not allowed/);
    expectNoToken(textOf(result), TOKEN);
  });
});

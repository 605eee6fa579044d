// Bounded, linear work on bad replies: a huge non-JSON body cannot freeze the server, Mailtrap's messages are
// shown up to a fixed length and read as words whatever shape `errors` takes, compressed bodies are not shown.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, textOf } from "./helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { MAILTRAP_TIMEOUT_MS: "2000" } });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  expect(h.transcript()).not.toContain(h.sandbox.token);
  h.sandbox.reset();
});

const status = (code: number, body: string, contentType = "text/html") => ({ kind: "status" as const, status: code, body, contentType });

describe("a huge non-JSON error body", () => {
  it.each([
    ["unclosed <", "<".repeat(60_000)],
    ["unclosed tags", "<a ".repeat(30_000)],
  ])("(%s, ~60 KB) ends as a short error at once, and calls beside it are not stalled", async (_name, body) => {
    h.sandbox.injectFault(status(500, body), { pathIncludes: "/billing" });
    const started = Date.now();
    const [failed, beside] = await Promise.all([
      h.call("mailtrap_accounts_get_account_billing_usage", { account_id: 1001 }),
      h.call("mailtrap_accounts_get_all_accounts"),
    ]);
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toMatch(/^Error: Mailtrap API returned HTTP 500/);
    expect(textOf(failed).length).toBeLessThan(400);
    expect(beside.isError, textOf(beside)).toBeFalsy();
    // The old quadratic excerpt took seconds on these bodies; linear work takes milliseconds.
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});

describe("Mailtrap's messages", () => {
  it("a 1.9 MB message is shown up to a fixed length", async () => {
    h.sandbox.injectFault(status(422, JSON.stringify({ errors: { name: ["is invalid: " + "x".repeat(1_900_000)] } }), "application/json"));
    const result = await h.call("mailtrap_accounts_get_all_accounts");
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Error: Mailtrap API returned HTTP 422: name: is invalid: x+…/);
    expect(textOf(result).length).toBeLessThan(800);
  });

  it.each([
    [{ errors: [{ field: "name", message: "can't be blank" }, { message: "too many tokens" }] }, "name: can't be blank; too many tokens"],
    [{ errors: ["Name is taken", "Too many tokens"] }, "Name is taken; Too many tokens"],
    [{ errors: { base: ["No permissions selected."], name: "is too long" } }, "No permissions selected.; name: is too long"],
  ])("errors %j reads as words", async (body, words) => {
    h.sandbox.injectFault(status(422, JSON.stringify(body), "application/json"));
    const result = await h.call("mailtrap_accounts_get_all_accounts");
    expect(textOf(result)).toContain(`HTTP 422: ${words}`);
    expect(textOf(result)).not.toContain("[object Object]");
  });
});

describe("compressed bodies", () => {
  it("asks for identity encoding, and a gzip body sent anyway is described, not shown as garbage", async () => {
    h.sandbox.injectFault({ kind: "gzip", status: 500, body: "<html><body><h1>Internal error</h1></body></html>" });
    const result = await h.call("mailtrap_accounts_get_all_accounts");
    expect(h.sandbox.requests[0]?.headers["accept-encoding"]).toBe("identity");
    expect(textOf(result)).toBe(
      "Error: Mailtrap API returned HTTP 500: a gzip-compressed body that was not decoded. Mailtrap had a server error; try again later.",
    );
  });
});

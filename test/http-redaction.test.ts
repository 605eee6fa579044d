// --http redacts each request's own tokens (sent in its headers, never configured on the server) from what the
// model sees and from every log line: the sandbox echoes them in a 200 body and in an error body, over real HTTP.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { REDACTED } from "../src/redact.js";
import { connect, type Era, type HttpInstance, startHttp, startSandbox, textOf } from "./helpers/http-mode.js";
import { SAMPLE_SECRETS, type Sandbox } from "./support/sandbox.js";

const TOKEN = SAMPLE_SECRETS.account;
const ORG_TOKEN = SAMPLE_SECRETS.organization;
const HEADERS = { "X-Mailtrap-Api-Token": TOKEN, "X-Mailtrap-Organization-Api-Token": ORG_TOKEN };

let sandbox: Sandbox;
let http: HttpInstance;
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: false });
  // Debug level: every log line the server can write is in http.logs, the access log's among them.
  http = await startHttp(sandbox, { env: { MAILTRAP_LOG_LEVEL: "debug" } });
});
afterAll(async () => {
  await http.close();
  await sandbox.close();
});
afterEach(() => sandbox.reset());

describe.each<Era>(["legacy", "modern"])("--http, %s era: the request's own tokens are redacted", (era) => {
  it("from a 200 result that echoes them, text and structured content alike", async () => {
    const client = await connect(http.url, era, HEADERS);
    const echo = [{ id: 1001, name: `Acme ${TOKEN} / ${ORG_TOKEN}`, access_levels: [1000] }];
    sandbox.injectFault({ kind: "status", status: 200, body: JSON.stringify(echo) }, { pathIncludes: "/accounts" });
    const result = await client.call("mailtrap_accounts_get_all_accounts");
    expect(result.isError).toBeFalsy();
    // The request did carry the token upstream: the echo is real, and it stops here.
    expect(sandbox.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const seen = JSON.stringify(result);
    expect(seen).not.toContain(TOKEN);
    expect(seen).not.toContain(ORG_TOKEN);
    expect(textOf(result)).toContain(`Acme ${REDACTED} / ${REDACTED}`);
    expect(result.structuredContent).toMatchObject({ accounts: [{ id: 1001, name: `Acme ${REDACTED} / ${REDACTED}` }] });
    await client.close();
    expect(http.logs.some((l) => l.includes("tools/call mailtrap_accounts_get_all_accounts 200"))).toBe(true);
    expect(http.logs.join("")).not.toContain(TOKEN);
    expect(http.logs.join("")).not.toContain(ORG_TOKEN);
  });

  it("from an error that echoes them", async () => {
    const client = await connect(http.url, era, HEADERS);
    const body = JSON.stringify({ errors: [`token ${TOKEN} may not read this`] });
    sandbox.injectFault({ kind: "status", status: 403, body }, { pathIncludes: "/accounts" });
    const result = await client.call("mailtrap_accounts_get_all_accounts");
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Error: /);
    expect(textOf(result)).toContain(`token ${REDACTED} may not read this`);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    await client.close();
    expect(http.logs.join("")).not.toContain(TOKEN);
  });
});

// stdout is the protocol's: whatever DOTENV_CONFIG_* says, in the environment or in .env itself, reading .env
// prints nothing, and every line the built bin writes is a JSON-RPC message.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INITIALIZE, INITIALIZED, spawnBin } from "./helpers/bin.js";
import { type Sandbox, startSandbox } from "./support/sandbox.js";

let sandbox: Sandbox;
let dir: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), "mailtrap-dotenv-"));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every variable dotenv's config() obeys, each set to its loudest value. */
const LOUD: Record<string, string> = {
  DOTENV_CONFIG_QUIET: "false",
  DOTENV_CONFIG_DEBUG: "true",
  DOTENV_CONFIG_OVERRIDE: "true",
  DOTENV_CONFIG_ENCODING: "latin1",
  DOTENV_CONFIG_PATH: "/nonexistent/.env",
  DOTENV_CONFIG_DOTENV_KEY: "dotenv://:key_1234@dotenvx.com/vault/.env.vault?environment=production",
  DOTENV_KEY: "dotenv://:key_1234@dotenvx.com/vault/.env.vault?environment=production",
};

describe.each([
  ["in the environment", LOUD, {}],
  ["in .env itself", {}, LOUD],
  ["in both", LOUD, LOUD],
])("DOTENV_CONFIG_* set %s", (_where, env, file) => {
  it("stdout holds only JSON-RPC, and .env is still read (never overriding the environment)", async () => {
    const lines = Object.entries({
      ...file,
      MAILTRAP_API_TOKEN: sandbox.token,
      MAILTRAP_API_BASE_URL: sandbox.url,
      MAILTRAP_LOG_LEVEL: "silent",
    });
    writeFileSync(join(dir, ".env"), lines.map(([k, v]) => `${k}=${v}`).join("\n"));
    // The environment's log level wins over the file's: the ready line shows it was not overridden.
    const bin = spawnBin({ ...env, MAILTRAP_LOG_LEVEL: "info" }, [], { cwd: dir });
    bin.send(INITIALIZE);
    await bin.response(1);
    bin.send(INITIALIZED);
    bin.send({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "mailtrap_accounts_get_all_accounts", arguments: {} } });
    const call = (await bin.response(2)) as { result: { isError?: boolean } };
    expect(call.result.isError).toBeFalsy();
    bin.child.stdin.end();
    expect((await bin.exited).code).toBe(0);
    const out = bin.stdout();
    expect(out.endsWith("\n")).toBe(true);
    for (const line of out.slice(0, -1).split("\n")) expect(JSON.parse(line)).toHaveProperty("jsonrpc", "2.0");
    expect(bin.stderr()).toMatch(/info: .* ready: 13 tools/);
    expect(out + bin.stderr()).not.toContain(sandbox.token);
  });
});

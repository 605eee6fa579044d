// The bin's command line, as a person meets it: --help, --version, bad settings, --check and --demo.
import { spawn } from "node:child_process";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENV_VARIABLES, FLAG_NAMES } from "../src/config.js";
import { TOOLS } from "../src/tools/index.js";
import { BIN, binEnv } from "./helpers/bin.js";
import { type Sandbox, startSandbox } from "./support/sandbox.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

/** Runs the bin to completion with stdin closed; bounded in time. */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: binEnv(env), cwd: "/tmp", stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`timed out: ${args.join(" ")}`));
    }, 10_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const api = () => ({ MAILTRAP_API_TOKEN: sandbox.token, MAILTRAP_API_BASE_URL: sandbox.url });

describe("--help and --version", () => {
  it("--help lists every flag and variable and exits 0", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    for (const flag of FLAG_NAMES) expect(stdout).toContain(flag);
    for (const variable of ENV_VARIABLES) expect(stdout).toContain(variable);
    expect(stdout).toContain("mailtrap_accounts_get_all_accounts");
  });

  it("--version prints the package version and exits 0", async () => {
    const { code, stdout } = await run(["--version"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe("bad settings stop the start with one clear line", () => {
  it.each([
    [["--tools=get_all_accounts,get_everything"], {}, /unknown tool "get_everything"\. Valid tools .*list_api_tokens/],
    [[], { MAILTRAP_EXCLUDE_TOOLS: "drop_tables" }, /unknown tool "drop_tables"/],
    [[], { MAILTRAP_ACCOUNT_ID: "acme" }, /MAILTRAP_ACCOUNT_ID must be a whole number/],
    [["--token=abc"], {}, /read from the environment only/],
    [["--bogus"], {}, /Unknown option '--bogus'/],
  ])("%j %j", async (args, env, message) => {
    const { code, stdout, stderr } = await run(args, env);
    expect(code).not.toBe(0);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});

describe("--check", () => {
  it("with a working token: lists the accounts, the enabled tools and the organization setup; exit 0", async () => {
    const { code, stdout, stderr } = await run(["--check", "--read-only"], { ...api(), MAILTRAP_ACCOUNT_ID: "1001" });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain("1001  Acme Corp  (owner)");
    expect(stdout).toContain("1002  Acme Staging  (admin)");
    expect(stdout).toContain("Default account (MAILTRAP_ACCOUNT_ID): 1001 Acme Corp");
    expect(stdout).toContain("Read-only: yes");
    expect(stdout).toMatch(/Tools enabled \(7\): mailtrap_accounts_get_all_accounts/);
    expect(stdout).toMatch(/Organization tools: enabled, using MAILTRAP_API_TOKEN \(must be organization-level/);
    expect(stdout).toContain("OK: the configuration works.");
    expect(stdout + stderr).not.toContain(sandbox.token);
  });

  it("prints the longest tool name and warns when a Claude Code plugin's prefix would push it past 64", async () => {
    const full = await run(["--check"], api());
    expect(full.code, full.stderr).toBe(0);
    expect(full.stdout).toContain("Longest tool name: mailtrap_accounts_create_organization_sub_account (49 characters;");
    // mcp__mailtrap__ + 49 = 64 fits; the plugin prefix (31) does not.
    expect(full.stderr.match(/^WARN: .*$/gm)).toEqual([
      expect.stringMatching(
        /^WARN: as a Claude Code plugin .*mcp__plugin_mailtrap_mailtrap__mailtrap_accounts_create_organization_sub_account: 80 characters, over 64; .*Set MAILTRAP_SHORT_NAMES=true/,
      ),
    ]);

    const short = await run(["--check", "--short-names"], api());
    expect(short.code, short.stderr).toBe(0);
    expect(short.stdout).toContain("Longest tool name: create_organization_sub_account (31 characters;");
    expect(short.stdout).toMatch(/Tools enabled \(13\): get_all_accounts, get_all_users_in_account/);
    expect(short.stderr).not.toContain("WARN");
  });

  it("with a wrong token: says the token is wrong; non-zero exit; the token is not printed", async () => {
    const { code, stdout, stderr } = await run(["--check"], { ...api(), MAILTRAP_API_TOKEN: "not-the-right-token-123456" });
    expect(code).toBe(1);
    expect(stderr).toMatch(/FAIL: GET http:\/\/127\.0\.0\.1:\d+\/api\/accounts: the token is wrong or expired \(HTTP 401\)/);
    expect(stdout + stderr).not.toContain("not-the-right-token-123456");
  });

  it("with an unreachable API: names the URL that failed", async () => {
    const { code, stderr } = await run(["--check"], { MAILTRAP_API_TOKEN: "x".repeat(20), MAILTRAP_API_BASE_URL: "http://127.0.0.1:9" });
    expect(code).toBe(1);
    expect(stderr).toMatch(/FAIL: GET http:\/\/127\.0\.0\.1:9\/api\/accounts: .*connection refused/);
  });

  it("with no token: says to set MAILTRAP_API_TOKEN", async () => {
    const { code, stderr } = await run(["--check"]);
    expect(code).toBe(1);
    expect(stderr).toContain("MAILTRAP_API_TOKEN is not set");
  });

  it("with a default account the token cannot see: non-zero, says which", async () => {
    const { code, stderr } = await run(["--check"], { ...api(), MAILTRAP_ACCOUNT_ID: "1003" });
    expect(code).toBe(1);
    expect(stderr).toContain("MAILTRAP_ACCOUNT_ID 1003 is not among the accounts");
  });
});

describe("--demo", () => {
  it("serves every tool on sample data with no token, says it is a demo, and keeps writes for the process", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, "--demo"],
      // A real-looking token and the real API address must both be ignored in demo mode.
      env: binEnv({ MAILTRAP_API_TOKEN: "real-token-should-not-be-used", MAILTRAP_API_BASE_URL: "https://mailtrap.io" }),
      cwd: "/tmp",
      stderr: "pipe",
    });
    let stderr = "";
    transport.stderr?.on("data", (d: Buffer) => (stderr += d));
    const client = new Client({ name: "demo-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      expect(client.getInstructions()).toMatch(/^DEMO MODE/);
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(TOOLS.length);
      const accounts = await client.callTool({ name: "mailtrap_accounts_get_all_accounts", arguments: {} });
      expect(accounts.structuredContent).toMatchObject({ accounts: [{ id: 1001, name: "Acme Corp" }, { id: 1002 }] });
      const created = await client.callTool({
        name: "mailtrap_accounts_create_api_token",
        arguments: { account_id: 1001, name: "Demo token", resources: [{ resource_type: "account", resource_id: 1001, access_level: 10 }] },
      });
      expect(created.isError).toBeFalsy();
      const listed = await client.callTool({ name: "mailtrap_accounts_list_api_tokens", arguments: { account_id: 1001 } });
      expect(JSON.stringify(listed.structuredContent)).toContain("Demo token");
      const subAccounts = await client.callTool({
        name: "mailtrap_accounts_get_organization_sub_accounts",
        arguments: { organization_id: 501 },
      });
      expect(subAccounts.isError).toBeFalsy();
      expect(stderr).toContain("DEMO MODE");
    } finally {
      await client.close();
    }
  });
});

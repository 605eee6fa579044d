// Every client issue 10 names, tried as its users run it: the built bin over stdio against the loopback sandbox,
// from the JS clients as libraries (each through its own conversion code, in test/clients/*.mjs, under a Node its
// engines accept) and from the Inspector and Claude Code as CLIs. For each: all 13 tools list and convert, a read
// returns the sandbox's data, a failing call reaches the model as an error whose text starts with "Error:", and
// every name the client would send to a model fits 64 characters with the README's key `mailtrap`, and with
// --short-names behind a Claude Code plugin's prefix. Clients are pinned (PINS) and installed by .ci/run.
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { HOST_PREFIXES } from "../src/check.js";
import { TOOLS } from "../src/tools/index.js";
import { BIN } from "./helpers/bin.js";
import { CLIENTS_DIR, clientVersion, INSPECTOR, NEWEST_NODE, NODE_22 } from "./helpers/clients.js";
import { type Block, startEgressTrap, startFakeMessagesApi } from "./helpers/fake-messages-api.js";
import { nameRules } from "./helpers/schema-rules.js";
import { type Sandbox, startSandbox } from "./support/sandbox.js";

/** Exactly what CI installs (.ci/run) and the README's "Tested clients" table names. */
export const PINS: Record<string, string> = {
  "@ai-sdk/mcp": "2.0.99",
  ai: "7.0.173",
  "@langchain/mcp-adapters": "1.1.4",
  "@langchain/core": "1.4.0",
  "@langchain/langgraph": "1.7.3",
  "@openai/agents-core": "0.20.0",
  "@mastra/mcp": "2.0.0",
  "@mastra/core": "1.71.0",
  "mcp-use": "1.34.6",
  mcporter: "0.12.3",
  "@modelcontextprotocol/inspector": "2.12.0",
  "@anthropic-ai/claude-code-linux-x64": "2.1.332",
};

const FULL = TOOLS.map((t) => t.name);
const SHORT = FULL.map((n) => n.replace(/^mailtrap_accounts_/, ""));
const KEY_PREFIX = HOST_PREFIXES[0].prefix; // mcp__mailtrap__
const PLUGIN_PREFIX = HOST_PREFIXES[1].prefix; // mcp__plugin_mailtrap_mailtrap__
/** The two calls every client makes (test/clients/common.mjs): a read, and a token id Mailtrap answers 404. */
const EXPECTED_REQUESTS = ["GET /api/accounts", "GET /api/accounts/1001/api_tokens/999999"];
const ERROR_TEXT = "Error: Mailtrap API returned HTTP 404: Not Found.";
const sorted = (names: string[]) => [...names].sort();
const withPrefix = (prefix: string, names: string[]) => sorted(names.map((n) => prefix + n));

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mailtrap-clients-"));
  mkdirSync(join(work, "home"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Skips, with the reason, when the client or a Node its engines accept is missing; in CI that fails instead. */
function skipUnless(ctx: TestContext, packages: string[], minNode: number): void {
  for (const name of packages) {
    const found = clientVersion(name);
    if ("missing" in found) ctx.skip(found.missing);
    else ctx.expect(found.version, `${name} is pinned`).toBe(PINS[name]);
  }
  if (NEWEST_NODE.major < minNode) {
    const why = `needs Node ${minNode}+ (set MAILTRAP_MCP_TEST_NODES, see .ci/run); the newest here is ${NEWEST_NODE.major}`;
    if (process.env.CI) throw new Error(`CI: ${why}`);
    ctx.skip(why);
  }
}

/** The server exactly as a client config starts it: the built bin with the sandbox's token and URL. */
function serverEnv(sandbox: Sandbox): Record<string, string> {
  return { MAILTRAP_API_TOKEN: sandbox.token, MAILTRAP_API_BASE_URL: sandbox.url };
}

function run(command: string, args: string[], env: Record<string, string>, cwd: string, timeout = 25_000) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(command, args, { env, cwd, timeout, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

interface CallReport {
  name: string;
  isError: boolean;
  kind?: string;
  /** The text the model is given for the call. */
  shown: string;
}
interface SessionReport {
  listed: string[];
  converted: number;
  modelNames: string[];
  calls: CallReport[];
}
type DriverReport = { full: SessionReport; short: SessionReport; outbound: string[] } & Record<string, SessionReport | string[]>;

interface LibraryClient {
  label: string;
  /** test/clients/<driver>.mjs */
  driver: string;
  packages: string[];
  /** The highest engines.node minimum among its packages. */
  minNode: number;
  /** What the client puts before a tool name, in its own tool list and in what it sends a model. */
  prefix: string;
  /** Further namings the driver reports (driver key → the prefix it adds). */
  extra?: Record<string, string>;
}

const LIBRARIES: LibraryClient[] = [
  { label: "Vercel AI SDK", driver: "ai-sdk", packages: ["@ai-sdk/mcp", "ai"], minNode: 22, prefix: "" },
  {
    label: "LangChain",
    driver: "langchain",
    packages: ["@langchain/mcp-adapters", "@langchain/core", "@langchain/langgraph"],
    minNode: 20,
    prefix: "",
    // prefixToolNameWithServerName + additionalToolNamePrefix "mcp": the same 64-character ceiling as Claude Code.
    extra: { prefixed: KEY_PREFIX },
  },
  { label: "OpenAI Agents SDK", driver: "openai-agents", packages: ["@openai/agents-core"], minNode: 20, prefix: "" },
  {
    label: "Mastra",
    driver: "mastra",
    packages: ["@mastra/mcp", "@mastra/core", "ai"],
    minNode: 22,
    prefix: "mailtrap_",
  },
  {
    label: "mcp-use",
    driver: "mcp-use",
    packages: ["mcp-use", "@langchain/core", "@langchain/langgraph"],
    minNode: 20,
    prefix: "",
  },
  { label: "mcporter", driver: "mcporter", packages: ["mcporter"], minNode: 24, prefix: "" },
];

/** Copies the drivers next to a node_modules link to the pinned clients, so their imports resolve there. */
function driverDir(): string {
  const dir = join(work, "drivers");
  if (readdirSync(work).includes("drivers")) return dir;
  mkdirSync(dir);
  symlinkSync(join(CLIENTS_DIR!, "node_modules"), join(dir, "node_modules"));
  const source = fileURLToPath(new URL("./clients", import.meta.url));
  for (const file of readdirSync(source)) copyFileSync(join(source, file), join(dir, file));
  return dir;
}

async function runDriver(client: LibraryClient, sandbox: Sandbox): Promise<DriverReport> {
  const dir = driverDir();
  const reportFile = join(work, `${client.driver}.json`);
  const server = {
    command: process.execPath,
    args: [BIN],
    env: { PATH: process.env.PATH ?? "", HOME: join(work, "home"), ...serverEnv(sandbox) },
  };
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: join(work, "home"),
    CLIENT_MATRIX_SERVER: JSON.stringify(server),
    CLIENT_MATRIX_REPORT: reportFile,
    // The clients' documented telemetry switches (the driver's guard would refuse the connections anyway).
    MASTRA_TELEMETRY_DISABLED: "1",
    MCP_USE_ANONYMIZED_TELEMETRY: "false",
  };
  const { code, stderr } = await run(NEWEST_NODE.node, [join(dir, `${client.driver}.mjs`)], env, dir);
  let out: { ok: boolean; report?: DriverReport; error?: string };
  try {
    out = JSON.parse(readFileSync(reportFile, "utf8")) as typeof out;
  } catch {
    throw new Error(`${client.label}: the driver wrote no report (exit ${code}); stderr:\n${stderr.slice(-4000)}`);
  }
  if (!out.ok || !out.report) throw new Error(`${client.label}: ${out.error}\nstderr:\n${stderr.slice(-4000)}`);
  return out.report;
}

describe.concurrent("the JS clients as libraries", () => {
  it.for(LIBRARIES)("$label: lists and converts all 13, calls a read and a failing tool, names fit 64", async (client, ctx) => {
    skipUnless(ctx, client.packages, client.minNode);
    const sandbox = await startSandbox();
    try {
      const report = await runDriver(client, sandbox);
      ctx.expect(report.outbound, "connections other than loopback").toEqual([]);

      const { full, short } = report;
      ctx.expect(sorted(full.listed)).toEqual(withPrefix(client.prefix, FULL));
      ctx.expect(full.converted, "converted into the client's tool format").toBe(13);
      ctx.expect(sorted(full.modelNames)).toEqual(withPrefix(client.prefix, FULL));
      ctx.expect(sorted(short.listed)).toEqual(withPrefix(client.prefix, SHORT));
      ctx.expect(short.converted).toBe(13);
      ctx.expect(sorted(short.modelNames)).toEqual(withPrefix(client.prefix, SHORT));
      for (const [key, prefix] of Object.entries(client.extra ?? {})) {
        ctx.expect(sorted((report[key] as SessionReport).modelNames), key).toEqual(withPrefix(prefix, FULL));
      }
      const names = [full, short, ...Object.keys(client.extra ?? {}).map((k) => report[k] as SessionReport)].flatMap((s) => s.modelNames);
      for (const name of names) ctx.expect(nameRules(name), name).toEqual([]);

      const [read, fail] = full.calls;
      ctx.expect(read?.isError, "the read").toBe(false);
      ctx.expect(read?.shown).toContain("Acme Corp");
      ctx.expect(read?.shown).toContain("Acme Staging");
      ctx.expect(fail?.isError, "the failing call is an error in the client's terms").toBe(true);
      // The whole text starts with "Error:", or (mcp-use) the MCP result is handed over as JSON.
      ctx.expect(fail?.shown).toMatch(/^Error: |^\{"content":\[\{"type":"text","text":"Error: /);
      ctx.expect(fail?.shown).toContain(ERROR_TEXT);
      ctx.expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(EXPECTED_REQUESTS);
    } finally {
      await sandbox.close();
    }
  });
});

describe.concurrent("the MCP Inspector CLI", () => {
  it("lists all 13 (and 13 short names), returns the sandbox's data, and fails the failing call", async (ctx) => {
    skipUnless(ctx, ["@modelcontextprotocol/inspector"], 22);
    const sandbox = await startSandbox();
    const env = { PATH: process.env.PATH ?? "", HOME: join(work, "home") };
    const inspect = (extra: string[], method: string[]) => {
      const flags = Object.entries(serverEnv(sandbox)).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
      return run(NODE_22!, [INSPECTOR!, "--cli", ...flags, process.execPath, BIN, ...extra, "--method", ...method], env, work);
    };
    try {
      const [list, listShort, read, fail] = await Promise.all([
        inspect([], ["tools/list"]),
        inspect(["--short-names"], ["tools/list"]),
        inspect([], ["tools/call", "--tool-name", "mailtrap_accounts_get_all_accounts"]),
        inspect(
          [],
          ["tools/call", "--tool-name", "mailtrap_accounts_get_api_token", "--tool-arg", "account_id=1001", "--tool-arg", "id=999999"],
        ),
      ]);
      const names = (r: { stdout: string }) => (JSON.parse(r.stdout) as { tools: Array<{ name: string }> }).tools.map((t) => t.name);
      ctx.expect(sorted(names(list))).toEqual(sorted(FULL));
      ctx.expect(sorted(names(listShort))).toEqual(sorted(SHORT));
      ctx.expect(read.code, read.stderr).toBe(0);
      ctx
        .expect(JSON.parse(read.stdout))
        .toMatchObject({ structuredContent: { accounts: [{ name: "Acme Corp" }, { name: "Acme Staging" }] } });
      // An isError result: the CLI exits non-zero and says so on stderr.
      ctx.expect(fail.code).not.toBe(0);
      ctx.expect(fail.stderr).toContain("tool_is_error");
      const failed = JSON.parse(fail.stdout) as { isError: boolean; content: Array<{ text: string }> };
      ctx.expect(failed.isError).toBe(true);
      ctx.expect(failed.content[0]?.text.startsWith(ERROR_TEXT)).toBe(true);
      // No model in between: the names as listed are what a host would prefix.
      for (const name of [...names(list), ...names(listShort)]) ctx.expect(nameRules(name), name).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});

describe("Claude Code as a CLI (offline: a scripted Messages API on loopback)", () => {
  it("connects with the README's `claude mcp add mailtrap`, and as a plugin with --short-names: every name fits, calls work", async (ctx) => {
    skipUnless(ctx, ["@anthropic-ai/claude-code-linux-x64"], 0);
    const claude = join(CLIENTS_DIR!, "node_modules/@anthropic-ai/claude-code-linux-x64/claude");
    const sandbox = await startSandbox();
    const trap = await startEgressTrap();
    const read = `${KEY_PREFIX}mailtrap_accounts_get_all_accounts`;
    const failing = `${KEY_PREFIX}mailtrap_accounts_get_api_token`;
    // The model's side: load the MCP tools (Claude Code defers them behind ToolSearch), call two, then finish.
    const api = await startFakeMessagesApi((request, body): Block[] => {
      const last = request.messages.at(-1)?.content;
      if (Array.isArray(last) && last.some((c) => c.tool_use_id === "toolu_read")) return [{ type: "text", text: "done" }];
      const loaded = (request.tools ?? []).some((t) => t.name === read);
      if (loaded || !(request.tools ?? []).some((t) => t.name === "ToolSearch")) {
        return [
          { type: "tool_use", id: "toolu_read", name: read, input: {} },
          { type: "tool_use", id: "toolu_fail", name: failing, input: { account_id: 1001, id: 999_999 } },
        ];
      }
      const mcpNames = [...new Set(body.match(/mcp__[A-Za-z0-9_-]+/g) ?? [])].filter((n) => !n.endsWith("__"));
      return [
        { type: "tool_use", id: "toolu_search", name: "ToolSearch", input: { query: `select:${mcpNames.join(",")}`, max_results: 50 } },
      ];
    });
    const home = join(work, "claude-home");
    const project = join(work, "claude-project");
    const plugin = join(work, "claude-plugin");
    mkdirSync(home);
    mkdirSync(project);
    mkdirSync(join(plugin, ".claude-plugin"), { recursive: true });
    writeFileSync(
      join(plugin, ".claude-plugin/plugin.json"),
      JSON.stringify({ name: "mailtrap", version: "0.1.0", description: "client matrix" }),
    );
    writeFileSync(
      join(plugin, ".mcp.json"),
      JSON.stringify({ mcpServers: { mailtrap: { command: process.execPath, args: [BIN, "--short-names"], env: serverEnv(sandbox) } } }),
    );
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: home,
      // Nothing but the loopback API: no telemetry, update checks or error reports; any other egress hits the trap.
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_TELEMETRY: "1",
      DISABLE_AUTOUPDATER: "1",
      DISABLE_ERROR_REPORTING: "1",
      ANTHROPIC_BASE_URL: api.url,
      ANTHROPIC_API_KEY: "sk-ant-loopback-only",
      HTTPS_PROXY: trap.url,
      HTTP_PROXY: trap.url,
      NO_PROXY: "127.0.0.1,localhost",
    };
    try {
      const tokenFlags = Object.entries(serverEnv(sandbox)).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
      const add = await run(claude, ["mcp", "add", "mailtrap", ...tokenFlags, "--", process.execPath, BIN], env, project);
      ctx.expect(add.code, add.stderr).toBe(0);
      const list = await run(claude, ["mcp", "list"], env, project);
      ctx.expect(list.stdout).toMatch(/^mailtrap: .* - ✔ Connected$/m);

      const prompt = [
        "-p",
        "List my Mailtrap accounts.",
        "--allowedTools",
        "mcp__mailtrap",
        "--plugin-dir",
        plugin,
        "--output-format",
        "json",
      ];
      const session = await run(claude, prompt, env, project);
      ctx.expect(session.code, session.stderr).toBe(0);
      ctx.expect(JSON.parse(session.stdout)).toMatchObject({ is_error: false, result: "done" });

      // What the Messages API was sent once the tools were loaded: both servers' 13 tools, every name within 64.
      const final = api.requests.at(-1)!;
      const sent = (final.tools ?? []).map((t) => t.name).filter((n) => n.startsWith("mcp__"));
      ctx.expect(sorted(sent)).toEqual(sorted([...withPrefix(KEY_PREFIX, FULL), ...withPrefix(PLUGIN_PREFIX, SHORT)]));
      for (const name of sent) ctx.expect(nameRules(name), name).toEqual([]);
      ctx.expect(Math.max(...sent.filter((n) => n.startsWith(KEY_PREFIX)).map((n) => n.length))).toBe(64);

      const results = (final.messages.at(-1)?.content ?? []) as Array<{ tool_use_id: string; content: string; is_error?: boolean }>;
      const readResult = results.find((r) => r.tool_use_id === "toolu_read");
      const failResult = results.find((r) => r.tool_use_id === "toolu_fail");
      ctx.expect(readResult?.is_error ?? false).toBe(false);
      ctx.expect(readResult?.content).toContain("Acme Staging");
      ctx.expect(failResult?.is_error).toBe(true);
      ctx.expect(failResult?.content.startsWith(ERROR_TEXT)).toBe(true);
      ctx.expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(EXPECTED_REQUESTS);
      ctx.expect(trap.attempts, "egress other than loopback").toEqual([]);
    } finally {
      await Promise.all([api.close(), trap.close(), sandbox.close()]);
    }
  });
});

describe("the pins", () => {
  it("are installed by .ci/run and named in the README's Tested clients table, exactly", () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const ci = readFileSync(join(root, ".ci/run"), "utf8");
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("### Tested clients"));
    const installed = /^clients="([^"]*)"$/m.exec(ci)?.[1]?.split(" ") ?? [];
    for (const [name, version] of Object.entries(PINS)) {
      expect(installed, name).toContain(`${name}@${version}`);
      expect(table, name).toContain(`\`${name}\` ${version}`);
    }
  });
});

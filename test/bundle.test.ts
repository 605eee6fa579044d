// The MCP Bundle as Claude Desktop gets it: `npm run bundle`'s .mcpb, unpacked with Node's zlib, checked by the mcpb
// CLI and against the registry, then started the way Claude Desktop starts it: the manifest's command, args and env
// with ${__dirname} and ${user_config.*} substituted by getMcpConfigForManifest, the mcpb library function Claude
// Desktop itself uses. Only MAILTRAP_API_BASE_URL is added, to point the server at the loopback sandbox.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { getMcpConfigForManifest, type McpbManifestAny } from "@anthropic-ai/mcpb";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOOLS } from "../src/tools/index.js";
import { binEnv } from "./helpers/bin.js";
import { CONFIG_VARIABLES, SHORT_NAMES_IMPLEMENTED } from "./helpers/config-variables.js";
import { TEST_NODES } from "./helpers/nodes.js";
import { readZip, type ZipEntry } from "./helpers/zip.js";
import { type Sandbox, startSandbox } from "./support/sandbox.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; version: string; engines: { node: string } };
const PREFIX = "mailtrap_accounts_";

interface Manifest {
  manifest_version: string;
  name: string;
  version: string;
  icon: string;
  server: { type: string; entry_point: string; mcp_config: { command: string; args: string[]; env: Record<string, string> } };
  user_config: Record<string, { type: string; required?: boolean; sensitive?: boolean; default?: unknown }>;
  tools: Array<{ name: string; description: string }>;
  compatibility: { platforms: string[]; runtimes: { node: string } };
}

let work: string;
let unpacked: string;
let entries: Map<string, ZipEntry>;
let manifest: Manifest;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mailtrap-mcpb-"));
  const archive = join(work, `${pkg.name}.mcpb`);
  // dist/ is built by `npm test` before vitest runs; this is `npm run bundle` without the rebuild.
  execFileSync(process.execPath, [join(root, "scripts", "bundle.mjs"), archive], { cwd: root, stdio: "pipe" });
  entries = readZip(readFileSync(archive));
  unpacked = join(work, "installed");
  for (const [name, entry] of entries) {
    const target = join(unpacked, name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entry.data);
    if (entry.mode) chmodSync(target, entry.mode);
  }
  manifest = JSON.parse(entries.get("manifest.json")!.data.toString("utf8")) as Manifest;
}, 60_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(root, join(d.parentPath, d.name)).split("\\").join("/"));
}

describe("the MCP Bundle", () => {
  it("holds only what runs: the built dist, the manifest, the icon, README, LICENSE and an ESM package.json", () => {
    const names = [...entries.keys()];
    for (const name of names) expect(name, name).toMatch(/^(dist\/.+\.js|manifest\.json|icon\.png|README\.md|LICENSE|package\.json)$/);
    expect(names.filter((n) => n.startsWith("dist/")).sort()).toEqual(filesUnder(join(root, "dist")).sort());
    // Node before 20.19 / 22.7 would read the ESM dist as CommonJS without "type": "module".
    expect(JSON.parse(entries.get("package.json")!.data.toString("utf8"))).toMatchObject({
      name: pkg.name,
      version: pkg.version,
      type: "module",
    });
    expect(entries.get("manifest.json")!.data.equals(readFileSync(join(root, "manifest.json")))).toBe(true);
    const icon = entries.get(manifest.icon)!.data;
    expect(icon.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it("passes the mcpb CLI's validate (schema and icon)", () => {
    const cli = join(root, "node_modules", ".bin", "mcpb");
    const result = spawnSync(process.execPath, [cli, "validate", join(unpacked, "manifest.json")], { encoding: "utf8", timeout: 30_000 });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("Manifest schema validation passes!");
    expect(result.stdout).not.toContain("ERROR");
  });

  it("is manifest version 0.3, with its version, Node range and tools taken from package.json and the registry", () => {
    // 0.3 is the current version in mcpb's MANIFEST.md; 0.4 is marked experimental and only adds the uv server type.
    expect(manifest.manifest_version).toBe("0.3");
    expect(manifest).toMatchObject({ name: pkg.name, version: pkg.version, compatibility: { runtimes: { node: pkg.engines.node } } });
    expect(manifest.compatibility.platforms.sort()).toEqual(["darwin", "linux", "win32"]);
    expect(manifest.tools, "manifest.json is behind the registry: npm run manifest").toEqual(
      TOOLS.map((t) => ({ name: t.name, description: t.description })),
    );
    expect(manifest.server).toMatchObject({ type: "node", entry_point: "dist/index.js" });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the manifest's own placeholder, substituted by the host
    expect(manifest.server.mcp_config).toMatchObject({ command: "node", args: ["${__dirname}/dist/index.js"] });
    expect(entries.has(manifest.server.entry_point)).toBe(true);
  });

  it("wires each user setting to exactly one variable the server reads; only the token is required, and both tokens are secret", async () => {
    const env = manifest.server.mcp_config.env;
    const used = Object.values(env).map((value) => /^\$\{user_config\.([a-z_]+)\}$/.exec(value)?.[1]);
    expect(used.sort()).toEqual(Object.keys(manifest.user_config).sort());
    for (const name of Object.keys(env)) expect(CONFIG_VARIABLES.has(name), name).toBe(true);
    const settingFor = (variable: string) => manifest.user_config[/\{user_config\.([a-z_]+)\}/.exec(env[variable]!)![1]!]!;
    expect(settingFor("MAILTRAP_API_TOKEN")).toMatchObject({ type: "string", sensitive: true, required: true });
    expect(settingFor("MAILTRAP_ORGANIZATION_API_TOKEN")).toMatchObject({ type: "string", sensitive: true, required: false });
    expect(settingFor("MAILTRAP_READ_ONLY")).toMatchObject({ type: "boolean", default: true });
    expect(settingFor("MAILTRAP_CONFIRM_DESTRUCTIVE")).toMatchObject({ type: "boolean", default: false });
    expect(settingFor("MAILTRAP_SHORT_NAMES")).toMatchObject({ type: "boolean", default: false });
    expect(
      Object.entries(manifest.user_config)
        .filter(([, s]) => s.required)
        .map(([key]) => key),
    ).toEqual(["api_token"]);
    // Claude Desktop leaves an optional setting without a default as a literal "${user_config.x}"; "" reads as unset.
    for (const [key, setting] of Object.entries(manifest.user_config)) if (!setting.required) expect(setting.default, key).toBeDefined();
    // Without the token, Claude Desktop does not start the server at all.
    expect(await desktopConfig({})).toBeUndefined();
  });
});

/** What Claude Desktop runs for these settings (undefined: it would not start the server). */
function desktopConfig(userConfig: Record<string, string | boolean>) {
  return getMcpConfigForManifest({
    manifest: manifest as unknown as McpbManifestAny,
    extensionPath: unpacked,
    systemDirs: { HOME: work, DESKTOP: work, DOCUMENTS: work, DOWNLOADS: work },
    userConfig,
    pathSeparator: "/",
  });
}

async function startAsDesktop(userConfig: Record<string, string | boolean>, node: string, api: Sandbox): Promise<Client> {
  const config = await desktopConfig(userConfig);
  if (!config) throw new Error("Claude Desktop would not start the server with these settings");
  expect(config.command).toBe("node");
  expect(config.args).toEqual([join(unpacked, "dist", "index.js")]);
  expect(JSON.stringify(config.env)).not.toContain("${");
  const transport = new StdioClientTransport({
    command: node, // Claude Desktop runs "node" with its bundled Node.js; here, the Node under test
    args: config.args ?? [],
    env: binEnv({ ...config.env, MAILTRAP_API_BASE_URL: api.url }),
    cwd: unpacked,
    stderr: "pipe",
  });
  const client = new Client({ name: "claude-ai", version: "0.14.0" });
  await client.connect(transport);
  return client;
}

describe.each(TEST_NODES)("the unpacked bundle started as Claude Desktop starts it, on Node %s", (_version, node) => {
  let api: Sandbox;
  beforeAll(async () => {
    api = await startSandbox();
  });
  afterAll(async () => {
    await api.close();
  });

  it("with only the token set: read-only by default, serves the read tools and their data, refuses a write", async () => {
    api.reset();
    const client = await startAsDesktop({ api_token: api.token }, node, api);
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(TOOLS.filter((t) => t.annotations.readOnlyHint).map((t) => t.name));
      const accounts = await client.callTool({ name: `${PREFIX}get_all_accounts`, arguments: {} });
      expect(accounts.isError).toBeFalsy();
      expect(accounts.structuredContent).toMatchObject({ accounts: [{ id: 1001 }, { id: 1002 }] });
      expect(api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${api.token}`);
      const write = await client.callTool({ name: `${PREFIX}delete_api_token`, arguments: { account_id: 1001, id: 1 } });
      expect(write.isError).toBe(true);
      expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /api/accounts"]);
    } finally {
      await client.close();
    }
  });

  it("with every setting: all 13 tools, the default account, the organization token for the sub-account tools", async () => {
    api.reset();
    const settings = {
      api_token: api.token,
      organization_api_token: api.organizationToken,
      read_only: false,
      account_id: "1001",
      confirm_destructive: false,
      short_names: false,
    };
    const client = await startAsDesktop(settings, node, api);
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
      const tokens = await client.callTool({ name: `${PREFIX}list_api_tokens`, arguments: {} });
      expect(tokens.isError).toBeFalsy();
      expect(api.requests.at(-1)?.path).toBe("/api/accounts/1001/api_tokens");
      const subAccounts = await client.callTool({ name: `${PREFIX}get_organization_sub_accounts`, arguments: { organization_id: 501 } });
      expect(subAccounts.isError).toBeFalsy();
      expect(api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${api.organizationToken}`);
    } finally {
      await client.close();
    }
  });

  it.runIf(SHORT_NAMES_IMPLEMENTED)("with short names on: serves the tools without the mailtrap_accounts_ prefix", async () => {
    const client = await startAsDesktop({ api_token: api.token, read_only: false, short_names: true }, node, api);
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name.slice(PREFIX.length)));
      const accounts = await client.callTool({ name: "get_all_accounts", arguments: {} });
      expect(accounts.structuredContent).toMatchObject({ accounts: [{ id: 1001 }, { id: 1002 }] });
    } finally {
      await client.close();
    }
  });
});

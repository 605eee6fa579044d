// The README's client setup: every one-click install link decodes to exactly the configuration block printed beside
// it, and every guide names the server `mailtrap`, which keeps Claude Code's `mcp__<server>__<tool>` within 64.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TOOLS } from "../src/tools/index.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  name: string;
  scripts: Record<string, string>;
};

/** The text under a "### " heading, up to the next heading of level 2 or 3. */
function section(heading: string): string {
  const start = readme.indexOf(`\n### ${heading}\n`);
  if (start < 0) throw new Error(`README has no "### ${heading}" section`);
  const rest = readme.slice(start + heading.length + 6);
  const end = rest.search(/\n#{2,3} /);
  return end < 0 ? rest : rest.slice(0, end);
}

function jsonBlocks(text: string): Array<Record<string, unknown>> {
  return [...text.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
}

const INSTALL_LINK =
  /(?:https:\/\/(?:insiders\.)?vscode\.dev\/redirect\/mcp\/install|https:\/\/cursor\.com\/(?:[a-zA-Z-]+\/)?install-mcp|cursor:\/\/anysphere\.cursor-deeplink\/mcp\/install|vscode(?:-insiders)?:mcp\/install)\?[^\s)`"]+/g;
const installLinks = (text: string) => [...text.matchAll(INSTALL_LINK)].map((m) => m[0]);

interface Decoded {
  client: "VS Code" | "VS Code Insiders" | "Cursor";
  name: string;
  server: unknown;
  inputs?: unknown;
}

/** What the client receives when the link is opened, in the format each client documents. */
function decode(link: string): Decoded {
  if (/^vscode(-insiders)?:/.test(link)) {
    // vscode:mcp/install?<encodeURIComponent(JSON of {name, inputs?, ...server})>
    const { name, inputs, ...server } = JSON.parse(decodeURIComponent(link.slice(link.indexOf("?") + 1))) as Record<string, unknown>;
    return { client: link.startsWith("vscode-insiders:") ? "VS Code Insiders" : "VS Code", name: String(name), server, inputs };
  }
  const url = new URL(link);
  const name = url.searchParams.get("name") ?? "";
  const config = url.searchParams.get("config") ?? "";
  if (url.hostname.endsWith("vscode.dev")) {
    const inputs = url.searchParams.get("inputs");
    const client = url.searchParams.get("quality") === "insiders" ? "VS Code Insiders" : "VS Code";
    return { client, name, server: JSON.parse(config), inputs: inputs === null ? undefined : JSON.parse(inputs) };
  }
  // Cursor: config is the server entry of mcp.json, JSON then base64.
  return { client: "Cursor", name, server: JSON.parse(Buffer.from(config, "base64").toString("utf8")) };
}

const servers = (block: Record<string, unknown>) => (block.mcpServers ?? block.servers) as Record<string, Record<string, unknown>>;

describe("README one-click installs", () => {
  it("every install link sits in its client's section", () => {
    const vscode = installLinks(section("VS Code"));
    const cursor = installLinks(section("Cursor"));
    expect(installLinks(readme).sort()).toEqual([...vscode, ...cursor].sort());
    expect(vscode.map((l) => decode(l).client).sort()).toEqual(["VS Code", "VS Code Insiders"]);
    expect(cursor.map((l) => decode(l).client)).toEqual(["Cursor", "Cursor"]);
    expect(cursor.filter((l) => l.startsWith("https://"))).toHaveLength(1); // GitHub drops non-https link targets
  });

  it("VS Code and VS Code Insiders links install the .vscode/mcp.json block: the server and its token input", () => {
    const [block] = jsonBlocks(section("VS Code"));
    for (const link of installLinks(section("VS Code"))) {
      const decoded = decode(link);
      expect(Object.keys(servers(block!)), decoded.client).toEqual([decoded.name]);
      expect(decoded.server, decoded.client).toEqual(servers(block!)[decoded.name]);
      expect(decoded.inputs, decoded.client).toEqual(block!.inputs);
    }
  });

  it("the VS Code token is a prompted password input, referenced by the server's env", () => {
    const [block] = jsonBlocks(section("VS Code"));
    const [input] = block!.inputs as Array<{ id: string; type: string; password: boolean }>;
    expect(input).toMatchObject({ type: "promptString", password: true });
    expect(servers(block!).mailtrap!.env).toMatchObject({ MAILTRAP_API_TOKEN: `\${input:${input!.id}}` });
  });

  it("Cursor links (https and cursor://) install the ~/.cursor/mcp.json block, the Claude Desktop configuration", () => {
    const [block] = jsonBlocks(section("Cursor"));
    for (const link of installLinks(section("Cursor"))) {
      const decoded = decode(link);
      expect(Object.keys(servers(block!))).toEqual([decoded.name]);
      expect(decoded.server, link.slice(0, 40)).toEqual(servers(block!)[decoded.name]);
    }
    const [desktop] = jsonBlocks(section("Claude Desktop"));
    expect(block).toEqual(desktop);
  });
});

describe("README client guides", () => {
  const longest = TOOLS.map((t) => t.name).reduce((a, b) => (b.length > a.length ? b : a));

  it("name the server `mailtrap` everywhere, which keeps mcp__mailtrap__<longest tool> within 64 characters", () => {
    const blocks = jsonBlocks(readme).filter((b) => b.mcpServers ?? b.servers);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const block of blocks) expect(Object.keys(servers(block))).toEqual(["mailtrap"]);
    const adds = [...readme.matchAll(/claude mcp add (\S+)/g)].map((m) => m[1]);
    expect(adds.length).toBeGreaterThan(0);
    for (const name of adds) expect(name).toBe("mailtrap");
    for (const link of installLinks(readme)) expect(decode(link).name).toBe("mailtrap");
    expect(`mcp__mailtrap__${longest}`.length).toBeLessThanOrEqual(64);
    expect(readme).toContain(`\`mcp__mailtrap__${longest}\``);
  });

  it("Claude Desktop: names the bundle file that npm run bundle writes", () => {
    expect(pkg.scripts.bundle).toContain("scripts/bundle.mjs");
    expect(section("Claude Desktop")).toContain("`npm run bundle`");
    expect(section("Claude Desktop")).toContain(`\`${pkg.name}.mcpb\``);
  });
});

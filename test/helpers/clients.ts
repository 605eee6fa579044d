// Real MCP clients the portability and client-matrix tests run when they are installed (the Inspector CLI, the
// OpenAI Agents SDK, the Vercel AI SDK, LangChain, Mastra, mcp-use, mcporter, Claude Code), pinned in .ci/run.
// CI installs them under .ci/clients and sets MAILTRAP_MCP_TEST_CLIENTS; locally, .ci/clients is used when
// present. In CI they must exist.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { TEST_NODES } from "./nodes.js";

const LOCAL = fileURLToPath(new URL("../../.ci/clients", import.meta.url));
export const CLIENTS_DIR = process.env.MAILTRAP_MCP_TEST_CLIENTS?.trim() || (existsSync(LOCAL) ? LOCAL : undefined);

function installed(relative: string, what: string): string | undefined {
  const path = CLIENTS_DIR ? `${CLIENTS_DIR}/node_modules/${relative}` : undefined;
  if (path && existsSync(path)) return path;
  if (process.env.CI)
    throw new Error(`CI must install ${what} under MAILTRAP_MCP_TEST_CLIENTS (see .ci/run); not found: ${path ?? "(unset)"}`);
  return undefined;
}

/** The Inspector CLI's entry point (@modelcontextprotocol/inspector 2.x). */
export const INSPECTOR = installed("@modelcontextprotocol/inspector/clients/launcher/build/index.js", "@modelcontextprotocol/inspector");

/** The folder of @openai/agents-core's ESM build. */
export const AGENTS_CORE = installed("@openai/agents-core/dist/mcp.mjs", "@openai/agents-core")?.replace(/\/mcp\.mjs$/, "");

/** A pinned client package's installed version, or why it cannot run here (in CI a missing one throws). */
export function clientVersion(name: string): { version: string } | { missing: string } {
  const path = installed(`${name}/package.json`, name);
  if (!path) return { missing: `${name} is not installed under MAILTRAP_MCP_TEST_CLIENTS (see .ci/run)` };
  return { version: (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version };
}

const major = (label: string) => Number(/^v(\d+)/.exec(label)?.[1] ?? 0);

/** A Node 22+ binary for the Inspector (CI lists 22 and 24 in MAILTRAP_MCP_TEST_NODES). */
export const NODE_22: string | undefined = (() => {
  const found = TEST_NODES.find(([label]) => major(label) >= 22)?.[1];
  if (!found && process.env.CI) throw new Error("CI must provide a Node 22+ binary in MAILTRAP_MCP_TEST_NODES for the Inspector");
  return found;
})();

/** The newest Node binary on hand (CI: 24) with its major version, for clients whose engines need 22 or 24. */
export const NEWEST_NODE: { node: string; major: number } = TEST_NODES.map(([label, node]) => ({ node, major: major(label) })).reduce(
  (a, b) => (b.major > a.major ? b : a),
);

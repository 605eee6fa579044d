// npm run build: one self-contained dist/ with no runtime dependencies left for `npx` to install.
// esbuild bundles the SDK, zod, undici and dotenv; code splitting keeps what the first request does not
// need (undici, dotenv, --demo's sandbox, --check, --help) in chunks that load only when used.
import { chmodSync, readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });

// The server passes its own elicitation validator (src/elicitation-validator.ts), so the SDK's Ajv-based
// default is never constructed; leaving it out drops Ajv and its formats from what start-up loads.
const withoutAjv = {
  name: "without-ajv",
  setup(b) {
    b.onResolve({ filter: /\/validation\/ajv-provider\.js$/ }, () => ({ path: "ajv-provider", namespace: "without-ajv" }));
    b.onLoad({ filter: /.*/, namespace: "without-ajv" }, () => ({
      contents: "export class AjvJsonSchemaValidator { constructor() { throw new Error('Ajv is not bundled: pass jsonSchemaValidator'); } }",
      loader: "js",
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

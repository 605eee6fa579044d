// npm run build: one self-contained dist/ with no runtime dependencies left for `npx` to install.
// esbuild bundles the SDK, zod, undici and dotenv; code splitting keeps what the first request does not
// need (undici, dotenv, --demo's sandbox, --check, --help) in chunks that load only when used.
// Unminified (but undici) so that a logged stack trace is readable: see bench/RESULTS.md for the cost.
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

// undici (most of the bytes, and not where our stack traces point) is bundled apart, minified; everything
// else ships unminified so a stack trace names the real function and line.
const undiciApart = {
  name: "undici-apart",
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, () => ({ path: "./undici.js", external: true }));
  },
};

await build({
  entryPoints: { undici: "node_modules/undici/index.js" },
  outdir: "dist/chunks",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20.18",
  minify: true,
  legalComments: "none",
  banner: { js: 'import{createRequire as __cr}from"node:module";const require=__cr(import.meta.url);' },
  logLevel: "warning",
});

// The SDK's own answers to the opening exchange (initialize, server/discover, tools/list in both eras, for the
// default settings), recorded over the real path from this source tree and inlined for the front desk, which
// answers them before the SDK is loaded (src/first-answers.ts). Packages stay external: this runs here only.
await build({
  entryPoints: { "first-answers-capture": "src/first-answers-capture.ts" },
  outdir: ".build",
  bundle: true,
  packages: "external",
  format: "esm",
  platform: "node",
  target: "node20.18",
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version) },
  logLevel: "warning",
});
const sdk = JSON.parse(readFileSync(new URL("../node_modules/@modelcontextprotocol/server/package.json", import.meta.url), "utf8"));
const { captureFirstAnswers } = await import(new URL("../.build/first-answers-capture.js", import.meta.url).href);
const firstAnswers = await captureFirstAnswers(sdk.version);
writeFileSync(new URL("../.build/first-answers.json", import.meta.url), JSON.stringify(firstAnswers, null, 2));

const { metafile } = await build({
  entryPoints: { index: "src/index.ts", "sandbox/index": "src/sandbox/index.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.18",
  chunkNames: "chunks/[name]-[hash]",
  legalComments: "none",
  define: { __PACKAGE_VERSION__: JSON.stringify(pkg.version), __FIRST_ANSWERS__: JSON.stringify(JSON.stringify(firstAnswers)) },
  // Some bundled CommonJS packages call require() for Node built-ins; give ESM chunks a real one.
  banner: { js: 'import{createRequire as __cr}from"node:module";const require=__cr(import.meta.url);' },
  logLevel: "warning",
  plugins: [withoutAjv, undiciApart],
  metafile: true,
});
// What each output chunk contains, for tests (e.g. that Ajv stays out of what start-up loads); not shipped.
mkdirSync(new URL("../.build", import.meta.url), { recursive: true });
writeFileSync(new URL("../.build/metafile.json", import.meta.url), JSON.stringify(metafile));
chmodSync(new URL("../dist/index.js", import.meta.url), 0o755);

// What the build ships: start-up loads only what the first answers need (no SDK), the SDK's session no Ajv, and
// our own code is readable.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface Metafile {
  outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }>;
}
const metafile = JSON.parse(readFileSync(new URL("../.build/metafile.json", import.meta.url), "utf8")) as Metafile;

/** Every output file that loads with `entry` (a source module): its chunk and their static imports. */
function outputsLoadedWith(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !metafile.outputs[file]) return;
    seen.add(file);
    for (const imp of metafile.outputs[file].imports) if (imp.kind === "import-statement" && !imp.external) visit(imp.path);
  };
  const chunk = Object.keys(metafile.outputs).find((file) => Object.keys(metafile.outputs[file]!.inputs).includes(entry));
  if (chunk) visit(chunk);
  return [...seen];
}
const inputsOf = (files: string[]) => files.flatMap((file) => Object.keys(metafile.outputs[file]!.inputs));
const builtinsOf = (files: string[]) =>
  files.flatMap((file) => metafile.outputs[file]!.imports.filter((imp) => imp.external).map((imp) => imp.path));

describe("the build", () => {
  it("starts without the SDK, zod or the tool registry: the first answers need none of them", () => {
    const startup = [...outputsLoadedWith("src/index.ts"), ...outputsLoadedWith("src/main.ts")];
    expect(startup).toContain("dist/index.js");
    const inputs = inputsOf(startup);
    expect(inputs).toContain("src/front-desk.ts");
    expect(inputs.filter((path) => /node_modules\/|src\/tools\/|src\/server\.ts|src\/app\.ts/.test(path))).toEqual([]);
  });

  it("keeps Ajv (and undici, and node:crypto) out of what the SDK's session loads", () => {
    const session = outputsLoadedWith("src/serve.ts");
    const inputs = inputsOf(session);
    expect(inputs.some((path) => path.includes("@modelcontextprotocol/server"))).toBe(true);
    // SDK v2 vendors Ajv as its own ajvProvider chunk; the build stubs the shim that imports it.
    expect(inputs.filter((path) => /node_modules\/(ajv|ajv-formats|undici)\/|ajvProvider/.test(path))).toEqual([]);
    expect(inputs).toContain("without-ajv:server-shims");
    // The confirmation codec fetches node:crypto on first use: loading it costs a few ms.
    expect(builtinsOf(session).filter((path) => /^(node:)?crypto$/.test(path))).toEqual([]);
  });

  it("ships our own code unminified, so a logged stack trace names the function", () => {
    const files = Object.keys(metafile.outputs).filter((file) => file.endsWith(".js"));
    const withTransport = files.filter((file) => Object.keys(metafile.outputs[file]!.inputs).includes("src/mailtrap/transport.ts"));
    expect(withTransport).toHaveLength(1);
    const code = readFileSync(new URL(`../${withTransport[0]}`, import.meta.url), "utf8");
    // Real names and parameters, one statement a line: what a stack trace points at is what the source says.
    expect(code).toMatch(/\bHttpTransport = class \{/);
    expect(code).toContain("  async send(request) {\n");
  });
});

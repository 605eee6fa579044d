// What the build ships: start-up loads only what the first answer needs (no Ajv), and our own code is readable.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface Metafile {
  outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }>;
}
const metafile = JSON.parse(readFileSync(new URL("../.build/metafile.json", import.meta.url), "utf8")) as Metafile;

/** Every output file that loads when the server starts: the bin, the main chunk it imports at once, their static imports. */
function startupOutputs(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !metafile.outputs[file]) return;
    seen.add(file);
    for (const imp of metafile.outputs[file].imports) if (imp.kind === "import-statement" && !imp.external) visit(imp.path);
  };
  visit("dist/index.js");
  const main = Object.keys(metafile.outputs).find((file) => Object.keys(metafile.outputs[file]!.inputs).includes("src/main.ts"));
  if (main) visit(main);
  return [...seen];
}

describe("the build", () => {
  it("keeps Ajv (and undici, and node:crypto) out of everything start-up loads", () => {
    const startup = startupOutputs();
    expect(startup).toContain("dist/index.js");
    const inputs = startup.flatMap((file) => Object.keys(metafile.outputs[file]!.inputs));
    expect(inputs.some((path) => path.includes("@modelcontextprotocol/server"))).toBe(true);
    // SDK v2 vendors Ajv as its own ajvProvider chunk; the build stubs the shim that imports it.
    expect(inputs.filter((path) => /node_modules\/(ajv|ajv-formats|undici)\/|ajvProvider/.test(path))).toEqual([]);
    expect(inputs).toContain("without-ajv:server-shims");
    // The confirmation codec fetches node:crypto on first use: loading it costs a few ms at start.
    const builtins = startup.flatMap((file) => metafile.outputs[file]!.imports.filter((imp) => imp.external).map((imp) => imp.path));
    expect(builtins.filter((path) => /^(node:)?crypto$/.test(path))).toEqual([]);
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

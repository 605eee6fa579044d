// What the bin loads before its first answer: the entry, the main chunk it imports, and their static imports.
// Ajv (the SDK's default validator), undici and node:crypto must stay out; they load when first needed.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN } from "./helpers/bin.js";

/** The entry's own dynamic import (the main chunk, after the Node version gate) is part of start-up. */
function startChunks(): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (file: string, followDynamic: boolean) => {
    if (files.has(file)) return;
    const code = readFileSync(file, "utf8");
    files.set(file, code);
    const statics = [...code.matchAll(/(?:import|export)\s*(?:[\w*${}\s,]+from\s*)?"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]!);
    const dynamics = followDynamic ? [...code.matchAll(/import\("(\.{1,2}\/[^"]+)"\)/g)].map((m) => m[1]!) : [];
    for (const spec of [...statics, ...dynamics]) visit(join(dirname(file), spec), false);
  };
  visit(BIN, true);
  return files;
}

describe("the start-up chunks of dist/", () => {
  const chunks = startChunks();

  it("are the entry, the main chunk and the shared chunks it needs", () => {
    expect(chunks.size).toBeGreaterThanOrEqual(2);
    expect([...chunks.keys()].some((file) => /chunks\/main-/.test(file))).toBe(true);
  });

  it("hold no Ajv, no undici and no node:crypto", () => {
    for (const [file, code] of chunks) {
      // Ajv's option names, found in its bundled code and nowhere else in ours.
      expect(code, file).not.toMatch(/strictTypes|uriResolver/);
      expect(code, file).not.toMatch(/from\s*"node:crypto"|from\s*"crypto"/);
      expect(file, file).not.toMatch(/undici/);
    }
  });
});

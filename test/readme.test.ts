// The README's tables and .env.example say what the code does: they are generated (npm run docs) and checked.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generatedReadme } from "../scripts/docs/generate.js";
import { SETTINGS } from "../scripts/docs/settings.js";
import { ENV_VARIABLES, FLAG_NAMES } from "../src/config.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README", () => {
  it("has every generated table up to date (run npm run docs)", () => {
    expect(readme).toBe(generatedReadme(readme));
  });

  it("documents exactly the variables the code reads, as does .env.example", () => {
    const documented = SETTINGS.flatMap((s) => (s.variable ? [s.variable] : []));
    expect(documented.sort()).toEqual([...ENV_VARIABLES].sort());
    const example = readFileSync(new URL("../.env.example", import.meta.url), "utf8");
    const listed = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it("documents exactly the flags the bin takes", () => {
    const documented = SETTINGS.flatMap((s) => (s.flag ? [s.flag.replace(/=.*$/, "")] : []));
    expect(documented.sort()).toEqual([...FLAG_NAMES].sort());
  });

  it("names the test command", () => {
    expect(readme).toContain("npm ci && npm test");
  });
});

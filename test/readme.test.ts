// The README's tables and .env.example say what the code does: they are checked, not retyped.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLES, FLAG_NAMES } from "../src/config.js";
import { TOOLS } from "../src/tools/index.js";
import { toolsTable } from "./helpers/readme-tables.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

function section(name: string): string {
  const match = readme.match(new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`));
  if (!match?.[1]) throw new Error(`README has no ${name} section`);
  return match[1];
}

describe("README", () => {
  it("has the tools table generated from the registry", () => {
    expect(section("tools-table")).toBe(toolsTable(TOOLS));
  });

  it("documents exactly the variables the code reads, as does .env.example", () => {
    const documented = [...section("config-table").matchAll(/^\| [^|]*\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...ENV_VARIABLES].sort());
    const example = readFileSync(new URL("../.env.example", import.meta.url), "utf8");
    const listed = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it("documents exactly the flags the bin takes", () => {
    const documented = [...section("config-table").matchAll(/^\| `(--[a-z-]+)[^`]*` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...FLAG_NAMES].sort());
  });

  it("names the test command", () => {
    expect(readme).toContain("npm ci && npm test");
  });
});

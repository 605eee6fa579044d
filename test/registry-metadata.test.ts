// server.json, the MCP Registry's record of this server: valid against the registry's published schema (vendored in
// test/fixtures/mcp-registry with its source), and true to package.json and to the variables the config reads.
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import formats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { CONFIG_VARIABLES, SHORT_NAMES_IMPLEMENTED } from "./helpers/config-variables.js";

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as Record<string, unknown>;
const schema = read("./fixtures/mcp-registry/server.schema.2025-12-11.json");
const pkg = read("../package.json") as { name: string; version: string; mcpName: string };

interface EnvironmentVariable {
  name: string;
  description: string;
  isRequired?: boolean;
  isSecret?: boolean;
  format?: string;
  default?: string;
  choices?: string[];
}
const server = read("../server.json") as {
  $schema: string;
  name: string;
  version: string;
  packages: Array<{
    registryType: string;
    identifier: string;
    version: string;
    transport: unknown;
    environmentVariables: EnvironmentVariable[];
  }>;
};
const variables = server.packages[0]!.environmentVariables;

// Settings of the HTTP mode's own endpoint (MAILTRAP_MCP_*): no part of the stdio package a registry client runs.
const HTTP_MODE_ONLY = /^MAILTRAP_MCP_/;

describe("server.json", () => {
  it("validates against the MCP Registry's published schema, the version its $schema names", () => {
    expect(server.$schema).toBe(schema.$id);
    // The generated schema carries OpenAPI annotations ("example", "discriminator") that strict mode would reject.
    const ajv = new Ajv({ allErrors: true, strict: false });
    formats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(server), ajv.errorsText(validate.errors)).toBe(true);
  });

  it("the schema catches what the registry would refuse (the check can fail)", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    formats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate({ ...server, name: "no-slash" })).toBe(false);
    expect(validate({ ...server, description: "x".repeat(101) })).toBe(false);
  });

  it("names the npm package and version of package.json, over stdio", () => {
    expect(server.name).toBe(pkg.mcpName);
    expect(server.version).toBe(pkg.version);
    expect(server.packages).toHaveLength(1);
    expect(server.packages[0]).toMatchObject({
      registryType: "npm",
      identifier: pkg.name,
      version: pkg.version,
      transport: { type: "stdio" },
    });
  });

  it("lists every variable the server reads, once, and no other", () => {
    const names = variables.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual([...CONFIG_VARIABLES].filter((name) => !HTTP_MODE_ONLY.test(name)).sort());
  });

  it("marks exactly the tokens secret, and only the API token required", () => {
    expect(
      variables
        .filter((v) => v.isSecret)
        .map((v) => v.name)
        .sort(),
    ).toEqual(["MAILTRAP_API_TOKEN", "MAILTRAP_ORGANIZATION_API_TOKEN"]);
    expect(variables.filter((v) => v.isRequired).map((v) => v.name)).toEqual(["MAILTRAP_API_TOKEN"]);
  });

  it("gives defaults the server really uses and choices it really accepts", () => {
    const unset = loadConfig([], {});
    for (const v of variables.filter((v) => v.default !== undefined)) {
      expect(loadConfig([], { [v.name]: v.default }), v.name).toEqual(unset);
    }
    for (const v of variables.filter((v) => v.choices)) {
      for (const choice of v.choices!) expect(() => loadConfig([], { [v.name]: choice }), `${v.name}=${choice}`).not.toThrow();
      expect(() => loadConfig([], { [v.name]: "not-a-choice" }), v.name).toThrow();
    }
    for (const v of variables.filter((v) => v.format === "number")) expect(() => loadConfig([], { [v.name]: "abc" }), v.name).toThrow();
    for (const v of variables.filter((v) => v.format === "boolean")) {
      if (v.name === "MAILTRAP_SHORT_NAMES" && !SHORT_NAMES_IMPLEMENTED) continue;
      expect(loadConfig([], { [v.name]: "true" }), v.name).not.toEqual(unset);
    }
  });
});

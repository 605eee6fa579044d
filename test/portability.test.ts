// The tool list as the model providers take it, read from a real server's tools/list in every form it can serve
// (full and short names, with and without id defaults): each provider's rules (test/helpers/schema-rules.ts),
// Ajv's strict mode, the OpenAI Agents SDK's own strict conversion, and the MCP Inspector's --strict lint.
import { execFile } from "node:child_process";
import type { Tool } from "@modelcontextprotocol/client";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOST_PREFIXES } from "../src/check.js";
import { BIN } from "./helpers/bin.js";
import { AGENTS_CORE, INSPECTOR, NODE_22 } from "./helpers/clients.js";
import { type HarnessOptions, startHarness } from "./helpers/harness.js";
import { anthropicRules, geminiRules, nameRules, openAiStrictRules } from "./helpers/schema-rules.js";

const DEFAULT_IDS = { MAILTRAP_ACCOUNT_ID: "1001", MAILTRAP_ORGANIZATION_ID: "501" };
const FORMS: Array<[string, HarnessOptions]> = [
  ["full names", {}],
  ["short names", { flags: ["--short-names"] }],
  ["full names, id defaults", { env: DEFAULT_IDS }],
  ["short names, id defaults", { flags: ["--short-names"], env: DEFAULT_IDS }],
];

const listed = new Map<string, Tool[]>();
beforeAll(async () => {
  for (const [form, options] of FORMS) {
    const h = await startHarness(options);
    listed.set(form, (await h.mcp.listTools()).tools);
    await h.close();
  }
});

describe.each(FORMS.map(([form]) => form))("tools/list with %s", (form) => {
  const tools = () => listed.get(form)!;

  it("lists all 13 tools", () => {
    expect(tools()).toHaveLength(13);
  });

  it("passes Gemini's rules: parametersJsonSchema as it is; parameters but for additionalProperties: false", () => {
    for (const tool of tools()) {
      expect(geminiRules(tool.inputSchema, "parametersJsonSchema"), tool.name).toEqual([]);
      // The OpenAPI subset of `parameters` has no additionalProperties: the one keyword strict mode needs and it lacks.
      const rest = geminiRules(tool.inputSchema, "parameters").filter((v) => v.rule !== "unknown field additionalProperties");
      expect(rest, tool.name).toEqual([]);
    }
  });

  it("passes OpenAI strict mode's rules", () => {
    for (const tool of tools()) expect(openAiStrictRules(tool.inputSchema), tool.name).toEqual([]);
  });

  it("passes Anthropic's rules", () => {
    for (const tool of tools()) expect(anthropicRules(tool.inputSchema), tool.name).toEqual([]);
  });

  it("compiles every input and output schema under Ajv's strict mode (draft-07 and 2020-12)", () => {
    for (const tool of tools()) {
      for (const schema of [tool.inputSchema, tool.outputSchema]) {
        expect(() => new Ajv({ strict: true }).compile(schema!), tool.name).not.toThrow();
        expect(() => new Ajv2020({ strict: true }).compile(schema!), tool.name).not.toThrow();
      }
    }
  });

  it("keeps output schemas open to fields Mailtrap adds, without empty-schema noise", () => {
    for (const tool of tools()) {
      const text = JSON.stringify(tool.outputSchema);
      expect(text, tool.name).not.toContain('"additionalProperties":{}');
      expect(text, tool.name).not.toContain('"additionalProperties":false');
    }
    const accounts = tools().find((t) => t.name.endsWith("get_all_accounts"))!;
    const validate = new Ajv({ strict: true }).compile(accounts.outputSchema!);
    expect(validate({ accounts: [{ id: 1, name: "A", access_levels: [100], added_later: true }], also_new: 1 })).toBe(true);
  });

  it("has names every model API takes, also behind the host prefix this form is meant for", () => {
    const short = form.startsWith("short");
    // Full names fit Claude Code's mcp__mailtrap__; short names also fit a Claude Code plugin's longer prefix.
    const prefixes = short ? HOST_PREFIXES.map((p) => p.prefix) : [HOST_PREFIXES[0].prefix];
    for (const tool of tools()) {
      for (const prefix of ["", ...prefixes]) expect(nameRules(`${prefix}${tool.name}`), `${prefix}${tool.name}`).toEqual([]);
    }
  });
});

describe("the rules can fail", () => {
  it("flag what the issue found in the old schemas", () => {
    const old = {
      type: "object",
      properties: {
        resource_id: { type: ["integer", "string"] },
        access_level: { type: "number", enum: [100, 10] },
        mixed: { enum: ["admin", "viewer", 100, 10] },
        optional: { type: "string" },
      },
      required: ["resource_id"],
    };
    expect(geminiRules(old).map((v) => v.rule)).toEqual(
      expect.arrayContaining(["type is a list (one type per schema)", "enum of non-strings", "enum on a non-string type", "no type"]),
    );
    expect(openAiStrictRules(old).map((v) => v.rule)).toEqual(
      expect.arrayContaining(["additionalProperties must be false", "required must list optional"]),
    );
    expect(anthropicRules({ anyOf: [{ type: "object" }] }).map((v) => v.rule)).toEqual([
      'top-level type must be "object"',
      "no top-level anyOf",
    ]);
    expect(nameRules(`mcp__plugin_mailtrap_mailtrap__mailtrap_accounts_create_organization_sub_account`)).toHaveLength(1);
  });
});

describe.skipIf(!AGENTS_CORE)("the OpenAI Agents SDK (@openai/agents-core)", () => {
  it.each(FORMS.map(([form]) => form))("converts every tool to a strict function tool without changing its schema (%s)", async (form) => {
    const { mcpToFunctionTool } = (await import(`${AGENTS_CORE}/mcp.mjs`)) as {
      mcpToFunctionTool(tool: Tool, server: unknown, convertSchemasToStrict: boolean): { strict: boolean; parameters: unknown };
    };
    const server = { name: "mailtrap", callTool: async () => [] };
    for (const tool of listed.get(form)!) {
      const converted = mcpToFunctionTool(tool, server, true);
      // A schema it cannot convert falls back to strict: false with a logged warning.
      expect(converted.strict, tool.name).toBe(true);
      // Its only normalisation: an explicit required: [] where there are no properties.
      expect(converted.parameters, tool.name).toEqual({ required: [], ...tool.inputSchema });
    }
  });
});

describe.skipIf(!INSPECTOR || !NODE_22)("the MCP Inspector CLI's --strict lint", () => {
  const lint = (args: string[]) =>
    new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      const argv = [INSPECTOR!, "--cli", "--strict", process.execPath, BIN, "--demo", ...args, "--method", "tools/list"];
      execFile(
        NODE_22!,
        argv,
        { timeout: 30_000, cwd: "/tmp", env: { PATH: process.env.PATH ?? "", HOME: "/tmp" } },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve({ stdout, stderr })),
      );
    });

  it.each([[[] as string[]], [["--short-names"]]])("reports no warning and lists 13 tools (%j)", async (args) => {
    const { stdout, stderr } = await lint(args);
    expect(stderr.match(/^(Warning|Error):.*$/gm) ?? []).toEqual([]);
    const { tools } = JSON.parse(stdout) as { tools: Tool[] };
    expect(tools).toHaveLength(13);
    expect(tools[0]?.name).toBe(args.length ? "get_all_accounts" : "mailtrap_accounts_get_all_accounts");
  });
});

afterAll(() => listed.clear());

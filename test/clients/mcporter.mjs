// mcporter: its runtime (createRuntime) over stdio, listTools with schemas, and createServerProxy, the camelCase
// method form it gives code-writing agents, whose CallResult carries the text and the raw envelope.
import { createRuntime, createServerProxy } from "mcporter";
import { FAIL, KEY, READ, run, served, serverFor } from "./common.mjs";

const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

async function session(form, calls) {
  const { command, args, env } = serverFor(form);
  const runtime = await createRuntime({ servers: [{ name: KEY, command: { kind: "stdio", command, args, cwd: process.cwd() }, env }] });
  try {
    const tools = await runtime.listTools(KEY, { includeSchema: true });
    const proxy = createServerProxy(runtime, KEY, { cacheSchemas: false });
    const results = [];
    for (const c of calls) {
      const result = await proxy[camel(served(form, c.name))](c.args);
      results.push({ name: c.name, isError: result.raw?.isError === true, shown: result.text() ?? "" });
    }
    return {
      listed: tools.map((t) => t.name),
      converted: tools.filter((t) => t.inputSchema && typeof proxy[camel(t.name)] === "function").length,
      // No model API in between: an agent calls the tools by these names (or as server.tool on the CLI).
      modelNames: tools.map((t) => t.name),
      calls: results,
    };
  } finally {
    await runtime.close();
  }
}

run(async () => ({ full: await session("full", [READ, FAIL]), short: await session("short", []) }));

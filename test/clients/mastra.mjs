// Mastra: @mastra/mcp's MCPClient over stdio, listTools() (namespaced <server>_<tool>, as a Mastra Agent takes them),
// and an Agent (@mastra/core) driving a scripted AI SDK model that calls one read and one failing tool.
import { Agent } from "@mastra/core/agent";
import { MCPClient } from "@mastra/mcp";
import { MockLanguageModelV4 } from "ai/test";
import { FAIL, KEY, READ, run, served, serverFor } from "./common.mjs";

const usage = { inputTokens: { total: 1 }, outputTokens: { total: 1 } };
const step = (content, finish) => ({ content, finishReason: { unified: finish, raw: finish }, usage, warnings: [] });
const modelText = (output) =>
  output?.type === "content"
    ? output.value.map((p) => p.text ?? "").join("\n")
    : typeof output?.value === "string"
      ? output.value
      : JSON.stringify(output?.value ?? null);

async function session(form, calls) {
  const mcp = new MCPClient({ id: `matrix-${form}`, servers: { [KEY]: serverFor(form) } });
  try {
    const tools = await mcp.listTools();
    const keyOf = (name) => `${KEY}_${served(form, name)}`;
    const script = [
      step(
        calls.map((c, i) => ({ type: "tool-call", toolCallId: `call-${i}`, toolName: keyOf(c.name), input: JSON.stringify(c.args) })),
        calls.length ? "tool-calls" : "stop",
      ),
    ];
    const model = new MockLanguageModelV4({ doGenerate: async () => script.shift() ?? step([{ type: "text", text: "done" }], "stop") });
    const agent = new Agent({ id: "matrix", name: "matrix", instructions: "Use the tools.", model, tools });
    await agent.generate("List my Mailtrap accounts.", { maxSteps: 3 });
    const sent = model.doGenerateCalls[0]?.tools ?? [];
    const shown = (model.doGenerateCalls[1]?.prompt ?? []).filter((m) => m.role === "tool").flatMap((m) => m.content);
    return {
      listed: Object.keys(tools),
      converted: Object.values(tools).filter((t) => typeof t.execute === "function" && t.inputSchema).length,
      modelNames: sent.map((t) => t.name),
      calls: calls.map((c, i) => {
        const part = shown.find((p) => p.toolCallId === `call-${i}`);
        // A tool that throws (onToolError: "throw", the default) reaches the model as an error-text result.
        const kind = part?.output?.type ?? "none";
        return {
          name: c.name,
          isError: kind.startsWith("error-"),
          shown: modelText(part?.output),
        };
      }),
    };
  } finally {
    await mcp.disconnect();
  }
}

run(async () => ({ full: await session("full", [READ, FAIL]), short: await session("short", []) }));

// The Vercel AI SDK: @ai-sdk/mcp's client over stdio, its tools() conversion, and generateText (ai) driving a
// scripted model that calls one read and one failing tool; the model's call options show what a provider gets.
import { createMCPClient } from "@ai-sdk/mcp";
import { StdioMCPTransport } from "@ai-sdk/mcp/mcp-stdio";
import { generateText, stepCountIs } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { FAIL, READ, run, served, serverFor } from "./common.mjs";

const usage = { inputTokens: { total: 1 }, outputTokens: { total: 1 } };
const toolCall = (id, name, args) => ({ type: "tool-call", toolCallId: id, toolName: name, input: JSON.stringify(args) });
// A tool-result output part ({ type: "content", value: [...] } or text/json) as the text a provider sends.
const modelText = (output) =>
  output?.type === "content"
    ? output.value.map((p) => p.text ?? "").join("\n")
    : typeof output?.value === "string"
      ? output.value
      : JSON.stringify(output?.value ?? null);
const step = (content, finish) => ({ content, finishReason: { unified: finish, raw: finish }, usage, warnings: [] });

async function session(form, calls) {
  const client = await createMCPClient({ transport: new StdioMCPTransport(serverFor(form)) });
  try {
    const listed = (await client.listTools()).tools.map((t) => t.name);
    const tools = await client.tools();
    const script = [
      step(
        calls.map((c, i) => toolCall(`call-${i}`, served(form, c.name), c.args)),
        calls.length ? "tool-calls" : "stop",
      ),
      step([{ type: "text", text: "done" }], "stop"),
    ];
    const model = new MockLanguageModelV4({ doGenerate: async () => script.shift() ?? step([{ type: "text", text: "done" }], "stop") });
    const result = await generateText({ model, tools, prompt: "List my Mailtrap accounts.", stopWhen: stepCountIs(3) });
    const sent = model.doGenerateCalls[0]?.tools ?? [];
    const results = result.steps.flatMap((s) => s.toolResults);
    // The tool-result parts of the second model call: exactly what the model is shown.
    const shown = (model.doGenerateCalls[1]?.prompt ?? []).filter((m) => m.role === "tool").flatMap((m) => m.content);
    return {
      listed,
      converted: Object.values(tools).filter((t) => typeof t.execute === "function" && t.inputSchema).length,
      modelNames: sent.map((t) => t.name),
      // The MCP result comes back as the tool's output, isError included.
      calls: calls.map((c, i) => ({
        name: c.name,
        isError: results.find((r) => r.toolCallId === `call-${i}`)?.output?.isError === true,
        shown: modelText(shown.find((p) => p.toolCallId === `call-${i}`)?.output),
      })),
    };
  } finally {
    await client.close();
  }
}

run(async () => ({ full: await session("full", [READ, FAIL]), short: await session("short", []) }));

// LangChain: @langchain/mcp-adapters' MultiServerMCPClient over stdio, its tools as LangChain structured tools,
// LangGraph's ToolNode running the model's tool calls (what an agent does), and @langchain/core's OpenAI
// function conversion (what a chat model is sent).
import { AIMessage } from "@langchain/core/messages";
import { convertToOpenAITool } from "@langchain/core/utils/function_calling";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { MultiServerMCPClient } from "@langchain/mcp-adapters";
import { FAIL, KEY, READ, run, served, serverFor } from "./common.mjs";

async function session(form, calls, options = {}) {
  const client = new MultiServerMCPClient({ ...options, mcpServers: { [KEY]: { transport: "stdio", ...serverFor(form) } } });
  try {
    const tools = await client.getTools();
    const toolCalls = calls.map((c) => ({
      id: `call-${c.name}`,
      name: tools.find((t) => t.name.endsWith(served(form, c.name)))?.name ?? "",
      args: c.args,
    }));
    const { messages } = await new ToolNode(tools).invoke({ messages: [new AIMessage({ content: "", tool_calls: toolCalls })] });
    return {
      listed: tools.map((t) => t.name),
      converted: tools.filter((t) => typeof t.invoke === "function" && t.schema).length,
      modelNames: tools.map((t) => convertToOpenAITool(t).function.name),
      calls: calls.map((c, i) => {
        const message = messages.find((m) => m.tool_call_id === toolCalls[i]?.id);
        // An isError result is thrown as a ToolException; ToolNode turns it into an error ToolMessage.
        return { name: c.name, isError: message?.status === "error", shown: String(message?.content ?? "") };
      }),
    };
  } finally {
    await client.close();
  }
}

run(async () => ({
  full: await session("full", [READ, FAIL]),
  short: await session("short", []),
  // The adapter's documented naming option: mcp__<server>__<tool>, as Claude Code does.
  prefixed: await session("full", [], { prefixToolNameWithServerName: true, additionalToolNamePrefix: "mcp" }),
}));

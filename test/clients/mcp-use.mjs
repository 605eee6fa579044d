// mcp-use (1.x, the last line that ships a client: 2.x moved it to @mcp-use/client, which is not on the npm
// registry): MCPClient over stdio, its LangChainAdapter (the tools its MCPAgent gives a model), LangGraph's
// ToolNode running the calls, and @langchain/core's OpenAI function conversion for the names a model is sent.
import { AIMessage } from "@langchain/core/messages";
import { convertToOpenAITool } from "@langchain/core/utils/function_calling";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { LangChainAdapter } from "mcp-use/adapters";
import { MCPClient } from "mcp-use/client";
import { FAIL, KEY, READ, run, served, serverFor } from "./common.mjs";

async function session(form, calls) {
  const client = MCPClient.fromDict({ mcpServers: { [KEY]: serverFor(form) } });
  try {
    const session = await client.createSession(KEY);
    const listed = session.connector.tools.map((t) => t.name);
    const tools = await new LangChainAdapter().createToolsFromConnectors([session.connector]);
    const toolCalls = calls.map((c) => ({ id: `call-${c.name}`, name: served(form, c.name), args: c.args }));
    const { messages } = await new ToolNode(tools).invoke({ messages: [new AIMessage({ content: "", tool_calls: toolCalls })] });
    return {
      listed,
      converted: tools.filter((t) => typeof t.invoke === "function" && t.schema).length,
      modelNames: tools.map((t) => convertToOpenAITool(t).function.name),
      calls: calls.map((c, i) => {
        const shown = String(messages.find((m) => m.tool_call_id === toolCalls[i]?.id)?.content ?? "");
        // The adapter hands the model the whole MCP result as JSON, isError included.
        let isError = false;
        try {
          isError = JSON.parse(shown).isError === true;
        } catch {}
        return { name: c.name, isError, shown };
      }),
    };
  } finally {
    await client.close();
  }
}

run(async () => ({ full: await session("full", [READ, FAIL]), short: await session("short", []) }));

// The OpenAI Agents SDK: @openai/agents-core's MCPServerStdio, an Agent with convertSchemasToStrict, and a run
// against a scripted Model: its requests show the function tools a provider gets, and its second request the
// function_call_output the model reads (this SDK passes the text on and drops isError).
import { Agent, MCPServerStdio, Runner, setTracingDisabled, Usage } from "@openai/agents-core";
import { FAIL, KEY, READ, run, served, serverFor } from "./common.mjs";

setTracingDisabled(true);

class ScriptedModel {
  requests = [];
  constructor(turns) {
    this.turns = turns;
  }
  async getResponse(request) {
    this.requests.push(request);
    const output = this.turns.shift() ?? [
      { type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text: "done" }] },
    ];
    return { usage: new Usage(), output };
  }
  // biome-ignore lint/correctness/useYield: never streamed here
  async *getStreamedResponse() {
    throw new Error("not streamed");
  }
}

async function session(form, calls) {
  const { command, args, env } = serverFor(form);
  const server = new MCPServerStdio({ name: KEY, command, args, env });
  await server.connect();
  try {
    const listed = (await server.listTools()).map((t) => t.name);
    const model = new ScriptedModel([
      calls.map((c, i) => ({
        type: "function_call",
        callId: `call-${i}`,
        name: served(form, c.name),
        arguments: JSON.stringify(c.args),
        status: "completed",
      })),
    ]);
    const agent = new Agent({
      name: "matrix",
      instructions: "Use the tools.",
      model,
      mcpServers: [server],
      mcpConfig: { convertSchemasToStrict: true },
    });
    await new Runner({ tracingDisabled: true }).run(agent, "List my Mailtrap accounts.", { maxTurns: 3 });
    const tools = model.requests[0]?.tools.filter((t) => t.type === "function") ?? [];
    const outputs = (model.requests[1]?.input ?? []).filter((item) => item.type === "function_call_result");
    const text = (item) =>
      typeof item?.output === "string"
        ? item.output
        : [item?.output ?? []]
            .flat()
            .map((part) => part?.text ?? "")
            .join("\n");
    return {
      listed,
      // A schema it cannot make strict is sent with strict: false (and a warning): count only strict ones.
      converted: tools.filter((t) => t.strict === true).length,
      modelNames: tools.map((t) => t.name),
      calls: calls.map((c, i) => {
        const item = outputs.find((o) => o.callId === `call-${i}`);
        // No isError reaches the model here: the text alone has to say it failed.
        return { name: c.name, isError: text(item).startsWith("Error:"), shown: text(item) };
      }),
    };
  } finally {
    await server.close();
  }
}

run(async () => ({ full: await session("full", [READ, FAIL]), short: await session("short", []) }));

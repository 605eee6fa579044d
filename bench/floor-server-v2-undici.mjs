// A reference, not a floor: the v2 floor (floor-server-v2.mjs) with undici's request() on one keep-alive Agent
// in place of fetch, i.e. SDK v2's own per-call cost with the HTTP client we use and no work of ours.
import { McpServer } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { Agent, request } from "undici";

const base = process.env.MAILTRAP_API_BASE_URL;
const token = process.env.MAILTRAP_API_TOKEN;
const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
serveStdio(() => {
  const server = new McpServer({ name: "floor-v2-undici", version: "1.0.0" });
  server.registerTool("get_all_accounts", { description: "List the Mailtrap accounts this token can access." }, async () => {
    const response = await request(`${base}/api/accounts`, { headers: { authorization: `Bearer ${token}` }, dispatcher });
    return { content: [{ type: "text", text: await response.body.text() }] };
  });
  return server;
});
process.stdin.on("end", () => process.exit(0));

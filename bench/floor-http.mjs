// The HTTP floor: the smallest honest SDK v2 server doing the same job over Streamable HTTP, a one-tool
// McpServer behind createMcpHandler (both eras, stateless) and the SDK's own Node adapter, calling
// GET /api/accounts with Node's built-in fetch and the token from the request's X-Mailtrap-Api-Token header.
import { createServer } from "node:http";
import { toNodeHandler } from "@modelcontextprotocol/node";
import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";

const base = process.env.MAILTRAP_API_BASE_URL;
const handler = createMcpHandler(({ requestInfo }) => {
  const server = new McpServer({ name: "floor", version: "1.0.0" });
  const token = requestInfo?.headers.get("x-mailtrap-api-token");
  server.registerTool("get_all_accounts", { description: "List the Mailtrap accounts this token can access." }, async () => {
    const response = await fetch(`${base}/api/accounts`, { headers: { Authorization: `Bearer ${token}` } });
    return { content: [{ type: "text", text: await response.text() }] };
  });
  return server;
});
const node = toNodeHandler(handler);
const listener = createServer((req, res) => {
  if (req.url === "/mcp") node(req, res);
  else res.writeHead(404).end();
}).listen(0, "127.0.0.1", () => process.stderr.write(`floor ready: http://127.0.0.1:${listener.address().port}/mcp\n`));
process.on("SIGTERM", () => process.exit(0));

// The floor: the smallest honest server doing the same job, a one-tool McpServer (unbundled SDK) that
// calls GET /api/accounts with Node's built-in fetch (one global keep-alive pool).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const base = process.env.MAILTRAP_API_BASE_URL;
const token = process.env.MAILTRAP_API_TOKEN;
const server = new McpServer({ name: "floor", version: "1.0.0" });
server.registerTool("get_all_accounts", { description: "List the Mailtrap accounts this token can access." }, async () => {
  const response = await fetch(`${base}/api/accounts`, { headers: { Authorization: `Bearer ${token}` } });
  return { content: [{ type: "text", text: await response.text() }] };
});
await server.connect(new StdioServerTransport());
process.stdin.on("end", () => process.exit(0));

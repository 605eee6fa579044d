// The second floor: the same one-tool McpServer as floor-server.mjs, on the SDK v2 we pin (unbundled), served in
// both eras by serveStdio. It calls GET /api/accounts with Node's built-in fetch (one global keep-alive pool).
import { McpServer } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";

const base = process.env.MAILTRAP_API_BASE_URL;
const token = process.env.MAILTRAP_API_TOKEN;
serveStdio(() => {
  const server = new McpServer({ name: "floor-v2", version: "1.0.0" });
  server.registerTool("get_all_accounts", { description: "List the Mailtrap accounts this token can access." }, async () => {
    const response = await fetch(`${base}/api/accounts`, { headers: { Authorization: `Bearer ${token}` } });
    return { content: [{ type: "text", text: await response.text() }] };
  });
  return server;
});
process.stdin.on("end", () => process.exit(0));

// One access-log line per HTTP request, on stderr: what was asked, how it ended, how long it took and a
// short caller id (a hash prefix). Never a token, never arguments.

export interface AccessRecord {
  time: Date;
  method: string;
  path: string;
  /** JSON-RPC method, when the body held one. */
  mcpMethod: string | undefined;
  /** Tool name for tools/call. */
  tool: string | undefined;
  status: number;
  durationMs: number;
  caller: string;
}

/** Only names from the JSON-RPC/tool grammar reach the log; anything else is shown as "?". */
const safe = (value: string | undefined) => (value === undefined ? "-" : /^[\w./:-]{1,96}$/.test(value) ? value : "?");

export function formatAccessLine(r: AccessRecord): string {
  const path = r.path.split("?")[0] ?? r.path;
  return `${r.time.toISOString()} ${safe(r.method)} ${safe(path)} ${safe(r.mcpMethod)} ${safe(r.tool)} ${r.status} ${r.durationMs.toFixed(1)}ms caller=${r.caller}\n`;
}

/** The JSON-RPC method and tool name of a parsed body (a batch shows its first message). */
export function describeMessage(body: unknown): { mcpMethod: string | undefined; tool: string | undefined } {
  const message = (Array.isArray(body) ? body[0] : body) as { method?: unknown; params?: { name?: unknown } } | undefined;
  const mcpMethod = typeof message?.method === "string" ? message.method : undefined;
  const name = message?.params?.name;
  return { mcpMethod, tool: mcpMethod === "tools/call" && typeof name === "string" ? name : undefined };
}

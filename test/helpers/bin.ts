// Spawning the built bin (dist/index.js), as MCP clients do.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

/** Only what the child needs: clients pass an explicit, small environment too. */
export function binEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...extra };
}

export interface RawBin {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  send(message: unknown): void;
  /** Resolves with the JSON-RPC response whose id matches. */
  response(id: number, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts the bin with raw pipes, for tests that look at exactly what crosses stdout. */
export function spawnBin(env: Record<string, string>, args: string[] = [], options: { node?: string; cwd?: string } = {}): RawBin {
  const child = spawn(options.node ?? process.execPath, [BIN, ...args], { env: binEnv(env), cwd: options.cwd ?? "/tmp", stdio: "pipe" });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
  child.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
  child.stdin.on("error", () => undefined);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    send: (message) => child.stdin.write(`${JSON.stringify(message)}\n`),
    exited,
    async response(id, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        for (const line of out.split("\n")) {
          if (!line.trim()) continue;
          const message = JSON.parse(line) as Record<string, unknown>;
          if (message.id === id) return message;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no response with id ${id} within ${timeoutMs} ms; stderr: ${err}`);
    },
  };
}

export const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw-test", version: "1.0.0" } },
};
export const INITIALIZED = { jsonrpc: "2.0", method: "notifications/initialized" };

/** stdout held at least one message, and nothing but JSON-RPC messages. */
export function expectOnlyJsonRpc(stdout: string): void {
  const lines = stdout.split("\n").filter(Boolean);
  if (lines.length === 0) throw new Error("stdout is empty: expected JSON-RPC messages");
  for (const line of lines) {
    const message = JSON.parse(line) as { jsonrpc?: unknown };
    if (message.jsonrpc !== "2.0") throw new Error(`not a JSON-RPC message on stdout: ${line.slice(0, 200)}`);
  }
}

export const MODERN_VERSION = "2026-07-28";
export const MODERN_CLIENT = { name: "raw-modern", version: "2.0.0" };

/** The per-request `_meta` envelope of 2026-07-28; `overrides` replace or (with undefined) drop keys. */
export function envelope(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const meta: Record<string, unknown> = {
    "io.modelcontextprotocol/protocolVersion": MODERN_VERSION,
    "io.modelcontextprotocol/clientCapabilities": {},
    "io.modelcontextprotocol/clientInfo": MODERN_CLIENT,
    ...overrides,
  };
  for (const [key, value] of Object.entries(meta)) if (value === undefined) delete meta[key];
  return meta;
}

/** A 2026-07-28 request: its params carry the envelope. */
export function modern(id: number, method: string, params: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) {
  return { jsonrpc: "2.0", id, method, params: { ...params, _meta: envelope(meta) } };
}

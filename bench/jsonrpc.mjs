// A bare JSON-RPC-over-stdio driver for the benchmark: no SDK client in the measuring path.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export const INITIALIZE = {
  jsonrpc: "2.0",
  id: 0,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "bench", version: "1.0.0" } },
};

/** The per-request envelope of the 2026-07-28 era. */
export const MODERN_META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientCapabilities": {},
  "io.modelcontextprotocol/clientInfo": { name: "bench", version: "1.0.0" },
};

export function memoryKb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name) => Number(status.match(new RegExp(`${name}:\\s+(\\d+)`))?.[1] ?? NaN);
  return { rss: field("VmRSS"), peak: field("VmHWM") };
}

/** Spawns a server; returns helpers to send requests and await their answers. `era` "modern" adds the envelope. */
export function startServer(command, args, env, era = "legacy") {
  const startedAt = process.hrtime.bigint();
  const child = spawn(command, args, { env, stdio: ["pipe", "pipe", "ignore"] });
  const pending = new Map();
  let buffer = "";
  let nextId = 1;
  child.stdout.on("data", (chunk) => {
    buffer += chunk.toString("utf8");
    let newline;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (!line.trim()) continue;
      const message = JSON.parse(line);
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      resolve?.(message);
    }
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const request = (method, params, id = nextId++) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method} timed out`)), 30_000);
      pending.set(id, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
      const withMeta = era === "modern" ? { ...params, _meta: MODERN_META } : params;
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, ...(withMeta ? { params: withMeta } : {}) })}\n`);
    });
  return {
    child,
    startedAt,
    request,
    /** Sends initialize at once; resolves with milliseconds from spawn to its answer. */
    async initialize() {
      const answer = await request("initialize", INITIALIZE.params, 0);
      const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`);
      if (!answer.result) throw new Error(`initialize failed: ${JSON.stringify(answer)}`);
      return ms;
    },
    /** The first answer of the connection in its era (initialize, or server/discover); ms from spawn. */
    async open() {
      if (era !== "modern") return this.initialize();
      const answer = await request("server/discover", {}, 0);
      const ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
      if (!answer.result) throw new Error(`server/discover failed: ${JSON.stringify(answer)}`);
      return ms;
    },
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 2_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

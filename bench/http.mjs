// npm run bench -- --http (or `npm run bench --http`): the HTTP mode against an HTTP floor (bench/floor-http.mjs,
// a one-tool SDK v2 createMcpHandler server) in one run, both eras: per-call latency (sequential, median; the two
// servers timed in alternating blocks), throughput at 16 and 64 in flight and peak RSS under load (three
// alternating rounds each, medians). Raw JSON-RPC over fetch: no SDK client in the measuring path. Every loop is
// bounded in count and in time.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median, PINNED_NOTE, pinned, serverCommand } from "./common.mjs";
import { memoryKb } from "./jsonrpc.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const quick = process.argv.includes("--quick");
/** Sequential calls per server and era, timed in blocks of LATENCY_BLOCK that alternate between the two. */
const SEQUENTIAL = quick ? 100 : 600;
const LATENCY_BLOCK = 25;
const PARALLEL_CALLS = quick ? 400 : 2_000;
const CONCURRENCY = [16, 64];
const DEADLINE = Date.now() + 8 * 60_000;

const { startSandbox } = await import(join(root, "dist/sandbox/index.js"));
const sandbox = await startSandbox({ rateLimit: false });
// info is the default: ours writes its access log (one line per request) while measured, as in production.
const env = { PATH: process.env.PATH ?? "", MAILTRAP_API_BASE_URL: sandbox.url, MAILTRAP_LOG_LEVEL: "info" };

const SERVERS = {
  ours: { args: [join(root, "dist/index.js"), "--http", "--port=0"], tool: "mailtrap_accounts_get_all_accounts" },
  floor: { args: [join(root, "bench/floor-http.mjs")], tool: "get_all_accounts" },
};

const checkDeadline = () => {
  if (Date.now() > DEADLINE) throw new Error("HTTP benchmark exceeded its 8-minute bound");
};

/** Spawns a server and waits for the URL it prints on stderr. */
function start(name) {
  const [command, args] = serverCommand(SERVERS[name].args);
  const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`${name} printed no URL within 10 s: ${text}`)), 10_000);
    child.stderr.on("data", (chunk) => {
      text += chunk;
      const url = /(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(text)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.once("exit", (code) => reject(new Error(`${name} exited ${code}: ${text}`)));
  });
}

const MODERN_META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientCapabilities": {},
  "io.modelcontextprotocol/clientInfo": { name: "bench", version: "1.0.0" },
};

/** One tools/call as a client of that era sends it (legacy: stateless, no initialize needed). */
async function call(url, era, tool, id) {
  const headers = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "x-mailtrap-api-token": sandbox.token,
  };
  const params = { name: tool, arguments: {} };
  if (era === "modern") {
    Object.assign(headers, { "mcp-protocol-version": "2026-07-28", "mcp-method": "tools/call", "mcp-name": tool });
    params._meta = MODERN_META;
  } else headers["mcp-protocol-version"] = "2025-11-25";
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params }),
  });
  const text = await response.text();
  // An SSE answer carries the JSON-RPC response in its data line.
  const json = JSON.parse(
    response.headers.get("content-type")?.startsWith("text/event-stream") ? (/^data: (.*)$/m.exec(text)?.[1] ?? "null") : text,
  );
  if (response.status !== 200 || !json?.result || json.result.isError)
    throw new Error(`${era} ${tool}: HTTP ${response.status} ${text.slice(0, 300)}`);
}

async function measure(name, era) {
  const { child, url } = await start(name);
  const tool = SERVERS[name].tool;
  try {
    for (let i = 0; i < 30; i++) await call(url, era, tool, i);
    const result = { throughput: {}, peakKb: 0 };
    for (const inFlight of CONCURRENCY) {
      checkDeadline();
      let sent = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (sent < PARALLEL_CALLS) await call(url, era, tool, sent++);
        }),
      );
      result.throughput[inFlight] = PARALLEL_CALLS / ((performance.now() - t0) / 1000);
    }
    result.peakKb = memoryKb(child.pid).peak;
    return result;
  } finally {
    child.kill("SIGTERM");
  }
}

/**
 * Sequential per-call latency: both servers up at once, timed in blocks of LATENCY_BLOCK calls that alternate,
 * so drift in machine load hits both alike; each block's first call is not timed. Medians.
 */
async function measureLatency(era) {
  const names = Object.keys(SERVERS);
  const started = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await start(name)])));
  const latencies = Object.fromEntries(names.map((name) => [name, []]));
  try {
    for (const name of names) for (let i = 0; i < 30; i++) await call(started[name].url, era, SERVERS[name].tool, i);
    for (let block = 0; block < SEQUENTIAL / LATENCY_BLOCK; block++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(block + k) % names.length];
        for (let i = 0; i <= LATENCY_BLOCK; i++) {
          const t0 = performance.now();
          await call(started[name].url, era, SERVERS[name].tool, i);
          if (i > 0) latencies[name].push(performance.now() - t0);
        }
      }
      checkDeadline();
    }
  } finally {
    for (const name of names) started[name].child.kill("SIGTERM");
  }
  return Object.fromEntries(names.map((name) => [name, median(latencies[name])]));
}

const results = {};
try {
  for (const era of ["legacy", "modern"]) {
    const latency = await measureLatency(era);
    // Three alternating rounds per server and era (ABBAAB), medians: a shared machine's drift hits both alike.
    const rounds = { ours: [], floor: [] };
    for (const name of ["ours", "floor", "floor", "ours", "ours", "floor"]) rounds[name].push(await measure(name, era));
    const pick = (name, get) => median(rounds[name].map(get));
    results[era] = Object.fromEntries(
      ["ours", "floor"].map((name) => [
        name,
        {
          latencyMs: latency[name],
          throughput: Object.fromEntries(CONCURRENCY.map((c) => [c, pick(name, (r) => r.throughput[c])])),
          peakKb: pick(name, (r) => r.peakKb),
        },
      ]),
    );
  }
} finally {
  await sandbox.close();
}

const ratio = (a, b) => (a / b).toFixed(2);
const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
const lines = ["| era | measure | ours | floor | ours / floor | goal |", "|---|---|---|---|---|---|"];
for (const era of ["legacy", "modern"]) {
  const { ours, floor } = results[era];
  lines.push(
    `| ${era} | per-call latency, sequential (ms, median) | ${fmt(ours.latencyMs)} | ${fmt(floor.latencyMs)} | ${ratio(ours.latencyMs, floor.latencyMs)} | <= 1.00 |`,
  );
  for (const c of CONCURRENCY) {
    lines.push(
      `| ${era} | throughput, ${c} in flight (calls/s) | ${fmt(ours.throughput[c])} | ${fmt(floor.throughput[c])} | ${ratio(ours.throughput[c], floor.throughput[c])} | >= 1.00 |`,
    );
  }
  lines.push(
    `| ${era} | peak RSS under load (MB) | ${fmt(ours.peakKb / 1024)} | ${fmt(floor.peakKb / 1024)} | ${ratio(ours.peakKb, floor.peakKb)} | <= 1.00 |`,
  );
}
const date = new Date().toISOString();
process.stdout.write(
  `\n${date}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), HTTP${pinned ? PINNED_NOTE : ""}\n\n${lines.join("\n")}\n`,
);
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(
  join(root, "bench/results/http-latest.json"),
  `${JSON.stringify({ date, node: process.version, pinned, results, table: lines }, null, 2)}\n`,
);
process.stdout.write("\nwritten: bench/results/http-latest.json\n");

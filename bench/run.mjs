// npm run bench: what a user pays for this server, measured side by side with a floor (bench/floor-server.mjs)
// in the same run, against the in-repo Mailtrap API on loopback. Prints a table; writes bench/results/latest.json.
// Every loop is bounded in count and in time. Ratios (ours / floor) are what count across machines.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { memoryKb, startServer } from "./jsonrpc.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
// `npm run bench -- --http` passes the flag; `npm run bench --http` sets npm_config_http.
if (process.argv.includes("--http") || process.env.npm_config_http) {
  await import("./http.mjs");
  process.exit(process.exitCode ?? 0);
}
const quick = process.argv.includes("--quick");
const ROUNDS = { startup: quick ? 5 : 21, sequential: quick ? 50 : 300, parallelCalls: quick ? 200 : 1_600 };
const IN_FLIGHT = 16;
const DEADLINE = Date.now() + 5 * 60_000;

const { startSandbox } = await import(join(root, "dist/sandbox/index.js"));
const sandbox = await startSandbox({ rateLimit: false });
const env = {
  PATH: process.env.PATH ?? "",
  MAILTRAP_API_TOKEN: sandbox.token,
  MAILTRAP_API_BASE_URL: sandbox.url,
  MAILTRAP_LOG_LEVEL: "warn",
};

const SERVERS = {
  ours: { command: process.execPath, args: [join(root, "dist/index.js")], tool: "mailtrap_accounts_get_all_accounts" },
  floor: { command: process.execPath, args: [join(root, "bench/floor-server.mjs")], tool: "get_all_accounts" },
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const checkDeadline = () => {
  if (Date.now() > DEADLINE) throw new Error("benchmark exceeded its 5-minute bound");
};
const call = (server, name) => server.request("tools/call", { name, arguments: {} });

async function measureStartup(name) {
  const server = startServer(SERVERS[name].command, SERVERS[name].args, env);
  const ms = await server.initialize();
  await server.stop();
  return ms;
}

async function measureCalls(name) {
  const spec = SERVERS[name];
  const server = startServer(spec.command, spec.args, env);
  await server.initialize();
  await new Promise((r) => setTimeout(r, 300));
  const idle = memoryKb(server.child.pid).rss;
  for (let i = 0; i < 20; i++) await call(server, spec.tool);
  const latencies = [];
  for (let i = 0; i < ROUNDS.sequential; i++) {
    const started = process.hrtime.bigint();
    const answer = await call(server, spec.tool);
    latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (answer.result?.isError || !answer.result) throw new Error(`${name}: ${JSON.stringify(answer)}`);
  }
  checkDeadline();
  let sent = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (sent < ROUNDS.parallelCalls) {
        sent++;
        const answer = await call(server, spec.tool);
        if (!answer.result || answer.result.isError) throw new Error(`${name}: ${JSON.stringify(answer)}`);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { peak } = memoryKb(server.child.pid);
  const tools = (await server.request("tools/list")).result.tools;
  await server.stop();
  return { idleKb: idle, peakKb: peak, latencyMs: median(latencies), throughput: ROUNDS.parallelCalls / seconds, tools };
}

function toolListBytes(tools) {
  const total = Buffer.byteLength(JSON.stringify(tools));
  const modelFacing = tools.reduce(
    (sum, t) => sum + Buffer.byteLength(JSON.stringify({ name: t.name, description: t.description, inputSchema: t.inputSchema })),
    0,
  );
  return { tools: tools.length, totalBytes: total, modelFacingBytes: modelFacing, modelFacingTokens: Math.round(modelFacing / 4) };
}

function dirBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? dirBytes(path) : statSync(path).size;
  }
  return total;
}

function countPackages(nodeModules) {
  if (!existsSync(nodeModules)) return 0;
  let count = 0;
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const dir = join(nodeModules, entry.name);
    if (entry.name.startsWith("@")) count += countPackages(dir);
    else count += 1 + countPackages(join(dir, "node_modules"));
  }
  return count;
}

/** The package as `npx` gets it: the tarball, installed into an empty folder with runtime dependencies only. */
function measurePackage() {
  const work = mkdtempSync(join(tmpdir(), "mailtrap-bench-pack-"));
  try {
    const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
    const app = join(work, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), '{"name":"bench-app","private":true}');
    const started = Date.now();
    execFileSync("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", "--no-package-lock", join(work, packed.filename)], { cwd: app, stdio: "ignore", timeout: 180_000 });
    const installMs = Date.now() - started;
    const nodeModules = join(app, "node_modules");
    return {
      tarballBytes: statSync(join(work, packed.filename)).size,
      packagesInstalled: countPackages(nodeModules),
      installBytes: dirBytes(nodeModules),
      installMs,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// Start-up: alternate ours and the floor so drift in machine load hits both alike; one warm-up each.
await measureStartup("ours");
await measureStartup("floor");
const startup = { ours: [], floor: [] };
for (let i = 0; i < ROUNDS.startup; i++) {
  for (const name of i % 2 ? ["floor", "ours"] : ["ours", "floor"]) startup[name].push(await measureStartup(name));
  checkDeadline();
}

// Calls and memory: two alternating rounds each, medians of the two.
const rounds = { ours: [], floor: [] };
for (const name of ["ours", "floor", "floor", "ours"]) rounds[name].push(await measureCalls(name));
const pick = (name, key) => median(rounds[name].map((r) => r[key]));
const ours = {
  startupMs: median(startup.ours),
  latencyMs: pick("ours", "latencyMs"),
  throughput: pick("ours", "throughput"),
  idleKb: pick("ours", "idleKb"),
  peakKb: pick("ours", "peakKb"),
  toolList: toolListBytes(rounds.ours[0].tools),
};
const floor = {
  startupMs: median(startup.floor),
  latencyMs: pick("floor", "latencyMs"),
  throughput: pick("floor", "throughput"),
  idleKb: pick("floor", "idleKb"),
  peakKb: pick("floor", "peakKb"),
  toolList: toolListBytes(rounds.floor[0].tools),
};
await sandbox.close();
const pkg = process.argv.includes("--no-package") ? undefined : measurePackage();

const ratio = (a, b) => Math.round((a / b) * 100) / 100;
const rows = [
  ["spawn to initialize answer (ms, median)", ours.startupMs, floor.startupMs, "<= 0.60"],
  ["per-call latency, sequential (ms, median)", ours.latencyMs, floor.latencyMs, "<= 1.00"],
  [`throughput, ${IN_FLIGHT} in flight (calls/s)`, ours.throughput, floor.throughput, ">= 1.00"],
  ["idle RSS (MB)", ours.idleKb / 1024, floor.idleKb / 1024, "<= 1.00"],
  ["peak RSS (MB)", ours.peakKb / 1024, floor.peakKb / 1024, ""],
];
const results = {
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, model: cpus()[0]?.model ?? "unknown" },
  rounds: ROUNDS,
  ours,
  floor,
  ratios: Object.fromEntries(rows.map(([label, a, b]) => [label, ratio(a, b)])),
  package: pkg,
};

const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
const lines = [
  `| measure | ours | floor | ours / floor | goal |`,
  `|---|---|---|---|---|`,
  ...rows.map(([label, a, b, goal]) => `| ${label} | ${fmt(a)} | ${fmt(b)} | ${ratio(a, b).toFixed(2)} | ${goal} |`),
  `| tools listed | ${ours.toolList.tools} | ${floor.toolList.tools} | | |`,
  `| tool list, total (bytes) | ${ours.toolList.totalBytes} | ${floor.toolList.totalBytes} | | |`,
  `| tool list, model-facing (bytes) | ${ours.toolList.modelFacingBytes} | ${floor.toolList.modelFacingBytes} | | <= 5000 |`,
  `| tool list, model-facing (~tokens) | ${ours.toolList.modelFacingTokens} | ${floor.toolList.modelFacingTokens} | | |`,
  ...(pkg
    ? [
        `| npx: tarball (KB) | ${(pkg.tarballBytes / 1024).toFixed(1)} | | | |`,
        `| npx: runtime packages installed | ${pkg.packagesInstalled} | | | 1 (itself) |`,
        `| npx: install size (MB) | ${(pkg.installBytes / 1024 / 1024).toFixed(2)} | | | |`,
      ]
    : []),
];
process.stdout.write(`\n${results.date}, Node ${process.version}, ${results.machine.cpus} cores (${results.machine.model})\n\n${lines.join("\n")}\n`);
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/latest.json"), `${JSON.stringify({ ...results, table: lines }, null, 2)}\n`);
process.stdout.write(`\nwritten: bench/results/latest.json\n`);

// npm run bench: what a user pays for this server, measured side by side in the same run with two floors, the
// same one-tool server on SDK v1 (bench/floor-server.mjs) and on the SDK v2 we pin (bench/floor-server-v2.mjs), in
// both protocol eras, against the in-repo Mailtrap API on loopback. Prints a table; writes bench/results/latest.json.
// Every loop is bounded in count and in time. Ratios (ours / floor) are what count across machines.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median, PINNED_NOTE, pinned, serverCommand } from "./common.mjs";
import { memoryKb, startServer } from "./jsonrpc.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
// `npm run bench -- --http` passes the flag; `npm run bench --http` sets npm_config_http.
if (process.argv.includes("--http") || process.env.npm_config_http) {
  await import("./http.mjs");
  process.exit(process.exitCode ?? 0);
}
const quick = process.argv.includes("--quick");
const ROUNDS = {
  startup: quick ? 5 : 21,
  /** Sequential calls per candidate, timed in blocks that alternate between candidates (see measureLatency). */
  sequential: quick ? 100 : 600,
  parallelCalls: quick ? 200 : 1_600,
  rateLimited: quick ? 300 : 450,
};
const IN_FLIGHT = 16;
const DEADLINE = Date.now() + 8 * 60_000;

const { startSandbox } = await import(join(root, "dist/sandbox/index.js"));
const sandbox = await startSandbox({ rateLimit: false });
const env = {
  PATH: process.env.PATH ?? "",
  MAILTRAP_API_TOKEN: sandbox.token,
  MAILTRAP_API_BASE_URL: sandbox.url,
  MAILTRAP_LOG_LEVEL: "warn",
};

// A reference, not a floor: the v2 floor bundled as we bundle ours (esbuild, Ajv stubbed out). It shows what the
// SDK alone costs at start once bundled, i.e. how much of our start-up is the SDK's and how much is ours.
const { build } = await import("esbuild");
const bundledFloorDir = mkdtempSync(join(tmpdir(), "mailtrap-bench-floor-"));
const bundledFloor = join(bundledFloorDir, "floor-v2.mjs");
await build({
  entryPoints: [join(root, "bench/floor-server-v2.mjs")],
  outfile: bundledFloor,
  bundle: true,
  format: "esm",
  platform: "node",
  minify: true,
  logLevel: "warning",
  plugins: [
    {
      name: "without-ajv",
      setup(b) {
        b.onResolve({ filter: /^@modelcontextprotocol\/server\/_shims$/ }, () => ({ path: "shims", namespace: "stub" }));
        b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
          contents: 'export { default as process } from "node:process"; export class DefaultJsonSchemaValidator {}',
          loader: "js",
          resolveDir: root,
        }));
      },
    },
  ],
});

// Each candidate is a server and the era its client speaks. The v1 floor speaks only 2025 (initialize).
const CANDIDATES = {
  "ours/2025": { args: [join(root, "dist/index.js")], era: "legacy", tool: "mailtrap_accounts_get_all_accounts" },
  "ours/2026": { args: [join(root, "dist/index.js")], era: "modern", tool: "mailtrap_accounts_get_all_accounts" },
  "v1/2025": { args: [join(root, "bench/floor-server.mjs")], era: "legacy", tool: "get_all_accounts" },
  "v2/2025": { args: [join(root, "bench/floor-server-v2.mjs")], era: "legacy", tool: "get_all_accounts" },
  "v2/2026": { args: [join(root, "bench/floor-server-v2.mjs")], era: "modern", tool: "get_all_accounts" },
  "v2b/2025": { args: [bundledFloor], era: "legacy", tool: "get_all_accounts", reference: true },
  "v2b/2026": { args: [bundledFloor], era: "modern", tool: "get_all_accounts", reference: true },
};
// A reference for per-call latency only: the v2 floor with undici's request() in place of fetch, i.e. what SDK v2
// costs per call with the HTTP client we use and no work of ours (bench/floor-server-v2-undici.mjs).
const LATENCY_REFERENCES = {
  "v2u/2025": { args: [join(root, "bench/floor-server-v2-undici.mjs")], era: "legacy", tool: "get_all_accounts" },
  "v2u/2026": { args: [join(root, "bench/floor-server-v2-undici.mjs")], era: "modern", tool: "get_all_accounts" },
};
const NAMES = Object.keys(CANDIDATES);
Object.assign(CANDIDATES, LATENCY_REFERENCES);
/** The reference runs start-up and idle memory only. */
const CALLED = NAMES.filter((name) => !CANDIDATES[name].reference);

const checkDeadline = () => {
  if (Date.now() > DEADLINE) throw new Error("benchmark exceeded its bound");
};
const call = (server, name) => server.request("tools/call", { name, arguments: {} });
const spawnCandidate = (name) => startServer(...serverCommand(CANDIDATES[name].args), env, CANDIDATES[name].era);

/** Spawn to the first answer: initialize in the 2025 era, server/discover in the 2026 one. */
async function measureStartup(name) {
  const server = spawnCandidate(name);
  const ms = await server.open();
  await server.stop();
  return ms;
}

async function measureIdle(name) {
  const server = spawnCandidate(name);
  await server.open();
  await new Promise((r) => setTimeout(r, 300));
  const idle = memoryKb(server.child.pid).rss;
  await server.stop();
  return idle;
}

/**
 * Our bin against the sandbox enforcing Mailtrap's real rule (150 requests per 10 s per token): N calls at 32 in
 * flight. What counts: errors the model saw (goal 0) and the time against the floor N / allowed rate.
 */
async function measureRateLimited(calls) {
  let refused = 0;
  // The sandbox's hook sees every answer: 429s the pacer could not avoid are counted even when a retry hid them.
  const intercept = ({ res }) => {
    res.on("finish", () => {
      if (res.statusCode === 429) refused++;
    });
    return false;
  };
  const limited = await startSandbox({ rateLimit: 150, intercept });
  const spec = CANDIDATES["ours/2025"];
  const server = startServer(process.execPath, spec.args, { ...env, MAILTRAP_API_BASE_URL: limited.url }, spec.era);
  await server.open();
  let sent = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (sent < calls) {
        sent++;
        const answer = await call(server, spec.tool);
        if (!answer.result || answer.result.isError) errors++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await server.stop();
  await limited.close();
  const floorSeconds = calls / (150 / 10);
  // A sliding window lets the first 150 go at once: the earliest the last batch can start is this.
  const tightestSeconds = (Math.ceil(calls / 150) - 1) * 10;
  return { calls, seconds, errors, refused429: refused, floorSeconds, tightestSeconds, ratio: seconds / floorSeconds };
}

async function measureCalls(name) {
  const spec = CANDIDATES[name];
  const server = spawnCandidate(name);
  await server.open();
  await new Promise((r) => setTimeout(r, 300));
  const idle = memoryKb(server.child.pid).rss;
  // The first call pays for whatever loads on first use (ours: the SDK, the tool registry, undici).
  const firstStarted = process.hrtime.bigint();
  const first = await call(server, spec.tool);
  const firstCallMs = Number(process.hrtime.bigint() - firstStarted) / 1e6;
  if (first.result?.isError || !first.result) throw new Error(`${name}: ${JSON.stringify(first)}`);
  await new Promise((r) => setTimeout(r, 300));
  const afterFirstKb = memoryKb(server.child.pid).rss;
  for (let i = 0; i < 19; i++) await call(server, spec.tool);
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
  return {
    idleKb: idle,
    afterFirstKb,
    firstCallMs,
    peakKb: peak,
    throughput: ROUNDS.parallelCalls / seconds,
    tools,
  };
}

/** Calls timed in a row per block; the blocks alternate between candidates. */
const LATENCY_BLOCK = 25;

/**
 * Per-call latency, sequential: every candidate open at once, each timed in blocks of LATENCY_BLOCK calls in
 * a rotating order, so drift in machine load (large on a shared 2-core machine: the median of the same server
 * moves by 20 % within a minute) hits every candidate alike. Medians of all timed calls; each block's first
 * call, the first after another server ran, is not timed.
 */
async function measureLatency(names) {
  const servers = Object.fromEntries(names.map((name) => [name, spawnCandidate(name)]));
  for (const name of names) await servers[name].open();
  for (const name of names) for (let i = 0; i < 50; i++) await call(servers[name], CANDIDATES[name].tool);
  const latencies = Object.fromEntries(names.map((name) => [name, []]));
  for (let block = 0; block < ROUNDS.sequential / LATENCY_BLOCK; block++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(block + k) % names.length];
      for (let i = 0; i <= LATENCY_BLOCK; i++) {
        const started = process.hrtime.bigint();
        const answer = await call(servers[name], CANDIDATES[name].tool);
        if (i > 0) latencies[name].push(Number(process.hrtime.bigint() - started) / 1e6);
        if (answer.result?.isError || !answer.result) throw new Error(`${name}: ${JSON.stringify(answer)}`);
      }
    }
    checkDeadline();
  }
  await Promise.all(names.map((name) => servers[name].stop()));
  return Object.fromEntries(names.map((name) => [name, median(latencies[name])]));
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
    const [packed] = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
        cwd: root,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }),
    );
    const app = join(work, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), '{"name":"bench-app","private":true}');
    const started = Date.now();
    execFileSync("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", "--no-package-lock", join(work, packed.filename)], {
      cwd: app,
      stdio: "ignore",
      timeout: 180_000,
    });
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

// Start-up: every candidate once per round, the order rotating so drift in machine load hits all alike.
for (const name of NAMES) await measureStartup(name);
const startup = Object.fromEntries(NAMES.map((name) => [name, []]));
for (let i = 0; i < ROUNDS.startup; i++) {
  for (let k = 0; k < NAMES.length; k++) {
    const name = NAMES[(i + k) % NAMES.length];
    startup[name].push(await measureStartup(name));
  }
  checkDeadline();
}

// Calls and memory: two rounds per candidate, the second in reverse order; medians of the two.
const rounds = Object.fromEntries(CALLED.map((name) => [name, []]));
for (const name of [...CALLED, ...[...CALLED].reverse()]) rounds[name].push(await measureCalls(name));
const latency = await measureLatency([...CALLED, ...Object.keys(LATENCY_REFERENCES)]);
const pick = (name, key) => median(rounds[name].map((r) => r[key]));
const measured = Object.fromEntries(
  CALLED.map((name) => [
    name,
    {
      startupMs: median(startup[name]),
      latencyMs: latency[name],
      throughput: pick(name, "throughput"),
      idleKb: pick(name, "idleKb"),
      afterFirstKb: pick(name, "afterFirstKb"),
      firstCallMs: pick(name, "firstCallMs"),
      peakKb: pick(name, "peakKb"),
      toolList: toolListBytes(rounds[name][0].tools),
    },
  ]),
);
for (const name of NAMES.filter((n) => CANDIDATES[n].reference)) {
  const idle = [await measureIdle(name), await measureIdle(name)];
  measured[name] = { startupMs: median(startup[name]), idleKb: median(idle) };
}
await sandbox.close();
rmSync(bundledFloorDir, { recursive: true, force: true });
checkDeadline();
const rateLimited = await measureRateLimited(ROUNDS.rateLimited);
const pkg = process.argv.includes("--no-package") ? undefined : measurePackage();

const ratio = (a, b) => Math.round((a / b) * 100) / 100;
const m = measured;
const MB = (kb) => kb / 1024;
// [label, ours, v1 floor, v2 floor, v2 floor bundled (reference) or undefined, goal vs v1, goal vs v2].
// The v1 floor has only the 2025 era, so the 2026 rows compare with its 2025 figure.
const rows = [
  [
    "start-up, spawn to initialize answer (ms)",
    m["ours/2025"].startupMs,
    m["v1/2025"].startupMs,
    m["v2/2025"].startupMs,
    m["v2b/2025"].startupMs,
    "<= 0.45",
    "<= 0.60",
  ],
  [
    "start-up, spawn to server/discover answer (ms)",
    m["ours/2026"].startupMs,
    m["v1/2025"].startupMs,
    m["v2/2026"].startupMs,
    m["v2b/2026"].startupMs,
    "<= 0.45",
    "<= 0.60",
  ],
  [
    "per-call latency, 2025 era (ms)",
    m["ours/2025"].latencyMs,
    m["v1/2025"].latencyMs,
    m["v2/2025"].latencyMs,
    undefined,
    "<= 0.90",
    "<= 0.90",
  ],
  [
    "per-call latency, 2026 era (ms)",
    m["ours/2026"].latencyMs,
    m["v1/2025"].latencyMs,
    m["v2/2026"].latencyMs,
    undefined,
    "<= 0.90",
    "<= 0.90",
  ],
  [
    `throughput, ${IN_FLIGHT} in flight, 2025 era (calls/s)`,
    m["ours/2025"].throughput,
    m["v1/2025"].throughput,
    m["v2/2025"].throughput,
    undefined,
    ">= 1.00",
    "",
  ],
  [
    `throughput, ${IN_FLIGHT} in flight, 2026 era (calls/s)`,
    m["ours/2026"].throughput,
    m["v1/2025"].throughput,
    m["v2/2026"].throughput,
    undefined,
    ">= 1.00",
    "",
  ],
  [
    "idle RSS, 2025 era (MB)",
    MB(m["ours/2025"].idleKb),
    MB(m["v1/2025"].idleKb),
    MB(m["v2/2025"].idleKb),
    MB(m["v2b/2025"].idleKb),
    "<= 0.80",
    "",
  ],
  [
    "idle RSS, 2026 era (MB)",
    MB(m["ours/2026"].idleKb),
    MB(m["v1/2025"].idleKb),
    MB(m["v2/2026"].idleKb),
    MB(m["v2b/2026"].idleKb),
    "<= 0.80",
    "",
  ],
  [
    "first call after the opening, 2025 era (ms)",
    m["ours/2025"].firstCallMs,
    m["v1/2025"].firstCallMs,
    m["v2/2025"].firstCallMs,
    undefined,
    "",
    "",
  ],
  [
    "first call after the opening, 2026 era (ms)",
    m["ours/2026"].firstCallMs,
    m["v1/2025"].firstCallMs,
    m["v2/2026"].firstCallMs,
    undefined,
    "",
    "",
  ],
  [
    "RSS after the first call, 2025 era (MB)",
    MB(m["ours/2025"].afterFirstKb),
    MB(m["v1/2025"].afterFirstKb),
    MB(m["v2/2025"].afterFirstKb),
    undefined,
    "",
    "",
  ],
  [
    "RSS after the first call, 2026 era (MB)",
    MB(m["ours/2026"].afterFirstKb),
    MB(m["v1/2025"].afterFirstKb),
    MB(m["v2/2026"].afterFirstKb),
    undefined,
    "",
    "",
  ],
  ["peak RSS, 2025 era (MB)", MB(m["ours/2025"].peakKb), MB(m["v1/2025"].peakKb), MB(m["v2/2025"].peakKb), undefined, "", ""],
];
const results = {
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, model: cpus()[0]?.model ?? "unknown", pinned },
  rounds: ROUNDS,
  measured,
  rateLimited,
  latencyReferences: Object.fromEntries(Object.keys(LATENCY_REFERENCES).map((name) => [name, latency[name]])),
  ratios: Object.fromEntries(
    rows.map(([label, ours, v1, v2, ref]) => [
      label,
      { v1: ratio(ours, v1), v2: ratio(ours, v2), ...(ref && { v2Bundled: ratio(ours, ref) }) },
    ]),
  ),
  package: pkg,
};

const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
const tl = (name) => m[name].toolList;
const lines = [
  `| measure | ours | v1 floor | v2 floor | ours / v1 | ours / v2 | goal (v1, v2) | v2 floor bundled (reference) | ours / reference |`,
  `|---|---|---|---|---|---|---|---|---|`,
  ...rows.map(
    ([label, ours, v1, v2, ref, g1, g2]) =>
      `| ${label} | ${fmt(ours)} | ${fmt(v1)} | ${fmt(v2)} | ${ratio(ours, v1).toFixed(2)} | ${ratio(ours, v2).toFixed(2)} | ${[g1, g2].filter(Boolean).join(", ")} | ${ref === undefined ? "" : fmt(ref)} | ${ref === undefined ? "" : ratio(ours, ref).toFixed(2)} |`,
  ),
  ...["2025", "2026"].map((era) => {
    const ref = latency[`v2u/${era}`];
    const v1 = m["v1/2025"].latencyMs;
    const v2 = m[`v2/${era}`].latencyMs;
    return `| per-call, reference: v2 floor on undici request() instead of fetch, ${era} era (ms; no work of ours) | ${fmt(ref)} | ${fmt(v1)} | ${fmt(v2)} | ${ratio(ref, v1).toFixed(2)} | ${ratio(ref, v2).toFixed(2)} | | | |`;
  }),
  `| rate-limited: ${rateLimited.calls} calls at 32 in flight, 150 per 10 s (s; floor N / rate) | ${fmt(rateLimited.seconds)} | ${fmt(rateLimited.floorSeconds)} | | ${ratio(rateLimited.seconds, rateLimited.floorSeconds).toFixed(2)} | | <= 1.15 | | |`,
  `| rate-limited, against the tightest schedule the window allows ((ceil(N/150)-1) x 10 s) | ${fmt(rateLimited.seconds)} | ${fmt(rateLimited.tightestSeconds)} | | ${ratio(rateLimited.seconds, rateLimited.tightestSeconds).toFixed(2)} | | | | |`,
  `| rate-limited: errors seen by the model (429s from the API) | ${rateLimited.errors} (${rateLimited.refused429}) | | | | | 0 | | |`,
  `| tools listed | ${tl("ours/2025").tools} | ${tl("v1/2025").tools} | ${tl("v2/2025").tools} | | | | | |`,
  `| tool list, total (bytes) | ${tl("ours/2025").totalBytes} | ${tl("v1/2025").totalBytes} | ${tl("v2/2025").totalBytes} | | | | | |`,
  `| tool list, model-facing (bytes; 2026 era: ${tl("ours/2026").modelFacingBytes}) | ${tl("ours/2025").modelFacingBytes} | ${tl("v1/2025").modelFacingBytes} | ${tl("v2/2025").modelFacingBytes} | | | <= 5000 | | |`,
  `| tool list, model-facing (~tokens) | ${tl("ours/2025").modelFacingTokens} | ${tl("v1/2025").modelFacingTokens} | ${tl("v2/2025").modelFacingTokens} | | | | | |`,
  ...(pkg
    ? [
        `| npx: tarball (KB) | ${(pkg.tarballBytes / 1024).toFixed(1)} | | | | | | | |`,
        `| npx: runtime packages installed | ${pkg.packagesInstalled} | | | | | 1 (itself) | | |`,
        `| npx: install size (MB) | ${(pkg.installBytes / 1024 / 1024).toFixed(2)} | | | | | | | |`,
      ]
    : []),
];
process.stdout.write(
  `\n${results.date}, Node ${process.version}, ${results.machine.cpus} cores (${results.machine.model})${pinned ? PINNED_NOTE : ""}\n\n${lines.join("\n")}\n`,
);
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/latest.json"), `${JSON.stringify({ ...results, table: lines }, null, 2)}\n`);
process.stdout.write(`\nwritten: bench/results/latest.json\n`);

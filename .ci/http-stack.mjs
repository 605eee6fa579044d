// The HTTP mode as a team runs it: the loopback sandbox API, two `--http` instances (tokens per request),
// HAProxy with exactly deploy/haproxy.cfg in front. Then: the MCP conformance suite through the balancer for
// 2025-11-25 and 2026-07-28 (expected failures in .ci/conformance/<revision>.yaml, each with its reason), and a
// load test of 2,000 calls at 32 in flight over two tokens and both eras that stops one instance mid-load.
// Run by .ci/http-conformance.sh (which installs HAProxy and the suite). Every wait here is bounded.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { SAMPLE_SECRETS, startSandbox } from "../dist/sandbox/index.js";

const LOG_DIR = ".ci/http-logs";
const TOTAL_CALLS = Number(process.env.MCP_LOAD_CALLS ?? 2000);
const IN_FLIGHT = 32;
const MAX_RSS_MB = 300;
const only = process.argv[2]; // "conformance" or "load" to run one part
const failures = [];
mkdirSync(LOG_DIR, { recursive: true });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fail = (message) => {
  failures.push(message);
  process.stderr.write(`FAIL: ${message}\n`);
};

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

async function waitFor(what, check, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} not ready within ${timeoutMs} ms`);
}

const healthy = async (url) => (await fetch(url, { signal: AbortSignal.timeout(1_000) })).status === 200;

function startInstance(name, port, env) {
  const log = createWriteStream(`${LOG_DIR}/${name}.log`, { flags: "a" });
  const child = spawn(process.execPath, ["dist/index.js", "--http", `--port=${port}`], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return { name, port, child, exited, health: `http://127.0.0.1:${port}/healthz` };
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

// --- the stack -------------------------------------------------------------------------------------------
// Every upstream request, recorded through the sandbox's interceptor: which token each one carried.
const upstream = [];
const sandbox = await startSandbox({
  rateLimit: false,
  intercept: ({ req, method, body }) => {
    let json;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    upstream.push({ method, authorization: req.headers.authorization, json });
    return false;
  },
});
const instanceEnv = {
  MAILTRAP_API_BASE_URL: sandbox.url,
  MAILTRAP_MCP_SIGNING_KEY: randomBytes(32).toString("hex"),
  MAILTRAP_LOG_LEVEL: "warn",
};
const ports = [await freePort(), await freePort()];
const lbPort = await freePort();
const instances = ports.map((port, i) => startInstance(`mcp${i + 1}`, port, instanceEnv));
const balancerLog = createWriteStream(`${LOG_DIR}/haproxy.log`, { flags: "a" });
const balancer = spawn("haproxy", ["-db", "-f", "deploy/haproxy.cfg"], {
  env: {
    PATH: process.env.PATH,
    MCP_LB_BIND: `127.0.0.1:${lbPort}`,
    MCP_BACKEND_1: `127.0.0.1:${ports[0]}`,
    MCP_BACKEND_2: `127.0.0.1:${ports[1]}`,
  },
  stdio: ["ignore", "pipe", "pipe"],
});
balancer.stdout.pipe(balancerLog);
balancer.stderr.pipe(balancerLog);
const lb = `http://127.0.0.1:${lbPort}`;
const endpoint = `${lb}/mcp`;

async function stopAll() {
  for (const instance of instances) instance.child.kill("SIGTERM");
  balancer.kill("SIGTERM");
  await Promise.race([Promise.all(instances.map((i) => i.exited)), sleep(10_000)]);
  await sandbox.close();
}

try {
  for (const instance of instances) await waitFor(instance.name, () => healthy(instance.health));
  // HAProxy marks a server up after two good checks a second apart.
  await waitFor("balancer", () => healthy(`${lb}/healthz`));
  await sleep(2_500);
  console.log(`stack: sandbox ${sandbox.url}, instances ${ports.join(", ")}, balancer ${lb}`);

  if (only !== "load") await conformance();
  if (only !== "conformance") await loadTest();
} catch (error) {
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await stopAll();
}
if (failures.length > 0) {
  console.error(`http-stack: ${failures.length} failure(s); logs in ${LOG_DIR}/`);
  process.exit(1);
}
console.log("http-stack: all passed");
// Everything is stopped; a client's lingering keep-alive socket or a race's timer must not hold CI open.
process.exit(0);

// --- conformance -----------------------------------------------------------------------------------------
async function conformance() {
  for (const revision of ["2025-11-25", "2026-07-28"]) {
    const args = [
      process.env.MCP_CONFORMANCE_CLI,
      "server",
      "--url",
      endpoint,
      "--requirements",
      revision,
      "--expected-failures",
      `.ci/conformance/${revision}.yaml`,
      "--timeout",
      "15000",
      "-o",
      `${LOG_DIR}/conformance-${revision}`,
    ];
    console.log(`conformance ${revision}: ${endpoint}`);
    const child = spawn(process.env.MCP_CONFORMANCE_NODE, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out = createWriteStream(`${LOG_DIR}/conformance-${revision}.txt`);
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    let tail = "";
    child.stdout.on("data", (d) => {
      tail = (tail + d).slice(-4_000);
    });
    const code = await Promise.race([
      new Promise((resolve) => child.once("exit", resolve)),
      sleep(15 * 60_000).then(() => {
        child.kill("SIGKILL");
        return "timeout";
      }),
    ]);
    console.log(tail.split("\n").slice(-25).join("\n"));
    if (code !== 0) fail(`conformance ${revision} exited ${code} (see ${LOG_DIR}/conformance-${revision}.txt)`);
  }
}

// --- load ------------------------------------------------------------------------------------------------
async function connectClient(token, era) {
  const client = new Client(
    { name: `load-${era}`, version: "1.0.0" },
    era === "modern" ? { versionNegotiation: { mode: { pin: "2026-07-28" } } } : {},
  );
  const transport = new StreamableHTTPClientTransport(new URL(endpoint), {
    requestInit: { headers: { "X-Mailtrap-Api-Token": token } },
  });
  await client.connect(transport);
  return client;
}

async function loadTest() {
  // Token A sees accounts 1001 and 1002; token B only 1003: a crossed token shows in every answer.
  const tokens = [
    { label: "A", secret: SAMPLE_SECRETS.account, accounts: [1001, 1002], writeAccount: 1001 },
    { label: "B", secret: SAMPLE_SECRETS.globexAdmin, accounts: [1003], writeAccount: 1003 },
  ];
  const lanes = [];
  for (const token of tokens)
    for (const era of ["legacy", "modern"]) lanes.push({ token, era, client: await connectClient(token.secret, era) });
  upstream.length = 0;

  const latencies = [];
  const writes = [];
  let next = 0;
  let errors = 0;
  let stopped;
  const started = performance.now();
  const worker = async () => {
    while (next < TOTAL_CALLS) {
      const i = next++;
      const lane = lanes[i % lanes.length];
      // Early enough that the stop (3 s of unhealthy lead, then the listener closes and calls drain) ends mid-load.
      if (i === Math.floor(TOTAL_CALLS / 20)) stopped = stopAndRestart(instances[0]);
      const write = i % 10 === 0;
      const name = `load-${i}-${lane.token.label}`;
      const t0 = performance.now();
      try {
        const result = write
          ? await lane.client.callTool({
              name: "mailtrap_accounts_create_api_token",
              arguments: {
                account_id: lane.token.writeAccount,
                name,
                resources: [{ resource_type: "account", resource_id: lane.token.writeAccount, access_level: 10 }],
              },
            })
          : await lane.client.callTool({ name: "mailtrap_accounts_get_all_accounts", arguments: {} });
        latencies.push(performance.now() - t0);
        if (result.isError) throw new Error(result.content?.[0]?.text ?? "isError");
        if (write) {
          if (result.structuredContent?.name !== name) throw new Error(`created ${result.structuredContent?.name}, asked for ${name}`);
          writes.push({ name, token: lane.token });
        } else {
          const ids = (result.structuredContent?.accounts ?? []).map((a) => a.id).sort();
          if (JSON.stringify(ids) !== JSON.stringify(lane.token.accounts)) throw new Error(`token ${lane.token.label} saw accounts ${ids}`);
        }
      } catch (error) {
        errors++;
        if (errors <= 10) fail(`call ${i} (${lane.era}, token ${lane.token.label}, ${write ? "write" : "read"}): ${error.message}`);
      }
    }
  };
  const deadline = sleep(180_000).then(() => {
    throw new Error("load test did not finish within 180 s");
  });
  await Promise.race([Promise.all(Array.from({ length: IN_FLIGHT }, worker)), deadline]);
  const seconds = (performance.now() - started) / 1000;
  const loadEnded = Date.now();
  const { exitedAt } = await stopped;
  if (!(exitedAt < loadEnded))
    fail("the stopped instance exited only after the load ended: the stop was not mid-load (raise MCP_LOAD_CALLS)");

  // Every write reached Mailtrap exactly once, with the token of the caller who made it.
  for (const { name, token } of writes) {
    const sent = upstream.filter((r) => r.method === "POST" && r.json?.name === name);
    if (sent.length !== 1) fail(`${name} was sent ${sent.length} times`);
    else if (sent[0].authorization !== `Bearer ${token.secret}`) fail(`${name} carried another token`);
  }
  const strangers = upstream.filter((r) => !tokens.some((t) => r.authorization === `Bearer ${t.secret}`));
  if (strangers.length) fail(`${strangers.length} upstream requests carried no or an unknown token`);
  const sorted = latencies.sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]?.toFixed(1);
  const rss = instances.map((i) => `${i.name} ${rssMb(i.child.pid).toFixed(0)} MB`).join(", ");
  console.log(
    `load: ${TOTAL_CALLS} calls at ${IN_FLIGHT} in flight in ${seconds.toFixed(1)} s (${(TOTAL_CALLS / seconds).toFixed(0)}/s), ${errors} failed, ${writes.length} writes, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms; RSS ${rss}`,
  );
  for (const instance of instances) if (rssMb(instance.child.pid) > MAX_RSS_MB) fail(`${instance.name} RSS over ${MAX_RSS_MB} MB`);
  for (const lane of lanes) await lane.client.close();
}

/** SIGTERM one instance mid-load; it must drain and exit 0; then it comes back on the same port. */
async function stopAndRestart(instance) {
  console.log(`load: SIGTERM ${instance.name} mid-load`);
  const before = Date.now();
  instance.child.kill("SIGTERM");
  const { code, signal } = await Promise.race([instance.exited, sleep(30_000).then(() => ({ code: "timeout" }))]);
  const exitedAt = Date.now();
  console.log(`load: ${instance.name} drained and exited ${((exitedAt - before) / 1000).toFixed(1)} s after SIGTERM`);
  if (code !== 0) fail(`${instance.name} ended with ${code ?? signal} after SIGTERM`);
  const fresh = startInstance(instance.name, instance.port, instanceEnv);
  instances[instances.indexOf(instance)] = fresh;
  await waitFor(`${instance.name} restart`, () => healthy(fresh.health));
  return { exitedAt };
}

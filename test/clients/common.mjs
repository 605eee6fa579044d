// Shared by the client drivers (run by test/clients.test.ts under a Node the client supports, with the pinned
// clients' node_modules beside them): how to start the server, which calls to make, and how to report.
import { writeFileSync } from "node:fs";
import net from "node:net";

// Every TCP connection a client opens, other than to loopback, is recorded and refused: the clients must work
// offline and report nothing home (telemetry is switched off through their documented variables).
const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
const outbound = [];
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options =
    typeof first === "object" && first !== null ? first : { port: first, host: typeof args[1] === "string" ? args[1] : undefined };
  if (options.path === undefined && !LOOPBACK.has(options.host ?? "localhost")) {
    outbound.push(`${options.host}:${options.port}`);
    process.nextTick(() => this.destroy(new Error(`blocked outbound connection to ${options.host}:${options.port}`)));
    return this;
  }
  return connect.apply(this, args);
};

/** The built bin as the README's setup starts it: { command, args, env }. */
const base = JSON.parse(process.env.CLIENT_MATRIX_SERVER ?? "null");
if (!base) throw new Error("CLIENT_MATRIX_SERVER is not set: run through test/clients.test.ts");

/** The server key every README example uses. */
export const KEY = "mailtrap";

/** "full" serves mailtrap_accounts_* (the default); "short" adds --short-names. */
export function serverFor(form) {
  return { command: base.command, args: form === "short" ? [...base.args, "--short-names"] : [...base.args], env: { ...base.env } };
}

/** A tool's name as the server serves it in that form. */
export const served = (form, name) => (form === "short" ? name : `mailtrap_accounts_${name}`);

/** One read that returns the sandbox's accounts, and one call Mailtrap answers 404. Each driver reports a call as
 * { name, isError: whether the client marks it an error in its own terms, shown: the text the model is given }. */
export const READ = { name: "get_all_accounts", args: {} };
export const FAIL = { name: "get_api_token", args: { account_id: 1001, id: 999_999 } };

/** Runs the driver and writes { ok, report } or { ok: false, error } to CLIENT_MATRIX_REPORT, then exits. */
export async function run(driver) {
  let out;
  try {
    out = { ok: true, report: { ...(await driver()), outbound } };
  } catch (error) {
    out = { ok: false, outbound, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  writeFileSync(process.env.CLIENT_MATRIX_REPORT, JSON.stringify(out));
  // Some clients keep timers or child handles alive after close; the report is written, so stop here.
  process.exit(out.ok ? 0 : 1);
}

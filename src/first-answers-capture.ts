// Records the SDK's own answers to the opening exchange (initialize, server/discover, tools/list in both eras)
// for the settings the front desk serves without the SDK: full or short names, read-only or not, no tool filter,
// no id defaults. The build runs it over the real path (our transport, the version guard, serveStdio, the app)
// and inlines the result (scripts/build.mjs); the tests run it to compare the bin's answers with it.
import { PassThrough } from "node:stream";
import { SUPPORTED_PROTOCOL_VERSIONS } from "@modelcontextprotocol/server";
import { buildApp } from "./app.js";
import { loadConfig } from "./config.js";
import { MODERN_VERSIONS } from "./envelope-guard.js";
import { type FirstAnswers, listingKey, namingKey, type RecordedResponse } from "./first-answers.js";
import { screenToolCall } from "./rpc-guard.js";
import { connectSdk } from "./serve.js";
import { LineTransport } from "./stdio-transport.js";

const CLIENT = { name: "first-answers-capture", version: "1.0.0" };
/** A revision no SDK will ever serve: what initialize answers to a version it does not know. */
const UNKNOWN_VERSION = "1999-01-01";

/** The flags for one set of settings. */
export function settingsFlags(shortNames: boolean, readOnly: boolean): string[] {
  return [...(shortNames ? ["--short-names"] : []), ...(readOnly ? ["--read-only"] : [])];
}

/** Sends `messages` through a fresh SDK session for `flags` and returns every line it wrote, parsed. */
export async function sdkSession(
  flags: readonly string[],
  messages: readonly unknown[],
  env: Record<string, string> = {},
): Promise<Record<string, unknown>[]> {
  const app = buildApp(loadConfig(flags, env), { writeLog: () => undefined });
  const input = new PassThrough();
  const output = new PassThrough();
  const lines = new LineTransport({ input, output, screen: screenToolCall });
  const connection = connectSdk(app, lines);
  const written: Record<string, unknown>[] = [];
  let buffer = "";
  output.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    for (let newline = buffer.indexOf("\n"); newline >= 0; newline = buffer.indexOf("\n")) {
      written.push(JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>);
      buffer = buffer.slice(newline + 1);
    }
  });
  const requests = messages.filter((m) => typeof m === "object" && m !== null && "id" in m && "method" in m).length;
  for (const message of messages) input.write(`${JSON.stringify(message)}\n`);
  // Every request gets one answer; the bound only stops a broken SDK from hanging the build.
  const deadline = Date.now() + 5_000;
  while (written.filter((m) => "id" in m && !("method" in m)).length < requests && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await connection.close();
  await app.close();
  return written;
}

const modernMeta = (version: string) => ({
  "io.modelcontextprotocol/protocolVersion": version,
  "io.modelcontextprotocol/clientCapabilities": {},
  "io.modelcontextprotocol/clientInfo": CLIENT,
});
const initialize = (id: number, protocolVersion: string) => ({
  jsonrpc: "2.0",
  id,
  method: "initialize",
  params: { protocolVersion, capabilities: {}, clientInfo: CLIENT },
});

function responseTo(lines: Record<string, unknown>[], id: number): RecordedResponse {
  const found = lines.find((line) => line.id === id && !("method" in line));
  if (!found || typeof found.result !== "object" || found.result === null) {
    throw new Error(`first-answers capture: no result for request ${id}: ${JSON.stringify(lines)}`);
  }
  return found as RecordedResponse;
}

export async function captureFirstAnswers(sdkVersion: string): Promise<FirstAnswers> {
  const modernVersion = MODERN_VERSIONS[0]!;
  // How initialize negotiates: each revision the SDK names, a modern one and an unknown one, each on its own session.
  const candidates = [...new Set([...SUPPORTED_PROTOCOL_VERSIONS, modernVersion, UNKNOWN_VERSION])];
  const echoedVersions: string[] = [];
  let fallbackVersion = "";
  for (const version of candidates) {
    const answered = responseTo(await sdkSession([], [initialize(1, version)]), 1).result.protocolVersion as string;
    if (answered === version) echoedVersions.push(version);
    if (version === UNKNOWN_VERSION) fallbackVersion = answered;
  }
  if (echoedVersions.includes(UNKNOWN_VERSION) || !fallbackVersion)
    throw new Error("first-answers capture: initialize echoes an unknown version");

  const answers: FirstAnswers = { sdk: sdkVersion, modernVersion, echoedVersions, fallbackVersion, openings: {}, listings: {} };
  for (const shortNames of [false, true]) {
    for (const readOnly of [false, true]) {
      const flags = settingsFlags(shortNames, readOnly);
      const legacy = await sdkSession(flags, [
        initialize(1, fallbackVersion),
        { jsonrpc: "2.0", method: "notifications/initialized" },
        { jsonrpc: "2.0", id: 2, method: "tools/list" },
      ]);
      const modern = await sdkSession(flags, [
        { jsonrpc: "2.0", id: 1, method: "server/discover", params: { _meta: modernMeta(modernVersion) } },
        { jsonrpc: "2.0", id: 2, method: "tools/list", params: { _meta: modernMeta(modernVersion) } },
      ]);
      const legacyList = responseTo(legacy, 2);
      answers.listings[listingKey(shortNames, readOnly)] = {
        tools: (legacyList.result.tools as unknown[]).length,
        legacy: legacyList,
        modern: responseTo(modern, 2),
      };
      // What initialize and discover answer does not depend on which tools are enabled: recorded once per naming.
      const opening = { initialize: responseTo(legacy, 1), discover: responseTo(modern, 1) };
      const recorded = answers.openings[namingKey(shortNames)];
      if (!recorded) answers.openings[namingKey(shortNames)] = opening;
      else if (JSON.stringify(recorded) !== JSON.stringify(opening))
        throw new Error("first-answers capture: the opening answers depend on read-only");
    }
  }
  return answers;
}

// The opening answers of a stdio session, given without loading the MCP SDK: initialize, server/discover and
// tools/list, for the default settings. They are the SDK's own answers, recorded at build time by running the
// real path (src/first-answers-capture.ts) and inlined by the bundler; the front desk replays every message into
// the SDK later and checks that it answers the same. Only requests whose every field is one the SDK surely
// accepts are answered here; anything else (odd capabilities, icons, a cursor, logLevel...) waits for the SDK.
import type { JsonRpcMessage } from "./stdio-transport.js";

/** A response as the SDK wrote it; served with the request's id in place of the recorded one. */
export type RecordedResponse = JsonRpcMessage & { id: string | number; result: Record<string, unknown> };

export interface FirstAnswers {
  /** The SDK version they were recorded with. */
  sdk: string;
  /** The 2026-era revision served statelessly (the envelope must claim exactly this). */
  modernVersion: string;
  /** initialize answers these revisions as asked; any other gets `fallbackVersion`. */
  echoedVersions: string[];
  fallbackVersion: string;
  /** By naming ("full" or "short"): the answers that do not depend on which tools are enabled. */
  openings: Record<string, { initialize: RecordedResponse; discover: RecordedResponse }>;
  /** By naming and read-only ("full", "full+read-only", ...), with no tool filter and no id defaults. */
  listings: Record<string, { tools: number; legacy: RecordedResponse; modern: RecordedResponse }>;
}

/** The settings the answers depend on. */
export interface AnswerSettings {
  shortNames: boolean;
  readOnly: boolean;
  /** Tool filters or id defaults change the listing: tools/list then waits for the SDK. */
  listingIsDefault: boolean;
}

export const namingKey = (shortNames: boolean) => (shortNames ? "short" : "full");
export const listingKey = (shortNames: boolean, readOnly: boolean) => `${namingKey(shortNames)}${readOnly ? "+read-only" : ""}`;

const PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
const CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
const CLIENT_INFO = "io.modelcontextprotocol/clientInfo";

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !Object.hasOwn(value, "__proto__");
const onlyKeys = (value: Plain, allowed: readonly string[]) => Object.keys(value).every((key) => allowed.includes(key));
const isPrimitive = (value: unknown) => value === null || ["string", "number", "boolean"].includes(typeof value);
const optional = (value: unknown, check: (v: unknown) => boolean) => value === undefined || check(value);
const isString = (value: unknown) => typeof value === "string";
const isBoolean = (value: unknown) => typeof value === "boolean";

/** A JSON object the SDK takes as is: primitives, or objects of them, two levels deep at most. */
function isSimpleObject(value: unknown, depth = 2): boolean {
  if (!isPlain(value)) return false;
  return Object.values(value).every((v) => isPrimitive(v) || (depth > 1 && isSimpleObject(v, depth - 1)));
}

/** clientInfo / the envelope's clientInfo: name and version, and only the plain optional strings. */
function isImplementation(value: unknown): boolean {
  if (!isPlain(value) || !onlyKeys(value, ["name", "version", "title", "description", "websiteUrl"])) return false;
  return Object.values(value).every(isString) && isString(value.name) && isString(value.version);
}

/** Client capabilities in the forms real clients send (roots, elicitation, sampling, experimental, extensions). */
function isPlainCapabilities(value: unknown): boolean {
  if (!isPlain(value)) return false;
  return Object.entries(value).every(([key, v]) => {
    if (!isPlain(v)) return false;
    switch (key) {
      case "roots":
        return onlyKeys(v, ["listChanged"]) && optional(v.listChanged, isBoolean);
      case "elicitation":
        return (
          onlyKeys(v, ["form", "url"]) &&
          optional(v.form, (form) => isSimpleObject(form) && optional((form as Plain).applyDefaults, isBoolean)) &&
          optional(v.url, (url) => isSimpleObject(url))
        );
      case "sampling":
        return onlyKeys(v, ["context", "tools"]) && Object.values(v).every((part) => isSimpleObject(part));
      case "experimental":
      case "extensions":
        return Object.values(v).every((part) => isSimpleObject(part));
      default:
        return false;
    }
  });
}

/** params of a 2026-era request that carries only a complete, valid envelope claiming `version`. */
function isModernParams(params: unknown, version: string): boolean {
  if (!isPlain(params) || !onlyKeys(params, ["_meta"])) return false;
  const meta = params._meta;
  if (!isPlain(meta) || !onlyKeys(meta, [PROTOCOL_VERSION, CLIENT_CAPABILITIES, CLIENT_INFO])) return false;
  return (
    meta[PROTOCOL_VERSION] === version && isPlainCapabilities(meta[CLIENT_CAPABILITIES]) && optional(meta[CLIENT_INFO], isImplementation)
  );
}

/** params of initialize with exactly protocolVersion, capabilities and clientInfo, all plain. */
function isPlainInitialize(params: unknown): params is { protocolVersion: string } {
  if (!isPlain(params) || !onlyKeys(params, ["protocolVersion", "capabilities", "clientInfo"])) return false;
  return isString(params.protocolVersion) && isPlainCapabilities(params.capabilities) && isImplementation(params.clientInfo);
}

const isEmptyParams = (params: unknown) => params === undefined || (isPlain(params) && Object.keys(params).length === 0);

/**
 * Answers the opening exchange as the SDK's serveStdio would, tracking the era the same way: `initialize` pins
 * the 2025 era, a 2026 request other than server/discover pins the 2026 era, server/discover pins nothing.
 */
export class FirstAnswerer {
  private state: "opening" | "probed" | "legacy" | "modern" = "opening";
  private readonly opening: FirstAnswers["openings"][string];
  private readonly listing: FirstAnswers["listings"][string] | undefined;

  constructor(
    private readonly answers: FirstAnswers,
    settings: AnswerSettings,
  ) {
    const opening = answers.openings[namingKey(settings.shortNames)];
    if (!opening) throw new Error("no recorded opening answers for these settings");
    this.opening = opening;
    this.listing = settings.listingIsDefault ? answers.listings[listingKey(settings.shortNames, settings.readOnly)] : undefined;
  }

  /** The reply to `message`; null when it needs none (the SDK sees it on replay); undefined when only the SDK can answer. */
  answer(message: JsonRpcMessage): JsonRpcMessage | null | undefined {
    const { method, params } = message as { method?: unknown; params?: unknown };
    const isRequest = "id" in message && typeof method === "string";
    const modern = this.answers.modernVersion;
    if (!isRequest) {
      // notifications/initialized after our initialize: the 2025 server only notes it.
      if (this.state === "legacy" && method === "notifications/initialized" && !("id" in message) && isEmptyParams(params)) return null;
      return undefined;
    }
    const id = message.id as string | number;
    if (method === "initialize" && (this.state === "opening" || this.state === "probed") && isPlainInitialize(params)) {
      this.state = "legacy";
      const asked = params.protocolVersion;
      const protocolVersion = this.answers.echoedVersions.includes(asked) ? asked : this.answers.fallbackVersion;
      const recorded = this.opening.initialize;
      return { ...recorded, id, result: { ...recorded.result, protocolVersion } };
    }
    if (method === "server/discover" && this.state !== "legacy" && isModernParams(params, modern)) {
      if (this.state === "opening") this.state = "probed";
      return { ...this.opening.discover, id };
    }
    if (method === "tools/list" && this.listing) {
      if (this.state === "legacy" && isEmptyParams(params)) return { ...this.listing.legacy, id };
      if (this.state !== "legacy" && isModernParams(params, modern)) {
        this.state = "modern";
        return { ...this.listing.modern, id };
      }
    }
    return undefined;
  }
}

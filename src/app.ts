// buildApp(): the composition root. It turns a validated Config into what the bin serves: the logger, the
// Mailtrap client (token scopes, limits, API origin), the tool selection with id defaults, the refusals of
// disabled tools and the confirmations. main.ts, --check, --demo and the tests all build through here.
import "./zod-setup.js";
import type { Server } from "@modelcontextprotocol/server";
import { CallTracker } from "./calls.js";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import { createConfirmationCodec } from "./confirmation-state.js";
import { createLogger, type Logger, withSecrets } from "./logger.js";
import { type ClientTokens, MailtrapClient } from "./mailtrap/client.js";
import type { PacingPolicy } from "./mailtrap/pacing.js";
import { createServer, type Era } from "./server.js";
import { withIdDefaults } from "./tools/defaults.js";
import { TOOLS } from "./tools/index.js";
import { selectTools, type ToolSelection } from "./tools/select.js";
import { VERSION } from "./version.js";

export interface AppDeps {
  /** Where log lines go (default: stderr). */
  writeLog?: (line: string) => void;
  /** Waits between retries (default: real time). */
  clock?: Clock;
  /** A line put before the instructions (the demo mode says so). */
  notice?: string;
  /** Overrides parts of the rate-limit pacing (tests whose API has a shorter window). */
  pacing?: Partial<PacingPolicy>;
  /** Overrides the 45 s budget of a whole call (tests: a paced-out refusal within a shortened window). */
  callBudgetMs?: number;
  /** Signs modern-era confirmations; at least 32 bytes. Default: random per process (stdio: one process serves every round). */
  signingKey?: string;
}

/** What one server instance is built for: stdio makes one per connection era, HTTP one per request. */
export interface InstanceContext {
  era?: Era;
  /** Who is asking (HTTP: a hash of the caller's token); confirmations are bound to it. */
  principal?: string;
  /** HTTP: this request's own tokens (bring-your-own mode); the shared pool carries them for this request only. */
  tokens?: ClientTokens;
  /** HTTP: one instance per request, so a legacy client cannot be asked to confirm. */
  statelessHttp?: boolean;
}

export interface App {
  config: Config;
  selection: ToolSelection;
  logger: Logger;
  client: MailtrapClient;
  /** The tool calls in flight, across every server made here (shutdown drains them). */
  calls: CallTracker;
  /** A new MCP server over the shared client, for one era (default legacy); serve it through an SDK entry. */
  createServer(context?: InstanceContext): Server;
  /** Releases the client's connection pool. */
  close(): Promise<void>;
}

/** Throws ConfigError when the settings name an unknown tool. */
export function buildApp(config: Config, deps: AppDeps = {}): App {
  const selection = selectTools(TOOLS, config);
  const secrets = [config.apiToken, config.organizationApiToken];
  const logger = createLogger(config.logLevel, secrets, deps.writeLog);
  const client = new MailtrapClient({
    baseUrl: config.baseUrl,
    apiToken: config.apiToken,
    organizationApiToken: config.organizationApiToken,
    timeoutMs: config.timeoutMs,
    maxResponseBytes: config.maxResponseBytes,
    version: VERSION,
    logger,
    clock: deps.clock,
    pacing: deps.pacing,
    callBudgetMs: deps.callBudgetMs,
  });
  const calls = new CallTracker((line) => logger.warn(line));
  const defaults = { accountId: config.defaultAccountId, organizationId: config.defaultOrganizationId };
  const tools = selection.enabled.map((tool) => withIdDefaults(tool, defaults));
  const clock = deps.clock;
  const confirmations = createConfirmationCodec({ key: deps.signingKey, ...(clock && { now: () => clock.now() }) });
  return {
    config,
    selection,
    logger,
    client,
    calls,
    createServer: ({ era, principal, tokens, statelessHttp } = {}) => {
      // A request's own tokens are redacted from its logs and results like the server's (one list: one redactor).
      const requestSecrets = tokens ? [...secrets, tokens.apiToken, tokens.organizationApiToken] : secrets;
      return createServer({
        client: tokens ? client.forTokens(tokens) : client,
        logger: tokens ? withSecrets(logger, requestSecrets) : logger,
        secrets: requestSecrets,
        statelessHttp,
        tools,
        disabled: selection.disabled,
        confirmDestructive: config.confirmDestructive,
        confirmations,
        principal,
        notice: deps.notice,
        shortNames: config.shortNames,
        era,
        calls,
      });
    },
    close: () => client.close(),
  };
}

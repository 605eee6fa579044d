// MailtrapClient: one typed method per endpoint of the account-scoped spec, each a single request
// through the shared transport. Responses are checked against the payload schemas.
import type { z } from "zod";
import type { Clock } from "../clock.js";
import type { Logger } from "../logger.js";
import { MailtrapConfigError, MailtrapRequestError } from "./errors.js";
import { parseLeniently, type ReplyIssue } from "./lenient.js";
import { knownFields } from "./messages.js";
import { type PacingPolicy, tokenKey } from "./pacing.js";
import type { AccountAccessFilters, PermissionInput, TokenResourceInput } from "./schemas.js";
import * as schemas from "./schemas.js";
import { apiPath, bracketQuery, type HttpMethod, HttpTransport } from "./transport.js";

export interface MailtrapClientOptions {
  baseUrl: string;
  apiToken: string | undefined;
  /** Used for the organization endpoints when set; they need an organization-level token. */
  organizationApiToken?: string | undefined;
  timeoutMs: number;
  maxResponseBytes: number;
  version: string;
  logger?: Logger;
  /** Waits between retries go through this (tests). */
  clock?: Clock;
  /** Overrides parts of the rate-limit pacing (tests whose API has a shorter window). */
  pacing?: Partial<PacingPolicy> | undefined;
  /** Overrides the transport's whole-call budget (tests whose API has a shorter rate window). */
  callBudgetMs?: number | undefined;
}

type Scope = "account" | "organization";

/** The tokens a client sends, and what to call them in hints (variables on stdio, request headers over HTTP). */
export interface ClientTokens {
  apiToken: string | undefined;
  organizationApiToken: string | undefined;
  names?: { account: string; organization: string };
}

const VARIABLE_NAMES = { account: "MAILTRAP_API_TOKEN", organization: "MAILTRAP_ORGANIZATION_API_TOKEN" };

interface Call<S extends z.ZodType> {
  method: HttpMethod;
  path: string;
  query?: string;
  body?: unknown;
  schema: S;
  scope?: Scope;
  signal?: AbortSignal | undefined;
}

/** Built once: a zod schema is compiled on its first parse, and these are parsed on every call. */
const lists = {
  account: schemas.account.array(),
  accountAccess: schemas.accountAccess.array(),
  resourceNode: schemas.resourceNode.array(),
  apiToken: schemas.apiToken.array(),
  subAccount: schemas.subAccount.array(),
};

export class MailtrapClient {
  private readonly transport: HttpTransport;
  /** Names the MCP client in the User-Agent; set only on a per-request view (forCaller). */
  private caller = "";
  /** Fields set aside by lenient reading, by the call's signal, until the server puts them beside the result. */
  private readonly replyIssues = new WeakMap<AbortSignal, ReplyIssue[]>();
  /** The server's tokens; a per-request view (forTokens) carries the request's own. */
  private tokens: ClientTokens;
  /** The pacing key (a hash) of each token this view sends, worked out once; a request's view has its own. */
  private keys = new Map<string, string>();

  constructor(private readonly options: MailtrapClientOptions) {
    this.tokens = { apiToken: options.apiToken, organizationApiToken: options.organizationApiToken };
    this.transport = new HttpTransport({
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
      userAgent: () => `mailtrap-accounts-mcp/${options.version}`,
      logger: options.logger,
      ...(options.clock ? { clock: options.clock } : {}),
      pacing: options.pacing,
      ...(options.callBudgetMs === undefined ? {} : { callBudgetMs: options.callBudgetMs }),
    });
  }

  /**
   * This client for one request, whose User-Agent adds the MCP client's name and version. It shares the pool and
   * everything else; nothing of the caller outlives the request.
   */
  forCaller(info: { name?: unknown; version?: unknown } | undefined): MailtrapClient {
    // Header values must stay printable ASCII.
    const clean = (value: unknown) =>
      String(value ?? "")
        .replace(/[^\x21-\x7e]/g, "")
        .slice(0, 64);
    const name = clean(info?.name);
    if (!name) return this;
    const view = Object.create(this) as MailtrapClient;
    view.caller = ` (client ${name}/${clean(info?.version) || "unknown"})`;
    return view;
  }

  /**
   * This client with one HTTP request's own tokens. It shares the pool (one per process); the tokens live on
   * this view only, which the request drops when it ends: never stored, never seen by another request.
   */
  forTokens(tokens: ClientTokens): MailtrapClient {
    const view = Object.create(this) as MailtrapClient;
    view.tokens = tokens;
    view.keys = new Map();
    return view;
  }

  /** The name of the variable (or header) holding the token a scope uses, for error hints. */
  tokenVariable(scope: Scope): string {
    const names = this.tokens.names ?? VARIABLE_NAMES;
    return scope === "organization" && this.tokens.organizationApiToken ? names.organization : names.account;
  }

  private tokenFor(scope: Scope): string {
    const token = scope === "organization" ? (this.tokens.organizationApiToken ?? this.tokens.apiToken) : this.tokens.apiToken;
    if (!token) throw new MailtrapConfigError("api_token");
    return token;
  }

  private keyOf(token: string): string {
    let key = this.keys.get(token);
    if (key === undefined) this.keys.set(token, (key = tokenKey(token)));
    return key;
  }

  private async call<S extends z.ZodType>(call: Call<S>): Promise<z.infer<S>> {
    const token = this.tokenFor(call.scope ?? "account");
    const body = await this.transport.send({
      method: call.method,
      path: call.path,
      query: call.query,
      body: call.body,
      token,
      tokenKey: this.keyOf(token),
      signal: call.signal,
      userAgent: `mailtrap-accounts-mcp/${this.options.version}${this.caller}`,
    });
    // Leniently: a field of an odd type is set aside with a warning; it never costs the rest of the reply.
    const lenient = parseLeniently(call.schema, body);
    if (!lenient) {
      const issue = call.schema.safeParse(body).error?.issues[0];
      // The request was processed: for a write, the formatter says the change happened.
      throw new MailtrapRequestError(
        { method: call.method, path: call.path },
        { kind: "unexpected_payload", issue: `${issue?.message ?? "invalid"}` },
        { mayHaveBeenSent: true, known: call.method === "GET" ? undefined : knownFields(JSON.stringify(body) ?? "") },
      );
    }
    if (lenient.issues.length > 0) {
      this.options.logger?.warn(
        `${call.method} ${call.path}: ${lenient.issues.length} field(s) of an unexpected type in the reply, set aside`,
      );
      if (call.signal) this.replyIssues.set(call.signal, [...(this.replyIssues.get(call.signal) ?? []), ...lenient.issues]);
    }
    return lenient.data;
  }

  /** The fields set aside from the replies to the call with this signal (each call has its own); then forgets them. */
  takeReplyIssues(signal: AbortSignal): ReplyIssue[] {
    const issues = this.replyIssues.get(signal) ?? [];
    this.replyIssues.delete(signal);
    return issues;
  }

  listAccounts(signal?: AbortSignal) {
    return this.call({ method: "GET", path: "/api/accounts", schema: lists.account, signal });
  }

  listAccountAccesses(accountId: number, filters: AccountAccessFilters, signal?: AbortSignal) {
    return this.call({
      method: "GET",
      path: apiPath`/api/accounts/${accountId}/account_accesses`,
      query: bracketQuery({ project_ids: filters.project_ids, inbox_ids: filters.inbox_ids, domain_ids: filters.domain_ids }),
      schema: lists.accountAccess,
      signal,
    });
  }

  deleteAccountAccess(accountId: number, accountAccessId: number, signal?: AbortSignal) {
    return this.call({
      method: "DELETE",
      path: apiPath`/api/accounts/${accountId}/account_accesses/${accountAccessId}`,
      schema: schemas.deletedAccess,
      signal,
    });
  }

  updatePermissions(accountId: number, accountAccessId: number, permissions: PermissionInput[], signal?: AbortSignal) {
    return this.call({
      method: "PUT",
      path: apiPath`/api/accounts/${accountId}/account_accesses/${accountAccessId}/permissions/bulk`,
      body: { permissions },
      schema: schemas.message,
      signal,
    });
  }

  getPermissionResources(accountId: number, signal?: AbortSignal) {
    return this.call({
      method: "GET",
      path: apiPath`/api/accounts/${accountId}/permissions/resources`,
      schema: lists.resourceNode,
      signal,
    });
  }

  listApiTokens(accountId: number, signal?: AbortSignal) {
    return this.call({ method: "GET", path: apiPath`/api/accounts/${accountId}/api_tokens`, schema: lists.apiToken, signal });
  }

  createApiToken(accountId: number, token: { name: string; resources?: TokenResourceInput[] }, signal?: AbortSignal) {
    return this.call({
      method: "POST",
      path: apiPath`/api/accounts/${accountId}/api_tokens`,
      body: token.resources === undefined ? { name: token.name } : { name: token.name, resources: token.resources },
      schema: schemas.apiTokenWithSecret,
      signal,
    });
  }

  getApiToken(accountId: number, tokenId: number, signal?: AbortSignal) {
    return this.call({ method: "GET", path: apiPath`/api/accounts/${accountId}/api_tokens/${tokenId}`, schema: schemas.apiToken, signal });
  }

  async deleteApiToken(accountId: number, tokenId: number, signal?: AbortSignal): Promise<void> {
    await this.call({
      method: "DELETE",
      path: apiPath`/api/accounts/${accountId}/api_tokens/${tokenId}`,
      schema: schemas.noContent,
      signal,
    });
  }

  resetApiToken(accountId: number, tokenId: number, signal?: AbortSignal) {
    return this.call({
      method: "POST",
      path: apiPath`/api/accounts/${accountId}/api_tokens/${tokenId}/reset`,
      schema: schemas.apiTokenWithSecret,
      signal,
    });
  }

  getBillingUsage(accountId: number, signal?: AbortSignal) {
    return this.call({ method: "GET", path: apiPath`/api/accounts/${accountId}/billing/usage`, schema: schemas.billingUsage, signal });
  }

  listSubAccounts(organizationId: number, signal?: AbortSignal) {
    return this.call({
      method: "GET",
      path: apiPath`/api/organizations/${organizationId}/sub_accounts`,
      schema: lists.subAccount,
      scope: "organization",
      signal,
    });
  }

  createSubAccount(organizationId: number, account: { name: string }, signal?: AbortSignal) {
    return this.call({
      method: "POST",
      path: apiPath`/api/organizations/${organizationId}/sub_accounts`,
      body: { account: { name: account.name } },
      schema: schemas.subAccount,
      scope: "organization",
      signal,
    });
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

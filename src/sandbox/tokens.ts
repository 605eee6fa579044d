// Handlers for account API tokens: list, get, create, delete and reset.
import { randomBytes } from "node:crypto";
import { callerDisplayName } from "./auth.js";
import { type AccountContext, isRecord, parseResourceId, pathId } from "./context.js";
import type { AccessResource, AccessResourceType, SandboxState, StoredApiToken } from "./data.js";
import { json, notFound, type Reply, unprocessable } from "./http.js";
import { apiTokenJson, apiTokenWithSecretJson, resourceExists } from "./views.js";

/** How long a reset token keeps working. */
const RESET_GRACE_MS = 12 * 60 * 60 * 1000;

const TOKEN_TYPES: readonly AccessResourceType[] = ["account", "project", "inbox", "sending_domain"];

/** 32 hex digits, like real Mailtrap tokens; unique across the whole state. */
function freshSecret(state: SandboxState): string {
  for (;;) {
    const secret = randomBytes(16).toString("hex");
    const taken =
      state.credentials.some((c) => c.secret === secret) || state.accounts.some((a) => a.apiTokens.some((t) => t.secret === secret));
    if (!taken) return secret;
  }
}

function findToken(ctx: AccountContext): StoredApiToken | undefined {
  const id = pathId(ctx, "id");
  return ctx.account.apiTokens.find((t) => t.id === id);
}

/** 6. GET /api/accounts/{account_id}/api_tokens */
export function listApiTokens(ctx: AccountContext): Reply {
  return json(200, [...ctx.account.apiTokens].sort((a, b) => a.id - b.id).map(apiTokenJson));
}

/** 8. GET /api/accounts/{account_id}/api_tokens/{id} */
export function getApiToken(ctx: AccountContext): Reply {
  const token = findToken(ctx);
  return token === undefined ? notFound() : json(200, apiTokenJson(token));
}

function addError(errors: Record<string, string[]>, field: string, message: string): void {
  const list = (errors[field] ??= []);
  if (!list.includes(message)) list.push(message);
}

function parseTokenResources(ctx: AccountContext, value: unknown, errors: Record<string, string[]>): AccessResource[] {
  const out: AccessResource[] = [];
  for (const item of Array.isArray(value) ? value : []) {
    if (!isRecord(item)) {
      addError(errors, "resources", "is invalid");
      continue;
    }
    const type = TOKEN_TYPES.find((t) => t === item.resource_type);
    const id = parseResourceId(item.resource_id);
    // The integer 10 or 100 only (a numeric string is cast, as Rails does); "admin"/"viewer" are for bulk permissions.
    const level =
      item.access_level === 10 || item.access_level === "10"
        ? 10
        : item.access_level === 100 || item.access_level === "100"
          ? 100
          : undefined;
    if (type === undefined) addError(errors, "resource_type", "is not included in the list");
    if (id === undefined || (type !== undefined && !resourceExists(ctx.account, type, id))) addError(errors, "resource_id", "is invalid");
    if (level === undefined) addError(errors, "access_level", "is not included in the list");
    if (type !== undefined && id !== undefined && level !== undefined)
      out.push({ resource_id: id, resource_type: type, access_level: level });
  }
  return out;
}

/** 7. POST /api/accounts/{account_id}/api_tokens → 200 (not 201) with the secret. */
export function createApiToken(ctx: AccountContext): Reply {
  const body = isRecord(ctx.body) ? ctx.body : {};
  const errors: Record<string, string[]> = {};
  const name = typeof body.name === "string" ? body.name : typeof body.name === "number" ? String(body.name) : "";
  if (name.trim() === "") addError(errors, "name", "can't be blank");
  const resources = parseTokenResources(ctx, body.resources, errors);
  const hasFieldErrors = "resources" in errors || "resource_type" in errors || "resource_id" in errors || "access_level" in errors;
  if (resources.length === 0 && !hasFieldErrors) addError(errors, "base", "No permissions selected. Please choose at least one.");
  if (Object.keys(errors).length > 0) return unprocessable(errors);
  const token = newToken(ctx.state, name, callerDisplayName(ctx.caller), resources);
  ctx.account.apiTokens.push(token);
  return json(200, apiTokenWithSecretJson(token));
}

function newToken(state: SandboxState, name: string, createdBy: string, resources: AccessResource[]): StoredApiToken {
  return {
    id: state.sequences.apiToken++,
    accessId: state.sequences.accountAccess++,
    name,
    secret: freshSecret(state),
    created_by: createdBy,
    expires_at: null,
    resources,
  };
}

/** 9. DELETE /api/accounts/{account_id}/api_tokens/{id} → 204 without a body. */
export function deleteApiToken(ctx: AccountContext): Reply {
  const token = findToken(ctx);
  if (token === undefined) return notFound();
  ctx.account.apiTokens.splice(ctx.account.apiTokens.indexOf(token), 1);
  return { kind: "empty", status: 204 };
}

/** 10. POST /api/accounts/{account_id}/api_tokens/{id}/reset */
export function resetApiToken(ctx: AccountContext): Reply {
  const old = findToken(ctx);
  if (old === undefined) return notFound();
  if (old.expires_at !== null) return unprocessable({ base: ["Token has already been reset and expires soon"] });
  const id = ctx.state.sequences.apiToken;
  // The new token gets the new id appended to the old name, keeps the permissions, and gets a new secret.
  const fresh = newToken(
    ctx.state,
    `${old.name} ${id}`,
    old.created_by,
    old.resources.map((r) => ({ ...r })),
  );
  old.expires_at = new Date(ctx.now + RESET_GRACE_MS).toISOString();
  ctx.account.apiTokens.push(fresh);
  return json(200, apiTokenWithSecretJson(fresh));
}

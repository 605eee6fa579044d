// What a route handler gets: the live state, the caller, path ids, query and parsed body.
import type { Caller } from "./auth.js";
import type { SandboxAccount, SandboxOrganization, SandboxState } from "./data.js";
import type { RailsParam } from "./query.js";

export interface BaseContext {
  state: SandboxState;
  caller: Caller;
  /** Path ids by name (`account_id`, `account_access_id`, `id`, `organization_id`), already validated. */
  ids: ReadonlyMap<string, number>;
  query: ReadonlyMap<string, RailsParam>;
  /** The parsed JSON body; undefined when the request had none. */
  body: unknown;
  now: number;
}

export interface AccountContext extends BaseContext {
  account: SandboxAccount;
  /** The caller's level on the account (1000 owner, 100 admin, 10 viewer). */
  level: number;
}

export interface OrganizationContext extends BaseContext {
  organization: SandboxOrganization;
}

/** A path id the route pattern guarantees; a miss is a routing bug. */
export function pathId(ctx: BaseContext, name: string): number {
  const id = ctx.ids.get(name);
  if (id === undefined) throw new Error(`route has no :${name}`);
  return id;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A positive integer id given as a number or a digit string (Rails casts both). */
export function parseResourceId(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 1) return value;
  if (typeof value === "string" && /^\s*[1-9][0-9]*\s*$/.test(value)) {
    const n = Number(value.trim());
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

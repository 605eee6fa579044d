// The tool calls in flight, so that a shutdown can stop taking new ones and let these finish, and so that a
// write whose result never reaches the client (cancelled, stdout gone, shutdown) still leaves a trace a person
// can act on: the tool, the ids it acted on, what was created. Never a secret: summaries hold ids and names only.

export interface CallInfo {
  /** The JSON-RPC id of the tools/call request. */
  requestId: string | number;
  tool: string;
  /** POST, PUT or DELETE behind it: its outcome matters even when nobody hears it. */
  isWrite: boolean;
  args: Record<string, unknown>;
}

interface Tracked extends CallInfo {
  startedAt: number;
}

/** Argument and result fields that identify what a write acted on or made; never `token` (a secret). */
const ARG_FIELDS = ["account_id", "organization_id", "account_access_id", "id", "name"] as const;
const RESULT_FIELDS = ["id", "name", "deleted", "message", "last_4_digits", "expires_at"] as const;

function fields(record: unknown, names: readonly string[]): string {
  if (typeof record !== "object" || record === null) return "";
  const values = record as Record<string, unknown>;
  return names
    .filter((name) => ["string", "number", "boolean"].includes(typeof values[name]))
    .map((name) => `${name}=${JSON.stringify(values[name]).slice(0, 80)}`)
    .join(", ");
}

/** One line on what a write did, for a person who never saw its result. */
export function describeOutcome(call: CallInfo, outcome: { result: unknown } | { errorText: string }): string {
  const args = fields(call.args, ARG_FIELDS);
  const head = `${call.tool}${args ? ` (${args})` : ""}`;
  if ("errorText" in outcome) return `${head} ended with: ${outcome.errorText}`;
  const made = fields(outcome.result, RESULT_FIELDS);
  const secret =
    typeof outcome.result === "object" && outcome.result !== null && typeof (outcome.result as { token?: unknown }).token === "string"
      ? " Its secret was only in the undelivered result and is not logged: reset or delete this token if nobody has it."
      : "";
  return `${head} succeeded${made ? `: ${made}` : ""}.${secret}`;
}

export class CallTracker {
  private closing = false;
  private readonly inFlight = new Set<Tracked>();
  /** Outcomes of finished writes whose response is on its way, by request id. */
  private readonly awaitingDelivery = new Map<string, string>();
  private idleWaiters: (() => void)[] = [];

  /** Whether something will call delivered() for every response (the stdio transport does). */
  tracksDelivery = false;

  constructor(private readonly report: (line: string) => void) {}

  /** Stop taking new calls (shutdown). */
  close(): void {
    this.closing = true;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  begin(call: CallInfo): Tracked {
    const tracked = { ...call, startedAt: Date.now() };
    this.inFlight.add(tracked);
    return tracked;
  }

  /**
   * The call is done. For a write, `summary` says what it did: logged now if its result will not be sent
   * (`undeliverable`), otherwise kept until the transport says whether the response went out.
   */
  end(call: Tracked, summary: string | undefined, undeliverable: string | undefined): void {
    this.inFlight.delete(call);
    if (call.isWrite && summary !== undefined) {
      if (undeliverable !== undefined) this.report(`result not delivered (${undeliverable}): ${summary}`);
      else if (this.tracksDelivery) this.awaitingDelivery.set(String(call.requestId), summary);
    }
    if (this.inFlight.size === 0) {
      for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** The transport wrote (or failed to write) the response to `requestId`. */
  delivered(requestId: unknown, error?: Error): void {
    const key = String(requestId);
    const summary = this.awaitingDelivery.get(key);
    if (summary === undefined) return;
    this.awaitingDelivery.delete(key);
    if (error) this.report(`result not delivered (${error.message}): ${summary}`);
  }

  /** Resolves true once no call is in flight, or false after `graceMs`. */
  whenIdle(graceMs: number): Promise<boolean> {
    if (this.inFlight.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), graceMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Says, for each write still in flight (or never acknowledged as sent), that it may have been made. */
  reportUnfinished(why: string): void {
    for (const call of this.inFlight) {
      if (!call.isWrite) continue;
      const args = fields(call.args, ARG_FIELDS);
      this.report(
        `${call.tool}${args ? ` (${args})` : ""} had no answer from Mailtrap yet when the server ${why}: the change may have been made; list before repeating it.`,
      );
    }
    for (const summary of this.awaitingDelivery.values()) this.report(`result may not have been delivered (the server ${why}): ${summary}`);
    this.awaitingDelivery.clear();
  }

  get size(): number {
    return this.inFlight.size;
  }
}

// --http: the SDK's stateless createMcpHandler (2026-07-28, with stateless 2025-11-25 for legacy clients)
// behind our front end. Each request's credentials reach the per-request server factory through the
// handler's pass-through authInfo: in memory for that request only, never stored.
import { type AuthInfo, createMcpHandler, type Server } from "@modelcontextprotocol/server";
import { type FrontendOptions, type HttpFrontend, type RequestContext, startHttpFrontend } from "./frontend.js";

export type Era = "legacy" | "modern";

/** Builds the MCP server for one request of one era, for the caller the context names. */
export type RequestServerFactory = (era: Era, context: RequestContext) => Server | Promise<Server>;

export interface HttpModeOptions extends Omit<FrontendOptions, "handle"> {
  serverFor: RequestServerFactory;
  /** Out-of-band errors the SDK reports (never alters a response). */
  onerror?: (error: Error) => void;
}

export interface HttpMode extends HttpFrontend {
  /** Drains the front end, then closes the handler. */
  close(graceMs: number, leadMs?: number): Promise<void>;
}

const CONTEXT_KEY = "mailtrap-accounts-mcp/request";

function contextOf(authInfo: AuthInfo | undefined): RequestContext {
  const context = authInfo?.extra?.[CONTEXT_KEY] as RequestContext | undefined;
  // The front end always sets it; a request without one would be a wiring bug, not a caller's fault.
  if (!context) throw new Error("request context missing");
  return context;
}

export async function startHttpMode({ serverFor, onerror, ...front }: HttpModeOptions): Promise<HttpMode> {
  const handler = createMcpHandler(({ era, authInfo }) => serverFor(era, contextOf(authInfo)), {
    legacy: "stateless",
    maxRequestBodySize: front.limits?.maxBodyBytes ?? 1024 * 1024,
    ...(onerror ? { onerror } : {}),
  });
  const frontend = await startHttpFrontend({
    ...front,
    handle: (request, context) =>
      handler.fetch(request, {
        // token is the caller's hash, never the Mailtrap token; the credentials ride in extra.
        authInfo: { token: context.callerHash ?? "", clientId: "", scopes: [], extra: { [CONTEXT_KEY]: context } },
        ...(context.parsedBody === undefined ? {} : { parsedBody: context.parsedBody }),
      }),
  });
  return {
    ...frontend,
    async close(graceMs, leadMs) {
      await frontend.drain(graceMs, leadMs);
      await handler.close();
    },
  };
}

// How handler results become HTTP responses, so every JSON answer carries the same headers.
import type { ServerResponse } from "node:http";

/** What a handler answers; the server adds rate-limit headers and writes it. */
export type Reply =
  | { kind: "json"; status: number; body: unknown; headers?: Record<string, string> }
  /** No body and no Content-Type at all (DELETE api_tokens answers 204 like this). */
  | { kind: "empty"; status: number }
  /** Rails' bare error page: the live API answers a missing required param with an empty text/html 400. */
  | { kind: "html"; status: number; body: string };

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers === undefined ? { kind: "json", status, body } : { kind: "json", status, body, headers };
}

export const notFound = (): Reply => json(404, { error: "Not Found" });
export const accountForbidden = (): Reply => json(403, { errors: "Account access forbidden" });
export const organizationForbidden = (): Reply => json(403, { errors: "Access forbidden" });
export const unprocessable = (errors: Record<string, string[]>): Reply => json(422, { errors });
export const badRequestJson = (message: string): Reply => json(400, { errors: message });
/** Rails' ActionController::ParameterMissing as the live API renders it: 400, empty body, text/html. */
export const parameterMissing = (): Reply => ({ kind: "html", status: 400, body: "" });
export const unauthorized = (): Reply => json(401, { error: "Incorrect API token" }, { "WWW-Authenticate": 'Token realm="Application"' });

export function writeReply(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string>): void {
  if (reply.kind === "empty") {
    res.writeHead(reply.status, extraHeaders);
    res.end();
    return;
  }
  if (reply.kind === "html") {
    res.writeHead(reply.status, {
      ...extraHeaders,
      "Content-Type": "text/html",
      "Content-Length": String(Buffer.byteLength(reply.body)),
    });
    res.end(reply.body);
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...extraHeaders,
    ...reply.headers,
    "Content-Type": JSON_CONTENT_TYPE,
    "Content-Length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

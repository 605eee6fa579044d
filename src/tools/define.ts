// The shape of one tool: data (name, schemas, annotations, hints) plus a thin handler over one client call.
import type { z } from "zod";
import type { MailtrapClient } from "../mailtrap/client.js";

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** Every hint is set explicitly: clients assume the worst for a missing one. */
export const READ: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
export const CREATE: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
export const destructive = (idempotent: boolean): ToolAnnotations => ({
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: idempotent,
  openWorldHint: true,
});

export interface ToolContext {
  client: MailtrapClient;
  /** Aborts when the MCP client cancels the call. */
  signal: AbortSignal;
}

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  /** Which token the endpoint needs; decides the hint of a 401/403. */
  scope?: "account" | "organization";
  /** What a 404 most likely means for this tool, and where valid ids come from. */
  notFoundHint?: string;
  /** For writes: the read tool that shows whether the change was made, named when its outcome is unsure. */
  checkWith?: string;
  /** For creates and resets: the result fields that prove it happened, and what to say when a 2xx lacks them. */
  proof?: { fields: readonly string[]; missing: string };
  /** For destructive tools: what will change, in words a person confirms (MAILTRAP_CONFIRM_DESTRUCTIVE). */
  confirm?(args: z.infer<I>): string;
  handler(args: z.infer<I>, context: ToolContext): Promise<z.infer<O>>;
}

/** Identity function: gives each tool's handler its argument and result types from its schemas. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(tool: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return tool;
}

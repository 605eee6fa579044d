// Turns zod issues into one message a model can act on: the parameter path, what is allowed, what came.
import type { z } from "zod";

function pathOf(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || "arguments";
}

function shown(input: unknown): string {
  const text = JSON.stringify(input) ?? String(input);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const EXPECTED: Record<string, string> = {
  int: "an integer",
  number: "a number",
  string: "a string",
  boolean: "a boolean (true or false)",
  array: "an array",
  object: "an object",
};

function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  const got = input === undefined ? "" : ` (got ${shown(input)})`;
  // A missing value fails as a type or union mismatch; say what the model needs to hear.
  if (input === undefined && (issue.code === "invalid_type" || issue.code === "invalid_union")) return "is required";
  switch (issue.code) {
    case "invalid_type":
      // A custom message (set in params.ts) is already phrased for the model.
      if (!issue.message.startsWith("Invalid input")) return `${issue.message}${got}`;
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}${got}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}${got}`;
    case "unrecognized_keys":
      return `has unknown parameter${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
    case "too_small":
      if (issue.origin === "array") return `must have at least ${String(issue.minimum)} item(s)`;
      return issue.message.startsWith("Too small") ? `must be at least ${String(issue.minimum)}${got}` : `${issue.message}${got}`;
    case "too_big":
      if (issue.origin === "array") return `must have at most ${String(issue.maximum)} items`;
      return issue.message.startsWith("Too big") ? `must be at most ${String(issue.maximum)}${got}` : issue.message;
    default:
      return `${issue.message}${got}`;
  }
}

/** "Invalid arguments for <tool>: account_id is required; id must be a positive integer (got "x"). Nothing was sent." */
export function formatInputError(toolName: string, error: z.ZodError): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const issue of error.issues) {
    const path = pathOf(issue.path);
    const text =
      path === "arguments" && issue.code === "unrecognized_keys" ? `arguments ${describeIssue(issue)}` : `${path} ${describeIssue(issue)}`;
    if (!seen.has(text)) parts.push(text);
    seen.add(text);
  }
  return `Invalid arguments for ${toolName}: ${parts.slice(0, 5).join("; ")}. Nothing was sent.`;
}

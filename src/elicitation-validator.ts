// Checks elicitation answers against their form schema. MCP limits elicitation forms to flat objects of
// primitive fields, so this small checker covers them fully; it spares start-up the SDK's default (Ajv),
// which would otherwise be built for every server whether or not it ever asks a question.
import type { JsonSchemaType, JsonSchemaValidatorResult, jsonSchemaValidator } from "@modelcontextprotocol/server";

interface FieldSchema {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

function fieldError(name: string, value: unknown, field: FieldSchema): string | undefined {
  const type = field.type;
  if (type === "boolean" && typeof value !== "boolean") return `${name} must be a boolean`;
  if (type === "string" && typeof value !== "string") return `${name} must be a string`;
  if ((type === "number" || type === "integer") && typeof value !== "number") return `${name} must be a number`;
  if (type === "integer" && !Number.isInteger(value)) return `${name} must be an integer`;
  if (field.enum && !field.enum.includes(value)) return `${name} must be one of ${field.enum.join(", ")}`;
  if (typeof value === "number" && field.minimum !== undefined && value < field.minimum) return `${name} is below ${field.minimum}`;
  if (typeof value === "number" && field.maximum !== undefined && value > field.maximum) return `${name} is above ${field.maximum}`;
  if (typeof value === "string" && field.minLength !== undefined && value.length < field.minLength) return `${name} is too short`;
  if (typeof value === "string" && field.maxLength !== undefined && value.length > field.maxLength) return `${name} is too long`;
  return undefined;
}

export const elicitationValidator: jsonSchemaValidator = {
  getValidator<T>(schema: JsonSchemaType) {
    const properties = (schema.properties ?? {}) as Record<string, FieldSchema>;
    const required = (schema.required ?? []) as string[];
    return (input: unknown): JsonSchemaValidatorResult<T> => {
      const fail = (errorMessage: string) => ({ valid: false as const, data: undefined, errorMessage });
      if (typeof input !== "object" || input === null || Array.isArray(input)) return fail("the answer must be an object");
      const answer = input as Record<string, unknown>;
      for (const name of required) if (!(name in answer)) return fail(`${name} is required`);
      for (const [name, value] of Object.entries(answer)) {
        const field = properties[name];
        if (!field) return fail(`${name} is not a field of this form`);
        const error = fieldError(name, value, field);
        if (error) return fail(error);
      }
      return { valid: true, data: input as T, errorMessage: undefined };
    };
  },
};

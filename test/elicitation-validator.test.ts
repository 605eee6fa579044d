// The small checker that stands in for Ajv on elicitation answers: every refusal path, and the one accept.
import { describe, expect, it } from "vitest";
import { elicitationValidator } from "../src/elicitation-validator.js";

const validate = elicitationValidator.getValidator<Record<string, unknown>>({
  type: "object",
  properties: {
    confirm: { type: "boolean" },
    note: { type: "string", minLength: 2, maxLength: 5 },
    count: { type: "integer", minimum: 1, maximum: 3 },
    ratio: { type: "number" },
    level: { type: "string", enum: ["admin", "viewer"] },
  },
  required: ["confirm"],
});

describe("elicitationValidator", () => {
  it("accepts an answer that fits the form", () => {
    expect(validate({ confirm: true, note: "ok", count: 2, ratio: 0.5, level: "viewer" })).toEqual({
      valid: true,
      data: { confirm: true, note: "ok", count: 2, ratio: 0.5, level: "viewer" },
      errorMessage: undefined,
    });
  });

  it.each([
    ["not an object", "yes", "the answer must be an object"],
    ["null", null, "the answer must be an object"],
    ["an array", [true], "the answer must be an object"],
    ["a missing required field", {}, "confirm is required"],
    ["a field not on the form", { confirm: true, extra: 1 }, "extra is not a field of this form"],
    ["a wrong boolean", { confirm: "true" }, "confirm must be a boolean"],
    ["a wrong string", { confirm: true, note: 5 }, "note must be a string"],
    ["a wrong number", { confirm: true, ratio: "1" }, "ratio must be a number"],
    ["a fraction for an integer", { confirm: true, count: 1.5 }, "count must be an integer"],
    ["a value outside the enum", { confirm: true, level: "owner" }, "level must be one of admin, viewer"],
    ["a number below the minimum", { confirm: true, count: 0 }, "count is below 1"],
    ["a number above the maximum", { confirm: true, count: 4 }, "count is above 3"],
    ["a string too short", { confirm: true, note: "a" }, "note is too short"],
    ["a string too long", { confirm: true, note: "abcdef" }, "note is too long"],
  ])("refuses %s", (_what, answer, message) => {
    expect(validate(answer)).toEqual({ valid: false, data: undefined, errorMessage: message });
  });
});

// Mailtrap's messages in words, and excerpts of non-JSON bodies: bounded and linear whatever the body holds.
import { describe, expect, it } from "vitest";
import { excerpt, MAX_EXCERPT_CHARS, MAX_MESSAGE_CHARS, mailtrapMessage, unreadableBody } from "../src/mailtrap/messages.js";

describe("mailtrapMessage reads errors in every shape as words", () => {
  it.each([
    [{ errors: "Rate limit exceeded" }, "Rate limit exceeded"],
    [{ error: "Incorrect API token" }, "Incorrect API token"],
    [{ errors: ["Name is taken", "Too many tokens"] }, "Name is taken; Too many tokens"],
    [{ errors: [{ message: "can't be blank", field: "name" }, { detail: "is invalid" }] }, "name: can't be blank; is invalid"],
    [{ errors: [{ code: 17, reason: "quota" }] }, "code: 17; reason: quota"],
    [
      { errors: { name: ["can't be blank", "is too short"], base: ["No permissions selected."] } },
      "name: can't be blank, is too short; No permissions selected.",
    ],
    [{ errors: { name: "can't be blank" } }, "name: can't be blank"],
    [{ errors: { resources: [{ message: "unknown resource" }] } }, "resources: unknown resource"],
    [{ message: "Permissions have been updated!" }, "Permissions have been updated!"],
    [{ errors: null }, ""],
    [[1, 2], ""],
    ["text", ""],
  ])("%j → %j", (body, words) => {
    expect(mailtrapMessage(body)).toBe(words);
    expect(mailtrapMessage(body)).not.toContain("[object Object]");
  });

  it("shows at most a fixed length of a huge message, or of thousands of them", () => {
    const huge = mailtrapMessage({ errors: "x ".repeat(1_000_000) });
    expect(huge.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS + 1);
    expect(huge.endsWith("…")).toBe(true);
    const many = mailtrapMessage({ errors: Array.from({ length: 100_000 }, (_, i) => ({ message: `problem ${i}` })) });
    expect(many.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS + 1);
    expect(many.startsWith("problem 0; problem 1")).toBe(true);
  });

  it("does not descend without bound into nested errors", () => {
    let deep: unknown = "bottom";
    for (let i = 0; i < 100_000; i++) deep = { inner: deep };
    expect(() => mailtrapMessage({ errors: deep })).not.toThrow();
  });
});

describe("excerpt", () => {
  it("keeps the text of an HTML page, without tags, scripts, styles or entities", () => {
    const page =
      "<html><head><style>h1{color:red}</style><script>alert('x<y>')</script><title>502 Bad Gateway</title></head><body><h1>Bad&nbsp;Gateway &amp; more</h1></body></html>";
    expect(excerpt(page)).toBe("502 Bad Gateway Bad Gateway & more");
  });

  it.each([
    ["many unclosed <", "<".repeat(200_000)],
    ["many unclosed <script", "<script>".repeat(50_000)],
    ["a tag that never closes", `<div ${"a=b ".repeat(100_000)}`],
    ["plain text", "word ".repeat(400_000)],
  ])("is bounded and fast on %s", (_name, body) => {
    const started = performance.now();
    const out = excerpt(body);
    expect(out.length).toBeLessThanOrEqual(MAX_EXCERPT_CHARS + 1);
    // Linear over at most 4 KB: far below a millisecond per call; the bound is loose for a loaded machine.
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe("unreadableBody", () => {
  it("describes compressed and binary bodies instead of quoting them", () => {
    expect(unreadableBody("\u001f\ufffd\b\u0000garbage", "gzip")).toBe("a gzip-compressed body that was not decoded");
    expect(unreadableBody("\u0000\u0001\u0002\ufffd\ufffd\ufffd\u0003")).toMatch(/^a binary body of \d+ bytes$/);
    expect(unreadableBody("<html>Bad Gateway</html>")).toBeUndefined();
    expect(unreadableBody("plain", "identity")).toBeUndefined();
  });
});

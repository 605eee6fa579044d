// The signed requestState of a modern-era confirmation: only this server's own, unexpired state for the very
// same call counts.
import { describe, expect, it } from "vitest";
import { CONFIRMATION_TTL_MS, createConfirmationCodec } from "../src/confirmation-state.js";

const CALL = { tool: "mailtrap_accounts_delete_api_token", args: { account_id: 1001, id: 8002 } };

describe("confirmation state", () => {
  it("verifies for the same call, whatever the key order of its arguments", () => {
    const codec = createConfirmationCodec();
    const state = codec.mint(CALL);
    expect(codec.verify(state, CALL)).toBe("ok");
    expect(codec.verify(state, { tool: CALL.tool, args: { id: 8002, account_id: 1001 } })).toBe("ok");
  });

  it("is refused for other arguments, another tool or another principal", () => {
    const codec = createConfirmationCodec();
    const state = codec.mint({ ...CALL, principal: "token-hash-a" });
    expect(codec.verify(state, { ...CALL, principal: "token-hash-a" })).toBe("ok");
    expect(codec.verify(state, { ...CALL, args: { account_id: 1001, id: 8003 }, principal: "token-hash-a" })).toBe("other-call");
    expect(codec.verify(state, { ...CALL, tool: "mailtrap_accounts_reset_api_token", principal: "token-hash-a" })).toBe("other-call");
    expect(codec.verify(state, { ...CALL, principal: "token-hash-b" })).toBe("other-call");
    expect(codec.verify(state, CALL)).toBe("other-call");
  });

  it("nested arguments count in full (a permission list is part of the call)", () => {
    const codec = createConfirmationCodec();
    const args = { account_id: 1001, account_access_id: 7002, permissions: [{ resource_id: "3002", access_level: "viewer" }] };
    const state = codec.mint({ tool: "t", args });
    expect(codec.verify(state, { tool: "t", args: { ...args, permissions: [{ resource_id: "3002", access_level: "admin" }] } })).toBe(
      "other-call",
    );
  });

  it("refuses tampering with the body or the signature, and state signed with another key", () => {
    const codec = createConfirmationCodec();
    const state = codec.mint(CALL);
    const [prefix, body, mac] = state.split(".") as [string, string, string];
    const forgedBody = Buffer.from(JSON.stringify({ c: "x", e: Date.now() + 60_000 })).toString("base64url");
    expect(codec.verify(`${prefix}.${forgedBody}.${mac}`, CALL)).toBe("forged");
    expect(codec.verify(`${prefix}.${body}.${mac.startsWith("A") ? "B" : "A"}${mac.slice(1)}`, CALL)).toBe("forged");
    expect(codec.verify(createConfirmationCodec().mint(CALL), CALL)).toBe("forged");
    expect(codec.verify("yes", CALL)).toBe("malformed");
    expect(codec.verify("", CALL)).toBe("malformed");
  });

  it("a shared key (HTTP: every instance) verifies state minted by another instance", () => {
    const key = "k".repeat(32);
    expect(createConfirmationCodec({ key }).verify(createConfirmationCodec({ key }).mint(CALL), CALL)).toBe("ok");
    expect(() => createConfirmationCodec({ key: "short" })).toThrow(/at least 32 bytes/);
  });

  it("expires", () => {
    let now = 1_000_000;
    const codec = createConfirmationCodec({ now: () => now });
    const state = codec.mint(CALL);
    now += CONFIRMATION_TTL_MS;
    expect(codec.verify(state, CALL)).toBe("ok");
    now += 1;
    expect(codec.verify(state, CALL)).toBe("expired");
  });
});

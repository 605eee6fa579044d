// MAILTRAP_CONFIRM_DESTRUCTIVE: the four destructive tools ask the person first (MCP elicitation).

import type { ElicitRequest } from "@modelcontextprotocol/client";
import { describe, expect, it } from "vitest";
import { ERA, startHarness, textOf } from "./helpers/harness.js";

const DELETE = ["mailtrap_accounts_delete_api_token", { account_id: 1001, id: 8002 }] as const;

describe("confirm before destroying", () => {
  it("asks, showing what will change; on accept the request is sent", async () => {
    const asked: ElicitRequest["params"][] = [];
    const h = await startHarness({
      env: { MAILTRAP_CONFIRM_DESTRUCTIVE: "true" },
      elicit: (params) => {
        asked.push(params);
        return { action: "accept", content: { confirm: true } };
      },
    });
    try {
      const result = await h.call(...DELETE);
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(asked).toHaveLength(1);
      expect(asked[0]?.message).toBe("Delete API token 8002 in Mailtrap account 1001? Whatever uses it stops working at once.");
      expect(h.sandbox.requests.map((r) => r.method)).toEqual(["DELETE"]);
    } finally {
      await h.close();
    }
  });

  it("lists each permission change in the question", async () => {
    let message = "";
    const h = await startHarness({
      env: { MAILTRAP_CONFIRM_DESTRUCTIVE: "true" },
      elicit: (params) => {
        message = params.message;
        return { action: "accept", content: { confirm: true } };
      },
    });
    try {
      await h.call("mailtrap_accounts_update_user_permissions", {
        account_id: 1001,
        account_access_id: 7002,
        permissions: [
          { resource_id: "3002", resource_type: "project", access_level: "viewer" },
          { resource_id: 4004, resource_type: "inbox", _destroy: true },
        ],
      });
      expect(message).toBe(
        "Change the permissions of account access 7002 in Mailtrap account 1001:\n- project 3002: set viewer\n- inbox 4004: remove",
      );
    } finally {
      await h.close();
    }
  });

  it.each([
    ["decline", { action: "decline" as const }],
    ["cancel", { action: "cancel" as const }],
    ["accept unticked", { action: "accept" as const, content: { confirm: false } }],
  ])("%s: nothing is sent", async (_name, answer) => {
    const h = await startHarness({ env: { MAILTRAP_CONFIRM_DESTRUCTIVE: "true" }, elicit: () => answer });
    try {
      const result = await h.call(...DELETE);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        /^Error: The user did not confirm mailtrap_accounts_delete_api_token \((declined|cancelled)\)\. Nothing was sent\.$/,
      );
      expect(h.sandbox.requests).toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it.runIf(ERA === "modern")("a yes that comes back after the question expired (10 minutes) is refused; nothing is sent", async () => {
    let h: Awaited<ReturnType<typeof startHarness>> | undefined;
    h = await startHarness({
      env: { MAILTRAP_CONFIRM_DESTRUCTIVE: "true" },
      elicit: async () => {
        // The person takes eleven minutes to answer.
        await h?.clock.sleep(11 * 60_000);
        return { action: "accept", content: { confirm: true } };
      },
    });
    try {
      const result = await h.call(...DELETE);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        "Error: The confirmation of mailtrap_accounts_delete_api_token expired before it came back. Nothing was sent; call the tool again to ask again.",
      );
      expect(h.sandbox.requests).toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it("when the client fails to answer the question, nothing is sent", async () => {
    const h = await startHarness({
      env: { MAILTRAP_CONFIRM_DESTRUCTIVE: "true" },
      elicit: () => {
        throw new Error("the dialog crashed");
      },
    });
    try {
      const outcome = await h.call(...DELETE).then(
        (result) => ({ isError: result.isError, text: textOf(result) }),
        (error: Error) => ({ isError: true, text: error.message }),
      );
      expect(outcome.isError).toBe(true);
      // 2025: the server's question failed, and it says so; 2026: the client's own fulfilment fails before any retry.
      expect(outcome.text).toMatch(
        ERA === "legacy"
          ? /^Error: Could not get the user's confirmation for mailtrap_accounts_delete_api_token \(.*the dialog crashed.*\)\. Nothing was sent\.$/
          : /the dialog crashed/,
      );
      expect(h.sandbox.requests).toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it("a client without elicitation is refused (fail closed), not a silent write", async () => {
    const h = await startHarness({ env: { MAILTRAP_CONFIRM_DESTRUCTIVE: "true" } });
    try {
      for (const [name, args] of [
        DELETE,
        ["mailtrap_accounts_reset_api_token", { account_id: 1001, id: 8001 }],
        ["mailtrap_accounts_delete_account_access_by_id", { account_id: 1001, account_access_id: 7004 }],
        ["mailtrap_accounts_update_user_permissions", { account_id: 1001, account_access_id: 7002, permissions: [] }],
      ] as const) {
        if (ERA === "modern") {
          // 2026-07-28: the request did not declare elicitation, so the spec's -32021 names what it lacks.
          await expect(h.call(name, args)).rejects.toMatchObject({ code: -32021, data: { requiredCapabilities: { elicitation: {} } } });
          continue;
        }
        const result = await h.call(name, args);
        expect(result.isError).toBe(true);
        expect(textOf(result)).toBe(
          `Error: ${name} needs the user's confirmation (MAILTRAP_CONFIRM_DESTRUCTIVE is on), but this MCP client cannot ask (no elicitation support). Refused; nothing was sent.`,
        );
      }
      expect(h.sandbox.requests).toHaveLength(0);
      // Reads and creates are not destructive: no question asked.
      expect((await h.call("mailtrap_accounts_get_all_accounts")).isError).toBeFalsy();
    } finally {
      await h.close();
    }
  });

  it("without the setting, destructive tools run without asking", async () => {
    let asked = 0;
    const h = await startHarness({
      elicit: () => {
        asked++;
        return { action: "decline" };
      },
    });
    try {
      expect((await h.call(...DELETE)).isError).toBeFalsy();
      expect(asked).toBe(0);
    } finally {
      await h.close();
    }
  });
});

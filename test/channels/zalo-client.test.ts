/** The Zalo Bot API client against the fake Zalo server over real HTTP. */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZaloClient, ZaloApiError, zaloWebhookBodySchema } from "../../src/channels/zalo-client.js";
import { startFakeZalo, type FakeZalo } from "../helpers/fake-zalo.js";
import { ROOT } from "../helpers/test-knowledge.js";

const FIXTURES = path.resolve(ROOT, "test/fixtures/platform");
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8")) as Record<string, unknown>;

let zalo: FakeZalo;
beforeAll(async () => {
  zalo = await startFakeZalo(undefined, { maxPollMs: 200 });
});
afterAll(() => zalo.close());

describe("Zalo client", () => {
  it("should call <root>/bot<token>/<method> with a JSON body and read the result", async () => {
    const client = createZaloClient({ token: zalo.token, apiRoot: zalo.apiRoot });
    const me = await client.getMe();
    expect(me.id).toBe(zalo.token.split(":")[0]);
    const sent = await client.sendMessage({ chatId: "abc", text: "Xin chào" });
    expect(sent.message_id).toMatch(/^fake/);
    expect(zalo.calls.at(-1)).toMatchObject({ method: "sendMessage", token: zalo.token, body: { chat_id: "abc", text: "Xin chào" } });
    await client.sendChatAction({ chatId: "abc" });
    expect(zalo.calls.at(-1)?.body).toEqual({ chat_id: "abc", action: "typing" });
  });

  it("should set, read and delete the webhook", async () => {
    const client = createZaloClient({ token: zalo.token, apiRoot: zalo.apiRoot });
    await client.setWebhook({ url: "https://bot.example.vn/webhooks/zalo", secretToken: "s3cret-s3cret" });
    expect(zalo.calls.at(-1)?.body).toEqual({ url: "https://bot.example.vn/webhooks/zalo", secret_token: "s3cret-s3cret" });
    expect((await client.getWebhookInfo()).url).toBe("https://bot.example.vn/webhooks/zalo");
    await client.deleteWebhook();
    expect((await client.getWebhookInfo()).url).toBe("");
  });

  it("should return an event from getUpdates and nothing when the long poll ends empty (408)", async () => {
    const client = createZaloClient({ token: zalo.token, apiRoot: zalo.apiRoot });
    const bare = fixture("zalo-webhook-text-bare.json");
    zalo.queueEvent(bare);
    const events = await client.getUpdates({ timeoutSeconds: 1 });
    expect(events).toHaveLength(1);
    expect(events[0]!.message?.text).toBe("2");
    expect(zalo.calls.at(-1)?.body).toEqual({ timeout: "1" });
    expect(await client.getUpdates({ timeoutSeconds: 1 })).toEqual([]);
  });

  it("should throw a ZaloApiError with method, status and error code, never showing the token", async () => {
    const client = createZaloClient({ token: "999:wrong-token-value", apiRoot: zalo.apiRoot });
    const error = await client.sendMessage({ chatId: "abc", text: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZaloApiError);
    const e = error as ZaloApiError;
    expect(e.method).toBe("sendMessage");
    expect(e.status).toBe(401);
    expect(e.errorCode).toBe(401);
    expect(e.retryable).toBe(false);
    expect(`${e.message} ${e.stack}`).not.toContain("wrong-token-value");
  });

  it("should mark rate limits and server errors as worth retrying", async () => {
    const client = createZaloClient({ token: zalo.token, apiRoot: zalo.apiRoot });
    zalo.failNext("sendMessage", { status: 429 }, { status: 502 });
    const first = (await client.sendMessage({ chatId: "a", text: "x" }).catch((e: unknown) => e)) as ZaloApiError;
    const second = (await client.sendMessage({ chatId: "a", text: "x" }).catch((e: unknown) => e)) as ZaloApiError;
    expect([first.status, first.retryable]).toEqual([429, true]);
    expect([second.status, second.retryable]).toEqual([502, true]);
  });

  it("should report a network failure without the token in the message", async () => {
    const token = "555:network-secret-token";
    const client = createZaloClient({ token, apiRoot: "http://127.0.0.1:9", timeoutMs: 2000 });
    const error = (await client.getMe().catch((e: unknown) => e)) as ZaloApiError;
    expect(error).toBeInstanceOf(ZaloApiError);
    expect(error.status).toBeUndefined();
    expect(error.retryable).toBe(true);
    expect(JSON.stringify({ message: error.message, cause: error.cause })).not.toContain("network-secret-token");
  });

  it("should refuse an answer that is not a Zalo envelope", async () => {
    const client = createZaloClient({ token: zalo.token, apiRoot: `${zalo.apiRoot}/nowhere` });
    const error = (await client.getMe().catch((e: unknown) => e)) as ZaloApiError;
    expect(error).toBeInstanceOf(ZaloApiError);
    expect(error.status).toBe(404);
  });

  it("should read both webhook body shapes and refuse others", () => {
    const wrapped = zaloWebhookBodySchema.parse(fixture("zalo-webhook-text-wrapped.json"));
    const bare = zaloWebhookBodySchema.parse(fixture("zalo-webhook-text-bare.json"));
    expect(wrapped.event_name).toBe("message.text.received");
    expect(wrapped.message?.chat.id).toBe("7a1c55e0b2d94f61a0c3");
    expect(bare.message?.text).toBe("2");
    for (const wrong of [[], {}, { ok: true }, { result: { message: {} } }, "x", null]) {
      expect(zaloWebhookBodySchema.safeParse(wrong).success).toBe(false);
    }
  });
});

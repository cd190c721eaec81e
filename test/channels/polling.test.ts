/**
 * Polling mode against the fakes: Telegram long polling through grammY, Zalo's getUpdates loop with
 * backoff, and a clean stop.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, startChannelHarness, telegramCallback, telegramText, zaloText, type ChannelHarness } from "../helpers/channel-harness.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
let h: ChannelHarness;

beforeAll(async () => {
  t = await buildTestKnowledge();
  h = await startChannelHarness({ mode: "polling", knowledge: t });
});
afterAll(async () => {
  await h?.close();
  t?.cleanup();
});

describe("polling mode", () => {
  it("should mount no webhook routes", async () => {
    expect(h.channels.map((c) => [c.name, c.mode, c.webhook])).toEqual([
      ["telegram", "polling", undefined],
      ["zalo", "polling", undefined],
    ]);
    expect((await h.postTelegram(telegramText("x"))).status).toBe(404);
    expect((await h.postZalo(zaloText("x"))).status).toBe(404);
  });

  it("should drop a webhook before polling (getUpdates does not work beside one)", () => {
    expect(h.telegram.succeeded("deleteWebhook").length).toBeGreaterThan(0);
    expect(h.zalo.succeeded("deleteWebhook").length).toBeGreaterThan(0);
  });

  it("should answer Telegram updates taken by long polling, buttons included", async () => {
    const user = 7_200_000_001;
    h.telegram.queueUpdate(telegramText("Học nghề sau lớp 9 có mất học phí không?", user));
    const sent = () => h.telegram.succeeded("sendMessage").filter((c) => c.body.chat_id === user);
    await h.telegram.waitFor(() => sent().length === 1, "polled answer");
    const up = (sent()[0]!.body.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard.flat()[0]!;
    h.telegram.queueUpdate(telegramCallback(up.callback_data, user));
    await h.telegram.waitFor(() => sent().length === 3, "thanks and role question");
    expect((await h.records()).find((r) => r.id === up.callback_data.slice("fb:up:".length))?.feedback).toBe("up");
  });

  it("should answer Zalo events taken by getUpdates, in both fixture shapes", async () => {
    const wrapped = fixture("zalo-webhook-text-wrapped.json");
    const chat = wrapped.result.message.chat.id as string;
    h.zalo.queueEvent(wrapped.result);
    const sent = () => h.zalo.succeeded("sendMessage").filter((c) => c.body.chat_id === chat);
    await h.zalo.waitFor(() => sent().length === 1, "polled answer");
    h.zalo.queueEvent(fixture("zalo-webhook-text-bare.json"));
    await h.zalo.waitFor(() => sent().length === 3, "feedback thanks and role question");
    // "2" right after the answer was 👎 on it.
    const records = (await h.records()).filter((r) => r.userKey === h.userKey("zalo", chat));
    expect(records.map((r) => r.feedback)).toEqual(["down"]);
  });

  it("should keep polling Zalo after failures, backing off", async () => {
    h.zalo.failNext("getUpdates", { status: 502 }, { status: 500 });
    const statuses = () => h.zalo.calls.filter((c) => c.method === "getUpdates").map((c) => c.status);
    await h.zalo.waitFor(() => statuses().includes(500), "both failed polls");
    expect(statuses()).toContain(502);
    const chat = "c-polling-backoff";
    h.zalo.queueEvent(zaloText("Mô hình 9+ là gì?", chat, "bare"));
    await h.zalo.waitFor(() => h.zalo.succeeded("sendMessage").some((c) => c.body.chat_id === chat), "answer after failed polls");
  });

  it("should stop polling on stop and make no more calls", async () => {
    await Promise.all(h.channels.map((channel) => channel.stop()));
    // Answers under way belong to the inbox dispatcher (durable intake): stopped as main.ts does.
    await h.delivery.dispatcher.stop(5000);
    const telegramCalls = h.telegram.calls.length;
    const zaloCalls = h.zalo.calls.length;
    // Watch a moment: a loop still running would poll again at once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.telegram.calls.length).toBe(telegramCalls);
    expect(h.zalo.calls.length).toBe(zaloCalls);
  });
});

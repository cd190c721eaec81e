/**
 * The platforms' limits, checked on the send times the fake APIs recorded (contract checks on
 * arrival timestamps, not speed thresholds): Telegram at most TELEGRAM_SEND_PER_SECOND (25) in any
 * one-second window and one message per second per chat, also across two announcements sent
 * back to back; Zalo at most ZALO_SEND_PER_SECOND (set to 5 here).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeCall } from "../helpers/fake-platform.js";
import { startOutreachHarness, until, type OutreachHarness } from "./helpers/outreach-harness.js";
import { chatIds, seedAnnouncement, seedSubscribers } from "./helpers/seed.js";

let h: OutreachHarness;

beforeAll(async () => {
  h = await startOutreachHarness({ env: { TELEGRAM_SEND_PER_SECOND: "25", ZALO_SEND_PER_SECOND: "5" } });
});
afterAll(async () => {
  await h?.close();
});

/** The most calls that arrived within any window of `ms` (start inclusive, end exclusive). */
function maxInWindow(calls: FakeCall[], ms: number): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= ms) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** The shortest gap between two calls to the same chat. */
function minChatGap(calls: FakeCall[]): number {
  const byChat = new Map<string, number[]>();
  for (const call of calls) byChat.set(String(call.body.chat_id), [...(byChat.get(String(call.body.chat_id)) ?? []), call.at]);
  let gap = Number.POSITIVE_INFINITY;
  for (const times of byChat.values()) {
    times.sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) gap = Math.min(gap, times[i]! - times[i - 1]!);
  }
  return gap;
}

async function waitDone(ids: string[]): Promise<void> {
  await until(async () => (await Promise.all(ids.map((id) => h.outreach.store.getAnnouncement(id)))).every((a) => a?.status === "done"), "announcements sent", 60_000);
}

describe("send rate limits", () => {
  it("should never exceed 25 Telegram messages in any second, nor send to one chat twice within a second", async () => {
    const chats = chatIds("63100", 60);
    await seedSubscribers({ store: h.outreach.store, cipher: h.outreach.cipher, userKey: h.userKey }, chats.map((chatId) => ({ channel: "telegram" as const, chatId, topics: ["hoc_nghe" as const] })));
    // Two announcements back to back: every chat gets two messages, which must stay a second apart.
    const first = await seedAnnouncement(h.outreach.store, { topic: "hoc_nghe", text: "Tin thứ nhất" });
    const second = await seedAnnouncement(h.outreach.store, { topic: "hoc_nghe", text: "Tin thứ hai" });
    h.outreach.worker.wake();
    await waitDone([first.id, second.id]);
    const calls = h.telegram.succeeded("sendMessage").filter((c) => chats.includes(String(c.body.chat_id)));
    expect(calls).toHaveLength(120);
    expect(maxInWindow(calls, 1000)).toBeLessThanOrEqual(25);
    expect(minChatGap(calls)).toBeGreaterThanOrEqual(1000);
    for (const chat of chats) expect(h.telegram.deliveredTo(chat).map((c) => c.body.text as string).map((t) => t.split("\n")[2])).toEqual(["Tin thứ nhất", "Tin thứ hai"]);
  });

  it("should never exceed ZALO_SEND_PER_SECOND Zalo messages in any second", async () => {
    const chats = chatIds("zalo-rate-", 16);
    await seedSubscribers({ store: h.outreach.store, cipher: h.outreach.cipher, userKey: h.userKey }, chats.map((chatId) => ({ channel: "zalo" as const, chatId, topics: ["viec_lam" as const] })));
    const { id } = await seedAnnouncement(h.outreach.store, { topic: "viec_lam" });
    h.outreach.worker.wake();
    await waitDone([id]);
    const calls = h.zalo.succeeded("sendMessage").filter((c) => chats.includes(String(c.body.chat_id)));
    expect(calls).toHaveLength(16);
    expect(maxInWindow(calls, 1000)).toBeLessThanOrEqual(5);
  });
});

/**
 * Issue 11, item 3: `/xoadulieu` on Telegram and Zalo deletes that user's query records (nothing
 * left that the salt could link back to the user), memory, profile, subscription, consent history
 * and staff routes; the daily counts keep the totals; the reply says exactly what was deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteUserData } from "../../src/conversation/delete-user-data.js";
import { dataDeletionVi } from "../../src/messages-vi.js";
import { startOutreachHarness, STAFF_CHAT, until, type OutreachHarness } from "../outreach/helpers/outreach-harness.js";

let h: OutreachHarness;
beforeAll(async () => {
  h = await startOutreachHarness();
});
afterAll(async () => {
  await h?.close();
});

let nextId = 820_000_000;
function telegramUpdate(user: number, text: string): Record<string, unknown> {
  const id = ++nextId;
  return { update_id: id, message: { message_id: id, from: { id: user, is_bot: false, first_name: "A" }, chat: { id: user, type: "private" }, date: 1764390000, text } };
}
function telegramButton(user: number, data: string): Record<string, unknown> {
  const id = ++nextId;
  return {
    update_id: id,
    callback_query: { id: String(id), from: { id: user, is_bot: false, first_name: "A" }, chat_instance: "1", data, message: { message_id: id, chat: { id: user, type: "private" }, date: 1764390000, text: "…" } },
  };
}
function zaloEvent(chat: string, text: string): Record<string, unknown> {
  const id = (++nextId).toString(16).padStart(20, "0");
  return { event_name: "message.text.received", message: { message_id: id, date: 1764390000123, chat: { id: chat, chat_type: "PRIVATE" }, from: { id: chat, display_name: "B", is_bot: false }, text } };
}

async function telegramSay(user: number, update: Record<string, unknown>): Promise<string> {
  const before = h.telegram.deliveredTo(String(user)).length;
  expect((await h.postTelegram(update)).status).toBe(200);
  await until(() => h.telegram.deliveredTo(String(user)).length > before, "telegram reply");
  return String(h.telegram.deliveredTo(String(user)).at(-1)!.body.text);
}
async function zaloSay(chat: string, text: string): Promise<string> {
  const before = h.zalo.deliveredTo(chat).length;
  expect((await h.postZalo(zaloEvent(chat, text))).status).toBe(200);
  await until(() => h.zalo.deliveredTo(chat).length > before, "zalo reply");
  return String(h.zalo.deliveredTo(chat).at(-1)!.body.text);
}

const ALL = { from: "2000-01-01", to: "2100-12-31" };

describe("/xoadulieu", () => {
  it("should delete a Telegram user's questions, profile, memory, subscription and staff route, keep the totals and say what went", async () => {
    const user = 6_810_000_001;
    const other = 6_810_000_002;
    const key = h.userKey("telegram", String(user));
    await telegramSay(other, telegramUpdate(other, "Học nghề sau lớp 9 có mất học phí không?"));
    await telegramSay(user, telegramUpdate(user, "Học nghề sau lớp 9 có mất học phí không?"));
    const staffBefore = h.telegram.deliveredTo(STAFF_CHAT).length;
    await telegramSay(user, telegramUpdate(user, "Trường nghề có câu lạc bộ bóng chuyền cho học sinh không?"));
    await until(() => h.telegram.deliveredTo(STAFF_CHAT).length > staffBefore, "forward to staff");
    await telegramSay(user, telegramButton(user, "pf:role:parent"));
    await telegramSay(user, telegramUpdate(user, "/dangky"));
    await telegramSay(user, telegramButton(user, "sub:t:nuoc_ngoai"));
    await until(async () => (await h.records()).filter((r) => r.userKey === key).length === 2, "two records of the user");
    await until(async () => (await h.outreach.store.findStaffRouteByRecord((await h.records()).find((r) => r.userKey === key && !r.answered)!.id)) !== undefined, "staff route");
    const totalBefore = (await h.store.summary(ALL)).total;

    const reply = await telegramSay(user, telegramUpdate(user, "/xoadulieu"));

    expect(reply).toBe(
      dataDeletionVi.reply({ questions: 2, memory: 1, profile: 1, subscriptions: 1, consentEvents: 1, staffRoutes: 1, announcementDeliveries: 0 }),
    );
    expect(reply).toContain("2 câu hỏi");
    // Nothing left under the user's key: the salt links no record to the user any more.
    expect((await h.records()).filter((r) => r.userKey === key)).toEqual([]);
    expect(await h.store.getProfile(key)).toBeUndefined();
    expect(await h.store.getTurn(key)).toBeUndefined();
    expect(await h.outreach.store.getSubscription(key)).toBeUndefined();
    expect(await h.outreach.store.consentHistory(key)).toEqual([]);
    // The other user's record stays, and the daily counts keep every question.
    expect((await h.records()).some((r) => r.userKey === h.userKey("telegram", String(other)))).toBe(true);
    expect((await h.store.summary(ALL)).total).toBe(totalBefore);
  });

  it("should delete a Zalo user's questions, and say there is nothing left the second time", async () => {
    const chat = "zdel0000000000000001";
    const key = h.userKey("zalo", chat);
    await zaloSay(chat, "Mô hình 9+ là gì?");
    await until(async () => (await h.records()).some((r) => r.userKey === key), "record of the user");
    const reply = await zaloSay(chat, "xoa du lieu cua toi");
    expect(reply).toContain("1 câu hỏi bạn đã gửi");
    expect((await h.records()).filter((r) => r.userKey === key)).toEqual([]);
    expect(await zaloSay(chat, "/xoadulieu")).toBe(dataDeletionVi.reply({ questions: 0, memory: 0, profile: 0, subscriptions: 0, consentEvents: 0, staffRoutes: 0, announcementDeliveries: 0 }));
  });

  it("should unlink the user from announcements already sent, keeping the reach counts", async () => {
    const key = "d".repeat(64);
    const db = h.store.db as any;
    for (const [announcement, status] of [["a-del-1", "sent"], ["a-del-2", "failed"]]) {
      await db
        .insertInto("announcement_deliveries")
        .values({ announcement_id: announcement, user_key: key, channel: "telegram", commune: null, status, attempts: 1, next_attempt_ms: 0 })
        .execute();
    }
    const deleted = await deleteUserData({ store: h.store, extensions: h.outreach.extensions }, key);
    expect(deleted.announcementDeliveries).toBe(2);
    const rows = await db.selectFrom("announcement_deliveries").select(["announcement_id", "user_key", "status"]).where("announcement_id", "in", ["a-del-1", "a-del-2"]).execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.user_key).not.toBe(key);
  });

  it("should delete a record still waiting in the recorder's batch (the one function any channel calls)", async () => {
    const key = "k".repeat(63) + "x";
    const pending = { id: "00000000-0000-0000-0000-00000000d11e", at: new Date(), channel: "web", userKey: key, role: "unknown" as const, commune: null, topic: "work_abroad" as const, question: "q", answered: true, confidence: 1, sources: [], answerer: "offline", latencyMs: 1, feedback: null, reviewed: false };
    h.recorder.record(pending);
    const deleted = await deleteUserData({ store: h.store, recorder: h.recorder }, key);
    expect(deleted.questions).toBe(1);
    expect((await h.records()).filter((r) => r.userKey === key)).toEqual([]);
  });
});

/**
 * Opt-in and opt-out of announcements on Telegram (buttons) and Zalo (numbered choices), through
 * the webhooks and the fake platforms: what the consent message says, what the subscription and
 * its consent history keep (and do not keep), and that opting out or /xoadulieu removes the chat id.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outreachVi } from "../../src/messages-vi.js";
import { CONSENT_VERSION } from "../../src/outreach/subscription-commands.js";
import { buttons, startOutreachHarness, telegramCallback, telegramText, until, zaloText, type OutreachHarness } from "./helpers/outreach-harness.js";

let h: OutreachHarness;
let nextUser = 6_200_000_000;

beforeAll(async () => {
  h = await startOutreachHarness();
});
afterAll(async () => {
  await h?.close();
});

const telegramSent = (chat: number) => h.telegram.deliveredTo(String(chat));
const zaloSent = (chat: string) => h.zalo.deliveredTo(chat);

/** Posts and waits for the `n`-th reply to that chat. */
async function telegramSay(user: number, update: Record<string, unknown>): Promise<Record<string, any>> {
  const before = telegramSent(user).length;
  expect((await h.postTelegram(update)).status).toBe(200);
  await until(() => telegramSent(user).length > before, "telegram reply");
  return telegramSent(user).at(-1)!.body as Record<string, any>;
}

async function zaloSay(chat: string, text: string): Promise<string> {
  const before = zaloSent(chat).length;
  expect((await h.postZalo(zaloText(text, chat))).status).toBe(200);
  await until(() => zaloSent(chat).length > before, "zalo reply");
  return String(zaloSent(chat).at(-1)!.body.text);
}

/** Every value stored in the outreach tables, as one string (to look for raw ids). */
async function outreachRows(): Promise<string> {
  const tables = ["subscriptions", "consent_events", "staff_routes", "announcement_deliveries"];
  const rows = [];
  for (const table of tables) rows.push(...(await sql`select * from ${sql.table(table)}`.execute(h.store.db)).rows);
  return JSON.stringify(rows);
}

describe("subscriptions on Telegram", () => {
  it("should explain the consent, mention a parent's agreement for under-16s, and offer the topics with buttons", async () => {
    const user = nextUser++;
    const reply = await telegramSay(user, telegramText("/dangky", user));
    expect(reply.text).toContain(outreachVi.consent);
    expect(reply.text).toMatch(/dưới 16 tuổi.*cha mẹ/s);
    expect(reply.text).toContain("/huydangky");
    const labels = buttons({ body: reply }).map((b) => b.text);
    expect(labels).toEqual(["Tất cả chủ đề", "Phân luồng", "Học nghề", "Việc làm", "Đi làm việc nước ngoài", "Sự kiện (hội thảo, ngày hội)", "Không, cảm ơn"]);
    // Seeing the offer is not agreeing: nothing is stored yet.
    expect(await h.outreach.store.getSubscription(h.userKey("telegram", String(user)))).toBeUndefined();
  });

  it("should store the opt-in with time, channel, topics, commune and consent version, never the raw chat id", async () => {
    const user = nextUser++;
    const key = h.userKey("telegram", String(user));
    const offer = await telegramSay(user, telegramText("/dangky", user));
    const topic = buttons({ body: offer }).find((b) => b.text === "Học nghề")!;
    const before = Date.now();
    const communeQuestion = await telegramSay(user, telegramCallback(topic.callback_data, user));
    expect(communeQuestion.text).toContain(outreachVi.subscribed("Học nghề"));
    const longHiep = buttons({ body: communeQuestion }).find((b) => b.text === "Xã Long Hiệp")!;
    const done = await telegramSay(user, telegramCallback(longHiep.callback_data, user));
    expect(done.text).toBe(outreachVi.done("Học nghề", "Xã Long Hiệp"));

    const subscription = (await h.outreach.store.getSubscription(key))!;
    expect(subscription).toMatchObject({ channel: "telegram", topics: ["hoc_nghe"], commune: "Xã Long Hiệp", consentVersion: CONSENT_VERSION });
    expect(subscription.consentedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    // The chat id is kept (encrypted) because delivering needs it.
    expect(h.outreach.cipher.decrypt(subscription.chatRef)).toBe(String(user));
    const history = await h.outreach.store.consentHistory(key);
    expect(history.map((e) => e.action)).toEqual(["opt_in", "update"]);
    expect(history[0]).toMatchObject({ channel: "telegram", topics: ["hoc_nghe"], commune: null, consentVersion: CONSENT_VERSION });
    expect(await outreachRows()).not.toContain(String(user));
  });

  it("should add topics when subscribing again", async () => {
    const user = nextUser++;
    const offer = await telegramSay(user, telegramText("/dangky", user));
    await telegramSay(user, telegramCallback(buttons({ body: offer }).find((b) => b.text === "Việc làm")!.callback_data, user));
    const again = await telegramSay(user, telegramText("đăng ký nhận tin", user));
    expect(again.text).toContain("Bạn đang nhận tin về: Việc làm");
    await telegramSay(user, telegramCallback(buttons({ body: again }).find((b) => b.text === "Phân luồng")!.callback_data, user));
    expect((await h.outreach.store.getSubscription(h.userKey("telegram", String(user))))!.topics.sort()).toEqual(["phan_luong", "viec_lam"]);
  });

  it("should opt out at once with /huydangky and delete the chat id", async () => {
    const user = nextUser++;
    const key = h.userKey("telegram", String(user));
    await telegramSay(user, telegramText("/dangky", user));
    await telegramSay(user, telegramCallback("sub:t:all", user));
    expect(await h.outreach.store.getSubscription(key)).toBeDefined();
    const reply = await telegramSay(user, telegramText("/huydangky", user));
    expect(reply.text).toBe(outreachVi.unsubscribed);
    expect(await h.outreach.store.getSubscription(key)).toBeUndefined();
    expect((await h.outreach.store.consentHistory(key)).map((e) => e.action)).toEqual(["opt_in", "opt_out"]);
    // Nothing left from which the chat could be reached.
    const rows = await sql<{ n: number }>`select count(*) as n from subscriptions where user_key = ${key}`.execute(h.store.db);
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });

  it("should take 'hủy đăng ký', 'dừng' and 'dung' as opt-out, with or without diacritics", async () => {
    for (const words of ["hủy đăng ký", "huy dang ky", "dừng", "dung", "Dừng nhận tin"]) {
      const user = nextUser++;
      await telegramSay(user, telegramText("/dangky", user));
      await telegramSay(user, telegramCallback("sub:t:su_kien", user));
      const reply = await telegramSay(user, telegramText(words, user));
      expect(reply.text, words).toBe(outreachVi.unsubscribed);
      expect(await h.outreach.store.getSubscription(h.userKey("telegram", String(user))), words).toBeUndefined();
    }
  });

  it("should not read a bare 'đúng' or 'dung' from someone not subscribed as opt-out", async () => {
    const user = nextUser++;
    const reply = await telegramSay(user, telegramText("dung", user));
    expect(reply.text).not.toBe(outreachVi.unsubscribed);
    expect(reply.text).not.toBe(outreachVi.notSubscribed);
    const subscribed = nextUser++;
    await telegramSay(subscribed, telegramText("/dangky", subscribed));
    await telegramSay(subscribed, telegramCallback("sub:t:viec_lam", subscribed));
    await telegramSay(subscribed, telegramText("đúng", subscribed));
    expect(await h.outreach.store.getSubscription(h.userKey("telegram", String(subscribed)))).toBeDefined();
  });

  it("should store nothing when the user declines", async () => {
    const user = nextUser++;
    await telegramSay(user, telegramText("/dangky", user));
    const reply = await telegramSay(user, telegramCallback("sub:no", user));
    expect(reply.text).toBe(outreachVi.declined);
    expect(await h.outreach.store.getSubscription(h.userKey("telegram", String(user)))).toBeUndefined();
    expect(await h.outreach.store.consentHistory(h.userKey("telegram", String(user)))).toEqual([]);
  });

  it("should offer the subscription in the main menu", async () => {
    const user = nextUser++;
    const menu = await telegramSay(user, telegramText("/menu", user));
    const labels = (menu.reply_markup.keyboard as { text: string }[][]).flat().map((b) => b.text);
    expect(labels.at(-1)).toBe(outreachVi.menuSubscribe);
    // The keyboard sends its label as text.
    const offer = await telegramSay(user, telegramText(outreachVi.menuSubscribe, user));
    expect(offer.text).toContain(outreachVi.consent);
  });

  it("should delete the subscription and consent history with /xoadulieu", async () => {
    const user = nextUser++;
    const key = h.userKey("telegram", String(user));
    await telegramSay(user, telegramText("/dangky", user));
    await telegramSay(user, telegramCallback("sub:t:nuoc_ngoai", user));
    await telegramSay(user, telegramText("/xoadulieu", user));
    expect(await h.outreach.store.getSubscription(key)).toBeUndefined();
    expect(await h.outreach.store.consentHistory(key)).toEqual([]);
  });

  it("should refuse to subscribe a group chat", async () => {
    const group = -1001111222333;
    const update = telegramText("/dangky", 6_299_000_001);
    update.message.chat = { id: group, title: "Lớp 9A", type: "group" };
    const before = h.telegram.deliveredTo(String(group)).length;
    expect((await h.postTelegram(update)).status).toBe(200);
    await until(() => h.telegram.deliveredTo(String(group)).length > before, "group reply");
    expect(String(h.telegram.deliveredTo(String(group)).at(-1)!.body.text)).toBe(outreachVi.privateOnly);
  });
});

describe("subscriptions on Zalo", () => {
  it("should subscribe through numbered choices and opt out with 'hủy đăng ký'", async () => {
    const chat = "zalo-sub-chat-0001";
    const key = h.userKey("zalo", chat);
    const offer = await zaloSay(chat, "/dangky");
    expect(offer).toContain("dưới 16 tuổi");
    expect(offer).toContain("1. Tất cả chủ đề");
    expect(offer).toContain("3. Học nghề");
    expect(offer).toContain("7. Không, cảm ơn");
    const communes = await zaloSay(chat, "3");
    expect(communes).toContain(outreachVi.subscribed("Học nghề"));
    expect(communes).toContain("5. Xã Long Hiệp");
    expect(communes).toContain("7. Cả vùng Trà Cú");
    const done = await zaloSay(chat, "7");
    expect(done).toBe(outreachVi.done("Học nghề", "cả vùng Trà Cú"));
    const subscription = (await h.outreach.store.getSubscription(key))!;
    expect(subscription).toMatchObject({ channel: "zalo", topics: ["hoc_nghe"], commune: null, consentVersion: CONSENT_VERSION });
    expect(h.outreach.cipher.decrypt(subscription.chatRef)).toBe(chat);
    expect(await outreachRows()).not.toContain(chat);

    expect(await zaloSay(chat, "hủy đăng ký")).toBe(outreachVi.unsubscribed);
    expect(await h.outreach.store.getSubscription(key)).toBeUndefined();
  });

  it("should show the subscription as the 7th menu item and take '7' for it", async () => {
    const chat = "zalo-sub-chat-0002";
    const menu = await zaloSay(chat, "/menu");
    expect(menu).toContain(`7. ${outreachVi.menuSubscribe}`);
    expect(await zaloSay(chat, "7")).toContain(outreachVi.consent);
    // Choosing "Tất cả chủ đề" subscribes to all five topics.
    await zaloSay(chat, "1");
    expect((await h.outreach.store.getSubscription(h.userKey("zalo", chat)))!.topics).toHaveLength(5);
    expect(await zaloSay(chat, "dung")).toBe(outreachVi.unsubscribed);
  });

  it("should say there is nothing to cancel for /huydangky without a subscription", async () => {
    expect(await zaloSay("zalo-sub-chat-0003", "/huydangky")).toBe(outreachVi.notSubscribed);
  });
});

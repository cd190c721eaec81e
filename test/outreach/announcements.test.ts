/**
 * Announcements from the staff API to the fake platforms: preview and confirmation, only matching
 * subscribers reached, audit fields, per-channel counts, blocked users unsubscribed, 429
 * `retry_after` honoured, transient failures retried, opt-outs after confirmation respected.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outreachVi } from "../../src/messages-vi.js";
import { startOutreachHarness, until, type OutreachHarness } from "./helpers/outreach-harness.js";
import { seedAnnouncement, seedSubscribers } from "./helpers/seed.js";

let h: OutreachHarness;

beforeAll(async () => {
  h = await startOutreachHarness();
});
afterAll(async () => {
  await h?.close();
});

const deps = () => ({ store: h.outreach.store, cipher: h.outreach.cipher, userKey: h.userKey });

async function waitDone(id: string) {
  await until(async () => (await h.outreach.store.getAnnouncement(id))?.status === "done", "announcement sent");
  return (await h.outreach.store.getAnnouncement(id))!;
}

let chatSeq = 6_300_000_000;
const tg = () => String(chatSeq++);
let zaloSeq = 1;
const za = () => `zalo-ann-${zaloSeq++}`;

describe("announcements", () => {
  beforeEach(async () => {
    // Every test starts with no subscriber left from an earlier one.
    await sql`delete from subscriptions`.execute(h.store.db);
  });

  it("should preview the exact message and the recipient count, then reach only the matching subscribers", async () => {
    const [t1, t2, t3, t4] = [tg(), tg(), tg(), tg()];
    const [z1, z2] = [za(), za()];
    await seedSubscribers(deps(), [
      { channel: "telegram", chatId: t1, topics: ["hoc_nghe"], commune: "Xã Long Hiệp" },
      { channel: "telegram", chatId: t2, topics: ["hoc_nghe", "viec_lam"], commune: null },
      { channel: "telegram", chatId: t3, topics: ["viec_lam"], commune: "Xã Long Hiệp" },
      { channel: "telegram", chatId: t4, topics: ["hoc_nghe"], commune: "Xã Tập Sơn" },
      { channel: "zalo", chatId: z1, topics: ["hoc_nghe"], commune: "Xã Long Hiệp" },
      { channel: "zalo", chatId: z2, topics: ["su_kien"], commune: "Xã Long Hiệp" },
    ]);
    const draft = { text: "Lớp học nghề hàn khai giảng tháng 12 tại Long Hiệp.", topic: "hoc_nghe", communes: ["Long Hiệp"], link: "https://example.vn/lop-han" };
    const previewRes = await h.api("POST", "/api/outreach/announcements/preview", draft);
    expect(previewRes.status).toBe(200);
    const preview = (await previewRes.json()) as { message: string; contentHash: string; recipients: { total: number; byChannel: Record<string, number> } };
    expect(preview.recipients).toEqual({ total: 3, byChannel: { telegram: 2, zalo: 1 } });
    expect(preview.message).toContain(outreachVi.announcementHeader);
    expect(preview.message).toContain(draft.text);
    expect(preview.message).toContain(draft.link);
    expect(preview.message).toContain("/huydangky");

    // A confirmation must carry the hash of what was previewed.
    const changed = await h.api("POST", "/api/outreach/announcements", { ...draft, text: `${draft.text}!`, contentHash: preview.contentHash });
    expect(changed.status).toBe(409);
    const confirmed = await h.api("POST", "/api/outreach/announcements", { ...draft, contentHash: preview.contentHash });
    expect(confirmed.status).toBe(201);
    const { id, recipientCount } = (await confirmed.json()) as { id: string; recipientCount: number };
    expect(recipientCount).toBe(3);

    const done = await waitDone(id);
    expect(done).toMatchObject({ author: "canbo", contentHash: preview.contentHash, recipientCount: 3, communes: ["Xã Long Hiệp"], topic: "hoc_nghe" });
    expect(done.counts).toEqual({ delivered: 3, failed: 0, blocked: 0, skipped: 0, waiting: 0 });
    expect(done.byChannel.telegram).toMatchObject({ delivered: 2 });
    expect(done.byChannel.zalo).toMatchObject({ delivered: 1 });
    for (const chat of [t1, t2]) expect(h.telegram.deliveredTo(chat).map((c) => c.body.text)).toEqual([preview.message]);
    expect(h.zalo.deliveredTo(z1).map((c) => c.body.text)).toEqual([preview.message]);
    for (const chat of [t3, t4]) expect(h.telegram.deliveredTo(chat)).toHaveLength(0);
    expect(h.zalo.deliveredTo(z2)).toHaveLength(0);

    const listed = (await (await h.api("GET", "/api/outreach/announcements")).json()) as { items: { id: string; counts: { delivered: number } }[] };
    expect(listed.items.find((a) => a.id === id)?.counts.delivered).toBe(3);
  });

  it("should send nothing to people who never opted in", async () => {
    const before = h.telegram.succeeded("sendMessage").length + h.zalo.succeeded("sendMessage").length;
    const { id, recipients } = await seedAnnouncement(h.outreach.store, { topic: "viec_lam" });
    expect(recipients).toBe(0);
    expect((await waitDone(id)).counts.delivered).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.telegram.succeeded("sendMessage").length + h.zalo.succeeded("sendMessage").length).toBe(before);
  });

  it("should unsubscribe users who blocked the bot (Telegram 403, Zalo 403) and count them as blocked", async () => {
    const [okTg, blockedTg] = [tg(), tg()];
    const [okZa, blockedZa] = [za(), za()];
    await seedSubscribers(deps(), [
      { channel: "telegram", chatId: okTg, topics: ["su_kien"] },
      { channel: "telegram", chatId: blockedTg, topics: ["su_kien"] },
      { channel: "zalo", chatId: okZa, topics: ["su_kien"] },
      { channel: "zalo", chatId: blockedZa, topics: ["su_kien"] },
    ]);
    h.telegram.blocked.add(blockedTg);
    h.zalo.blocked.add(blockedZa);
    const { id } = await seedAnnouncement(h.outreach.store, { topic: "su_kien" });
    h.outreach.worker.wake();
    const done = await waitDone(id);
    expect(done.counts).toMatchObject({ delivered: 2, blocked: 2, failed: 0 });
    expect(done.byChannel.telegram).toMatchObject({ delivered: 1, blocked: 1 });
    expect(done.byChannel.zalo).toMatchObject({ delivered: 1, blocked: 1 });
    expect(await h.outreach.store.getSubscription(h.userKey("telegram", blockedTg))).toBeUndefined();
    expect(await h.outreach.store.getSubscription(h.userKey("zalo", blockedZa))).toBeUndefined();
    expect((await h.outreach.store.consentHistory(h.userKey("telegram", blockedTg))).at(-1)?.action).toBe("blocked");
    expect(await h.outreach.store.getSubscription(h.userKey("telegram", okTg))).toBeDefined();
  });

  it("should honour a 429 retry_after: the same message is tried again no earlier than it says", async () => {
    const chat = tg();
    await seedSubscribers(deps(), [{ channel: "telegram", chatId: chat, topics: ["phan_luong"] }]);
    h.telegram.failChat(chat, { status: 429, retryAfter: 1 });
    const { id } = await seedAnnouncement(h.outreach.store, { topic: "phan_luong" });
    h.outreach.worker.wake();
    const done = await waitDone(id);
    expect(done.counts.delivered).toBe(1);
    const calls = h.telegram.calls.filter((c) => c.method === "sendMessage" && String(c.body.chat_id) === chat);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it("should retry a 5xx and count a message that keeps failing as failed", async () => {
    const [flaky, broken] = [za(), za()];
    await seedSubscribers(deps(), [
      { channel: "zalo", chatId: flaky, topics: ["nuoc_ngoai"] },
      { channel: "zalo", chatId: broken, topics: ["nuoc_ngoai"] },
    ]);
    h.zalo.failChat(flaky, { status: 502 });
    h.zalo.failChat(broken, { status: 400, description: "chat_id is invalid" });
    const { id } = await seedAnnouncement(h.outreach.store, { topic: "nuoc_ngoai" });
    h.outreach.worker.wake();
    const done = await waitDone(id);
    expect(done.counts).toMatchObject({ delivered: 1, failed: 1 });
    expect(h.zalo.deliveredTo(flaky)).toHaveLength(1);
    expect(h.zalo.calls.filter((c) => c.method === "sendMessage" && c.body.chat_id === broken)).toHaveLength(1);
  });

  it("should not send to someone who opted out after the announcement was confirmed", async () => {
    const [stays, leaves] = [tg(), tg()];
    await seedSubscribers(deps(), [
      { channel: "telegram", chatId: stays, topics: ["viec_lam"] },
      { channel: "telegram", chatId: leaves, topics: ["viec_lam"] },
    ]);
    await h.outreach.worker.stop();
    const { id, recipients } = await seedAnnouncement(h.outreach.store, { topic: "viec_lam" });
    expect(recipients).toBe(2);
    await h.outreach.store.removeSubscription(h.userKey("telegram", leaves), "opt_out", new Date());
    h.outreach.worker.start();
    const done = await waitDone(id);
    expect(done.counts).toMatchObject({ delivered: 1, skipped: 1 });
    expect(h.telegram.deliveredTo(leaves)).toHaveLength(0);
  });

  it("should refuse bad drafts with a 400 naming the field, and strangers with a 401", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ text: "", topic: "hoc_nghe" }, "text"],
      [{ text: "x".repeat(1501), topic: "hoc_nghe" }, "text"],
      [{ text: "Tin", topic: "bong_da" }, "topic"],
      [{ text: "Tin", topic: "hoc_nghe", communes: ["Xã Không Có"] }, "communes"],
      [{ text: "Tin", topic: "hoc_nghe", link: "javascript:alert(1)" }, "link"],
      [{ text: "Tin", topic: "hoc_nghe", extra: 1 }, "extra"],
    ];
    for (const [body, field] of cases) {
      const res = await h.api("POST", "/api/outreach/announcements/preview", body);
      expect(res.status, field).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, field).toMatch(new RegExp(`^${field}`));
    }
    const stranger = await fetch(`${h.url}/api/outreach/announcements/preview`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "Tin", topic: "hoc_nghe" }) });
    expect(stranger.status).toBe(401);
  });
});

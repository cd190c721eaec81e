/**
 * Zalo in webhook mode, end to end: events posted to POST /webhooks/zalo in both body shapes,
 * replies observed at the fake Zalo Bot API, records read back from the real SQLite store.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelRepliesVi, mainMenuVi } from "../../src/messages-vi.js";
import { fixture, PUBLIC_URL, startChannelHarness, zaloText, ZALO_SECRET, type ChannelHarness } from "../helpers/channel-harness.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

const FEEDBACK_PROMPT = "Trả lời 1 nếu hữu ích, 2 nếu chưa.";

let t: TestKnowledge;
let h: ChannelHarness;
let nextChat = 1;

beforeAll(async () => {
  t = await buildTestKnowledge();
  h = await startChannelHarness({ mode: "webhook", knowledge: t });
});
afterAll(async () => {
  await h?.close();
  t?.cleanup();
});

const newChat = () => `c${(nextChat++).toString(16).padStart(19, "0")}`;
const sentTo = (chat: string) => h.zalo.succeeded("sendMessage").filter((c) => c.body.chat_id === chat).map((c) => String(c.body.text));
const recordsOf = async (chat: string) => (await h.records()).filter((r) => r.userKey === h.userKey("zalo", chat));

/** Sends text and waits until `count` messages in total went to the chat. */
async function say(chat: string, text: string, count: number, shape: "wrapped" | "bare" = "wrapped"): Promise<string[]> {
  const res = await h.postZalo(zaloText(text, chat, shape));
  expect(res.status).toBe(200);
  await h.zalo.waitFor(() => sentTo(chat).length >= count, `reply to "${text}"`);
  return sentTo(chat);
}

/**
 * Everything queued for the chat before this is done once the /help reply arrives (a chat's updates
 * are answered in arrival order). Waits for that reply itself: an answer still queued may come first.
 */
async function settle(chat: string): Promise<void> {
  const before = sentTo(chat).length;
  expect((await h.postZalo(zaloText("/help", chat))).status).toBe(200);
  await h.zalo.waitFor(() => sentTo(chat).slice(before).includes(channelRepliesVi.help), 'reply to "/help"');
}

describe("Zalo webhook", () => {
  it("should register <PUBLIC_URL>/webhooks/zalo with the secret on start", () => {
    expect(h.zalo.webhook).toEqual({ url: `${PUBLIC_URL}/webhooks/zalo`, secret: ZALO_SECRET });
  });

  it("should refuse events without the secret or with a wrong one (401) and record nothing", async () => {
    const chat = newChat();
    const event = zaloText("Học nghề ở đâu gần nhà?", chat);
    expect((await h.postZalo(event, { secret: null })).status).toBe(401);
    expect((await h.postZalo(event, { secret: "wrong-secret-123" })).status).toBe(401);
    expect((await h.postZalo(event, { secret: ZALO_SECRET.slice(0, -1) })).status).toBe(401);
    expect(sentTo(chat)).toHaveLength(0);
    expect(await recordsOf(chat)).toHaveLength(0);
    const ok = await h.postZalo(event);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true });
    await h.zalo.waitFor(() => sentTo(chat).length === 1, "answer after the authentic delivery");
  });

  it("should answer the wrapped fixture and ask for feedback as numbered text", async () => {
    const event = fixture("zalo-webhook-text-wrapped.json");
    const chat = event.result.message.chat.id as string;
    expect((await h.postZalo(event)).status).toBe(200);
    await h.zalo.waitFor(() => sentTo(chat).length === 1, "answer to the wrapped fixture");
    expect(sentTo(chat)[0]!.endsWith(FEEDBACK_PROMPT)).toBe(true);
    expect(h.zalo.calls.some((c) => c.method === "sendChatAction" && c.body.chat_id === chat && c.body.action === "typing")).toBe(true);
    const records = await recordsOf(chat);
    expect(records.map((r) => r.question)).toEqual([event.result.message.text]);
    expect(records[0]!.channel).toBe("zalo");
  });

  it('should read the bare fixture\'s "2" with nothing offered as the second menu item', async () => {
    const event = fixture("zalo-webhook-text-bare.json");
    event.message.chat.id = event.message.from.id = newChat();
    const chat = event.message.chat.id as string;
    expect((await h.postZalo(event)).status).toBe(200);
    await h.zalo.waitFor(() => sentTo(chat).length === 1, "menu answer");
    expect((await recordsOf(chat)).map((r) => r.question)).toEqual([mainMenuVi[1].question]);
  });

  it("should show the menu as a numbered list and answer the number picked", async () => {
    const chat = newChat();
    const [menu] = await say(chat, "/menu", 1);
    for (const [i, item] of mainMenuVi.entries()) expect(menu).toContain(`${i + 1}. ${item.label}`);
    const [, answer] = await say(chat, "3", 2);
    expect(answer).toContain("Nguồn:");
    expect((await recordsOf(chat)).map((r) => r.question)).toEqual([mainMenuVi[2].question]);
  });

  it('should take "1" right after an answer as 👍, then ask role and commune with numbers', async () => {
    const chat = newChat();
    const key = h.userKey("zalo", chat);
    await say(chat, "Học nghề sau lớp 9 có mất học phí không?", 1);
    const [first] = await recordsOf(chat);
    const replies = await say(chat, "1", 3);
    expect(replies[1]).toContain("Cảm ơn");
    expect(replies[2]).toContain("học sinh hay phụ huynh");
    expect(replies[2]).toMatch(/1\. Học sinh\n2\. Phụ huynh\n3\. Bỏ qua/);
    expect((await recordsOf(chat)).find((r) => r.id === first!.id)?.feedback).toBe("up");
    expect(await recordsOf(chat)).toHaveLength(1); // feedback is no question

    const communes = (await say(chat, "2", 4))[3]!;
    expect(communes).toContain("7. Bỏ qua");
    const number = /(\d)\. Xã Long Hiệp/.exec(communes)![1]!;
    await say(chat, number, 5);
    expect(await h.store.getProfile(key)).toMatchObject({ role: "parent", commune: "Xã Long Hiệp", asked: true });

    // With nothing offered any more, "3" is the third menu item again, recorded with the profile.
    await say(chat, "3", 6);
    expect((await recordsOf(chat)).at(-1)).toMatchObject({ question: mainMenuVi[2].question, role: "parent", commune: "Xã Long Hiệp" });
  });

  it('should take "2" right after an answer as 👎 and accept a worded profile answer', async () => {
    const chat = newChat();
    await say(chat, "Đi Hàn theo EPS cần điều kiện gì?", 1);
    const replies = await say(chat, "2", 3);
    expect(replies[1]).toContain("ghi nhận");
    expect((await recordsOf(chat))[0]!.feedback).toBe("down");
    await say(chat, "hoc sinh", 4);
    await say(chat, "bỏ qua", 5);
    expect(await h.store.getProfile(h.userKey("zalo", chat))).toMatchObject({ role: "student", commune: null, asked: true });
  });

  it("should delete the user's memory and profile on \"xóa dữ liệu của tôi\" (with or without diacritics)", async () => {
    for (const phrase of ["xóa dữ liệu của tôi", "xoa du lieu cua toi", "/xoadulieu"]) {
      const chat = newChat();
      const key = h.userKey("zalo", chat);
      await say(chat, "Học nghề ở đâu gần nhà?", 1);
      await say(chat, "1", 3);
      expect(await h.store.getTurn(key)).toBeDefined();
      expect(await h.store.getProfile(key)).toBeDefined();
      const replies = await say(chat, phrase, 4);
      expect(replies[3]).toContain("Mình đã xóa");
      expect(await h.store.getTurn(key)).toBeUndefined();
      expect(await h.store.getProfile(key)).toBeUndefined();
    }
  });

  it("should answer a repeated delivery once, sequential or at the same time", async () => {
    const chat = newChat();
    const event = zaloText("Mô hình 9+ là gì?", chat, "bare");
    await h.postZalo(event);
    await h.zalo.waitFor(() => sentTo(chat).length === 1, "first answer");
    await h.postZalo(event);
    const twin = zaloText("Trung học nghề là gì?", chat);
    const statuses = await Promise.all([h.postZalo(twin), h.postZalo(twin)]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200]);
    await settle(chat);
    expect(sentTo(chat)).toHaveLength(3); // two answers and the /help marker
    expect(await recordsOf(chat)).toHaveLength(2);
  });

  it.each([
    ["sticker fixture", "message.sticker.received", "tin nhắn chữ"],
    ["image", "message.image.received", "hình ảnh"],
    ["voice", "message.voice.received", "tin nhắn thoại"],
    ["unsupported", "message.unsupported.received", "tin nhắn chữ"],
  ])("should answer a %s event with a short polite text", async (_label, eventName, expected) => {
    const event = fixture("zalo-webhook-sticker.json");
    const chat = newChat();
    event.result.event_name = eventName;
    event.result.message.chat.id = event.result.message.from.id = chat;
    expect((await h.postZalo(event)).status).toBe(200);
    await h.zalo.waitFor(() => sentTo(chat).length === 1, "polite reply");
    expect(sentTo(chat)[0]).toContain(expected);
    expect(await recordsOf(chat)).toHaveLength(0);
  });

  it("should refuse malformed bodies with 4xx, without crashing, and keep answering", async () => {
    const bad = [
      { body: "{not json", raw: true, status: 400 },
      { body: "[]", raw: true, status: 400 },
      { body: { hello: "world" }, raw: false, status: 400 },
      { body: { ok: true, result: { message: { text: "x" } } }, raw: false, status: 400 },
      { body: { event_name: "message.text.received", message: { chat: {} } }, raw: false, status: 400 },
      { body: JSON.stringify({ event_name: "message.text.received", message: { text: "x".repeat(2_000_000) } }), raw: true, status: 413 },
    ];
    for (const { body, raw, status } of bad) {
      const res = await h.postZalo(body, { raw });
      expect(res.status).toBe(status);
      expect((await res.json()).error.code).toBeTruthy();
    }
    expect((await h.postZalo("x".repeat(2_000_000), { raw: true, secret: null })).status).toBe(401);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const chat = newChat();
    await say(chat, "9+ là gì?", 1);
  });

  it("should send again after a rate limit or a server error", async () => {
    const chat = newChat();
    h.zalo.failNext("sendMessage", { status: 429 }, { status: 500 });
    await say(chat, "Học GDTX có mất tiền không?", 1);
    const attempts = h.zalo.calls.filter((c) => c.method === "sendMessage" && c.body.chat_id === chat).map((c) => c.status);
    expect(attempts).toEqual([429, 500, 200]);
  });
});

/**
 * Telegram in webhook mode, end to end: updates posted to POST /webhooks/telegram, replies observed
 * at the fake Bot API, records read back from the real SQLite store.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mainMenuVi } from "../../src/messages-vi.js";
import type { QueryRecord } from "../../src/store/store.js";
import { fixture, inlineButtons, PUBLIC_URL, startChannelHarness, telegramCallback, telegramText, TELEGRAM_SECRET, type ChannelHarness } from "../helpers/channel-harness.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
let h: ChannelHarness;
let nextUser = 7_100_000_000;

beforeAll(async () => {
  t = await buildTestKnowledge();
  // What the channel does with an answer is under test here, not whether the learned answer check
  // (test/answering/the-answer-check.test.ts) doubts the fixture's reply: the check is off.
  h = await startChannelHarness({ mode: "webhook", knowledge: t, env: { ANSWER_CHECK_THRESHOLD: "0" } });
});
afterAll(async () => {
  await h?.close();
  t?.cleanup();
});

/** sendMessage calls to one chat. */
const sentTo = (chat: number) => h.telegram.succeeded("sendMessage").filter((c) => c.body.chat_id === chat);

/** Posts a marker message and waits for its answer: everything queued before it for that chat is done. */
async function settle(user: number): Promise<void> {
  const before = sentTo(user).length;
  expect((await h.postTelegram(telegramText("/help", user))).status).toBe(200);
  await h.telegram.waitFor(() => sentTo(user).length > before && String(sentTo(user).at(-1)!.body.text).includes("/xoadulieu"), "help reply");
}

describe("Telegram webhook", () => {
  it("should register <PUBLIC_URL>/webhooks/telegram with the secret on start", () => {
    const call = h.telegram.succeeded("setWebhook").at(-1);
    expect(call?.body).toMatchObject({ url: `${PUBLIC_URL}/webhooks/telegram`, secret_token: TELEGRAM_SECRET });
  });

  it("should refuse updates without the secret or with a wrong one (401) and record nothing", async () => {
    const user = nextUser++;
    const update = telegramText("hoc xong lop 9 thi hoc nghe gi o tra cu a", user);
    expect((await h.postTelegram(update, { secret: null })).status).toBe(401);
    expect((await h.postTelegram(update, { secret: "wrong_secret" })).status).toBe(401);
    expect((await h.postTelegram(update, { secret: `${TELEGRAM_SECRET}x` })).status).toBe(401);
    expect(sentTo(user)).toHaveLength(0);
    expect((await h.records()).filter((r) => r.userKey === h.userKey("telegram", String(user)))).toHaveLength(0);
    // Not even the delivery was claimed: the authentic copy of the same update is answered.
    expect((await h.postTelegram(update)).status).toBe(200);
    await h.telegram.waitFor(() => sentTo(user).length === 1, "answer after the authentic delivery");
  });

  it("should answer the text fixture in plain text after a typing indicator, with 👍/👎 buttons", async () => {
    const update = fixture("telegram-update-text.json");
    const res = await h.postTelegram(update);
    expect(res.status).toBe(200);
    const chat = update.message.chat.id as number;
    await h.telegram.waitFor(() => sentTo(chat).length === 1, "answer to the text fixture");
    const call = sentTo(chat)[0]!;
    expect(call.body.parse_mode).toBeUndefined();
    expect(String(call.body.text)).toMatch(/\nNguồn: .+/);
    const typing = h.telegram.calls.findIndex((c) => c.method === "sendChatAction" && c.body.chat_id === chat);
    expect(typing).toBeGreaterThanOrEqual(0);
    expect(typing).toBeLessThan(h.telegram.calls.indexOf(call));
    expect(h.telegram.calls[typing]!.body.action).toBe("typing");

    const buttons = inlineButtons(call);
    expect(buttons.map((b) => b.text)).toEqual(["👍 Hữu ích", "👎 Chưa"]);
    const recordId = /^fb:up:(.+)$/.exec(buttons[0]!.callback_data)![1]!;
    expect(buttons[1]!.callback_data).toBe(`fb:down:${recordId}`);

    const record = (await h.records()).find((r) => r.id === recordId);
    expect(record).toMatchObject({ channel: "telegram", question: update.message.text, answered: true, feedback: null });
    expect(record!.userKey).toBe(h.userKey("telegram", String(chat)));
    expect(record!.userKey).not.toContain(String(chat));
  });

  it("should greet /start with the anonymity sentence, the menu keyboard and the optional role question", async () => {
    const update = fixture("telegram-update-start.json");
    update.message.from.id = update.message.chat.id = nextUser++;
    const chat = update.message.chat.id as number;
    expect((await h.postTelegram(update)).status).toBe(200);
    await h.telegram.waitFor(() => sentTo(chat).length === 2, "greeting and role question");
    const [greeting, role] = sentTo(chat);
    expect(String(greeting!.body.text)).toContain("ẩn danh");
    const keyboard = (greeting!.body.reply_markup as { keyboard: { text: string }[][] }).keyboard.flat().map((b) => b.text);
    expect(keyboard).toEqual(mainMenuVi.map((m) => m.label));
    expect(String(role!.body.text)).toContain("học sinh hay phụ huynh");
    expect(inlineButtons(role!).map((b) => b.callback_data)).toEqual(["pf:role:student", "pf:role:parent", "pf:skip"]);
    // /start is no question: nothing recorded.
    expect((await h.records()).filter((r) => r.userKey === h.userKey("telegram", String(chat)))).toHaveLength(0);
  });

  it("should answer a press on the menu keyboard with that item's question", async () => {
    const user = nextUser++;
    expect((await h.postTelegram(telegramText("Việc làm và lương", user))).status).toBe(200);
    await h.telegram.waitFor(() => sentTo(user).length === 1, "menu answer");
    expect(String(sentTo(user)[0]!.body.text)).toMatch(/lương/i);
    const records = (await h.records()).filter((r) => r.userKey === h.userKey("telegram", String(user)));
    expect(records.map((r) => r.question)).toEqual([mainMenuVi[3].question]);
    expect(records[0]!.topic).toBe("labour_market_jobs");
  });

  it("should answer and record a repeated delivery once", async () => {
    const user = nextUser++;
    const update = telegramText("Học nghề sau lớp 9 có mất học phí không?", user);
    expect((await h.postTelegram(update)).status).toBe(200);
    await h.telegram.waitFor(() => sentTo(user).length === 1, "first answer");
    expect((await h.postTelegram(update)).status).toBe(200);
    await settle(user);
    expect(sentTo(user).filter((c) => String(c.body.text).includes("Nguồn"))).toHaveLength(1);
    expect((await h.records()).filter((r) => r.userKey === h.userKey("telegram", String(user)))).toHaveLength(1);
  });

  it("should answer and record the same update arriving twice at the same time once", async () => {
    const user = nextUser++;
    const update = telegramText("Mô hình 9+ là gì?", user);
    const statuses = await Promise.all([h.postTelegram(update), h.postTelegram(update)]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200]);
    await settle(user);
    expect(sentTo(user)).toHaveLength(2); // the answer and the /help marker
    expect((await h.records()).filter((r) => r.userKey === h.userKey("telegram", String(user)))).toHaveLength(1);
  });

  it("should record 👍 from the callback fixture on its record", async () => {
    const update = fixture("telegram-update-callback.json");
    const recordId = /^fb:up:(.+)$/.exec(update.callback_query.data)![1]!;
    await h.store.insertRecords([recordFixture(recordId)]);
    const before = sentTo(update.callback_query.message.chat.id).length;
    expect((await h.postTelegram(update)).status).toBe(200);
    await h.telegram.waitFor(() => h.telegram.succeeded("answerCallbackQuery").some((c) => c.body.callback_query_id === update.callback_query.id), "callback answered");
    await h.telegram.waitFor(() => sentTo(update.callback_query.message.chat.id).length > before, "thanks");
    expect((await h.records()).find((r) => r.id === recordId)?.feedback).toBe("up");
  });

  it("should record 👎 pressed under an answer and then ask the profile once", async () => {
    const user = nextUser++;
    await h.postTelegram(telegramText("Đi Hàn theo EPS cần điều kiện gì?", user));
    await h.telegram.waitFor(() => sentTo(user).length === 1, "answer");
    const down = inlineButtons(sentTo(user)[0]!).find((b) => b.callback_data.startsWith("fb:down:"))!;
    expect((await h.postTelegram(telegramCallback(down.callback_data, user))).status).toBe(200);
    await h.telegram.waitFor(() => sentTo(user).length === 3, "thanks and role question");
    const recordId = down.callback_data.slice("fb:down:".length);
    expect((await h.records()).find((r) => r.id === recordId)?.feedback).toBe("down");
    expect(String(sentTo(user)[2]!.body.text)).toContain("học sinh hay phụ huynh");

    // Role, then commune: remembered for this user's next records.
    await h.postTelegram(telegramCallback("pf:role:parent", user));
    await h.telegram.waitFor(() => sentTo(user).length === 4, "commune question");
    const communes = inlineButtons(sentTo(user)[3]!);
    expect(communes).toHaveLength(7);
    const longHiep = communes.find((b) => b.text === "Xã Long Hiệp")!;
    await h.postTelegram(telegramCallback(longHiep.callback_data, user));
    await h.telegram.waitFor(() => sentTo(user).length === 5, "profile thanks");
    const key = h.userKey("telegram", String(user));
    expect(await h.store.getProfile(key)).toMatchObject({ role: "parent", commune: "Xã Long Hiệp", asked: true });

    await h.postTelegram(telegramText("Học nghề ở đâu gần nhà?", user));
    await h.telegram.waitFor(() => sentTo(user).length === 6, "second answer");
    const up = inlineButtons(sentTo(user)[5]!).find((b) => b.callback_data.startsWith("fb:up:"))!;
    await h.postTelegram(telegramCallback(up.callback_data, user));
    await h.telegram.waitFor(() => sentTo(user).length === 7, "second thanks");
    await settle(user);
    // Asked at most once: no second role question.
    expect(sentTo(user).filter((c) => String(c.body.text).includes("học sinh hay phụ huynh"))).toHaveLength(1);
    const records = (await h.records()).filter((r) => r.userKey === key);
    expect(records.at(-1)).toMatchObject({ role: "parent", commune: "Xã Long Hiệp", feedback: "up" });
  });

  it("should delete the user's memory and profile on /xoadulieu and say so", async () => {
    const user = nextUser++;
    const key = h.userKey("telegram", String(user));
    await h.postTelegram(telegramText("Học nghề sau lớp 9 có mất học phí không?", user));
    await h.telegram.waitFor(() => sentTo(user).length === 1, "answer");
    await h.postTelegram(telegramCallback("pf:role:student", user));
    await h.telegram.waitFor(() => sentTo(user).length === 2, "commune question");
    expect(await h.store.getTurn(key)).toBeDefined();
    expect(await h.store.getProfile(key)).toMatchObject({ role: "student" });

    await h.postTelegram(telegramText("/xoadulieu", user));
    await h.telegram.waitFor(() => sentTo(user).length === 3, "deletion reply");
    expect(String(sentTo(user)[2]!.body.text)).toContain("Mình đã xóa");
    expect(await h.store.getTurn(key)).toBeUndefined();
    expect(await h.store.getProfile(key)).toBeUndefined();
  });

  it.each([
    ["photo", "telegram-update-photo.json", "hình ảnh"],
    ["sticker", undefined, "tin nhắn chữ"],
    ["voice", undefined, "tin nhắn thoại"],
  ])("should answer a %s with a short polite text", async (kind, file, expected) => {
    const user = nextUser++;
    const update = file ? fixture(file) : telegramText("x", user);
    update.update_id = 800_000_000 + user % 1_000_000;
    update.message.from.id = update.message.chat.id = user;
    if (kind === "sticker") {
      delete update.message.text;
      update.message.sticker = { file_id: "CAACAgIAAxkBAAE", file_unique_id: "AgAD", type: "regular", width: 512, height: 512, is_animated: false, is_video: false };
    }
    if (kind === "voice") {
      delete update.message.text;
      update.message.voice = { file_id: "AwACAgIAAxkBAAE", file_unique_id: "AgAE", duration: 3 };
    }
    expect((await h.postTelegram(update)).status).toBe(200);
    await h.telegram.waitFor(() => sentTo(user).length === 1, `${kind} reply`);
    expect(String(sentTo(user)[0]!.body.text)).toContain(expected);
    expect((await h.records()).filter((r) => r.userKey === h.userKey("telegram", String(user)))).toHaveLength(0);
  });

  it("should refuse malformed bodies with 4xx, without crashing, and keep answering", async () => {
    const bad = [
      { body: "{not json", raw: true, status: 400 },
      { body: "[]", raw: true, status: 400 },
      { body: { hello: "world" }, raw: false, status: 400 },
      { body: { update_id: "x" }, raw: false, status: 400 },
      { body: { update_id: -1 }, raw: false, status: 400 },
      { body: JSON.stringify({ update_id: 1, message: { text: "x".repeat(2_000_000) } }), raw: true, status: 413 },
    ];
    for (const { body, raw, status } of bad) {
      const res = await h.postTelegram(body, { raw });
      expect(res.status).toBe(status);
      expect((await res.json()).error.code).toBeTruthy();
    }
    // A huge body without the secret is refused before it is read.
    expect((await h.postTelegram("x".repeat(2_000_000), { raw: true, secret: null })).status).toBe(401);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const user = nextUser++;
    await h.postTelegram(telegramText("9+ là gì?", user));
    await h.telegram.waitFor(() => sentTo(user).length === 1, "answer after malformed bodies");
  });

  it("should send again after a 429 with retry_after and after a 5xx", async () => {
    const user = nextUser++;
    h.telegram.failNext("sendMessage", { status: 429, retryAfter: 1 }, { status: 502 });
    await h.postTelegram(telegramText("Trung học nghề là gì?", user));
    await h.telegram.waitFor(() => sentTo(user).length === 1, "answer after the retries");
    const attempts = h.telegram.calls.filter((c) => c.method === "sendMessage" && c.body.chat_id === user).map((c) => c.status);
    expect(attempts).toEqual([429, 502, 200]);
  });
});

function recordFixture(id: string): QueryRecord {
  return {
    id,
    at: new Date(),
    channel: "telegram",
    userKey: crypto.createHash("sha256").update("fixture").digest("hex"),
    role: "unknown",
    commune: null,
    topic: "vocational_training_options",
    question: "hoc xong lop 9 thi hoc nghe gi o tra cu a",
    answered: true,
    confidence: 0.8,
    sources: ["Lựa chọn sau lớp 9"],
    answerer: "offline",
    latencyMs: 3,
    feedback: null,
    reviewed: false,
  };
}

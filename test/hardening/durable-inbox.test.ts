/**
 * Nothing lost: an update is stored before it is acknowledged. With the database refusing writes
 * the webhooks answer 5xx (so the platform re-sends) and nothing is answered; once it takes writes
 * again the re-sent update is answered once. Failed sends are retried without a second record.
 * Text over 2,000 characters is refused with a clear message on every channel.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorMessagesVi } from "../../src/messages-vi.js";
import { startChannelHarness, telegramText, zaloText, type ChannelHarness } from "../helpers/channel-harness.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
let h: ChannelHarness;
let nextUser = 7_600_000_000;

beforeAll(async () => {
  t = await buildTestKnowledge();
  h = await startChannelHarness({ mode: "webhook", knowledge: t });
});
afterAll(async () => {
  await h?.close();
  t?.cleanup();
});

const telegramTo = (chat: number) => h.telegram.succeeded("sendMessage").filter((c) => c.body.chat_id === chat);
const zaloTo = (chat: string) => h.zalo.succeeded("sendMessage").filter((c) => c.body.chat_id === chat);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SQLite's query_only: reads work, every write fails, as with a read-only or full disk. */
async function writable(on: boolean): Promise<void> {
  await sql.raw(`pragma query_only = ${on ? 0 : 1}`).execute(h.store.db);
}

describe("durable inbox", () => {
  it("should answer 503 and send nothing while the store refuses writes, then answer the re-sent update once", async () => {
    const user = nextUser++;
    const chat = `c-readonly-${user}`;
    const update = telegramText("Học nghề sau lớp 9 có mất học phí không?", user);
    const event = zaloText("Mô hình 9+ là gì?", chat);
    const recordsBefore = (await h.records()).length;
    await writable(false);
    try {
      const [tg, za] = await Promise.all([h.postTelegram(update), h.postZalo(event)]);
      expect(tg.status).toBe(503);
      expect(za.status).toBe(503);
      expect(tg.headers.get("retry-after")).toBeTruthy();
      await pause(400);
      expect(telegramTo(user)).toHaveLength(0);
      expect(zaloTo(chat)).toHaveLength(0);
    } finally {
      await writable(true);
    }
    // The platforms re-send what was not acknowledged.
    expect((await h.postTelegram(update)).status).toBe(200);
    expect((await h.postZalo(event)).status).toBe(200);
    await h.telegram.waitFor(() => telegramTo(user).length === 1, "answer to the re-sent update");
    await h.zalo.waitFor(() => zaloTo(chat).length >= 1, "answer to the re-sent event");
    // And once more (a duplicate): acknowledged, not answered again.
    expect((await h.postTelegram(update)).status).toBe(200);
    await pause(300);
    expect(telegramTo(user)).toHaveLength(1);
    expect((await h.records()).length).toBe(recordsBefore + 2);
    expect(await h.delivery.inbox.depth()).toBe(0);
  });

  it("should send again after a refused reply without recording the question twice", async () => {
    const user = nextUser++;
    h.telegram.failNext("sendMessage", { status: 400, description: "Bad Request: something odd" });
    expect((await h.postTelegram(telegramText("Đi Hàn theo EPS cần điều kiện gì?", user))).status).toBe(200);
    await h.telegram.waitFor(() => telegramTo(user).length === 1, "answer on the second try");
    await pause(300);
    expect(telegramTo(user)).toHaveLength(1);
    const records = (await h.records()).filter((r) => r.userKey === h.userKey("telegram", String(user)));
    expect(records).toHaveLength(1);
    // The feedback buttons point at that one record.
    const buttons = (telegramTo(user)[0]!.body.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard.flat();
    expect(buttons[0]!.callback_data).toBe(`fb:up:${records[0]!.id}`);
  });

  it("should refuse text over 2,000 characters with a clear message on Telegram, Zalo and the web API", async () => {
    const long = "Học nghề ở đâu? ".repeat(200);
    expect(long.length).toBeGreaterThan(2000);
    const user = nextUser++;
    const chat = `c-long-${user}`;
    expect((await h.postTelegram(telegramText(long, user))).status).toBe(200);
    expect((await h.postZalo(zaloText(long, chat))).status).toBe(200);
    await h.telegram.waitFor(() => telegramTo(user).length === 1, "Telegram refusal");
    await h.zalo.waitFor(() => zaloTo(chat).length === 1, "Zalo refusal");
    expect(telegramTo(user)[0]!.body.text).toBe(errorMessagesVi.text_too_long);
    expect(zaloTo(chat)[0]!.body.text).toBe(errorMessagesVi.text_too_long);
    const res = await fetch(`${h.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: long }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "text_too_long", messageVi: errorMessagesVi.text_too_long });
  });

  it("should not store a huge text in the inbox", async () => {
    const rows: string[] = [];
    const inbox = h.delivery.inbox;
    const add = inbox.add.bind(inbox);
    inbox.add = async (message, take) => {
      rows.push(message.text ?? "");
      return add(message, take);
    };
    try {
      const user = nextUser++;
      expect((await h.postTelegram(telegramText("x".repeat(100_000), user))).status).toBe(200);
      await h.telegram.waitFor(() => telegramTo(user).length === 1, "refusal");
    } finally {
      inbox.add = add;
    }
    expect(rows.at(-1)!.length).toBe(2001);
  });

  it("should send only the parts still missing when a long answer is sent again after a failed part", async () => {
    for (const channel of h.channels) {
      const fake = channel.name === "telegram" ? h.telegram : h.zalo;
      const chat = channel.name === "telegram" ? String(nextUser++) : `c-parts-${nextUser++}`;
      const to = () => fake.succeeded("sendMessage").filter((c) => String(c.body.chat_id) === chat);
      // Three platform messages: each paragraph fills most of one.
      const paragraph = (n: number) => `Phần ${n}. ` + "Học nghề miễn học phí sau lớp 9. ".repeat(Math.floor((channel.maxMessageLength * 0.8) / 33));
      const text = [1, 2, 3].map(paragraph).join("\n\n");
      // The first part goes through, the second is refused (not a transient error, so no retry inside send).
      fake.failNext("sendMessage", null, { status: 400, description: "Bad Request: something odd" });
      const progress = { sent: 0 };
      await expect(channel.send(chat, [{ text }], progress)).rejects.toThrow();
      expect(progress.sent).toBe(1);
      expect(to()).toHaveLength(1);
      await channel.send(chat, [{ text }], progress);
      expect(progress.sent).toBe(3);
      const sent = to().map((c) => String(c.body.text));
      expect(sent).toHaveLength(3);
      expect(sent.map((part) => /Phần (\d)/.exec(part)?.[1])).toEqual(["1", "2", "3"]);
    }
  });
});

/**
 * Two replicas (two complete stacks in this process) on one fresh PostgreSQL database, behind the
 * same fake platforms: a delivery sent to both is answered once, conversation memory and limits
 * are shared, and an update left by a dead replica is answered by the other once its lease ran out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelRepliesVi, limitsVi } from "../../src/messages-vi.js";
import { LIMITER_NOW, startChannelHarness, telegramText, zaloText, type ChannelHarness } from "../helpers/channel-harness.js";
import { startFakeTelegram, type FakeTelegram } from "../helpers/fake-telegram.js";
import { startFakeZalo, type FakeZalo } from "../helpers/fake-zalo.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";
import { createPostgresDatabase, type TestDatabase } from "../helpers/test-stores.js";

let t: TestKnowledge;
let database: TestDatabase;
let telegram: FakeTelegram;
let zalo: FakeZalo;
let a: ChannelHarness;
let b: ChannelHarness;

beforeAll(async () => {
  t = await buildTestKnowledge();
  database = await createPostgresDatabase("tracu_replicas");
  telegram = await startFakeTelegram();
  zalo = await startFakeZalo(undefined, { maxPollMs: 300 });
  const common = {
    mode: "webhook" as const,
    knowledge: t,
    fakes: { telegram, zalo },
    databaseUrl: database.url,
    // Replicas share the salt, so one user has one key on both.
    env: { STATS_SALT: "replica-test-salt-0123456789abcdef", USER_RATE_LIMIT_PER_MINUTE: "3" },
    limiterClock: () => LIMITER_NOW,
  };
  a = await startChannelHarness({ ...common, replicaId: "replica-a" });
  b = await startChannelHarness({ ...common, replicaId: "replica-b" });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await telegram?.close();
  await zalo?.close();
  await database?.drop();
  t?.cleanup();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const telegramTo = (chat: number) => telegram.succeeded("sendMessage").filter((c) => c.body.chat_id === chat);
const zaloTo = (chat: string) => zalo.succeeded("sendMessage").filter((c) => c.body.chat_id === chat);

describe("two replicas on one PostgreSQL database", () => {
  it("should answer and record a delivery sent to both replicas at once exactly once", async () => {
    const user = 8_100_000_001;
    const update = telegramText("Học nghề sau lớp 9 có mất học phí không?", user);
    const chat = "c-replica-dup";
    const event = zaloText("Mô hình 9+ là gì?", chat);
    const statuses = await Promise.all([a.postTelegram(update), b.postTelegram(update), a.postZalo(event), b.postZalo(event)]);
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await telegram.waitFor(() => telegramTo(user).length === 1, "one Telegram answer");
    await zalo.waitFor(() => zaloTo(chat).length === 1, "one Zalo answer");
    await pause(400);
    expect(telegramTo(user)).toHaveLength(1);
    expect(zaloTo(chat)).toHaveLength(1);
    const records = (await a.records()).filter((r) => r.userKey === a.userKey("telegram", String(user)) || r.userKey === a.userKey("zalo", chat));
    expect(records).toHaveLength(2);
  });

  it("should share conversation memory: feedback '1' at replica B applies to the answer given by replica A", async () => {
    const chat = "c-replica-memory";
    expect((await a.postZalo(zaloText("Đi Hàn theo EPS cần điều kiện gì?", chat))).status).toBe(200);
    await zalo.waitFor(() => zaloTo(chat).length === 1, "answer from A");
    expect(String(zaloTo(chat)[0]!.body.text)).toContain(channelRepliesVi.feedbackNumbered);
    expect((await b.postZalo(zaloText("1", chat))).status).toBe(200);
    await zalo.waitFor(() => zaloTo(chat).length >= 2, "B's reply");
    expect(zaloTo(chat)[1]!.body.text).toBe(channelRepliesVi.feedbackThanksUp);
    const records = (await b.records()).filter((r) => r.userKey === b.userKey("zalo", chat));
    expect(records.map((r) => r.feedback)).toEqual(["up"]);
  });

  it("should share the per-user limit: one limit message in all, then silence", async () => {
    const user = 8_100_000_002;
    const replicas = [a, b, a, b, a, b];
    for (const [i, replica] of replicas.entries()) {
      expect((await replica.postTelegram(telegramText(`Học nghề ở đâu? (${i})`, user))).status).toBe(200);
      // One after the other, as a person types: each answered before the next is sent.
      await pause(150);
    }
    await telegram.waitFor(() => telegramTo(user).length >= 4, "three answers and the limit message");
    await Promise.all([a.delivery.dispatcher.idle(5000), b.delivery.dispatcher.idle(5000)]);
    await pause(300);
    const texts = telegramTo(user).map((c) => String(c.body.text));
    expect(texts).toHaveLength(4);
    expect(texts.filter((text) => text === limitsVi.userRateLimited)).toHaveLength(1);
  });

  it("should answer once, from the other replica, an update a dead replica had taken", async () => {
    const user = 8_100_000_003;
    const update = telegramText("Việc làm và lương hiện nay ra sao?", user);
    // A replica that stored and took the update, then died: its lease runs out after 500 ms.
    const message = { channel: "telegram" as const, platformUserId: String(user), chatId: String(user), deliveryKey: `telegram:${update.update_id}`, kind: "text" as const, text: update.message.text };
    const added = await a.delivery.inbox.add(message, { replica: "replica-dead", owner: "replica-dead#1", leaseMs: 500 });
    expect(added.status).toBe("stored");
    // The platform's own re-delivery is a duplicate now.
    expect((await b.postTelegram(update)).status).toBe(200);
    await telegram.waitFor(() => telegramTo(user).length === 1, "answer after the lease ran out", 10_000);
    await pause(500);
    expect(telegramTo(user)).toHaveLength(1);
    expect(await a.delivery.inbox.depth()).toBe(0);
  });
});

/**
 * The send queue on the database, on SQLite and on PostgreSQL: two replicas running the send job
 * on one database — only the holder of the sender lease sends, everyone gets the message once; a
 * sender that dies is replaced once its lease runs out and its half-sent rows are finished;
 * concurrent claims never hand out a row twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboundSenders } from "../../src/channels/outbound.js";
import { createLogger } from "../../src/logger.js";
import { createChatIdCipher } from "../../src/privacy/chat-id-cipher.js";
import { SendWorker } from "../../src/outreach/send-worker.js";
import { createUserKey } from "../../src/stats/user-key.js";
import { createOutreachStore } from "../../src/store/kysely-outreach-store.js";
import { SENDER_LEASE, type OutreachStore } from "../../src/store/outreach-store.js";
import { openTestStore, STORE_KINDS, type TestStore } from "../helpers/test-stores.js";
import { startBroadcastTelegram, type BroadcastFake } from "./helpers/fake-broadcast-platforms.js";
import { TEST_SALT, until } from "./helpers/outreach-harness.js";
import { chatIds, seedAnnouncement, seedSubscribers } from "./helpers/seed.js";

const logger = createLogger("silent");
const cipher = createChatIdCipher(TEST_SALT);
const userKey = createUserKey(TEST_SALT);

describe.each(STORE_KINDS)("send queue claiming (%s)", (kind) => {
  let s: TestStore;
  let telegram: BroadcastFake;
  const workers: SendWorker[] = [];

  beforeAll(async () => {
    s = await openTestStore(kind);
    telegram = await startBroadcastTelegram();
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await telegram?.close();
    await s?.cleanup();
  });

  function worker(store: OutreachStore, holder: string, sent: string[], leaseMs = 30_000): SendWorker {
    const w = new SendWorker({
      store,
      senders: createOutboundSenders({ telegram: { token: telegram.token, apiRoot: telegram.apiRoot } }),
      perSecond: { telegram: 200 },
      cipher,
      logger,
      holder,
      leaseMs,
      pollMs: 20,
      onOutcome: ({ status }) => status === "delivered" && sent.push(holder),
    });
    workers.push(w);
    return w;
  }

  async function waitDone(store: OutreachStore, id: string): Promise<void> {
    await until(async () => (await store.getAnnouncement(id))?.status === "done", "announcement sent", 60_000);
  }

  it("should let only one of two replicas send, and reach everyone once", async () => {
    const a = createOutreachStore(s.store);
    const b = createOutreachStore(s.reopen());
    const chats = chatIds("65000", 40);
    await seedSubscribers({ store: a, cipher, userKey }, chats.map((chatId) => ({ channel: "telegram" as const, chatId, topics: ["hoc_nghe" as const] })));
    const { id } = await seedAnnouncement(a, { topic: "hoc_nghe" });
    const sent: string[] = [];
    worker(a, "replica-a", sent).start();
    worker(b, "replica-b", sent).start();
    await waitDone(a, id);
    expect(sent).toHaveLength(40);
    expect(new Set(sent).size).toBe(1);
    const counts = telegram.deliveryCounts();
    for (const chat of chats) expect(counts.get(chat), chat).toBe(1);
    for (const w of workers.splice(0)) await w.stop();
  });

  it("should take over a dead sender's lease and finish the rows it left half-sent", async () => {
    const store = createOutreachStore(s.store);
    const chats = chatIds("65100", 12);
    await seedSubscribers({ store, cipher, userKey }, chats.map((chatId) => ({ channel: "telegram" as const, chatId, topics: ["nuoc_ngoai" as const] })));
    const { id } = await seedAnnouncement(store, { topic: "nuoc_ngoai" });
    // A sender that took the lease and claimed rows, then died without marking them.
    expect(await store.acquireLease(SENDER_LEASE, "dead-sender", 800, new Date())).toBe(true);
    const claimed = await store.claimDeliveries({ owner: "dead-sender", leaseMs: 800 }, 5);
    expect(claimed).toHaveLength(5);
    const sent: string[] = [];
    const started = Date.now();
    worker(store, "successor", sent, 800).start();
    await waitDone(store, id);
    // Not before the dead sender's lease ran out.
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(sent).toHaveLength(12);
    const counts = telegram.deliveryCounts();
    for (const chat of chats) expect(counts.get(chat), chat).toBe(1);
    for (const w of workers.splice(0)) await w.stop();
  });

  it("should never hand the same row to two concurrent claims", async () => {
    const stores = [createOutreachStore(s.store), createOutreachStore(s.reopen()), createOutreachStore(s.reopen())];
    const chats = chatIds("65200", 90);
    await seedSubscribers({ store: stores[0]!, cipher, userKey }, chats.map((chatId) => ({ channel: "telegram" as const, chatId, topics: ["phan_luong" as const] })));
    await seedAnnouncement(stores[0]!, { topic: "phan_luong" });
    const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => stores[i % stores.length]!.claimDeliveries({ owner: `claimer-${i}`, leaseMs: 60_000 }, 20)));
    const ids = claims.flat().map((c) => c.id);
    expect(ids.length).toBe(90);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("should keep a live sender's rows while it renews, and hand them over once it stops renewing", async () => {
    const store = createOutreachStore(s.store);
    const chats = chatIds("65300", 3);
    await seedSubscribers({ store, cipher, userKey }, chats.map((chatId) => ({ channel: "telegram" as const, chatId, topics: ["su_kien" as const] })));
    await seedAnnouncement(store, { topic: "su_kien" });
    const live = { owner: "live-sender", leaseMs: 1500 };
    expect(await store.claimDeliveries(live, 10)).toHaveLength(3);
    // Renewed past its first term: still nobody else's.
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await store.renewDeliveries(live)).toBe(3);
      expect(await store.claimDeliveries({ owner: "other", leaseMs: 300 }, 10)).toEqual([]);
    }
    let taken: Awaited<ReturnType<OutreachStore["claimDeliveries"]>> = [];
    await until(async () => (taken = await store.claimDeliveries({ owner: "other", leaseMs: 60_000 }, 10)).length === 3, "rows handed over", 10_000);
    // The first owner no longer holds them: its late mark changes nothing; the new owner's counts.
    expect(await store.markDelivery(taken[0]!.id, "live-sender", { status: "delivered", at: new Date() })).toBe(false);
    for (const row of taken) expect(await store.markDelivery(row.id, "other", { status: "skipped", error: "test" })).toBe(true);
  });

  it("should give a row up after maxAttempts takes whose senders died, without sending it", async () => {
    const store = createOutreachStore(s.store);
    const chats = chatIds("65400", 2);
    await seedSubscribers({ store, cipher, userKey }, chats.map((chatId) => ({ channel: "telegram" as const, chatId, topics: ["viec_lam" as const] })));
    const { id } = await seedAnnouncement(store, { topic: "viec_lam" });
    // Two senders took the rows and died (leases of 1 ms).
    for (const owner of ["dead-1", "dead-2"]) {
      await until(async () => (await store.claimDeliveries({ owner, leaseMs: 1 }, 10)).length === 2, `taken by ${owner}`, 5000);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    const sent: string[] = [];
    const w = new SendWorker({
      store,
      senders: createOutboundSenders({ telegram: { token: telegram.token, apiRoot: telegram.apiRoot } }),
      cipher,
      logger,
      holder: "third",
      pollMs: 20,
      maxAttempts: 2,
      onOutcome: ({ status }) => sent.push(status),
    });
    workers.push(w);
    w.start();
    await waitDone(store, id);
    expect(sent).toEqual(["failed", "failed"]);
    const counts = telegram.deliveryCounts();
    for (const chat of chats) expect(counts.get(chat) ?? 0, chat).toBe(0);
    expect((await store.getAnnouncement(id))?.counts).toMatchObject({ failed: 2, delivered: 0 });
    for (const w of workers.splice(0)) await w.stop();
  });
});

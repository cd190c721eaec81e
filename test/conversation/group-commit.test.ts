/**
 * What a reply waits for, with the real engine, SQLite store and stats recorder wired as main.ts
 * wires them (the memory is the conversation's recorder; the batching recorder its fallback):
 * - the user's memory and the question's record are written before the reply, in one group commit
 *   (a crash after the reply loses neither, and a store opened again on the file finds both);
 * - the requests under way share one transaction, not one each;
 * - when that transaction fails, the records go to the stats recorder (which retries) and the turns
 *   are still written on their own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/compose.js";
import { Conversation } from "../../src/conversation/conversation.js";
import type { IncomingMessage, Reply } from "../../src/conversation/message.js";
import { StoreConversationMemory } from "../../src/conversation/store-conversation-memory.js";
import { createLogger } from "../../src/logger.js";
import { createStatsRecorder } from "../../src/stats/stats-recorder.js";
import { createUserKey } from "../../src/stats/user-key.js";
import { createStore } from "../../src/store/create-store.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import type { QueryRecord } from "../../src/store/store.js";
import { buildTestKnowledge, TEST_NOW, tempDir, type TestKnowledge } from "../helpers/test-knowledge.js";

const logger = createLogger("silent");
const userKey = createUserKey("write-behind-test-salt-0123456789");
let t: TestKnowledge;
let nextDelivery = 1;

beforeAll(async () => {
  t = await buildTestKnowledge();
});
afterAll(() => t?.cleanup());

/** A conversation as main.ts wires it, over `store` (or a store on `dataDir`). */
async function open(dataDir: string, wrap: (store: KyselyStore) => KyselyStore = (s) => s) {
  const store = createStore({ dataDir, logger });
  await store.migrate();
  // An interval longer than the tests: the fallback writes only when flushed or closed.
  const fallback = createStatsRecorder({ store, logger, flushIntervalMs: 600_000 });
  const memory = new StoreConversationMemory(wrap(store), { logger, fallback });
  const engine = createEngine(t.config, t.knowledge, { memory, now: () => TEST_NOW });
  const conversation = new Conversation({ engine, store, memory, recorder: memory, userKey, knowledge: t.knowledge, logger, now: () => TEST_NOW });
  const say = (user: string, text: string): Promise<Reply[]> =>
    conversation.handleMessage({ channel: "telegram", platformUserId: user, chatId: user, deliveryKey: `telegram:gc-${nextDelivery++}`, kind: "text", text } satisfies IncomingMessage);
  const pick = (user: string, choice: string): Promise<Reply[]> =>
    conversation.handleMessage({ channel: "telegram", platformUserId: user, chatId: user, deliveryKey: `telegram:gc-${nextDelivery++}`, kind: "choice", choice });
  return { store, fallback, memory, say, pick };
}

/** The store with its group write counted, or failing (`fail`). */
function counting(fail = false) {
  const calls = { commits: 0 };
  const wrap = (store: KyselyStore): KyselyStore =>
    new Proxy(store, {
      get(object, property) {
        const value = Reflect.get(object, property) as unknown;
        if (property !== "commitTurnsAndRecords") return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(object) : value;
        return async (...args: Parameters<KyselyStore["commitTurnsAndRecords"]>) => {
          calls.commits += 1;
          if (fail) throw Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR" });
          return object.commitTurnsAndRecords(...args);
        };
      },
    });
  return { calls, wrap };
}

async function storedRecords(store: KyselyStore, user: string): Promise<QueryRecord[]> {
  const out: QueryRecord[] = [];
  for await (const record of store.exportRecords({ from: "2000-01-01", to: "2100-12-31" })) if (record.userKey === userKey("telegram", user)) out.push(record);
  return out;
}

describe("what a reply waits for", () => {
  it("should store the memory and the record before the reply", async () => {
    const a = await open(tempDir("tracu-group-commit-"));
    const replies = await a.say("gc-user-1", "Học nghề hàn ở đâu?");
    expect(replies[0]!.answer?.answered).toBe(true);
    expect(await a.store.getTurn(userKey("telegram", "gc-user-1"))).toMatchObject({ question: expect.stringContaining("hàn") });
    const records = await storedRecords(a.store, "gc-user-1");
    expect(records.map((r) => r.question)).toEqual(["Học nghề hàn ở đâu?"]);
    expect(records[0]!.id).toBe(replies[0]!.feedback?.recordId);
    // Counted in the daily counts of the same transaction.
    expect((await a.store.summary({ from: "2000-01-01", to: "2100-12-31" })).total).toBe(1);
    expect(a.fallback.pending).toBe(0);
    await a.store.close();
  });

  it("should write the turns and records of requests under way in one transaction, not one each", async () => {
    const counted = counting();
    const a = await open(tempDir("tracu-group-commit-"), counted.wrap);
    const users = Array.from({ length: 12 }, (_, i) => `gc-many-${i}`);
    await Promise.all(users.map((user) => a.say(user, "Mô hình 9+ là gì?")));
    for (const user of users) expect(await storedRecords(a.store, user)).toHaveLength(1);
    expect(counted.calls.commits).toBeGreaterThan(0);
    expect(counted.calls.commits).toBeLessThan(users.length);
    await a.store.close();
  });

  it("should keep the feedback on the record", async () => {
    const a = await open(tempDir("tracu-group-commit-"));
    const replies = await a.say("gc-user-3", "Học nghề hàn ở đâu?");
    const thanks = await a.pick("gc-user-3", replies[0]!.feedback!.up);
    expect(thanks[0]!.text).not.toBe("");
    expect((await storedRecords(a.store, "gc-user-3")).map((r) => r.feedback)).toEqual(["up"]);
    await a.store.close();
  });

  it("should hand the records to the stats recorder and still write the memory when the group write fails", async () => {
    const failing = counting(true);
    const a = await open(tempDir("tracu-group-commit-"), failing.wrap);
    const replies = await a.say("gc-user-5", "Học nghề hàn ở đâu?");
    expect(replies[0]!.answer?.answered).toBe(true);
    expect(failing.calls.commits).toBe(1);
    // The turn went on its own; the record waits in the recorder, which writes it.
    expect(await a.store.getTurn(userKey("telegram", "gc-user-5"))).toMatchObject({ question: expect.stringContaining("hàn") });
    expect(a.fallback.pending).toBe(1);
    await a.fallback.flush();
    expect((await storedRecords(a.store, "gc-user-5")).map((r) => r.id)).toEqual([replies[0]!.feedback?.recordId]);
    await a.fallback.close();
    await a.store.close();
  });

  it("should answer a follow-up from the memory after a crash, and keep the record: a new process on the same file, nothing closed", async () => {
    const dir = tempDir("tracu-group-commit-");
    const a = await open(dir);
    await a.say("gc-user-4", "Học nghề hàn ở đâu?");
    // The first process is never closed (no memory.close, no recorder.close): as after kill -9.
    const b = await open(dir);
    expect(await storedRecords(b.store, "gc-user-4")).toHaveLength(1);
    const fee = await b.say("gc-user-4", "còn học phí thì sao?");
    expect(fee[0]!.text).toContain("4.200.000");
    await b.store.close();
    await a.store.close();
  });
});

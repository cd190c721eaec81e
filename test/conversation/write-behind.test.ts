/**
 * What a reply waits for, with the real engine, SQLite store and stats recorder:
 * - the user's memory is written before the reply (a crash after it loses nothing the user saw, and
 *   a store opened again on the file finds it);
 * - the question's record is not: the recorder writes it with its next batch (its flush interval)
 *   and at shutdown (`close`), and 👍/👎 on a record still waiting writes it first.
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

/** A conversation as main.ts wires it, over a store on `dataDir`, its recorder flushing every `flushIntervalMs`. */
async function open(dataDir: string, flushIntervalMs: number) {
  const store = createStore({ dataDir, logger });
  await store.migrate();
  const recorder = createStatsRecorder({ store, logger, flushIntervalMs });
  const memory = new StoreConversationMemory(store, { logger });
  const engine = createEngine(t.config, t.knowledge, { memory, now: () => TEST_NOW });
  const conversation = new Conversation({ engine, store, memory, recorder, userKey, knowledge: t.knowledge, logger, now: () => TEST_NOW });
  const say = (user: string, text: string): Promise<Reply[]> =>
    conversation.handleMessage({ channel: "telegram", platformUserId: user, chatId: user, deliveryKey: `telegram:wb-${nextDelivery++}`, kind: "text", text } satisfies IncomingMessage);
  const pick = (user: string, choice: string): Promise<Reply[]> =>
    conversation.handleMessage({ channel: "telegram", platformUserId: user, chatId: user, deliveryKey: `telegram:wb-${nextDelivery++}`, kind: "choice", choice });
  return { store, recorder, memory, say, pick };
}

async function storedRecords(store: KyselyStore, user: string): Promise<QueryRecord[]> {
  const out: QueryRecord[] = [];
  for await (const record of store.exportRecords({ from: "2000-01-01", to: "2100-12-31" })) if (record.userKey === userKey("telegram", user)) out.push(record);
  return out;
}

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("what a reply waits for", () => {
  it("should store the memory before the reply and leave the record to the recorder's batch, written at shutdown", async () => {
    const dir = tempDir("tracu-write-behind-");
    // An interval longer than the test: only `close` writes the record.
    const a = await open(dir, 600_000);
    const replies = await a.say("wb-user-1", "Học nghề hàn ở đâu?");
    expect(replies[0]!.answer?.answered).toBe(true);
    expect(await a.store.getTurn(userKey("telegram", "wb-user-1"))).toMatchObject({ question: expect.stringContaining("hàn") });
    expect(await storedRecords(a.store, "wb-user-1")).toEqual([]);
    expect(a.recorder.pending).toBe(1);
    await a.recorder.close();
    const records = await storedRecords(a.store, "wb-user-1");
    expect(records.map((r) => r.question)).toEqual(["Học nghề hàn ở đâu?"]);
    expect(records[0]!.id).toBe(replies[0]!.feedback?.recordId);
    await a.store.close();
  });

  it("should write the record within the recorder's flush interval, without a flush", async () => {
    const a = await open(tempDir("tracu-write-behind-"), 20);
    await a.say("wb-user-2", "Mô hình 9+ là gì?");
    await waitUntil(async () => (await storedRecords(a.store, "wb-user-2")).length === 1);
    expect(a.recorder.pending).toBe(0);
    await a.recorder.close();
    await a.store.close();
  });

  it("should keep the feedback given before the record was written", async () => {
    const a = await open(tempDir("tracu-write-behind-"), 600_000);
    const replies = await a.say("wb-user-3", "Học nghề hàn ở đâu?");
    const feedback = replies[0]!.feedback!;
    expect(a.recorder.pending).toBe(1);
    const thanks = await a.pick("wb-user-3", feedback.up);
    expect(thanks[0]!.text).not.toBe("");
    expect((await storedRecords(a.store, "wb-user-3")).map((r) => r.feedback)).toEqual(["up"]);
    await a.recorder.close();
    await a.store.close();
  });

  it("should answer a follow-up from the memory after a crash: a new process on the same file, nothing closed", async () => {
    const dir = tempDir("tracu-write-behind-");
    const a = await open(dir, 600_000);
    await a.say("wb-user-4", "Học nghề hàn ở đâu?");
    // The first process is never closed (no memory.close, no recorder.close): as after kill -9.
    const b = await open(dir, 600_000);
    const fee = await b.say("wb-user-4", "còn học phí thì sao?");
    expect(fee[0]!.text).toContain("4.200.000");
    await b.recorder.close();
    await b.store.close();
    await a.store.close();
  });
});

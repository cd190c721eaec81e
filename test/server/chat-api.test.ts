import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/compose.js";
import { Conversation } from "../../src/conversation/conversation.js";
import { StoreConversationMemory } from "../../src/conversation/store-conversation-memory.js";
import { dataDeletionVi } from "../../src/messages-vi.js";
import type { QueryRecord } from "../../src/store/store.js";
import { createDashboardAuth } from "../../src/server/dashboard-auth.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { createApp } from "../../src/server/app.js";
import { listen } from "../helpers/http.js";
import { buildTestKnowledge, ROOT, TEST_NOW, tempDir, type TestKnowledge } from "../helpers/test-knowledge.js";
import { openTestStats } from "../helpers/test-store.js";
import { createPostgresDatabase } from "../helpers/test-stores.js";

let t: TestKnowledge;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  t = await buildTestKnowledge();
  const config = loadConfig({ DATA_DIR: t.dataDir, DASHBOARD_USER: "canbo", DASHBOARD_PASSWORD: "mat-khau-dai" }, ROOT);
  server = await listen(createApp({ engine: t.engine, knowledge: t.knowledge, logger: createLogger("silent"), dashboardAuth: createDashboardAuth(config.dashboard!) }));
});
afterAll(async () => {
  await server.close();
  t.cleanup();
});

function post(path: string, body: string, headers: Record<string, string> = { "content-type": "application/json" }) {
  return fetch(`${server.url}${path}`, { method: "POST", headers, body });
}

describe("POST /api/chat", () => {
  it("should answer in the contract's shape", async () => {
    const res = await post("/api/chat", JSON.stringify({ text: "9+ là gì?", userId: "u1", channel: "web" }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["answer", "answered", "sources", "suggestions", "topic"]);
    expect(body.answered).toBe(true);
    expect(body.topic).toBe("vocational_training_options");
    expect(body.sources[0]).toHaveProperty("title");
    expect(typeof body.answer).toBe("string");
  });

  it.each([
    ["empty text", JSON.stringify({ text: "   " }), "text_empty"],
    ["text over 2,000 characters", JSON.stringify({ text: "a".repeat(2001) }), "text_too_long"],
    ["text of the wrong type", JSON.stringify({ text: 42 }), "bad_request"],
    ["a body that is not JSON", "{text: không phải json", "bad_request"],
    ["a JSON array", "[]", "bad_request"],
    ["null", "null", "bad_request"],
    ["userId of the wrong type", JSON.stringify({ text: "chào", userId: { a: 1 } }), "bad_request"],
  ])("should refuse %s with a 400 and a clear message", async (_name, body, code) => {
    const res = await post("/api/chat", body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(3);
    expect(json.error.messageVi.length).toBeGreaterThan(3);
  });

  it("should refuse a body that is not JSON by content type", async () => {
    const res = await post("/api/chat", "text=chao", { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(415);
  });

  it("should refuse a huge body without crashing and keep answering", async () => {
    const res = await post("/api/chat", JSON.stringify({ text: "x".repeat(200_000) }));
    expect(res.status).toBe(413);
    const after = await post("/api/chat", JSON.stringify({ text: "chào bot" }));
    expect(after.status).toBe(200);
  });
});

describe("health and admin", () => {
  it("should answer /healthz once the index is loaded", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("should refuse reindex without the staff login", async () => {
    const res = await post("/api/admin/reindex", "{}");
    expect(res.status).toBe(401);
    const wrong = await post("/api/admin/reindex", "{}", { authorization: `Basic ${Buffer.from("canbo:sai").toString("base64")}` });
    expect(wrong.status).toBe(401);
  });

  it("should rebuild the index with the staff login and keep answering", async () => {
    const before = t.knowledge.current();
    const auth = { authorization: `Basic ${Buffer.from("canbo:mat-khau-dai").toString("base64")}` };
    const [reindex, chat] = await Promise.all([
      post("/api/admin/reindex", "{}", auth),
      post("/api/chat", JSON.stringify({ text: "lương tối thiểu vùng 2026" })),
    ]);
    expect(reindex.status).toBe(200);
    expect(chat.status).toBe(200);
    const body = await reindex.json();
    expect(body.chunks).toBe(before.chunks.length);
    expect(t.knowledge.current()).not.toBe(before);
  });
});

/** The app as main.ts wires it: /api/chat through the conversation, over a real store (another replica: the same `databaseUrl`). */
async function startConversationApp(databaseUrl?: string) {
  const logger = createLogger("silent");
  const stats = await openTestStats(tempDir("tracu-chat-api-"), databaseUrl, "chat-api-test-salt-0123456789abcdef");
  // The memory's group commit writes each question's record with the turns, before the reply.
  const memory = new StoreConversationMemory(stats.store, { logger, fallback: stats.recorder });
  const engine = createEngine(t.config, t.knowledge, { memory, now: () => TEST_NOW });
  const conversation = new Conversation({ engine, store: stats.store, memory, recorder: memory, userKey: stats.userKey, knowledge: t.knowledge, logger, now: () => TEST_NOW });
  const app = await listen(
    createApp({ engine, knowledge: t.knowledge, logger, conversation: (m, c) => conversation.handleMessage(m, c), recorder: stats.recorder, userKey: stats.userKey, store: stats.store }),
  );
  const ask = async (text: string, userId?: string) => {
    const res = await fetch(`${app.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, ...(userId ? { userId } : {}) }) });
    expect(res.status).toBe(200);
    return (await res.json()) as { answer: string; answered: boolean; topic: string; sources: unknown[] };
  };
  return {
    ask,
    stats,
    async records(): Promise<QueryRecord[]> {
      // Written with the memory before the reply: nothing to wait for.
      const out: QueryRecord[] = [];
      for await (const record of stats.store.exportRecords({ from: "2000-01-01", to: "2100-12-31" })) out.push(record);
      return out;
    },
    async close() {
      await app.close();
      await memory.close();
      await stats.close();
    },
  };
}

describe("POST /api/chat through the conversation", () => {
  let chat: Awaited<ReturnType<typeof startConversationApp>>;
  beforeAll(async () => {
    chat = await startConversationApp();
  });
  afterAll(async () => {
    await chat?.close();
  });

  it("should carry a follow-up's slots over real HTTP for the same userId, and never repeat a reply", async () => {
    const first = await chat.ask("học nghề hàn ở đâu", "follow-http");
    expect(Object.keys(first).sort()).toEqual(expect.arrayContaining(["answer", "answered", "sources", "topic"]));
    const fee = await chat.ask("còn học phí thì sao?", "follow-http");
    expect(fee.answer).toContain("Hàn");
    expect(fee.answer).toContain("4.200.000");
    // Another user asking the same has no earlier trade: no welding fee.
    const stranger = await chat.ask("còn học phí thì sao?", "follow-http-other");
    expect(stranger.answer).not.toContain("4.200.000");
    const again = await chat.ask("còn học phí thì sao?", "follow-http");
    expect(again.answer).not.toBe(fee.answer);
  });

  it("should record each question under the user's anonymous key, never the raw id", async () => {
    await chat.ask("mô hình 9+ là gì", "record-user-1");
    const key = chat.stats.userKey("api", "record-user-1");
    const mine = (await chat.records()).filter((r) => r.userKey === key);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ channel: "api", question: "mô hình 9+ là gì" });
    expect(JSON.stringify(await chat.records())).not.toContain("record-user-1");
  });

  it("should delete the user's questions and memory on /xoadulieu with a userId, and say so", async () => {
    await chat.ask("học nghề hàn ở đâu", "delete-me");
    const key = chat.stats.userKey("api", "delete-me");
    expect(await chat.stats.store.getTurn(key)).toBeDefined();
    const deleted = await chat.ask("/xoadulieu", "delete-me");
    expect(deleted.answer).toBe(
      dataDeletionVi.reply({ questions: 1, memory: 1, profile: 0, subscriptions: 0, consentEvents: 0, staffRoutes: 0, announcementDeliveries: 0 }),
    );
    expect(deleted.sources).toEqual([]);
    expect(await chat.stats.store.getTurn(key)).toBeUndefined();
    expect((await chat.records()).filter((r) => r.userKey === key)).toEqual([]);
    // The earlier trade is forgotten: no welding fee on a follow-up.
    expect((await chat.ask("còn học phí thì sao?", "delete-me")).answer).not.toContain("4.200.000");
  });

  it("should stay stateless without a userId and record the question without a user key", async () => {
    await chat.ask("học nghề hàn ở đâu");
    const fee = await chat.ask("còn học phí thì sao?");
    expect(fee.answer).not.toContain("4.200.000");
    const anonymous = (await chat.records()).filter((r) => r.question === "còn học phí thì sao?" && r.userKey === null);
    expect(anonymous).toHaveLength(1);
  });
});

describe("POST /api/chat on two app instances sharing PostgreSQL", () => {
  it("should answer a follow-up on one instance from the turn the other one remembered", async () => {
    const database = await createPostgresDatabase("tracu_chat_api");
    const one = await startConversationApp(database.url);
    const two = await startConversationApp(database.url);
    try {
      await one.ask("học nghề hàn ở đâu", "replica-user");
      const fee = await two.ask("còn học phí thì sao?", "replica-user");
      expect(fee.answer).toContain("Hàn");
      expect(fee.answer).toContain("4.200.000");
    } finally {
      await one.close();
      await two.close();
      await database.drop();
    }
  });
});

/**
 * After a run that records questions full of phone and ID numbers from users with raw platform
 * ids — through /api/chat, through the recorder as the channels do, through memory, profiles and
 * delivery keys — none of those strings is found in the SQLite files (database, WAL), anywhere
 * else under DATA_DIR, in the PostgreSQL tables, or in the logs.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/compose.js";
import { createApp } from "../../src/server/app.js";
import { recordFromAnswer } from "../../src/stats/record-from-answer.js";
import { createStatsRecorder } from "../../src/stats/stats-recorder.js";
import { createUserKey, loadStatsSalt } from "../../src/stats/user-key.js";
import { createInboxStore } from "../../src/store/inbox-store.js";
import { listen } from "../helpers/http.js";
import { buildTestKnowledge, TEST_NOW, type TestKnowledge } from "../helpers/test-knowledge.js";
import { openTestStore, STORE_KINDS, type TestStore } from "../helpers/test-stores.js";

const RAW_WEB_ID = "web-visitor-raw-31337";
const RAW_TELEGRAM_ID = "778899001";
const RAW_ZALO_CHAT = "zalo-chat-raw-4242";
const QUESTIONS = [
  "Em tên Lan, sđt 0912 345 678, học nghề ở đâu?",
  "Gọi giúp em số +84 912345678 hoặc (+84) 988-765-432 nha",
  "CCCD của em là 084206001234, có được hỗ trợ học phí không?",
  "cmnd 123 456 789, mail nguyen.van.a@gmail.com, đi Hàn cần gì",
  "số bàn 0294.3855.123 và 0084 977 111 222",
  "zalo em không chín một hai ba bốn năm sáu bảy tám, năm sau học gì",
];
/** Strings that must not be stored anywhere. */
const NEEDLES = [
  RAW_WEB_ID,
  RAW_TELEGRAM_ID,
  RAW_ZALO_CHAT,
  "0912345678",
  "0912 345 678",
  "912345678",
  "988-765-432",
  "988765432",
  "084206001234",
  "123 456 789",
  "123456789",
  "nguyen.van.a@gmail.com",
  "3855.123",
  "977 111 222",
  "chín một hai ba bốn",
];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function findNeedles(haystack: Buffer | string, where: string): string[] {
  const bytes = typeof haystack === "string" ? Buffer.from(haystack, "utf8") : haystack;
  return NEEDLES.filter((n) => bytes.includes(Buffer.from(n, "utf8"))).map((n) => `${n} in ${where}`);
}

let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
});
afterAll(() => t?.cleanup());

describe.each(STORE_KINDS)("no personal data at rest (%s)", (kind) => {
  let s: TestStore;
  let log = "";
  beforeAll(async () => {
    s = await openTestStore(kind);
    const logger = pino({ level: "debug" }, { write: (line: string) => void (log += line) });
    const store = s.store;
    const salt = loadStatsSalt({ dataDir: s.dataDir });
    const userKey = createUserKey(salt);
    const inbox = createInboxStore({ db: store.db, kind: store.kind, secret: salt });
    const recorder = createStatsRecorder({ store, logger });
    const engine = createEngine(t.config, t.knowledge, {
      memory: { get: (key) => store.getTurn(key), set: (key, turn) => store.setTurn(key, turn) },
      now: () => TEST_NOW,
    });
    const server = await listen(createApp({ engine, knowledge: t.knowledge, logger, recorder, userKey, store }));
    try {
      // The web chat and the API.
      for (const text of QUESTIONS) {
        const res = await fetch(`${server.url}/api/chat`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text, userId: RAW_WEB_ID, channel: "web" }),
        });
        expect(res.status).toBe(200);
      }
      // What the channels do for a Telegram and a Zalo user.
      for (const [channel, rawId] of [["telegram", RAW_TELEGRAM_ID], ["zalo", RAW_ZALO_CHAT]] as const) {
        const key = userKey(channel, rawId);
        // The update as the channel stores it in the inbox before answering (left unanswered: its payload stays).
        const stored = await inbox.add({ channel, platformUserId: rawId, chatId: rawId, deliveryKey: `${channel}:${rawId}:1001`, kind: "text", text: QUESTIONS[0]! });
        expect(stored.status).toBe("stored");
        for (const text of QUESTIONS) {
          const answer = await engine.answer({ text, userKey: key });
          recorder.record(recordFromAnswer({ question: text, answer, channel, userKey: key, role: "parent", commune: "Xã Trà Cú", latencyMs: 10 }));
        }
        await store.setProfile(key, { role: "parent", commune: "Xã Trà Cú", asked: true, updatedAt: new Date() });
      }
      await store.setTurn(userKey("zalo", RAW_ZALO_CHAT), { question: QUESTIONS[0]!, topic: "contact_and_events", at: Date.now() });
      await recorder.close();
    } finally {
      await server.close();
    }
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  it("should have recorded every question, masked", async () => {
    const total = await s.store.summary({ from: "2000-01-01", to: "2100-12-31" });
    expect(total.total).toBe(QUESTIONS.length * 3);
  });

  it("should leave no raw id, phone, ID number or e-mail in the database", async () => {
    const found: string[] = [];
    if (kind === "sqlite") {
      // While open (the WAL holds the latest writes) and after close (checkpointed into the file).
      for (const file of filesUnder(s.dataDir)) found.push(...findNeedles(fs.readFileSync(file), path.basename(file)));
      await s.store.close();
      for (const file of filesUnder(s.dataDir)) found.push(...findNeedles(fs.readFileSync(file), `${path.basename(file)} after close`));
      expect(filesUnder(s.dataDir).map((f) => path.basename(f))).toContain("bot.sqlite");
    } else {
      const tables = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = 'public'`.execute(s.store.db);
      expect(tables.rows.length).toBeGreaterThanOrEqual(6);
      for (const { tablename } of tables.rows) {
        const rows = await sql`select * from ${sql.table(tablename)}`.execute(s.store.db);
        found.push(...findNeedles(JSON.stringify(rows.rows), tablename));
      }
      for (const file of filesUnder(s.dataDir)) found.push(...findNeedles(fs.readFileSync(file), path.basename(file)));
    }
    expect(found).toEqual([]);
  });

  it("should leave none under the knowledge DATA_DIR either", () => {
    const found = filesUnder(t.dataDir).flatMap((file) => findNeedles(fs.readFileSync(file), path.basename(file)));
    expect(found).toEqual([]);
  });

  it("should write none of them to the logs", () => {
    expect(log.length).toBeGreaterThan(0);
    expect(findNeedles(log, "logs")).toEqual([]);
  });
});

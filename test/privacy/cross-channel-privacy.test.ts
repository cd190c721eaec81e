/**
 * Issue 11, "done when": the real server (`src/main.ts` as a child process, as `npm start` runs
 * it) with Telegram and Zalo webhooks, the staff forward and an LLM, all faked on 127.0.0.1. Canary
 * user ids, phone numbers in every spelling the attack found unmasked, citizen IDs and e-mail
 * addresses go in through the Telegram webhook, the Zalo webhook and /api/chat. None of them is
 * then found raw in any file under DATA_DIR (the WAL included) while answers are under way and
 * after shutdown, in any PostgreSQL table, in the logs, in the staff forward, or in the fake LLM's
 * requests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normaliseForMasking } from "../../src/privacy/masking.js";
import { TELEGRAM_SECRET, ZALO_SECRET } from "../helpers/channel-harness.js";
import { startFakeOpenAI, type FakeOpenAI } from "../helpers/fake-openai.js";
import { startFakeTelegram, type FakeTelegram } from "../helpers/fake-telegram.js";
import { startFakeZalo, type FakeZalo } from "../helpers/fake-zalo.js";
import { KNOWLEDGE_DIR, ROOT, tempDir } from "../helpers/test-knowledge.js";
import { createPostgresDatabase, type TestDatabase } from "../helpers/test-stores.js";
import { fakePlatformEnv } from "../helpers/fake-platform.js";

const TELEGRAM_USER = 7_312_459_876;
const ZALO_CHAT = "zc4n4ry7e5t9a1b2c3d4";
const WEB_USER = "web-canary-user-8842";
const STAFF_CHAT = "-1004444555666";
/** Names the platforms send with each message. */
const NAMES = ["Lancanary", "Thachcanary", "Binhcanary Nguyen"];

let nextId = 810_000_000;
/** A Telegram text update as the Bot API sends it (the shape of `fixtures/telegram-update-text.json`). */
function telegramUpdate(text: string): Record<string, unknown> {
  const id = ++nextId;
  const person = { first_name: NAMES[0], last_name: NAMES[1] };
  return {
    update_id: id,
    message: { message_id: id, from: { id: TELEGRAM_USER, is_bot: false, ...person, language_code: "vi" }, chat: { id: TELEGRAM_USER, ...person, type: "private" }, date: 1764390000, text },
  };
}
/** A Zalo text event, wrapped, as the platform sends it (`fixtures/zalo-webhook-text-wrapped.json`). */
function zaloEvent(text: string): Record<string, unknown> {
  const id = (++nextId).toString(16).padStart(20, "0");
  return {
    ok: true,
    result: {
      event_name: "message.text.received",
      message: { message_id: id, date: 1764390000123, chat: { id: ZALO_CHAT, chat_type: "PRIVATE" }, from: { id: ZALO_CHAT, display_name: NAMES[2], is_bot: false }, text },
    },
  };
}

/** What users typed: each spelling the attack found stored unmasked, and the ordinary ones. */
const SPELLINGS = [
  "0912\u00A0345\u00A0687",
  "0912\u2009345\u2009688",
  "(0912) 345 686",
  "0912/345/690",
  "0912_345_689",
  "\uFF10\uFF19\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF19\uFF11",
  "09l2345692",
  "0987 654 321",
  "+84 977 111 222",
  "CCCD 084206001234",
  "cmnd 079 305 004",
  "lan.canary (a) gmail.com",
  "minh.canary[at]yahoo.com.vn",
  "hoa.canary@truong.edu.vn",
];

/** The raw strings, their normalised forms and their bare digits: none may be found anywhere. */
const NEEDLES = [
  String(TELEGRAM_USER),
  ZALO_CHAT,
  WEB_USER,
  ...NAMES,
  "lan.canary",
  "minh.canary",
  "hoa.canary",
  ...SPELLINGS.flatMap((s) => {
    const normalised = normaliseForMasking(s);
    const digits = normalised.replace(/\D/g, "");
    return [s, normalised, ...(digits.length >= 9 ? [digits] : [])];
  }),
];

function questions(spelling: string): string[] {
  return [
    // Answered from the knowledge (the LLM is asked), and…
    `Học nghề sau lớp 9 có mất học phí không? Số em ${spelling}`,
    // …one the knowledge cannot answer (forwarded to the staff group).
    `Em muốn hỏi học bổng du học ngành hàng không vũ trụ ở Mỹ, liên hệ ${spelling}`,
  ];
}

function found(haystack: Buffer | string, where: string): string[] {
  const bytes = typeof haystack === "string" ? Buffer.from(haystack, "utf8") : haystack;
  return [...new Set(NEEDLES)].filter((n) => bytes.includes(Buffer.from(n, "utf8"))).map((n) => `${JSON.stringify(n)} in ${where}`);
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function dataDirFindings(dir: string, when: string): string[] {
  return filesUnder(dir).flatMap((file) => {
    try {
      return found(fs.readFileSync(file), `${path.relative(dir, file)} (${when})`);
    } catch {
      return []; // a file SQLite removed between the listing and the read
    }
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let telegram: FakeTelegram;
let zalo: FakeZalo;
let llm: FakeOpenAI;
const children = new Set<ChildProcess>();
const dirs: string[] = [];

beforeAll(async () => {
  telegram = await startFakeTelegram();
  zalo = await startFakeZalo(undefined, { maxPollMs: 300 });
  llm = await startFakeOpenAI({ kind: "reply", content: "" });
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await telegram?.close();
  await zalo?.close();
  await llm?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

interface Run {
  duringTraffic: string[];
  afterShutdown: string[];
  logs: string;
  exitCode: number | null;
  database?: TestDatabase;
}

async function runBot(databaseUrl?: string): Promise<Run> {
  const dataDir = tempDir("tracu-privacy-");
  dirs.push(dataDir);
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/main.ts")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      KNOWLEDGE_DIR,
      KNOWLEDGE_WATCH_SECONDS: "0",
      // Everything a log line could carry.
      LOG_LEVEL: "trace",
      BOT_MODE: "webhook",
      PUBLIC_URL: "https://huongnghiep.example.test",
      ...fakePlatformEnv(telegram, zalo, { telegram: TELEGRAM_SECRET, zalo: ZALO_SECRET }),
      STAFF_TELEGRAM_CHAT_ID: STAFF_CHAT,
      LLM_BASE_URL: llm.baseUrl,
      LLM_MODEL: "test-model",
      LLM_TIMEOUT_MS: "30000",
      USER_RATE_LIMIT_PER_MINUTE: "0",
      API_RATE_LIMIT_PER_MINUTE: "0",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let logs = "";
  child.stdout!.on("data", (chunk) => (logs += String(chunk)));
  child.stderr!.on("data", (chunk) => (logs += String(chunk)));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`${url}/readyz`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`bot did not become ready: ${logs.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const sentToUser = () => telegram.succeeded("sendMessage").filter((c) => c.body.chat_id === TELEGRAM_USER).length;
  const sentToZalo = () => zalo.succeeded("sendMessage").filter((c) => c.body.chat_id === ZALO_CHAT).length;
  const before = { telegram: sentToUser(), zalo: sentToZalo(), llm: llm.requests.length };
  // LLM answers take a while: the updates sit in the inbox, being answered, while DATA_DIR is read.
  llm.behaviour = { kind: "delay", ms: 1500, content: "" };
  const texts = SPELLINGS.flatMap(questions);
  const post = (route: string, header: string, secret: string, body: unknown) =>
    fetch(`${url}${route}`, { method: "POST", headers: { "content-type": "application/json", [header]: secret }, body: JSON.stringify(body) });
  for (const text of texts) {
    expect((await post("/webhooks/telegram", "x-telegram-bot-api-secret-token", TELEGRAM_SECRET, telegramUpdate(text))).status).toBe(200);
    expect((await post("/webhooks/zalo", "x-bot-api-secret-token", ZALO_SECRET, zaloEvent(text))).status).toBe(200);
  }
  const web = texts.map((text) =>
    fetch(`${url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, userId: WEB_USER, channel: "web" }) }),
  );
  await telegram.waitFor(() => llm.requests.length > before.llm && llm.responded < llm.requests.length, "LLM calls under way");
  const duringTraffic = dataDirFindings(dataDir, "during traffic");
  llm.behaviour = { kind: "reply", content: "" };

  for (const response of await Promise.all(web)) expect(response.status).toBe(200);
  await telegram.waitFor(() => sentToUser() - before.telegram >= texts.length && sentToZalo() - before.zalo >= texts.length, "every update answered", 120_000);
  child.kill("SIGTERM");
  const exitCode = await exited;
  return { duringTraffic, afterShutdown: dataDirFindings(dataDir, "after shutdown"), logs, exitCode };
}

function outsideFindings(logs: string): string[] {
  const staff = telegram.calls.filter((c) => String(c.body.chat_id) === STAFF_CHAT);
  return [
    ...found(logs, "logs"),
    ...found(JSON.stringify(staff.map((c) => c.body)), "staff forward"),
    ...found(JSON.stringify(llm.requests), "LLM requests"),
  ];
}

describe("no canary raw anywhere after traffic through every channel", () => {
  it("SQLite: not in DATA_DIR (WAL included) during traffic or after shutdown, logs, staff forward, LLM", async () => {
    const staffBefore = telegram.calls.filter((c) => String(c.body.chat_id) === STAFF_CHAT).length;
    const llmBefore = llm.requests.length;
    const run = await runBot();
    expect(run.exitCode).toBe(0);
    // The paths were really taken: questions were forwarded to staff and sent to the LLM.
    expect(telegram.calls.filter((c) => String(c.body.chat_id) === STAFF_CHAT).length).toBeGreaterThan(staffBefore);
    expect(llm.requests.length).toBeGreaterThan(llmBefore);
    expect(run.logs.length).toBeGreaterThan(0);
    expect(run.duringTraffic).toEqual([]);
    expect(run.afterShutdown).toEqual([]);
    expect(outsideFindings(run.logs)).toEqual([]);
  }, 240_000);

  it("PostgreSQL: not in any table, DATA_DIR, logs, staff forward or LLM", async () => {
    const database = await createPostgresDatabase("tracu_privacy");
    try {
      const run = await runBot(database.url);
      expect(run.exitCode).toBe(0);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const findings: string[] = [];
      try {
        const tables = await client.query<{ tablename: string }>("select tablename from pg_tables where schemaname = 'public'");
        expect(tables.rows.map((r) => r.tablename)).toEqual(expect.arrayContaining(["query_records", "inbox", "staff_routes"]));
        for (const { tablename } of tables.rows) {
          const rows = await client.query(`select * from "${tablename}"`);
          findings.push(...found(JSON.stringify(rows.rows), `table ${tablename}`));
        }
        const records = await client.query("select count(*)::int as n from query_records");
        expect(records.rows[0].n).toBeGreaterThanOrEqual(SPELLINGS.length * 2 * 3);
      } finally {
        await client.end();
      }
      expect(findings).toEqual([]);
      expect(run.duringTraffic).toEqual([]);
      expect(run.afterShutdown).toEqual([]);
      expect(outsideFindings(run.logs)).toEqual([]);
    } finally {
      await database.drop();
    }
  }, 240_000);
});

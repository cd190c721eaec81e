/**
 * The real server as a child process (`node --import tsx src/main.ts`): SIGTERM while answers are
 * under way (they complete, records are written, exit 0 within 10 s), and SIGKILL after an update
 * was acknowledged but before it was answered (after the restart it is answered exactly once and
 * recorded once).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore } from "../../src/store/create-store.js";
import { createInboxStore } from "../../src/store/inbox-store.js";
import type { QueryRecord } from "../../src/store/store.js";
import { telegramText, TELEGRAM_SECRET } from "../helpers/channel-harness.js";
import { startFakeOpenAI, type FakeOpenAI } from "../helpers/fake-openai.js";
import { startFakeTelegram, type FakeTelegram } from "../helpers/fake-telegram.js";
import { KNOWLEDGE_DIR, ROOT, tempDir } from "../helpers/test-knowledge.js";

let telegram: FakeTelegram;
let llm: FakeOpenAI;
const dirs: string[] = [];
const children = new Set<ChildProcess>();

beforeAll(async () => {
  telegram = await startFakeTelegram();
  llm = await startFakeOpenAI({ kind: "reply", content: "" });
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await telegram?.close();
  await llm?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

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

interface Bot {
  url: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

async function startBot(env: Record<string, string>): Promise<Bot> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/main.ts")], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LOG_LEVEL: "warn", KNOWLEDGE_DIR, KNOWLEDGE_WATCH_SECONDS: "0", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.add(child);
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once("exit", (code, signal) => {
      children.delete(child);
      resolve({ code, signal, at: performance.now() });
    }),
  );
  const url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`bot did not become ready: ${stderr.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, child, exited };
}

async function storedRecords(dataDir: string): Promise<{ records: QueryRecord[]; unanswered: number }> {
  const store = createStore({ dataDir });
  try {
    const records: QueryRecord[] = [];
    for await (const record of store.exportRecords({ from: "2000-01-01", to: "2100-12-31" })) records.push(record);
    const unanswered = await createInboxStore({ db: store.db, kind: store.kind }).depth();
    return { records, unanswered };
  } finally {
    await store.close();
  }
}

function botEnv(dataDir: string, port: number): Record<string, string> {
  return {
    PORT: String(port),
    DATA_DIR: dataDir,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    BOT_MODE: "webhook",
    LLM_BASE_URL: llm.baseUrl,
    LLM_MODEL: "test-model",
    LLM_TIMEOUT_MS: "30000",
  };
}

const postUpdate = (url: string, update: unknown) =>
  fetch(`${url}/webhooks/telegram`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TELEGRAM_SECRET }, body: JSON.stringify(update) });
const sentTo = (chat: number) => telegram.succeeded("sendMessage").filter((c) => c.body.chat_id === chat);

describe("server process", () => {
  it("should finish the answers under way on SIGTERM, write their records and exit 0 within 10 s", async () => {
    const dataDir = tempDir("tracu-sigterm-");
    dirs.push(dataDir);
    const bot = await startBot(botEnv(dataDir, await freePort()));
    // Every LLM answer takes 1.5 s: the four questions below are all under way at the signal.
    llm.behaviour = { kind: "delay", ms: 1500, content: "" };
    const before = llm.requests.length;
    const chats = [8_300_000_001, 8_300_000_002];
    const api = ["Học nghề sau lớp 9 có mất học phí không?", "Đi Hàn theo EPS cần điều kiện gì?"].map((text) =>
      fetch(`${bot.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text }) }),
    );
    for (const [i, chat] of chats.entries()) {
      const ack = await postUpdate(bot.url, telegramText(["Mô hình 9+ là gì?", "Học phí trung cấp nghề bao nhiêu?"][i]!, chat));
      expect(ack.status).toBe(200);
    }
    await telegram.waitFor(() => llm.requests.length - before === 4, "four LLM calls under way");
    const signalled = performance.now();
    bot.child.kill("SIGTERM");

    const answers = await Promise.all(api);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    for (const answer of answers) expect((await answer.json()).answer).toBeTruthy();
    const exit = await bot.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(10_000);
    for (const chat of chats) expect(sentTo(chat)).toHaveLength(1);
    const stored = await storedRecords(dataDir);
    expect(stored.records).toHaveLength(4);
    expect(stored.unanswered).toBe(0);
  });

  it("should answer exactly once after a SIGKILL between acknowledgement and answer", async () => {
    const dataDir = tempDir("tracu-sigkill-");
    dirs.push(dataDir);
    const env = botEnv(dataDir, await freePort());
    const first = await startBot(env);
    // The answer waits on the LLM: the process dies with the update acknowledged and unanswered.
    llm.behaviour = { kind: "delay", ms: 60_000, content: "" };
    const before = llm.requests.length;
    const chat = 8_300_000_003;
    const update = telegramText("Mô hình 9+ là gì?", chat);
    expect((await postUpdate(first.url, update)).status).toBe(200);
    await telegram.waitFor(() => llm.requests.length > before, "LLM call under way");
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    expect(sentTo(chat)).toHaveLength(0);

    // Same replica (host and port): the restarted process takes the update back at once.
    llm.behaviour = { kind: "reply", content: "" };
    const second = await startBot(env);
    await telegram.waitFor(() => sentTo(chat).length === 1, "answer after the restart");
    // Telegram re-sending it now changes nothing.
    expect((await postUpdate(second.url, update)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sentTo(chat)).toHaveLength(1);
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
    const stored = await storedRecords(dataDir);
    expect(stored.records).toHaveLength(1);
    expect(stored.records[0]!.channel).toBe("telegram");
    expect(stored.unanswered).toBe(0);
  });
});

/**
 * Load and fault test (`npm run load`), on 127.0.0.1 only and bounded in time.
 *
 * For each scenario — SQLite (one process) and PostgreSQL (two replicas on one fresh database) —
 * it starts the real server (`node --import tsx src/main.ts`) against fake Telegram and Zalo APIs,
 * and 200 simulated users (LOAD_USERS) write for LOAD_SECONDS (default 60) through the Telegram
 * and Zalo webhooks and POST /api/chat. Each user asks, waits for the answer, pauses 3.5-5 s (so
 * stays under the default 20 messages a minute) and asks again; a few updates are delivered twice,
 * as platforms do. At 40 % of the time one replica is killed with SIGKILL and restarted. Requests
 * are spread over the replicas in turn; one that fails (connection refused, 5xx) is sent again to
 * the next replica after a short pause, as a platform or a reverse proxy would.
 *
 * At the end it checks that every update accepted with a 2xx has exactly one answer at the fake
 * platform and one record in the database, and prints accepted, answered, recorded, duplicates,
 * lost and the latency percentiles (from sending to the answer arriving). Targets: lost 0,
 * duplicates 0, p95 under 100 ms (offline answers). Exit code 1 when an update was lost or
 * answered twice.
 *
 * Settings: LOAD_SECONDS (60), LOAD_USERS (200), LOAD_SCENARIOS (`sqlite,postgres`),
 * TEST_POSTGRES_URL (admin URL of the server the PostgreSQL scenario creates its database on),
 * LOAD_NODE_ARGS (extra node flags for the replicas, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { channelRepliesVi, limitsVi, repliesVi } from "../../src/messages-vi.js";
import { createStore } from "../../src/store/create-store.js";
import { createInboxStore } from "../../src/store/inbox-store.js";
import { startFakeTelegram, type FakeTelegram } from "../helpers/fake-telegram.js";
import { startFakeZalo, type FakeZalo } from "../helpers/fake-zalo.js";
import { fakePlatformEnv } from "../helpers/fake-platform.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SECONDS = positive(process.env.LOAD_SECONDS, 60);
const USERS = positive(process.env.LOAD_USERS, 200);
const SCENARIOS = (process.env.LOAD_SCENARIOS ?? "sqlite,postgres").split(",").map((s) => s.trim()).filter(Boolean);
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TELEGRAM_SECRET = "load_secret_0123456789";
const ZALO_SECRET = "load-zalo-secret-0123";
const SALT = "load-test-salt-0123456789abcdef";
/** Longest wait for one answer before the user moves on (it is still counted if it comes later). */
const ANSWER_WAIT_MS = 15_000;
/** After the traffic: longest wait for the last answers. */
const DRAIN_MS = 30_000;
const DUPLICATE_SHARE = 0.03;

const QUESTIONS = [
  "Học nghề sau lớp 9 có mất học phí không?",
  "Mô hình 9+ là gì?",
  "Đi Hàn theo EPS cần điều kiện gì?",
  "Học xong lớp 9 có những hướng đi nào?",
  "Học nghề ở đâu gần nhà?",
  "Việc làm và mức lương hiện nay ra sao?",
  "Muốn đi làm việc ở nước ngoài cần điều kiện gì?",
  "Trung học nghề là gì?",
  "Học GDTX có mất tiền không?",
  "Học nghề ngắn hạn được hỗ trợ bao nhiêu?",
  "Có bắt buộc đi học nghề sau lớp 9 không?",
  "Tốt nghiệp THPT thì có những hướng đi nào?",
  "Học nghề xong có liên thông lên đại học được không?",
  "Lương tối thiểu vùng năm 2026 là bao nhiêu?",
  "Làm sao tránh bị lừa khi đi xuất khẩu lao động?",
  "Học sinh bán trú được hỗ trợ gì?",
  "Muốn được tư vấn chọn nghề thì liên hệ ở đâu?",
  "Nghề nào đang cần nhiều lao động?",
  "Đi làm việc nước ngoài có được vay vốn không?",
  "Ai chịu trách nhiệm chính thực hiện kế hoạch?",
];

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

// === replicas

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

class Replica {
  child: ChildProcess | undefined;
  readonly url: string;
  private stderr = "";

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${env.PORT}`;
  }

  async start(): Promise<number> {
    const started = performance.now();
    this.stderr = "";
    // LOAD_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", shows where a replica spends its time.
    const nodeArgs = (process.env.LOAD_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", path.join(ROOT, "src/main.ts")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? os.tmpdir(), ...this.env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr!.on("data", (chunk) => (this.stderr = (this.stderr + String(chunk)).slice(-4000)));
    this.child = child;
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (await fetch(`${this.url}/readyz`).then((r) => r.ok, () => false)) return performance.now() - started;
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${this.name} did not start: ${this.stderr}`);
      await sleep(50);
    }
  }

  async kill(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill(signal);
    return exited;
  }
}

// === traffic

interface Sent {
  channel: "telegram" | "zalo" | "web";
  chat: string;
  /** First attempt (performance.now()). */
  at: number;
  accepted: boolean;
  ackMs?: number;
  /** Web: the answer came in the response. */
  answeredAt?: number;
}

interface Tally {
  sent: Sent[];
  attempts: number;
  refusedAttempts: number;
  redeliveries: number;
  rateLimited: number;
}

/** Sends until a replica answers 2xx, the next replica after each failure; false if none did before `until`. */
async function deliver(replicas: Replica[], start: number, request: (url: string) => Promise<Response>, tally: Tally, until: number): Promise<{ ok: boolean; response?: Response; at: number }> {
  for (let attempt = 0; ; attempt++) {
    const replica = replicas[(start + attempt) % replicas.length]!;
    tally.attempts += 1;
    const at = performance.now();
    try {
      const response = await request(replica.url);
      if (response.ok) return { ok: true, response, at };
      await response.arrayBuffer();
      if (response.status === 429) tally.rateLimited += 1;
    } catch {
      // connection refused: the replica is down
    }
    tally.refusedAttempts += 1;
    if (performance.now() > until) return { ok: false, at };
    await sleep(250);
  }
}

let updateId = 500_000_000;
let zaloMessage = 1;

function telegramUpdate(chat: number, text: string) {
  const id = ++updateId;
  return {
    update_id: id,
    message: { message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: chat, type: "private", first_name: "HS" }, from: { id: chat, is_bot: false, first_name: "HS", language_code: "vi" }, text },
  };
}

function zaloEvent(chat: string, text: string) {
  return {
    event_name: "message.text.received",
    message: { message_id: `lm${(zaloMessage++).toString(16).padStart(18, "0")}`, date: Date.now(), text, chat: { id: chat, chat_type: "PRIVATE" }, from: { id: chat, display_name: "HS", is_bot: false } },
  };
}

/** Answers (not typing, not limit messages) a fake platform sent to a chat so far. */
function answersTo(fakes: Fakes, channel: "telegram" | "zalo", chat: string): number {
  return fakes.answers[channel].get(chat) ?? 0;
}

interface Fakes {
  telegram: FakeTelegram;
  zalo: FakeZalo;
  /** Answers per chat, counted as they arrive, and when each arrived. */
  answers: { telegram: Map<string, number>; zalo: Map<string, number> };
  arrivals: { telegram: Map<string, number[]>; zalo: Map<string, number[]> };
  recordIds: string[];
  /** When each Telegram answer (by record id) reached the fake, for telling where duplicates come from. */
  recordArrivals: Map<string, number[]>;
  /** Users waiting for a chat's answer count to pass a value. */
  waiters: Map<string, { above: number; resolve: () => void }[]>;
  other: number;
  limitMessages: number;
  scanned: { telegram: number; zalo: number };
}

/** Reads new sendMessage calls of the fakes into per-chat answer counts. */
function scan(fakes: Fakes): void {
  for (const channel of ["telegram", "zalo"] as const) {
    const calls = fakes[channel].calls;
    for (; fakes.scanned[channel] < calls.length; fakes.scanned[channel]++) {
      const call = calls[fakes.scanned[channel]]!;
      if (call.method !== "sendMessage") continue;
      if (call.status === 0) {
        // not answered yet by the fake: look again next time
        break;
      }
      if (call.status !== 200) continue;
      const chat = String(call.body.chat_id);
      const text = String(call.body.text ?? "");
      let isAnswer = false;
      if (channel === "telegram") {
        const buttons = ((call.body.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();
        const up = buttons.find((b) => b.callback_data?.startsWith("fb:up:"));
        if (up) {
          isAnswer = true;
          const id = up.callback_data!.slice("fb:up:".length);
          fakes.recordIds.push(id);
          fakes.recordArrivals.set(id, [...(fakes.recordArrivals.get(id) ?? []), call.at]);
        }
      } else {
        isAnswer = text.includes(channelRepliesVi.feedbackNumbered);
      }
      // Answers that carry no feedback buttons, still the answer to their update: with no Labour
      // Office data published (as here), a wage or job question gets that fact, and the same
      // question again right after gets "nothing new since my last message".
      if (text.startsWith(repliesVi.labourNoData) || text.startsWith(repliesVi.nothingNew) || text.startsWith(repliesVi.stillNotKnown)) isAnswer = true;
      if (text === limitsVi.userRateLimited) fakes.limitMessages += 1;
      if (!isAnswer) {
        fakes.other += 1;
        continue;
      }
      const count = (fakes.answers[channel].get(chat) ?? 0) + 1;
      fakes.answers[channel].set(chat, count);
      const key = `${channel}:${chat}`;
      const waiting = fakes.waiters.get(key);
      if (waiting) {
        for (const waiter of waiting.filter((w) => count > w.above)) waiter.resolve();
        const left = waiting.filter((w) => count <= w.above);
        if (left.length > 0) fakes.waiters.set(key, left);
        else fakes.waiters.delete(key);
      }
      const list = fakes.arrivals[channel].get(chat) ?? [];
      list.push(call.at);
      fakes.arrivals[channel].set(chat, list);
    }
  }
}

/** Resolves once the chat has more than `above` answers, or after `ms`. */
function waitForAnswer(fakes: Fakes, channel: "telegram" | "zalo", chat: string, above: number, ms: number): Promise<void> {
  if (answersTo(fakes, channel, chat) > above) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const key = `${channel}:${chat}`;
    const list = fakes.waiters.get(key) ?? [];
    list.push({
      above,
      resolve: () => {
        clearTimeout(timer);
        resolve();
      },
    });
    fakes.waiters.set(key, list);
  });
}

async function user(index: number, replicas: Replica[], fakes: Fakes, tally: Tally, endAt: number): Promise<void> {
  const channel = index % 5 < 2 ? "telegram" : index % 5 < 4 ? "zalo" : "web";
  const telegramChat = 9_000_000_000 + index;
  const chat = channel === "telegram" ? String(telegramChat) : `load-chat-${index.toString(36)}-${crypto.randomBytes(3).toString("hex")}`;
  // Spread the users' first messages over the first seconds.
  await sleep(Math.random() * 4000);
  let turn = index;
  while (performance.now() < endAt) {
    const text = pick(QUESTIONS);
    const entry: Sent = { channel, chat, at: performance.now(), accepted: false };
    tally.sent.push(entry);
    const giveUpAt = endAt + DRAIN_MS / 2;
    if (channel === "web") {
      const result = await deliver(
        replicas,
        turn++,
        (url) => fetch(`${url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, userId: chat, channel: "web" }) }),
        tally,
        giveUpAt,
      );
      if (result.ok) {
        const body = (await result.response!.json()) as { answer?: string };
        entry.accepted = true;
        if (body.answer) entry.answeredAt = performance.now();
      }
    } else {
      const payload = JSON.stringify(channel === "telegram" ? telegramUpdate(telegramChat, text) : zaloEvent(chat, text));
      const route = channel === "telegram" ? "/webhooks/telegram" : "/webhooks/zalo";
      const header: Record<string, string> = channel === "telegram" ? { "x-telegram-bot-api-secret-token": TELEGRAM_SECRET } : { "x-bot-api-secret-token": ZALO_SECRET };
      const post = (url: string) => fetch(`${url}${route}`, { method: "POST", headers: { "content-type": "application/json", ...header }, body: payload });
      const before = answersTo(fakes, channel, chat);
      const result = await deliver(replicas, turn++, post, tally, giveUpAt);
      if (result.ok) {
        await result.response!.arrayBuffer();
        entry.accepted = true;
        entry.ackMs = performance.now() - result.at;
        // Platforms deliver some updates twice (a lost acknowledgement, a retry): must not be answered twice.
        if (Math.random() < DUPLICATE_SHARE) {
          tally.redeliveries += 1;
          await deliver(replicas, turn++, post, tally, giveUpAt).then((r) => r.response?.arrayBuffer());
        }
        await waitForAnswer(fakes, channel, chat, before, ANSWER_WAIT_MS);
      }
    }
    await sleep(3500 + Math.random() * 1500);
  }
}

// === the run

interface Result {
  scenario: string;
  replicas: number;
  accepted: number;
  answered: number;
  recorded: number;
  duplicates: number;
  lost: number;
  refusedAttempts: number;
  redeliveries: number;
  rateLimited: number;
  p50: number;
  p95: number;
  p99: number;
  ackP95: number;
  /** The same, for questions sent outside the kill-and-restart window (steady state). */
  steady: { p50: number; p95: number; p99: number; count: number };
  restartMs: number;
  perSecond: number;
  /** 1-minute load average at the end of the traffic, beside the CPU count: other work on the machine skews latency. */
  loadAverage: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tracu_load_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function runScenario(scenario: string): Promise<Result> {
  const postgres = scenario === "postgres";
  const replicaCount = postgres ? 2 : 1;
  const telegram = await startFakeTelegram();
  const zalo = await startFakeZalo();
  const fakes: Fakes = {
    telegram,
    zalo,
    answers: { telegram: new Map(), zalo: new Map() },
    arrivals: { telegram: new Map(), zalo: new Map() },
    recordIds: [],
    recordArrivals: new Map(),
    waiters: new Map(),
    other: 0,
    limitMessages: 0,
    scanned: { telegram: 0, zalo: 0 },
  };
  const database = postgres ? await createDatabase() : undefined;
  const dirs: string[] = [];
  const replicas: Replica[] = [];
  for (let i = 0; i < replicaCount; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `tracu-load-${scenario}-`));
    dirs.push(dataDir);
    replicas.push(
      new Replica(`${scenario}-${i + 1}`, {
        HOST: "127.0.0.1",
        PORT: String(await freePort()),
        DATA_DIR: dataDir,
        KNOWLEDGE_DIR: path.join(ROOT, "knowledge"),
        KNOWLEDGE_WATCH_SECONDS: "0",
        LOG_LEVEL: "error",
        STATS_SALT: SALT,
        REPLICA_ID: `load-${scenario}-${i + 1}`,
        ...fakePlatformEnv(telegram, zalo, { telegram: TELEGRAM_SECRET, zalo: ZALO_SECRET }),
        BOT_MODE: "webhook",
        // Every simulated user comes from 127.0.0.1: the per-address limit would see one client.
        API_RATE_LIMIT_PER_MINUTE: "0",
        ...(database ? { DATABASE_URL: database.url } : {}),
      }),
    );
  }
  const tally: Tally = { sent: [], attempts: 0, refusedAttempts: 0, redeliveries: 0, rateLimited: 0 };
  let restartMs = 0;
  /** From the kill to 2 s after the replica is back: latencies there measure the outage, not the service. */
  const outage = { from: Infinity, to: -Infinity };
  try {
    // The first start builds each replica's index; started one after the other so they do not
    // compete for the two CPUs while migrating the same database.
    for (const replica of replicas) await replica.start();
    console.log(`[${scenario}] ${replicaCount} replica(s) ready; ${USERS} users for ${SECONDS} s`);
    const scanner = setInterval(() => scan(fakes), 5);
    const began = performance.now();
    const endAt = began + SECONDS * 1000;
    const killer = (async () => {
      await sleep(SECONDS * 400);
      const victim = replicas[0]!;
      console.log(`[${scenario}] t=${Math.round((performance.now() - began) / 1000)} s: SIGKILL ${victim.name}`);
      outage.from = performance.now();
      await victim.kill("SIGKILL");
      restartMs = await victim.start();
      outage.to = performance.now() + 2000;
      console.log(`[${scenario}] ${victim.name} back after ${Math.round(restartMs)} ms`);
    })();
    await Promise.all([...Array.from({ length: USERS }, (_, i) => user(i, replicas, fakes, tally, endAt)), killer]);
    const trafficSeconds = (performance.now() - began) / 1000;
    const loadAverage = os.loadavg()[0]!;

    // Drain: every accepted update should get its answer.
    const expected = expectedPerChat(tally);
    const drainUntil = performance.now() + DRAIN_MS;
    while (performance.now() < drainUntil) {
      scan(fakes);
      if ([...expected.entries()].every(([key, count]) => answered(fakes, key) >= count)) break;
      await sleep(50);
    }
    await sleep(1000);
    clearInterval(scanner);
    scan(fakes);

    // Graceful stop, then count the records in the database.
    for (const replica of replicas) {
      const code = await replica.kill("SIGTERM");
      if (code !== 0) console.log(`[${scenario}] ${replica.name} exited with ${code}`);
    }
    const store = createStore({ dataDir: dirs[0]!, databaseUrl: database?.url });
    let recorded = 0;
    let left = 0;
    try {
      for await (const record of store.exportRecords({ from: "2000-01-01", to: "2100-12-31" })) if (record.channel) recorded += 1;
      left = await createInboxStore({ db: store.db, kind: store.kind }).depth();
    } finally {
      await store.close();
    }

    let duplicates = 0;
    let lost = 0;
    let answeredUpdates = 0;
    for (const [key, count] of expected) {
      const got = answered(fakes, key);
      duplicates += Math.max(0, got - count);
      lost += Math.max(0, count - got);
      answeredUpdates += Math.min(got, count);
    }
    const web = tally.sent.filter((s) => s.channel === "web");
    const webAccepted = web.filter((s) => s.accepted).length;
    const webAnswered = web.filter((s) => s.answeredAt !== undefined).length;
    lost += webAccepted - webAnswered;
    // Telegram answers carry their record id: the same id twice is the same update answered twice.
    duplicates = Math.max(duplicates, fakes.recordIds.length - new Set(fakes.recordIds).size);
    const accepted = tally.sent.filter((s) => s.accepted).length;
    if (left > 0) console.log(`[${scenario}] ${left} update(s) still in the inbox`);
    // A reply the platform took just before the SIGKILL, not yet marked answered, is sent again after
    // the restart: the one gap no bot can close (no idempotency key on sendMessage).
    for (const [id, arrivals] of fakes.recordArrivals) {
      if (arrivals.length < 2) continue;
      console.log(`[${scenario}] Telegram answer ${id.slice(0, 8)} sent ${arrivals.length} times; first copy ${Math.round(outage.from - arrivals[0]!)} ms before the SIGKILL`);
    }
    if (fakes.other > 0) console.log(`[${scenario}] ${fakes.other} other message(s) sent (limit messages: ${fakes.limitMessages})`);

    return {
      scenario,
      replicas: replicaCount,
      accepted,
      answered: answeredUpdates + webAnswered,
      recorded,
      duplicates,
      lost,
      refusedAttempts: tally.refusedAttempts,
      redeliveries: tally.redeliveries,
      rateLimited: tally.rateLimited,
      ...latencies(tally, fakes, outage),
      restartMs,
      perSecond: accepted / trafficSeconds,
      loadAverage,
    };
  } finally {
    for (const replica of replicas) await replica.kill("SIGKILL").catch(() => undefined);
    await telegram.close();
    await zalo.close();
    await database?.drop().catch((error: unknown) => console.error(`could not drop the load database: ${(error as Error).message}`));
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Accepted updates per `<channel>:<chat>`. */
function expectedPerChat(tally: Tally): Map<string, number> {
  const expected = new Map<string, number>();
  for (const sent of tally.sent) {
    if (!sent.accepted || sent.channel === "web") continue;
    const key = `${sent.channel}:${sent.chat}`;
    expected.set(key, (expected.get(key) ?? 0) + 1);
  }
  return expected;
}

function answered(fakes: Fakes, key: string): number {
  const [channel, ...rest] = key.split(":");
  return answersTo(fakes, channel as "telegram" | "zalo", rest.join(":"));
}

/** End-to-end latency: sending (first attempt) to the answer at the platform (or in the response). */
function latencies(tally: Tally, fakes: Fakes, outage: { from: number; to: number }): Pick<Result, "p50" | "p95" | "p99" | "ackP95" | "steady"> {
  const values: number[] = [];
  const steady: number[] = [];
  const add = (sent: Sent, ms: number) => {
    (sent as Sent & { latency?: number }).latency = ms;
    values.push(ms);
    // Sent during the outage, or still waiting for its answer when the replica died.
    if (sent.at + ms < outage.from || sent.at > outage.to) steady.push(ms);
  };
  const byChat = new Map<string, Sent[]>();
  for (const sent of tally.sent) {
    if (!sent.accepted) continue;
    if (sent.channel === "web") {
      if (sent.answeredAt !== undefined) add(sent, sent.answeredAt - sent.at);
      continue;
    }
    const key = `${sent.channel}:${sent.chat}`;
    const list = byChat.get(key) ?? [];
    list.push(sent);
    byChat.set(key, list);
  }
  // One chat's answers arrive in order: the n-th answer belongs to the n-th accepted update.
  for (const [key, list] of byChat) {
    const [channel, ...rest] = key.split(":");
    const arrivals = fakes.arrivals[channel as "telegram" | "zalo"].get(rest.join(":")) ?? [];
    list.forEach((sent, i) => {
      const arrival = arrivals[i];
      if (arrival !== undefined) add(sent, Math.max(0, arrival - sent.at));
    });
  }
  if (process.env.LOAD_DEBUG) {
    // p95 per 5 s of sending time, to see the shape of the run.
    const buckets = new Map<number, number[]>();
    for (const sent of tally.sent) {
      const ms = (sent as Sent & { latency?: number }).latency;
      if (ms === undefined) continue;
      const bucket = Math.floor((sent.at - tally.sent[0]!.at) / 5000);
      buckets.set(bucket, [...(buckets.get(bucket) ?? []), ms]);
    }
    for (const [bucket, list] of [...buckets.entries()].sort((x, y) => x[0] - y[0])) {
      list.sort((x, y) => x - y);
      console.log(`  ${bucket * 5}-${bucket * 5 + 5} s: ${list.length} answers, p50 ${percentile(list, 50).toFixed(0)} ms, p95 ${percentile(list, 95).toFixed(0)} ms`);
    }
  }
  values.sort((a, b) => a - b);
  steady.sort((a, b) => a - b);
  const acks = tally.sent.filter((s) => s.ackMs !== undefined).map((s) => s.ackMs!).sort((a, b) => a - b);
  return {
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    ackP95: percentile(acks, 95),
    steady: { p50: percentile(steady, 50), p95: percentile(steady, 95), p99: percentile(steady, 99), count: steady.length },
  };
}

function print(results: Result[]): void {
  const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : "-");
  const rows: [string, (r: Result) => string][] = [
    ["replicas", (r) => String(r.replicas)],
    ["accepted (2xx)", (r) => String(r.accepted)],
    ["answered", (r) => String(r.answered)],
    ["recorded", (r) => String(r.recorded)],
    ["duplicates", (r) => String(r.duplicates)],
    ["lost", (r) => String(r.lost)],
    ["accepted per second", (r) => r.perSecond.toFixed(1)],
    ["latency p50", (r) => ms(r.p50)],
    ["latency p95", (r) => ms(r.p95)],
    ["latency p99", (r) => ms(r.p99)],
    ["webhook ack p95", (r) => ms(r.ackP95)],
    ["steady state (no outage): answers", (r) => String(r.steady.count)],
    ["  latency p50", (r) => ms(r.steady.p50)],
    ["  latency p95", (r) => ms(r.steady.p95)],
    ["  latency p99", (r) => ms(r.steady.p99)],
    ["re-deliveries sent", (r) => String(r.redeliveries)],
    ["refused attempts (re-sent)", (r) => String(r.refusedAttempts)],
    ["429 (rate limited)", (r) => String(r.rateLimited)],
    ["restart after SIGKILL", (r) => ms(r.restartMs)],
    [`load average (${os.cpus().length} CPUs)`, (r) => r.loadAverage.toFixed(2)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\nLoad and fault test: ${USERS} users, ${SECONDS} s of traffic per scenario, one replica killed (SIGKILL) and restarted at 40 %`);
  console.log(`${"".padEnd(width)}  ${results.map((r) => r.scenario.padStart(12)).join("  ")}`);
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${results.map((r) => value(r).padStart(12)).join("  ")}`);
  for (const r of results) {
    const ok = r.lost === 0 && r.duplicates === 0 && r.recorded === r.accepted;
    console.log(
      `${r.scenario}: lost ${r.lost} (target 0), duplicates ${r.duplicates} (target 0), recorded ${r.recorded}/${r.accepted}, ` +
        `p95 ${ms(r.p95)} overall, ${ms(r.steady.p95)} outside the outage (target < 100 ms) → ` +
        (ok ? (r.steady.p95 < 100 ? "targets met" : "nothing lost or doubled; latency target missed") : "TARGET MISSED"),
    );
  }
}

async function main(): Promise<void> {
  // Bounded: whatever happens, the script ends.
  const limit = setTimeout(() => {
    console.error("load test took too long: stopping");
    process.exit(2);
  }, (SECONDS * 2 + 180) * 1000 * SCENARIOS.length);
  limit.unref();
  const results: Result[] = [];
  for (const scenario of SCENARIOS) {
    if (scenario !== "sqlite" && scenario !== "postgres") throw new Error(`unknown scenario ${scenario} (sqlite, postgres)`);
    results.push(await runScenario(scenario));
  }
  print(results);
  process.exit(results.every((r) => r.lost === 0 && r.duplicates === 0) ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error((error as Error)?.stack ?? error);
  process.exit(2);
});

/**
 * Per-user figures for `npm run bench` (never asserted in tests): every real message comes from a
 * user, so the HTTP ratio is measured with 500 distinct users (8 questions cycling, each user
 * asking them in turn) at 32 connections, side by side with `/healthz` on the same server in one
 * run:
 * - `POST /api/chat` with a `userId` (memory, limits, commands, records: the conversation layer);
 * - the Telegram and Zalo webhooks, with fake platform servers on 127.0.0.1 answering sendMessage:
 *   the rate of updates answered (webhook POST to the fake's sendMessage, until the inbox is empty).
 *
 * Alone: `npx tsx test/bench/per-user-bench.ts` (BENCH_SECONDS, BENCH_DATABASE_URL for PostgreSQL).
 */
import { loadQuestions } from "../eval/run-eval.js";
import { startFakeTelegram } from "../helpers/fake-telegram.js";
import { startFakeZalo } from "../helpers/fake-zalo.js";
import type { FakePlatformServer } from "../helpers/fake-platform.js";
import { tempDir } from "../helpers/test-knowledge.js";
import { load, runAlone, startServer } from "./bench-server.js";
import { fakePlatformEnv } from "../helpers/fake-platform.js";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
/** Seconds of /api/chat before anything is measured: the figures are of a warm server (JIT, caches). */
const WARMUP_S = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const USERS = 500;
const QUESTIONS = 8;
const TELEGRAM_SECRET = "bench_telegram_secret_0123456789";
const ZALO_SECRET = "bench-zalo-secret-0123456789";

/** The i-th request of the cycle: user i mod 500, each user's questions in turn. */
function turn(i: number, questions: string[]): { user: number; text: string } {
  return { user: i % USERS, text: questions[Math.floor(i / USERS) % questions.length]! };
}

/** Load options for DURATION_S of JSON POSTs to `url`, the i-th request's body made by `body(i)`. */
function posting(url: string, headers: Record<string, string>, body: (i: number) => unknown): Parameters<typeof load>[0] {
  let i = 0;
  return {
    url,
    duration: DURATION_S,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, "content-type": "application/json", ...headers }, body: JSON.stringify(body(i++)) }),
      },
    ],
  };
}

/** Counts the fake's sendMessage calls from now on, and tells when they stop growing. */
async function answeredRate(fake: FakePlatformServer, started: number, expected: number): Promise<{ rate: number; answered: number }> {
  const sent = () => fake.calls.filter((c) => c.method === "sendMessage" && c.at >= started);
  const deadline = Date.now() + 120_000;
  while (sent().length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const calls = sent();
  const last = Math.max(...calls.map((c) => c.at));
  return { rate: calls.length / ((last - started) / 1000), answered: calls.length };
}

export async function runPerUserBench(): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  const questions = loadQuestions()
    .filter((q) => !q.after)
    .slice(0, QUESTIONS)
    .map((q) => q.text);
  const telegram = await startFakeTelegram();
  const zalo = await startFakeZalo();
  const dataDir = tempDir("tracu-bench-users-");
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const store = databaseUrl ? "PostgreSQL" : "SQLite";
  const server = await startServer(dataDir, {
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...fakePlatformEnv(telegram, zalo, { telegram: TELEGRAM_SECRET, zalo: ZALO_SECRET }),
    BOT_MODE: "webhook",
    PUBLIC_URL: "https://bench.example.test",
  });
  try {
    // Server CPU per request beside the rates: steadier when other work shares the machine.
    const measured = async (options: Parameters<typeof load>[0]) => {
      const before = server.cpuMs();
      const result = await load(options);
      return { ...result, cpuMs: (server.cpuMs() - before) / Math.max(1, result.total) };
    };
    const chatLoad = (body: (i: number) => Record<string, string>) => measured(posting(`${server.url}/api/chat`, {}, body));
    // A server in production has long been warm; without this, the first phase measured (here
    // /healthz, then /api/chat) would also carry the compilation of the answer path.
    if (WARMUP_S > 0) await load({ ...posting(`${server.url}/api/chat`, {}, (i) => ({ text: turn(i, questions).text, userId: `bench-warmup-${i % USERS}` })), duration: WARMUP_S });
    const health = await measured({ url: `${server.url}/healthz`, duration: DURATION_S });
    const chat = await chatLoad((i) => {
      const { user, text } = turn(i, questions);
      return { text, userId: `bench-user-${user}` };
    });
    // The same questions without userId (no memory, no user key): what per-user state costs.
    const anonymous = await chatLoad((i) => ({ text: turn(i, questions).text }));
    figures[`/healthz requests/s (per-user run, ${store})`] = Math.round(health.rate);
    figures[`/api/chat ${USERS} users requests/s (${store})`] = Math.round(chat.rate);
    figures[`/api/chat ${USERS} users ÷ /healthz (${store})`] = +(chat.rate / health.rate).toFixed(3);
    figures[`/api/chat ${USERS} users p50 / p95 (ms, ${store})`] = `${chat.p50} / ${chat.p95}`;
    figures[`/api/chat without userId ÷ /healthz, p95 ms (${store})`] = `${(anonymous.rate / health.rate).toFixed(3)}, ${anonymous.p95}`;
    figures[`server CPU ms per request: /healthz, /api/chat ${USERS} users, without userId (${store})`] = [health, chat, anonymous].map((r) => r.cpuMs.toFixed(2)).join(", ");

    // BENCH_PER_USER_PARTS=chat: /api/chat alone (for profiling it).
    if (process.env.BENCH_PER_USER_PARTS === "chat") return figures;
    // Webhooks: acknowledged once stored in the inbox, answered right after; the figure is the
    // rate of answers the fake received, from the first POST to the last sendMessage.
    const webhook = async (channel: string, fake: FakePlatformServer, path: string, headers: Record<string, string>, body: (i: number) => unknown) => {
      const started = performance.now();
      const acknowledged = await load(posting(`${server.url}${path}`, headers, body));
      const answered = await answeredRate(fake, started, acknowledged.total);
      figures[`${channel} webhook acknowledged requests/s, p95 (ms) (${store})`] = `${Math.round(acknowledged.rate)}, ${acknowledged.p95}`;
      figures[`${channel} updates answered/s ÷ /healthz (${store})`] = +(answered.rate / health.rate).toFixed(3);
    };
    await webhook("telegram", telegram, "/webhooks/telegram", { "x-telegram-bot-api-secret-token": TELEGRAM_SECRET }, (i) => {
      const id = 1_000_000 + i;
      const { user, text } = turn(id, questions);
      const from = 8_000_000_000 + user;
      return { update_id: id, message: { message_id: id, from: { id: from, is_bot: false, first_name: "Bench" }, chat: { id: from, type: "private" }, date: 1764390000, text } };
    });
    await webhook("zalo", zalo, "/webhooks/zalo", { "x-bot-api-secret-token": ZALO_SECRET }, (i) => {
      const { user, text } = turn(i, questions);
      const chatId = `bench${user.toString(16).padStart(15, "0")}`;
      return {
        ok: true,
        result: {
          event_name: "message.text.received",
          message: { message_id: `m${i.toString(16).padStart(19, "0")}`, date: 1764390000123, chat: { id: chatId, chat_type: "PRIVATE" }, from: { id: chatId, display_name: "Bench", is_bot: false }, text },
        },
      };
    });
    figures[`server resident memory after per-user load (MB, ${store})`] = server.rssMb();
  } finally {
    await server.stop();
    await telegram.close();
    await zalo.close();
  }
  return figures;
}

runAlone(import.meta.url, runPerUserBench);

/**
 * Channel figures for `npm run bench` (never asserted in tests): webhook-to-sendMessage latency,
 * p50/p95, through the fake Telegram and Zalo servers. Each of 200 sequential updates comes from its
 * own user with a question of the evaluation set (so answers are a mix of cached and fresh); the
 * time runs from the POST to our webhook to the moment the fake receives the sendMessage call.
 * Everything runs on 127.0.0.1: real HTTP, real store (SQLite), real knowledge.
 *
 * Alone: `npx tsx test/bench/channel-bench.ts`.
 */
import { loadQuestions } from "../eval/run-eval.js";
import { startChannelHarness, telegramText, zaloText, type ChannelHarness } from "../helpers/channel-harness.js";
import type { FakeCall } from "../helpers/fake-platform.js";
import { buildTestKnowledge } from "../helpers/test-knowledge.js";
import { runAlone } from "./bench-server.js";

const UPDATES = Number(process.env.BENCH_CHANNEL_UPDATES ?? 200);

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Posts one update after another and measures until the fake saw the reply. */
async function measure(
  h: ChannelHarness,
  count: number,
  send: (i: number, question: string) => Promise<{ status: number; chat: string | number }>,
  replies: () => FakeCall[],
): Promise<number[]> {
  const questions = loadQuestions().filter((q) => !q.after).map((q) => q.text);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const before = replies().length;
    const started = performance.now();
    const { status, chat } = await send(i, questions[i % questions.length]!);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    await waitUntil(() => replies().length > before);
    const reply = replies().slice(before).find((c) => c.body.chat_id === chat);
    if (!reply) throw new Error("reply went to another chat");
    times.push(reply.at - started);
  }
  return times.sort((a, b) => a - b);
}

async function waitUntil(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("no reply within 30 s");
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function runChannelBench(): Promise<Record<string, number | string>> {
  const knowledge = await buildTestKnowledge();
  const h = await startChannelHarness({ mode: "webhook", knowledge });
  try {
    const telegramSent = () => h.telegram.calls.filter((c) => c.method === "sendMessage");
    const zaloSent = () => h.zalo.calls.filter((c) => c.method === "sendMessage");
    const telegram = (offset: number) => async (i: number, question: string) => {
      const user = 8_000_000_000 + offset + i;
      const res = await h.postTelegram(telegramText(question, user));
      await res.arrayBuffer();
      return { status: res.status, chat: user };
    };
    const zalo = (offset: number) => async (i: number, question: string) => {
      const chat = `bench${(offset + i).toString(16).padStart(15, "0")}`;
      const res = await h.postZalo(zaloText(question, chat));
      await res.arrayBuffer();
      return { status: res.status, chat };
    };
    // Warm-up: JIT, SQLite pages, connection pools.
    await measure(h, 20, telegram(900_000), telegramSent);
    await measure(h, 20, zalo(900_000), zaloSent);

    const t = await measure(h, UPDATES, telegram(0), telegramSent);
    const z = await measure(h, UPDATES, zalo(0), zaloSent);
    return {
      "channel updates measured (each platform, sequential)": UPDATES,
      "telegram webhook→sendMessage p50 (ms)": +percentile(t, 50).toFixed(2),
      "telegram webhook→sendMessage p95 (ms)": +percentile(t, 95).toFixed(2),
      "zalo webhook→sendMessage p50 (ms)": +percentile(z, 50).toFixed(2),
      "zalo webhook→sendMessage p95 (ms)": +percentile(z, 95).toFixed(2),
    };
  } finally {
    await h.close();
    knowledge.cleanup();
  }
}

runAlone(import.meta.url, runChannelBench);

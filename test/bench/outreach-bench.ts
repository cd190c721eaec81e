/**
 * Outreach figures for `npm run bench` (never asserted in tests): time to send one announcement to
 * 10,000 subscribers through the fake Telegram API, and the achieved rate against the allowed one.
 *
 * Sending is bounded by the rate limit by design (10,000 at Telegram's 25/s is 400 s), so the
 * bench raises the allowed rate on the fake's side (BENCH_OUTREACH_PER_SECOND, default 1000, the
 * TELEGRAM_SEND_PER_SECOND the job is given) and reports how close the job gets to it, and the
 * most messages the fake saw in any one second (which must not exceed the allowed rate). Real
 * store (SQLite in a temp folder, or BENCH_DATABASE_URL), real HTTP on 127.0.0.1; the fake runs
 * in the same process. Bounded: stops after BENCH_OUTREACH_TIMEOUT_S (default 120 s) and reports
 * what was sent by then. A second, short run sends to BENCH_OUTREACH_REAL_RATE_SUBSCRIBERS (250) at
 * the real default of 25/s, to show the achieved rate against that limit.
 *
 * Alone: `npx tsx test/bench/outreach-bench.ts`.
 */
import fs from "node:fs";
import { createOutboundSenders } from "../../src/channels/outbound.js";
import { createLogger } from "../../src/logger.js";
import { createChatIdCipher } from "../../src/privacy/chat-id-cipher.js";
import { SendWorker } from "../../src/outreach/send-worker.js";
import { CONSENT_VERSION } from "../../src/outreach/subscription-commands.js";
import { createUserKey } from "../../src/stats/user-key.js";
import { createStore } from "../../src/store/create-store.js";
import { createOutreachStore, type OutreachTables } from "../../src/store/kysely-outreach-store.js";
import type { FakeCall } from "../helpers/fake-platform.js";
import { tempDir } from "../helpers/test-knowledge.js";
import { startBroadcastTelegram } from "../outreach/helpers/fake-broadcast-platforms.js";
import { seedAnnouncement } from "../outreach/helpers/seed.js";
import { runAlone } from "./bench-server.js";

const SUBSCRIBERS = Number(process.env.BENCH_OUTREACH_SUBSCRIBERS ?? 10_000);
const PER_SECOND = Number(process.env.BENCH_OUTREACH_PER_SECOND ?? 1000);
const TIMEOUT_S = Number(process.env.BENCH_OUTREACH_TIMEOUT_S ?? 120);
/** Subscribers of the second, short run at Telegram's real default of 25/s (about 11 s for 250). */
const REAL_RATE_SUBSCRIBERS = Number(process.env.BENCH_OUTREACH_REAL_RATE_SUBSCRIBERS ?? 250);
const SALT = "outreach-bench-salt-0123456789abcdef";

/** The most calls that arrived within any one second. */
function maxPerSecond(calls: FakeCall[]): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

export async function runOutreachBench(): Promise<Record<string, number | string>> {
  const dataDir = tempDir("tracu-outreach-bench-");
  const logger = createLogger("silent");
  const store = createStore({ dataDir, databaseUrl: process.env.BENCH_DATABASE_URL, logger });
  const telegram = await startBroadcastTelegram();
  let worker: SendWorker | undefined;
  try {
    await store.migrate();
    const outreach = createOutreachStore(store);
    const cipher = createChatIdCipher(SALT);
    const userKey = createUserKey(SALT);
    // Subscribers written in bulk (the opt-in writes them one by one, with their consent line).
    const now = Date.now();
    const db = store.db.withTables<OutreachTables>();
    for (let i = 0; i < SUBSCRIBERS; i += 500) {
      const rows = Array.from({ length: Math.min(500, SUBSCRIBERS - i) }, (_, j) => {
        const chat = String(6_900_000_000 + i + j);
        const topics = i + j < REAL_RATE_SUBSCRIBERS ? ",su_kien,viec_lam," : ",viec_lam,";
        return { user_key: userKey("telegram", chat), channel: "telegram", chat_ref: cipher.encrypt(chat), topics, commune: null, consent_version: CONSENT_VERSION, consented_ms: now, updated_ms: now };
      });
      await db.insertInto("subscriptions").values(rows).execute();
    }

    const queued = performance.now();
    const { id, recipients } = await seedAnnouncement(outreach, { topic: "viec_lam", text: "Ngày hội việc làm (bench)" });
    const queueMs = performance.now() - queued;

    worker = new SendWorker({
      store: outreach,
      senders: createOutboundSenders({ telegram: { token: telegram.token, apiRoot: telegram.apiRoot } }),
      perSecond: { telegram: PER_SECOND },
      cipher,
      logger,
      pollMs: 20,
      batchSize: 500,
      concurrency: 16,
    });
    const started = performance.now();
    worker.start();
    const deadline = Date.now() + TIMEOUT_S * 1000;
    let finished = false;
    while (Date.now() < deadline) {
      if ((await outreach.getAnnouncement(id))?.status === "done") {
        finished = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    const sent = telegram.succeeded("sendMessage");
    const delivered = (await outreach.getAnnouncement(id))!.counts.delivered;
    const achieved = delivered / seconds;
    await worker.stop();

    // The same job at the real default pace, for a few hundred subscribers.
    const realFrom = telegram.calls.length;
    const real = await seedAnnouncement(outreach, { topic: "su_kien", text: "Hội thảo (bench)" });
    worker = new SendWorker({ store: outreach, senders: createOutboundSenders({ telegram: { token: telegram.token, apiRoot: telegram.apiRoot } }), perSecond: { telegram: 25 }, cipher, logger, pollMs: 20 });
    const realStarted = performance.now();
    worker.start();
    while ((await outreach.getAnnouncement(real.id))?.status !== "done" && performance.now() - realStarted < TIMEOUT_S * 1000) await new Promise((resolve) => setTimeout(resolve, 100));
    const realSeconds = (performance.now() - realStarted) / 1000;
    const realSent = telegram.calls.slice(realFrom).filter((c) => c.method === "sendMessage" && c.status === 200);
    // The window the throttle keeps is 1.1 s (a 10 % margin), so 1/1.1 of the allowed rate is the ceiling.
    return {
      "outreach subscribers": recipients,
      "outreach allowed rate (messages/s, TELEGRAM_SEND_PER_SECOND given to the job)": PER_SECOND,
      "outreach queueing the announcement (ms, delivery rows written)": Math.round(queueMs),
      [`outreach time to send to all (s)${finished ? "" : ` — stopped after ${TIMEOUT_S} s`}`]: +seconds.toFixed(2),
      "outreach delivered": delivered,
      "outreach achieved rate (messages/s)": Math.round(achieved),
      "outreach achieved ÷ allowed": +(achieved / PER_SECOND).toFixed(3),
      "outreach most messages in any 1 s at the fake": maxPerSecond(sent),
      "outreach duplicates at the fake": sent.length - new Set(sent.map((c) => String(c.body.chat_id))).size,
      [`outreach at the real default 25/s: ${real.recipients} subscribers (s)`]: +realSeconds.toFixed(2),
      "outreach at 25/s: achieved rate (messages/s)": +(realSent.length / realSeconds).toFixed(1),
      "outreach at 25/s: most messages in any 1 s at the fake": maxPerSecond(realSent),
      "outreach 10,000 subscribers at 25/s (s, computed from the pace)": Math.ceil((recipients * 1.1) / 25),
    };
  } finally {
    await worker?.stop();
    await telegram.close();
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runAlone(import.meta.url, runOutreachBench);

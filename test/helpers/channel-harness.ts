/**
 * The whole chat stack over real HTTP, as `main.ts` wires it: config from environment variables →
 * a real SQLite store in a temp folder → stats recorder → engine with store-backed memory →
 * conversation → Telegram and Zalo channels pointed at the fake platform servers
 * (`TELEGRAM_API_ROOT`, `ZALO_API_ROOT`) → express app listening on 127.0.0.1.
 */
import fs from "node:fs";
import path from "node:path";
import { createChannels, startChannels, stopChannels, channelWebhooks } from "../../src/channels/create-channels.js";
import type { Channel } from "../../src/channels/channel.js";
import { createEngine } from "../../src/compose.js";
import { loadConfig, type Config } from "../../src/config.js";
import { Conversation, type QueryRecorder } from "../../src/conversation/conversation.js";
import { StoreConversationMemory } from "../../src/conversation/store-conversation-memory.js";
import { createDelivery, type Delivery } from "../../src/compose-delivery.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { createMetrics, observeRecords, type Metrics } from "../../src/observability/metrics.js";
import { createApp } from "../../src/server/app.js";
import { createDashboardAuth } from "../../src/server/dashboard-auth.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import type { QueryRecord } from "../../src/store/store.js";
import { startFakeTelegram, type FakeTelegram } from "./fake-telegram.js";
import { startFakeZalo, type FakeZalo } from "./fake-zalo.js";
import { listen } from "./http.js";
import { openTestStats } from "./test-store.js";
import { ROOT, TEST_NOW, tempDir, type TestKnowledge } from "./test-knowledge.js";
import { fakePlatformEnv } from "./fake-platform.js";

export const FIXTURES = path.resolve(ROOT, "test/fixtures/platform");
export const TELEGRAM_SECRET = "tg_secret_for_tests_0123456789";
export const ZALO_SECRET = "zalo-secret-for-tests-0123";
export const PUBLIC_URL = "https://huongnghiep.example.test";
/** The limits' clock in tests: the start of a minute, fixed. */
export const LIMITER_NOW = Date.UTC(2026, 10, 20, 9, 0, 0);

/** A platform payload fixture from `test/fixtures/platform` (copied from shared/fixtures), parsed. */
export function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8")) as T;
}

export interface HarnessOptions {
  mode: "webhook" | "polling";
  /** The knowledge built once per test file (`buildTestKnowledge()`). */
  knowledge: TestKnowledge;
  /** Extra environment (LLM_BASE_URL…). */
  env?: Record<string, string>;
  /** Default true in webhook mode: register the webhooks at PUBLIC_URL on start. */
  publicUrl?: boolean;
  /** Where logs go; default silent. */
  logger?: Logger;
  /** Fake platforms shared with another harness (replicas); not closed by `close()`. Default: new ones. */
  fakes?: { telegram: FakeTelegram; zalo: FakeZalo };
  /** PostgreSQL URL (replicas share it); default SQLite in the harness's own folder. */
  databaseUrl?: string;
  /** REPLICA_ID of this stack; default `test-replica`. */
  replicaId?: string;
  /** Turns on the dashboard, the stats API and the admin routes with this login. */
  dashboard?: { user: string; password: string };
  /** Dispatcher lease, ms; default the config's (60 s). */
  leaseMs?: number;
  /** Clock of the rate limits' one-minute windows; default a fixed instant, so no test crosses a window by chance. */
  limiterClock?: () => number;
}

export interface ChannelHarness {
  /** Our server. */
  url: string;
  config: Config;
  telegram: FakeTelegram;
  zalo: FakeZalo;
  store: KyselyStore;
  /** The durable inbox, its dispatcher and the limits, as main.ts builds them. */
  delivery: Delivery;
  metrics: Metrics;
  recorder: QueryRecorder & { flush(): Promise<void> };
  conversation: Conversation;
  channels: Channel[];
  /** The anonymous key the stack uses for a platform user. */
  userKey(channel: string, platformUserId: string): string;
  /** POSTs a JSON body (or a raw string) to /webhooks/telegram; `secret: null` sends no header. */
  postTelegram(body: unknown, options?: { secret?: string | null; raw?: boolean }): Promise<Response>;
  postZalo(body: unknown, options?: { secret?: string | null; raw?: boolean }): Promise<Response>;
  /** Every stored query record, after flushing the recorder. */
  records(): Promise<QueryRecord[]>;
  close(): Promise<void>;
}

export async function startChannelHarness(options: HarnessOptions): Promise<ChannelHarness> {
  const telegram = options.fakes?.telegram ?? (await startFakeTelegram());
  // Short empty polls, so that a test's queued failures meet the next getUpdates soon.
  const zalo = options.fakes?.zalo ?? (await startFakeZalo(undefined, { maxPollMs: 300 }));
  const dataDir = tempDir("tracu-channels-");
  const config = loadConfig(
    {
      DATA_DIR: dataDir,
      KNOWLEDGE_DIR: options.knowledge.config.knowledgeDir,
      LOG_LEVEL: "silent",
      ...fakePlatformEnv(telegram, zalo, { telegram: TELEGRAM_SECRET, zalo: ZALO_SECRET }),
      BOT_MODE: options.mode,
      ...(options.mode === "webhook" && options.publicUrl !== false ? { PUBLIC_URL: PUBLIC_URL } : {}),
      ...options.env,
    },
    ROOT,
  );
  const logger = options.logger ?? createLogger("silent");
  const stats = await openTestStats(dataDir, options.databaseUrl, config.stats.salt);
  const metrics = createMetrics({ processMetrics: false });
  // As main.ts: the memory's group commit writes each question's record with the turns.
  const memory = new StoreConversationMemory(stats.store, { logger, fallback: stats.recorder });
  const recorder = observeRecords(memory, metrics);
  const engine = createEngine(config, options.knowledge.knowledge, { memory, now: () => TEST_NOW });
  const conversation = new Conversation({
    engine,
    store: stats.store,
    memory,
    recorder,
    userKey: stats.userKey,
    knowledge: options.knowledge.knowledge,
    logger,
    answerDeadlineMs: (config.llm?.timeoutMs ?? 15_000) + 500,
  });
  const delivery = createDelivery({
    config,
    store: stats.store,
    handler: (message, context) => conversation.handleMessage(message, context),
    recorder: memory,
    userKey: stats.userKey,
    salt: stats.salt,
    logger,
    metrics,
    limiterClock: options.limiterClock ?? (() => LIMITER_NOW),
    // Quick sweeps and retries, so that tests of recovery and retries do not wait long.
    dispatcher: { sweepMs: 200, retryDelayMs: 300, replicaId: options.replicaId ?? "test-replica", ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}) },
  });
  const channels = createChannels(config.channels, { logger, inbound: delivery.dispatcher });
  delivery.dispatcher.attach(channels);
  await delivery.dispatcher.start();
  const app = createApp({
    engine,
    knowledge: options.knowledge.knowledge,
    logger,
    webhooks: channelWebhooks(channels),
    publicDir: path.join(ROOT, "public"),
    recorder: stats.recorder,
    userKey: stats.userKey,
    store: stats.store,
    metrics,
    metricsToken: config.metricsToken,
    dashboardAuth: options.dashboard ? createDashboardAuth(options.dashboard) : undefined,
    addressLimiter: delivery.addressLimiter,
    userLimiter: delivery.userLimiter,
  });
  const server = await listen(app);
  await startChannels(channels, logger);

  const post = (route: string, header: string, secret: string) => async (body: unknown, opts: { secret?: string | null; raw?: boolean } = {}) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    const given = opts.secret === undefined ? secret : opts.secret;
    if (given !== null) headers[header] = given;
    return fetch(`${server.url}${route}`, { method: "POST", headers, body: opts.raw ? String(body) : JSON.stringify(body) });
  };

  return {
    url: server.url,
    config,
    telegram,
    zalo,
    store: stats.store,
    delivery,
    metrics,
    recorder: stats.recorder,
    conversation,
    channels,
    userKey: stats.userKey,
    postTelegram: post("/webhooks/telegram", "X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET),
    postZalo: post("/webhooks/zalo", "X-Bot-Api-Secret-Token", ZALO_SECRET),
    async records() {
      await memory.flush();
      await stats.recorder.flush();
      const out: QueryRecord[] = [];
      for await (const record of stats.store.exportRecords({ from: "2000-01-01", to: "2100-12-31" })) out.push(record);
      return out;
    },
    async close() {
      await stopChannels(channels, logger);
      await delivery.dispatcher.stop(2000);
      await server.close();
      await stats.close();
      if (!options.fakes) {
        await telegram.close();
        await zalo.close();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// === building updates: fresh ids for every call, so deliveries never collide by accident

let nextUpdateId = 900_000_000;
let nextZaloMessage = 1;

/** A fresh Telegram update id (also used as the message id), for updates built elsewhere. */
export function freshUpdateId(): number {
  return ++nextUpdateId;
}

/** A Telegram text update from the text fixture, for `user` (chat id = user id). */
export function telegramText(text: string, user = 6123456789): Record<string, any> {
  const update = fixture("telegram-update-text.json");
  update.update_id = freshUpdateId();
  update.message.text = text;
  update.message.message_id = update.update_id;
  update.message.from.id = user;
  update.message.chat.id = user;
  return update;
}

/** A Telegram button press (callback query) carrying `data`, from the callback fixture. */
export function telegramCallback(data: string, user = 6123456789): Record<string, any> {
  const update = fixture("telegram-update-callback.json");
  update.update_id = freshUpdateId();
  update.callback_query.data = data;
  update.callback_query.from.id = user;
  update.callback_query.message.chat.id = user;
  return update;
}

/** A Zalo text event from the fixtures, wrapped `{ ok, result }` or bare. */
export function zaloText(text: string, chatId = "7a1c55e0b2d94f61a0c3", shape: "wrapped" | "bare" = "wrapped"): Record<string, any> {
  const event = fixture(shape === "wrapped" ? "zalo-webhook-text-wrapped.json" : "zalo-webhook-text-bare.json");
  const message = shape === "wrapped" ? event.result.message : event.message;
  message.message_id = `m${(nextZaloMessage++).toString(16).padStart(19, "0")}`;
  message.text = text;
  message.chat.id = chatId;
  message.from.id = chatId;
  return event;
}

/** The inline buttons of a recorded Telegram sendMessage call. */
export function inlineButtons(call: { body: Record<string, any> }): { text: string; callback_data: string }[] {
  return (call.body.reply_markup?.inline_keyboard ?? []).flat();
}

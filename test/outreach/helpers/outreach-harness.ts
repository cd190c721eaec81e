/**
 * The whole bot with outreach over real HTTP, wired as `main.ts` wires it: config from environment
 * variables → a real store (SQLite in a temp folder, or PostgreSQL) → outreach (store, cipher,
 * events, subscriptions, staff follow-up, send job) → engine reading the events → conversation
 * with the outreach extensions → the durable inbox and its dispatcher → Telegram and Zalo channels
 * (webhook mode) pointed at the fake platforms → express app with the dashboard and the outreach routes on 127.0.0.1.
 * Logs are silent; OUTREACH_TEST_LOG=error (or another level) shows them when a test fails oddly.
 */
import fs from "node:fs";
import path from "node:path";
import { createChannels, startChannels, stopChannels, channelWebhooks } from "../../../src/channels/create-channels.js";
import type { Channel } from "../../../src/channels/channel.js";
import { createOutboundSenders } from "../../../src/channels/outbound.js";
import { createDelivery } from "../../../src/compose-delivery.js";
import { createEngine, createKnowledgeBase } from "../../../src/compose.js";
import { loadConfig, type Config } from "../../../src/config.js";
import { Conversation } from "../../../src/conversation/conversation.js";
import { StoreConversationMemory } from "../../../src/conversation/store-conversation-memory.js";
import type { KnowledgeBase } from "../../../src/knowledge/knowledge-base.js";
import { createLogger } from "../../../src/logger.js";
import { createOutreach, type Outreach } from "../../../src/outreach/create-outreach.js";
import type { SendWorkerSettings } from "../../../src/outreach/send-worker.js";
import { createApp } from "../../../src/server/app.js";
import { createDashboardAuth } from "../../../src/server/dashboard-auth.js";
import { createStaffStore } from "../../../src/store/staff-store.js";
import { createOutreachApiRouter } from "../../../src/server/outreach-api.js";
import { createOutreachDashboardRouter } from "../../../src/server/outreach-dashboard.js";
import { createStatsRecorder, type StatsRecorder } from "../../../src/stats/stats-recorder.js";
import { createUserKey, type UserKeyFunction } from "../../../src/stats/user-key.js";
import { createStore } from "../../../src/store/create-store.js";
import type { KyselyStore } from "../../../src/store/kysely-store.js";
import { localIsoDate } from "../../../src/store/local-date.js";
import type { QueryRecord } from "../../../src/store/store.js";
import { fixture, freshUpdateId, TELEGRAM_SECRET, zaloText as channelZaloText, ZALO_SECRET } from "../../helpers/channel-harness.js";
import { listen } from "../../helpers/http.js";
import { KNOWLEDGE_DIR, ROOT, tempDir } from "../../helpers/test-knowledge.js";
import { createPostgresDatabase, type TestDatabase } from "../../helpers/test-stores.js";
import { startBroadcastTelegram, startBroadcastZalo, type BroadcastFake } from "./fake-broadcast-platforms.js";
import { fakePlatformEnv } from "../../helpers/fake-platform.js";

export const STAFF_CHAT = "-1009876543210";
export const STAFF_USER = 5550001;
export const DASHBOARD_USER = "canbo";
export const DASHBOARD_PASSWORD = "mat-khau-trung-tam-2026";
export const TEST_SALT = "outreach-test-salt-0123456789abcdef";

export interface OutreachHarnessOptions {
  /** Extra environment (TELEGRAM_SEND_PER_SECOND…). */
  env?: Record<string, string>;
  /** A writable copy of the knowledge folder (FAQ approval, event files); default the shipped one, read-only. */
  copyKnowledge?: boolean;
  /** PostgreSQL instead of SQLite. */
  postgres?: boolean;
  /** Send-job overrides; default short polls. */
  worker?: Partial<Omit<SendWorkerSettings, "store" | "senders" | "cipher" | "logger">>;
  /** Start the send job; default true. */
  startWorker?: boolean;
}

export interface OutreachHarness {
  url: string;
  config: Config;
  telegram: BroadcastFake;
  zalo: BroadcastFake;
  store: KyselyStore;
  outreach: Outreach;
  knowledge: KnowledgeBase;
  knowledgeDir: string;
  recorder: StatsRecorder;
  conversation: Conversation;
  channels: Channel[];
  userKey: UserKeyFunction;
  /** HTTP Basic header of the dashboard login. */
  basic: string;
  postTelegram(body: unknown): Promise<Response>;
  postZalo(body: unknown): Promise<Response>;
  /** A staff API call with HTTP Basic. */
  api(method: string, route: string, body?: unknown): Promise<Response>;
  records(): Promise<QueryRecord[]>;
  close(): Promise<void>;
}

export async function startOutreachHarness(options: OutreachHarnessOptions = {}): Promise<OutreachHarness> {
  const telegram = await startBroadcastTelegram();
  const zalo = await startBroadcastZalo();
  const dataDir = tempDir("tracu-outreach-");
  let knowledgeDir = KNOWLEDGE_DIR;
  if (options.copyKnowledge) {
    knowledgeDir = path.join(dataDir, "knowledge");
    fs.cpSync(KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
  }
  const database: TestDatabase | undefined = options.postgres ? await createPostgresDatabase("tracu_outreach") : undefined;
  const config = loadConfig(
    {
      DATA_DIR: dataDir,
      KNOWLEDGE_DIR: knowledgeDir,
      LOG_LEVEL: "silent",
      STATS_SALT: TEST_SALT,
      ...fakePlatformEnv(telegram, zalo, { telegram: TELEGRAM_SECRET, zalo: ZALO_SECRET }),
      BOT_MODE: "webhook",
      STAFF_TELEGRAM_CHAT_ID: STAFF_CHAT,
      DASHBOARD_USER,
      DASHBOARD_PASSWORD,
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...options.env,
    },
    ROOT,
  );
  const logger = createLogger(process.env.OUTREACH_TEST_LOG ?? "silent");
  const knowledge = createKnowledgeBase(config);
  await knowledge.load();
  const store = createStore({ dataDir, databaseUrl: config.databaseUrl, logger });
  await store.migrate();
  const recorder = createStatsRecorder({ store, logger });
  const userKey = createUserKey(config.stats.salt!);
  // As main.ts: the web chat names the platforms that are on, with their links.
  const webLinks = {
    telegram: config.channels.telegram ? (config.web.telegramLink ?? "") : undefined,
    zalo: config.channels.zalo ? (config.web.zaloLink ?? "") : undefined,
  };
  const outreach = createOutreach({
    settings: { ...config.outreach, webLinks },
    store,
    knowledge,
    knowledgeDir: config.knowledgeDir,
    loadExamples: config.loadExamples,
    senders: createOutboundSenders(config.channels),
    salt: config.stats.salt!,
    logger,
    worker: { pollMs: 50, ...options.worker },
  });
  const memory = new StoreConversationMemory(store);
  const engine = createEngine(config, knowledge, { memory, events: outreach.events });
  const conversation = new Conversation({ engine, store, memory, recorder, userKey, knowledge, logger, extensions: outreach.extensions });
  // As main.ts: updates are stored in the inbox before they are acknowledged, and answered from it.
  const delivery = createDelivery({
    config,
    store,
    handler: (message, context) => conversation.handleMessage(message, context),
    recorder,
    userKey,
    salt: config.stats.salt!,
    logger,
    dispatcher: { sweepMs: 200, retryDelayMs: 300, replicaId: "outreach-test" },
  });
  const channels = createChannels(config.channels, { logger, inbound: delivery.dispatcher });
  delivery.dispatcher.attach(channels);
  await delivery.dispatcher.start();
  // Staff accounts beside the first admin; announcements sent and FAQ entries approved are audited.
  const staff = createStaffStore({ db: store.db });
  const auth = createDashboardAuth({ ...config.dashboard!, accounts: staff });
  const http = { outreach, stats: store, auth, logger, staffName: config.dashboard!.user, staff };
  const app = createApp({
    engine,
    knowledge,
    logger,
    webhooks: channelWebhooks(channels),
    recorder,
    userKey,
    store,
    dashboardAuth: auth,
    today: () => localIsoDate(new Date()),
    staffRouters: [createOutreachApiRouter(http), createOutreachDashboardRouter(http)],
    // The web chat page and its conversation API, as in main.ts.
    publicDir: path.join(ROOT, "public"),
    webChat: { handler: (message, context) => conversation.handleMessage(message, context), links: webLinks },
  });
  const server = await listen(app);
  await startChannels(channels, logger);
  if (options.startWorker !== false) outreach.start();
  const basic = `Basic ${Buffer.from(`${DASHBOARD_USER}:${DASHBOARD_PASSWORD}`).toString("base64")}`;
  const post = (route: string, header: string, secret: string) => (body: unknown) =>
    fetch(`${server.url}${route}`, { method: "POST", headers: { "content-type": "application/json", [header]: secret }, body: JSON.stringify(body) });

  return {
    url: server.url,
    config,
    telegram,
    zalo,
    store,
    outreach,
    knowledge,
    knowledgeDir,
    recorder,
    conversation,
    channels,
    userKey,
    basic,
    postTelegram: post("/webhooks/telegram", "X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET),
    postZalo: post("/webhooks/zalo", "X-Bot-Api-Secret-Token", ZALO_SECRET),
    api: (method, route, body) =>
      fetch(`${server.url}${route}`, {
        method,
        headers: { authorization: basic, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    async records() {
      await recorder.flush();
      const out: QueryRecord[] = [];
      for await (const record of store.exportRecords({ from: "2000-01-01", to: "2100-12-31" })) out.push(record);
      return out;
    },
    async close() {
      await outreach.stop();
      await stopChannels(channels, logger);
      await delivery.dispatcher.stop();
      await server.close();
      await recorder.close();
      await store.close();
      await telegram.close();
      await zalo.close();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// === updates: the channel harness's builders (one id counter), plus the staff reply

export { telegramCallback, telegramText, inlineButtons as buttons } from "../../helpers/channel-harness.js";

/** A staff member's reply, in the staff group, to the bot's message `replyTo`. */
export function staffReply(text: string, replyTo: number | string, from = STAFF_USER, chat = STAFF_CHAT): Record<string, any> {
  const update = fixture("telegram-update-text.json");
  update.update_id = freshUpdateId();
  update.message.message_id = update.update_id;
  update.message.text = text;
  update.message.from = { id: from, is_bot: false, first_name: "Cán bộ" };
  update.message.chat = { id: Number(chat), title: "Cán bộ Trung tâm", type: "supergroup" };
  update.message.reply_to_message = { message_id: Number(replyTo), from: { id: 7000000002, is_bot: true, first_name: "Huong nghiep" }, chat: update.message.chat, date: update.message.date, text: "…" };
  return update;
}

/** A Zalo text event (bare shape) from `chatId`. */
export function zaloText(text: string, chatId: string): Record<string, any> {
  return channelZaloText(text, chatId, "bare");
}

/** Waits for a condition; fails with `label` after `ms` (a hang guard, not a speed check). */
export async function until(predicate: () => boolean | Promise<boolean>, label: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

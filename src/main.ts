/**
 * Composition root of the server: config → knowledge → store → engine → conversation → channels →
 * HTTP. `npm start` runs this.
 */
import fs from "node:fs";
import path from "node:path";
import { createChannels, startChannels, stopChannels, channelWebhooks } from "./channels/create-channels.js";
import { createOutboundSenders } from "./channels/outbound.js";
import { createEngine, createKnowledgeBase, PROJECT_ROOT } from "./compose.js";
import { createDelivery } from "./compose-delivery.js";
import { loadConfig, readDotEnv, withDotEnv } from "./config.js";
import { Conversation } from "./conversation/conversation.js";
import { StoreConversationMemory } from "./conversation/store-conversation-memory.js";
import { AppError } from "./errors.js";
import { createLogger } from "./logger.js";
import { setOrganisation } from "./messages-vi.js";
import { createMetrics, observeChatModel, observeRecords, timedMethods } from "./observability/metrics.js";
import { createApp } from "./server/app.js";
import { createDashboardAuth } from "./server/dashboard-auth.js";
import { startHttpServer } from "./server/http-server.js";
import { startRetention } from "./stats/retention.js";
import { createStatsRecorder } from "./stats/stats-recorder.js";
import { createUserKey, loadStatsSalt } from "./stats/user-key.js";
import { createStore } from "./store/create-store.js";
import { createRateLimitStore } from "./store/rate-limit-store.js";
import { createSessionRevocationStore } from "./store/session-revocation-store.js";
import { createLabourDatasetStore } from "./store/labour-dataset-store.js";
import { createStaffStore } from "./store/staff-store.js";
import { PublishedLabourSync } from "./labour-data/published-labour-sync.js";
import { createLabourDataRouters } from "./server/labour-data-dashboard.js";
import { createStaffAdminRouter } from "./server/staff-admin.js";
import { createOutreach } from "./outreach/create-outreach.js";
import { createOutreachApiRouter } from "./server/outreach-api.js";
import { createOutreachDashboardRouter } from "./server/outreach-dashboard.js";

async function main(): Promise<void> {
  // `.env` in the current directory (the project root under `npm start`); the environment wins.
  const dotEnv = readDotEnv();
  const config = loadConfig(withDotEnv(process.env, dotEnv));
  const logger = createLogger(config.logLevel, undefined, { format: config.logFormat });
  logger.info(
    dotEnv.file ? { file: dotEnv.file, variables: Object.keys(dotEnv.values).length } : {},
    dotEnv.file ? "settings read from .env file (environment variables take precedence)" : "no .env file: settings from the environment only",
  );
  // Greetings, consent, announcements and reports name the operator from ORG_NAME / ORG_CONTACT.
  setOrganisation(config.organisation);
  fs.mkdirSync(config.dataDir, { recursive: true });
  // Store first: the Labour Office's published dataset lives there and feeds the index.
  const store = createStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, logger });
  await store.migrate();
  const staff = createStaffStore({ db: store.db });
  const datasets = createLabourDatasetStore({ db: store.db, kind: store.kind });
  const published = new PublishedLabourSync(datasets);
  await published.poll();
  const knowledge = createKnowledgeBase(config, { published: published.current });
  const started = performance.now();
  const { snapshot, rebuilt } = await knowledge.load();
  const errors = snapshot.issues.filter((i) => i.severity === "error");
  logger.info(
    { chunks: snapshot.chunks.length, rebuilt, ms: Math.round(performance.now() - started), problems: snapshot.issues.length },
    rebuilt ? "knowledge index built" : "knowledge index loaded",
  );
  for (const issue of errors.slice(0, 20)) logger.warn({ file: issue.file, row: issue.row, column: issue.column }, issue.message);
  if (errors.length > 20) logger.warn(`${errors.length - 20} more knowledge problems: run npm run ingest for the full report`);
  logger.info(config.llm ? { model: config.llm.model } : {}, config.llm ? "LLM answerer on" : "offline answerer (no LLM configured)");

  // The store also keeps conversation memory, profiles, delivery keys and the anonymous statistics.
  const metrics = createMetrics();
  // A question's record is written with the user's memory, in the same group commit, before the
  // reply (the memory below). This recorder takes what that write could not store, and retries it
  // through a database outage.
  const recorder = createStatsRecorder({ store: timedMethods(store, ["insertRecords"], metrics, "records"), logger, batchSize: 50 });
  const salt = loadStatsSalt({ dataDir: config.dataDir, configured: config.stats.salt });
  const userKey = createUserKey(salt);
  // Daily: records older than STATS_RETENTION_DAYS go (the daily counts stay), old delivery keys too.
  const retention = startRetention({ store, logger, retentionDays: config.stats.retentionDays });
  logger.info({ store: store.kind, retentionDays: config.stats.retentionDays }, "statistics store ready");

  // Outreach: subscriptions, announcements (sent by a job that runs on the database, in one
  // replica at a time), events, the staff follow-up of unanswered questions, reports.
  // The web chat names the platforms that carry announcements, with their links, when they are on.
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
    salt,
    logger,
  });
  for (const issue of outreach.events.issues) logger.warn({ file: issue.file, entry: issue.entry }, `knowledge/events: ${issue.message}`);

  // One memory for the engine and the conversation: a request reads its own unwritten turn. Its group
  // commit also carries the requests' query records (one transaction for both, before the replies).
  const memory = new StoreConversationMemory(timedMethods(store, ["commitTurnsAndRecords", "setTurns"], metrics, "memory"), { logger, fallback: recorder });
  // Every record is also an answer for the metrics (by channel, answered or not, and its latency).
  const observedRecorder = observeRecords(memory, metrics);
  const engine = createEngine(config, knowledge, {
    events: outreach.events,
    memory,
    onLlmFallback: (reason) => {
      metrics.llmFallbacks.inc({ reason });
      logger.warn({ reason }, "LLM answer rejected, offline answer sent");
    },
    wrapChatModel: (model) => observeChatModel(model, metrics),
  });
  // Chat channels: Telegram and Zalo, each on when its token is set.
  const conversation = new Conversation({
    engine,
    store,
    memory,
    recorder: observedRecorder,
    userKey,
    knowledge,
    logger,
    answerDeadlineMs: (config.llm?.timeoutMs ?? 15_000) + 500,
    // /dangky, /huydangky and the menu item; unanswered questions to the staff chat.
    extensions: outreach.extensions,
  });
  // Updates are stored before they are acknowledged and answered from the store (several replicas
  // may share it); the per-user limit stands in front of the conversation.
  const delivery = createDelivery({
    config,
    store,
    handler: (message, context) => conversation.handleMessage(message, context),
    // The answer's record went with the memory's group commit; this waits for it if still under way.
    recorder: memory,
    userKey,
    salt,
    logger,
    metrics,
  });
  const channels = createChannels(config.channels, { logger, inbound: delivery.dispatcher });
  delivery.dispatcher.attach(channels);
  await delivery.dispatcher.start();
  let stopping = false;
  // DASHBOARD_USER is the first admin; more staff accounts (with roles) live in the store. Failed-login
  // counters and logouts live in the store too: every replica and the next run see them.
  const dashboardAuth = config.dashboard
    ? createDashboardAuth({
        ...config.dashboard,
        accounts: staff,
        counters: createRateLimitStore({ db: store.db }),
        revocations: createSessionRevocationStore({ db: store.db }),
      })
    : undefined;
  const outreachHttp = dashboardAuth && config.dashboard ? { outreach, stats: store, auth: dashboardAuth, logger, staffName: config.dashboard.user, staff } : undefined;
  // The Labour Office publishes its spreadsheets on /dashboard/du-lieu; accounts on /dashboard/tai-khoan.
  const labourHttp =
    dashboardAuth && config.dashboard
      ? createLabourDataRouters({
          auth: dashboardAuth,
          datasets,
          staff,
          knowledge,
          sync: published,
          previewEngine: (preview) => createEngine(config, { current: () => preview }),
          maxAgeDays: config.labourDataMaxAgeDays,
          logger,
        })
      : undefined;
  const staffAdmin = dashboardAuth && config.dashboard ? createStaffAdminRouter({ auth: dashboardAuth, staff, firstAdmin: config.dashboard.user, logger }) : undefined;
  const app = createApp({
    engine,
    knowledge,
    logger,
    publicDir: path.join(PROJECT_ROOT, "public"),
    webhooks: channelWebhooks(channels),
    // /api/chat talks to the same conversation as the channels (its per-user limit answers 429).
    conversation: (message, context) => conversation.handleMessage(message, context),
    // /api/chat questions are recorded by the conversation (the memory's group commit).
    userKey,
    store,
    dashboardAuth,
    // The outreach pages and APIs take the same staff login as the dashboard.
    staff,
    labourDataMaxAgeDays: config.labourDataMaxAgeDays,
    uploadRouters: labourHttp ? [labourHttp.upload] : [],
    staffRouters: [
      ...(outreachHttp ? [createOutreachApiRouter(outreachHttp), createOutreachDashboardRouter(outreachHttp)] : []),
      ...(labourHttp ? [labourHttp.pages] : []),
      ...(staffAdmin ? [staffAdmin] : []),
    ],
    metrics,
    metricsToken: config.metricsToken,
    trustProxy: config.trustProxy,
    addressLimiter: delivery.addressLimiter,
    userLimiter: delivery.userLimiter,
    shuttingDown: () => stopping,
    // The web chat page talks to the same conversation as the platforms, under the same per-user limit.
    webChat: { handler: delivery.onMessage, links: webLinks },
  });
  const onListening = () => {
    const port = (server.address() as { port?: number } | null)?.port ?? config.port;
    logger.info({ port, replica: delivery.dispatcher.owner }, `listening on http://localhost:${port}`);
    // Webhooks are registered only once the server can take the platforms' calls.
    void startChannels(channels, logger);
    outreach.start();
  };
  const server = startHttpServer(
    app,
    { port: config.port, host: config.host, headersTimeoutMs: config.httpTimeouts.headersMs, requestTimeoutMs: config.httpTimeouts.requestMs },
    onListening,
  );

  // Staff edit knowledge/ or publish on any replica while the bot runs: pick the change up without a restart.
  const stopWatch =
    config.knowledgeWatchSeconds > 0
      ? published.watch(knowledge, config.knowledgeWatchSeconds * 1000, (swapped, error) => {
          if (error) logger.error({ err: (error as Error).message }, "knowledge refresh failed; the previous index stays in use");
          else if (swapped) logger.info({ chunks: knowledge.current().chunks.length }, "knowledge changed: index swapped");
        })
      : undefined;

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const began = Date.now();
    logger.info({ signal }, "shutting down");
    // Whatever happens below, the process is gone within 10 s (orchestrators kill soon after).
    setTimeout(() => {
      logger.warn({ ms: Date.now() - began }, "shutdown took too long: exiting now; unanswered updates stay in the inbox");
      process.exit(0);
    }, 9_500).unref();
    // No new connections; idle keep-alive ones close now, busy ones once their answer is sent.
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const idleSweep = setInterval(() => server.closeIdleConnections(), 200);
    idleSweep.unref();
    void (async () => {
      try {
        // Stop taking updates (webhook calls now get 503 and are re-sent), finish the answers under
        // way (the rest go back to the inbox for the next run), finish the HTTP requests under way…
        await stopChannels(channels, logger);
        await Promise.all([delivery.dispatcher.stop(6_000), waitAtMost(serverClosed, 7_000)]);
        server.closeAllConnections();
        // …then write the pending records and close the store.
        await outreach.stop();
        // The memory first: what its last write cannot store goes to the recorder, closed after it.
        await waitAtMost(memory.close(), 1_500);
        await recorder.close({ timeoutMs: 1_500 });
        retention.stop();
        stopWatch?.();
        await store.close();
        logger.info({ ms: Date.now() - began }, "stopped");
      } catch (error) {
        logger.error({ err: (error as Error).message }, "shutdown step failed");
      }
      process.exit(0);
    })();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  const message = error instanceof AppError ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error);
  console.error(`Start-up failed: ${message}`);
  process.exit(1);
});

/** Resolves when the task settles or after `ms`, whichever is first. */
async function waitAtMost(task: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([task.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

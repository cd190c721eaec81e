/**
 * Composition root of the server: config → knowledge → store → engine → conversation → channels →
 * HTTP. `npm start` runs this.
 */
import fs from "node:fs";
import path from "node:path";
import { createChannels, startChannels, stopChannels, webhookRouters } from "./channels/create-channels.js";
import { createEngine, createKnowledgeBase, PROJECT_ROOT } from "./compose.js";
import { loadConfig } from "./config.js";
import { Conversation } from "./conversation/conversation.js";
import { StoreConversationMemory } from "./conversation/store-conversation-memory.js";
import { AppError } from "./errors.js";
import { createLogger } from "./logger.js";
import { createApp } from "./server/app.js";
import { createDashboardAuth } from "./server/dashboard-auth.js";
import { startRetention } from "./stats/retention.js";
import { createStatsRecorder } from "./stats/stats-recorder.js";
import { createUserKey, loadStatsSalt } from "./stats/user-key.js";
import { createStore } from "./store/create-store.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const knowledge = createKnowledgeBase(config);
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

  // Store (conversation memory, profiles, delivery keys, records) and the anonymous statistics.
  const store = createStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, logger });
  await store.migrate();
  const recorder = createStatsRecorder({ store, logger });
  const userKey = createUserKey(loadStatsSalt({ dataDir: config.dataDir, configured: config.stats.salt }));
  // Daily: records older than STATS_RETENTION_DAYS go (the daily counts stay), old delivery keys too.
  const retention = startRetention({ store, logger, retentionDays: config.stats.retentionDays });
  logger.info({ store: store.kind, retentionDays: config.stats.retentionDays }, "statistics store ready");

  const engine = createEngine(config, knowledge, {
    memory: new StoreConversationMemory(store),
    onLlmFallback: (reason) => logger.warn({ reason }, "LLM answer rejected, offline answer sent"),
  });
  // Chat channels: Telegram and Zalo, each on when its token is set.
  const conversation = new Conversation({
    engine,
    store,
    recorder,
    userKey,
    knowledge,
    logger,
    answerDeadlineMs: (config.llm?.timeoutMs ?? 15_000) + 500,
  });
  const channels = createChannels(config.channels, { logger, onMessage: (message, context) => conversation.handleMessage(message, context) });
  const app = createApp({
    engine,
    knowledge,
    logger,
    publicDir: path.join(PROJECT_ROOT, "public"),
    webhooks: webhookRouters(channels),
    // Statistics: /api/chat records through the channels' recorder; dashboard on when its login is set.
    recorder,
    userKey,
    store,
    dashboardAuth: config.dashboard ? createDashboardAuth(config.dashboard) : undefined,
  });
  const server = app.listen(config.port, () => {
    logger.info({ port: config.port }, `listening on http://localhost:${config.port}`);
    // Webhooks are registered only once the server can take the platforms' calls.
    void startChannels(channels, logger);
  });

  // Staff edit knowledge/ while the bot runs: pick the change up without a restart.
  const watch =
    config.knowledgeWatchSeconds > 0
      ? setInterval(() => {
          knowledge
            .refreshIfStale()
            .then((swapped) => swapped && logger.info({ chunks: knowledge.current().chunks.length }, "knowledge changed: index swapped"))
            .catch((error: unknown) => logger.error({ err: (error as Error).message }, "knowledge refresh failed; the previous index stays in use"));
        }, config.knowledgeWatchSeconds * 1000)
      : undefined;
  watch?.unref();

  const stop = (signal: string) => {
    logger.info({ signal }, "shutting down");
    // Connections kept alive by clients, or a slow answer, must not hold the process beyond 10 s.
    setTimeout(() => process.exit(0), 10_000).unref();
    // Stop taking updates, finish the answers under way, write the pending records, then exit.
    void stopChannels(channels, logger)
      .then(() => recorder.close({ timeoutMs: 5000 }))
      .then(() => retention.stop())
      .then(() => store.close())
      .catch((error: unknown) => logger.error({ err: (error as Error).message }, "shutdown step failed"))
      .finally(() => server.close(() => process.exit(0)));
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  const message = error instanceof AppError ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error);
  console.error(`Start-up failed: ${message}`);
  process.exit(1);
});

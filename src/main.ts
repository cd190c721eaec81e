/**
 * Composition root of the server: config → knowledge → engine → HTTP. `npm start` runs this.
 */
import fs from "node:fs";
import path from "node:path";
import { createAdminAuth, createEngine, createKnowledgeBase, PROJECT_ROOT } from "./compose.js";
import { loadConfig } from "./config.js";
import { AppError } from "./errors.js";
import { createLogger } from "./logger.js";
import { createApp } from "./server/app.js";

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

  const engine = createEngine(config, knowledge, { onLlmFallback: (reason) => logger.warn({ reason }, "LLM answer rejected, offline answer sent") });
  const app = createApp({ engine, knowledge, logger, adminAuth: createAdminAuth(config), publicDir: path.join(PROJECT_ROOT, "public") });
  const server = app.listen(config.port, () => logger.info({ port: config.port }, `listening on http://localhost:${config.port}`));

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
    server.close(() => process.exit(0));
    // Connections kept alive by clients must not hold the process beyond 10 s.
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  const message = error instanceof AppError ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error);
  console.error(`Start-up failed: ${message}`);
  process.exit(1);
});

/**
 * Builds the express application: JSON API, health, static web chat, one error handler.
 */
import express from "express";
import type { AnswerEngine } from "../answering/answer-engine.js";
import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { Logger } from "../logger.js";
import type { StatsRecorder } from "../stats/stats-recorder.js";
import type { UserKeyFunction } from "../stats/user-key.js";
import type { StatsStore } from "../store/store.js";
import { createApiRouter, errorHandler } from "./api.js";
import type { DashboardAuth } from "./dashboard-auth.js";
import { createDashboardRouter } from "./dashboard.js";
import { checkStaff } from "./staff-guard.js";
import { createStatsApiRouter } from "./stats-api.js";

export interface AppSettings {
  engine: AnswerEngine;
  knowledge: KnowledgeBase;
  logger: Logger;
  /** Folder served at `/` (the web chat page), when present. */
  publicDir?: string;
  /**
   * Chat platform webhooks (`POST /webhooks/<channel>`), mounted ahead of the JSON parser: each
   * checks its secret header before reading the body and parses it with its own limit.
   */
  webhooks?: express.Router[];
  /** Where `/api/chat` questions are recorded; the same instance the channels use. Unset = not recorded. */
  recorder?: StatsRecorder;
  /** Anonymous user key of `/api/chat` users (HMAC with STATS_SALT). */
  userKey?: UserKeyFunction;
  /** The store the dashboard and the stats API read. */
  store?: StatsStore;
  /** Dashboard login; with `store`, turns on `/dashboard` and `/api/stats/*` (else 404). */
  dashboardAuth?: DashboardAuth;
  /** Today in Vietnam, `YYYY-MM-DD`, for the dashboard's default range; tests fix it. */
  today?: () => string;
}

export function createApp(settings: AppSettings): express.Express {
  const app = express();
  app.disable("x-powered-by");
  for (const webhook of settings.webhooks ?? []) app.use(webhook);
  // A question is at most 2,000 characters; 32 kB leaves room for JSON escaping and nothing more.
  app.use(express.json({ limit: "32kb", type: ["application/json", "text/json"] }));

  app.get("/healthz", (_req, res) => {
    if (settings.knowledge.ready) res.json({ ok: true });
    else res.status(503).json({ ok: false, reason: "index not loaded" });
  });

  const dashboardAuth = settings.dashboardAuth;
  // Admin routes take the same staff login as the dashboard: session cookie or HTTP Basic, with
  // the same limit on failed attempts.
  const adminAuth = dashboardAuth ? async (req: express.Request) => (await checkStaff(dashboardAuth, req)) === "ok" : undefined;
  app.use(createApiRouter({ ...settings, adminAuth }));
  if (settings.store && dashboardAuth) {
    const stats = {
      store: settings.store,
      auth: dashboardAuth,
      communes: () => settings.knowledge.current().lexicon.communes,
      logger: settings.logger,
      today: settings.today,
    };
    app.use(createStatsApiRouter(stats));
    app.use(createDashboardRouter(stats));
  }
  if (settings.publicDir) app.use(express.static(settings.publicDir, { index: "index.html", maxAge: "1h" }));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: "not_found", message: "Not found" } });
  });
  app.use(errorHandler(settings.logger));
  return app;
}

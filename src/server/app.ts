/**
 * Builds the express application: JSON API, health, static web chat, one error handler.
 *
 * In front of every route: one log line and metrics per request (with a request id), an outer body
 * size limit, security headers (helmet), and the cross-site refusal of the staff routes.
 */
import express from "express";
import type { RateLimiter } from "../limits/rate-limiter.js";
import type { Metrics } from "../observability/metrics.js";
import { addressRateLimit } from "./api-rate-limit.js";
import { maxBodySize } from "./body-limit.js";
import { channelWebhookRouter } from "./channel-webhooks.js";
import { refuseCrossSite, requireJsonBody } from "./csrf-guard.js";
import { createOpsRouter } from "./ops-routes.js";
import { requestLog } from "./request-log.js";
import { securityHeaders } from "./security-headers.js";
import type { ChannelWebhook } from "../channels/channel.js";
import type { AnswerEngine } from "../answering/answer-engine.js";
import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { Logger } from "../logger.js";
import type { StatsRecorder } from "../stats/stats-recorder.js";
import type { MessageHandler } from "../conversation/message.js";
import type { UserKeyFunction } from "../stats/user-key.js";
import { labourDataState, labourDataWarning } from "../labour-data/data-warning.js";
import { localIsoDate } from "../store/local-date.js";
import type { StaffStore } from "../store/staff-store.js";
import type { StatsStore } from "../store/store.js";
import { createApiRouter, errorHandler } from "./api.js";
import type { DashboardAuth } from "./dashboard-auth.js";
import { createDashboardRouter } from "./dashboard.js";
import { checkStaff } from "./staff-guard.js";
import { createStatsApiRouter } from "./stats-api.js";
import { createWebChatRouter, type WebChatSettings } from "./web-chat-api.js";

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
  webhooks?: ChannelWebhook[];
  /**
   * The conversation `/api/chat` goes through (memory, commands, records), without the per-user
   * limit (`userLimiter` below answers 429). Unset = stateless answers from `engine`.
   */
  conversation?: MessageHandler;
  /** Where `/api/chat` questions are recorded without a conversation; the same instance the channels use. Unset = not recorded. */
  recorder?: StatsRecorder;
  /** Anonymous user key of `/api/chat` users (HMAC with STATS_SALT). */
  userKey?: UserKeyFunction;
  /** The store the dashboard and the stats API read. */
  store?: StatsStore;
  /** Dashboard login; with `store`, turns on `/dashboard` and `/api/stats/*` (else 404). */
  dashboardAuth?: DashboardAuth;
  /** Staff accounts and the audit log (sign-ins are written there). */
  staff?: StaffStore;
  /** LABOUR_DATA_MAX_AGE_DAYS: the statistics page warns when the Labour Office's data is missing or older. Unset = no warning. */
  labourDataMaxAgeDays?: number;
  /** Today in Vietnam, `YYYY-MM-DD`, for the dashboard's default range; tests fix it. */
  today?: () => string;
  /** Prometheus metrics; unset = `/metrics` answers 404 and nothing is counted. */
  metrics?: Metrics;
  /** Bearer token `/metrics` requires (METRICS_TOKEN); unset = open. */
  metricsToken?: string;
  /** Express "trust proxy" (TRUST_PROXY); default false. */
  trustProxy?: boolean | number | string;
  /** Per-address limit of `POST /api/chat` (API_RATE_LIMIT_PER_MINUTE). */
  addressLimiter?: RateLimiter;
  /** Per-user limit of `POST /api/chat` questions carrying a userId (USER_RATE_LIMIT_PER_MINUTE). */
  userLimiter?: RateLimiter;
  /** True once shutdown began: `/readyz` answers 503. */
  shuttingDown?: () => boolean;
  /**
   * Staff routes that take bodies above the general bound (the Labour Office's spreadsheet upload),
   * mounted before it; each checks the login, the role and the site before reading the body.
   */
  uploadRouters?: express.Router[];
  /**
   * More staff routes (the outreach pages and `/api/outreach`, `/api/reports`), each checking the
   * dashboard login itself; mounted after the dashboard.
   */
  staffRouters?: express.Router[];
  /** The web chat's conversation API (`POST /api/web/message`); unset = the page can only use `/api/chat`. */
  webChat?: WebChatSettings;
}

/** The largest body any route after the webhooks takes; each parses with its own, smaller, limit. */
const MAX_BODY_BYTES = 256 * 1024;

export function createApp(settings: AppSettings): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", settings.trustProxy ?? false);
  app.use(requestLog(settings.logger, settings.metrics));
  app.use(securityHeaders());
  // Webhooks check their secret before anything else (401 even for an oversized body), then parse
  // with their own 256 kB limit.
  if (settings.webhooks?.length) app.use(channelWebhookRouter(settings.webhooks));
  for (const router of settings.uploadRouters ?? []) app.use(router);
  app.use(maxBodySize(MAX_BODY_BYTES));
  app.use(["/dashboard", "/api/stats", "/api/admin", "/api/outreach", "/api/reports", "/api/labour-data", "/api/staff"], refuseCrossSite());
  // Staff JSON APIs take JSON only: a cross-site form can send text/plain without a preflight.
  // (`/api/admin/reindex` reads no body: `curl -d` with any content type keeps working.)
  app.use(["/api/stats", "/api/outreach", "/api/reports"], requireJsonBody());
  // A question is at most 2,000 characters; 32 kB leaves room for JSON escaping and nothing more.
  app.use(express.json({ limit: "32kb", type: ["application/json", "text/json"] }));

  app.use(
    createOpsRouter({
      knowledge: settings.knowledge,
      store: settings.store,
      metrics: settings.metrics,
      metricsToken: settings.metricsToken,
      shuttingDown: settings.shuttingDown,
    }),
  );
  if (settings.addressLimiter) app.post(["/api/chat", "/api/web/message"], addressRateLimit(settings.addressLimiter));

  const dashboardAuth = settings.dashboardAuth;
  // Admin routes take the same staff login as the dashboard: session cookie or HTTP Basic, with
  // the same limit on failed attempts.
  const adminAuth = dashboardAuth ? async (req: express.Request) => (await checkStaff(dashboardAuth, req, "admin")) === "ok" : undefined;
  app.use(createApiRouter({ ...settings, adminAuth }));
  if (settings.webChat) app.use(createWebChatRouter(settings.webChat));
  if (settings.store && dashboardAuth) {
    const stats = {
      store: settings.store,
      auth: dashboardAuth,
      communes: () => settings.knowledge.current().lexicon.communes,
      logger: settings.logger,
      today: settings.today,
      staff: settings.staff,
      labourWarning:
        settings.labourDataMaxAgeDays === undefined
          ? undefined
          : () => {
              const maxAge = settings.labourDataMaxAgeDays!;
              const today = settings.today?.() ?? localIsoDate(new Date());
              return labourDataWarning(labourDataState(settings.knowledge.current().labour, today, maxAge), maxAge);
            },
    };
    app.use(createStatsApiRouter(stats));
    app.use(createDashboardRouter(stats));
  }
  for (const router of settings.staffRouters ?? []) app.use(router);
  if (settings.publicDir) app.use(express.static(settings.publicDir, { index: "index.html", maxAge: "1h" }));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: "not_found", message: "Not found" } });
  });
  app.use(errorHandler(settings.logger));
  return app;
}

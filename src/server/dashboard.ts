/**
 * The Centre's dashboard: `GET /dashboard` (server-rendered, Vietnamese), its login and logout,
 * and its static assets (Chart.js from the npm package, the page script and style; no CDN).
 * Without a session the page redirects to `/dashboard/login`, never showing data.
 *
 * ```ts
 * app.use(createDashboardRouter({ store, auth, communes: () => kb.current().lexicon.communes, logger }));
 * ```
 */
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Request, type Response } from "express";
import { z } from "zod";
import { InputError } from "../errors.js";
import { dashboardVi } from "../messages-vi.js";
import { periodSeries } from "../stats/period-series.js";
import { groupSimilarQuestions } from "../stats/top-questions.js";
import { addDays, localIsoDate } from "../store/local-date.js";
import type { StatsFilter } from "../store/store.js";
import { renderDashboardPage, renderLoginPage } from "./dashboard-page.js";
import { staffPageHeaders } from "./security-headers.js";
import { homeOf } from "../staff/staff-roles.js";
import { checkStaff, clientAddress, staffOf } from "./staff-guard.js";
import { DEFAULT_RANGE_DAYS, parseStatsFilter } from "./stats-filter.js";
import type { StatsApiSettings } from "./stats-api.js";

const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "dashboard-assets");
// chart.js does not export its UMD build as a subpath; it sits next to the CommonJS entry.
const CHART_JS = path.join(path.dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.js");
/** Questions of the follow-up queue listed on the page. */
const QUEUE_SIZE = 50;
/** Newest questions listed with the bot's replies. */
const RECENT_SIZE = 30;
/** Groups of similar questions listed on the page. */
const TOP_QUESTIONS = 20;

const loginSchema = z.object({ user: z.string().max(200), password: z.string().max(200) });

export function createDashboardRouter(settings: StatsApiSettings): express.Router {
  const router = express.Router();
  const auth = settings.auth;
  const today = () => settings.today?.() ?? localIsoDate(new Date());

  router.get("/dashboard/assets/chart.umd.js", (_req, res) => {
    res.sendFile(CHART_JS, { maxAge: "1d", headers: { "Content-Type": "text/javascript; charset=utf-8" } });
  });
  router.use("/dashboard/assets", express.static(ASSETS_DIR, { index: false, maxAge: "1h" }));

  const blocked = (req: Request, res: Response) => {
    staffPageHeaders(res);
    res.setHeader("Retry-After", String(auth.limiter.retryAfterSeconds()));
    res.status(429).send(renderLoginPage({ error: dashboardVi.loginBlocked }));
  };

  router.get("/dashboard/login", async (req, res, next) => {
    try {
      const who = (await auth.hasSession(req)) ? await auth.sessionIdentity(req) : undefined;
      if (who) {
        res.redirect(303, homeOf(who.role));
        return;
      }
      staffPageHeaders(res);
      res.send(renderLoginPage());
    } catch (error) {
      next(error);
    }
  });

  router.post("/dashboard/login", express.urlencoded({ extended: false, limit: "4kb" }), async (req, res, next) => {
    try {
      // Counted before the check (see `login-limiter.ts`).
      const attempt = await auth.limiter.begin(clientAddress(req));
      if (!attempt.allowed) return blocked(req, res);
      const form = loginSchema.safeParse(req.body ?? {});
      const who = form.success ? await auth.identify(form.data.user, form.data.password) : undefined;
      const { blocked: usedUp } = await attempt.settle(who !== undefined);
      if (!who) {
        settings.logger.warn("dashboard login failed");
        if (usedUp) return blocked(req, res);
        staffPageHeaders(res);
        res.status(401).send(renderLoginPage({ error: dashboardVi.loginFailed }));
        return;
      }
      auth.startSession(req, res, who);
      settings.logger.info({ role: who.role }, "dashboard login");
      await settings.staff?.audit(who.user, "sign-in", who.role);
      res.redirect(303, homeOf(who.role));
    } catch (error) {
      next(error);
    }
  });

  router.post("/dashboard/logout", async (req, res, next) => {
    try {
      await auth.endSession(req, res);
      res.redirect(303, "/dashboard/login");
    } catch (error) {
      next(error);
    }
  });

  router.get("/dashboard", async (req, res, next) => {
    try {
      const verdict = await checkStaff(auth, req);
      if (verdict === "blocked") return blocked(req, res);
      const who = staffOf(req);
      if (verdict === "wrong_role" && who) {
        // A du-lieu account has its own page.
        res.setHeader("Cache-Control", "no-store");
        res.redirect(303, homeOf(who.role));
        return;
      }
      if (verdict !== "ok") {
        res.setHeader("Cache-Control", "no-store");
        res.redirect(303, "/dashboard/login");
        return;
      }
      const communes = settings.communes();
      const communeNames = communes.map((c) => c.name);
      let filter: StatsFilter;
      try {
        filter = parseStatsFilter(req.query, { communes, today: today() });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const to = today();
        const fallback = { from: addDays(to, -(DEFAULT_RANGE_DAYS - 1)), to };
        staffPageHeaders(res);
        res.status(400).send(
          renderDashboardPage({
            filter: fallback,
            communes: communeNames,
            error: error.message,
            breakdown: { total: 0, answered: 0, unanswered: 0, byChannel: {}, byTopic: {}, byCommune: {}, byRole: {}, byDay: [], byDayChannel: [], feedback: { up: 0, down: 0 } },
            series: periodSeries([], fallback.from, fallback.to),
            topQuestions: [],
            queue: [],
            recent: [],
            refusals: 0,
          }),
        );
        return;
      }
      const [breakdown, questions, queue, recent, refusals] = await Promise.all([
        settings.store.breakdown(filter),
        settings.store.questionCounts(filter),
        settings.store.followUpQueue({ ...filter, limit: QUEUE_SIZE }),
        settings.store.recentRecords(filter, RECENT_SIZE),
        settings.store.refusalCount(filter),
      ]);
      staffPageHeaders(res);
      res.send(
        renderDashboardPage({
          who: staffOf(req),
          labourWarning: settings.labourWarning?.(),
          filter,
          communes: communeNames,
          breakdown,
          series: periodSeries(breakdown.byDayChannel, filter.from, filter.to),
          topQuestions: groupSimilarQuestions(questions, { limit: TOP_QUESTIONS }),
          queue,
          recent,
          refusals,
        }),
      );
    } catch (error) {
      next(error);
    }
  });

  return router;
}

/**
 * The outreach pages of the dashboard, behind the same login as `/dashboard` (no session → the
 * login page, never data): `/dashboard/announcements[?event=<id>]`, `/dashboard/events`,
 * `/dashboard/follow-up` and `/dashboard/report?year=&month=&commune=` (printable).
 *
 * ```ts
 * app.use(createOutreachDashboardRouter(settings));
 * app.use(createOutreachApiRouter(settings));
 * ```
 */
import express, { type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import { InputError } from "../errors.js";
import { dashboardVi, outreachDashboardVi } from "../messages-vi.js";
import { buildOutreachReport } from "../outreach/outreach-report.js";
import { addDays, localIsoDate } from "../store/local-date.js";
import { staffPageHeaders } from "./security-headers.js";
import { checkStaff, staffOf } from "./staff-guard.js";
import { renderForbiddenPage } from "./dashboard-nav.js";
import { parseReportQuery, reportDeps, type OutreachHttpSettings } from "./outreach-api.js";
import { renderAnnouncementsPage, renderEventsPage, renderFollowUpPage, renderReportPage } from "./outreach-page.js";

/** Unanswered questions listed for answering. */
const FOLLOW_UP_SIZE = 50;
/** How far back the follow-up page looks for unanswered questions (routes live 7 days; staff may answer older ones as FAQ). */
const FOLLOW_UP_DAYS = 90;

export function createOutreachDashboardRouter(settings: OutreachHttpSettings): express.Router {
  const router = express.Router();
  const { outreach, auth } = settings;
  const today = () => settings.today?.() ?? localIsoDate(settings.now?.() ?? new Date());
  const now = () => settings.now?.() ?? new Date();

  /** Renders a page for staff only; others go to the login page. */
  const page = (render: (req: Request) => Promise<string>) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const verdict = await checkStaff(auth, req);
      if (verdict !== "ok") {
        res.setHeader("Cache-Control", "no-store");
        if (verdict === "wrong_role") {
          staffPageHeaders(res);
          res.status(403).send(renderForbiddenPage(dashboardVi.wrongRole, staffOf(req)));
          return;
        }
        if (verdict === "blocked") {
          res.setHeader("Retry-After", String(auth.limiter.retryAfterSeconds()));
          res.status(429).send("Too many failed logins");
          return;
        }
        res.redirect(303, "/dashboard/login");
        return;
      }
      const html = await render(req);
      staffPageHeaders(res);
      res.send(html);
    } catch (error) {
      if (error instanceof InputError) {
        staffPageHeaders(res);
        res.status(400).send(`<!doctype html><html lang="vi"><meta charset="utf-8"><title>400</title><p>${error.message.replace(/[<>&]/g, "")}</p><p><a href="/dashboard/report">${outreachDashboardVi.navReport}</a></p></html>`);
        return;
      }
      next(error);
    }
  };

  router.get(
    "/dashboard/announcements",
    page(async (req) => {
      const eventId = z.string().max(100).safeParse(req.query.event);
      const event = eventId.success ? await outreach.events.find(eventId.data) : undefined;
      const [subscribers, announcements] = await Promise.all([outreach.store.subscriberCounts(), outreach.announcements.list(50)]);
      const [y, m, d] = (event?.date ?? "").split("-");
      return renderAnnouncementsPage({
        who: staffOf(req),
        communes: outreach.communes().map((c) => c.name),
        subscribers,
        announcements,
        prefill: event
          ? {
              eventId: event.id,
              topic: "su_kien",
              communes: event.commune ? [event.commune] : [],
              text: outreachDashboardVi.announcementFromEvent({
                name: event.name,
                when: `${event.time ? `${event.time}, ` : ""}${d}/${m}/${y}`,
                place: event.commune && !event.place.includes(event.commune) ? `${event.place}, ${event.commune}` : event.place,
                audience: event.audience ?? "",
                contact: event.contact ?? "",
              }),
            }
          : undefined,
      });
    }),
  );

  router.get(
    "/dashboard/events",
    page(async (req) => {
      const all = await outreach.events.all();
      const upcoming = new Set((await outreach.events.upcoming(now())).map((ev) => ev.id));
      return renderEventsPage({
        who: staffOf(req),
        communes: outreach.communes().map((c) => c.name),
        upcoming: all.filter((ev) => upcoming.has(ev.id)),
        // Most recent first, and not the whole history.
        past: all.filter((ev) => !upcoming.has(ev.id)).reverse().slice(0, 30),
      });
    }),
  );

  router.get(
    "/dashboard/follow-up",
    page(async (req) => {
      const to = today();
      const [drafts, unanswered] = await Promise.all([
        outreach.store.listStaffAnswers({ status: "draft", limit: 50 }),
        // Unanswered, flagged wrong or incomplete by staff, rated 👎; not refusals.
        settings.stats.followUpQueue({ from: addDays(to, -(FOLLOW_UP_DAYS - 1)), to, reviewed: false, limit: FOLLOW_UP_SIZE }),
      ]);
      const reachable = await outreach.followUp.reachable(unanswered.map((q) => q.id));
      // What the bot had said, beside each draft (the record may have been purged since).
      const botReplies = new Map<string, string>();
      for (const draft of drafts) {
        const record = draft.recordId ? await outreach.store.recordQuestion(draft.recordId) : undefined;
        if (record?.reply) botReplies.set(draft.id, record.reply);
      }
      return renderFollowUpPage({ who: staffOf(req), drafts, unanswered, reachable, botReplies });
    }),
  );

  router.get(
    "/dashboard/report",
    page(async (req) => {
      const request = parseReportQuery(req.query, settings);
      const report = await buildOutreachReport(reportDeps(settings), request);
      const query = new URLSearchParams({ year: String(request.year), ...(request.month ? { month: String(request.month) } : {}), ...(request.commune ? { commune: request.commune } : {}) });
      return renderReportPage({ who: staffOf(req), report, communes: outreach.communes().map((c) => c.name), query: query.toString() });
    }),
  );

  return router;
}

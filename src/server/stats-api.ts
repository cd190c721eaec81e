/**
 * The stats JSON API for the Centre (CONTRACTS.md): summary, CSV export, the follow-up queue
 * (`/api/stats/unanswered`: unanswered, flagged and 👎 questions with the bot's reply), and staff's
 * verdict on a reply (`POST /api/stats/records/:id/flag` `{ flag: "wrong" | "incomplete" | null }`).
 * Every route needs the dashboard session cookie or HTTP Basic with the dashboard credentials;
 * without them the answer is 401 JSON, never data.
 */
import express, { type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import { InputError } from "../errors.js";
import type { Commune } from "../knowledge/lexicon.js";
import type { Logger } from "../logger.js";
import { dashboardVi } from "../messages-vi.js";
import { csvHeader, csvRecordLine } from "../stats/csv-export.js";
import { localIsoDate } from "../store/local-date.js";
import { REPLY_FLAGS, type QueueItem, type StatsStore } from "../store/store.js";
import { readCookie, SESSION_COOKIE, type DashboardAuth } from "./dashboard-auth.js";
import type { StaffArea } from "../staff/staff-roles.js";
import type { StaffStore } from "../store/staff-store.js";
import { checkStaff } from "./staff-guard.js";
import { parseStatsFilter, parseUnansweredQuery, type FilterContext } from "./stats-filter.js";

export interface StatsApiSettings {
  store: StatsStore;
  auth: DashboardAuth;
  /** The new communes, for the `commune` filter. */
  communes: () => Commune[];
  logger: Logger;
  /** Today in Vietnam, `YYYY-MM-DD`; tests fix it. */
  today?: () => string;
  /** Accounts and the audit log (sign-ins are written there); unset = the first admin only, no log. */
  staff?: StaffStore;
  /** The Labour Office's data is missing or older than LABOUR_DATA_MAX_AGE_DAYS: the line the dashboard shows. */
  labourWarning?: () => string | undefined;
}

const reviewedBodySchema = z.object({ reviewed: z.boolean({ message: "reviewed must be true or false" }).optional() }).strict();
const flagBodySchema = z.object({ flag: z.enum(REPLY_FLAGS, { message: "flag must be wrong, incomplete or null" }).nullable() }).strict();
const recordIdSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9-]+$/);
/** Characters of CSV gathered before a write to the socket. */
const CSV_CHUNK_CHARS = 64 * 1024;

/** Express middleware: 401/429/403 JSON unless the request is from staff whose role may use `area`. */
export function requireStaffJson(auth: DashboardAuth, area: StaffArea = "statistics") {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const verdict = await checkStaff(auth, req, area);
      if (verdict === "ok") return next();
      res.setHeader("Cache-Control", "no-store");
      if (verdict === "blocked") {
        res.setHeader("Retry-After", String(auth.limiter.retryAfterSeconds()));
        res.status(429).json({ error: { code: "too_many_attempts", message: "Too many failed logins from this address; try again later", messageVi: dashboardVi.loginBlocked } });
        return;
      }
      if (verdict === "forbidden") {
        res.status(403).json({ error: { code: "forbidden", message: "Cross-origin request refused", messageVi: dashboardVi.unauthorized } });
        return;
      }
      if (verdict === "wrong_role") {
        res.status(403).json({ error: { code: "forbidden", message: `The role of this account may not use ${area} routes`, messageVi: dashboardVi.wrongRole } });
        return;
      }
      // No Basic prompt for the dashboard's own calls with an expired session: it sends the user to the login page.
      if (!readCookie(req, SESSION_COOKIE)) res.setHeader("WWW-Authenticate", 'Basic realm="tra-cu-dashboard", charset="UTF-8"');
      res.status(401).json({ error: { code: "unauthorized", message: "Login required: dashboard session or HTTP Basic", messageVi: dashboardVi.unauthorized } });
    } catch (error) {
      next(error);
    }
  };
}

function unansweredItem(record: QueueItem) {
  return {
    id: record.id,
    at: record.at.toISOString(),
    date: localIsoDate(record.at),
    channel: record.channel,
    commune: record.commune,
    topic: record.topic,
    role: record.role,
    question: record.question,
    // What the bot said (masked), and why the question is in the queue.
    reply: record.reply ?? null,
    answered: record.answered,
    feedback: record.feedback,
    flag: record.flag ?? null,
    reasons: record.reasons,
    reviewed: record.reviewed,
  };
}

/** Resolves when the response can take more data, or has been closed by the client. */
function writable(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

export function createStatsApiRouter(settings: StatsApiSettings): express.Router {
  const router = express.Router();
  const guard = requireStaffJson(settings.auth);
  const context = (): FilterContext => ({ communes: settings.communes(), today: settings.today?.() });

  router.get("/api/stats/summary", guard, async (req, res, next) => {
    try {
      const filter = parseStatsFilter(req.query, context());
      const summary = await settings.store.summary(filter);
      res.setHeader("Cache-Control", "no-store");
      res.json(summary);
    } catch (error) {
      next(error);
    }
  });

  router.get("/api/stats/export.csv", guard, async (req, res, next) => {
    let filter;
    try {
      filter = parseStatsFilter(req.query, context());
    } catch (error) {
      next(error);
      return;
    }
    res.status(200);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="thong-ke-cau-hoi_${filter.from}_${filter.to}.csv"`);
    res.setHeader("Cache-Control", "no-store");
    let closed = false;
    res.on("close", () => {
      closed = true;
    });
    let rows = 0;
    try {
      let chunk = csvHeader();
      // Streamed page by page: a year of records never sits in memory at once.
      for await (const record of settings.store.exportRecords(filter)) {
        if (closed) break;
        chunk += csvRecordLine(record);
        rows += 1;
        if (chunk.length >= CSV_CHUNK_CHARS) {
          const more = res.write(chunk);
          chunk = "";
          if (!more) await writable(res);
        }
      }
      if (!closed) res.end(chunk);
      settings.logger.info({ rows, from: filter.from, to: filter.to }, "stats export");
    } catch (error) {
      settings.logger.error({ err: { name: (error as Error).name, message: (error as Error).message }, rows }, "stats export failed");
      // Headers are gone already: cut the response so the download shows as failed, not as complete.
      res.destroy(error as Error);
    }
  });

  router.get("/api/stats/unanswered", guard, async (req, res, next) => {
    try {
      const query = parseUnansweredQuery(req.query, context());
      // The truthful queue: unanswered, flagged wrong or incomplete by staff, rated 👎; refusals are only counted.
      const records = await settings.store.followUpQueue(query);
      res.setHeader("Cache-Control", "no-store");
      res.json({ from: query.from, to: query.to, items: records.map(unansweredItem) });
    } catch (error) {
      next(error);
    }
  });

  router.post("/api/stats/unanswered/:id/reviewed", guard, async (req, res, next) => {
    try {
      const id = recordIdSchema.safeParse(req.params.id);
      if (!id.success) throw new InputError("bad_request", "id: not a record id");
      const body = reviewedBodySchema.safeParse(req.body ?? {});
      if (!body.success) throw new InputError("bad_request", body.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
      const reviewed = body.data.reviewed ?? true;
      const found = await settings.store.markReviewed(id.data, reviewed);
      if (!found) {
        res.status(404).json({ error: { code: "not_found", message: "No such record (it may have been purged)" } });
        return;
      }
      res.setHeader("Cache-Control", "no-store");
      res.json({ ok: true, id: id.data, reviewed });
    } catch (error) {
      next(error);
    }
  });

  router.post("/api/stats/records/:id/flag", guard, async (req, res, next) => {
    try {
      const id = recordIdSchema.safeParse(req.params.id);
      if (!id.success) throw new InputError("bad_request", "id: not a record id");
      const body = flagBodySchema.safeParse(req.body ?? {});
      if (!body.success) throw new InputError("bad_request", body.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
      const found = await settings.store.setFlag(id.data, body.data.flag);
      if (!found) {
        res.status(404).json({ error: { code: "not_found", message: "No such record (it may have been purged)" } });
        return;
      }
      settings.logger.info({ flag: body.data.flag ?? "cleared" }, "reply flagged by staff");
      res.setHeader("Cache-Control", "no-store");
      res.json({ ok: true, id: id.data, flag: body.data.flag });
    } catch (error) {
      next(error);
    }
  });

  return router;
}

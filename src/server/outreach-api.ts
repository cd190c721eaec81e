/**
 * The outreach JSON API behind the dashboard login (session cookie or HTTP Basic, like the stats
 * API): announcements (preview, confirm, progress), events, staff answers and FAQ drafts, and the
 * monthly/yearly report (JSON and `.xlsx`). Input is checked with strict zod schemas; a bad field
 * is a 400 naming it.
 *
 * | route | does |
 * | --- | --- |
 * | `GET /api/outreach/subscribers` | subscriber counts by channel and topic |
 * | `POST /api/outreach/announcements/preview` | `{ text, topic, communes?, link?, eventId? }` → `{ message, contentHash, recipients }` |
 * | `POST /api/outreach/announcements` | the same plus `contentHash` from the preview → 201 `{ id, recipientCount }`; 409 if it changed |
 * | `GET /api/outreach/announcements[/:id]` | announcements with delivered / failed / blocked counts per channel |
 * | `GET /api/outreach/events`, `POST …/events`, `DELETE …/events/:id` | events (file and dashboard); add and delete dashboard ones |
 * | `GET /api/outreach/faq-drafts` | staff answers waiting for approval (`?status=draft|approved|rejected`) |
 * | `POST /api/outreach/faq-drafts/:id/approve` / `…/reject` | approve (optionally edited: question, answer, topic) into the FAQ, or reject |
 * | `POST /api/outreach/unanswered/:recordId/answer` | `{ answer, approve? }`: send to the asker if reachable, save as draft (approve at once) |
 * | `GET /api/reports/summary` | `?year=2026[&month=11][&commune=…]` → the report |
 * | `GET /api/reports/report.xlsx` | the same as a workbook, one sheet per section |
 */
import crypto from "node:crypto";
import express, { type Request, type Response } from "express";
import { z } from "zod";
import { InputError } from "../errors.js";
import { TOPICS } from "../knowledge/types.js";
import { foldedKey } from "../knowledge/vietnamese.js";
import type { Logger } from "../logger.js";
import { AnnouncementChangedError, MAX_ANNOUNCEMENT_CHARS, MAX_LINK_CHARS, type AnnouncementDraft } from "../outreach/announcement-service.js";
import type { Outreach } from "../outreach/create-outreach.js";
import { buildOutreachReport, type ReportRequest } from "../outreach/outreach-report.js";
import { reportToXlsx } from "../outreach/report-xlsx.js";
import { StaffFollowUpError } from "../outreach/staff-follow-up.js";
import { isIsoDate, localIsoDate } from "../store/local-date.js";
import { OUTREACH_TOPICS, type AnnouncementWithCounts, type StaffAnswer } from "../store/outreach-store.js";
import type { StatsStore } from "../store/store.js";
import type { DashboardAuth } from "./dashboard-auth.js";
import { resolveCommune } from "./stats-filter.js";
import { requireStaffJson } from "./stats-api.js";
import { staffOf } from "./staff-guard.js";
import type { StaffStore } from "../store/staff-store.js";

export interface OutreachHttpSettings {
  outreach: Outreach;
  stats: StatsStore;
  auth: DashboardAuth;
  logger: Logger;
  /** The first admin (DASHBOARD_USER): the author when no signed-in staff member is known. */
  staffName: string;
  /** Accounts and the audit log: sent announcements and approved FAQ entries are written there. */
  staff?: StaffStore;
  /** Today in Vietnam, `YYYY-MM-DD`; tests fix it. */
  today?: () => string;
  now?: () => Date;
}

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);
const idSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/);

export const draftSchema = z
  .object({
    text: z.string().trim().min(1, "is required").max(MAX_ANNOUNCEMENT_CHARS, `is longer than ${MAX_ANNOUNCEMENT_CHARS} characters`),
    topic: z.enum(OUTREACH_TOPICS, { message: `must be one of ${OUTREACH_TOPICS.join(", ")}` }),
    communes: z.array(z.string().max(100)).max(20).default([]),
    link: z.preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .max(MAX_LINK_CHARS, `is longer than ${MAX_LINK_CHARS} characters`)
        .pipe(z.url({ protocol: /^https?$/, message: "must be an http:// or https:// address" }))
        .nullish(),
    ),
    eventId: z.preprocess(blankToNull, idSchema.nullish()),
  })
  .strict();

const confirmSchema = draftSchema.extend({ contentHash: z.string().regex(/^[0-9a-f]{64}$/, "must be the contentHash of the preview") }).strict();

const optionalField = (max: number) => z.preprocess(blankToNull, z.string().trim().max(max, `is longer than ${max} characters`).nullish());

const eventSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(200, "is longer than 200 characters"),
    date: z.string().refine(isIsoDate, "must be a real date written YYYY-MM-DD"),
    time: z.preprocess(blankToNull, z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time HH:MM").nullish()),
    place: z.string().trim().min(1, "is required").max(300, "is longer than 300 characters"),
    commune: optionalField(100),
    audience: optionalField(300),
    organiser: optionalField(300),
    contact: optionalField(300),
  })
  .strict();

const approveSchema = z
  .object({
    question: z.string().trim().min(1).max(2000).optional(),
    answer: z.string().trim().min(1).max(4000).optional(),
    topic: z.enum(TOPICS, { message: `must be one of ${TOPICS.join(", ")}` }).optional(),
  })
  .strict();

const answerSchema = z
  .object({
    answer: z.string().trim().min(1, "is required").max(4000, "is longer than 4000 characters"),
    approve: z.boolean().optional(),
  })
  .strict();

const reportSchema = z
  .object({
    year: z.preprocess(blankToNull, z.string().regex(/^\d{4}$/, "must be a year such as 2026").transform(Number).pipe(z.number().min(2000, "must be 2000 or later").max(2100, "must be 2100 or earlier")).nullish()),
    month: z.preprocess(blankToNull, z.string().regex(/^\d{1,2}$/, "must be 1-12").transform(Number).pipe(z.number().min(1, "must be 1-12").max(12, "must be 1-12")).nullish()),
    commune: z.preprocess(blankToNull, z.string().max(100).nullish()),
  })
  .strict();

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === "unrecognized_keys") throw new InputError("bad_request", `${issue.keys.join(", ")}: unknown field`);
  throw new InputError("bad_request", `${issue.path.join(".") || "body"}: ${issue.message}`);
}

/** The communes of a draft or event, as full new names; a 400 naming the field for an unknown one. */
function communesOf(given: string[], settings: OutreachHttpSettings): string[] {
  const communes = settings.outreach.communes();
  return [...new Set(given.filter((c) => c.trim()).map((c) => resolveCommuneOr400(c, communes, "communes")))];
}

function resolveCommuneOr400(given: string, communes: ReturnType<Outreach["communes"]>, field = "commune"): string {
  try {
    return resolveCommune(given, communes);
  } catch {
    throw new InputError("bad_request", `${field}: must be one of ${communes.map((c) => c.name).join(", ")}`);
  }
}

export function toDraft(body: z.infer<typeof draftSchema>, settings: OutreachHttpSettings): AnnouncementDraft {
  return { text: body.text, topic: body.topic, communes: communesOf(body.communes, settings), link: body.link ?? null, eventId: body.eventId ?? null };
}

/** The report request from the query; a 400 naming the parameter otherwise. */
export function parseReportQuery(query: unknown, settings: OutreachHttpSettings): ReportRequest {
  const parsed = parse(reportSchema, query);
  const year = parsed.year ?? Number((settings.today?.() ?? localIsoDate(settings.now?.() ?? new Date())).slice(0, 4));
  const commune = parsed.commune ? resolveCommuneOr400(parsed.commune, settings.outreach.communes()) : undefined;
  return { year, ...(parsed.month ? { month: parsed.month } : {}), ...(commune ? { commune } : {}) };
}

export function reportDeps(settings: OutreachHttpSettings) {
  return {
    stats: settings.stats,
    outreach: settings.outreach.store,
    events: settings.outreach.events,
    communes: settings.outreach.communes().map((c) => c.name),
    now: settings.now,
  };
}

function announcementJson(a: AnnouncementWithCounts) {
  return {
    id: a.id,
    createdAt: a.createdAt.toISOString(),
    author: a.author,
    topic: a.topic,
    communes: a.communes,
    text: a.text,
    link: a.link,
    message: a.message,
    contentHash: a.contentHash,
    eventId: a.eventId,
    status: a.status,
    recipientCount: a.recipientCount,
    finishedAt: a.finishedAt?.toISOString() ?? null,
    counts: a.counts,
    byChannel: a.byChannel,
  };
}

function staffAnswerJson(a: StaffAnswer) {
  return {
    id: a.id,
    recordId: a.recordId,
    question: a.question,
    answer: a.answer,
    topic: a.topic,
    commune: a.commune,
    answeredBy: a.answeredBy,
    answeredAt: a.answeredAt.toISOString(),
    delivered: a.delivered,
    channel: a.channel,
    status: a.status,
    faqId: a.faqId,
    reviewedBy: a.reviewedBy,
    reviewedAt: a.reviewedAt?.toISOString() ?? null,
  };
}

function notFound(res: Response, message: string): void {
  res.status(404).json({ error: { code: "not_found", message } });
}

function followUpError(res: Response, error: unknown): boolean {
  if (!(error instanceof StaffFollowUpError)) return false;
  if (error.code === "not_found") notFound(res, error.message);
  else res.status(409).json({ error: { code: "conflict", message: error.message } });
  return true;
}

export function createOutreachApiRouter(settings: OutreachHttpSettings): express.Router {
  const router = express.Router();
  const guard = requireStaffJson(settings.auth);
  const { outreach } = settings;
  const now = () => settings.now?.() ?? new Date();
  // Every answer here is private and current.
  router.use(["/api/outreach", "/api/reports"], guard, (_req: Request, res: Response, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  router.get("/api/outreach/subscribers", async (_req, res, next) => {
    try {
      res.json(await outreach.store.subscriberCounts());
    } catch (error) {
      next(error);
    }
  });

  router.post("/api/outreach/announcements/preview", async (req, res, next) => {
    try {
      res.json(await outreach.announcements.preview(toDraft(parse(draftSchema, req.body), settings)));
    } catch (error) {
      next(error);
    }
  });

  router.post("/api/outreach/announcements", async (req, res, next) => {
    try {
      const body = parse(confirmSchema, req.body);
      const { contentHash, ...draft } = body;
      const author = staffOf(req)?.user ?? settings.staffName;
      const queued = await outreach.announcements.confirm(toDraft(draft, settings), { author, contentHash });
      await settings.staff?.audit(author, "announcement.send", `${queued.id}: ${draft.topic}, ${queued.recipientCount} recipients`);
      res.status(201).json(queued);
    } catch (error) {
      if (error instanceof AnnouncementChangedError) {
        res.status(409).json({ error: { code: "conflict", message: error.message } });
        return;
      }
      next(error);
    }
  });

  router.get("/api/outreach/announcements", async (_req, res, next) => {
    try {
      res.json({ items: (await outreach.announcements.list(100)).map(announcementJson) });
    } catch (error) {
      next(error);
    }
  });

  router.get("/api/outreach/announcements/:id", async (req, res, next) => {
    try {
      const id = z.uuid().safeParse(req.params.id);
      const found = id.success ? await outreach.store.getAnnouncement(id.data) : undefined;
      if (!found) return notFound(res, "No such announcement");
      res.json(announcementJson(found));
    } catch (error) {
      next(error);
    }
  });

  router.get("/api/outreach/events", async (_req, res, next) => {
    try {
      const all = await outreach.events.all();
      const upcoming = new Set((await outreach.events.upcoming(now())).map((e) => e.id));
      res.json({ upcoming: all.filter((e) => upcoming.has(e.id)), past: all.filter((e) => !upcoming.has(e.id)), issues: outreach.events.issues });
    } catch (error) {
      next(error);
    }
  });

  router.post("/api/outreach/events", async (req, res, next) => {
    try {
      const body = parse(eventSchema, req.body);
      const commune = body.commune ? resolveCommuneOr400(body.commune, outreach.communes()) : null;
      const event = {
        id: crypto.randomUUID(),
        name: body.name,
        date: body.date,
        time: body.time ?? null,
        place: body.place,
        commune,
        audience: body.audience ?? null,
        organiser: body.organiser ?? null,
        contact: body.contact ?? null,
        createdAt: now(),
        author: staffOf(req)?.user ?? settings.staffName,
      };
      await outreach.store.addEvent(event);
      settings.logger.info({ date: event.date, commune: Boolean(commune) }, "event added in the dashboard");
      res.status(201).json({ ...event, createdAt: event.createdAt.toISOString() });
    } catch (error) {
      next(error);
    }
  });

  router.delete("/api/outreach/events/:id", async (req, res, next) => {
    try {
      const id = idSchema.safeParse(req.params.id);
      if (!id.success || !(await outreach.store.deleteEvent(id.data))) return notFound(res, "No such event added in the dashboard (events of knowledge/events are edited in their file)");
      res.status(204).end();
    } catch (error) {
      next(error);
    }
  });

  router.get("/api/outreach/faq-drafts", async (req, res, next) => {
    try {
      const status = z.enum(["draft", "approved", "rejected"]).optional().safeParse(req.query.status || undefined);
      if (!status.success) throw new InputError("bad_request", "status: must be draft, approved or rejected");
      res.json({ items: (await outreach.store.listStaffAnswers({ status: status.data ?? "draft" })).map(staffAnswerJson) });
    } catch (error) {
      next(error);
    }
  });

  router.post("/api/outreach/faq-drafts/:id/approve", async (req, res, next) => {
    try {
      const id = z.uuid().safeParse(req.params.id);
      if (!id.success) return notFound(res, "No such staff answer");
      const who = staffOf(req)?.user ?? settings.staffName;
      const approved = await outreach.followUp.approve(id.data, parse(approveSchema, req.body), who);
      await settings.staff?.audit(who, "faq.approve", id.data);
      res.json(staffAnswerJson(approved));
    } catch (error) {
      if (!followUpError(res, error)) next(error);
    }
  });

  router.post("/api/outreach/faq-drafts/:id/reject", async (req, res, next) => {
    try {
      const id = z.uuid().safeParse(req.params.id);
      if (!id.success) return notFound(res, "No such staff answer");
      await outreach.followUp.reject(id.data, staffOf(req)?.user ?? settings.staffName);
      res.json({ ok: true, id: id.data, status: "rejected" });
    } catch (error) {
      if (!followUpError(res, error)) next(error);
    }
  });

  router.post("/api/outreach/unanswered/:recordId/answer", async (req, res, next) => {
    try {
      const recordId = idSchema.safeParse(req.params.recordId);
      if (!recordId.success) return notFound(res, "No such question");
      const body = parse(answerSchema, req.body);
      const who = staffOf(req)?.user ?? settings.staffName;
      const result = await outreach.followUp.answerFromDashboard(recordId.data, body.answer, who);
      const answer = body.approve ? await outreach.followUp.approve(result.answer.id, {}, who) : result.answer;
      if (body.approve) await settings.staff?.audit(who, "faq.approve", answer.id);
      res.json({ delivered: result.delivered, answer: staffAnswerJson(answer) });
    } catch (error) {
      if (!followUpError(res, error)) next(error);
    }
  });

  router.get("/api/reports/summary", async (req, res, next) => {
    try {
      const report = await buildOutreachReport(reportDeps(settings), parseReportQuery(req.query, settings));
      res.json(report);
    } catch (error) {
      next(error);
    }
  });

  router.get("/api/reports/report.xlsx", async (req, res, next) => {
    try {
      const request = parseReportQuery(req.query, settings);
      const report = await buildOutreachReport(reportDeps(settings), request);
      const name = `bao-cao_${request.year}${request.month ? `-${String(request.month).padStart(2, "0")}` : ""}${request.commune ? `_${foldedKey(request.commune).replace(/ /g, "-")}` : ""}.xlsx`;
      res.setHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
      res.send(await reportToXlsx(report));
    } catch (error) {
      next(error);
    }
  });

  return router;
}

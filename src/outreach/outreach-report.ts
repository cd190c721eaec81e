/**
 * The monthly and yearly report the plan asks for ("hằng năm tổng hợp, báo cáo kết quả"), for the
 * whole area or one commune: questions by topic, channel and role, the answered share, feedback,
 * the most asked questions, announcements sent and their reach, events held, staff answers.
 *
 * The question figures come from the same daily counts as `GET /api/stats/summary` (the store's
 * `breakdown`), so the report and the stats API always agree for the same period and commune.
 *
 * ```ts
 * const report = await buildOutreachReport(deps, { year: 2026, month: 11 });
 * const xlsx = await reportToXlsx(report);
 * ```
 */
import { groupSimilarQuestions, type QuestionGroup } from "../stats/top-questions.js";
import { addDays, localDateTime, localDayEndMs, localDayStartMs } from "../store/local-date.js";
import type { AnnouncementTotals, OutreachStore } from "../store/outreach-store.js";
import { UNKNOWN_COMMUNE_KEY, type StatsBreakdown, type StatsFilter, type StatsStore } from "../store/store.js";
import type { CatalogEvent, EventCatalog } from "./event-catalog.js";

export interface ReportRequest {
  year: number;
  /** 1–12; absent = the whole year. */
  month?: number;
  /** A new commune's full name; absent = the whole area. */
  commune?: string;
}

/** One commune's line of the whole-area report. */
export interface CommuneLine {
  /** New commune name, or `unknown` for questions with no known commune. */
  commune: string;
  total: number;
  answered: number;
  unanswered: number;
  feedbackUp: number;
  feedbackDown: number;
  /** Announcements that targeted the commune (or all communes). */
  announcements: number;
  /** Messages delivered to subscribers who chose this commune. */
  reach: number;
  eventsHeld: number;
}

export interface OutreachReport {
  request: ReportRequest;
  /** Inclusive local dates. */
  from: string;
  to: string;
  /** `YYYY-MM-DD HH:MM:SS`, Vietnam time. */
  generatedAt: string;
  /** Same numbers as the stats API for `from`…`to` (and the commune). */
  questions: StatsBreakdown;
  /** answered ÷ total, 0 when there is no question. */
  answeredShare: number;
  topQuestions: QuestionGroup[];
  /** Whole-area report only: one line per new commune, then `unknown`. */
  communes: CommuneLine[];
  announcements: AnnouncementTotals;
  staffAnswers: number;
  eventsHeld: CatalogEvent[];
  /** Subscribers when the report was made (not of the period: subscriptions keep no history of counts). */
  subscribers: { total: number; byChannel: Record<string, number>; byTopic: Record<string, number> };
}

export interface ReportDeps {
  stats: Pick<StatsStore, "breakdown" | "questionCounts">;
  outreach: Pick<OutreachStore, "announcementTotals" | "staffAnswerCount" | "subscriberCounts">;
  events: Pick<EventCatalog, "held">;
  /** The six new communes' full names. */
  communes: string[];
  now?: () => Date;
}

/** Most asked question groups listed. */
const TOP_QUESTIONS = 20;

/** The local date range of a report: a month or a calendar year. */
export function reportRange(request: Pick<ReportRequest, "year" | "month">): { from: string; to: string } {
  const y = String(request.year).padStart(4, "0");
  if (!request.month) return { from: `${y}-01-01`, to: `${y}-12-31` };
  const m = String(request.month).padStart(2, "0");
  const from = `${y}-${m}-01`;
  const next = request.month === 12 ? `${String(request.year + 1).padStart(4, "0")}-01-01` : `${y}-${String(request.month + 1).padStart(2, "0")}-01`;
  return { from, to: addDays(next, -1) };
}

export async function buildOutreachReport(deps: ReportDeps, request: ReportRequest): Promise<OutreachReport> {
  const now = deps.now?.() ?? new Date();
  const { from, to } = reportRange(request);
  const filter: StatsFilter = { from, to, ...(request.commune ? { commune: request.commune } : {}) };
  const range = { fromMs: localDayStartMs(from), toMs: localDayEndMs(to) };
  const [questions, counts, announcements, staffAnswers, eventsHeld, subscribers] = await Promise.all([
    deps.stats.breakdown(filter),
    deps.stats.questionCounts(filter),
    deps.outreach.announcementTotals({ ...range, commune: request.commune }),
    deps.outreach.staffAnswerCount({ ...range, commune: request.commune }),
    deps.events.held({ from, to, now, commune: request.commune }),
    deps.outreach.subscriberCounts(),
  ]);
  const communes = request.commune ? [] : await communeLines(deps, { from, to, now }, range, questions);
  return {
    request,
    from,
    to,
    generatedAt: localDateTime(now),
    questions,
    answeredShare: questions.total === 0 ? 0 : questions.answered / questions.total,
    topQuestions: groupSimilarQuestions(counts, { limit: TOP_QUESTIONS }),
    communes,
    announcements,
    staffAnswers,
    eventsHeld,
    subscribers,
  };
}

async function communeLines(
  deps: ReportDeps,
  period: { from: string; to: string; now: Date },
  range: { fromMs: number; toMs: number },
  whole: StatsBreakdown,
): Promise<CommuneLine[]> {
  const lines = await Promise.all(
    deps.communes.map(async (commune): Promise<CommuneLine> => {
      const [b, a, events] = await Promise.all([
        deps.stats.breakdown({ from: period.from, to: period.to, commune }),
        deps.outreach.announcementTotals({ ...range, commune }),
        deps.events.held({ ...period, commune }),
      ]);
      return {
        commune,
        total: b.total,
        answered: b.answered,
        unanswered: b.unanswered,
        feedbackUp: b.feedback.up,
        feedbackDown: b.feedback.down,
        announcements: a.announcements,
        reach: a.delivered,
        eventsHeld: events.length,
      };
    }),
  );
  // What no commune claims: questions of unknown commune, area-wide events, subscribers of the whole area.
  const sum = (pick: (line: CommuneLine) => number) => lines.reduce((n, line) => n + pick(line), 0);
  lines.push({
    commune: UNKNOWN_COMMUNE_KEY,
    total: whole.total - sum((l) => l.total),
    answered: whole.answered - sum((l) => l.answered),
    unanswered: whole.unanswered - sum((l) => l.unanswered),
    feedbackUp: whole.feedback.up - sum((l) => l.feedbackUp),
    feedbackDown: whole.feedback.down - sum((l) => l.feedbackDown),
    announcements: 0,
    reach: 0,
    eventsHeld: 0,
  });
  return lines;
}

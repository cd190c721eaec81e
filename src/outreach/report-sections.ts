/**
 * The report as labelled tables, one per section, in Vietnamese: the printable page shows them as
 * HTML tables and the `.xlsx` download as one sheet each, so both always say the same.
 */
import { channelLabelsVi, currentOrganisation, outreachDashboardVi, outreachTopicLabelsVi, outreachVi, roleLabelsVi, topicLabelsVi } from "../messages-vi.js";
import { TOPICS } from "../knowledge/types.js";
import { UNKNOWN_COMMUNE_KEY } from "../store/store.js";
import type { OutreachReport } from "./outreach-report.js";

const T = outreachDashboardVi;

export type Cell = string | number;

export interface ReportSection {
  /** HTML id and test hook, e.g. `overview`. */
  id: string;
  title: string;
  /** Sheet name (at most 31 characters, no `/`). */
  sheet: string;
  columns: string[];
  rows: Cell[][];
  /** Shown when there are no rows. */
  empty?: string;
}

/** 0.8123 → "81,2 %". */
export function percent(share: number): string {
  return `${(share * 100).toLocaleString("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
}

export function reportTitle(report: OutreachReport): string {
  const { year, month, commune } = report.request;
  const period = month ? T.monthPeriod(month, year) : T.yearPeriod(year);
  // The operator (ORG_NAME) heads every report, on the page, in print and in the workbook.
  return `${T.reportFor(period, commune ?? T.wholeArea)} – ${currentOrganisation().name}`;
}

export function reportSections(report: OutreachReport): ReportSection[] {
  const q = report.questions;
  const share = (n: number) => (q.total === 0 ? percent(0) : percent(n / q.total));
  const byKey = (counts: Record<string, number>, keys: readonly string[], labels: Record<string, string>): Cell[][] =>
    keys.filter((k) => (counts[k] ?? 0) > 0).map((k) => [labels[k] ?? k, counts[k] ?? 0, share(counts[k] ?? 0)]);
  const a = report.announcements;
  const sections: ReportSection[] = [
    {
      id: "overview",
      title: T.sectionOverview,
      sheet: "Tổng quan",
      columns: [T.item, T.value],
      rows: [
        [T.reportCommune, report.request.commune ?? T.wholeArea],
        [T.date, `${formatDate(report.from)} – ${formatDate(report.to)}`],
        [T.totalQuestions, q.total],
        [T.answeredCount, q.answered],
        [T.unansweredCount, q.unanswered],
        [T.answeredShare, percent(report.answeredShare)],
        [T.feedbackUp, q.feedback.up],
        [T.feedbackDown, q.feedback.down],
        [T.staffAnswers, report.staffAnswers],
        [T.announcementsSent, a.announcements],
        ...Object.keys(a.byTopic)
          .sort()
          .map((topic): Cell[] => [`${T.announcementsSent} – ${outreachTopicLabelsVi[topic] ?? topic}`, a.byTopic[topic]!]),
        [T.reach, a.delivered],
        [T.eventsHeld, report.eventsHeld.length],
        [T.subscribersNow, report.subscribers.total],
      ],
    },
    {
      id: "topics",
      title: T.sectionTopics,
      sheet: "Theo chủ đề",
      columns: [T.topic, T.count, T.share],
      rows: byKey(q.byTopic, TOPICS, topicLabelsVi),
      empty: T.noData,
    },
    {
      id: "channels",
      title: T.sectionChannels,
      sheet: "Theo kênh",
      columns: [T.channel, T.count, T.share],
      rows: byKey(q.byChannel, Object.keys(q.byChannel).sort(), channelLabelsVi),
      empty: T.noData,
    },
    {
      id: "roles",
      title: T.sectionRoles,
      sheet: "Theo người hỏi",
      columns: [T.sectionRoles, T.count, T.share],
      rows: byKey(q.byRole, ["student", "parent", "unknown"], roleLabelsVi),
      empty: T.noData,
    },
  ];
  if (report.communes.length > 0) {
    sections.push({
      id: "communes",
      title: T.sectionCommunes,
      sheet: "Theo xã",
      columns: [T.commune, T.totalQuestions, T.answeredCount, T.unansweredCount, T.answeredShare, T.feedbackUp, T.feedbackDown, T.announcementsSent, T.reach, T.eventsHeld],
      rows: report.communes.map((line) => [
        line.commune === UNKNOWN_COMMUNE_KEY ? `${T.commune} ${outreachVi.unknownCommune}` : line.commune,
        line.total,
        line.answered,
        line.unanswered,
        line.total === 0 ? percent(0) : percent(line.answered / line.total),
        line.feedbackUp,
        line.feedbackDown,
        line.announcements,
        line.reach,
        line.eventsHeld,
      ]),
    });
  }
  sections.push(
    {
      id: "feedback",
      title: T.sectionFeedback,
      sheet: "Góp ý",
      columns: [T.sectionFeedback, T.count],
      rows: [
        [T.feedbackUp, q.feedback.up],
        [T.feedbackDown, q.feedback.down],
      ],
    },
    {
      id: "top-questions",
      title: T.sectionTopQuestions,
      sheet: "Câu hỏi thường gặp",
      columns: [T.times, T.exampleQuestion],
      rows: report.topQuestions.map((g) => [g.count, g.example]),
      empty: T.noData,
    },
    {
      id: "announcements",
      title: T.sectionAnnouncements,
      sheet: "Thông báo",
      columns: [T.channel, T.recipientCount, T.delivered, T.failed, T.blocked],
      rows: [
        ...Object.keys(a.byChannel)
          .sort()
          .map((channel): Cell[] => {
            const c = a.byChannel[channel]!;
            return [channelLabelsVi[channel] ?? channel, c.recipients, c.delivered, c.failed, c.blocked];
          }),
        [T.total, a.recipients, a.delivered, a.failed, a.blocked],
      ],
    },
    {
      id: "events",
      title: T.sectionEvents,
      sheet: "Sự kiện",
      columns: [T.date, T.eventTime, T.eventName, T.eventPlace, T.eventCommune, T.eventOrganiser],
      rows: report.eventsHeld.map((e) => [formatDate(e.date), e.time ?? "", e.name, e.place, e.commune ?? T.wholeArea, e.organiser ?? ""]),
      empty: T.noData,
    },
  );
  return sections;
}

function formatDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

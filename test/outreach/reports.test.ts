/**
 * The monthly and yearly report: its question figures equal GET /api/stats/summary for the same
 * period (whole area and one commune), the commune lines add up to the whole, announcements and
 * their reach, events held and staff answers are counted; the `.xlsx` has one sheet per section
 * with the same numbers; the printable page shows them.
 */
import crypto from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutreachReport } from "../../src/outreach/outreach-report.js";
import type { StatsSummary } from "../../src/store/store.js";
import { localIsoDate } from "../../src/store/local-date.js";
import { makeRecord } from "../helpers/test-stores.js";
import { startOutreachHarness, until, type OutreachHarness } from "./helpers/outreach-harness.js";
import { seedAnnouncement, seedSubscribers } from "./helpers/seed.js";

let h: OutreachHarness;
const COMMUNES = ["Xã Long Hiệp", "Xã Tập Sơn", "Xã Trà Cú", null] as const;
const TOPICS = ["work_abroad", "vocational_training_options", "tuition_and_support", "labour_market_jobs", "phan_luong_policy"] as const;
const CHANNELS = ["telegram", "zalo", "web", "api"] as const;
// The announcement and the staff answer are made now, so they fall in the current Vietnam month
// (the seeded questions and events stay in November 2026).
const [NOW_YEAR, NOW_MONTH] = localIsoDate(new Date()).split("-").map(Number) as [number, number];
const THIS_MONTH = `year=${NOW_YEAR}&month=${NOW_MONTH}`;

beforeAll(async () => {
  h = await startOutreachHarness();
  // 120 questions over 2026, most in November, spread over communes, topics, channels and roles.
  const records = Array.from({ length: 120 }, (_, i) => {
    const month = i % 3 === 0 ? 1 + (i % 10) : 10; // 0-based: November for two thirds
    const dayOfMonth = 1 + (i % 27);
    return makeRecord({
      at: new Date(Date.UTC(2026, month, dayOfMonth, (i * 5) % 24, 10)),
      commune: COMMUNES[i % COMMUNES.length]!,
      topic: TOPICS[i % TOPICS.length]!,
      channel: CHANNELS[i % CHANNELS.length]!,
      role: (["student", "parent", "unknown"] as const)[i % 3]!,
      answered: i % 5 !== 0,
      feedback: i % 7 === 0 ? "up" : i % 11 === 0 ? "down" : null,
      question: i % 4 === 0 ? "Học nghề ở đâu?" : `Câu hỏi số ${i}`,
    });
  });
  await h.store.insertRecords(records);
  // One announcement this month to Long Hiệp subscribers and the whole area.
  await seedSubscribers({ store: h.outreach.store, cipher: h.outreach.cipher, userKey: h.userKey }, [
    { channel: "telegram", chatId: "6600000001", topics: ["su_kien"], commune: "Xã Long Hiệp" },
    { channel: "telegram", chatId: "6600000002", topics: ["su_kien"], commune: null },
    { channel: "zalo", chatId: "zalo-report-1", topics: ["su_kien"], commune: "Xã Long Hiệp" },
    { channel: "zalo", chatId: "zalo-report-2", topics: ["su_kien"], commune: "Xã Tập Sơn" },
  ]);
  h.telegram.blocked.add("6600000002");
  const { id } = await seedAnnouncement(h.outreach.store, { topic: "su_kien", communes: ["Xã Long Hiệp"] });
  h.outreach.worker.wake();
  await until(async () => (await h.outreach.store.getAnnouncement(id))?.status === "done", "announcement sent");
  // Events: two held in November (one in Long Hiệp), one still to come.
  for (const event of [
    { name: "Ngày hội tháng 11", date: "2026-11-10", place: "Hội trường", commune: "Xã Long Hiệp" },
    { name: "Hội thảo tháng 11", date: "2026-11-20", place: "Nhà văn hóa" },
    { name: "Ngày hội năm sau", date: "2027-03-01", place: "Hội trường" },
  ]) {
    expect((await h.api("POST", "/api/outreach/events", event)).status).toBe(201);
  }
  await h.outreach.store.saveStaffAnswer({
    id: crypto.randomUUID(),
    recordId: null,
    question: "Câu hỏi khó",
    answer: "Trả lời",
    topic: "out_of_scope",
    commune: "Xã Long Hiệp",
    answeredBy: "canbo",
    answeredAt: new Date(),
    delivered: false,
    channel: null,
    status: "draft",
    faqId: null,
    reviewedBy: null,
    reviewedAt: null,
  });
});
afterAll(async () => {
  await h?.close();
});

async function json<T>(route: string): Promise<T> {
  const res = await h.api("GET", route);
  expect(res.status, route).toBe(200);
  return (await res.json()) as T;
}

const SUMMARY_KEYS = ["total", "answered", "unanswered", "byChannel", "byTopic", "byCommune", "byRole", "byDay"] as const;

function pick(summary: StatsSummary) {
  return Object.fromEntries(SUMMARY_KEYS.map((k) => [k, summary[k]]));
}

describe("reports", () => {
  it("should give the same question figures as the stats API for a month, a year and a commune", async () => {
    const cases: [string, string][] = [
      ["year=2026&month=11", "from=2026-11-01&to=2026-11-30"],
      ["year=2026", "from=2026-01-01&to=2026-12-31"],
      ["year=2026&month=11&commune=Long%20Hi%E1%BB%87p", "from=2026-11-01&to=2026-11-30&commune=Long%20Hi%E1%BB%87p"],
      ["year=2026&month=2", "from=2026-02-01&to=2026-02-28"],
    ];
    for (const [reportQuery, statsQuery] of cases) {
      const report = await json<OutreachReport>(`/api/reports/summary?${reportQuery}`);
      const stats = await json<StatsSummary>(`/api/stats/summary?${statsQuery}`);
      expect(pick(report.questions), reportQuery).toEqual(pick(stats));
      expect(report.answeredShare).toBeCloseTo(stats.total ? stats.answered / stats.total : 0, 10);
    }
    const november = await json<OutreachReport>("/api/reports/summary?year=2026&month=11");
    expect(november.questions.total).toBeGreaterThan(50);
  });

  it("should split the whole area into commune lines that add up to it", async () => {
    const report = await json<OutreachReport>("/api/reports/summary?year=2026&month=11");
    expect(report.communes.map((c) => c.commune)).toEqual([...h.outreach.communes().map((c) => c.name), "unknown"]);
    const sum = (key: "total" | "answered" | "unanswered" | "feedbackUp" | "feedbackDown") => report.communes.reduce((n, c) => n + c[key], 0);
    expect(sum("total")).toBe(report.questions.total);
    expect(sum("answered")).toBe(report.questions.answered);
    expect(sum("unanswered")).toBe(report.questions.unanswered);
    expect(sum("feedbackUp")).toBe(report.questions.feedback.up);
    expect(sum("feedbackDown")).toBe(report.questions.feedback.down);
    for (const line of report.communes.filter((c) => c.commune !== "unknown")) {
      const stats = await json<StatsSummary>(`/api/stats/summary?from=2026-11-01&to=2026-11-30&commune=${encodeURIComponent(line.commune)}`);
      expect(line.total, line.commune).toBe(stats.total);
      expect(line.answered, line.commune).toBe(stats.answered);
    }
  });

  it("should count announcements and their reach, events held and staff answers", async () => {
    const november = await json<OutreachReport>("/api/reports/summary?year=2026&month=11");
    expect(november.eventsHeld.map((e) => e.name)).toEqual(["Ngày hội tháng 11", "Hội thảo tháng 11"]);
    expect(november.communes.find((c) => c.commune === "Xã Long Hiệp")).toMatchObject({ eventsHeld: 1 });
    const report = await json<OutreachReport>(`/api/reports/summary?${THIS_MONTH}`);
    expect(report.announcements).toMatchObject({ announcements: 1, recipients: 3, delivered: 2, blocked: 1, failed: 0 });
    expect(report.announcements.byChannel).toEqual({ telegram: { recipients: 2, delivered: 1, failed: 0, blocked: 1 }, zalo: { recipients: 1, delivered: 1, failed: 0, blocked: 0 } });
    expect(report.staffAnswers).toBe(1);
    const longHiep = report.communes.find((c) => c.commune === "Xã Long Hiệp")!;
    expect(longHiep).toMatchObject({ announcements: 1, reach: 2 });
    const commune = await json<OutreachReport>(`/api/reports/summary?${THIS_MONTH}&commune=${encodeURIComponent("Xã Tập Sơn")}`);
    expect(commune.announcements.announcements).toBe(0);
    const communeNovember = await json<OutreachReport>(`/api/reports/summary?year=2026&month=11&commune=${encodeURIComponent("Xã Tập Sơn")}`);
    expect(communeNovember.eventsHeld).toEqual([]);
  });

  it("should refuse a bad period or commune with a 400 naming it", async () => {
    for (const [query, field] of [["year=26", "year"], ["year=2026&month=13", "month"], ["commune=Hà Nội", "commune"], ["week=3", "week"]] as const) {
      const res = await h.api("GET", `/api/reports/summary?${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, query).toMatch(new RegExp(`^${field}`));
    }
  });

  it("should download the report as .xlsx with one sheet per section and the same numbers", async () => {
    const res = await h.api("GET", "/api/reports/report.xlsx?year=2026&month=11");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(res.headers.get("content-disposition")).toContain("bao-cao_2026-11.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Tổng quan", "Theo chủ đề", "Theo kênh", "Theo người hỏi", "Theo xã", "Góp ý", "Câu hỏi thường gặp", "Thông báo", "Sự kiện"]);
    const report = await json<OutreachReport>("/api/reports/summary?year=2026&month=11");
    const rows = (name: string) => workbook.getWorksheet(name)!.getSheetValues().slice(3).filter(Boolean) as unknown[][];
    const overview = new Map(rows("Tổng quan").map((r) => [r[1], r[2]]));
    expect(overview.get("Tổng số câu hỏi")).toBe(report.questions.total);
    expect(overview.get("Trả lời được")).toBe(report.questions.answered);
    // The announcement went out this month: its reach is on this month's workbook.
    const thisMonth = new ExcelJS.Workbook();
    await thisMonth.xlsx.load(Buffer.from(await (await h.api("GET", `/api/reports/report.xlsx?${THIS_MONTH}`)).arrayBuffer()) as unknown as ExcelJS.Buffer);
    const thisMonthOverview = new Map((thisMonth.getWorksheet("Tổng quan")!.getSheetValues().slice(3).filter(Boolean) as unknown[][]).map((r) => [r[1], r[2]]));
    expect(thisMonthOverview.get("Lượt nhận được")).toBe(2);
    const topicSum = rows("Theo chủ đề").reduce((n, r) => n + Number(r[2]), 0);
    expect(topicSum).toBe(report.questions.total);
    const channelSum = rows("Theo kênh").reduce((n, r) => n + Number(r[2]), 0);
    expect(channelSum).toBe(report.questions.total);
    expect(rows("Sự kiện")).toHaveLength(2);
  });

  it("should show a printable report page behind the login", async () => {
    expect((await fetch(`${h.url}/dashboard/report?year=2026&month=11`, { redirect: "manual" })).status).toBe(303);
    const res = await fetch(`${h.url}/dashboard/report?year=2026&month=11`, { headers: { authorization: h.basic } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const report = await json<OutreachReport>("/api/reports/summary?year=2026&month=11");
    for (const id of ["overview", "topics", "channels", "roles", "communes", "feedback", "top-questions", "announcements", "events"]) expect(html).toContain(`id="r-${id}"`);
    expect(html).toContain("Báo cáo tháng 11/2026 – Cả vùng Trà Cú");
    expect(html).toMatch(new RegExp(`Tổng số câu hỏi</th><td class="num">${report.questions.total}</td>`));
    expect(html).toContain('href="/api/reports/report.xlsx?year=2026&amp;month=11"');
    const css = await (await fetch(`${h.url}/dashboard/assets/outreach.css`)).text();
    expect(css).toContain("@media print");
  });
});

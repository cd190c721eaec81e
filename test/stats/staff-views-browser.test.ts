/**
 * What staff see and correct, in headless Chromium at desktop and phone width, against the whole
 * bot over real HTTP (outreach harness: real store, conversation, dashboard, follow-up):
 * - the bot's reply (masked, as stored) beside each question in every list and in the CSV export;
 * - "Trả lời sai" puts a reply in the follow-up queue, where the answer → draft → approval loop
 *   takes it, and the approved answer also becomes a question-bank example;
 * - the queue holds unanswered, flagged and 👎 questions; refusals are counted, not queued;
 * - communes counted honestly ("Trà Cú" alone = no commune);
 * - Vietnamese wording without file paths or English labels, dd/mm/yyyy dates, tables that wrap
 *   on a phone, confirmation before deleting; the operator (ORG_NAME, ORG_CONTACT) in reports and
 *   announcements.
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardVi, DEFAULT_ORG_NAME, outreachDashboardVi, queueReasonLabelsVi, repliesVi, setOrganisation } from "../../src/messages-vi.js";
import { addDays, localIsoDate } from "../../src/store/local-date.js";
import type { QueryRecord } from "../../src/store/store.js";
import { DASHBOARD_PASSWORD, DASHBOARD_USER, startOutreachHarness, until, type OutreachHarness } from "../outreach/helpers/outreach-harness.js";
import { makeRecord } from "../helpers/test-stores.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const ORG = { name: "Trung tâm Thử nghiệm Hướng nghiệp", contact: "0294 3000 000" };
const STAFF_PAGES = ["/dashboard", "/dashboard/follow-up", "/dashboard/events", "/dashboard/announcements", "/dashboard/report"];

let h: OutreachHarness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
const wrongReply = "Học phí trung cấp nghề là 5 triệu đồng một năm, gọi [số điện thoại] để hỏi thêm.";
const seeded: Record<"wrong" | "unanswered" | "refusal" | "down", QueryRecord> = {
  wrong: makeRecord({ at: minutesAgo(50), channel: "zalo", question: "Học trung cấp nghề tốn bao nhiêu tiền?", topic: "tuition_and_support", answered: true, reply: wrongReply }),
  unanswered: makeRecord({ at: minutesAgo(40), channel: "telegram", question: "Trường nghề có ký túc xá không?", answered: false, answerer: "offline", reply: repliesVi.notKnown }),
  refusal: makeRecord({ at: minutesAgo(30), channel: "telegram", question: "Giá lúa hôm nay bao nhiêu?", topic: "out_of_scope", answered: false, answerer: "rule", reply: repliesVi.refuseOffTopic }),
  down: makeRecord({ at: minutesAgo(20), channel: "zalo", question: "Đi Hàn theo EPS cần gì?", topic: "work_abroad", answered: true, feedback: "down", reply: "Cần đủ 18 tuổi và thi tiếng Hàn." }),
};

/** Asks through the web chat API, as the page does. */
async function askOnWeb(text: string, userId: string) {
  const res = await fetch(`${h.url}/api/web/message`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId, text }) });
  expect(res.status).toBe(200);
}

/** Visible text of the page: what staff read (input values and attributes are not in it). */
function visibleText(): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install chromium`);
  setOrganisation(ORG);
  h = await startOutreachHarness({ copyKnowledge: true, startWorker: false });
  await h.store.insertRecords(Object.values(seeded));
  // Communes: "Trà Cú" alone is the former district; "xã Trà Cú" is the new commune.
  await askOnWeb("Nhà em ở Trà Cú, học nghề gì thì dễ xin việc?", "web-user-tra-cu-1");
  await askOnWeb("nha em o xa Tra Cu, hoc nghe may o dau", "web-user-tra-cu-2");
  await until(async () => (await h.records()).filter((r) => r.channel === "web").length === 2, "web questions recorded");
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", acceptDownloads: true });
  page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
}, 180_000);

afterAll(async () => {
  setOrganisation({ name: DEFAULT_ORG_NAME });
  await context?.close();
  await browser?.close();
  await h?.close();
});

describe("staff views in Chromium", () => {
  it("should log in and show the bot's reply beside each recent question", async () => {
    await page.goto(`${h.url}/dashboard`);
    await page.getByLabel(dashboardVi.user).fill(DASHBOARD_USER);
    await page.getByLabel(dashboardVi.password).fill(DASHBOARD_PASSWORD);
    await Promise.all([page.waitForURL(`${h.url}/dashboard`), page.getByRole("button", { name: dashboardVi.login }).click()]);
    const row = page.locator(`#recent tr[data-id="${seeded.wrong.id}"]`);
    await expect(row.locator("td.question").textContent()).resolves.toBe(seeded.wrong.question);
    // Masked as stored: the phone number never reached the database.
    await expect(row.locator("td.reply").textContent()).resolves.toBe(wrongReply);
  });

  it("should queue unanswered and 👎 questions with their replies and reasons, and count refusals without queueing them", async () => {
    await expect(page.locator("#card-refusals").textContent()).resolves.toBe("1");
    const queue = page.locator("#queue tbody tr");
    const ids = await queue.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")));
    expect(ids).toContain(seeded.unanswered.id);
    expect(ids).toContain(seeded.down.id);
    expect(ids).not.toContain(seeded.refusal.id);
    expect(ids).not.toContain(seeded.wrong.id);
    const down = page.locator(`#queue tr[data-id="${seeded.down.id}"]`);
    await expect(down.locator("td.reasons").textContent()).resolves.toBe(queueReasonLabelsVi.down);
    await expect(down.locator("td.reply").textContent()).resolves.toBe(seeded.down.reply);
  });

  it("should count 'Trà Cú' alone as no commune and 'xã Trà Cú' as the new commune", async () => {
    const table = page.locator("#chart-communes-title").locator("xpath=ancestor::figure").locator("table tbody");
    const rows = await table.locator("tr").evaluateAll((trs) => trs.map((tr) => [tr.querySelector("th")!.textContent, tr.querySelector("td")!.textContent]));
    const counts = Object.fromEntries(rows);
    expect(counts["Xã Trà Cú"]).toBe("1");
    // The four seeded questions without a commune, and the one naming only the former district.
    expect(counts[dashboardVi.unknownCommune]).toBe("5");
  });

  it("should put a reply marked 'Trả lời sai' in the follow-up queue", async () => {
    const row = page.locator(`#recent tr[data-id="${seeded.wrong.id}"]`);
    await row.getByRole("button", { name: dashboardVi.flagWrong }).click();
    await expect.poll(() => page.locator("#flag-status").textContent()).toBe(dashboardVi.flagSaved);
    await expect(row.getByRole("button", { name: dashboardVi.flagWrong }).getAttribute("aria-pressed")).resolves.toBe("true");
    const queued = await h.store.followUpQueue({ from: addDays(localIsoDate(new Date()), -1), to: localIsoDate(new Date()) });
    expect(queued.find((q) => q.id === seeded.wrong.id)?.reasons).toEqual(["wrong"]);
    await page.reload();
    const inQueue = page.locator(`#queue tr[data-id="${seeded.wrong.id}"]`);
    await expect(inQueue.locator("td.reasons").textContent()).resolves.toBe(queueReasonLabelsVi.wrong);
    await expect(inQueue.locator("td.reply").textContent()).resolves.toBe(wrongReply);
  });

  it("should export the reply and the verdict beside each question in the CSV", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#csv-link").click()]);
    const text = fs.readFileSync((await download.path())!, "utf8");
    const line = text.split("\r\n").find((l) => l.startsWith(seeded.wrong.id))!;
    expect(line).toContain(`${seeded.wrong.question},"${wrongReply}",Trả lời sai,`);
    // Dates as staff read them.
    expect(line).toMatch(/^[^,]+,\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2},/);
  });

  it("should take the flagged reply through answer → draft → approval, into the FAQ and the question bank", async () => {
    await page.goto(`${h.url}/dashboard/follow-up`);
    const article = page.locator(`article.question[data-id="${seeded.wrong.id}"]`);
    await expect(article.locator(".bot-reply").textContent()).resolves.toContain(wrongReply);
    await expect(article.locator(".reasons").textContent()).resolves.toBe(queueReasonLabelsVi.wrong);
    // Refusals are not asked of staff.
    await expect(page.locator(`article.question[data-id="${seeded.refusal.id}"]`).count()).resolves.toBe(0);
    await article.locator(".q-answer").fill("Học trung cấp nghề sau lớp 9 được miễn học phí; hỏi trường nơi bạn định học.");
    await article.locator(".q-approve").check();
    await article.locator("button.answer").click();
    await page.waitForFunction((id) => document.querySelector(`article.question[data-id="${id}"]`)?.getAttribute("data-status") === "approved", seeded.wrong.id);
    const faq = parseYaml(fs.readFileSync(path.join(h.knowledgeDir, "faq", "approved.yaml"), "utf8")) as { id: string; questions: string[] }[];
    const entry = faq.find((e) => e.questions.includes(seeded.wrong.question))!;
    expect(entry).toBeDefined();
    const bank = parseYaml(fs.readFileSync(path.join(h.knowledgeDir, "question-bank", "approved.yaml"), "utf8")) as Record<string, string>[];
    expect(bank).toContainEqual({ text: seeded.wrong.question, topic: "tuition_and_support", faqId: entry.id, source: "staff" });
    // Answered: it leaves the queue of questions waiting for staff.
    await page.reload();
    await expect(page.locator(`article.question[data-id="${seeded.wrong.id}"]`).count()).resolves.toBe(0);
  });

  it("should show the bot's reply beside a staff answer waiting for approval, and ask before dropping it", async () => {
    const article = page.locator(`article.question[data-id="${seeded.down.id}"]`);
    await article.locator(".q-answer").fill("Cần đủ 18 tuổi, không có tiền án, đạt kỳ thi tiếng Hàn (EPS-TOPIK) và đủ sức khỏe.");
    await article.locator("button.answer").click();
    await page.waitForFunction((id) => document.querySelector(`article.question[data-id="${id}"]`)?.getAttribute("data-status") === "draft", seeded.down.id);
    await page.reload();
    const draft = page.locator("article.draft", { has: page.locator(`input.d-question[value="${seeded.down.question}"]`) });
    await expect(draft.locator(".bot-reply").textContent()).resolves.toContain(seeded.down.reply!);
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await draft.locator("button.reject").click();
    await expect.poll(() => asked).toBe(outreachDashboardVi.confirmReject);
    expect((await h.outreach.store.listStaffAnswers({ status: "draft" })).map((d) => d.question)).toContain(seeded.down.question);
    page.once("dialog", (dialog) => void dialog.accept());
    await draft.locator("button.reject").click();
    await expect.poll(() => draft.getAttribute("data-status")).toBe("rejected");
  });

  it("should ask for confirmation before deleting an event", async () => {
    const date = addDays(localIsoDate(new Date()), 10);
    const created = await h.api("POST", "/api/outreach/events", { name: "Buổi tư vấn thử nghiệm", date, place: "Nhà văn hóa xã Tập Sơn" });
    expect(created.status).toBe(201);
    await page.goto(`${h.url}/dashboard/events`);
    const row = page.locator("#events-upcoming tbody tr", { hasText: "Buổi tư vấn thử nghiệm" });
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await row.getByRole("button", { name: outreachDashboardVi.deleteEvent }).click();
    await expect.poll(() => asked).toBe(outreachDashboardVi.confirmDeleteEvent("Buổi tư vấn thử nghiệm"));
    await page.waitForTimeout(300);
    expect((await h.outreach.store.listEvents()).map((e) => e.name)).toContain("Buổi tư vấn thử nghiệm");
    page.once("dialog", (dialog) => void dialog.accept());
    await Promise.all([page.waitForEvent("load"), row.getByRole("button", { name: outreachDashboardVi.deleteEvent }).click()]);
    expect((await h.outreach.store.listEvents()).map((e) => e.name)).not.toContain("Buổi tư vấn thử nghiệm");
    // Dates as dd/mm/yyyy.
    const [y, m, d] = date.split("-");
    await expect(page.locator("body").textContent()).resolves.not.toContain(date);
    expect(`${d}/${m}/${y}`).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });

  it("should word every staff page in Vietnamese, without file paths, English labels or ISO dates", async () => {
    for (const route of STAFF_PAGES) {
      await page.goto(`${h.url}${route}`);
      const text = await visibleText();
      expect(text, route).not.toMatch(/knowledge\/|\.ya?ml\b|\bFAQ\b|\bAPI\b/);
      expect(text, route).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    }
    await page.goto(`${h.url}/dashboard`);
    expect(await visibleText()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
  });

  it("should name the operator (ORG_NAME, ORG_CONTACT) in reports and announcements", async () => {
    await page.goto(`${h.url}/dashboard/report?year=${new Date().getUTCFullYear()}`);
    await expect(page.locator("#report-title").textContent()).resolves.toContain(ORG.name);
    const preview = await (await h.api("POST", "/api/outreach/announcements/preview", { text: "Lịch tư vấn tuần tới.", topic: "su_kien" })).json();
    expect(preview.message).toContain(`📢 Thông báo từ ${ORG.name}`);
    expect(preview.message).toContain(`Liên hệ: ${ORG.contact}`);
    expect(preview.message).not.toContain("Văn hóa - Thông tin");
  });

  it("should wrap every list on a phone: no sideways scrolling, no cut-off question", async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "vi-VN", storageState: await context.storageState() });
    const small = await phone.newPage();
    small.on("pageerror", (error) => problems.push(`page error (phone): ${error.message}`));
    for (const route of STAFF_PAGES) {
      await small.goto(`${h.url}${route}`);
      const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, route).toBeLessThanOrEqual(0);
    }
    await small.goto(`${h.url}/dashboard`);
    // Every question and reply cell lies inside the screen and shows its whole text.
    const cells = await small.locator("#queue td.question, #queue td.reply, #recent td.question, #recent td.reply").evaluateAll((tds) =>
      tds.map((td) => ({ right: td.getBoundingClientRect().right, clipped: td.scrollWidth > td.clientWidth + 1 })),
    );
    expect(cells.length).toBeGreaterThan(4);
    for (const cell of cells) {
      expect(cell.right).toBeLessThanOrEqual(360);
      expect(cell.clipped).toBe(false);
    }
    // Each row is a card that names its columns.
    const label = await small.locator("#queue td.question").first().evaluate((td) => getComputedStyle(td, "::before").content);
    expect(label).toBe(`"${dashboardVi.question}"`);
    await phone.close();
  });

  it("should raise no script or security-policy error on any page", () => {
    expect(problems, problems.join("\n")).toEqual([]);
  });
});

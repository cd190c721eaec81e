/**
 * The outreach pages of the dashboard in headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core), over real HTTP: compose an announcement, preview it with its recipient count,
 * confirm, and see it delivered; add an event and make an announcement from it; answer an
 * unanswered question and approve a staff answer into the FAQ; open the printable report. No
 * script or security-policy error on any page.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardVi, outreachDashboardVi } from "../../src/messages-vi.js";
import { addDays, localIsoDate } from "../../src/store/local-date.js";
import { DASHBOARD_PASSWORD, DASHBOARD_USER, STAFF_CHAT, staffReply, startOutreachHarness, telegramText, until, type OutreachHarness } from "./helpers/outreach-harness.js";
import { seedSubscribers } from "./helpers/seed.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const T = outreachDashboardVi;

let h: OutreachHarness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: the dashboard browser tests need the Debian package (apt-get install chromium).`);
  h = await startOutreachHarness({ copyKnowledge: true });
  await seedSubscribers({ store: h.outreach.store, cipher: h.outreach.cipher, userKey: h.userKey }, [
    { channel: "telegram", chatId: "6700000001", topics: ["viec_lam"], commune: "Xã Long Hiệp" },
    { channel: "zalo", chatId: "zalo-browser-1", topics: ["viec_lam"], commune: null },
    { channel: "telegram", chatId: "6700000002", topics: ["viec_lam"], commune: "Xã Tập Sơn" },
    { channel: "telegram", chatId: "6700000003", topics: ["su_kien"], commune: "Xã Hàm Giang" },
  ]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN", acceptDownloads: true });
  page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await h?.close();
});

describe("outreach dashboard in Chromium", () => {
  it("should log in and reach the outreach pages from the navigation bar", async () => {
    await page.goto(`${h.url}/dashboard/announcements`);
    expect(new URL(page.url()).pathname).toBe("/dashboard/login");
    await page.getByLabel(dashboardVi.user).fill(DASHBOARD_USER);
    await page.getByLabel(dashboardVi.password).fill(DASHBOARD_PASSWORD);
    await Promise.all([page.waitForURL(`${h.url}/dashboard`), page.getByRole("button", { name: dashboardVi.login }).click()]);
    await Promise.all([page.waitForURL(`${h.url}/dashboard/announcements`), page.getByRole("link", { name: T.navAnnouncements }).click()]);
    await expect(page.locator("#subscriber-count").textContent()).resolves.toContain("4");
  });

  it("should preview an announcement with its recipient count, then send it on confirmation", async () => {
    await page.fill("#a-text", "Công ty may tuyển 50 công nhân, nhận hồ sơ đến hết tháng 12.");
    await page.selectOption("#a-topic", "viec_lam");
    await page.check('input[name="communes"][value="Xã Long Hiệp"]');
    await page.fill("#a-link", "https://example.vn/tuyen-dung");
    await page.click("#a-preview");
    await page.waitForSelector("#a-preview-box:not([hidden])");
    const preview = await page.locator("#a-preview-text").textContent();
    expect(preview).toContain("Công ty may tuyển 50 công nhân");
    expect(preview).toContain("https://example.vn/tuyen-dung");
    expect(preview).toContain("/huydangky");
    // Long Hiệp's subscriber and the one who chose the whole area; not Tập Sơn's.
    await expect(page.locator("#a-recipients").getAttribute("data-count")).resolves.toBe("2");
    expect(h.telegram.deliveredTo("6700000001")).toHaveLength(0);

    await page.click("#a-confirm");
    await page.waitForFunction(() => Boolean(document.getElementById("a-status")?.getAttribute("data-announcement")));
    await expect(page.locator("#a-status").textContent()).resolves.toBe(T.queued("2"));
    await until(() => h.telegram.deliveredTo("6700000001").length === 1 && h.zalo.deliveredTo("zalo-browser-1").length === 1, "announcement delivered");
    expect(h.telegram.deliveredTo("6700000002")).toHaveLength(0);
    expect(String(h.telegram.deliveredTo("6700000001")[0]!.body.text)).toBe(preview);
    await until(async () => (await h.outreach.announcements.list())[0]?.status === "done", "announcement done");
    await page.reload();
    const row = page.locator("#announcements tbody tr").first();
    await expect(row.locator("td.delivered").textContent()).resolves.toBe("2");
    await expect(row.locator("td").nth(4).textContent()).resolves.toBe(DASHBOARD_USER);
  });

  it("should add an event with the form and make an announcement from it", async () => {
    await page.goto(`${h.url}/dashboard/events`);
    const date = addDays(localIsoDate(new Date()), 12);
    await page.fill("#e-name", "Ngày hội việc làm Hàm Giang");
    await page.fill("#e-date", date);
    await page.fill("#e-time", "08:00");
    await page.fill("#e-place", "Sân UBND xã Hàm Giang");
    await page.selectOption("#e-commune", "Xã Hàm Giang");
    await page.fill("#e-audience", "Thanh niên, học sinh lớp 12");
    await Promise.all([page.waitForEvent("load"), page.click("#e-save")]);
    const row = page.locator("#events-upcoming tbody tr", { hasText: "Ngày hội việc làm Hàm Giang" });
    await expect(row.count()).resolves.toBe(1);
    expect((await h.outreach.store.listEvents()).map((e) => e.name)).toContain("Ngày hội việc làm Hàm Giang");

    await Promise.all([page.waitForURL(/\/dashboard\/announcements\?event=/), row.locator("a.make-announcement").click()]);
    const text = await page.locator("#a-text").inputValue();
    expect(text).toContain("Ngày hội việc làm Hàm Giang");
    expect(text).toContain("08:00");
    await expect(page.locator("#a-topic").inputValue()).resolves.toBe("su_kien");
    await expect(page.locator('input[name="communes"][value="Xã Hàm Giang"]').isChecked()).resolves.toBe(true);
    await page.click("#a-preview");
    await page.waitForSelector("#a-preview-box:not([hidden])");
    await expect(page.locator("#a-recipients").getAttribute("data-count")).resolves.toBe("1");
  });

  it("should answer an unanswered question and approve a staff answer into the FAQ", async () => {
    // A question the bot could not answer, and a staff reply to its forward in the staff chat.
    const asker = 6_700_000_010;
    const sent = () => h.telegram.deliveredTo(String(asker));
    const staff = () => h.telegram.deliveredTo(STAFF_CHAT);
    await h.postTelegram(telegramText("Trường nghề có cho học sinh mang xe máy vào trường không?", asker));
    await until(() => sent().length === 1 && staff().length === 1, "answer and forward");
    const route = await (async () => {
      let found;
      await until(async () => Boolean((found = await h.outreach.store.findStaffRouteByRecord((await h.records()).at(-1)!.id))), "route");
      return found!;
    })();
    await h.postTelegram(staffReply("Được, nếu có giấy phép lái xe; gửi xe ở bãi của trường.", route.staffMessageId));
    await until(() => sent().length === 2, "staff answer delivered");
    // A second question, answered in the dashboard.
    const other = 6_700_000_011;
    await h.postTelegram(telegramText("Học sinh trường nghề có phải mặc đồng phục không?", other));
    await until(async () => (await h.records()).some((r) => r.question.includes("đồng phục")), "second question recorded");

    await page.goto(`${h.url}/dashboard/follow-up`);
    const draft = page.locator("article.draft").first();
    await expect(draft.locator(".d-answer").inputValue()).resolves.toContain("giấy phép lái xe");
    await draft.locator(".d-answer").fill("Được, nếu học sinh có giấy phép lái xe phù hợp; xe gửi ở bãi xe của trường.");
    await draft.locator("button.approve").click();
    await page.waitForFunction(() => document.querySelector("article.draft")?.getAttribute("data-status") === "approved");
    await expect(draft.locator(".d-status").textContent()).resolves.toBe(T.approved);
    const approved = fs.readFileSync(path.join(h.knowledgeDir, "faq", "approved.yaml"), "utf8");
    expect(approved).toContain("xe gửi ở bãi xe của trường");

    const question = page.locator("article.question", { hasText: "đồng phục" });
    await expect(question.locator(".reachable").count()).resolves.toBe(1);
    await question.locator(".q-answer").fill("Tùy trường; hãy hỏi trường khi nhập học.");
    await question.locator(".q-approve").check();
    await question.locator("button.answer").click();
    await page.waitForFunction(() => document.querySelector("article.question.is-done") !== null);
    await expect(question.locator(".q-status").textContent()).resolves.toContain(T.replySent);
    await until(() => h.telegram.deliveredTo(String(other)).length === 2, "dashboard answer delivered");
    expect(String(h.telegram.deliveredTo(String(other)).at(-1)!.body.text)).toBe("Trả lời từ cán bộ: Tùy trường; hãy hỏi trường khi nhập học.");
  });

  it("should show the printable report with a download and a print button", async () => {
    const year = new Date().getUTCFullYear();
    await page.goto(`${h.url}/dashboard/report?year=${year}`);
    await expect(page.locator("#report-title").textContent()).resolves.toContain(`năm ${year}`);
    await expect(page.locator("#r-announcements table").count()).resolves.toBe(1);
    await expect(page.locator("#report-print").isVisible()).resolves.toBe(true);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#report-xlsx")]);
    expect(download.suggestedFilename()).toBe(`bao-cao_${year}.xlsx`);
    // Printed, the navigation and the forms are gone.
    await page.emulateMedia({ media: "print" });
    await expect(page.locator("#report-form").isVisible()).resolves.toBe(false);
    await expect(page.locator(".dash-nav").isVisible()).resolves.toBe(false);
    await expect(page.locator("#r-overview").isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: "screen" });
  });

  it("should fit a phone screen and run without script or policy errors", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const route of ["/dashboard/announcements", "/dashboard/events", "/dashboard/follow-up"]) {
      await page.goto(`${h.url}${route}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, route).toBeLessThanOrEqual(0);
    }
    expect(problems).toEqual([]);
  });
});

/**
 * The Labour Office's page in headless Chromium (Debian's /usr/bin/chromium through playwright-core),
 * over real HTTP to the whole stack: a `du-lieu` user signs in, uploads the fixture sheets (one with
 * bad cells), reads the Vietnamese report, previews answers, publishes; the bot then answers from
 * the new rows with the as-of date; the user rolls back and the bot answers from the earlier
 * version. A `thong-ke` user cannot reach the page. No console error or CSP violation on the way.
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardVi, labourDataVi } from "../../src/messages-vi.js";
import { tempDir } from "../helpers/test-knowledge.js";
import { ask, DATA_USER, startLabourStack, STATS_USER, UPLOAD_FIXTURES, type LabourStack } from "./labour-stack.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const JOB_QUESTION = "Việc làm thợ hàn ống lương bao nhiêu?";

let s: LabourStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let downloads: string;
const problems: string[] = [];

function watch(p: Page): void {
  p.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${p.url()} ${message.text()} ${message.location().url}`);
  });
  p.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  p.on("response", (response) => {
    if (response.status() === 404) problems.push(`404: ${new URL(response.url()).pathname}`);
  });
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: this browser test needs the Debian package (apt-get install chromium; .ci/run installs it).`);
  }
  s = await startLabourStack();
  downloads = tempDir("tracu-downloads-");
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
  page = await context.newPage();
  watch(page);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await s?.close();
  if (downloads) fs.rmSync(downloads, { recursive: true, force: true });
});

async function signIn(p: Page, account: { user: string; password: string }): Promise<void> {
  await p.goto(`${s.url}/dashboard/login`);
  await p.getByLabel(dashboardVi.user).fill(account.user);
  await p.getByLabel(dashboardVi.password).fill(account.password);
  await Promise.all([p.waitForURL(/\/dashboard/), p.getByRole("button", { name: dashboardVi.login }).click()]);
}

async function uploadFiles(names: string[]): Promise<void> {
  await page.setInputFiles("#files", names.map((n) => path.join(UPLOAD_FIXTURES, n)));
  await Promise.all([page.waitForURL(/\/dashboard\/du-lieu\?draft=/), page.click("#upload")]);
}

async function publishAs(asOf: string): Promise<void> {
  await page.fill("#asOf", asOf);
  await Promise.all([page.waitForURL(/\?published=\d+/), page.click("#publish")]);
}

describe("/dashboard/du-lieu in Chromium", () => {
  it("a du-lieu user signs in and lands on the data page, which says nothing is published yet", async () => {
    await signIn(page, DATA_USER);
    expect(new URL(page.url()).pathname).toBe("/dashboard/du-lieu");
    await expect(page.locator("#no-data").textContent()).resolves.toBe(labourDataVi.none);
    // Its bar shows only what the role may use.
    await expect(page.locator("nav.dash-nav a").allTextContents()).resolves.toEqual([labourDataVi.nav]);
  });

  it("the blank templates download as workbooks with the template's headers", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('a[href="/dashboard/du-lieu/mau/jobs.xlsx"]')]);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const header = (workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(["Doanh nghiệp", "Vị trí", "Số lượng", "Lương tối thiểu", "Lương tối đa", "Nơi làm việc", "Yêu cầu", "Hạn nộp", "Liên hệ"]);
  });

  it("publishes a first version; the bot answers from it with its as-of date", async () => {
    await uploadFiles(["viec-lam-dot-1.csv"]);
    await expect(page.locator("#report h3").allTextContents()).resolves.toEqual([labourDataVi.fileAccepted("viec-lam-dot-1.csv", 2, "việc làm")]);
    await publishAs("2026-11-10");
    await expect(page.locator("#notice").textContent()).resolves.toBe(labourDataVi.published(1));
    const reply = await ask(s, JOB_QUESTION);
    expect(reply.answered).toBe(true);
    expect(reply.answer).toContain("Công ty TNHH Thử Nghiệm Đợt Một");
    expect(reply.answer).toContain("cập nhật 10/11/2026");
    expect(reply.sources[0]).toMatchObject({ asOf: "2026-11-10" });
  });

  it("uploads the second sheets, one with bad cells, and reads the report in Vietnamese", async () => {
    await uploadFiles(["viec-lam-dot-2.csv", "khoa-dao-tao-co-loi.csv"]);
    const report = await page.locator("#report").innerText();
    expect(report).toContain(labourDataVi.fileAccepted("viec-lam-dot-2.csv", 2, "việc làm"));
    expect(report).toContain(labourDataVi.fileAccepted("khoa-dao-tao-co-loi.csv", 2, "khóa đào tạo"));
    expect(report).toContain('Tệp khoa-dao-tao-co-loi.csv, dòng 2, cột "Học phí": không đọc được số tiền');
    expect(report).toContain('Dòng vẫn được giữ, ô này ghi "chưa rõ".');
    expect(report).toContain('Tệp khoa-dao-tao-co-loi.csv, dòng 3, cột "Nghề": ô bắt buộc đang để trống. Dòng này bị bỏ qua.');
    expect(report).toContain('Tệp viec-lam-dot-2.csv, dòng 3, cột "Lương tối thiểu"');
  });

  it("previews answers with the new rows before anything goes live", async () => {
    const preview = await page.locator("#preview-list").innerText();
    expect(preview).toContain("Công ty CP Thử Nghiệm Đợt Hai");
    // The old commune name is shown with its new commune.
    expect(preview).toContain("Xã Phước Hưng (nay thuộc Xã Tập Sơn)");
    expect(preview).toContain("học phí: chưa rõ");
    expect(preview).toContain("khai giảng: chưa rõ");
    // A question of one's own.
    await page.fill("#q", "Học nghề trồng lúa chất lượng cao ở đâu?");
    await Promise.all([page.waitForURL(/q=/), page.click("#preview-button")]);
    await expect(page.locator("#preview-list").innerText()).resolves.toContain("Xã Hàm Giang");
    // Nothing is live yet: the bot still answers from the first version.
    const live = await ask(s, JOB_QUESTION);
    expect(live.answer).toContain("Đợt Một");
    expect(live.answer).not.toContain("Đợt Hai");
  });

  it("publishes; the bot then answers from the new rows, with the as-of date", async () => {
    await publishAs("2026-11-18");
    await expect(page.locator("#notice").textContent()).resolves.toBe(labourDataVi.published(2));
    const reply = await ask(s, JOB_QUESTION);
    expect(reply.answer).toContain("Công ty CP Thử Nghiệm Đợt Hai");
    expect(reply.answer).not.toContain("Đợt Một");
    expect(reply.answer).toContain("cập nhật 18/11/2026");
    expect(reply.answer).toContain("Xã Phước Hưng (nay thuộc Xã Tập Sơn)");
    const course = await ask(s, "Học nghề sửa chữa máy nông nghiệp ở đâu?");
    expect(course.answer).toContain("Sửa chữa máy nông nghiệp");
    expect(course.answer).toContain("học phí: chưa rõ");
    await expect(page.locator("#history tbody tr").count()).resolves.toBe(2);
    await expect(page.locator('#history tr[data-version="2"]').getAttribute("class")).resolves.toBe("live");
    await expect(page.locator('#history tr[data-version="2"]').innerText()).resolves.toContain(DATA_USER.user);
  });

  it("rolls back; the bot answers from the earlier version", async () => {
    await Promise.all([page.waitForURL(/\?rolledBack=1/), page.click('#history button[data-version="1"]')]);
    await expect(page.locator("#notice").textContent()).resolves.toBe(labourDataVi.rolledBack(1));
    const reply = await ask(s, JOB_QUESTION);
    expect(reply.answer).toContain("Công ty TNHH Thử Nghiệm Đợt Một");
    expect(reply.answer).not.toContain("Đợt Hai");
    expect(reply.answer).toContain("cập nhật 10/11/2026");
    // The first version had no courses: the course question is no longer answered from the office's rows.
    const course = await ask(s, "Học nghề sửa chữa máy nông nghiệp ở đâu?");
    expect(course.answer).not.toContain("chưa rõ");
  });

  it("a thong-ke user cannot reach the page", async () => {
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    try {
      const p = await other.newPage();
      watch(p);
      await signIn(p, STATS_USER);
      expect(new URL(p.url()).pathname).toBe("/dashboard");
      const response = await p.goto(`${s.url}/dashboard/du-lieu`);
      expect(response?.status()).toBe(403);
      await expect(p.locator(".error").textContent()).resolves.toBe(labourDataVi.forbidden);
      await expect(p.locator("#files").count()).resolves.toBe(0);
      const template = await p.goto(`${s.url}/dashboard/du-lieu/mau/jobs.xlsx`);
      expect(template?.status()).toBe(403);
    } finally {
      await other.close();
    }
  });

  it("raised no console error or CSP violation", () => {
    expect(problems.filter((p) => !p.includes("403"))).toEqual([]);
  });
});

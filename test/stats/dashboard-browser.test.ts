/**
 * The dashboard in headless Chromium (Debian's /usr/bin/chromium through playwright-core): log in,
 * see the charts drawn from seeded data, filter by commune, download the CSV, mark a question
 * reviewed, and fit a phone screen. Real HTTP to the express app on 127.0.0.1.
 */
import fs from "node:fs";
import { pino } from "pino";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardVi } from "../../src/messages-vi.js";
import { createApp } from "../../src/server/app.js";
import { createDashboardAuth } from "../../src/server/dashboard-auth.js";
import type { QueryRecord } from "../../src/store/store.js";
import { listen } from "../helpers/http.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";
import { allRecords, makeRecord, openTestStore, type TestStore } from "../helpers/test-stores.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const USER = "canbo";
const PASSWORD = "mat-khau-cua-trung-tam";
const TODAY = "2026-11-20";
const SIX = ["Xã Trà Cú", "Xã Đại An", "Xã Lưu Nghiệp Anh", "Xã Hàm Giang", "Xã Long Hiệp", "Xã Tập Sơn"];

let t: TestKnowledge;
let s: TestStore;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];
const seeded: QueryRecord[] = [];

function seed(): QueryRecord[] {
  const day = (d: number, hour = 3) => new Date(Date.UTC(2026, 10, d, hour));
  const spec: [number, string, string | null, QueryRecord["role"], QueryRecord["topic"], boolean][] = [
    [19, "telegram", "Xã Long Hiệp", "student", "work_abroad", false],
    [19, "zalo", "Xã Long Hiệp", "parent", "tuition_and_support", true],
    [18, "zalo", "Xã Long Hiệp", "student", "vocational_training_options", true],
    [12, "web", "Xã Long Hiệp", "student", "vocational_training_options", true],
    [15, "telegram", "Xã Tập Sơn", "parent", "labour_market_jobs", true],
    [16, "telegram", "Xã Tập Sơn", "student", "phan_luong_policy", false],
    [2, "zalo", "Xã Trà Cú", "unknown", "phan_luong_policy", true],
    [3, "api", null, "unknown", "contact_and_events", true],
    [5, "web", null, "unknown", "vocational_training_options", true],
    [20, "telegram", null, "student", "work_abroad", true],
  ];
  return spec.map(([d, channel, commune, role, topic, answered], i) =>
    makeRecord({ at: day(d), channel, commune, role, topic, answered, question: `Câu hỏi thử số ${i} về ${topic}`, feedback: i % 3 === 0 ? "up" : i === 4 ? "down" : null }),
  );
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: the dashboard browser test needs the Debian package (apt-get install chromium; .ci/run installs it).`);
  }
  t = await buildTestKnowledge();
  s = await openTestStore("sqlite");
  seeded.push(...seed());
  await s.store.insertRecords(seeded);
  const app = createApp({
    engine: t.engine,
    knowledge: t.knowledge,
    logger: pino({ level: "silent" }),
    store: s.store,
    dashboardAuth: createDashboardAuth({ user: USER, password: PASSWORD }),
    today: () => TODAY,
  });
  server = await listen(app);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
  page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    // The CSV download is handed to the download manager, which Chromium reports as aborted.
    if (!request.url().includes("/api/stats/export.csv")) problems.push(`request failed: ${request.url()}`);
  });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  await s?.cleanup();
  t?.cleanup();
});

async function chartData(id: string): Promise<{ labels: string[]; datasets: { label?: string; data: number[] }[] } | null> {
  return page.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId) as HTMLCanvasElement | null;
    const chart = canvas && (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: unknown } | undefined } }).Chart.getChart(canvas);
    return chart ? JSON.parse(JSON.stringify(chart.data)) : null;
  }, id);
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe("dashboard in Chromium", () => {
  it("should send a visitor without a session to the login page, then log in", async () => {
    await page.goto(`${server.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe("/dashboard/login");
    await expect(page.locator("h1").textContent()).resolves.toBe(dashboardVi.loginTitle);
    await page.getByLabel(dashboardVi.user).fill(USER);
    await page.getByLabel(dashboardVi.password).fill(PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/dashboard`), page.getByRole("button", { name: dashboardVi.login }).click()]);
    await expect(page.locator("#card-total").textContent()).resolves.toBe("10");
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === "tracu_dashboard")).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
  });

  it("should draw every chart from the seeded data", async () => {
    for (const id of ["chart-periods", "chart-topics", "chart-communes", "chart-roles", "chart-answered", "chart-feedback"]) {
      await expect(page.locator(`canvas#${id}`).count()).resolves.toBe(1);
      const data = await chartData(id);
      expect(data, id).not.toBeNull();
      expect(sum(data!.datasets.flatMap((d) => d.data)), id).toBeGreaterThan(0);
    }
    const periods = (await chartData("chart-periods"))!;
    expect(periods.labels).toHaveLength(30);
    expect(periods.datasets.map((d) => d.label)).toEqual(["Telegram", "Zalo", "Trang web", "Ứng dụng khác (kết nối trực tiếp)"]);
    expect(sum(periods.datasets.flatMap((d) => d.data))).toBe(10);
    expect((await chartData("chart-answered"))!.datasets[0]!.data).toEqual([8, 2]);
    expect((await chartData("chart-roles"))!.datasets[0]!.data).toEqual([5, 2, 3]);
    expect((await chartData("chart-feedback"))!.datasets[0]!.data).toEqual([4, 1]);
    // Pixels were actually painted on the canvas.
    const painted = await page.evaluate(() => {
      const canvas = document.getElementById("chart-communes") as HTMLCanvasElement;
      const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) count++;
      return count;
    });
    expect(painted).toBeGreaterThan(100);
  });

  it("should list all six new communes in the communes chart, also those at zero", async () => {
    const communes = (await chartData("chart-communes"))!;
    expect(communes.labels).toEqual([...SIX, dashboardVi.unknownCommune]);
    expect(communes.datasets[0]!.data).toEqual([1, 0, 0, 0, 4, 2, 3]);
    // The same numbers as a table for those who cannot see the chart.
    const table = page.locator("#chart-communes-title").locator("xpath=ancestor::figure").locator("table");
    await expect(table.locator("tbody tr").count()).resolves.toBe(7);
  });

  it("should show the follow-up queue newest first and the top questions", async () => {
    // The two unanswered questions and the answer rated 👎 (seeded[4]).
    const rows = page.locator("#queue tbody tr");
    await expect(rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-id")))).resolves.toEqual([seeded[0]!.id, seeded[5]!.id, seeded[4]!.id]);
    await expect(page.locator("#top-questions tbody tr").count()).resolves.toBeGreaterThan(0);
  });

  it("should filter by commune", async () => {
    await page.selectOption("#f-commune", "Xã Long Hiệp");
    await Promise.all([page.waitForURL(/commune=/), page.getByRole("button", { name: dashboardVi.apply }).click()]);
    expect(new URL(page.url()).searchParams.get("commune")).toBe("Xã Long Hiệp");
    await expect(page.locator("#card-total").textContent()).resolves.toBe("4");
    const communes = (await chartData("chart-communes"))!;
    expect(communes.datasets[0]!.data).toEqual([0, 0, 0, 0, 4, 0, 0]);
    const periods = (await chartData("chart-periods"))!;
    expect(sum(periods.datasets.flatMap((d) => d.data))).toBe(4);
    await expect(page.locator("#f-commune").inputValue()).resolves.toBe("Xã Long Hiệp");
  });

  it("should download the CSV of the current filter", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#csv-link").click()]);
    expect(download.suggestedFilename()).toBe(`thong-ke-cau-hoi_2026-10-22_${TODAY}.csv`);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(5);
    expect(lines.slice(1).every((line) => line.includes("Xã Long Hiệp"))).toBe(true);
  });

  it("should mark an unanswered question as reviewed", async () => {
    const button = page.locator(`#queue tr[data-id="${seeded[0]!.id}"] button.toggle`);
    await expect(button.getAttribute("aria-pressed")).resolves.toBe("false");
    await button.click();
    await page.waitForFunction((id) => document.querySelector(`#queue tr[data-id="${id}"] button`)?.getAttribute("aria-pressed") === "true", seeded[0]!.id);
    await expect(button.textContent()).resolves.toBe(dashboardVi.reviewed);
    const stored = (await allRecords(s.store)).find((r) => r.id === seeded[0]!.id);
    expect(stored?.reviewed).toBe(true);
  });

  it("should fit a phone screen without sideways scrolling", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const canvasWidth = await page.evaluate(() => (document.getElementById("chart-periods") as HTMLCanvasElement).getBoundingClientRect().width);
    expect(canvasWidth).toBeLessThanOrEqual(390);
    expect(canvasWidth).toBeGreaterThan(200);
  });

  it("should load every asset locally with no script, style or security-policy error", () => {
    expect(problems).toEqual([]);
  });
});

/**
 * The web chat page in headless Chromium against the real server and knowledge: what a newcomer
 * sees after `npm start`.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { mainMenuVi } from "../../src/messages-vi.js";
import { createApp } from "../../src/server/app.js";
import { listen } from "../helpers/http.js";
import { buildTestKnowledge, ROOT, type TestKnowledge } from "../helpers/test-knowledge.js";
import { startTestWebChat, type TestWebChat } from "../helpers/web-chat.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let t: TestKnowledge;
let web: TestWebChat;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install the Debian package "chromium" (apt-get install chromium) to run the web chat tests`);
  }
  t = await buildTestKnowledge();
  web = await startTestWebChat(t);
  const app = createApp({ engine: t.engine, knowledge: t.knowledge, logger: createLogger("silent"), publicDir: path.join(ROOT, "public"), webChat: web.webChat });
  server = await listen(app);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await web?.close();
  t?.cleanup();
});

beforeEach(async () => {
  // A phone-sized screen: the page must work there.
  page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: "vi-VN" });
  // A returning visitor: the first-visit greeting (/start) has its own test in web-chat-parity.test.ts.
  await page.addInitScript(() => localStorage.setItem("tracu-chat-started", "1"));
});

afterEach(async () => {
  await page?.close();
});

describe("web chat page", () => {
  it("should answer a typed question and show the answer's source with its date", async () => {
    const requests: Record<string, unknown>[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/api/web/message")) requests.push(JSON.parse(request.postData() ?? "{}"));
    });
    await page.goto(server.url);
    await page.getByLabel("Câu hỏi của bạn").fill("Học nghề sau lớp 9 có mất học phí không?");
    await page.keyboard.press("Enter");

    const answer = page.locator(".message.bot").first();
    await answer.waitFor();
    await expect.poll(() => answer.locator(".text").textContent()).toMatch(/học phí/i);
    const source = await answer.locator(".source").first().textContent();
    expect(source).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect(await page.locator(".message.user").first().textContent()).toContain("Học nghề sau lớp 9");

    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ text: "Học nghề sau lớp 9 có mất học phí không?" });
    const stored = await page.evaluate(() => localStorage.getItem("tracu-chat-user-id"));
    expect(stored).toBeTruthy();
    expect(requests[0]!.userId).toBe(stored);
  });

  it("should answer a menu button and offer suggestions as buttons", async () => {
    await page.goto(server.url);
    await page.getByRole("button", { name: "Việc làm và lương" }).click();
    const answer = page.locator(".message.bot").first();
    await answer.waitFor();
    expect(await answer.locator(".text").textContent()).toMatch(/lương/i);
    expect(await answer.locator(".source").count()).toBeGreaterThan(0);

    const suggestion = answer.locator("button.suggestion").first();
    const asked = await suggestion.textContent();
    await suggestion.click();
    await page.locator(".message.bot").nth(1).waitFor();
    expect(await page.locator(".message.user").nth(1).textContent()).toContain(asked!);
  });

  it("should show the same main menu as the chat channels", async () => {
    await page.goto(server.url);
    const buttons = page.locator("button.menu-item");
    const labels = await buttons.allTextContents();
    const questions = await buttons.evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.question));
    expect(labels.map((l) => l.trim())).toEqual(mainMenuVi.map((m) => m.label));
    expect(questions).toEqual(mainMenuVi.map((m) => m.question));
  });

  it("should be usable with a keyboard and announce answers to screen readers", async () => {
    await page.goto(server.url);
    expect(await page.locator("#log").getAttribute("aria-live")).toBe("polite");
    expect(await page.getByLabel("Câu hỏi của bạn").count()).toBe(1);
    expect(await page.locator("#privacy-note").textContent()).toContain("ẩn danh");
    // The first menu item is reachable by Tab and pressed with Enter.
    await page.locator("button.menu-item").first().focus();
    await page.keyboard.press("Enter");
    await page.locator(".message.bot").first().waitFor();
    // Nothing wider than a phone screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("should show answer text as text, never as HTML", async () => {
    await page.route("**/api/web/message", (route) =>
      route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({
          replies: [
            {
              text: "x",
              answer: { text: '<img src=x onerror="window.hacked=1">Trả lời', sources: [{ title: "<b>Nguồn</b>", asOf: "2025-07-01" }] },
              choices: { style: "inline", items: [{ label: "<i>Chọn</i>", payload: "p" }] },
            },
          ],
        }),
      }),
    );
    await page.goto(server.url);
    await page.getByLabel("Câu hỏi của bạn").fill("thử");
    await page.getByRole("button", { name: "Gửi" }).click();
    await page.locator(".message.bot").first().waitFor();
    expect(await page.locator(".message.bot img, .message.bot b, .message.bot i").count()).toBe(0);
    expect(await page.locator(".message.bot button.choice").textContent()).toBe("<i>Chọn</i>");
    expect(await page.locator(".message.bot .text").textContent()).toContain("<img");
    expect(await page.locator(".message.bot .source").textContent()).toBe("<b>Nguồn</b>, 01/07/2025");
    expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  });

  it.each([
    [429, "Bạn hỏi hơi nhanh"],
    [500, "hệ thống đang bận"],
    [503, "hệ thống đang bận"],
  ])("should say in Vietnamese what went wrong on HTTP %i", async (status, expected) => {
    await page.route("**/api/web/message", (route) => route.fulfill({ status, contentType: "application/json", body: JSON.stringify({ error: { code: "x", message: "x" } }) }));
    await page.goto(server.url);
    await page.getByLabel("Câu hỏi của bạn").fill("học nghề ở đâu");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#status").textContent()).toContain(expected);
    expect(await page.locator("#status").getAttribute("class")).toContain("error");
    expect(await page.getByRole("button", { name: "Gửi" }).isEnabled()).toBe(true);
  });

  it("should show the server's Vietnamese message for a refused question (400)", async () => {
    await page.goto(server.url);
    // The page refuses empty text itself; the request is rewritten on the way so that the server answers 400.
    await page.route("**/api/web/message", (route) => route.continue({ postData: JSON.stringify({ ...JSON.parse(route.request().postData() ?? "{}"), text: "   " }) }));
    await page.getByLabel("Câu hỏi của bạn").fill("x");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#status").textContent()).toContain("Bạn chưa nhập câu hỏi");
  });
});

/**
 * The web chat page under the security headers, in headless Chromium: it loads, answers a question
 * and shows it, with no Content Security Policy violation and no console error.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createApp } from "../../src/server/app.js";
import { listen } from "../helpers/http.js";
import { buildTestKnowledge, ROOT, type TestKnowledge } from "../helpers/test-knowledge.js";
import { startTestWebChat, type TestWebChat } from "../helpers/web-chat.js";

const CHROMIUM = "/usr/bin/chromium";

let t: TestKnowledge;
let web: TestWebChat;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install chromium`);
  t = await buildTestKnowledge();
  web = await startTestWebChat(t);
  server = await listen(createApp({ engine: t.engine, knowledge: t.knowledge, logger: createLogger("silent"), publicDir: path.join(ROOT, "public"), webChat: web.webChat }));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await web?.close();
  t?.cleanup();
});

describe("web chat under the Content Security Policy", () => {
  it("should load and answer with no policy violation or console error", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      // Failed loads are checked by status below (the browser's own /favicon.ico request may 404).
      if (/^Failed to load resource/.test(message.text())) return;
      if (message.type() === "error" || /Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on("response", (res) => {
      if (res.status() >= 400 && !res.url().endsWith("/favicon.ico")) problems.push(`${res.status()} ${res.url()}`);
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
    });
    const response = await page.goto(server.url);
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await page.getByLabel("Câu hỏi của bạn").fill("Học nghề sau lớp 9 có mất học phí không?");
    await page.keyboard.press("Enter");
    // The first visit's greeting (/start) comes first; the answer is the last message.
    await expect.poll(() => page.locator(".message.bot").count()).toBeGreaterThan(2);
    const answer = page.locator(".message.bot").last();
    await answer.waitFor();
    await expect.poll(() => answer.locator(".text").textContent()).toMatch(/học phí/i);
    expect(problems).toEqual([]);
    await page.close();
  });
});

/**
 * `npm run screenshots [folder]`: phone-width (390 × 844) screenshots of the main pages, for review.
 * Starts the whole bot in this process on 127.0.0.1 with a temporary store and a copy of the
 * knowledge (fake Telegram and Zalo servers, as in the tests), adds a few example questions, and
 * photographs the web chat and the staff pages in headless Chromium (/usr/bin/chromium).
 * Default folder: data/screenshots/ (kept out of git).
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { repliesVi } from "../../src/messages-vi.js";
import { DASHBOARD_PASSWORD, DASHBOARD_USER, startOutreachHarness } from "../outreach/helpers/outreach-harness.js";
import { makeRecord } from "../helpers/test-stores.js";
import { ROOT } from "../helpers/test-knowledge.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PHONE = { width: 390, height: 844 };

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? path.join(ROOT, "data", "screenshots"));
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  fs.mkdirSync(out, { recursive: true });
  const h = await startOutreachHarness({ copyKnowledge: true, startWorker: false, env: { TELEGRAM_LINK: "https://t.me/ten_bot", ZALO_LINK: "https://zalo.me/0000000000" } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
  const written: string[] = [];
  try {
    // Example questions: an answer, one staff flagged, one unanswered, a refusal, a 👎.
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await h.store.insertRecords([
      makeRecord({ at: ago(90), channel: "zalo", commune: "Xã Long Hiệp", question: "Học trung cấp nghề tốn bao nhiêu tiền?", topic: "tuition_and_support", reply: "Học phí trung cấp nghề là 5 triệu đồng một năm.", flag: "wrong" }),
      makeRecord({ at: ago(70), channel: "telegram", question: "Trường nghề có ký túc xá không?", answered: false, reply: repliesVi.notKnown }),
      makeRecord({ at: ago(50), channel: "telegram", question: "Giá lúa hôm nay bao nhiêu?", topic: "out_of_scope", answered: false, answerer: "rule", reply: repliesVi.refuseOffTopic }),
      makeRecord({ at: ago(30), channel: "zalo", commune: "Xã Tập Sơn", question: "Đi Hàn theo EPS cần gì?", topic: "work_abroad", feedback: "down", reply: "Cần đủ 18 tuổi và thi đạt tiếng Hàn." }),
    ]);

    const page = await browser.newPage({ viewport: PHONE, locale: "vi-VN", deviceScaleFactor: 2 });
    const shot = async (name: string) => {
      const file = path.join(out, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      written.push(file);
    };

    // Web chat: the first visit's greeting, then a question with its answer and 👍/👎.
    await page.goto(h.url);
    await page.locator(".message.bot").nth(1).waitFor();
    await shot("01-web-chat-greeting");
    await page.getByLabel("Câu hỏi của bạn").fill("Học nghề sau lớp 9 có mất học phí không?");
    await page.keyboard.press("Enter");
    await page.locator(".message.bot .feedback").first().waitFor();
    await shot("02-web-chat-answer");

    await page.goto(`${h.url}/dashboard/login`);
    await shot("03-dashboard-login");
    await page.getByLabel("Tên đăng nhập").fill(DASHBOARD_USER);
    await page.getByLabel("Mật khẩu").fill(DASHBOARD_PASSWORD);
    await Promise.all([page.waitForURL(`${h.url}/dashboard`), page.getByRole("button", { name: "Đăng nhập" }).click()]);
    await page.waitForFunction(() => typeof (window as unknown as { Chart?: unknown }).Chart !== "undefined");
    await shot("04-dashboard");
    for (const [name, route] of [
      ["05-follow-up", "/dashboard/follow-up"],
      ["06-events", "/dashboard/events"],
      ["07-announcements", "/dashboard/announcements"],
      ["08-report", `/dashboard/report?year=${new Date().getUTCFullYear()}`],
    ] as const) {
      await page.goto(`${h.url}${route}`);
      await shot(name);
    }
  } finally {
    await browser.close();
    await h.close();
  }
  for (const file of written) console.log(file);
}

main().catch((error: unknown) => {
  console.error(`Screenshots failed: ${(error as Error)?.stack ?? String(error)}`);
  process.exit(1);
});

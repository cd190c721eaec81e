/**
 * The web chat on a par with Zalo and Telegram, in headless Chromium at phone width, against the
 * whole bot over real HTTP (the outreach harness: real store, conversation, outreach extensions):
 * the first visit starts like /start (greeting naming the operator, anonymity sentence, menu, the
 * optional role and commune questions), a stable anonymous id per browser, 👍/👎 recorded like on
 * the other channels, "đăng ký nhận tin" explained with the links of the platforms that are on, and
 * "Xóa dữ liệu của tôi" (button, with confirmation, and typed) deleting what /xoadulieu deletes.
 */
import fs from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelRepliesVi, DEFAULT_ORG_NAME, setOrganisation } from "../../src/messages-vi.js";
import { startOutreachHarness, until, type OutreachHarness } from "../outreach/helpers/outreach-harness.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const ORG = { name: "Trung tâm Thử nghiệm Hướng nghiệp", contact: "0294 3000 000 (giờ hành chính)" };
const TELEGRAM_LINK = "https://t.me/thu_nghiem_huong_nghiep_bot";
const ZALO_LINK = "https://zalo.me/0000000000000000001";

let h: OutreachHarness;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];
const sent: Record<string, unknown>[] = [];

async function browserId(): Promise<string> {
  return (await page.evaluate(() => localStorage.getItem("tracu-chat-user-id"))) ?? "";
}

async function lastBot(): Promise<string> {
  return (await page.locator(".message.bot").last().locator(".text").textContent()) ?? "";
}

/** Types a message, sends it, and waits until the number of bot replies grows. */
async function say(text: string): Promise<void> {
  const before = await page.locator(".message.bot").count();
  await page.getByLabel("Câu hỏi của bạn").fill(text);
  await page.keyboard.press("Enter");
  await expect.poll(() => page.locator(".message.bot").count()).toBeGreaterThan(before);
}

async function webRecords() {
  return (await h.records()).filter((r) => r.channel === "web");
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install chromium`);
  setOrganisation(ORG);
  h = await startOutreachHarness({ env: { TELEGRAM_LINK, ZALO_LINK }, startWorker: false });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "vi-VN" });
  page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request) => {
    if (request.url().endsWith("/api/web/message")) sent.push(JSON.parse(request.postData() ?? "{}"));
  });
}, 180_000);

afterAll(async () => {
  setOrganisation({ name: DEFAULT_ORG_NAME });
  await context?.close();
  await browser?.close();
  await h?.close();
});

describe("web chat on a par with the other channels (phone width)", () => {
  it("should greet a first visit like /start: the operator and contact, the anonymity sentence, the menu and the role question", async () => {
    await page.goto(h.url);
    const first = page.locator(".message.bot").first();
    await first.waitFor();
    const greeting = (await first.locator(".text").textContent()) ?? "";
    expect(greeting).toContain(`do ${ORG.name} vận hành`);
    expect(greeting).toContain(`Liên hệ: ${ORG.contact}`);
    expect(greeting).toContain("ẩn danh");
    // The menu of the channels, with the subscription item, and the role question as buttons.
    await expect.poll(() => page.locator(".message.bot button.choice").allTextContents()).toEqual(
      expect.arrayContaining(["Phân luồng sau lớp 9", "Đăng ký nhận tin", channelRepliesVi.roleStudent, channelRepliesVi.roleParent, channelRepliesVi.skip]),
    );
    expect(sent[0]).toMatchObject({ text: "/start" });
    const id = await browserId();
    expect(id).toMatch(/^[A-Za-z0-9-]{8,100}$/);
    expect(sent[0]!.userId).toBe(id);
    await expect(page.locator("#org-name").textContent()).resolves.toContain(ORG.name);
  });

  it("should ask the optional role and commune questions and keep the answers in the profile", async () => {
    // The role question of the first visit's greeting.
    await page.locator(".message.bot").getByRole("button", { name: channelRepliesVi.roleParent }).click();
    await expect.poll(lastBot).toBe(channelRepliesVi.askCommune);
    await page.locator(".message.bot").last().getByRole("button", { name: "Xã Long Hiệp" }).click();
    await expect.poll(lastBot).toBe(channelRepliesVi.profileThanks);
    const profile = await h.store.getProfile(h.userKey("web", await browserId()));
    expect(profile).toMatchObject({ role: "parent", commune: "Xã Long Hiệp", asked: true });
  });

  it("should keep the same anonymous id across visits and not greet again", async () => {
    const id = await browserId();
    const before = sent.length;
    await page.reload();
    await page.locator("#announcement-links li").first().waitFor();
    expect(await browserId()).toBe(id);
    expect(await page.locator(".message.bot").count()).toBe(0);
    expect(sent.length).toBe(before);
  });

  it("should show 👍/👎 under an answer and record the rating like the other channels, with the reply stored", async () => {
    await say("Học nghề sau lớp 9 có mất học phí không?");
    // By position: the thanks that follows the rating becomes the last message.
    const answer = page.locator(".message.bot").nth((await page.locator(".message.bot").count()) - 1);
    await expect(answer.locator(".source").count()).resolves.toBeGreaterThan(0);
    const down = answer.getByRole("button", { name: "👎 Chưa" });
    await expect(answer.getByRole("button", { name: "👍 Hữu ích" }).isVisible()).resolves.toBe(true);
    await down.click();
    await expect.poll(lastBot).toBe(channelRepliesVi.feedbackThanksDown);
    await expect(down.getAttribute("aria-pressed")).resolves.toBe("true");
    await until(async () => (await webRecords()).some((r) => r.feedback === "down"), "👎 recorded");
    const record = (await webRecords()).find((r) => r.question === "Học nghề sau lớp 9 có mất học phí không?")!;
    expect(record).toMatchObject({ channel: "web", role: "parent", commune: "Xã Long Hiệp", feedback: "down", userKey: h.userKey("web", await browserId()) });
    expect(record.reply).toMatch(/học phí/i);
    // A 👎 puts the question in the staff's follow-up queue.
    const queue = await h.store.followUpQueue({ from: "2000-01-01", to: "2100-12-31" });
    expect(queue.find((q) => q.id === record.id)?.reasons).toEqual(["down"]);
  });

  it("should explain that announcements come through Zalo or Telegram, with their links, and store no subscription", async () => {
    const links = await page.locator("#announcement-links a").evaluateAll((nodes) => nodes.map((n) => (n as HTMLAnchorElement).href));
    expect(links).toEqual([ZALO_LINK, TELEGRAM_LINK]);
    await say("đăng ký nhận tin");
    const reply = await lastBot();
    expect(reply).toContain("Zalo hoặc Telegram");
    expect(reply).toContain(`Zalo: ${ZALO_LINK}`);
    expect(reply).toContain(`Telegram: ${TELEGRAM_LINK}`);
    await say("/dangky");
    expect(await lastBot()).toContain(TELEGRAM_LINK);
    expect(await h.outreach.store.getSubscription(h.userKey("web", await browserId()))).toBeUndefined();
  });

  it("should delete the user's data with the visible button only after confirmation, then use a new id", async () => {
    const id = await browserId();
    const key = h.userKey("web", id);
    const button = page.getByRole("button", { name: "Xóa dữ liệu của tôi" });
    await button.scrollIntoViewIfNeeded();
    expect(await button.isVisible()).toBe(true);
    await until(async () => (await webRecords()).some((r) => r.userKey === key), "this browser's questions recorded");

    // Cancelled: nothing is sent, nothing deleted.
    const before = sent.length;
    page.once("dialog", (dialog) => void dialog.dismiss());
    await button.click();
    await page.waitForTimeout(300);
    expect(sent.length).toBe(before);
    expect(await h.store.getProfile(key)).toBeDefined();

    let message = "";
    page.once("dialog", (dialog) => {
      message = dialog.message();
      void dialog.accept();
    });
    await button.click();
    await expect.poll(lastBot).toMatch(/^Mình đã xóa:\n/);
    expect(message).toContain("Xóa dữ liệu của bạn?");
    // The user's questions are gone from the records, as with /xoadulieu on Telegram and Zalo.
    expect((await webRecords()).filter((r) => r.userKey === key)).toHaveLength(0);
    expect(sent.at(-1)).toMatchObject({ text: "xóa dữ liệu của tôi", userId: id });
    expect(await h.store.getProfile(key)).toBeUndefined();
    expect(await h.store.getTurn(key)).toBeUndefined();
    // The conversation on screen is gone too, and later questions come under a new id.
    expect(await page.locator(".message").count()).toBe(1);
    expect(await browserId()).not.toBe(id);
  });

  it("should take the typed command 'xóa dữ liệu của tôi' like /xoadulieu on the other channels", async () => {
    await say("/start");
    await page.locator(".message.bot").last().getByRole("button", { name: channelRepliesVi.roleStudent }).click();
    await expect.poll(lastBot).toBe(channelRepliesVi.askCommune);
    const key = h.userKey("web", await browserId());
    expect(await h.store.getProfile(key)).toMatchObject({ role: "student" });
    const id = await browserId();
    await page.getByLabel("Câu hỏi của bạn").fill("Xóa dữ liệu của tôi");
    await page.keyboard.press("Enter");
    await expect.poll(lastBot).toMatch(/^Mình đã xóa:\n/);
    expect(await browserId()).not.toBe(id);
    expect(await h.store.getProfile(key)).toBeUndefined();
  });

  it("should fit a phone screen and raise no script error", async () => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems, problems.join("\n")).toEqual([]);
  });
});

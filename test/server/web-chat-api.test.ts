/**
 * The web chat's conversation API over real HTTP: the conversation's replies for text and button
 * payloads, clear 400s for bad input, and the page's settings. Subscriptions asked for on the web
 * are explained, never stored.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { channelRepliesVi, outreachVi } from "../../src/messages-vi.js";
import { SubscriptionCommands } from "../../src/outreach/subscription-commands.js";
import { createApp } from "../../src/server/app.js";
import type { OutreachStore } from "../../src/store/outreach-store.js";
import { listen } from "../helpers/http.js";
import { buildTestKnowledge, ROOT, type TestKnowledge } from "../helpers/test-knowledge.js";
import { startTestWebChat, type TestWebChat } from "../helpers/web-chat.js";

let t: TestKnowledge;
let web: TestWebChat;
let server: { url: string; close: () => Promise<void> };

const post = (body: unknown, contentType = "application/json") =>
  fetch(`${server.url}/api/web/message`, { method: "POST", headers: { "content-type": contentType }, body: typeof body === "string" ? body : JSON.stringify(body) });

beforeAll(async () => {
  t = await buildTestKnowledge();
  web = await startTestWebChat(t, { zalo: "https://zalo.me/123" });
  server = await listen(createApp({ engine: t.engine, knowledge: t.knowledge, logger: createLogger("silent"), publicDir: path.join(ROOT, "public"), webChat: web.webChat }));
});

afterAll(async () => {
  await server?.close();
  await web?.close();
  t?.cleanup();
});

describe("POST /api/web/message", () => {
  it("should answer a question with the answer's sources and the 👍/👎 payloads", async () => {
    const res = await post({ userId: "browser-0001", text: "Học nghề sau lớp 9 có mất học phí không?" });
    expect(res.status).toBe(200);
    const { replies } = await res.json();
    expect(replies).toHaveLength(1);
    expect(replies[0].answer.text).toMatch(/học phí/i);
    expect(replies[0].answer.sources.length).toBeGreaterThan(0);
    expect(replies[0].feedback.up).toMatch(/^fb:up:/);
    // A rating is a button payload, recorded like on the other channels.
    const rated = await (await post({ userId: "browser-0001", choice: replies[0].feedback.down })).json();
    expect(rated.replies[0].text).toBe(channelRepliesVi.feedbackThanksDown);
  });

  it("should run /start and 'xóa dữ liệu của tôi' through the conversation", async () => {
    const start = await (await post({ userId: "browser-0002", text: "/start" })).json();
    expect(start.replies[0].text).toContain("ẩn danh");
    expect(start.replies[1].choices.items.map((c: { payload: string }) => c.payload)).toEqual(["pf:role:student", "pf:role:parent", "pf:skip"]);
    await post({ userId: "browser-0002", text: "Học nghề sau lớp 9 có mất học phí không?" });
    const deleted = await (await post({ userId: "browser-0002", text: "xóa dữ liệu của tôi" })).json();
    // The same deletion as /xoadulieu: the question just asked is among what it says it deleted.
    expect(deleted.replies[0].text).toMatch(/^Mình đã xóa:\n/);
    expect(deleted.replies[0].text).toContain("- 1 câu hỏi bạn đã gửi");
  });

  it.each([
    [{ text: "hỏi" }, 400],
    [{ userId: "short", text: "hỏi" }, 400],
    [{ userId: "browser-0003" }, 400],
    [{ userId: "browser-0003", text: "a", choice: "b" }, 400],
    [{ userId: "browser-0003", text: "   " }, 400],
    [{ userId: "browser-0003", text: "x".repeat(2001) }, 400],
    [{ userId: "browser-0003", text: "hỏi", extra: 1 }, 400],
  ])("should refuse %j with %i and a Vietnamese message", async (body, status) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect((await res.json()).error.messageVi).toBeTruthy();
  });

  it("should refuse a body that is not JSON", async () => {
    expect((await post("text=hỏi", "application/x-www-form-urlencoded")).status).toBe(415);
  });
});

describe("GET /api/web/settings", () => {
  it("should give the operator and the platforms that carry announcements", async () => {
    const settings = await (await fetch(`${server.url}/api/web/settings`)).json();
    expect(settings.organisation.name).toBeTruthy();
    expect(settings.announcements).toEqual({ zalo: "https://zalo.me/123" });
  });
});

describe("subscriptions asked for on the web", () => {
  // The store is never reached for a web user: an empty object stands in for it.
  const commands = (links = {}) => new SubscriptionCommands({ store: {} as OutreachStore, cipher: {} as never, communes: () => [], logger: createLogger("silent"), webLinks: links });
  const incoming = { channel: "web" as const, platformUserId: "browser-0004", chatId: "browser-0004", deliveryKey: "web:1", kind: "text" as const };
  const context = { supportsButtons: true, typing: async () => undefined };

  it.each([
    [{ kind: "command", command: "dangky" }],
    [{ kind: "text", text: "đăng ký nhận tin", folded: "dang ky nhan tin" }],
    [{ kind: "choice", payload: "sub:t:all" }],
    [{ kind: "command", command: "huydangky" }],
  ] as const)("should explain where announcements come from for %j", async (input) => {
    const replies = await commands({ telegram: "https://t.me/bot", zalo: "" }).handle({ input, incoming, userKey: "k", context });
    expect(replies?.[0]?.text).toBe(outreachVi.webSubscribe({ telegram: "https://t.me/bot", zalo: "" }));
    expect(replies?.[0]?.text).toContain("Telegram: https://t.me/bot");
    expect(replies?.[0]?.text).toContain("Zalo");
  });

  it("should say so when no platform is on", async () => {
    const replies = await commands().handle({ input: { kind: "command", command: "dangky" }, incoming, userKey: "k", context });
    expect(replies?.[0]?.text).toContain("chưa có kênh Zalo hay Telegram");
  });

  it("should leave ordinary questions to the conversation", async () => {
    expect(await commands().handle({ input: { kind: "text", text: "học nghề ở đâu", folded: "hoc nghe o dau" }, incoming, userKey: "k", context })).toBeUndefined();
  });
});

/**
 * Abuse limits: per user key on the chat channels (one friendly message, then silence until the
 * window passes), per address and per user on `POST /api/chat` (429 with a Vietnamese message and
 * Retry-After), `0` turning a limit off, and a store failure letting requests through.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/limits/rate-limiter.js";
import { createLogger } from "../../src/logger.js";
import { errorMessagesVi, limitsVi } from "../../src/messages-vi.js";
import { createApp } from "../../src/server/app.js";
import type { RateLimitStore } from "../../src/store/rate-limit-store.js";
import { LIMITER_NOW, startChannelHarness, telegramText, zaloText, type ChannelHarness } from "../helpers/channel-harness.js";
import { listen } from "../helpers/http.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
let h: ChannelHarness;
let clock = LIMITER_NOW;
const logger = createLogger("silent");

beforeAll(async () => {
  t = await buildTestKnowledge();
  h = await startChannelHarness({
    mode: "webhook",
    knowledge: t,
    env: { USER_RATE_LIMIT_PER_MINUTE: "3", API_RATE_LIMIT_PER_MINUTE: "4" },
    limiterClock: () => clock,
  });
});
afterAll(async () => {
  await h?.close();
  t?.cleanup();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const chat = (body: object, headers: Record<string, string> = {}) =>
  fetch(`${h.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("per-user limit on the chat channels", () => {
  it("should answer the first 3 messages of a minute, say once that the user is too fast, then stay silent", async () => {
    const user = 7_700_000_001;
    const sent = () => h.telegram.succeeded("sendMessage").filter((c) => c.body.chat_id === user);
    const questions = ["Học nghề ở đâu?", "Mô hình 9+ là gì?", "Học phí trung cấp?", "Việc làm và lương?", "Đi Hàn cần gì?", "Xin chào"];
    for (const q of questions) expect((await h.postTelegram(telegramText(q, user))).status).toBe(200);
    await h.telegram.waitFor(() => sent().length >= 4, "three answers and the limit message");
    await h.delivery.dispatcher.idle(5000);
    await pause(200);
    const texts = sent().map((c) => String(c.body.text));
    expect(texts).toHaveLength(4);
    expect(texts.filter((text) => text === limitsVi.userRateLimited)).toHaveLength(1);
    expect(texts[3]).toBe(limitsVi.userRateLimited);
    // Refused messages are not questions: three records only.
    expect((await h.records()).filter((r) => r.userKey === h.userKey("telegram", String(user)))).toHaveLength(3);

    // The next minute, the user is answered again.
    clock += 60_000;
    expect((await h.postTelegram(telegramText("Học nghề ở đâu gần nhà?", user))).status).toBe(200);
    await h.telegram.waitFor(() => sent().length === 5, "answer in the next window");
    expect(String(sent()[4]!.body.text)).not.toBe(limitsVi.userRateLimited);
  });

  it("should count each user on their own (another user is answered meanwhile)", async () => {
    const chatId = "c-limit-other";
    expect((await h.postZalo(zaloText("Học nghề ở đâu?", chatId))).status).toBe(200);
    await h.zalo.waitFor(() => h.zalo.succeeded("sendMessage").some((c) => c.body.chat_id === chatId), "answer to another user");
  });
});

describe("limits on POST /api/chat", () => {
  it("should answer 429 with a Vietnamese message and Retry-After beyond the per-address limit", async () => {
    clock += 60_000;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await chat({ text: "Học nghề ở đâu?" })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const res = await chat({ text: "Học nghề ở đâu?" });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await res.json()).error).toMatchObject({ code: "rate_limited", messageVi: errorMessagesVi.rate_limited });
  });

  it("should limit a web user by their user key", async () => {
    clock += 60_000;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await chat({ text: "Mô hình 9+ là gì?", userId: "web-user-1", channel: "web" })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("should not limit with API_RATE_LIMIT_PER_MINUTE=0 (limit off, store never asked)", async () => {
    const unreachable: Pick<RateLimitStore, "hit" | "prune"> = {
      hit: () => Promise.reject(new Error("must not be called")),
      prune: () => Promise.reject(new Error("must not be called")),
    };
    const off = new RateLimiter({ name: "api-ip", perMinute: 0, store: unreachable, logger });
    expect(off.enabled).toBe(false);
    const server = await listen(createApp({ engine: t.engine, knowledge: t.knowledge, logger, addressLimiter: off }));
    try {
      const statuses = await Promise.all(
        Array.from({ length: 70 }, () =>
          fetch(`${server.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "Học nghề ở đâu?" }) }).then((r) => r.status),
        ),
      );
      expect(new Set(statuses)).toEqual(new Set([200]));
    } finally {
      await server.close();
    }
  });
});

describe("rate limiter", () => {
  it("should mark only the first refusal of a window and count from 1 in the next", async () => {
    const counts = new Map<string, number>();
    const store: Pick<RateLimitStore, "hit" | "prune"> = {
      async hit(bucket) {
        counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
        return counts.get(bucket)!;
      },
      prune: async () => 0,
    };
    let now = LIMITER_NOW + 30_000;
    const limiter = new RateLimiter({ name: "user", perMinute: 2, store, logger, now: () => now });
    const verdicts = [];
    for (let i = 0; i < 5; i++) verdicts.push(await limiter.check("k"));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, false, false, false]);
    expect(verdicts.map((v) => v.firstRefusal)).toEqual([false, false, true, false, false]);
    expect(verdicts[2]!.retryAfterSeconds).toBe(30);
    now += 30_000;
    expect((await limiter.check("k")).allowed).toBe(true);
  });

  it("should let requests through when the store fails", async () => {
    const failing: Pick<RateLimitStore, "hit" | "prune"> = { hit: () => Promise.reject(new Error("database down")), prune: async () => 0 };
    const limiter = new RateLimiter({ name: "user", perMinute: 1, store: failing, logger });
    expect((await limiter.check("k")).allowed).toBe(true);
    expect((await limiter.check("k")).allowed).toBe(true);
  });
});

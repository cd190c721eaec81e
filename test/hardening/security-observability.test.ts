/**
 * Security headers, CSRF protection of the staff routes, body size limits, the request log and its
 * privacy (canary strings never reach the logs), /metrics and its token, /healthz and /readyz.
 */
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createApp } from "../../src/server/app.js";
import { createStore } from "../../src/store/create-store.js";
import { startChannelHarness, telegramText, TELEGRAM_SECRET, zaloText, ZALO_SECRET, type ChannelHarness } from "../helpers/channel-harness.js";
import { FAKE_TELEGRAM_TOKEN } from "../helpers/fake-telegram.js";
import { FAKE_ZALO_TOKEN } from "../helpers/fake-zalo.js";
import { listen } from "../helpers/http.js";
import { buildTestKnowledge, tempDir, type TestKnowledge } from "../helpers/test-knowledge.js";

const USER = "canbo";
const PASSWORD = "Mat-khau-canary-7d1e9";
const METRICS_TOKEN = "metrics-token-canary-0a1b2c3d4e";
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`;

let t: TestKnowledge;
let h: ChannelHarness;
const lines: string[] = [];

beforeAll(async () => {
  t = await buildTestKnowledge();
  // Everything the stack logs, at the most verbose level.
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  h = await startChannelHarness({
    mode: "webhook",
    knowledge: t,
    env: { METRICS_TOKEN, USER_RATE_LIMIT_PER_MINUTE: "0", API_RATE_LIMIT_PER_MINUTE: "0" },
    dashboard: { user: USER, password: PASSWORD },
    logger: createLogger("trace", sink),
  });
});
afterAll(async () => {
  await h?.close();
  t?.cleanup();
});

async function sessionCookie(): Promise<string> {
  const res = await fetch(`${h.url}/dashboard/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ user: USER, password: PASSWORD }),
    redirect: "manual",
  });
  expect(res.status).toBe(303);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

describe("security headers", () => {
  it("should send a CSP allowing only the site's own files on the web chat, and the usual helmet headers", async () => {
    const res = await fetch(`${h.url}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("should keep the dashboard's stricter policy (no framing at all)", async () => {
    const res = await fetch(`${h.url}/dashboard/login`);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});

describe("CSRF protection of the staff routes", () => {
  it("should refuse a cookie-authenticated change without proof of coming from this site, and accept it with one", async () => {
    const cookie = await sessionCookie();
    const bare = await fetch(`${h.url}/api/admin/reindex`, { method: "POST", headers: { cookie } });
    expect(bare.status).toBe(401);
    const same = await fetch(`${h.url}/api/admin/reindex`, { method: "POST", headers: { cookie, origin: h.url } });
    expect(same.status).toBe(200);
    const fetchSite = await fetch(`${h.url}/api/stats/unanswered/none/reviewed`, {
      method: "POST",
      headers: { cookie, "sec-fetch-site": "same-origin", "content-type": "application/json" },
      body: "{}",
    });
    expect(fetchSite.status).toBe(404);
  });

  it("should refuse any change a browser marks as cross-site, even with remembered Basic credentials", async () => {
    const marks: Record<string, string>[] = [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }, { origin: "null" }];
    for (const headers of marks) {
      const res = await fetch(`${h.url}/api/admin/reindex`, { method: "POST", headers: { authorization: BASIC, ...headers } });
      expect(res.status).toBe(403);
    }
    const login = await fetch(`${h.url}/dashboard/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: new URLSearchParams({ user: USER, password: PASSWORD }),
      redirect: "manual",
    });
    expect(login.status).toBe(403);
    expect(login.headers.get("set-cookie")).toBeNull();
  });
});

describe("request limits", () => {
  it("should refuse oversized bodies with 413 on the API and the login form", async () => {
    const big = await fetch(`${h.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "a".repeat(300_000) }) });
    expect(big.status).toBe(413);
    const form = await fetch(`${h.url}/dashboard/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `user=${"u".repeat(10_000)}&password=x`,
    });
    expect(form.status).toBe(413);
  });
});

describe("request log", () => {
  it("should echo a plain X-Request-Id, replace an unusable one, and log one line per request by route pattern", async () => {
    const mine = await fetch(`${h.url}/healthz`, { headers: { "x-request-id": "req-abc.123" } });
    expect(mine.headers.get("x-request-id")).toBe("req-abc.123");
    const odd = await fetch(`${h.url}/healthz`, { headers: { "x-request-id": "bad id with spaces" } });
    expect(odd.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    await fetch(`${h.url}/api/stats/unanswered/secret-record-id/reviewed?from=canary-query`, { method: "POST", headers: { authorization: BASIC } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "request");
    const line = requests.find((l) => l.reqId === "req-abc.123");
    expect(line).toMatchObject({ method: "GET", route: "/healthz", status: 200 });
    expect(typeof line.ms).toBe("number");
    expect(requests.some((l) => l.route === "/api/stats/unanswered/:id/reviewed")).toBe(true);
    expect(lines.join("\n")).not.toContain("canary-query");
    expect(lines.join("\n")).not.toContain("secret-record-id");
  });
});

describe("no secret, token or message text in the logs", () => {
  it("should keep canary strings out of every log line", async () => {
    const phone = "0987 654 321";
    const question = "Canary câu hỏi riêng tư về học nghề zxqv";
    const webUser = "web-user-canary-77aa";
    const user = 7_800_000_001;
    // Replies fail once at each platform, so the error paths log too.
    h.telegram.failNext("sendMessage", { status: 400, description: `Bad Request: chat ${user} ${question}` });
    h.zalo.failNext("sendMessage", { status: 400, description: `bad ${question}` });
    expect((await h.postTelegram(telegramText(`${question} ${phone}`, user))).status).toBe(200);
    expect((await h.postZalo(zaloText(`${question} ${phone}`, "c-canary-chat"))).status).toBe(200);
    expect((await h.postTelegram(telegramText(question, user), { secret: "wrong-secret-canary" })).status).toBe(401);
    expect((await h.postZalo(zaloText(question, "c-canary-chat"), { secret: "wrong-zalo-canary" })).status).toBe(401);
    const chat = await fetch(`${h.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: `${question} ${phone}`, userId: webUser, channel: "web" }) });
    expect(chat.status).toBe(200);
    await fetch(`${h.url}/api/stats/summary`, { headers: { authorization: `Basic ${Buffer.from(`${USER}:wrong-password-canary`).toString("base64")}` } });
    await fetch(`${h.url}/metrics`, { headers: { authorization: "Bearer wrong-metrics-canary" } });
    await h.telegram.waitFor(() => h.telegram.succeeded("sendMessage").some((c) => c.body.chat_id === user), "Telegram answer after a retry");
    await h.zalo.waitFor(() => h.zalo.succeeded("sendMessage").some((c) => c.body.chat_id === "c-canary-chat"), "Zalo answer after a retry");
    await h.recorder.flush();

    const log = lines.join("\n");
    expect(lines.length).toBeGreaterThan(10);
    expect(log).toContain("reply not delivered");
    for (const canary of [
      FAKE_TELEGRAM_TOKEN,
      FAKE_TELEGRAM_TOKEN.split(":")[1]!,
      FAKE_ZALO_TOKEN,
      FAKE_ZALO_TOKEN.split(":")[1]!,
      TELEGRAM_SECRET,
      ZALO_SECRET,
      PASSWORD,
      METRICS_TOKEN,
      "wrong-secret-canary",
      "wrong-zalo-canary",
      "wrong-password-canary",
      "wrong-metrics-canary",
      "Canary",
      "zxqv",
      "987 654",
      "0987654321",
      webUser,
      String(user),
      "c-canary-chat",
    ]) {
      expect(log, `log must not contain ${canary}`).not.toContain(canary);
    }
  });
});

describe("metrics", () => {
  it("should require the Bearer token when METRICS_TOKEN is set", async () => {
    expect((await fetch(`${h.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${h.url}/metrics`, { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    expect((await fetch(`${h.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
  });

  it("should count requests, answers, latency, store writes and the inbox in Prometheus format", async () => {
    const user = 7_800_000_002;
    // (A question the answer check lets through: "answered" must be counted.)
    expect((await h.postTelegram(telegramText("Học nghề sau lớp 9 có mất học phí không?", user))).status).toBe(200);
    expect((await h.postTelegram(telegramText("Học nghề sau lớp 9 có mất học phí không?", user), { secret: "x" })).status).toBe(401);
    await h.telegram.waitFor(() => h.telegram.succeeded("sendMessage").some((c) => c.body.chat_id === user), "answer");
    const res = await fetch(`${h.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/bot_requests_total\{channel="telegram",outcome="accepted"\} [1-9]/);
    expect(text).toMatch(/bot_answers_total\{channel="telegram",outcome="answered"\} [1-9]/);
    expect(text).toMatch(/bot_answer_duration_seconds_bucket\{le="0.1",channel="telegram"\} [1-9]/);
    expect(text).toMatch(/bot_delivery_duration_seconds_count\{channel="telegram"\} [1-9]/);
    expect(text).toMatch(/http_requests_total\{method="POST",route="\/webhooks\/telegram",status="401"\} [1-9]/);
    expect(text).toMatch(/store_write_duration_seconds_count\{operation="inbox.add"\} [1-9]/);
    expect(text).toMatch(/store_write_duration_seconds_count\{operation="records.insertRecords"\} [1-9]|store_write_duration_seconds_count\{operation="inbox.finish"\} [1-9]/);
    expect(text).toMatch(/send_failures_total\{channel="telegram"\} [1-9]/);
    expect(text).toMatch(/^inbox_depth 0$/m);
    expect(text).toMatch(/^inbox_in_flight \d+$/m);
    for (const name of ["llm_calls_total", "llm_fallbacks_total", "store_write_failures_total", "rate_limited_total"]) expect(text).toContain(`# TYPE ${name} counter`);
  });
});

describe("health", () => {
  it("should say alive and ready", async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true });
  });

  it("should answer /readyz 503 when the store is closed, and when shutting down", async () => {
    const dataDir = tempDir("tracu-ready-");
    const store = createStore({ dataDir });
    await store.migrate();
    let stopping = false;
    const server = await listen(createApp({ engine: t.engine, knowledge: t.knowledge, logger: createLogger("silent"), store, shuttingDown: () => stopping }));
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      await store.close();
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ok: false, reason: "store unreachable" });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      stopping = true;
      expect((await (await fetch(`${server.url}/readyz`)).json()).reason).toBe("shutting down");
    } finally {
      await server.close();
    }
  });
});

/**
 * The stats API and the dashboard's login over real HTTP: auth (none, wrong, Basic, session
 * cookie, logout, rate limit), filters and their 400s, the CSV export, the unanswered queue, and
 * the recording of `/api/chat` questions.
 */
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardVi } from "../../src/messages-vi.js";
import { maskPersonalData } from "../../src/privacy/masking.js";
import { createApp, type AppSettings } from "../../src/server/app.js";
import { createDashboardAuth, LoginLimiter } from "../../src/server/dashboard-auth.js";
import { createStatsRecorder, type StatsRecorder } from "../../src/stats/stats-recorder.js";
import { createUserKey } from "../../src/stats/user-key.js";
import { CSV_BOM } from "../../src/stats/csv-export.js";
import type { QueryRecord } from "../../src/store/store.js";
import { listen } from "../helpers/http.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";
import { allRecords, makeRecord, openTestStore, type TestStore } from "../helpers/test-stores.js";

const USER = "canbo.vanhoa";
const PASSWORD = "mật-khẩu dài 2026";
const TODAY = "2026-11-20";
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const GOOD = basic(USER, PASSWORD);

let t: TestKnowledge;
let s: TestStore;
let recorder: StatsRecorder;
const userKey = createUserKey("test-salt-0123456789");
let server: { url: string; close: () => Promise<void> };
const seeded: QueryRecord[] = [];

function appSettings(overrides: Partial<AppSettings> = {}): AppSettings {
  return {
    engine: t.engine,
    knowledge: t.knowledge,
    logger: pino({ level: "silent" }),
    store: s.store,
    recorder,
    userKey,
    // A generous limiter here; the rate limit has its own server below.
    dashboardAuth: createDashboardAuth({ user: USER, password: PASSWORD, limiter: new LoginLimiter({ maxFailures: 1000 }) }),
    today: () => TODAY,
    ...overrides,
  };
}

beforeAll(async () => {
  t = await buildTestKnowledge();
  s = await openTestStore("sqlite");
  recorder = createStatsRecorder({ store: s.store, logger: pino({ level: "silent" }) });
  const at = (iso: string) => new Date(iso);
  seeded.push(
    makeRecord({ at: at("2026-11-19T02:00:00Z"), channel: "telegram", commune: "Xã Long Hiệp", role: "student", topic: "work_abroad", answered: false, question: "Đi Hàn, cần \"điều kiện\" gì?\nem hỏi" }),
    makeRecord({ at: at("2026-11-19T03:00:00Z"), channel: "zalo", commune: "Xã Long Hiệp", role: "parent", topic: "tuition_and_support", question: "=cmd|' /C calc'!A0" }),
    makeRecord({ at: at("2026-11-18T03:00:00Z"), channel: "zalo", commune: "Xã Tập Sơn", role: "parent", topic: "tuition_and_support", answered: false }),
    makeRecord({ at: at("2026-11-10T03:00:00Z"), channel: "web", commune: null, role: "unknown", topic: "labour_market_jobs" }),
    makeRecord({ at: at("2026-10-22T03:00:00Z"), channel: "api", commune: null, role: "unknown", topic: "labour_market_jobs" }), // first day of the default range
    makeRecord({ at: at("2026-10-21T03:00:00Z"), channel: "api", commune: null, role: "unknown", topic: "labour_market_jobs" }), // one day too old
  );
  await s.store.insertRecords(seeded);
  server = await listen(createApp(appSettings()));
});
afterAll(async () => {
  await server?.close();
  await recorder?.close();
  await s?.cleanup();
  t?.cleanup();
});

function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, { headers, redirect: "manual" });
}

async function login(url = server.url, user = USER, password = PASSWORD) {
  return fetch(`${url}/dashboard/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ user, password }).toString(),
    redirect: "manual",
  });
}

async function sessionCookie(): Promise<string> {
  const res = await login();
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

describe("access to the stats API and the dashboard", () => {
  it.each([
    ["GET", "/api/stats/summary"],
    ["GET", "/api/stats/export.csv"],
    ["GET", "/api/stats/unanswered"],
    ["POST", `/api/stats/unanswered/some-id/reviewed`],
  ])("should answer %s %s without credentials with 401 JSON and no data", async (method, path) => {
    const res = await fetch(`${server.url}${path}`, { method, redirect: "manual" });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const body = await res.json();
    expect(body).toEqual({ error: { code: "unauthorized", message: expect.any(String), messageVi: dashboardVi.unauthorized } });
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic /);
  });

  it("should redirect /dashboard to the login page without a session, showing no data", async () => {
    const res = await get("/dashboard");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard/login");
    expect(await res.text()).not.toContain("Xã Long Hiệp");
    const page = await get("/dashboard/login");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(dashboardVi.loginTitle);
  });

  it.each([
    ["a wrong password", basic(USER, "sai")],
    ["a wrong user", basic("khach", PASSWORD)],
    ["a malformed header", "Basic %%%"],
    ["another scheme", "Bearer abc"],
  ])("should refuse %s with 401", async (_name, header) => {
    expect((await get("/api/stats/summary", { authorization: header })).status).toBe(401);
  });

  it("should accept HTTP Basic with the dashboard credentials", async () => {
    const res = await get("/api/stats/summary", { authorization: GOOD });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await res.json()).total).toBe(5);
    expect((await get("/dashboard", { authorization: GOOD })).status).toBe(200);
  });

  it("should log in with the form and set an HttpOnly, SameSite=Strict session cookie on Path=/", async () => {
    const res = await login();
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard");
    const setCookie = res.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^tracu_dashboard=[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    const cookie = setCookie.split(";")[0]!;
    expect((await get("/api/stats/summary", { cookie })).status).toBe(200);
    expect((await get("/api/stats/unanswered", { cookie })).status).toBe(200);
    const page = await get("/dashboard", { cookie });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(await page.text()).toContain(dashboardVi.title);
  });

  it("should refuse a wrong form login with 401 and set no cookie", async () => {
    const res = await login(server.url, USER, "không đúng");
    expect(res.status).toBe(401);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain(dashboardVi.loginFailed);
  });

  it("should refuse a forged session cookie", async () => {
    const cookie = await sessionCookie();
    const [name, value] = cookie.split("=");
    const [expires, nonce] = value!.split(".");
    const forged = `${name}=${Number(expires) + 86_400_000}.${nonce}.${"A".repeat(43)}`;
    expect((await get("/api/stats/summary", { cookie: forged })).status).toBe(401);
    expect((await get("/dashboard", { cookie: forged })).status).toBe(303);
  });

  it("should end the session on logout", async () => {
    const cookie = await sessionCookie();
    const res = await fetch(`${server.url}/dashboard/logout`, { method: "POST", headers: { cookie }, redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await get("/api/stats/summary", { cookie })).status).toBe(401);
  });

  it("should refuse a cookie-authenticated POST from another origin", async () => {
    const cookie = await sessionCookie();
    const res = await fetch(`${server.url}/api/stats/unanswered/${seeded[0]!.id}/reviewed`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ reviewed: true }),
    });
    expect(res.status).toBe(403);
  });

  it("should accept the session cookie on POST /api/admin/reindex", async () => {
    expect((await fetch(`${server.url}/api/admin/reindex`, { method: "POST" })).status).toBe(401);
    const cookie = await sessionCookie();
    // A browser marks its own POST (Origin or Sec-Fetch-Site); without that mark a cookie is not enough (CSRF).
    expect((await fetch(`${server.url}/api/admin/reindex`, { method: "POST", headers: { cookie } })).status).toBe(401);
    const res = await fetch(`${server.url}/api/admin/reindex`, { method: "POST", headers: { cookie, origin: server.url } });
    expect(res.status).toBe(200);
    expect((await res.json()).ok).toBe(true);
  });

  it("should turn the dashboard and stats API off (404) when DASHBOARD_USER/PASSWORD are unset", async () => {
    const off = await listen(createApp(appSettings({ dashboardAuth: undefined })));
    try {
      for (const path of ["/dashboard", "/dashboard/login", "/api/stats/summary", "/api/stats/export.csv", "/api/stats/unanswered"]) {
        const res = await fetch(`${off.url}${path}`, { headers: { authorization: GOOD }, redirect: "manual" });
        expect(res.status, path).toBe(404);
      }
    } finally {
      await off.close();
    }
  });
});

describe("login rate limit", () => {
  it("should block an address after 5 failed logins in 15 minutes, with a Vietnamese message, even for the right password", async () => {
    const limited = await listen(createApp(appSettings({ dashboardAuth: createDashboardAuth({ user: USER, password: PASSWORD }) })));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await login(limited.url, USER, `sai-${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      const right = await login(limited.url);
      expect(right.status).toBe(429);
      expect(right.headers.get("set-cookie")).toBeNull();
      expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await right.text()).toContain(dashboardVi.loginBlocked);
      const api = await fetch(`${limited.url}/api/stats/summary`, { headers: { authorization: GOOD } });
      expect(api.status).toBe(429);
      expect((await api.json()).error.messageVi).toBe(dashboardVi.loginBlocked);
    } finally {
      await limited.close();
    }
  });

  it("should count failed Basic attempts against the same limit", async () => {
    const limited = await listen(createApp(appSettings({ dashboardAuth: createDashboardAuth({ user: USER, password: PASSWORD }) })));
    try {
      for (let i = 0; i < 5; i++) await fetch(`${limited.url}/api/stats/summary`, { headers: { authorization: basic(USER, `x${i}`) } });
      expect((await login(limited.url)).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe("GET /api/stats/summary", () => {
  it("should default to the last 30 days, today included, in the contract's shape", async () => {
    const res = await get("/api/stats/summary", { authorization: GOOD });
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["answered", "byChannel", "byCommune", "byDay", "byRole", "byTopic", "total", "unanswered"]);
    expect(body).toMatchObject({ total: 5, answered: 3, unanswered: 2, byChannel: { telegram: 1, zalo: 2, web: 1, api: 1 } });
    expect(body.byDay[0]).toEqual({ date: "2026-10-22", count: 1 });
  });

  it.each([
    ["commune=Xã Long Hiệp", { total: 2 }],
    ["commune=long hiep", { total: 2 }],
    ["commune=Tập Sơn", { total: 1 }],
    ["channel=zalo", { total: 2 }],
    ["topic=tuition_and_support", { total: 2 }],
    ["role=parent&commune=Xã Tập Sơn", { total: 1 }],
    ["from=2026-10-01&to=2026-10-31", { total: 2 }],
    ["from=2026-11-19&to=2026-11-19", { total: 2, byDay: [{ date: "2026-11-19", count: 2 }] }],
  ])("should apply %s", async (query, expected) => {
    const res = await get(`/api/stats/summary?${encodeURI(query)}`, { authorization: GOOD });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject(expected);
  });

  it.each([
    ["from=2026-02-30", "from"],
    ["from=20261101", "from"],
    ["to=2026-13-01", "to"],
    ["from=2026-11-10&to=2026-11-01", "from"],
    ["from=2000-01-01&to=2026-01-01", "to"],
    ["channel=fax", "channel"],
    ["topic=weather", "topic"],
    ["role=teacher", "role"],
    ["commune=Hà Nội", "commune"],
    ["channel=zalo&channel=web", "channel"],
    ["colour=red", "colour"],
  ])("should refuse %s with 400 naming %s", async (query, parameter) => {
    const res = await get(`/api/stats/summary?${encodeURI(query)}`, { authorization: GOOD });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message.startsWith(`${parameter}:`)).toBe(true);
  });

  it("should name the six new communes when the commune is unknown", async () => {
    const body = await (await get(`/api/stats/summary?commune=${encodeURIComponent("Ngọc Biên")}`, { authorization: GOOD })).json();
    for (const name of ["Xã Trà Cú", "Xã Đại An", "Xã Lưu Nghiệp Anh", "Xã Hàm Giang", "Xã Long Hiệp", "Xã Tập Sơn"]) expect(body.error.message).toContain(name);
  });

  it("should show a 400 page with the reason for a bad filter on the dashboard", async () => {
    const res = await get("/dashboard?role=teacher", { authorization: GOOD });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("role:");
  });
});

describe("GET /api/stats/export.csv", () => {
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = "";
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") {
        row.push(field);
        field = "";
      } else if (c === "\r" && text[i + 1] === "\n") {
        row.push(field);
        rows.push(row);
        row = [];
        field = "";
        i++;
      } else field += c;
    }
    return rows;
  }

  it("should send UTF-8 CSV with a BOM, a header and one properly quoted row per question", async () => {
    const res = await get("/api/stats/export.csv?commune=Xã Long Hiệp", { authorization: GOOD });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="thong-ke-cau-hoi_2026-10-22_2026-11-20\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]![0]).toBe("Mã");
    expect(rows).toHaveLength(3);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    const quoted = byId.get(seeded[0]!.id)!;
    expect(quoted[8]).toBe('Đi Hàn, cần "điều kiện" gì?\nem hỏi');
    expect(quoted[3]).toBe(seeded[0]!.userKey);
    expect(quoted[1]).toBe("19/11/2026 09:00:00");
    // The bot's reply (masked, as stored) beside the question.
    expect(quoted[9]).toBe(seeded[0]!.reply);
    expect(rows[0]![9]).toBe("Trả lời của bot (đã che số cá nhân)");
    // A question that looks like a formula is shown as text.
    expect(byId.get(seeded[1]!.id)![8]).toBe("'=cmd|' /C calc'!A0");
  });

  it("should export masked questions and the anonymous key only, never the raw user id", async () => {
    const rawId = "zalo-user-5550001";
    const record = makeRecord({
      at: new Date("2026-11-20T01:00:00Z"),
      userKey: userKey("zalo", rawId),
      question: "sđt 0912 345 678 cccd 084206001234",
    });
    // Through the recorder, as the app records.
    recorder.record({ ...record, question: maskPersonalData(record.question) });
    await recorder.flush();
    const text = await (await get("/api/stats/export.csv?from=2026-11-20&to=2026-11-20", { authorization: GOOD })).text();
    expect(text).toContain(userKey("zalo", rawId));
    expect(text).toContain("[số điện thoại]");
    expect(text).not.toContain(rawId);
    expect(text).not.toMatch(/0912|084206001234/);
  });

  it("should stream a large export completely", async () => {
    const base = Date.parse("2025-03-01T00:00:00Z");
    await s.store.insertRecords(Array.from({ length: 3500 }, (_, i) => makeRecord({ at: new Date(base + i * 60_000), question: `câu hỏi ${i}, "dài" ${"x".repeat(80)}` })));
    const res = await get("/api/stats/export.csv?from=2025-03-01&to=2025-03-31", { authorization: GOOD });
    const text = await res.text();
    expect(parseCsv(text.slice(1))).toHaveLength(3501);
  });

  it("should refuse bad filters with 400 before sending any CSV", async () => {
    const res = await get("/api/stats/export.csv?topic=weather", { authorization: GOOD });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^topic:/);
  });
});

describe("the unanswered queue", () => {
  it("should list unanswered questions newest first", async () => {
    const body = await (await get("/api/stats/unanswered", { authorization: GOOD })).json();
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([seeded[0]!.id, seeded[2]!.id]);
    expect(body.items[0]).toMatchObject({ date: "2026-11-19", channel: "telegram", commune: "Xã Long Hiệp", reviewed: false });
    expect(body.items[0]).not.toHaveProperty("userKey");
  });

  it("should mark a question reviewed and filter by it", async () => {
    const id = seeded[2]!.id;
    const res = await fetch(`${server.url}/api/stats/unanswered/${id}/reviewed`, {
      method: "POST",
      headers: { authorization: GOOD, "content-type": "application/json" },
      body: JSON.stringify({ reviewed: true }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, id, reviewed: true });
    const reviewed = await (await get("/api/stats/unanswered?reviewed=true", { authorization: GOOD })).json();
    expect(reviewed.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const open = await (await get("/api/stats/unanswered?reviewed=false&limit=10", { authorization: GOOD })).json();
    expect(open.items.map((i: { id: string }) => i.id)).toEqual([seeded[0]!.id]);
  });

  it("should answer 404 for an unknown record and 400 for a bad body or query", async () => {
    const post = (id: string, body: unknown) =>
      fetch(`${server.url}/api/stats/unanswered/${id}/reviewed`, { method: "POST", headers: { authorization: GOOD, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post("no-such-record", { reviewed: true })).status).toBe(404);
    expect((await post(seeded[0]!.id, { reviewed: "yes" })).status).toBe(400);
    expect((await get("/api/stats/unanswered?limit=0", { authorization: GOOD })).status).toBe(400);
    expect((await get("/api/stats/unanswered?reviewed=maybe", { authorization: GOOD })).status).toBe(400);
  });
});

describe("recording /api/chat questions", () => {
  async function chat(body: object) {
    const res = await fetch(`${server.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return res.json();
  }

  it("should record the question masked, with the channel, commune from the message and the anonymous key", async () => {
    const rawId = "web-visitor-8800123";
    const reply = await chat({ text: "Em ở Ngọc Biên, sđt 0912 345 678, học nghề ở đâu?", userId: rawId, channel: "web" });
    await recorder.flush();
    const records = (await allRecords(s.store)).filter((r) => r.userKey === userKey("web", rawId));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      channel: "web",
      commune: "Xã Long Hiệp",
      role: "unknown",
      topic: reply.topic,
      answered: reply.answered,
      question: "Em ở Ngọc Biên, sđt [số điện thoại], học nghề ở đâu?",
      feedback: null,
      reviewed: false,
    });
    expect(records[0]!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("should record a channel name that is not web or api as api, and no key without a user id", async () => {
    await chat({ text: "Học phí trung cấp bao nhiêu? (kiểm tra kênh)", channel: "telegram" });
    await recorder.flush();
    const records = (await allRecords(s.store)).filter((r) => r.question.includes("kiểm tra kênh"));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ channel: "api", userKey: null, commune: null });
  });
});

describe("staff's verdict on a reply", () => {
  const flag = (id: string, body: unknown) =>
    fetch(`${server.url}/api/stats/records/${id}/flag`, { method: "POST", headers: { authorization: GOOD, "content-type": "application/json" }, body: JSON.stringify(body) });

  it("should put a reply flagged wrong in the follow-up queue with its reply and reason, and take it out when cleared", async () => {
    const answered = seeded[3]!;
    const before = await (await get("/api/stats/unanswered", { authorization: GOOD })).json();
    expect(before.items.some((i: { id: string }) => i.id === answered.id)).toBe(false);
    const res = await flag(answered.id, { flag: "wrong" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, id: answered.id, flag: "wrong" });
    const after = await (await get("/api/stats/unanswered", { authorization: GOOD })).json();
    expect(after.items.find((i: { id: string }) => i.id === answered.id)).toMatchObject({ reply: answered.reply, flag: "wrong", reasons: ["wrong"], answered: true });
    expect((await flag(answered.id, { flag: null })).status).toBe(200);
    const cleared = await (await get("/api/stats/unanswered", { authorization: GOOD })).json();
    expect(cleared.items.some((i: { id: string }) => i.id === answered.id)).toBe(false);
  });

  it("should refuse an unknown verdict, an unknown record and a caller without the login", async () => {
    expect((await flag(seeded[3]!.id, { flag: "bad" })).status).toBe(400);
    expect((await flag(seeded[3]!.id, {})).status).toBe(400);
    expect((await flag("no-such-record", { flag: "wrong" })).status).toBe(404);
    const anonymous = await fetch(`${server.url}/api/stats/records/${seeded[3]!.id}/flag`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ flag: "wrong" }) });
    expect(anonymous.status).toBe(401);
  });
});

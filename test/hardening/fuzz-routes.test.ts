/**
 * Property tests (fast-check): random and malformed methods, bodies, content types, headers and
 * query strings thrown at every route and webhook, with and without the right secrets. Never a
 * 5xx, never a crash, and the server still answers a normal question afterwards. Runs are bounded
 * so the suite stays fast.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChannelHarness, telegramText, TELEGRAM_SECRET, ZALO_SECRET, type ChannelHarness } from "../helpers/channel-harness.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

const USER = "canbo";
const PASSWORD = "mat-khau-fuzz-123";
const METRICS_TOKEN = "metrics-token-fuzz-0123456789";
const RIGHT_BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`;

let t: TestKnowledge;
let h: ChannelHarness;

beforeAll(async () => {
  t = await buildTestKnowledge();
  h = await startChannelHarness({
    mode: "webhook",
    knowledge: t,
    env: { METRICS_TOKEN, USER_RATE_LIMIT_PER_MINUTE: "0", API_RATE_LIMIT_PER_MINUTE: "0" },
    dashboard: { user: USER, password: PASSWORD },
  });
});
afterAll(async () => {
  await h?.close();
  t?.cleanup();
});

const ROUTES: [string, string][] = [
  ["POST", "/api/chat"],
  ["POST", "/webhooks/telegram"],
  ["POST", "/webhooks/zalo"],
  ["GET", "/api/stats/summary"],
  ["GET", "/api/stats/export.csv"],
  ["GET", "/api/stats/unanswered"],
  ["POST", "/api/stats/unanswered/abc-123/reviewed"],
  ["GET", "/dashboard"],
  ["GET", "/dashboard/login"],
  ["POST", "/dashboard/login"],
  ["POST", "/dashboard/logout"],
  ["POST", "/api/admin/reindex"],
  ["GET", "/metrics"],
  ["GET", "/healthz"],
  ["GET", "/readyz"],
  ["GET", "/"],
  ["GET", "/no/such/route"],
];

const printable = (max: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`));

/** A raw query string: well-formed pairs, arrays and nesting (qs syntax), or junk and broken escapes. */
const queryString = fc.oneof(
  fc.constant(""),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 }), { maxKeys: 5 }).map((d) => new URLSearchParams(d).toString()),
  fc.constantFrom("from=2026-13-45", "from=2026-11-01&to=2025-01-01", "channel[]=x&channel[]=y", "topic[a][b]=c", "role=%E0%A4%A", "limit=-1&reviewed=maybe", "from=" + "9".repeat(400)),
  printable(60).map((s) => s.replace(/[#\s]/g, "")),
);

const telegramLike = fc.record(
  {
    update_id: fc.oneof(fc.nat(), fc.integer(), fc.string(), fc.constant(null)),
    message: fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          message_id: fc.jsonValue(),
          from: fc.oneof(fc.jsonValue(), fc.record({ id: fc.oneof(fc.integer(), fc.string()), is_bot: fc.jsonValue() }, { requiredKeys: [] })),
          chat: fc.oneof(fc.jsonValue(), fc.record({ id: fc.oneof(fc.integer(), fc.string(), fc.jsonValue()), type: fc.string() }, { requiredKeys: [] })),
          text: fc.oneof(fc.string({ maxLength: 3000 }), fc.jsonValue()),
          photo: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    ),
    callback_query: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

const zaloEvent = fc.record(
  {
    event_name: fc.oneof(fc.constantFrom("message.text.received", "message.image.received", "message.sticker.received", "message.unsupported.received"), fc.string()),
    message: fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          message_id: fc.oneof(fc.string(), fc.jsonValue()),
          text: fc.oneof(fc.string({ maxLength: 3000 }), fc.jsonValue()),
          chat: fc.oneof(fc.jsonValue(), fc.record({ id: fc.oneof(fc.string(), fc.jsonValue()), chat_type: fc.string() }, { requiredKeys: [] })),
          from: fc.oneof(fc.jsonValue(), fc.record({ id: fc.oneof(fc.string(), fc.jsonValue()) }, { requiredKeys: [] })),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  fc.constant(undefined),
  fc.json().map((j) => j as string | Uint8Array),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.uint8Array({ maxLength: 400 }),
  fc.record({ text: fc.oneof(fc.string({ maxLength: 2500 }), fc.jsonValue()), userId: fc.jsonValue(), channel: fc.jsonValue() }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
  telegramLike.map((o) => JSON.stringify(o)),
  zaloEvent.map((o) => JSON.stringify(o)),
  zaloEvent.map((o) => JSON.stringify({ ok: true, result: o })),
  fc.record({ user: fc.string(), password: fc.string() }, { requiredKeys: [] }).map((o) => new URLSearchParams(o).toString()),
);

const contentType = fc.oneof(
  fc.constantFrom(undefined, "application/json", "text/json", "application/json; charset=latin1", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", "application/json; charset=utf-16"),
  printable(40),
);

const secret = (right: string) => fc.constantFrom<string | undefined>(undefined, right, `${right}x`, "", "wrong");
const authorization = fc.oneof(
  fc.constantFrom(undefined, "Basic", "Basic !!!", `Basic ${Buffer.from("canbo:sai").toString("base64")}`, `Bearer ${METRICS_TOKEN}`, "Bearer nope"),
  printable(60),
);

const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  method: fc.option(fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"), { freq: 3 }),
  query: queryString,
  body,
  contentType,
  telegramSecret: secret(TELEGRAM_SECRET),
  zaloSecret: secret(ZALO_SECRET),
  authorization,
  origin: fc.constantFrom(undefined, "https://evil.example", "null"),
  requestId: fc.option(printable(120)),
  cookie: fc.option(printable(80).map((v) => `tracu_dashboard=${v}`)),
});

/** Text as it is; bytes as a Blob (fetch's types take no bare Uint8Array). */
function toBody(value: string | Uint8Array): BodyInit {
  return typeof value === "string" ? value : new Blob([new Uint8Array(value)]);
}

type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

async function send(r: FuzzRequest): Promise<number> {
  const [routeMethod, path] = r.route;
  const method = r.method ?? routeMethod;
  const headers: Record<string, string> = {};
  if (r.contentType !== undefined) headers["content-type"] = r.contentType;
  if (r.telegramSecret !== undefined) headers["x-telegram-bot-api-secret-token"] = r.telegramSecret;
  if (r.zaloSecret !== undefined) headers["x-bot-api-secret-token"] = r.zaloSecret;
  if (r.authorization !== undefined) headers.authorization = r.authorization;
  if (r.origin !== undefined) headers.origin = r.origin;
  if (r.requestId !== null) headers["x-request-id"] = r.requestId;
  if (r.cookie !== null) headers.cookie = r.cookie;
  const withBody = method !== "GET" && method !== "HEAD";
  const res = await fetch(`${h.url}${path}${r.query ? `?${r.query}` : ""}`, {
    method,
    headers,
    body: withBody && r.body !== undefined ? toBody(r.body) : undefined,
    redirect: "manual",
  });
  await res.arrayBuffer();
  return res.status;
}

describe("random requests at every route", () => {
  it("should answer stats queries of any shape from staff with 2xx or 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("/api/stats/summary", "/api/stats/export.csv", "/api/stats/unanswered", "/dashboard"), queryString, async (path, query) => {
        const res = await fetch(`${h.url}${path}?${query}`, { headers: { authorization: RIGHT_BASIC }, redirect: "manual" });
        await res.arrayBuffer();
        expect(res.status, `${path}?${query}`).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });

  it("should answer authentic webhook calls with malformed bodies with 2xx or 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(["/webhooks/telegram", "x-telegram-bot-api-secret-token", TELEGRAM_SECRET], ["/webhooks/zalo", "x-bot-api-secret-token", ZALO_SECRET]), body, contentType, async ([path, header, value], payload, type) => {
        const res = await fetch(`${h.url}${path}`, { method: "POST", headers: { [header]: value, ...(type ? { "content-type": type } : {}) }, body: payload === undefined ? undefined : toBody(payload) });
        await res.arrayBuffer();
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 120 },
    );
  });

  it("should never answer 5xx to anything, and keep answering normal questions afterwards", async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const status = await send(r);
        expect(status, JSON.stringify({ route: r.route, method: r.method, query: r.query })).toBeLessThan(500);
      }),
      { numRuns: 250 },
    );
    const chat = await fetch(`${h.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "Học nghề sau lớp 9 có mất học phí không?" }) });
    expect(chat.status).toBe(200);
    expect((await chat.json()).answered).toBe(true);
    const user = 8_200_000_001;
    expect((await h.postTelegram(telegramText("Mô hình 9+ là gì?", user))).status).toBe(200);
    await h.telegram.waitFor(() => h.telegram.succeeded("sendMessage").some((c) => c.body.chat_id === user), "answer after the fuzzing");
    expect((await fetch(`${h.url}/readyz`)).status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDashboardAuth } from "../../src/server/dashboard-auth.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { createApp } from "../../src/server/app.js";
import { listen } from "../helpers/http.js";
import { buildTestKnowledge, ROOT, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  t = await buildTestKnowledge();
  const config = loadConfig({ DATA_DIR: t.dataDir, DASHBOARD_USER: "canbo", DASHBOARD_PASSWORD: "mat-khau-dai" }, ROOT);
  server = await listen(createApp({ engine: t.engine, knowledge: t.knowledge, logger: createLogger("silent"), dashboardAuth: createDashboardAuth(config.dashboard!) }));
});
afterAll(async () => {
  await server.close();
  t.cleanup();
});

function post(path: string, body: string, headers: Record<string, string> = { "content-type": "application/json" }) {
  return fetch(`${server.url}${path}`, { method: "POST", headers, body });
}

describe("POST /api/chat", () => {
  it("should answer in the contract's shape", async () => {
    const res = await post("/api/chat", JSON.stringify({ text: "9+ là gì?", userId: "u1", channel: "web" }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["answer", "answered", "sources", "suggestions", "topic"]);
    expect(body.answered).toBe(true);
    expect(body.topic).toBe("vocational_training_options");
    expect(body.sources[0]).toHaveProperty("title");
    expect(typeof body.answer).toBe("string");
  });

  it.each([
    ["empty text", JSON.stringify({ text: "   " }), "text_empty"],
    ["text over 2,000 characters", JSON.stringify({ text: "a".repeat(2001) }), "text_too_long"],
    ["text of the wrong type", JSON.stringify({ text: 42 }), "bad_request"],
    ["a body that is not JSON", "{text: không phải json", "bad_request"],
    ["a JSON array", "[]", "bad_request"],
    ["null", "null", "bad_request"],
    ["userId of the wrong type", JSON.stringify({ text: "chào", userId: { a: 1 } }), "bad_request"],
  ])("should refuse %s with a 400 and a clear message", async (_name, body, code) => {
    const res = await post("/api/chat", body);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(3);
    expect(json.error.messageVi.length).toBeGreaterThan(3);
  });

  it("should carry a follow-up's slots over real HTTP for the same userId, and never repeat a reply", async () => {
    const ask = async (text: string, userId: string) => (await post("/api/chat", JSON.stringify({ text, userId }))).json();
    await ask("học nghề hàn ở đâu", "follow-http");
    const fee = await ask("còn học phí thì sao?", "follow-http");
    expect(fee.answer).toContain("Hàn");
    expect(fee.answer).toContain("4.200.000");
    // Another user asking the same has no earlier trade: no welding fee.
    const stranger = await ask("còn học phí thì sao?", "follow-http-other");
    expect(stranger.answer).not.toContain("4.200.000");
    const again = await ask("còn học phí thì sao?", "follow-http");
    expect(again.answer).not.toBe(fee.answer);
  });

  it("should refuse a body that is not JSON by content type", async () => {
    const res = await post("/api/chat", "text=chao", { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(415);
  });

  it("should refuse a huge body without crashing and keep answering", async () => {
    const res = await post("/api/chat", JSON.stringify({ text: "x".repeat(200_000) }));
    expect(res.status).toBe(413);
    const after = await post("/api/chat", JSON.stringify({ text: "chào bot" }));
    expect(after.status).toBe(200);
  });
});

describe("health and admin", () => {
  it("should answer /healthz once the index is loaded", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("should refuse reindex without the staff login", async () => {
    const res = await post("/api/admin/reindex", "{}");
    expect(res.status).toBe(401);
    const wrong = await post("/api/admin/reindex", "{}", { authorization: `Basic ${Buffer.from("canbo:sai").toString("base64")}` });
    expect(wrong.status).toBe(401);
  });

  it("should rebuild the index with the staff login and keep answering", async () => {
    const before = t.knowledge.current();
    const auth = { authorization: `Basic ${Buffer.from("canbo:mat-khau-dai").toString("base64")}` };
    const [reindex, chat] = await Promise.all([
      post("/api/admin/reindex", "{}", auth),
      post("/api/chat", JSON.stringify({ text: "lương tối thiểu vùng 2026" })),
    ]);
    expect(reindex.status).toBe(200);
    expect(chat.status).toBe(200);
    const body = await reindex.json();
    expect(body.chunks).toBe(before.chunks.length);
    expect(t.knowledge.current()).not.toBe(before);
  });
});

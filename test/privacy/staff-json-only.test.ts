/**
 * Issue 11, item 7: a state-changing staff API call must send JSON. A cross-site HTML form can
 * POST `text/plain` (or urlencoded, multipart) without a CORS preflight; such a request to
 * `POST /api/stats/unanswered/:id/reviewed` was marking the question reviewed.
 */
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.js";
import { createDashboardAuth } from "../../src/server/dashboard-auth.js";
import { listen } from "../helpers/http.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";
import { makeRecord, openTestStore, type TestStore } from "../helpers/test-stores.js";

const USER = "canbo";
const PASSWORD = "mat-khau-2026";
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`;

let t: TestKnowledge;
let s: TestStore;
let server: { url: string; close: () => Promise<void> };
beforeAll(async () => {
  t = await buildTestKnowledge();
  s = await openTestStore("sqlite");
  server = await listen(
    createApp({ engine: t.engine, knowledge: t.knowledge, logger: pino({ level: "silent" }), store: s.store, dashboardAuth: createDashboardAuth({ user: USER, password: PASSWORD }) }),
  );
});
afterAll(async () => {
  await server?.close();
  await s?.cleanup();
  t?.cleanup();
});

async function reviewedOf(id: string): Promise<boolean> {
  const items = await s.store.unanswered({ from: "2000-01-01", to: "2100-12-31" });
  return items.find((r) => r.id === id)!.reviewed;
}

describe("staff JSON APIs take JSON only", () => {
  it.each([
    ["text/plain", '{"reviewed":true}'],
    ["text/plain;charset=UTF-8", "reviewed=true"],
    ["application/x-www-form-urlencoded", "reviewed=true"],
    ["multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"reviewed\"\r\n\r\ntrue\r\n--x--\r\n"],
  ])("should refuse POST /api/stats/unanswered/:id/reviewed sent as %s (415) and change nothing", async (type, body) => {
    const record = makeRecord({ answered: false });
    await s.store.insertRecords([record]);
    const res = await fetch(`${server.url}/api/stats/unanswered/${record.id}/reviewed`, { method: "POST", headers: { authorization: BASIC, "content-type": type }, body });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe("unsupported_media_type");
    expect(await reviewedOf(record.id)).toBe(false);
  });

  it("should refuse a body sent without any content type", async () => {
    const record = makeRecord({ answered: false });
    await s.store.insertRecords([record]);
    const res = await fetch(`${server.url}/api/stats/unanswered/${record.id}/reviewed`, { method: "POST", headers: { authorization: BASIC }, body: new Uint8Array(Buffer.from('{"reviewed":true}')) });
    expect(res.status).toBe(415);
    expect(await reviewedOf(record.id)).toBe(false);
  });

  it("should accept it as JSON, and without a body at all", async () => {
    const first = makeRecord({ answered: false });
    const second = makeRecord({ answered: false });
    await s.store.insertRecords([first, second]);
    const json = await fetch(`${server.url}/api/stats/unanswered/${first.id}/reviewed`, {
      method: "POST",
      headers: { authorization: BASIC, "content-type": "application/json" },
      body: JSON.stringify({ reviewed: true }),
    });
    expect(json.status).toBe(200);
    expect(await reviewedOf(first.id)).toBe(true);
    const empty = await fetch(`${server.url}/api/stats/unanswered/${second.id}/reviewed`, { method: "POST", headers: { authorization: BASIC } });
    expect(empty.status).toBe(200);
    expect(await reviewedOf(second.id)).toBe(true);
  });
});

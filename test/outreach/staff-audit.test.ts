/**
 * Outreach actions by staff accounts: an announcement sent by a `thong-ke` account names it as the
 * author and is in the audit log, so is an FAQ entry it approves; a `du-lieu` account may do
 * neither (403).
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addStaffAccount } from "../../src/staff/staff-accounts.js";
import { createStaffStore, type StaffStore } from "../../src/store/staff-store.js";
import { startOutreachHarness, type OutreachHarness } from "./helpers/outreach-harness.js";

const OUTREACH = { user: "truyenthong", password: "mat-khau-truyen-thong", role: "thong-ke" };
const DATA = { user: "ldtbxh", password: "mat-khau-lao-dong-xa", role: "du-lieu" };

let h: OutreachHarness;
let staff: StaffStore;

beforeAll(async () => {
  h = await startOutreachHarness({ copyKnowledge: true });
  staff = createStaffStore({ db: h.store.db });
  for (const account of [OUTREACH, DATA]) await addStaffAccount(staff, "test", { username: account.user, role: account.role, password: account.password });
});
afterAll(async () => {
  await h?.close();
});

function call(account: { user: string; password: string }, method: string, route: string, body?: unknown) {
  return fetch(`${h.url}${route}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${account.user}:${account.password}`).toString("base64")}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe("outreach by staff accounts", () => {
  it("an announcement names its sender and is in the audit log", async () => {
    const draft = { text: "Ngày hội tư vấn tuyển sinh học nghề", topic: "hoc_nghe" };
    const refused = await call(DATA, "POST", "/api/outreach/announcements/preview", draft);
    expect(refused.status).toBe(403);
    const preview = (await (await call(OUTREACH, "POST", "/api/outreach/announcements/preview", draft)).json()) as { contentHash: string };
    const sent = await call(OUTREACH, "POST", "/api/outreach/announcements", { ...draft, contentHash: preview.contentHash });
    expect(sent.status).toBe(201);
    const { id } = (await sent.json()) as { id: string };
    expect((await h.outreach.store.getAnnouncement(id))?.author).toBe(OUTREACH.user);
    const audit = await staff.listAudit();
    expect(audit[0]).toMatchObject({ actor: OUTREACH.user, action: "announcement.send" });
    expect(audit[0]!.detail).toContain(id);
  });

  it("an approved FAQ entry is in the audit log with who approved it", async () => {
    const id = crypto.randomUUID();
    await h.outreach.store.saveStaffAnswer({
      id,
      recordId: null,
      question: "Trường nghề có ký túc xá không?",
      answer: "Hỏi phòng công tác học sinh của trường khi nhập học.",
      topic: "vocational_training_options",
      commune: null,
      answeredBy: "canbo",
      answeredAt: new Date(),
      delivered: false,
      channel: null,
      status: "draft",
      faqId: null,
      reviewedBy: null,
      reviewedAt: null,
    });
    expect((await call(DATA, "POST", `/api/outreach/faq-drafts/${id}/approve`, {})).status).toBe(403);
    const approved = await call(OUTREACH, "POST", `/api/outreach/faq-drafts/${id}/approve`, {});
    expect(approved.status).toBe(200);
    const audit = await staff.listAudit();
    expect(audit[0]).toMatchObject({ actor: OUTREACH.user, action: "faq.approve", detail: id });
  });
});

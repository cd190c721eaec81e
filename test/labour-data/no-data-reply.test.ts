/**
 * Honest replies while the Labour Office has published nothing (the shipped knowledge has no
 * spreadsheet): job, wage, course and demand questions say no current data is published, name who
 * to ask and are recorded as unanswered; the identity reply and the suggestions claim no such data.
 * Data older than LABOUR_DATA_MAX_AGE_DAYS is answered with its date and "số liệu cũ".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labourDataVi, repliesVi } from "../../src/messages-vi.js";
import { localIsoDate } from "../../src/store/local-date.js";
import { ADMIN, ask, basic, DATA_USER, fixture, publish, startLabourStack, upload, type LabourStack } from "./labour-stack.js";

let bare: LabourStack;

beforeAll(async () => {
  bare = await startLabourStack({ accounts: true });
});
afterAll(async () => {
  await bare?.close();
});

describe("with no Labour Office data published", () => {
  it.each([
    ["jobs", "Ở Trà Cú công ty nào đang tuyển công nhân?", "labour_market_jobs"],
    ["wages", "lam cong nhan may luong bao nhieu 1 thang vay ad", "labour_market_jobs"],
    ["the menu item", "Việc làm và mức lương hiện nay ra sao?", "labour_market_jobs"],
    ["demand", "Ngành nào đang cần nhiều lao động nhất?", "labour_market_jobs"],
    ["courses", "Tháng sau có khóa học nghề nào khai giảng không?", "vocational_training_options"],
  ])("%s: says no current data is published, names who to ask, and is recorded unanswered", async (_name, question, topic) => {
    const reply = await ask(bare, question);
    expect(reply.answer).toContain(repliesVi.labourNoData);
    expect(reply.answer).toContain("UBND xã");
    expect(reply.answered).toBe(false);
    expect(reply.topic).toBe(topic);
    expect(reply.sources).toEqual([]);
    await bare.recorder.flush();
    const recorded = await bare.store.unanswered({ from: "2000-01-01", to: localIsoDate(new Date()), limit: 100 });
    expect(recorded.some((r) => r.question === question && !r.answered)).toBe(true);
  });

  it("the statistics page says nothing is published", async () => {
    const stats = await (await fetch(`${bare.url}/dashboard`, { headers: { authorization: basic(ADMIN) } })).text();
    expect(stats).toContain(`id="labour-warning">${labourDataVi.none}`);
  });

  it("still answers policy questions about wages from the documents", async () => {
    const reply = await ask(bare, "Lương tối thiểu vùng năm 2026 là bao nhiêu?");
    expect(reply.answered).toBe(true);
    expect(reply.answer).not.toContain(repliesVi.labourNoData);
  });

  it("the identity reply and the suggestions do not claim the office's data", async () => {
    const identity = await ask(bare, "bạn là ai vậy");
    expect(identity.answer).not.toContain("dữ liệu của cơ quan lao động");
    expect(identity.answer).toContain("chưa công bố");
    const jobs = await ask(bare, "Việc làm và mức lương hiện nay ra sao?");
    expect(jobs.suggestions).not.toContain("Nghề nào đang cần nhiều lao động?");
    expect(identity.suggestions).not.toContain("Việc làm và lương ra sao?");
  });

  it("once data is published the same questions are answered from it, and the identity reply names it", async () => {
    const draft = await upload(bare, DATA_USER, "viec-lam-dot-1.csv", fixture("viec-lam-dot-1.csv"));
    expect((await publish(bare, DATA_USER, draft.body.draftId, "2026-11-15")).status).toBe(201);
    const reply = await ask(bare, "Việc làm thợ hàn ống lương bao nhiêu?");
    expect(reply.answered).toBe(true);
    expect(reply.answer).toContain("Công ty TNHH Thử Nghiệm Đợt Một");
    expect(reply.answer).not.toContain("số liệu cũ");
    const identity = await ask(bare, "bạn là ai vậy");
    expect(identity.answer.startsWith(repliesVi.identity)).toBe(true);
  });
});

describe("data older than LABOUR_DATA_MAX_AGE_DAYS", () => {
  let old: LabourStack;
  beforeAll(async () => {
    old = await startLabourStack({ env: { LABOUR_DATA_MAX_AGE_DAYS: "30" } });
  });
  afterAll(async () => {
    await old?.close();
  });

  it("is answered with its date and 'số liệu cũ', and the data page flags it", async () => {
    const draft = await upload(old, DATA_USER, "viec-lam-dot-1.csv", fixture("viec-lam-dot-1.csv"));
    // The tests' clock is 20/11/2026: 1/9/2026 is 80 days before, past the 30-day limit.
    expect((await publish(old, DATA_USER, draft.body.draftId, "2026-09-01")).status).toBe(201);
    const reply = await ask(old, "Việc làm thợ hàn ống lương bao nhiêu?");
    expect(reply.answered).toBe(true);
    expect(reply.answer).toContain("Công ty TNHH Thử Nghiệm Đợt Một");
    expect(reply.answer).toContain("số liệu cũ (cập nhật ngày 01/09/2026)");
    const page = await fetch(`${old.url}/dashboard/du-lieu`, { headers: { authorization: `Basic ${Buffer.from(`${DATA_USER.user}:${DATA_USER.password}`).toString("base64")}` } });
    const html = await page.text();
    expect(html).toContain('id="stale-data"');
    expect(html).toContain("cập nhật ngày 01/09/2026, đã quá 30 ngày");
    // The statistics page warns too.
    const stats = await (await fetch(`${old.url}/dashboard`, { headers: { authorization: basic(ADMIN) } })).text();
    expect(stats).toMatch(/id="labour-warning">[^<]*cập nhật ngày 01\/09\/2026/);
  });
});

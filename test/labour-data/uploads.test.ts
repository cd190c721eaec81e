/**
 * Uploads on the Labour Office's API, over real HTTP with the real reader: each kind of bad file
 * gets a clear Vietnamese message and changes nothing (no draft, no version, the bot's answers as
 * before); a file with bad cells keeps its good rows and shows the bad cells as "chưa rõ"; the roles
 * decide who may upload, publish and read the audit log.
 */
import crypto from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES } from "../../src/labour-data/upload-check.js";
import { ADMIN, ask, basic, DATA_USER, fixture, publish, startLabourStack, STATS_USER, upload, type LabourStack } from "./labour-stack.js";

let s: LabourStack;

beforeAll(async () => {
  s = await startLabourStack();
});
afterAll(async () => {
  await s?.close();
});

/** Nothing changed: no draft, no version, no live pointer, and the job answer is still the no-data one. */
async function expectNothingChanged(): Promise<void> {
  const drafts = await s.store.db.selectFrom("labour_drafts" as never).select("id" as never).execute();
  expect(drafts).toEqual([]);
  expect(await s.datasets.history()).toEqual([]);
  expect(await s.datasets.activeVersion()).toBeUndefined();
  const reply = await ask(s, "Công ty nào đang tuyển thợ hàn?");
  expect(reply.answered).toBe(false);
  expect(reply.answer).toContain("chưa công bố");
}

describe("bad uploads get a clear message and change nothing", () => {
  it.each([
    ["an empty file", "trong.csv", Buffer.alloc(0), 400, "empty", /trống/],
    ["a file with the wrong headers", "sai-tieu-de.csv", fixture("sai-tieu-de.csv"), 400, "wrong_headers", /tiêu đề cột/],
    ["a picture named .xlsx", "anh.xlsx", Buffer.from("89504e470d0a1a0a0000000d4948445200000001", "hex"), 400, "not_spreadsheet", /không phải bảng tính/],
    ["an old .xls workbook", "cu.xls", Buffer.from("d0cf11e0a1b11ae1000000000000000000000000", "hex"), 400, "not_spreadsheet", /\.xls/],
    ["a sheet in which every row is bad", "tat-ca-dong-loi.csv", fixture("tat-ca-dong-loi.csv"), 400, "no_good_rows", /không có dòng nào dùng được/],
  ])("%s", async (_name, fileName, bytes, status, code, message) => {
    const res = await upload(s, DATA_USER, fileName, bytes);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.messageVi).toMatch(message);
    expect(res.body.error.messageVi).toContain("Không có gì thay đổi");
    await expectNothingChanged();
  });

  it("a sheet in which every row is bad lists each row and column in Vietnamese", async () => {
    const res = await upload(s, DATA_USER, "tat-ca-dong-loi.csv", fixture("tat-ca-dong-loi.csv"));
    const lines = (res.body.report as { text: string }[]).map((l) => l.text);
    expect(lines).toContain('Tệp tat-ca-dong-loi.csv, dòng 2, cột "Vị trí": ô bắt buộc đang để trống. Dòng này bị bỏ qua.');
    expect(lines).toContain('Tệp tat-ca-dong-loi.csv, dòng 3, cột "Doanh nghiệp": ô bắt buộc đang để trống. Dòng này bị bỏ qua.');
  });

  it("a file over the size limit", async () => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1024, 0x41);
    const res = await upload(s, DATA_USER, "qua-lon.csv", big);
    expect(res.status).toBe(413);
    expect(res.body.error.messageVi).toMatch(/Tệp quá lớn: mỗi tệp tối đa 5 MB/);
    await expectNothingChanged();
  });

  it("the type is read from the content, not the name: a CSV named .xlsx is read as CSV", async () => {
    const res = await upload(s, DATA_USER, "viec-lam.xlsx", fixture("viec-lam-dot-1.csv"));
    expect(res.status).toBe(201);
    expect(res.body.file).toMatchObject({ kind: "jobs", rowCount: 2 });
    await s.datasets.deleteDraft(res.body.draftId);
  });
});

describe("a file with bad cells", () => {
  it("keeps the row with the bad cell as 'chưa rõ', drops the row missing a required value, and says which in Vietnamese", async () => {
    const res = await upload(s, DATA_USER, "khoa-dao-tao-co-loi.csv", fixture("khoa-dao-tao-co-loi.csv"));
    expect(res.status).toBe(201);
    expect(res.body.file).toMatchObject({ kind: "courses", rowCount: 2 });
    const lines = (res.body.report as { text: string; level: string }[]).map((l) => `${l.level}: ${l.text}`);
    expect(lines).toEqual([
      'chua-ro: Tệp khoa-dao-tao-co-loi.csv, dòng 2, cột "Học phí": không đọc được số tiền (ghi ví dụ 7.000.000, 7 triệu hoặc Thỏa thuận). Dòng vẫn được giữ, ô này ghi "chưa rõ".',
      'chua-ro: Tệp khoa-dao-tao-co-loi.csv, dòng 2, cột "Khai giảng": không phải ngày có thật. Dòng vẫn được giữ, ô này ghi "chưa rõ".',
      'loi: Tệp khoa-dao-tao-co-loi.csv, dòng 3, cột "Nghề": ô bắt buộc đang để trống. Dòng này bị bỏ qua.',
    ]);
    const draft = await s.datasets.getDraft(res.body.draftId);
    const course = draft!.files[0]!.data.courses.find((c) => c.trade === "Sửa chữa máy nông nghiệp")!;
    expect(course.fee).toEqual({ value: null, text: "chưa rõ" });
    expect(course.startDate).toBeNull();
    expect(course.unclear).toEqual(["fee", "startDate"]);
    await s.datasets.deleteDraft(res.body.draftId);
  });

  it("reads an .xlsx upload with the same reader", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Nhu cầu");
    sheet.addRow(["Ngành nghề", "Năm", "Nhu cầu", "Lương bình quân"]);
    sheet.addRow(["Hàn ống", 2026, 40, "chín triệu"]);
    sheet.addRow(["Đóng gói", 2026, 25, 6_500_000]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(s, DATA_USER, "nhu-cau.xlsx", bytes);
    expect(res.status).toBe(201);
    expect(res.body.file).toMatchObject({ kind: "demand", rowCount: 2 });
    expect(res.body.report[0].text).toBe('Tệp nhu-cau.xlsx, dòng 2, cột "Lương bình quân": không đọc được số tiền (ghi ví dụ 7.000.000, 7 triệu hoặc Thỏa thuận). Dòng vẫn được giữ, ô này ghi "chưa rõ".');
    await s.datasets.deleteDraft(res.body.draftId);
  });
});

describe("roles and the audit log", () => {
  it("a thong-ke account may not upload, publish or roll back; it may read statistics", async () => {
    const refused = await upload(s, STATS_USER, "viec-lam-dot-1.csv", fixture("viec-lam-dot-1.csv"));
    expect(refused.status).toBe(403);
    expect(refused.body.error.messageVi).toContain("không có quyền");
    const history = await fetch(`${s.url}/api/labour-data/history`, { headers: { authorization: basic(STATS_USER) } });
    expect(history.status).toBe(403);
    const stats = await fetch(`${s.url}/api/stats/summary?from=2026-11-01&to=2026-11-30`, { headers: { authorization: basic(STATS_USER) } });
    expect(stats.status).toBe(200);
    const audit = await fetch(`${s.url}/api/staff/audit`, { headers: { authorization: basic(STATS_USER) } });
    expect(audit.status).toBe(403);
  });

  it("a du-lieu account may publish but not read statistics or the accounts", async () => {
    const stats = await fetch(`${s.url}/api/stats/summary?from=2026-11-01&to=2026-11-30`, { headers: { authorization: basic(DATA_USER) } });
    expect(stats.status).toBe(403);
    const accounts = await fetch(`${s.url}/api/staff/accounts`, { headers: { authorization: basic(DATA_USER) } });
    expect(accounts.status).toBe(403);
    const reindex = await fetch(`${s.url}/api/admin/reindex`, { method: "POST", headers: { authorization: basic(DATA_USER) } });
    expect(reindex.status).toBe(401);
  });

  it("publish, roll back and account changes are in the audit log, with who and when, for admins", async () => {
    const first = await upload(s, DATA_USER, "viec-lam-dot-1.csv", fixture("viec-lam-dot-1.csv"));
    expect((await publish(s, DATA_USER, first.body.draftId, "2026-11-10")).status).toBe(201);
    const second = await upload(s, DATA_USER, "viec-lam-dot-2.csv", fixture("viec-lam-dot-2.csv"));
    expect((await publish(s, DATA_USER, second.body.draftId, "2026-11-18")).body.version).toBe(2);
    const back = await fetch(`${s.url}/api/labour-data/rollback`, {
      method: "POST",
      headers: { authorization: basic(DATA_USER), "content-type": "application/json" },
      body: JSON.stringify({ version: 1 }),
    });
    expect(back.status).toBe(200);
    const res = await fetch(`${s.url}/api/staff/audit`, { headers: { authorization: basic(ADMIN) } });
    expect(res.status).toBe(200);
    const items = ((await res.json()) as { items: { at: string; actor: string; action: string; detail: string }[] }).items;
    const summary = items.map((i) => `${i.actor} ${i.action}`);
    expect(summary.slice(0, 3)).toEqual([`${DATA_USER.user} labour.rollback`, `${DATA_USER.user} labour.publish`, `${DATA_USER.user} labour.publish`]);
    expect(summary).toContain(`test account.add`);
    expect(items[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(items[1]!.detail).toContain("as of 2026-11-18");
  });

  it("a removed account, or one whose password changed, loses its sessions", async () => {
    // Sign in through the form and keep the cookie.
    const login = await fetch(`${s.url}/dashboard/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ user: STATS_USER.user, password: STATS_USER.password }),
    });
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/dashboard");
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const before = await fetch(`${s.url}/api/stats/summary?from=2026-11-01&to=2026-11-30`, { headers: { cookie } });
    expect(before.status).toBe(200);
    await s.staff.setPassword(STATS_USER.user, "scrypt$16384$8$1$AAAA$AAAA");
    const after = await fetch(`${s.url}/api/stats/summary?from=2026-11-01&to=2026-11-30`, { headers: { cookie } });
    expect(after.status).toBe(401);
  });
});

describe("junk never gets a 500", () => {
  it("random bytes, random names and junk bodies on every data route get 2xx-4xx answers", async () => {
    const fc = await import("fast-check");
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.string({ maxLength: 120 }), async (bytes, name) => {
        const res = await upload(s, DATA_USER, name, Buffer.from(bytes));
        expect(res.status, `upload ${name}`).toBeLessThan(500);
        if (res.status === 201) await s.datasets.deleteDraft(res.body.draftId);
      }),
      { numRuns: 40 },
    );
    const junk = ["", "{", "[]", "null", '{"asOf":42}', '{"asOf":"31/02/2026"}', '{"version":"abc"}', '{"version":-1}', '{"version":1e400}'];
    for (const body of junk) {
      for (const path of ["/api/labour-data/drafts/khong-co/publish", `/api/labour-data/drafts/${crypto.randomUUID()}/publish`, "/api/labour-data/rollback"]) {
        const res = await fetch(`${s.url}${path}`, { method: "POST", headers: { authorization: basic(DATA_USER), "content-type": "application/json" }, body });
        expect(res.status, `${path} ${body}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${path} ${body}`).toBeLessThan(500);
      }
      for (const path of ["/dashboard/du-lieu/publish", "/dashboard/du-lieu/rollback", "/dashboard/du-lieu/discard"]) {
        const res = await fetch(`${s.url}${path}`, { method: "POST", redirect: "manual", headers: { authorization: basic(DATA_USER), "content-type": "application/x-www-form-urlencoded" }, body: `draft=${encodeURIComponent(body)}&asOf=${encodeURIComponent(body)}&version=${encodeURIComponent(body)}` });
        expect(res.status, `${path} ${body}`).toBeLessThan(500);
      }
    }
    const page = await fetch(`${s.url}/dashboard/du-lieu?draft=%00&asOf=%ff&q=${"x".repeat(5000)}`, { headers: { authorization: basic(DATA_USER) } });
    expect(page.status).toBe(200);
    expect(await s.datasets.activeVersion()).toMatchObject({ version: 1 });
  });
});

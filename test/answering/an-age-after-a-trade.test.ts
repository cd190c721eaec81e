/**
 * An age said after a trade's rows (issue 10, thirteenth round), the real engine over sheets written
 * here: "tôi 52 tuổi được không" after the openings (or courses) of one trade is answered by the
 * rows that leave that age out, saying why ("Không nhận người 52 tuổi: … (Nam từ 20 đến 50 tuổi)"),
 * counted as answered; an age the rows take lists them. "Hạn chót ngày nào" after them asks a date
 * of those rows, not which rows ("ngày nào", like "khi nào", asks a time).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WHICH_RE } from "../../src/answering/labour-answerer.js";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  const jobs = [
    "Công ty TNHH Bảo Vệ Thử Nghiệm An Ninh,Nhân viên bảo vệ,5,7.000.000,8.000.000,Khu kinh tế Định An (Xã Đại An),\"Nam từ 20 đến 50 tuổi, đã xuất ngũ là lợi thế\",28/12/2026,Văn phòng công ty",
    "Công ty TNHH May Thử Nghiệm Sao Mai,Công nhân may công nghiệp,60,7.000.000,9.500.000,Xã Trà Cú,Nam nữ từ 18 tuổi,15/12/2026,Phòng nhân sự",
  ];
  const courses = ["Trung tâm Thử Nghiệm Kim Sơn,Kỹ thuật xây dựng,Sơ cấp,3 tháng,Miễn phí,Hỗ trợ tiền đi lại,Từ 18 đến 45 tuổi,Xã Hàm Giang,05/01/2027,Phòng đào tạo"];
  t = await buildKnowledgeWithSheets({ jobs, courses, demand: [] }, "tracu-age-after-trade-");
});
afterAll(() => t.cleanup());

async function after(first: string, then: string, userKey: string) {
  await t.engine.answer({ text: first, userKey });
  return t.engine.answer({ text: then, userKey });
}

describe("an age after a trade's rows", () => {
  it("should answer 'tôi 52 tuổi được không' after the guards' opening with why not, as an answer", async () => {
    const a = await after("Bảo vệ ở KKT Định An hạn nộp khi nào", "toi 52 tuoi duoc khong", "u-age-1");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Nhân viên bảo vệ");
    expect(a.answer).toContain("từ 20 đến 50 tuổi");
    expect(a.answer).not.toContain("Công nhân may");
  });

  it("should answer the same of a course ('tôi 55 tuổi học được không')", async () => {
    const a = await after("Khóa kỹ thuật xây dựng ở Kim Sơn có hỗ trợ tiền đi lại không", "tôi 55 tuổi học được không", "u-age-2");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Từ 18 đến 45 tuổi");
  });

  it("should list the rows when they take the age", async () => {
    const a = await after("Bảo vệ ở KKT Định An hạn nộp khi nào", "toi 35 tuoi duoc khong", "u-age-3");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Nhân viên bảo vệ");
    expect(a.answer).not.toContain("Không nhận người");
  });

  it("should not read 'ngày nào', 'tháng nào' as asking which rows, as 'khi nào' is not", () => {
    expect(WHICH_RE.test("lien he ai han chot ngay nao")).toBe(false);
    expect(WHICH_RE.test("khai giang thang nao")).toBe(false);
    expect(WHICH_RE.test("viec nao luong cao nhat")).toBe(true);
    expect(WHICH_RE.test("khoa nao hoc vao ngay chu nhat")).toBe(true);
  });
});

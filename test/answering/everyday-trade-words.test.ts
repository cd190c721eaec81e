/**
 * Courses and openings asked in everyday words (issue 10, thirtieth round): "học chụp ảnh" is the
 * sheets' course "Nhiếp ảnh" (knowledge/synonyms.yaml), and "lớp 12" in "e lớp 12 thích chụp ảnh"
 * is a grade, not a class, so "có studio nào cần người phụ" still asks the openings. "Bộ đội xuất ngũ
 * giảm bao nhiêu" after a course asks the course's support column ("giảm bao nhiêu" is one of its
 * words in knowledge/slots.yaml), not the demand row whose note names the group.
 * The real engine over sheets written here (clock 20/11/2026), answer check off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: ["Studio Ảnh Thử Nghiệm Ánh Dương,\"Phụ chụp ảnh, quay phim tiệc cưới\",2,Thỏa thuận,,Xã Trà Cú,Biết dùng máy ảnh là lợi thế,10/01/2027,Anh Dương 0000 000 411"],
      courses: [
        "Trường Trung cấp Thử Nghiệm Cửu Long,Nhiếp ảnh,Sơ cấp,3 tháng,3.500.000,Cho mượn máy ảnh trong giờ học,Từ 16 tuổi,Xã Trà Cú,15/01/2027,Phòng đào tạo 0000 000 502",
        "Trung tâm Ngoại ngữ Thử Nghiệm Sao Mai,Tiếng Nhật N5,Khóa ngắn hạn,6 tháng,7 triệu,Giảm 10% cho bộ đội xuất ngũ,Từ 18 tuổi,Xã Trà Cú,15/01/2027,Cô Lan 0000 000 505",
      ],
      demand: ["Bảo vệ,2027,60,\"8,2 triệu\",Số liệu thử; ưu tiên bộ đội xuất ngũ"],
    },
    "tracu-everyday-trade-words-",
    { ANSWER_CHECK_THRESHOLD: "0" },
  );
});
afterAll(() => t.cleanup());

describe("a course and an opening asked in everyday words", () => {
  it("should find the course 'Nhiếp ảnh' for 'muốn học chụp ảnh', not the photographer's opening", async () => {
    const a = await t.engine.answer({ text: "e muon hoc chup anh" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Nhiếp ảnh");
    expect(a.answer).toContain("3.500.000");
    expect(a.answer).not.toContain("Studio Ảnh");
  });

  it("should answer the opening when a grade-12 student asks which studio needs a helper", async () => {
    const a = await t.engine.answer({ text: "có studio chụp hình nào cần người phụ ko ad, e lớp 12 thích chụp ảnh" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Phụ chụp ảnh, quay phim tiệc cưới");
    expect(a.answer).not.toContain("3.500.000");
  });
});

describe("a group's discount asked after a course", () => {
  it("should answer the course's support, not the demand row that names the group", async () => {
    const userKey = "everyday:discount";
    await t.engine.answer({ text: "có lớp tiếng Nhật ko", userKey });
    const a = await t.engine.answer({ text: "bộ đội xuất ngũ giảm bao nhiêu", userKey });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Giảm 10% cho bộ đội xuất ngũ");
    expect(a.answer).not.toContain("8,2 triệu");
  });
});

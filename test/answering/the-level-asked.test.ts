/**
 * A course reply is of the level the question asks (issue 10, sixteenth round): "khóa nấu ăn trung
 * cấp" gets the trung cấp course, not a two-month cooking class of the same trade; a follow-up keeps
 * the level; a level with no course of the trade says so, names the nearest known courses as such,
 * and counts as unanswered; a level inside a school's name asks for the school. The real engine over
 * sheets written here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: [],
      courses: [
        "Trung tâm GDNN Thử Nghiệm Trà Cú,Nấu ăn gia đình,Sơ cấp,2 tháng,Miễn phí,Không,Phụ nữ nông thôn,Xã Hàm Giang,11/01/2027,ĐT 0000 000 011",
        "Trường Trung cấp Thử Nghiệm Sông Hậu,Kỹ thuật chế biến món ăn,Trung cấp,18 tháng,4.500.000/học kỳ,Không,Tốt nghiệp THCS,Xã Trà Cú,01/2027,ĐT 0000 000 012",
        "Trung tâm GDNN Thử Nghiệm Trà Cú,Hàn điện,Sơ cấp,3 tháng,3.000.000,Không,Từ 18 tuổi,Xã Đại An,14/12/2026,ĐT 0000 000 011",
        "Trường Trung cấp Thử Nghiệm Sông Hậu,Điện công nghiệp (mô hình 9+),Trung cấp,3 năm,Miễn học phí,Không,Tốt nghiệp THCS,Xã Trà Cú,09/2027,ĐT 0000 000 012",
        "Trường Trung cấp Thử Nghiệm Sông Hậu,Tin học văn phòng,Sơ cấp,3 tháng,1.200.000,Không,Từ 15 tuổi,Xã Trà Cú,05/12/2026,ĐT 0000 000 012",
      ],
    },
    "tracu-level-asked-",
  );
});
afterAll(() => t.cleanup());

describe("the level a course question asks", () => {
  it("should answer with the course of that level, not another level's course of the same trade", async () => {
    const a = await t.engine.answer({ text: "khoa nau an trung cap hoc phi bao nhieu", userKey: "level-1" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("4.500.000/học kỳ");
    expect(a.answer).not.toContain("Nấu ăn gia đình");
  });

  it("should keep the level in a follow-up", async () => {
    await t.engine.answer({ text: "khoa nau an trung cap hoc phi bao nhieu", userKey: "level-2" });
    const a = await t.engine.answer({ text: "hoc may thang", userKey: "level-2" });
    expect(a.answer).toContain("18 tháng");
    expect(a.answer).not.toContain("2 tháng;");
  });

  it("should say a level has no course of the trade, name the nearest as such, and count as unanswered", async () => {
    const a = await t.engine.answer({ text: "khoa han dien trung cap hoc phi bao nhieu", userKey: "level-3" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("trình độ trung cấp");
    expect(a.answer).toContain("không phải câu trả lời");
    expect(a.answer).toContain("Hàn điện (Sơ cấp)");
  });

  it("should read a level inside a school's name as the school", async () => {
    const a = await t.engine.answer({ text: "Trường Trung cấp Thử Nghiệm Sông Hậu có lớp tin học không", userKey: "level-4" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Tin học văn phòng");
  });
});

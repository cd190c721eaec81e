/**
 * Rows asked in words that belong elsewhere (issue 10, thirteenth round), the real engine over
 * sheets written here:
 * - a course whose words are of working abroad ("khóa tiếng Hàn ôn EPS học phí bao nhiêu") is a
 *   course: its row answers with the fee, not a sentence cut from it nor a passage on EPS;
 * - a trade's need in a year asked as "dự báo năm 2027 cần bao nhiêu" is the demand table's row of
 *   that year, not the trade's openings.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  const jobs = ["Công ty CP Cơ khí Thử Nghiệm Định An,Thợ điện công nghiệp,6,9.000.000,12.000.000,Xã Đại An,Tốt nghiệp trung cấp điện,30/12/2026,Phòng tổ chức"];
  const courses = [
    "Trung tâm Ngoại ngữ Thử Nghiệm Hàn Việt,Tiếng Hàn ôn thi EPS-TOPIK,Khóa ngắn hạn,4 tháng,6.000.000,Không,Người từ 18 tuổi,Xã Trà Cú,01/12/2026,Lễ tân",
    "Trung tâm Ngoại ngữ Thử Nghiệm Hàn Việt,Tiếng Nhật sơ cấp N5,Khóa ngắn hạn,6 tháng,\"7,5 triệu\",Không,Người từ 18 tuổi,Xã Trà Cú,10/01/2027,Lễ tân",
  ];
  const demand = ["Điện công nghiệp,2026,35,\"9,2 triệu\",Số liệu thử", "Điện công nghiệp,2027,45,\"9,8 triệu\",\"Dự báo, số liệu thử\""];
  t = await buildKnowledgeWithSheets({ jobs, courses, demand }, "tracu-other-words-");
});
afterAll(() => t.cleanup());

describe("a course in the words of working abroad", () => {
  it("should answer 'khóa tiếng Hàn ôn EPS học phí bao nhiêu' with the course's fee", async () => {
    const a = await t.engine.answer({ text: "khoa tieng Han on EPS hoc phi nhieu, o dau" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Tiếng Hàn ôn thi EPS-TOPIK");
    expect(a.answer).toContain("6.000.000");
  });
});

describe("a trade's need in a year", () => {
  it("should read the demand row of the year for 'dự báo năm 2027 cần bao nhiêu', not the openings", async () => {
    const a = await t.engine.answer({ text: "dien cong nghiep du bao nam 2027 can bao nhieu" });
    expect(a.answer).toContain("45");
    expect(a.answer).toContain("9,8 triệu");
    expect(a.answer).not.toContain("Công ty CP Cơ khí");
  });
});

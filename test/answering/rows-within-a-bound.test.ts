/**
 * Rows on one side of a number the question writes (issue 10, tenth round), the real engine over
 * sheets written here: "việc nào lương trên 8,5 triệu", "lương tối đa trên 12 triệu", "khóa nào học
 * phí dưới 2 triệu" (a free course is below it), "khóa nào học dưới 3 tháng", "năm 2026 nghề nào cần
 * trên 100 người", "từ 9 triệu trở lên" (the bound included); closed openings and openings whose
 * age limits leave the asker out are not listed; and how the bound is read (`numeric-bound.ts`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boundAsked } from "../../src/answering/numeric-bound.js";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  const jobs = [
    "Công ty CP Thử Nghiệm Cảng Bến Đò,Lái xe nâng,3,10 triệu,15 triệu,Xã Đại An,Từ 20 đến 40 tuổi,30/12/2026,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm May Bến Đò,Công nhân may,60,6.500.000,9.000.000,Xã Trà Cú,Từ 18 đến 50 tuổi,30/12/2026,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm Cơ Khí,Thợ hàn,8,8.500.000,12.000.000,Xã Hàm Giang,Từ 18 tuổi,30/12/2026,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm Bảo Vệ,Nhân viên bảo vệ,5,6.000.000,7.000.000,Xã Trà Cú,Nam từ 20 tuổi,01/11/2026,Phòng nhân sự (dữ liệu thử)",
  ];
  const courses = [
    "Trường Trung cấp Thử Nghiệm Bến Đò,May công nghiệp,Sơ cấp,3 tháng,Miễn học phí,Không,Từ 16 tuổi,Xã Trà Cú,01/12/2026,Phòng tuyển sinh",
    "Trung tâm Thử Nghiệm Bến Đò,Tin học văn phòng,Dưới 3 tháng,2 tháng,900.000,Không,Mọi người,Xã Trà Cú,10/12/2026,Phòng ghi danh",
    "Trung tâm Thử Nghiệm Bến Đò,Lái xe ô tô hạng B,Sơ cấp,3 tháng,15.500.000,Không,Từ 18 tuổi,Xã Trà Cú,12/2026,Phòng ghi danh",
    "Trường Cao đẳng Thử Nghiệm,Điện công nghiệp,Cao đẳng,3 năm,9.800.000,Không,Tốt nghiệp THPT,Xã Tập Sơn,09/2027,Phòng đào tạo",
  ];
  const demand = [
    "May công nghiệp,2026,510,\"7,2 triệu\",",
    "Chế biến thủy sản,2026,350,\"8 triệu\",",
    "Hàn,2026,40,\"9,1 triệu\",",
    "May công nghiệp,2027,560,\"7,6 triệu\",",
  ];
  t = await buildKnowledgeWithSheets({ jobs, courses, demand }, "tracu-bounds-");
});
afterAll(() => t.cleanup());

describe("how a bound is read", () => {
  it("should read the side, the value in the rows' unit and what it measures", () => {
    const words = t.knowledge.current().lexicon.slots.bounds;
    expect(boundAsked("việc nào lương trên 8,5 triệu", words)).toMatchObject({ side: "above", value: 8_500_000, measure: "amount" });
    expect(boundAsked("khoa nao hoc phi duoi 2tr", words)).toMatchObject({ side: "below", value: 2_000_000, measure: "amount" });
    expect(boundAsked("nghề nào cần hơn 100 người", words)).toMatchObject({ side: "above", value: 100, measure: "count" });
    expect(boundAsked("học không quá 3 tháng", words)).toMatchObject({ side: "below", value: 3, measure: "duration" });
    expect(boundAsked("lương từ 9 triệu trở lên", words)).toMatchObject({ side: "above", value: 9_000_000 });
    expect(boundAsked("học phí dưới 1.500.000", words)).toMatchObject({ side: "below", value: 1_500_000, measure: "amount" });
    // A number with no unit that cannot be money, and a date, are no bound.
    expect(boundAsked("con em trên 15 tuổi", words)).toBeUndefined();
    expect(boundAsked("hạn nộp sau ngày 01/12/2026", words)).toBeUndefined();
  });
});

describe("rows on one side of the number written", () => {
  it("should list the open openings paying above 8,5 triệu, not the closed one or those below", async () => {
    const a = await t.engine.answer({ text: "viec nao luong tren 8,5 trieu" });
    expect(a.answer).toContain("Lái xe nâng");
    expect(a.answer).toContain("Thợ hàn");
    expect(a.answer).toContain("Công nhân may");
    expect(a.answer).not.toContain("Nhân viên bảo vệ");
  });

  it("should compare the top of the range for 'lương tối đa trên 12 triệu'", async () => {
    const a = await t.engine.answer({ text: "co viec nao luong toi da tren 12 trieu ko" });
    expect(a.answer).toContain("Lái xe nâng");
    expect(a.answer).not.toContain("Thợ hàn");
  });

  it("should include the bound for 'từ 12 triệu trở lên'", async () => {
    const a = await t.engine.answer({ text: "có việc nào lương từ 12 triệu trở lên không" });
    expect(a.answer).toContain("Thợ hàn");
  });

  it("should name apart the openings whose age limit leaves the asker out", async () => {
    const a = await t.engine.answer({ text: "tôi 45 tuổi, có việc nào lương trên 8 triệu không" });
    expect(a.answer.split("Không nhận")[0]).not.toContain("Lái xe nâng");
    expect(a.answer).toContain("Công nhân may");
  });

  it("should list the courses under 2 triệu, the free one with them", async () => {
    const a = await t.engine.answer({ text: "khóa nào học phí dưới 2 triệu" });
    expect(a.answer).toContain("Tin học văn phòng");
    expect(a.answer).toContain("May công nghiệp");
    expect(a.answer).not.toContain("Lái xe ô tô");
  });

  it("should list the courses shorter than 3 months", async () => {
    const a = await t.engine.answer({ text: "khoa nao hoc duoi 3 thang" });
    expect(a.answer).toContain("Tin học văn phòng");
    expect(a.answer).not.toContain("Điện công nghiệp");
    expect(a.answer).not.toContain("Lái xe ô tô");
  });

  it("should list the trades needing more than 100 people in the year asked", async () => {
    const a = await t.engine.answer({ text: "năm 2026 những nghề nào cần trên 100 người" });
    expect(a.answer).toContain("May công nghiệp: 510");
    expect(a.answer).toContain("Chế biến thủy sản: 350");
    expect(a.answer).not.toContain("Hàn:");
    expect(a.answer).not.toContain("560");
  });
});

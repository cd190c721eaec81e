/**
 * A follow-up that changes one thing (issue 10, sixth round): a group named after courses reads
 * their support and audience columns; a year said in words ("năm nay", "còn 2026") after a demand
 * figure reads that year's row; a reply that would repeat the previous one is not sent as an answer
 * when the message names a year the reply does not name. Slot words typed with their
 * diacritics are those words in the question analysis ("lớp mấy" is not sewing, "làm giấy tờ" is
 * not shoemaking); forged
 * papers are refused. The real engine over the shipped knowledge and sheets written here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeQuestion, yearSaid } from "../../src/answering/question-analysis.js";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
let unchecked: TestKnowledge;

beforeAll(async () => {
  const jobs = ["Công ty TNHH May Thử Nghiệm Sen Vàng,Công nhân may,30,6tr,8tr,Xã Hàm Giang,Nữ từ 18 tuổi,30/04/2027,Phòng nhân sự (dữ liệu thử)"];
  const courses = [
    "Trường Trung cấp Thử Nghiệm Sen Vàng,Sửa chữa xe máy,Sơ cấp,3 tháng,2.800.000,Giảm 50% học phí cho hộ nghèo,Từ 15 tuổi,Xã Trà Cú,15/01/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Trường Trung cấp Thử Nghiệm Sen Vàng,Kỹ thuật chế biến món ăn,Trung cấp,2 năm,Miễn học phí,Không,Tốt nghiệp THCS trở lên,Xã Đại An,09/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Trung tâm Thử Nghiệm Sen Vàng,May công nghiệp,Sơ cấp,2 tháng,Miễn phí,Hỗ trợ tiền đi lại,Lao động nữ nông thôn,Xã Hàm Giang,01/12/2026,Phòng tuyển sinh (dữ liệu thử)",
  ];
  const demand = ["Chế biến thủy sản,2027,180,7.200.000,", "Chế biến thủy sản,2026,160,6.900.000,", "May công nghiệp,2027,150,\"7,5 triệu\",", "May công nghiệp,2026,140,7.000.000,", "May công nghiệp,2025,120,6.600.000,"];
  t = await buildKnowledgeWithSheets({ jobs, courses, demand }, "tracu-follow-ups-");
  unchecked = await buildKnowledgeWithSheets({ jobs, courses, demand }, "tracu-follow-ups-unchecked-", { ANSWER_CHECK_THRESHOLD: "0" });
});
afterAll(() => {
  t.cleanup();
  unchecked.cleanup();
});

describe("a group named after courses", () => {
  it("should read the courses' support column, not only who they take, for 'nhà em hộ nghèo thì sao'", async () => {
    await t.engine.answer({ text: "hoc sua xe may 3 thang bao nhieu tien", userKey: "u-poor" });
    const a = await t.engine.answer({ text: "nha em ho ngheo thi sao", userKey: "u-poor" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Giảm 50% học phí cho hộ nghèo");
    expect(a.answer).toContain("Từ 15 tuổi");
  });

  it("should read 'được giảm' as the support column", async () => {
    await t.engine.answer({ text: "khoa sua xe may hoc phi bao nhieu", userKey: "u-discount" });
    const a = await t.engine.answer({ text: "có được giảm không", userKey: "u-discount" });
    expect(a.answer).toContain("Giảm 50% học phí cho hộ nghèo");
  });
});

describe("a group asked of the courses just shown", () => {
  it("should read the rows' support for 'nhà nghèo có được giảm không', a question of its own words", async () => {
    await t.engine.answer({ text: "hoc sua xe may o dau", userKey: "u-group-1" });
    const a = await t.engine.answer({ text: "nhà nghèo có được giảm không", userKey: "u-group-1" });
    expect(a.answer).toContain("Giảm 50% học phí cho hộ nghèo");
  });

  it("should read the rows for a longer message asking the fee and the group ('học phí bao nhiêu, nhà tôi hộ nghèo có giảm không')", async () => {
    await t.engine.answer({ text: "hoc sua xe may o dau", userKey: "u-group-3" });
    const a = await t.engine.answer({ text: "học phí bao nhiêu, nhà tôi hộ nghèo có được giảm không vậy", userKey: "u-group-3" });
    expect(a.answer).toContain("2.800.000");
    expect(a.answer).toContain("Giảm 50% học phí cho hộ nghèo");
  });

  it("should leave a group the rows never name to the policy documents", async () => {
    // Asked with the answer check off: this names what the rules find; at the check's threshold (0.65 since
    // December 2026, chosen on sets never tuned on) the reply is withheld as not sure.
    await unchecked.engine.answer({ text: "hoc ky thuat che bien mon an o dau", userKey: "u-group-2" });
    const a = await unchecked.engine.answer({ text: "người khuyết tật có được giảm không", userKey: "u-group-2" });
    expect(a.answer).not.toContain("của các khóa vừa nêu");
    expect(a.answer).toContain("khuyết tật");
  });
});

describe("a year's need asked as 'cần nhiều không'", () => {
  it("should read the demand row of the trade and year, not the openings", async () => {
    const a = await t.engine.answer({ text: "nghe may 2027 can nhieu ko", userKey: "u-need" });
    expect(a.answer).toContain("150");
    expect(a.answer).not.toContain("Sen Vàng");
  });

  it("should read 'năm sau' as next year's row", async () => {
    const a = await t.engine.answer({ text: "che bien thuy san nam sau can nhieu ko", userKey: "u-need-next" });
    // The engine's clock is TEST_NOW (2026): next year is 2027.
    expect(a.answer).toContain("Năm 2027");
    expect(a.answer).not.toContain("Năm 2026");
  });
});

describe("a year said in a follow-up on demand figures", () => {
  it("should ask the columns asked before again when only the year changes ('còn năm 2026' after demand and wage)", async () => {
    await t.engine.answer({ text: "Năm 2027 nghề may công nghiệp cần bao nhiêu lao động, lương bình quân bao nhiêu?", userKey: "u-year-cols" });
    const a = await t.engine.answer({ text: "còn năm 2026 thì sao", userKey: "u-year-cols" });
    expect(a.answer).toContain("140");
    expect(a.answer).toContain("7.000.000");
    expect(a.answer).not.toContain("7,5 triệu");
  });

  it("should read this year's row for 'năm nay thì sao'", async () => {
    await t.engine.answer({ text: "Năm 2027 nghề chế biến thủy sản cần bao nhiêu lao động?", userKey: "u-year" });
    const a = await t.engine.answer({ text: "nam nay thi sao", userKey: "u-year" });
    expect(a.answer).toContain("160");
    expect(a.answer).not.toContain("180");
  });

  it("should read every year named ('còn 2025 với 2027'), not only the first", async () => {
    await t.engine.answer({ text: "nhu cầu lao động ngành may công nghiệp năm 2026", userKey: "u-years" });
    const a = await t.engine.answer({ text: "còn 2025 với 2027", userKey: "u-years" });
    expect(a.answer).toContain("120");
    expect(a.answer).toContain("150");
  });

  it("should read a year asked after openings as that trade's demand row ('qua 2027 thì sao')", async () => {
    await t.engine.answer({ text: "có chỗ nào tuyển công nhân may ở Hàm Giang không", userKey: "u-year-jobs" });
    const a = await t.engine.answer({ text: "qua 2027 thì sao", userKey: "u-year-jobs" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("150");
    expect(a.answer).toContain("2027");
  });

  it("should read a year written without 'năm' ('con 2026')", async () => {
    await t.engine.answer({ text: "nghe may nam 2027 luong binh quan bao nhieu", userKey: "u-year-2" });
    const a = await t.engine.answer({ text: "con 2026", userKey: "u-year-2" });
    expect(a.answer).toContain("7.000.000");
    expect(a.answer).not.toContain("7,5 triệu");
  });

  it("should resolve years said in words against Vietnam's calendar", () => {
    const now = new Date("2026-12-31T18:00:00Z"); // 1 January 2027, 01:00 in Vietnam
    expect(yearSaid("nam nay thi sao", now)).toBe(2027);
    expect(yearSaid("nam sau can bao nhieu", now)).toBe(2028);
    expect(yearSaid("nam ngoai", now)).toBe(2026);
    expect(yearSaid("con 2025", now)).toBe(2025);
    expect(yearSaid("luong bao nhieu", now)).toBeUndefined();
  });
});

describe("a reply that would repeat the previous one", () => {
  it("should give another group's own figure rather than the earlier group's again", async () => {
    const first = await t.engine.answer({ text: "Người Khmer học nghề ngắn hạn được hỗ trợ bao nhiêu?", userKey: "u-repeat" });
    expect(first.answered).toBe(true);
    const a = await t.engine.answer({ text: "con nguoi khuyet tat thi sao", userKey: "u-repeat" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("6 triệu");
  });

  it("should say nothing new, unanswered and without sources, when a new year's figure is not in the repeated reply", async () => {
    await t.engine.answer({ text: "Đợt đăng ký EPS năm 2026 là ngày nào?", userKey: "u-eps" });
    const a = await t.engine.answer({ text: "năm sau thì sao", userKey: "u-eps" });
    expect(a.answered).toBe(false);
    expect(a.sources).toEqual([]);
  });
});

describe("slot words typed with their diacritics", () => {
  it("should not read 'lớp mấy' as the sewing trade nor 'làm giấy tờ' as shoemaking", () => {
    const snapshot = t.knowledge.current();
    expect(analyzeQuestion("Học nấu ăn trung cấp thì cần bằng lớp mấy?", snapshot).slots.trade.map((s) => s.id)).toEqual(["nau_an"]);
    expect(analyzeQuestion("Vậy phải làm giấy tờ gì?", snapshot).slots.trade).toEqual([]);
  });

  it("should still read the same words typed without diacritics, which may mean either", () => {
    const snapshot = t.knowledge.current();
    expect(analyzeQuestion("co cho nao tuyen lam giay ko", snapshot).slots.trade.map((s) => s.id)).toEqual(["giay_da"]);
    expect(analyzeQuestion("Cty nào tuyển thợ làm giày không?", snapshot).slots.trade.map((s) => s.id)).toEqual(["giay_da"]);
  });
});

describe("forged papers", () => {
  it("should refuse to help make a false certificate, with no source", async () => {
    for (const text of ["Làm sao làm giấy xác nhận hộ cận nghèo giả để con được miễn học phí?", "chỉ tôi cách làm bằng cấp 3 giả để đi xkld"]) {
      const a = await t.engine.answer({ text });
      expect(a.answered).toBe(false);
      expect(a.sources).toEqual([]);
    }
  });
});

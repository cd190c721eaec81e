/**
 * Wages paid by the day and fees charged by the year or term (issue 10): the Labour Office writes
 * "280.000/ngày" or "7,5 triệu/năm". The reply shows the cell as written, never "chưa rõ", and a
 * daily wage is never ranked against monthly wages. The real engine over a test's own sheets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
// The same sheets with the answer check off, for what the engine reads rather than what it sends.
let unchecked: TestKnowledge;

beforeAll(async () => {
  const jobs = [
    "Công ty TNHH Xây dựng Thử Nghiệm Bến Đò,Phụ hồ,20,280.000/ngày,350.000/ngày,Xã Lưu Nghiệp Anh,Từ 18 tuổi,25/12/2026,Anh Sơn Văn Đa",
    "Công ty CP Cơ khí Thử Nghiệm Bến Đò,Thợ hàn,12,8.000.000,12.000.000,Xã Đại An,Từ 20 đến 45 tuổi,10/12/2026,Anh Kim Sóc Kha",
    "Quán Thử Nghiệm Sông Hậu,Phụ bếp,5,5.500.000,6.500.000,Xã Trà Cú,Từ 17 tuổi,25/12/2026,Chị Lâm",
    "Siêu thị Thử Nghiệm Trà Cú,Nhân viên bán hàng,2,5.500.000,6.000.000,Xã Trà Cú,Từ 18 tuổi,25/12/2026,Anh Tư",
    "Nhà hàng Thử Nghiệm Thanh Sơn,Phục vụ tiệc cưới,15,35.000/giờ,40.000/giờ,Xã Trà Cú,Từ 16 tuổi,25/12/2026,Chị Ba",
  ];
  const courses = [
    "Trường Cao đẳng Thử Nghiệm Cửu Long,Thú y,Trung cấp,18 tháng,7.000.000/năm,Giảm 30% cho người dân tộc thiểu số,Tốt nghiệp THPT,Xã Hàm Giang,15/01/2027,Cô Lâm Thị Hân",
    "Trung tâm Dạy nghề Thử Nghiệm Tập Sơn,Nấu ăn,Sơ cấp,3 tháng,1.500.000,Không,Mọi người,Xã Tập Sơn,10/12/2026,Chị Thạch Thị Na",
    "Trường Trung cấp Thử Nghiệm Trà Cú,Điện công nghiệp,Trung cấp,2 năm,Miễn học phí,Không,Tốt nghiệp THCS,Xã Trà Cú,05/01/2027,Thầy Thạch Văn Sang",
    "Cơ sở Dạy nghề Thử Nghiệm Ánh Dương,May công nghiệp,Sơ cấp,3 tháng,Miễn học phí,Không,Lao động nữ 16-45 tuổi,Xã Long Hiệp,01/12/2026,Chị Huỳnh Sa",
  ];
  t = await buildKnowledgeWithSheets({ jobs, courses }, "tracu-per-period-");
  unchecked = await buildKnowledgeWithSheets({ jobs, courses }, "tracu-per-period-unchecked-", { ANSWER_CHECK_THRESHOLD: "0" });
});
afterAll(() => {
  t.cleanup();
  unchecked.cleanup();
});

describe("an amount written per day, year or term", () => {
  it("should show a yearly fee as written when the fee is asked", async () => {
    const a = await t.engine.answer({ text: "học thú y học phí bao nhiêu", userKey: "per-fee" });
    expect(a.answer).toContain("7.000.000/năm");
    expect(a.answer).not.toContain("chưa rõ");
    expect(a.answered).toBe(true);
  });

  it("should show a daily wage as written when the wage is asked", async () => {
    const a = await t.engine.answer({ text: "phụ hồ 1 ngày được bao nhiêu tiền", userKey: "per-wage" });
    expect(a.answer).toContain("280.000/ngày");
    expect(a.answer).not.toContain("chưa rõ");
  });

  it("should rank monthly wages only: a daily wage is neither the lowest nor the highest", async () => {
    const low = await t.engine.answer({ text: "việc nào lương thấp nhất", userKey: "per-rank-low" });
    expect(low.answer).toContain("Phụ bếp");
    expect(low.answer.split("\n")[1]).not.toContain("Phụ hồ");
    const high = await t.engine.answer({ text: "việc nào lương cao nhất", userKey: "per-rank-high" });
    expect(high.answer.split("\n")[1]).toContain("Thợ hàn");
  });

  it("should list the openings paid by the day when that is what is asked, and only those", async () => {
    for (const text of ["việc nào trả lương theo ngày", "co cho nao lam cong nhat ko"]) {
      // Asked with the answer check off: this names what the rules find; at the check's threshold (0.65 since
      // December 2026, chosen on sets never tuned on) the reply is withheld as not sure.
      const a = await unchecked.engine.answer({ text, userKey: `per-day-${text}` });
      expect(a.answer).toContain("Phụ hồ");
      expect(a.answer).not.toContain("Thợ hàn");
      expect(a.answer).not.toContain("Phụ bếp");
      expect(a.answered).toBe(true);
    }
  });
});

describe("openings paid by the hour", () => {
  it("should list the openings paid by the hour for 'có chỗ nào trả lương theo giờ', and leave the legal hourly minimum to the documents", async () => {
    const a = await t.engine.answer({ text: "có chỗ nào trả lương theo giờ không ad", userKey: "per-hour" });
    expect(a.answer).toContain("Phục vụ tiệc cưới");
    expect(a.answer).not.toContain("Phụ hồ");
    const b = await t.engine.answer({ text: "e lam ban thoi gian tinh luong theo gio, o vung 3 thi toi thieu 1 gio phai dc bao nhieu", userKey: "per-hour-min" });
    expect(b.answer).not.toContain("Phục vụ tiệc cưới");
  });
});

describe("a trade word typed as another word", () => {
  it("should read 'lớp mấy' as a grade, not the sewing trade, and answer the course just shown", async () => {
    await t.engine.answer({ text: "học thú y học phí bao nhiêu", userKey: "typed-1" });
    const a = await t.engine.answer({ text: "cần tốt nghiệp lớp mấy mới học được", userKey: "typed-1" });
    expect(a.answer).toContain("Tốt nghiệp THPT");
    expect(a.answer).not.toContain("May công nghiệp");
  });

  it("should still read 'may' typed without diacritics after 'học' as the trade", async () => {
    // How the trade is read, not whether the answer check sends the row: the row names no grade,
    // so the check may withhold it.
    const a = await unchecked.engine.answer({ text: "học may cần tốt nghiệp lớp mấy", userKey: "typed-2" });
    expect(a.answer).toContain("May công nghiệp");
  });
});

describe("a school named in full beside a company sharing its words", () => {
  it("should answer with the school's courses and contact, not the company's openings", async () => {
    const a = await t.engine.answer({ text: "muốn hỏi tuyển sinh Trường Trung cấp Thử Nghiệm Trà Cú thì liên hệ ai", userKey: "school-company" });
    expect(a.answer).toContain("Thầy Thạch Văn Sang");
    expect(a.answer).not.toContain("Nhân viên bán hàng");
  });
});

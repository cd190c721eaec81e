/**
 * Openings asked by what their rows say, and companies whose openings have closed (issue 10,
 * eleventh round), the real engine over sheets written here:
 * - "có chỗ nào làm ca đêm không", "việc nào có ký túc xá" list the rows whose position or
 *   requirements say those words, not every opening; a run the message negates ("chưa có chứng chỉ
 *   hàn") is not sought; a word no row has ("biết tiếng Khmer") leaves the question unanswered
 *   rather than answered by rows sharing its other words;
 * - a clause that only tells ("ban ngày tui phải đưa đón con") is not read as asking for transport;
 * - a company named whose openings all closed is answered with its rows, said to be closed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  const jobs = [
    "Công ty CP Thử Nghiệm Thủy Sản Bến Đò,Công nhân kho lạnh,8,8.000.000,9.500.000,Xã Đại An,Nam từ 20 đến 40 tuổi; làm ca đêm 22h-6h,30/12/2026,Tổ tuyển dụng (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm May Bến Đò,Công nhân may,50,6.500.000,9.000.000,Xã Trà Cú,Từ 18 đến 40 tuổi; không cần kinh nghiệm,30/12/2026,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm Giày Da Miền Đông,Công nhân may giày,50,7.500.000,10.000.000,Bình Dương cũ,Từ 18 đến 35 tuổi; có ký túc xá,05/11/2026,Phòng tuyển dụng (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm Cơ Khí Tân Tiến,Thợ hàn,10,9 triệu,12 triệu,Xã Đại An,Có chứng chỉ hàn sơ cấp trở lên,10/11/2026,Văn phòng xưởng (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm Cơ Khí Tân Tiến,Phụ hàn,6,6.000.000,7.500.000,Xã Đại An,Nam từ 18 tuổi; không cần kinh nghiệm,10/11/2026,Văn phòng xưởng (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm Xây Dựng,Thợ xây,15,8.200.000,11.000.000,Xã Tập Sơn,Sức khỏe tốt; ưu tiên người có tay nghề,30/12/2026,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm Điện Bến Đò,Thợ điện,4,7.000.000,9.000.000,Xã Trà Cú,Có chứng chỉ hàn hoặc điện,30/12/2026,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm Điện Trà Cú,Thợ điện dân dụng,5,8.000.000,11.000.000,Xã Trà Cú,Có chứng chỉ sơ cấp nghề điện trở lên,25/12/2026,Anh Thạch Văn Bình (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm Thương Mại,Nhân viên bán hàng,8,5.800.000,7.200.000,Xã An Quảng Hữu,Tốt nghiệp THPT; từ 18 đến 35 tuổi,18/11/2026,Phòng nhân sự (dữ liệu thử)",
  ];
  const courses = [
    "Trung tâm Tin học Thử Nghiệm Ngãi Xuyên,Tin học văn phòng,Dưới 3 tháng,8 tuần,\"1,2 triệu\",Không,\"Học sinh, người đi làm\",Xã Ngãi Xuyên,25/11/2026,Thầy Kim Văn Lợi (dữ liệu thử)",
    "Trung tâm GDNN-GDTX Thử Nghiệm Trà Cú,May dân dụng,Sơ cấp,3 tháng,Miễn học phí,Không,Lao động nông thôn,Xã Thanh Sơn,07/12/2026,Phòng đào tạo (dữ liệu thử)",
    "Trường Trung cấp Thử Nghiệm Trà Cú,Chăm sóc móng,Dưới 3 tháng,1 tháng,1.200.000,Không,\"Phụ nữ từ 18 tuổi, học buổi chiều\",Xã Long Hiệp,14/12/2026,Phòng đào tạo (dữ liệu thử)",
  ];
  t = await buildKnowledgeWithSheets({ jobs, courses }, "tracu-rows-say-");
});
afterAll(() => t.cleanup());

describe("openings asked by what their rows say", () => {
  it("should list the night-shift opening, not every opening, and not read the reason clause as a question", async () => {
    const a = await t.engine.answer({ text: "Có chỗ nào tuyển làm ca đêm không, ban ngày tui phải đưa đón con" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Công nhân kho lạnh");
    expect(a.answer).not.toContain("Công nhân may;");
    expect(a.answer).not.toContain("không ghi");
  });

  it("should show rows that say 'ký túc xá' as closed when only closed rows say it, unanswered", async () => {
    const a = await t.engine.answer({ text: "co cho nao co ky tuc xa ko ad" });
    expect(a.answer).toContain("Công nhân may giày");
    expect(a.answer).toContain("hết hạn nộp");
    expect(a.answered).toBe(false);
  });

  it("should not seek what the message says the asker lacks: 'chưa có chứng chỉ hàn'", async () => {
    const a = await t.engine.answer({ text: "e 18t chua co chung chi han, co cho nao nhan vo lam ko ad" });
    expect(a.answer).not.toContain('có ghi "chứng chỉ hàn"');
  });

  it("should not answer a condition no row has with rows sharing its other words", async () => {
    const a = await t.engine.answer({ text: "viec nao biet tieng khmer duoc uu tien vay" });
    expect(a.answer).not.toContain("Thợ xây");
  });
});

describe("what is asked of a row named by its label", () => {
  it("should answer 'thợ điện dân dụng yêu cầu gì' with that row: 'yêu cầu' names the column asked", async () => {
    const a = await t.engine.answer({ text: "thợ điện dân dụng yêu cầu gì vậy" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("chứng chỉ sơ cấp nghề điện");
  });

  it("should answer 'liên hệ thầy nào' of a course with its contact", async () => {
    const a = await t.engine.answer({ text: "lớp tin học ở Ngãi Xuyên liên hệ thầy nào" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Kim Văn Lợi");
  });

  it("should answer 'còn nộp hồ sơ được không' of a closed position with its deadline", async () => {
    const a = await t.engine.answer({ text: "nhân viên bán hàng ở An Quảng Hữu còn nộp hồ sơ được ko" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("18/11/2026");
    expect(a.answer).toContain("hết hạn");
  });
});

describe("a trade asked in words no row label holds", () => {
  it("should find 'Chăm sóc móng' for 'làm móng' / 'nail' by the word the label ends with, not say there is none", async () => {
    for (const text of ["lớp làm móng ở đâu, học buổi nào vậy", "vo tui muon hoc lam nail, co lop ko, khi nao"]) {
      const a = await t.engine.answer({ text, userKey: `nail-${text}` });
      expect(a.answered).toBe(true);
      expect(a.answer).toContain("Chăm sóc móng");
      expect(a.answer).toContain("14/12/2026");
    }
  });
});

describe("sewing asked as people say it", () => {
  it("should read 'may đồ' / 'may do' as the sewing course, and 'học lớp mấy' as no trade", async () => {
    const a = await t.engine.answer({ text: "co lop hoc may do hong, con gai toi muon hoc", userKey: "may-do" });
    expect(a.answer).toContain("May dân dụng");
    const b = await t.engine.answer({ text: "hoc lop may thi duoc di hoc nghe", userKey: "lop-may" });
    expect(b.answer).not.toContain("May dân dụng");
  });
});

describe("rows counted", () => {
  it("should count the rows just shown for 'tất cả có mấy chỗ', and read 'bao nhiêu chỗ' of one row as its quantity", async () => {
    const listed = await t.engine.answer({ text: "ở xã Trà Cú có chỗ nào đang tuyển không", userKey: "count-rows" });
    const shown = (listed.answer.match(/^- /gm) ?? []).length;
    expect(shown).toBeGreaterThan(1);
    const a = await t.engine.answer({ text: "tat ca co may cho v", userKey: "count-rows" });
    expect(a.answer).toContain(`Có ${shown} chỗ tuyển`);
    await t.engine.answer({ text: "có chỗ nào tuyển thợ điện dân dụng không", userKey: "count-one" });
    const b = await t.engine.answer({ text: "bao nhieu cho", userKey: "count-one" });
    expect(b.answer).toContain("5 người");
  });
});

describe("other rows than those just shown", () => {
  it("should list the other courses, not the one shown again, for 'còn lớp nào khác không'", async () => {
    await t.engine.answer({ text: "lớp tin học ở Ngãi Xuyên học phí bao nhiêu", userKey: "others-1" });
    const a = await t.engine.answer({ text: "còn lớp nào khác không", userKey: "others-1" });
    expect(a.answer).toContain("May dân dụng");
    expect(a.answer).not.toContain("Tin học văn phòng");
  });

  it("should keep to the group the follow-up names ('còn lớp nào khác dành cho phụ nữ không')", async () => {
    await t.engine.answer({ text: "lớp tin học ở Ngãi Xuyên học phí bao nhiêu", userKey: "others-2" });
    const a = await t.engine.answer({ text: "còn lớp nào khác dành cho phụ nữ không", userKey: "others-2" });
    expect(a.answer).toContain("Chăm sóc móng");
    expect(a.answer).not.toContain("May dân dụng");
  });
});

describe("openings asked in a commune", () => {
  it("should answer 'ở Trà Cú giờ còn việc nào còn hạn' with the openings, and 'việc nào ở mấy xã Trà Cú cũ' not with the list of communes", async () => {
    const a = await t.engine.answer({ text: "ở xã Trà Cú giờ còn việc nào còn hạn nộp ko", userKey: "commune-rows-1" });
    expect(a.answer).toContain("Thợ điện dân dụng");
    const b = await t.engine.answer({ text: "Có việc nào ở mấy xã Trà Cú cũ mà lương thấp nhất cũng từ 7 triệu trở lên không?", userKey: "commune-rows-2" });
    expect(b.answer).not.toContain("17 xã, thị trấn");
  });
});

describe("a company named whose openings have closed", () => {
  it("should answer with its rows, said to be closed", async () => {
    const a = await t.engine.answer({ text: "Công ty giày da Miền Đông còn nhận hồ sơ không anh chị?" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("đã hết hạn nhận hồ sơ");
    expect(a.answer).toContain("05/11/2026");
  });

  it("should keep to the position named among the company's rows", async () => {
    const a = await t.engine.answer({ text: "xưởng cơ khí Tân Tiến tuyển phụ hàn có cần kinh nghiệm ko" });
    expect(a.answer).toContain("Phụ hàn");
    expect(a.answer).toContain("không cần kinh nghiệm");
    expect(a.answer).not.toContain("Thợ hàn tại");
  });
});

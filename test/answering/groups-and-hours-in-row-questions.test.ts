/**
 * Row questions read by general word rules (issue 10, twelfth round), the real engine over sheets
 * written here:
 * - "nữ" alone names women ("việc nào ưu tiên nữ"), and rows naming every group asked come first;
 * - a ranking or the free courses asked within a group are the rows that take that group;
 * - "có việc … nào" seeks an opening, and a follow-up seeking openings after the demand figures asks
 *   the job table, so a group or a word of the rows lists openings, not courses;
 * - "mấy giờ" typed without diacritics ("may gio") asks an hour, it does not name sewing, and a row
 *   saying "làm từ 15 giờ đến 22 giờ" states its hours.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  const jobs = [
    "Công ty CP Thử Nghiệm Thủy Sản Bến Đò,Công nhân chế biến thủy sản,40,7.000.000,8.500.000,Xã Đại An,Từ 18 đến 45 tuổi; ưu tiên nữ; không cần kinh nghiệm,30/12/2026,Phòng tổ chức (dữ liệu thử)",
    "Cơ sở Thử Nghiệm Đan Lát Bến Đò,Thợ đan lục bình làm tại nhà,20,3.500.000,5.000.000,Xã Long Hiệp,Ưu tiên phụ nữ; nhận hàng về làm tại nhà,30/12/2026,Chủ cơ sở (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm May Bến Đò,Công nhân may (ca ngày),50,6.500.000,9.000.000,Xã Trà Cú,Từ 18 đến 40 tuổi; không cần kinh nghiệm,30/12/2026,Phòng nhân sự (dữ liệu thử)",
    "Nhà hàng Thử Nghiệm Bến Đò,Phụ bếp (ca chiều tối),4,5.600.000,7.200.000,Xã Trà Cú,Từ 18 tuổi; làm từ 15 giờ đến 22 giờ,30/12/2026,Quản lý nhà hàng (dữ liệu thử)",
    "Văn phòng Thử Nghiệm Kế Toán Bến Đò,Nhân viên văn phòng,2,6.000.000,7.500.000,Xã Trà Cú,Có chứng chỉ tin học văn phòng,22/12/2026,Văn phòng (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm Xây Dựng Bến Đò,Thợ xây,15,8.200.000,11.000.000,Xã Tập Sơn,Nam; sức khỏe tốt,30/12/2026,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm Điện Tử Bến Đò,Công nhân lắp ráp linh kiện điện tử,40,7.000.000,9.000.000,Xã Hàm Giang,Từ 18 đến 35 tuổi; ưu tiên người lao động về nước từ Hàn Quốc; Đài Loan,10/01/2027,Phòng nhân sự (dữ liệu thử)",
  ];
  const courses = [
    "Trung tâm Thử Nghiệm Bến Đò,Tin học văn phòng,Dưới 3 tháng,6 tuần,1.200.000,Miễn học phí cho người khuyết tật,Mọi người có nhu cầu,Xã Trà Cú,05/12/2026,Phòng tuyển sinh (dữ liệu thử)",
    "Trung tâm Thử Nghiệm Bến Đò,May công nghiệp,Sơ cấp,3 tháng,Miễn học phí,Hỗ trợ tiền ăn,Lao động nông thôn,Xã Trà Cú,07/12/2026,Phòng tuyển sinh (dữ liệu thử)",
    "Trung tâm Thử Nghiệm Bến Đò,Làm tóc,Sơ cấp,3 tháng,4.500.000,Không,Phụ nữ từ 16 tuổi,Xã Trà Cú,05/01/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Trung tâm Thử Nghiệm Bến Đò,Đan lát thủ công,Dưới 3 tháng,1 tháng,Miễn phí,Hỗ trợ tiền ăn; ưu tiên phụ nữ người Khmer,Phụ nữ nông thôn,Xã Long Hiệp,08/12/2026,Phòng tuyển sinh (dữ liệu thử)",
  ];
  const demand = ["May công nghiệp,2026,380,\"7,2 triệu\",Số liệu thử", "May công nghiệp,2027,400,\"7,6 triệu\",Số liệu thử"];
  t = await buildKnowledgeWithSheets({ jobs, courses, demand }, "tracu-groups-hours-");
});
afterAll(() => t.cleanup());

describe("groups named in row questions", () => {
  it("should read 'nữ' alone as women and list every opening that prefers them", async () => {
    const a = await t.engine.answer({ text: "Có việc nào ưu tiên nữ không ad" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Công nhân chế biến thủy sản");
    expect(a.answer).toContain("Thợ đan lục bình");
    expect(a.answer).not.toContain("Thợ xây");
  });

  it("should put the course naming every group asked first", async () => {
    const a = await t.engine.answer({ text: "Có khóa học nào ưu tiên phụ nữ người Khmer không?" });
    const lines = a.answer.split("\n").filter((l) => l.startsWith("- "));
    expect(lines[0]).toContain("Đan lát thủ công");
  });
});

describe("rankings within a group", () => {
  it("should rank only the openings that take the group asked: 'trong mấy việc ưu tiên phụ nữ, việc nào lương cao nhất'", async () => {
    const a = await t.engine.answer({ text: "Trong mấy việc ưu tiên phụ nữ, việc nào lương cao nhất?" });
    const lines = a.answer.split("\n").filter((l) => l.startsWith("- "));
    expect(lines[0]).toContain("Công nhân chế biến thủy sản");
    // The best-paid opening overall does not say it takes women.
    expect(a.answer).not.toContain("Thợ xây");
  });
  it("should list the courses free for the group asked, by fee or by support, not every free course", async () => {
    const a = await t.engine.answer({ text: "có lớp nào miễn học phí cho người khuyết tật không" });
    expect(a.answer).toContain("Tin học văn phòng");
    // Free for everyone, but it does not say it takes people with a disability.
    expect(a.answer).not.toContain("May công nghiệp");
  });
});

describe("seeking an opening", () => {
  it("should answer 'có việc văn phòng nào không' with the openings, not the office-skills course", async () => {
    const a = await t.engine.answer({ text: "co viec van phong nao ko, em co chung chi tin hoc roi" });
    expect(a.answer).toContain("Nhân viên văn phòng tại Văn phòng Thử Nghiệm Kế Toán Bến Đò");
    expect(a.answer).not.toContain("Tin học văn phòng (Dưới 3 tháng)");
  });
  it("should answer a follow-up seeking openings after the demand figures with the openings, not the figures again", async () => {
    const userKey = "groups-hours:demand-then-openings";
    const first = await t.engine.answer({ text: "Năm 2026 may công nghiệp cần bao nhiêu lao động, lương bình quân?", userKey });
    expect(first.answer).toContain("380");
    const a = await t.engine.answer({ text: "vậy công ty may ở Trà Cú đang tuyển trả lương bao nhiêu", userKey });
    expect(a.answer).toContain("Công nhân may (ca ngày) tại Công ty TNHH Thử Nghiệm May Bến Đò");
    expect(a.answer).toContain("6.500.000 - 9.000.000");
  });
});

describe("a row found by what it says", () => {
  it("should name the position and the company of a row whose requirement answers, not only the requirement", async () => {
    const a = await t.engine.answer({ text: "lao dong ve nuoc tu dai loan thi co cong ty nao uu tien ko" });
    expect(a.answer).toContain("Công nhân lắp ráp linh kiện điện tử");
    expect(a.answer).toContain("Điện Tử Bến Đò");
  });
});

describe("hours typed without diacritics", () => {
  it("should not read 'lam may gio toi may gio' after an evening-shift list as a question about sewing", async () => {
    const userKey = "groups-hours:evening";
    await t.engine.answer({ text: "có việc nào làm ca chiều tối ko", userKey });
    const a = await t.engine.answer({ text: "lam may gio toi may gio", userKey });
    expect(a.answer).not.toContain("Công nhân may");
    expect(a.answer).toContain("15 giờ đến 22 giờ");
  });
});

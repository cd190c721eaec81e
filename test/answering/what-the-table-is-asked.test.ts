/**
 * What is asked of the Labour Office's tables (issue 10, twenty-first round): whether a company
 * named still takes applications, its closed rows named as closed; the openings already closed
 * listed after a ranking question; a message that corrects itself answered for what follows the
 * correction; the companies and the training institutions counted, each once; openings for a group
 * whose words are also in a course's name; openings that need no diploma. The real engine over
 * sheets written here (clock 20/11/2026).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { buildKnowledgeWithSheets, buildTestKnowledge, ROOT, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: [
        "Công ty TNHH May Thử Nghiệm Tập Sơn,Công nhân may công nghiệp,40,6.500.000,9.000.000,Xã Tập Sơn,Nam nữ từ 18 đến 45 tuổi,15/11/2026,0000 000 301",
        "Công ty TNHH May Thử Nghiệm Tập Sơn,Công nhân may ca chiều,15,25.000/giờ,30.000/giờ,Xã Tập Sơn,Nữ từ 18 tuổi,31/12/2026,0000 000 301",
        "Công ty TNHH May Thử Nghiệm Tập Sơn,Kỹ thuật viên sửa máy may,2,9.000.000,12.000.000,Xã Tập Sơn,Có kinh nghiệm 2 năm,10/11/2026,0000 000 301",
        "Lò Bánh Thử Nghiệm Phước Hưng,Phụ bếp bánh buổi sáng,2,120.000/ngày,150.000/ngày,Xã Tập Sơn,Làm từ 4 giờ đến 8 giờ,20/12/2026,0000 000 302",
        'Xưởng Mộc Thử Nghiệm Ngãi Xuyên,Thợ chà nhám đồ gỗ,4,5.800.000,7.000.000,Xã Trà Cú,"Nhận người khiếm thính, khuyết tật nhẹ; được kèm nghề",31/12/2026,0000 000 303',
        "Công ty TNHH Nước mắm Thử Nghiệm Đại An,Công nhân đóng chai,25,6.200.000,7.800.000,Xã Đại An,Không cần bằng cấp,15/01/2027,0000 000 304",
        "Garage Ô tô Thử Nghiệm Đại An,Thợ điện ô tô,1,10.000.000,15.000.000,Xã Đại An,Tốt nghiệp trung cấp điện,20/12/2026,0000 000 305",
        "Công ty TNHH Giao hàng Thử Nghiệm Miền Tây,Tài xế xe tải,2,10.000.000,14.000.000,Xã Trà Cú,Có bằng lái hạng C,12/11/2026,0000 000 306",
        "Công ty TNHH Điện tử Thử Nghiệm Bình Dương,Công nhân lắp ráp điện tử,80,7.000.000,9.000.000,Bình Dương,Nam nữ từ 18 đến 35 tuổi,31/12/2026,0000 000 308",
        "Công ty TNHH Thủy sản Thử Nghiệm Định An,Kỹ thuật viên ao nuôi tôm,4,8.500.000,12.000.000,Xã Đại An,Tốt nghiệp trung cấp nuôi trồng thủy sản,31/12/2026,0000 000 307",
      ],
      courses: [
        "Trung tâm Giáo dục nghề nghiệp Thử Nghiệm Tập Sơn,Tin học văn phòng cho người khuyết tật,Dưới 3 tháng,2 tháng,Miễn phí,Có phiên dịch ngôn ngữ ký hiệu,Người khuyết tật từ 16 tuổi,Xã Tập Sơn,11/01/2027,0000 000 311",
        "Trung tâm Giáo dục nghề nghiệp Thử Nghiệm Tập Sơn,Hàn điện,Sơ cấp,3 tháng,2.500.000,Không,Từ 18 tuổi,Xã Tập Sơn,05/01/2027,0000 000 311",
        "Trường Trung cấp Thử Nghiệm Trà Cú,Sửa chữa xe máy,Sơ cấp,3 tháng,Miễn học phí,Hỗ trợ tiền ăn,Từ 16 tuổi,Xã Trà Cú,07/12/2026,0000 000 312",
        "Trường Trung cấp Thử Nghiệm Trà Cú,Công nghệ ô tô,Trung cấp,2 năm,Miễn học phí,Không,Tốt nghiệp THCS,Xã Trà Cú,01/03/2027,0000 000 312",
        "Học viện Làm đẹp Thử Nghiệm Kim Ngân,Làm móng,Dưới 3 tháng,2 tháng,4.000.000,Không,Nữ từ 16 tuổi,Xã Trà Cú,07/12/2026,0000 000 313",
        "Trường Cao đẳng Thử Nghiệm Sông Hậu,Nuôi trồng thủy sản,Cao đẳng,3 năm,8.500.000/năm,Miễn học phí cho người dân tộc thiểu số thuộc hộ cận nghèo,Tốt nghiệp THPT,Xã Đại An,01/03/2027,0000 000 314",
        "Trung tâm Khuyến nông Thử Nghiệm Long Hiệp,Nuôi tôm thẻ chân trắng,Sơ cấp,3 tháng,Miễn phí,Hỗ trợ tiền ăn,Ngư dân,Xã Long Hiệp,20/01/2027,0000 000 315",
      ],
      demand: ["May công nghiệp,2026,120,7.000.000,Cần nhiều lao động nữ"],
    },
    "tracu-table-asked-",
  );
});
afterAll(() => t.cleanup());

const body = (answer: string) => answer.split("\nNguồn:")[0]!;

describe("what is asked of the tables", () => {
  it("should name the company's position asked as closed when its deadline has passed, then its open rows", async () => {
    const a = await t.engine.answer({ text: "cty may Tap Son tuyen ky thuat sua may may con han ko" });
    const text = body(a.answer);
    expect(text).toContain("Kỹ thuật viên sửa máy may trong danh sách của cơ quan lao động đã hết hạn nộp hồ sơ");
    expect(text).toContain("10/11/2026");
    expect(text).toContain("Công nhân may ca chiều");
  });

  it("should name a company's closed rows beside the open ones when whether it still takes applications is asked", async () => {
    const a = await t.engine.answer({ text: "Công ty may Tập Sơn còn nhận hồ sơ không ad" });
    const text = body(a.answer);
    expect(text).toContain("Công nhân may ca chiều");
    expect(text).toContain("Đã hết hạn nhận hồ sơ (tính đến 20/11/2026)");
    expect(text.indexOf("Công nhân may ca chiều")).toBeLessThan(text.indexOf("Đã hết hạn nhận hồ sơ"));
    expect(text).toContain("15/11/2026");
    // Asked what it takes, not whether it still does: no closed rows.
    const b = await t.engine.answer({ text: "Công ty may Tập Sơn tuyển những vị trí gì" });
    expect(b.answer).not.toContain("Đã hết hạn nhận hồ sơ");
  });

  it("should list the openings whose deadline passed when asked right after a ranking question", async () => {
    const userKey = "table-asked:past";
    await t.engine.answer({ text: "viec nao luong cao nhat", userKey });
    const a = await t.engine.answer({ text: "viec nao het han nop roi", userKey });
    const text = body(a.answer);
    expect(text).toContain("đã hết hạn nộp");
    expect(text).toContain("Tài xế xe tải");
    expect(text).not.toContain("Thợ điện ô tô");
  });

  it("should answer what follows a correction in the same message", async () => {
    const a = await t.engine.answer({ text: "viec ca chieu o cty may Tap Son, à nhầm, ý em là ca sáng ở lò bánh, lương sao" });
    const text = body(a.answer);
    expect(text).toContain("Phụ bếp bánh buổi sáng");
    expect(text).toContain("120.000/ngày");
    expect(text).not.toContain("Công nhân may ca chiều");
  });

  it("should count the companies hiring and the training institutions, each once, and name them", async () => {
    const jobs = await t.engine.answer({ text: "tổng cộng có bao nhiêu công ty đang tuyển vậy" });
    // Eight companies, one of them (the delivery firm) closed: seven still hiring, the sewing company once.
    expect(body(jobs.answer)).toContain("có 7 doanh nghiệp, cơ sở đang tuyển");
    expect(body(jobs.answer).match(/May Thử Nghiệm Tập Sơn/g)).toHaveLength(1);
    expect(body(jobs.answer)).not.toContain("Giao hàng Thử Nghiệm Miền Tây");
    const courses = await t.engine.answer({ text: "co bao nhieu co so dao tao trong danh sach" });
    expect(body(courses.answer)).toContain("có 5 cơ sở đào tạo");
    expect(body(courses.answer)).toContain("Học viện Làm đẹp Thử Nghiệm Kim Ngân");
  });

  it("should list the openings that take a group though a course's name holds the group's words", async () => {
    // The sheets of an evaluation set (many rows, a course "… cho người khuyết tật"), where the
    // course's name once stood for a trade asked and the openings were never looked at.
    const set = await buildTestKnowledge({}, { labour: false, extraLabourDirs: [path.join(ROOT, "test/eval/holdout-53.labour")] });
    try {
      const a = await set.engine.answer({ text: "viec nao nhan nguoi khuyet tat" });
      expect(a.answerer).toBe("labour");
      expect(body(a.answer)).toContain("Thợ chà nhám");
      expect(body(a.answer)).not.toContain("Tin học văn phòng");
      // The course is still found by its own name.
      const b = await set.engine.answer({ text: "hoc tin hoc van phong o dau" });
      expect(body(b.answer)).toContain("Tin học văn phòng cho người khuyết tật");
    } finally {
      set.cleanup();
    }
  });

  it("should answer a school named by its short name, typed without diacritics, with its course of the trade group asked", async () => {
    const userKey = "table-asked:school";
    const a = await t.engine.answer({ text: "ba noi hoi: chau hoc truong song hau nghe nuoi tom, khome can ngheo co dc mien ko", userKey });
    expect(body(a.answer)).toContain("Trường Cao đẳng Thử Nghiệm Sông Hậu");
    expect(body(a.answer)).toContain("Nuôi trồng thủy sản");
    // Another school's course of a closer name is not this school's.
    expect(body(a.answer)).not.toContain("Khuyến nông");
    const b = await t.engine.answer({ text: "hoc may nam", userKey });
    expect(body(b.answer)).toContain("3 năm");
  });

  it("should know a name typed capitalised without diacritics by its pairs of words, and not a new name made of known words", async () => {
    const a = await t.engine.answer({ text: "nuoi trong thuy san o truong Song Hau hoc phi bao nhieu" });
    expect(body(a.answer)).toContain("8.500.000/năm");
    const b = await t.engine.answer({ text: "Cong ty Thu Nghiem Dai Hau tuyen gi vay" });
    expect(b.answered).toBe(false);
    expect(b.answer).toContain("Chưa có thông tin về Cong ty Thu Nghiem Dai Hau");
  });

  it("should read 'ra trường cty nào tuyển' as asking which company, not as a company's unknown name", async () => {
    const a = await t.engine.answer({ text: "e hoc trung cap nuoi trong thuy san, ra truong cty nao tuyen ky thuat vien" });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("Kỹ thuật viên ao nuôi tôm");
  });

  it("should list the openings that need no diploma: those saying so", async () => {
    const a = await t.engine.answer({ text: "có việc nào không cần bằng cấp không ad" });
    const text = body(a.answer);
    expect(text).toContain("Chỗ tuyển không cần bằng cấp");
    expect(text).toContain("Công nhân đóng chai");
    expect(text).not.toContain("Thợ điện ô tô");
    // A trade named is asked of its own rows: their requirement answers it, not "none".
    const b = await t.engine.answer({ text: "tho dien o to tuyen nguoi ko can bang dc ko" });
    expect(body(b.answer)).toContain("Tốt nghiệp trung cấp điện");
  });
});

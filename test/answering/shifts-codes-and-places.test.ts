/**
 * Shifts, codes and places (issue 10, twenty-eighth round): "còn ca đêm thì sao" after the day
 * shift's opening asks the night shift's; "làm ca mấy giờ" names no other row. A follow-up naming a
 * commune where the earlier company has no opening asks that commune's rows; one where it has them
 * still asks the company's. "Công ty may nào ở Đại An" when no opening is of that trade says so, and
 * "lớp hàn 6G" is not the "hàn 3G" course. "Ở phường Duyên Hải" is a place, not the company bearing
 * that name, and "còn ở Cầu Ngang thì sao" after Hàm Giang's openings asks Cầu Ngang. Short courses
 * written in days and weeks rank by their length. "Viết giùm em cái CV" is refused: the bot only
 * informs. The same "no information" twice is said in other words, never "I just sent this". Two
 * trades of the demand table asked together each get their figures.
 * The real engine over sheets written here (clock 20/11/2026), answer check off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repliesVi } from "../../src/messages-vi.js";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: [
        "Công ty TNHH Cảng Thử Nghiệm Định An,Lái xe nâng ca ngày,6,8.500.000,10.500.000,Cảng Định An xã Đại An,Có bằng lái xe nâng; làm ca ngày 7h-15h,05/12/2026,Anh Thử Nghiệm Kim 0000 000 101",
        "Công ty TNHH Cảng Thử Nghiệm Định An,Lái xe nâng ca đêm,4,9.500.000,12.000.000,Cảng Định An xã Đại An,Có bằng lái xe nâng; làm ca đêm 22h-6h,05/12/2026,Anh Thử Nghiệm Kim 0000 000 101",
        "Công ty TNHH Cảng Thử Nghiệm Định An,Nhân viên kiểm đếm,2,7.000.000,8.500.000,Xã Long Hiệp,Tốt nghiệp THPT,10/12/2026,Anh Thử Nghiệm Kim 0000 000 101",
        "Công ty CP Sửa Chữa Tàu Thử Nghiệm Sông Hậu,Thợ hàn tàu,10,9 triệu,14 triệu,Xã Đại An,Có chứng chỉ hàn 3G,10/12/2026,Chị Thử Nghiệm Thạch 0000 000 102",
        "Công ty TNHH Cơ Khí Thử Nghiệm Tập Sơn,Thợ hàn,4,8.000.000,11.000.000,Xã Tập Sơn,Có chứng chỉ sơ cấp hàn,18/12/2026,Anh Thử Nghiệm Sơn 0000 000 103",
        "Công ty TNHH Bảo Vệ Thử Nghiệm Nam Sông Hậu,Bảo vệ ca ngày,3,7.000.000,8.000.000,Phường Duyên Hải,Nam nữ 22-45 tuổi,20/12/2026,Anh Thử Nghiệm Danh 0000 000 104",
        "Công ty TNHH Bảo Vệ Thử Nghiệm Nam Sông Hậu,Bảo vệ ca đêm,6,7.500.000,9.000.000,Khu kinh tế Định An xã Đại An,Nam 22-45 tuổi; làm ca đêm 22h-6h,20/12/2026,Anh Thử Nghiệm Danh 0000 000 104",
        "Công ty TNHH Điện Thử Nghiệm Duyên Hải,Thợ điện công nghiệp,5,9.000.000,12.500.000,Khu kinh tế Định An xã Đại An,Trung cấp điện,28/11/2026,Anh Thử Nghiệm Sơn 0000 000 105",
        "Công ty TNHH Thủy Sản Thử Nghiệm Hàm Giang,Công nhân lột tôm,30,6.000.000,8.000.000,Xã Hàm Giang,Nữ từ 18 tuổi,25/11/2026,Anh Thử Nghiệm Trần 0000 000 106",
      ],
      courses: [
        "Trung tâm Đào tạo Lái xe Thử Nghiệm Sông Hậu,Vận hành xe nâng hàng,Dưới 3 tháng,20 ngày,3.200.000,Không,Từ 18 tuổi,Xã Đại An,07/12/2026,Thầy Thử Nghiệm Huỳnh 0000 000 201",
        "Trường Trung cấp Kỹ thuật Thử Nghiệm Định An,Hàn điện (hàn 3G),Sơ cấp,3 tháng,4.500.000,Không,Từ 18 tuổi,Xã Đại An,14/12/2026,Cô Thử Nghiệm Ngô 0000 000 202",
        "Hợp tác xã Dạy Nghề Thử Nghiệm Hàm Giang,Nấu ăn bếp tập thể,Dưới 3 tháng,6 tuần,1.500.000,Không,Phụ nữ từ 18 tuổi,Xã Hàm Giang,09/12/2026,Cô Thử Nghiệm Thạch 0000 000 203",
        "Công ty TNHH Bảo Vệ Thử Nghiệm Nam Sông Hậu,Nghiệp vụ bảo vệ,Dưới 3 tháng,15 ngày,1.200.000,Không,Từ 18 tuổi,Xã Đại An,01/12/2026,Anh Thử Nghiệm Danh 0000 000 104",
        "Trung tâm GDNN Thử Nghiệm Trà Cú,Điện công nghiệp,Trung cấp,18 tháng,Miễn học phí,Không,Tốt nghiệp THCS,Xã Trà Cú,04/01/2027,Cô Thử Nghiệm Ngô 0000 000 204",
      ],
      demand: ["Điện công nghiệp,2027,60,10.500.000,Số liệu thử", "Bảo mẫu,2027,30,\"6,2 triệu\",Số liệu thử", "Chế biến thủy sản,2027,200,8.000.000,Số liệu thử", "Chăm sóc người cao tuổi,2027,60,7.500.000,Số liệu thử"],
    },
    "tracu-shifts-codes-",
    { ANSWER_CHECK_THRESHOLD: "0" },
  );
});
afterAll(() => t.cleanup());

const body = (answer: string) => answer.split("\nNguồn:")[0]!;

describe("a follow-up naming another shift", () => {
  it("should answer 'còn ca đêm thì sao' after the day shift with the night shift's opening", async () => {
    const userKey = "shift:1";
    const first = await t.engine.answer({ text: "cang dinh an tuyen lai xe nang ca ngay luong bao nhieu", userKey });
    expect(body(first.answer)).toContain("8.500.000");
    const a = await t.engine.answer({ text: "con ca dem thi sao", userKey });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("Lái xe nâng ca đêm");
    expect(body(a.answer)).toContain("9.500.000");
    expect(body(a.answer)).not.toContain("Lái xe nâng ca ngày");
  });

  it("should not read 'làm ca mấy giờ' as naming another row", async () => {
    const userKey = "shift:2";
    await t.engine.answer({ text: "cang dinh an tuyen lai xe nang ca ngay luong bao nhieu", userKey });
    const a = await t.engine.answer({ text: "lam ca may gio", userKey });
    expect(a.answer).not.toContain("ca đêm");
  });
});

describe("a commune named after a company's openings", () => {
  it("should ask that commune's rows when the company has none there", async () => {
    const userKey = "place:1";
    await t.engine.answer({ text: "Cty sửa chữa tàu Sông Hậu tuyển thợ hàn lương bao nhiêu", userKey });
    const a = await t.engine.answer({ text: "con tho han o tap son thi sao", userKey });
    expect(body(a.answer)).toContain("Cơ Khí Thử Nghiệm Tập Sơn");
    expect(body(a.answer)).not.toContain("Sửa Chữa Tàu");
  });

  it("should keep the company when it has an opening in the commune named", async () => {
    const userKey = "place:2";
    await t.engine.answer({ text: "cty cang thu nghiem dinh an tuyen nhung vi tri nao", userKey });
    const a = await t.engine.answer({ text: "lam o Long Hiep la vi tri nao", userKey });
    expect(body(a.answer)).toContain("Nhân viên kiểm đếm");
  });
});

describe("a trade or a kind the rows do not have", () => {
  it("should say no opening is of the trade asked rather than list the commune's openings", async () => {
    const a = await t.engine.answer({ text: "Công ty may nào ở Đại An đang tuyển không", userKey: "none:1" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("may công nghiệp");
    expect(a.answer).not.toContain("Lái xe nâng");
  });

  it("should say there is no 'hàn 6G' course rather than give the 'hàn 3G' one", async () => {
    const a = await t.engine.answer({ text: "co lop hoc han 6G ko", userKey: "none:2" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("6g");
    expect(a.answer).not.toContain("4.500.000");
  });

  it("should still give the welding course to 'học hàn ở đâu'", async () => {
    const a = await t.engine.answer({ text: "học hàn ở đâu", userKey: "none:3" });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("Hàn điện (hàn 3G)");
  });
});

describe("places outside the former district", () => {
  it("should read 'ở phường Duyên Hải' as the place rows write, not the company named after it", async () => {
    const a = await t.engine.answer({ text: "o phuong Duyen Hai co tuyen gi ko", userKey: "away:1" });
    expect(body(a.answer)).toContain("Bảo vệ ca ngày");
    expect(body(a.answer)).not.toContain("Thợ điện công nghiệp");
  });

  it("should answer 'còn ở Cầu Ngang thì sao' after Hàm Giang's openings for Cầu Ngang", async () => {
    const userKey = "away:2";
    await t.engine.answer({ text: "Ở Hàm Giang đang tuyển việc gì", userKey });
    const a = await t.engine.answer({ text: "còn ở Cầu Ngang thì sao", userKey });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("Cầu Ngang");
    expect(a.answer).not.toContain("Công nhân lột tôm");
  });
});

describe("a place read with its tones", () => {
  it("should not read 'cần thợ' as Cần Thơ in a follow-up on a company's openings", async () => {
    const userKey = "away:3";
    await t.engine.answer({ text: "cty cơ khí Tập Sơn còn nhận hồ sơ không", userKey });
    const a = await t.engine.answer({ text: "họ cần thợ có chứng chỉ gì", userKey });
    expect(a.answer).not.toContain("Cần Thơ");
    expect(body(a.answer)).toContain("chứng chỉ sơ cấp hàn");
  });
});

describe("two trades of the demand table in one message", () => {
  it("should give each trade named its figures, and no trade named only by a shared word", async () => {
    const a = await t.engine.answer({ text: "Nhu cầu lao động nghề chế biến thủy sản và bảo mẫu năm 2027 thế nào?", userKey: "demand:1" });
    const text = body(a.answer);
    expect(text).toContain("Chế biến thủy sản");
    expect(text).toContain("200 người");
    expect(text).toContain("Bảo mẫu");
    expect(text).toContain("30 người");
    expect(text).not.toContain("Chăm sóc người cao tuổi");
  });
});

describe("short courses by their length", () => {
  it("should rank a course of days before one of weeks and one of months", async () => {
    const a = await t.engine.answer({ text: "khoa nao hoc nhanh nhat", userKey: "short:1" });
    const text = body(a.answer);
    expect(text.indexOf("Nghiệp vụ bảo vệ")).toBeGreaterThan(-1);
    expect(text.indexOf("Nghiệp vụ bảo vệ")).toBeLessThan(text.indexOf("Nấu ăn bếp tập thể"));
    expect(text.indexOf("Vận hành xe nâng hàng")).toBeLessThan(text.indexOf("Nấu ăn bếp tập thể"));
  });
});

describe("what the bot does not do and does not know", () => {
  it("should refuse to write a CV for the user", async () => {
    const a = await t.engine.answer({ text: "viết giùm em cái CV ghi 3 năm kinh nghiệm lái xe nâng", userKey: "act:1" });
    expect(a.answered).toBe(false);
    expect(a.answer).toBe(repliesVi.refuseActsForUser);
  });

  it("should say 'no information' again in other words, not 'I just sent this'", async () => {
    const userKey = "again:1";
    const first = await t.engine.answer({ text: "ở Cầu Kè có chỗ nào tuyển phi công không", userKey });
    expect(first.answered).toBe(false);
    const second = await t.engine.answer({ text: "ở Cầu Kè có chỗ nào tuyển phi công không", userKey });
    expect(second.answered).toBe(false);
    expect(second.answer).not.toBe(first.answer);
    expect(second.answer.startsWith(repliesVi.nothingNew)).toBe(false);
  });
});

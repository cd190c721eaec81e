/**
 * Conditions, rankings and sums the rows do not give (issue 10, twenty-second round): a condition
 * and a ranking asked together; the many ways a sheet writes "no experience needed"; two trades set
 * side by side in the demand table; a follow-up naming another month or commune; a month with no
 * course of the trade, its next one named apart; the clause that asks deciding between courses and
 * openings; the trade to be learnt over one only told; a school that "tuyển" taking students; a sum
 * asked of a thing a row names without one; a scholarship no row mentions; a wage of a country
 * nobody named.
 * The real engine over sheets written here (clock 20/11/2026).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: [
        "Công ty TNHH Thủy sản Thử Nghiệm Long Hiệp,Công nhân chế biến cá,50,6.500.000,8.000.000,Xã Long Hiệp,Từ 18 tuổi; không cần kinh nghiệm,15/12/2026,0000 000 401",
        "Công ty TNHH Điện tử Thử Nghiệm Hàm Tân,Công nhân lắp ráp linh kiện điện tử,30,7.500.000,10.000.000,Xã Hàm Tân,Nữ từ 18 đến 35 tuổi; không yêu cầu kinh nghiệm,15/12/2026,0000 000 402",
        "Công ty Cổ phần Cơ khí Thử Nghiệm Đại An,Thợ hàn,10,9.000.000,14.000.000,Xã Đại An,Có chứng chỉ nghề hàn; 2 năm kinh nghiệm,15/12/2026,0000 000 403",
        "Nhà hàng Thử Nghiệm Sông Hậu,Phụ bếp,4,5.500.000,7.000.000,Xã Long Hiệp,Từ 18 tuổi; được kèm nghề,30/11/2026,0000 000 404",
        "Công ty TNHH Xây dựng Thử Nghiệm Lưu Nghiệp Anh,Phụ hồ,20,6.500.000,8.000.000,Xã An Quảng Hữu,Nam từ 18 tuổi,25/12/2026,0000 000 405",
        "Cửa hàng Xe máy Thử Nghiệm Thành Đạt,Học việc sửa xe máy,2,3.800.000,4.500.000,Xã Kim Sơn,Từ 16 tuổi; được dạy nghề tại tiệm,15/12/2026,0000 000 406",
        "Công ty TNHH Chế biến Thủy sản Thử Nghiệm Sao Biển,Công nhân chế biến tôm ca đêm,60,7.500.000,10.500.000,Xã Đại An,Từ 18 tuổi; có phụ cấp ca đêm,10/12/2026,0000 000 407",
        "Công ty TNHH Điện tử Thử Nghiệm Hàm Tân,Công nhân lắp ráp điện tử ca đêm,10,8.000.000,10.000.000,Xã Hàm Tân,Nam từ 18 tuổi,15/12/2026,0000 000 402",
        "Công ty TNHH Giày da Thử Nghiệm Đài Việt,Phiên dịch tiếng Trung,2,11.000.000,14.000.000,Xã Đại An,Từ 22 tuổi; nói được tiếng Trung,20/12/2026,0000 000 408",
      ],
      courses: [
        "Trung tâm GDNN-GDTX Thử Nghiệm Trà Cú,Kỹ thuật chế biến món ăn,Sơ cấp,3 tháng,2.000.000,Không,Từ 16 tuổi,Xã Trà Cú,05/01/2027,0000 000 411",
        "Trung tâm GDNN-GDTX Thử Nghiệm Trà Cú,Tin học văn phòng,Dưới 3 tháng,6 tuần,900.000,Không,Mọi người,Xã Trà Cú,25/11/2026,0000 000 411",
        "Trung tâm GDNN-GDTX Thử Nghiệm Trà Cú,May công nghiệp,Sơ cấp,3 tháng,Miễn học phí,Hỗ trợ tiền ăn,Từ 15 tuổi,Xã Trà Cú,01/12/2026,0000 000 411",
        "Trường Trung cấp Thử Nghiệm Dân tộc Nội trú,Điện công nghiệp,Trung cấp,2 năm,Miễn học phí,Học sinh Khmer được ở ký túc xá miễn phí,Tốt nghiệp THCS,Xã Tập Sơn,01/03/2027,0000 000 412",
        "Trường Cao đẳng Thử Nghiệm Cửu Long,Công nghệ thông tin,Cao đẳng,3 năm,10.500.000/năm,Học bổng cho sinh viên người Khmer đạt loại khá,Tốt nghiệp THPT,Xã Trà Cú,04/01/2027,0000 000 413",
        "Trung tâm GDNN-GDTX Thử Nghiệm Trà Cú,Sửa chữa xe máy,Sơ cấp,3 tháng,1.800.000,Không,Từ 15 tuổi,Xã Trà Cú,15/12/2026,0000 000 411",
        "Trung tâm Ngoại ngữ Thử Nghiệm Đông Á,Tiếng Trung giao tiếp,Dưới 3 tháng,10 tuần,3.000.000,Không,Từ 16 tuổi,Xã Trà Cú,04/01/2027,0000 000 414",
        "Trung tâm Ngoại ngữ Thử Nghiệm Đông Á,Tiếng Hàn ôn thi EPS-TOPIK,Dưới 3 tháng,3 tháng,4.500.000,Không,Từ 18 đến 39 tuổi,Xã Trà Cú,01/03/2027,0000 000 414",
        "Trường Cao đẳng Thử Nghiệm Cửu Long,Điều dưỡng,Cao đẳng,3 năm,12.000.000/năm,Không,Tốt nghiệp THPT,Xã Trà Cú,04/01/2027,0000 000 413",
      ],
      demand: ["May công nghiệp,2027,260,7.300.000,Số liệu thử", "Da giày,2027,180,8.000.000,Số liệu thử", "Lắp ráp điện tử,2027,150,\"7,8 triệu\",Số liệu thử"],
    },
    "tracu-conditions-",
  );
});
afterAll(() => t.cleanup());

const body = (answer: string) => answer.split("\nNguồn:")[0]!;

describe("a condition and a ranking together", () => {
  it("should rank the openings that need no experience by wage, the best-paid of them first", async () => {
    const a = await t.engine.answer({ text: "viec nao ko can kinh nghiem ma luong cao nhat" });
    const text = body(a.answer);
    // Thợ hàn pays most but needs 2 years of experience; of the rest the electronics row tops at 10.000.000.
    expect(text).not.toContain("Thợ hàn");
    expect(text).toContain("Công nhân lắp ráp linh kiện điện tử");
    expect(text.indexOf("Công nhân lắp ráp linh kiện điện tử")).toBeLessThan(text.indexOf("Công nhân chế biến cá"));
  });

  it("should count 'không yêu cầu kinh nghiệm' and 'được kèm nghề' as taking people without experience", async () => {
    const a = await t.engine.answer({ text: "co viec nao khong can kinh nghiem khong" });
    const text = body(a.answer);
    expect(text).toContain("Công nhân lắp ráp linh kiện điện tử");
    expect(text).toContain("Phụ bếp");
    expect(text).not.toContain("Thợ hàn");
  });
});

describe("two trades side by side and follow-ups that change one thing", () => {
  it("should set two trades of the demand table side by side when a year is said, the word after 'với' read as a trade", async () => {
    const a = await t.engine.answer({ text: "Da giay voi may, nganh nao nam 2027 can nhieu nguoi hon" });
    const text = body(a.answer);
    expect(text).toContain("Da giày");
    expect(text).toContain("180");
    expect(text).toContain("May công nghiệp");
    expect(text).toContain("260");
  });

  it("should list the next month's courses when the follow-up names another month", async () => {
    const userKey = "conditions:month";
    const first = await t.engine.answer({ text: "thang nay co lop nghe nao khai giang ko ad", userKey });
    expect(body(first.answer)).toContain("Tin học văn phòng");
    const next = await t.engine.answer({ text: "con thang sau?", userKey });
    expect(body(next.answer)).toContain("May công nghiệp");
    expect(body(next.answer)).not.toContain("Tin học văn phòng");
  });

  it("should say no course of the trade starts in the month asked, then name its next one as another month's", async () => {
    const a = await t.engine.answer({ text: "tháng 12 có lớp nấu ăn không ad" });
    const text = body(a.answer);
    expect(text).toContain("chưa có khóa đào tạo");
    expect(text).toContain("tháng khác");
    expect(text).toContain("05/01/2027");
  });

  it("should take the commune a follow-up names instead of the earlier one", async () => {
    const userKey = "conditions:commune";
    await t.engine.answer({ text: "co cho nao tuyen nguoi o Ham Giang khong", userKey });
    const next = await t.engine.answer({ text: "còn bên Lưu Nghiệp Anh thì có chỗ nào tuyển ko", userKey });
    const text = body(next.answer);
    expect(text).toContain("Phụ hồ");
    expect(text).not.toContain("Công nhân lắp ráp linh kiện điện tử");
  });
});

describe("which table the clause that asks names", () => {
  it("should list courses when the asking clause says 'khóa nào' and the work is only what the course is for", async () => {
    const a = await t.engine.answer({ text: "chi muon hoc nau an de sau nay di lam phu bep, co khoa nao ko em" });
    expect(body(a.answer)).toContain("Kỹ thuật chế biến món ăn");
    expect(a.topic).not.toBe("labour_market_jobs");
  });

  it("should list the courses of the trade the message wants learnt, not of one it only tells it has", async () => {
    const a = await t.engine.answer({ text: "Chị có tiếng Trung rồi, giờ muốn học thêm tiếng Hàn để đi EPS, có lớp nào ko" });
    const text = body(a.answer);
    expect(text).toContain("Tiếng Hàn ôn thi EPS-TOPIK");
    expect(text).not.toContain("Tiếng Trung giao tiếp");
  });

  it("should read 'ra trường cty nào tuyển' as leaving school for a company that hires", async () => {
    const a = await t.engine.answer({ text: "e hoc trung cap dien, ra truong cty nao tuyen tho han" });
    expect(body(a.answer)).toContain("Thợ hàn");
  });

  it("should read a school that 'tuyển' as taking students: the courses at the level asked", async () => {
    const a = await t.engine.answer({ text: "Có trường cao đẳng nào đang tuyển ko ad, em sắp thi tốt nghiệp rồi" });
    const text = body(a.answer);
    expect(text).toContain("Công nghệ thông tin");
    expect(text).toContain("Điều dưỡng");
    expect(text).not.toContain("May công nghiệp");
  });

  it("should read 'tiệm nào nhận học việc' as openings", async () => {
    const a = await t.engine.answer({ text: "a oi e 16t, thik sua xe, co tiem nao nhan hoc viec ko" });
    expect(body(a.answer)).toContain("Học việc sửa xe máy");
  });

  it("should answer a long message that opens with a greeting, not greet only", async () => {
    const a = await t.engine.answer({ text: "Chào ad, chị mới về từ Đài Loan sau 6 năm làm xưởng, nói tiếng Hoa được. Giờ về quê ở Đại An muốn kiếm việc gần nhà, có chỗ nào cần người biết tiếng Trung không em?" });
    expect(a.topic).toBe("labour_market_jobs");
    expect(body(a.answer)).toContain("Phiên dịch tiếng Trung");
  });
});

describe("what the rows do not give", () => {
  it("should say the rows give no sum when a sum is asked of a thing they name without one", async () => {
    const a = await t.engine.answer({ text: "ky tuc xa truong trung cap dan toc noi tru bao nhieu tien 1 thang" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("không ghi số tiền chỗ ở");
    const b = await t.engine.answer({ text: "cong ty Sao Bien phu cap ca dem duoc bao nhieu tien" });
    expect(b.answered).toBe(false);
    expect(b.answer).toContain("số tiền phụ cấp");
  });

  it("should say no row mentions a scholarship, and answer from the row that does", async () => {
    const a = await t.engine.answer({ text: "Truong Cao dang Thu Nghiem Cuu Long nganh dieu duong co hoc bong cho sinh vien gioi ko" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("không ghi học bổng");
    const b = await t.engine.answer({ text: "học công nghệ thông tin ở Cửu Long có học bổng cho người Khmer không" });
    expect(b.answered).toBe(true);
    expect(body(b.answer)).toContain("Học bổng cho sinh viên người Khmer đạt loại khá");
  });

  it("should not answer a wage asked about work here with another country's wage", async () => {
    const userKey = "conditions:wage";
    await t.engine.answer({ text: "e hs lop 9 muon lam them buoi toi o nha hang co dc ko", userKey });
    const a = await t.engine.answer({ text: "luong bn", userKey });
    expect(a.answer).not.toContain("won");
  });
});

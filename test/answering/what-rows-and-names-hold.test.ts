/**
 * What the rows and the names hold (issue 10, twentieth round): a school named in full though its
 * name holds a level and a commune; a name's last two words told from everyday words; the month's
 * courses that already started listed as started, not said to be none; a fee per year ranked by
 * its amount; the places of several rows summed; things no column holds (days off, advances on pay,
 * bonuses, work from home) said to be unwritten; the demand table's average wage and this year's
 * need; a value asked of the document the earlier turn named; another person's ID number refused.
 * The real engine over sheets written here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: [
        "Công ty Cổ phần Năng lượng Thử Nghiệm Ánh Dương,Thợ lắp đặt pin mặt trời,8,8.000.000,11.500.000,Xã Hàm Giang,Nam từ 18 đến 40 tuổi,25/12/2026,0000 000 108",
        "Công ty Cổ phần Năng lượng Thử Nghiệm Ánh Dương,Kỹ thuật viên điện mặt trời,2,11.000.000,15.000.000,Xã Hàm Giang,Tốt nghiệp cao đẳng điện,25/12/2026,0000 000 108",
        "Công ty TNHH Du Lịch Thử Nghiệm Chùa Cổ,Hướng dẫn viên du lịch,3,7.500.000,11.000.000,Xã Lưu Nghiệp Anh,Biết tiếng Khmer,31/12/2026,0000 000 109",
        "Công ty TNHH Thủy sản Thử Nghiệm Định An,Công nhân lột tôm,60,6.500.000,8.000.000,Xã Đại An,Không cần kinh nghiệm,15/01/2027,0000 000 101",
        "Nhà hàng Khách sạn Thử Nghiệm Sông Hậu,Nhân viên phục vụ,10,5.800.000,7.000.000,Xã Trà Cú,Làm theo ca,25/12/2026,0000 000 110",
        "Xưởng Mộc Thử Nghiệm Phú Quý,Thợ mộc,5,7.000.000,10.000.000,Xã Lưu Nghiệp Anh,Có tay nghề mộc từ 1 năm,28/02/2027,0000 000 111",
        "Công ty TNHH Giày Thử Nghiệm Định An,Công nhân may giày,40,6.000.000,8.200.000,Xã Đại An,Nam nữ từ 18 đến 45 tuổi,05/01/2027,0000 000 112",
        "Siêu thị Mini Thử Nghiệm Trà Cú,Nhân viên bán hàng,6,5.800.000,7.000.000,Xã Trà Cú,Tốt nghiệp THCS,20/12/2026,0000 000 113",
        "Siêu thị Mini Thử Nghiệm Trà Cú,Nhân viên thu ngân,2,6.000.000,7.500.000,Xã Trà Cú,Tốt nghiệp THPT,05/12/2026,0000 000 113",
        "Công ty TNHH Cơ khí Thử Nghiệm Tân Sơn,Thợ tiện,3,7.000.000,9.000.000,Xã Tập Sơn,Có tay nghề,12/11/2026,0000 000 114",
      ],
      courses: [
        "Trường Trung cấp Thử Nghiệm Đại An,Chế biến thủy sản,Sơ cấp,3 tháng,Miễn phí,Hỗ trợ tiền ăn trưa,Từ 16 tuổi,Xã Đại An,07/12/2026,0000 000 121",
        "Trường Trung cấp Thử Nghiệm Đại An,Nuôi trồng thủy sản,Trung cấp,2 năm,Miễn học phí,Ở ký túc xá miễn phí,Tốt nghiệp THCS,Xã Đại An,05/01/2027,0000 000 121",
        "Trường Cao đẳng Thử Nghiệm Cửu Long,Logistics và quản lý kho,Trung cấp,2 năm,Miễn học phí,Không,Tốt nghiệp THCS,Xã Trà Cú,01/03/2027,0000 000 123",
        "Trường Cao đẳng Thử Nghiệm Cửu Long,Điện công nghiệp,Cao đẳng,3 năm,9.500.000/năm,Học bổng khuyến khích,Tốt nghiệp THPT,Xã Trà Cú,01/03/2027,0000 000 123",
        "Trung tâm Dạy nghề Thử Nghiệm Trà Cú,Lái xe nâng hàng,Sơ cấp,1 tháng,4.500.000,Không,Nam từ 18 tuổi,Xã Trà Cú,08/02/2027,0000 000 122",
        "Trung tâm Dạy nghề Thử Nghiệm Trà Cú,Nấu ăn,Sơ cấp,2 tháng,1.500.000,Được cấp nguyên liệu thực hành,Từ 16 tuổi,Xã Trà Cú,04/01/2027,0000 000 122",
        "Trung tâm Dạy nghề Thử Nghiệm Tập Sơn,Bán hàng,Sơ cấp,2 tháng,Miễn phí,Hỗ trợ tiền ăn trưa,Từ 16 tuổi,Xã Tập Sơn,16/11/2026,0000 000 124",
        "Trung tâm Dạy nghề Thử Nghiệm Tập Sơn,Tin học văn phòng,Dưới 3 tháng,8 tuần,1.000.000,Không,Từ 15 tuổi,Xã Tập Sơn,02/12/2026,0000 000 124",
      ],
      demand: [
        "Mộc dân dụng,2026,18,7.600.000,Xưởng nhỏ",
        "Mộc dân dụng,2027,22,8.000.000,Thiếu thợ lành nghề",
        "Nhà hàng - khách sạn,2026,40,6.200.000,Làm theo ca",
        "Nấu ăn,2027,30,8.350.000,Bếp ăn công nghiệp",
        "Tin học văn phòng,2027,12,6.750.000,Nhu cầu giảm",
      ],
    },
    "tracu-rows-names-",
  );
});
afterAll(() => t.cleanup());

describe("what the rows and the names hold", () => {
  it("should list a school's courses when its full name holds a level word and a commune", async () => {
    const a = await t.engine.answer({ text: "Trường Trung cấp Thử Nghiệm Đại An dạy những nghề gì?" });
    expect(a.answer).toContain("Các khóa của Trường Trung cấp Thử Nghiệm Đại An");
    expect(a.answer).toContain("Chế biến thủy sản");
    // Not every course of the level in the school's name.
    expect(a.answer).not.toContain("Logistics");
  });

  it("should not read 'chưa có' typed without diacritics as the company 'Chùa Cổ'", async () => {
    const a = await t.engine.answer({ text: "e chua co kinh nghiem gi het, co viec nao nhan ko" });
    expect(a.answer).toContain("Công nhân lột tôm");
    expect(a.answer).not.toContain("Chùa Cổ đang tuyển");
  });

  it("should list this month's courses that already started as started, not say there are none", async () => {
    const a = await t.engine.answer({ text: "thang nay co khoa nao khai giang ko ad" });
    expect(a.answer).toContain("Bán hàng");
    expect(a.answer).toContain("đã khai giảng");
    expect(a.answer).not.toContain("chưa có khóa");
  });

  it("should name this month's deadlines already passed when asked which close this month", async () => {
    const a = await t.engine.answer({ text: "Tháng này có việc nào hết hạn nộp hồ sơ không?" });
    expect(a.answer).toContain("Đã hết hạn nộp trong tháng 11");
    expect(a.answer).toContain("Thợ tiện tại Công ty TNHH Cơ khí Thử Nghiệm Tân Sơn (12/11/2026)");
  });

  it("should rank a fee written per year by its amount", async () => {
    const a = await t.engine.answer({ text: "Khóa học nào học phí cao nhất?" });
    const first = a.answer.split("\n").find((l) => l.startsWith("- "));
    expect(first).toContain("Điện công nghiệp");
    expect(first).toContain("9.500.000/năm");
  });

  it("should sum the places of the rows just shown when asked how many in all", async () => {
    await t.engine.answer({ text: "công ty Ánh Dương tuyển những vị trí nào", userKey: "rows-sum" });
    const a = await t.engine.answer({ text: "tổng cộng mấy người", userKey: "rows-sum" });
    expect(a.answer).toContain("Tổng cộng 10 người");
  });

  it("should read a column named by its content ('đồ thực hành' is the support column)", async () => {
    await t.engine.answer({ text: "Khóa nấu ăn học mấy tháng, tốn bao nhiêu tiền?", userKey: "rows-content" });
    const a = await t.engine.answer({ text: "có phải tự mua đồ thực hành không", userKey: "rows-content" });
    expect(a.answer).toContain("Được cấp nguyên liệu thực hành");
  });

  it.each([
    ["Công ty Thủy sản Định An cho nghỉ Tết mấy ngày?", "ngày nghỉ"],
    ["Công ty Thủy sản Định An có thưởng tháng 13 không?", "tiền thưởng"],
  ])("should say the rows do not write what %j asks, unanswered", async (text, what) => {
    const a = await t.engine.answer({ text });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain(`không ghi ${what}`);
  });

  it.each([
    ["co cho ung luong truoc ko", "tạm ứng lương"],
    ["công ty đó có cho làm từ xa ở nhà không", "làm tại nhà, làm từ xa"],
  ])("should say the rows just shown do not write what %j asks", async (text, what) => {
    const user = `rows-unsaid-${what}`;
    await t.engine.answer({ text: "cty năng lượng ánh dương tuyển mấy người", userKey: user });
    const a = await t.engine.answer({ text, userKey: user });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain(`không ghi ${what}`);
  });

  it("should answer a trade's average wage from the demand table though a company's name holds the trade's words", async () => {
    const a = await t.engine.answer({ text: "Nghề nhà hàng, khách sạn năm 2026 lương bình quân bao nhiêu?" });
    expect(a.answer).toContain("6.200.000");
    expect(a.answer).not.toContain("Nhân viên phục vụ tại");
  });

  it("should give this year's need of a trade beside its openings when asked whether it needs people", async () => {
    const a = await t.engine.answer({ text: "Nghề mộc có cần người không?" });
    expect(a.answer).toContain("năm 2026: 18 người");
  });

  it("should name a company by one word of its name after 'công ty' and its place", async () => {
    const a = await t.engine.answer({ text: "công ty giày ở Định An tuyển bao nhiêu người làm vậy" });
    expect(a.answer).toContain("Công ty TNHH Giày Thử Nghiệm Định An đang tuyển");
    expect(a.answer).toContain("40 người");
  });

  it("should answer 'thu ngân thì sao' after a company's rows with that row, not 'nothing new'", async () => {
    await t.engine.answer({ text: "Siêu thị mini Trà Cú tuyển những gì", userKey: "rows-focus" });
    const a = await t.engine.answer({ text: "thu ngân thì sao", userKey: "rows-focus" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Nhân viên thu ngân");
    expect(a.answer).not.toContain("Nhân viên bán hàng");
  });

  it("should read a need asked in the message's own words from the demand table, not the courses of the trade", async () => {
    const a = await t.engine.answer({ text: "nấu ăn năm 2027 cần mấy người, tôi tính cho con học" });
    expect(a.answer).toContain("30 người");
    expect(a.answer).not.toContain("Các khóa đào tạo");
  });

  it("should read 'cần mấy người' of a year as the demand table's, though the trade is also a course", async () => {
    const a = await t.engine.answer({ text: "tin học văn phòng năm 2027 cần mấy người" });
    expect(a.answer).toContain("12 người");
    expect(a.answer).not.toContain("Các khóa đào tạo");
  });

  it("should answer a value asked with no subject of its own from the document the earlier turn named", async () => {
    await t.engine.answer({ text: "Nghị định 238/2025 quy định gì", userKey: "doc-follow" });
    const a = await t.engine.answer({ text: "co hieu luc tu ngay nao", userKey: "doc-follow" });
    expect(a.answer).toContain("3/9/2025");
    expect(a.answer).not.toContain("1/7/2015");
  });

  it("should refuse another person's ID number and birth date, a few words between the datum and the person", async () => {
    const a = await t.engine.answer({ text: "Tra giúp tôi số CCCD và ngày sinh của anh Nguyễn Văn Tài bên công ty năng lượng" });
    expect(a.answered).toBe(false);
    expect(a.sources).toEqual([]);
    expect(a.answer).toContain("không cung cấp");
  });

  it("should still answer which commune to write on an ID card ('căn cước … địa chỉ')", async () => {
    const a = await t.engine.answer({ text: "ba noi o thanh son cu, gio di lam can cuoc thi ghi dia chi xa gi ad" });
    expect(a.answer).toContain("Xã Trà Cú");
  });
});

/**
 * Wages counted by the piece, the office a plan question asks about, and two things set side by side
 * (issue 10, twenty-fourth round): a wage cell "theo sản phẩm" is shown as the sheet writes it; "còn
 * phòng LĐTBXH được giao gì" is not answered with another office's task; "X hay Y khác nhau sao" and
 * "so với Y thì … nào rẻ hơn" after X show both sides' rows; a follow-up asking two columns ("học ở
 * đâu, bao giờ") gets both; a follow-up naming a trade that rows of several tables
 * share is a new question about that trade, not one about the rows just shown; "học xong có tiệm nào
 * nhận không" after a course finds the openings of its trade though the sheets spell it otherwise;
 * an age asked after a trade's openings keeps to that trade; "việc nào làm ca tối" after other
 * openings asks the table for evening work; a Tết bonus or a scholarship a row names without a sum
 * is said not to be given ("bao nhiêu tháng lương", "bao nhiêu tiền"); "học giờ nào" after courses
 * is read from the row that writes the hours.
 * The real engine over sheets written here (clock 20/11/2026).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: [
        "Công ty TNHH Thủy Sản Thử Nghiệm Định An,Công nhân lột tôm,40,theo sản phẩm,theo sản phẩm,Xã Đại An,Nữ từ 18 tuổi; không cần kinh nghiệm,15/12/2026,0000 000 601",
        "Công ty TNHH Cơ Khí Thử Nghiệm Tập Sơn,Thợ hàn,4,9.000.000,12.000.000,Xã Tập Sơn,Có chứng chỉ hàn 3G,31/12/2026,0000 000 602",
        "Cơ sở Thử Nghiệm Ba Tư,Công nhân sơ chế dừa,15,6.000.000,7.000.000,Xã Hàm Giang,Từ 18 tuổi,31/12/2026,0000 000 603",
        "Cơ sở Vá lưới Thử Nghiệm Định An,Thợ vá lưới tại nhà,15,theo sản phẩm,theo sản phẩm,Xã Đại An,Nam nữ từ 18 tuổi; không giới hạn tuổi tối đa,31/12/2026,0000 000 605",
        "Cửa hàng Điện thoại Thử Nghiệm Minh Khang,Thợ sửa điện thoại,2,5.000.000,8.000.000,Xã Đại An,Từ 18 tuổi,31/12/2026,0000 000 606",
        "Nhà hàng Thử Nghiệm Bến Sông,Phục vụ bàn ca tối,6,25.000 đồng/giờ,30.000 đồng/giờ,Xã Đại An,Từ 18 tuổi; ca tối từ 17 giờ đến 22 giờ; không cần kinh nghiệm,30/11/2026,0000 000 607",
        "Công ty TNHH Nước mắm Thử Nghiệm Phước Hưng,Công nhân chế biến nước mắm,12,6.500.000,8.000.000,Xã Tập Sơn,Nam nữ 18-45 tuổi; đóng BHXH; thưởng Tết,05/12/2026,0000 000 608",
        "Tiệm Tóc Thử Nghiệm Ánh Dương,Thợ phụ làm tóc,2,4.000.000,6.000.000,Xã Trà Cú,Nữ từ 16 đến 25 tuổi,30/11/2026,0000 000 604",
      ],
      courses: [
        "Trung tâm Dạy nghề Thử Nghiệm Trà Cú,Điện dân dụng,Sơ cấp,3 tháng,Miễn phí,Không,Từ 15 tuổi,Xã Long Hiệp,11/01/2027,0000 000 611",
        "Trường Trung cấp Thử Nghiệm Sông Hậu,Điện công nghiệp,Trung cấp,2 năm,Miễn học phí,Không,Tốt nghiệp THCS,Xã Đại An,01/09/2027,0000 000 612",
        "Trường Cao đẳng Thử Nghiệm Cửu Long,Kế toán doanh nghiệp,Cao đẳng,\"2,5 năm\",10.500.000 đồng/năm,Không,Tốt nghiệp THPT,Xã Trà Cú,01/09/2027,0000 000 613",
        "Trường Cao đẳng Thử Nghiệm Cửu Long,Công nghệ ô tô,Cao đẳng,3 năm,12.000.000 đồng/năm,Không,Tốt nghiệp THPT,Xã Trà Cú,01/09/2027,0000 000 613",
        "Trường Trung cấp Thử Nghiệm Sông Hậu,Nghiệp vụ nhà hàng - khách sạn,Trung cấp,2 năm,Miễn học phí,Ở nội trú; học bổng cho học sinh Khmer thuộc hộ nghèo,Tốt nghiệp THCS,Xã Tập Sơn,01/09/2027,0000 000 612",
        "Trường Trung cấp Thử Nghiệm Sông Hậu,Pha chế đồ uống,Dưới 3 tháng,6 tuần,1.500.000,Không,Từ 16 tuổi,Xã Tập Sơn,12/01/2027,0000 000 612",
        "Trung tâm Dạy nghề Thử Nghiệm Trà Cú,\"Cắt, uốn tóc\",Sơ cấp,3 tháng,4.000.000,Không,Từ 16 tuổi,Xã Trà Cú,04/01/2027,0000 000 611",
        "Trung tâm Dạy nghề Thử Nghiệm Trà Cú,Tin học văn phòng,Dưới 3 tháng,6 tuần,1.200.000,Không,Mọi người có nhu cầu; học buổi tối,Xã Trà Cú,05/12/2026,0000 000 611",
        "Trung tâm Dạy nghề Thử Nghiệm Trà Cú,Chế biến sản phẩm từ dừa,Dưới 3 tháng,1 tháng,Miễn phí,Không,Lao động nông thôn,Xã Hàm Giang,15/12/2026,0000 000 611",
      ],
      demand: ["Sản xuất đường (ép mía),2027,60,7.200.000,Giảm do thu hẹp diện tích mía", "Chế biến dừa,2027,150,6.800.000,Số liệu thử"],
    },
    "tracu-pay-pairs-",
  );
});
afterAll(() => t.cleanup());

const body = (answer: string) => answer.split("\nNguồn:")[0]!;

describe("a wage counted by the piece", () => {
  it("should show 'theo sản phẩm' as the sheet writes it, not 'chưa rõ'", async () => {
    const a = await t.engine.answer({ text: "lột tôm ở Định An trả lương kiểu gì" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("theo sản phẩm");
    expect(a.answer).not.toContain("chưa rõ");
  });
});

describe("the office a plan question asks about", () => {
  it("should answer 'còn phòng LĐTBXH được giao gì' with that office's task, not the education office's", async () => {
    const userKey = "pairs:office";
    await t.engine.answer({ text: "Kế hoạch giao ai chủ trì? Giờ không còn huyện thì ai lo việc này?", userKey });
    const a = await t.engine.answer({ text: "còn phòng LĐTBXH được giao gì", userKey });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("Lao động - Thương binh và Xã hội");
    expect(body(a.answer)).not.toContain("Trưởng phòng Giáo dục và Đào tạo huyện chủ trì");
  });
});

describe("an office as the one acting and as a partner", () => {
  it("should still answer whom the education office works with from the sentence naming its partners", async () => {
    const a = await t.engine.answer({ text: "truong phong giao duc phoi hop voi ai de hs du hoi thao nghe nghiep" });
    expect(a.answer).toContain("Lao động - Thương binh và Xã hội");
  });
});

describe("two things set side by side", () => {
  it("should show both courses for 'điện dân dụng hay điện công nghiệp khác nhau sao về thời gian'", async () => {
    const a = await t.engine.answer({ text: "Tôi muốn học điện: học điện dân dụng hay điện công nghiệp thì khác nhau sao về thời gian?" });
    expect(body(a.answer)).toContain("3 tháng");
    expect(body(a.answer)).toContain("2 năm");
  });

  it("should set the trade asked before beside the one a 'so với …' follow-up names", async () => {
    const userKey = "pairs:so-voi";
    await t.engine.answer({ text: "Em muốn học kế toán hệ cao đẳng, học bao lâu thì ra trường?", userKey });
    const a = await t.engine.answer({ text: "so với ngành công nghệ ô tô thì học phí ngành nào rẻ hơn", userKey });
    expect(body(a.answer)).toContain("10.500.000");
    expect(body(a.answer)).toContain("12.000.000");
  });
});

describe("follow-ups on the rows just shown", () => {
  it("should give the place and the start for 'học ở đâu, bao giờ'", async () => {
    const userKey = "pairs:where-when";
    await t.engine.answer({ text: "khóa pha chế đồ uống bao nhiêu tiền", userKey });
    const a = await t.engine.answer({ text: "học ở đâu, bao giờ", userKey });
    expect(a.answer).toContain("Xã Tập Sơn");
    expect(a.answer).toContain("12/01/2027");
  });

  it("should answer 'còn ngành dừa thì sao' after a trade's demand with the coconut demand, though openings and courses share the word", async () => {
    const userKey = "pairs:demand-trade";
    await t.engine.answer({ text: "ngành sản xuất đường năm 2027 cần bao nhiêu người", userKey });
    const a = await t.engine.answer({ text: "còn ngành dừa thì sao", userKey });
    expect(a.answer).toContain("Chế biến dừa");
    expect(a.answer).toContain("150");
    expect(a.answer).not.toContain("7.200.000");
  });
});

describe("an age asked after a trade's openings", () => {
  it("should keep to the trade the earlier message named, though no slot list names it", async () => {
    const userKey = "pairs:age";
    await t.engine.answer({ text: "o dai an co viec va luoi tai nha ko", userKey });
    const a = await t.engine.answer({ text: "chi 58 tuoi roi co nhan khong", userKey });
    expect(a.answer).toContain("Thợ vá lưới tại nhà");
    expect(a.answer).not.toContain("Thợ sửa điện thoại");
  });
});

describe("a condition a follow-up asks rows for", () => {
  it("should list the evening openings for 'việc nào làm ca tối' after the openings needing no experience", async () => {
    const userKey = "pairs:evening";
    await t.engine.answer({ text: "Bảng việc làm có việc nào cho người chưa có kinh nghiệm không?", userKey });
    const a = await t.engine.answer({ text: "việc nào làm ca tối", userKey });
    expect(a.answer).toContain("Phục vụ bàn ca tối");
    expect(a.answer).not.toContain("Công nhân lột tôm");
  });
});

describe("when classes are held", () => {
  it("should answer 'học giờ nào' after a course list from the row that writes its hours, not from a document", async () => {
    const userKey = "pairs:class-hours";
    await t.engine.answer({ text: "Trong các khóa có thu học phí, khóa nào rẻ nhất?", userKey });
    const a = await t.engine.answer({ text: "học giờ nào", userKey });
    expect(a.answer).toContain("học buổi tối");
    expect(a.answer).not.toContain("Nghị định 238");
  });
});

describe("a sum the rows name without giving", () => {
  it("should say the sheet gives no sum for a Tết bonus asked as months of wage", async () => {
    const userKey = "pairs:bonus";
    await t.engine.answer({ text: "cong ty nuoc mam phuoc hung tuyen may nguoi", userKey });
    const a = await t.engine.answer({ text: "thuong tet o do bao nhieu thang luong", userKey });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("số tiền thưởng");
  });

  it("should say the sheet gives no sum for a scholarship a course row only names", async () => {
    const userKey = "pairs:scholarship";
    await t.engine.answer({ text: "Nghiệp vụ nhà hàng khách sạn học mấy năm, có học bổng không?", userKey });
    const a = await t.engine.answer({ text: "học bổng bao nhiêu tiền", userKey });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("số tiền học bổng");
  });
});

describe("openings after a course", () => {
  it("should list the hair salon's opening after the hairdressing course, though the sheets name the trade differently", async () => {
    const userKey = "pairs:hired-after";
    await t.engine.answer({ text: "Con gái tôi 16 tuổi muốn học cắt uốn tóc, học phí bao nhiêu?", userKey });
    const a = await t.engine.answer({ text: "học xong có tiệm nào nhận làm không", userKey });
    expect(a.answer).toContain("Thợ phụ làm tóc tại Tiệm Tóc Thử Nghiệm Ánh Dương");
    expect(a.answer).not.toContain("Như mình vừa trả lời");
  });
});

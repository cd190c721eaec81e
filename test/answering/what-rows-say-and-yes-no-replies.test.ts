/**
 * What a row says and what a reply answers (issue 10, twenty-third round): a condition only a row's
 * own words can meet (work or classes in the evening or at the weekend); things no column holds
 * asked in other words (a canteen meal, a hamlet or street, paying in instalments); an organisation's
 * name that folds like a column word; a reply that says yes or no to a question asking which; a
 * sheet's cell quoted as the sheet writes it, its abbreviation explained after the rows; two
 * columns asked at once where one phrase folds like another ("năm ở đâu", "nằm ở đâu"); courses of a
 * level asked for as enrolling ("khóa trung cấp nào đang tuyển"), the 9+ model named in a course's name;
 * a course and an opening asked in one message, each from its own table.
 * The real engine over sheets written here (clock 20/11/2026).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: [
        "Tiệm Nail Thử Nghiệm Bông Sen,Thợ nail bán thời gian,2,35.000 đồng/giờ,45.000 đồng/giờ,Xã Trà Cú,Làm từ 18h đến 22h; có tay nghề cơ bản,05/12/2026,0000 000 501",
        "Nhà hàng Thử Nghiệm Sông Hậu,Phục vụ tiệc,10,250.000 đồng/ngày,300.000 đồng/ngày,Xã Đại An,Từ 18 tuổi; làm thứ bảy và chủ nhật,31/01/2027,0000 000 502",
        "Công ty TNHH Điện Tử Thử Nghiệm Bình Dương,Công nhân lắp ráp điện tử,80,7.200.000,9.800.000,Bình Dương,Nam nữ từ 18 đến 35 tuổi; có ký túc xá,31/12/2026,0000 000 503",
        "Công ty CP Thủy Sản Thử Nghiệm Hàm Giang,Công nhân chế biến tôm,50,6.000.000,8.000.000,Xã Hàm Giang,Từ 18 đến 50 tuổi; không cần kinh nghiệm,31/01/2027,0000 000 504",
        "Hợp tác xã Thử Nghiệm Tân Hiệp,Công nhân sơ chế dừa,12,6.500.000,7.500.000,Ấp Chợ Xã Long Hiệp,Từ 18 tuổi,20/12/2026,0000 000 505",
        "Công ty TNHH Kho Vận Thử Nghiệm Tập Sơn,Lái xe nâng,3,8.000.000,10.000.000,Xã Tập Sơn,Có chứng chỉ vận hành xe nâng,31/12/2026,0000 000 506",
      ],
      courses: [
        "Trung tâm Dạy nghề Thử Nghiệm Trà Cú,Nấu ăn,Dưới 3 tháng,\"10 tuần, học thứ bảy và chủ nhật\",1.200.000,Không,Người đang đi làm,Xã Trà Cú,12/12/2026,0000 000 511",
        "Trung tâm Dạy nghề Thử Nghiệm Trà Cú,Nấu ăn,Sơ cấp,3 tháng,2.500.000,Không,Từ 16 tuổi,Xã Trà Cú,04/01/2027,0000 000 511",
        "Trường Cao đẳng Kỹ thuật Thử Nghiệm Vĩnh Long,Điện công nghiệp,Trung cấp,18 tháng,4.500.000/học kỳ,Không,Tốt nghiệp THCS,Xã Trà Cú,04/01/2027,0000 000 512",
        "Trung tâm Đào tạo Lái xe Thử Nghiệm Trà Vinh,Vận hành xe nâng hàng,Dưới 3 tháng,20 ngày,3.200.000,Không,Từ 18 tuổi,Xã Tập Sơn,05/12/2026,0000 000 513",
        "Trường Trung cấp Thử Nghiệm Sông Hậu,Cắt may thời trang (mô hình 9+),Trung cấp,3 năm,Miễn học phí,Học kèm văn hóa THPT,Tốt nghiệp THCS,Xã Tập Sơn,01/09/2027,0000 000 514",
      ],
      demand: ["Chế biến thủy sản,2027,180,6.900.000,Số liệu thử", "Lắp ráp điện tử,2027,150,\"7,8 triệu\",Số liệu thử"],
    },
    "tracu-rows-say-",
  );
});
afterAll(() => t.cleanup());

const body = (answer: string) => answer.split("\nNguồn:")[0]!;

describe("work and classes in the evening or at the weekend", () => {
  it("should list the openings whose rows say evening or weekend work, not a demand ranking or every opening", async () => {
    const a = await t.engine.answer({ text: "Tôi 28 tuổi, ban ngày làm ruộng, muốn kiếm thêm việc buổi tối hoặc thứ bảy chủ nhật quanh Trà Cú, có chỗ nào đang cần người không?" });
    const text = body(a.answer);
    expect(a.answered).toBe(true);
    expect(text).toContain("Thợ nail bán thời gian");
    expect(text).toContain("Phục vụ tiệc");
    expect(text).not.toContain("Công nhân chế biến tôm");
    expect(text).not.toContain("Công nhân lắp ráp điện tử");
  });

  it("should list the weekend class of the trade asked, whatever the message tells of the asker's week", async () => {
    const a = await t.engine.answer({ text: "Tôi đi làm cả tuần, có lớp nấu ăn học cuối tuần không?" });
    const text = body(a.answer);
    expect(text).toContain("12/12/2026");
    expect(text).not.toContain("04/01/2027");
    expect(text).not.toContain("Thợ nail");
  });

  it("should not read 'làm bán thời gian, tối thiểu 1 giờ bao nhiêu' as a request for evening openings", async () => {
    const a = await t.engine.answer({ text: "e lam ban thoi gian tinh luong theo gio, o vung 3 thi toi thieu 1 gio phai dc bao nhieu" });
    expect(a.answer).not.toContain("Chỗ tuyển làm buổi tối hoặc cuối tuần");
  });

  it("should take hours a row writes ('từ 18h') as saying when one works", async () => {
    const userKey = "rows-say:hours";
    await t.engine.answer({ text: "tiem nail Bong Sen tuyen gi", userKey });
    const a = await t.engine.answer({ text: "lam buoi toi dc ko", userKey });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("18h");
  });
});

describe("things no column holds, asked in other words", () => {
  it("should say a canteen meal ('cơm ca') is not in the sheet, unanswered", async () => {
    const a = await t.engine.answer({ text: "cty dien tu Binh Duong co com ca mien phi ko" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("bữa ăn");
  });

  it("should say the hamlet and street are not in the sheet, unanswered", async () => {
    const a = await t.engine.answer({ text: "cong ty thuy san Ham Giang nam o ap nao, duong nao" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("số nhà, đường");
  });

  it("should answer the hamlet from a row that writes it", async () => {
    const a = await t.engine.answer({ text: "hop tac xa Tan Hiep so che dua nam o ap nao" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Ấp Chợ");
  });

  it("should say paying a fee in instalments is not in the sheet", async () => {
    const a = await t.engine.answer({ text: "lop van hanh xe nang co cho tra gop hoc phi ko" });
    expect(a.answer).toContain("trả góp");
  });

  it("should not read a school's name ('Cao đẳng Kỹ thuật') as the column 'đăng ký', and say its street is not given", async () => {
    const a = await t.engine.answer({ text: "Trường Cao đẳng Kỹ thuật Thử Nghiệm Vĩnh Long cơ sở Trà Cú ở đường nào" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("số nhà, đường");
  });

  it("should not take 'còn đường nào' (which way to go on) for a street", async () => {
    const a = await t.engine.answer({ text: "rot lop 10 thi con duong nao hoc ko ad" });
    expect(a.answer).not.toContain("số nhà, đường");
  });
});

describe("a reply that says yes or no", () => {
  it("should not answer 'which trade after grade 9' with 'Không, phân luồng là tự nguyện'", async () => {
    const a = await t.engine.answer({ text: "lop 9 hoc nghe gi" });
    expect(a.answer.startsWith("Không, phân luồng là tự nguyện")).toBe(false);
  });

  it("should still answer 'is it compulsory' with that reply", async () => {
    const a = await t.engine.answer({ text: "lớp 9 có bị ép đi học nghề không ạ" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("tự nguyện");
  });
});

describe("a sheet's row quoted as written", () => {
  it("should keep 'Tốt nghiệp THCS' as the sheet writes it and explain THCS after the rows", async () => {
    const a = await t.engine.answer({ text: "khoa dien cong nghiep o truong cao dang ky thuat nhan ai" });
    expect(a.answer).toContain("Tốt nghiệp THCS;");
    expect(a.answer).toContain("(THCS: lớp 6–9)");
  });
});

describe("two columns asked in one follow-up", () => {
  it("should give the length and the place for 'học mấy năm, ở đâu', though 'năm ở đâu' folds like 'nằm ở đâu'", async () => {
    const userKey = "rows-say:two-columns";
    await t.engine.answer({ text: "khoa dien cong nghiep khai giang khi nao", userKey });
    const a = await t.engine.answer({ text: "học mấy năm, ở đâu", userKey });
    expect(a.answer).toContain("18 tháng");
    expect(a.answer).toContain("Xã Trà Cú");
  });
});

describe("courses of a level", () => {
  it("should list the trung cấp courses for 'khóa trung cấp nào đang tuyển', a course that takes students", async () => {
    const a = await t.engine.answer({ text: "khoa trung cap nao dang tuyen" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Điện công nghiệp");
    expect(a.answer).not.toContain("1.200.000");
  });

  it("should list a course whose name says it is the 9+ model, not say there is no list", async () => {
    const a = await t.engine.answer({ text: "co truong nao gan day day 9+ ko" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Cắt may thời trang (mô hình 9+)");
    expect(a.answer).not.toContain("Điện công nghiệp");
  });
});

describe("a course and an opening asked in one message", () => {
  it("should answer the forklift course's fee and the forklift openings in one reply, each from its own table", async () => {
    const a = await t.engine.answer({ text: "Cho hỏi lớp vận hành xe nâng học phí bao nhiêu và học xong chỗ nào đang tuyển?" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("3.200.000");
    expect(a.answer).toContain("Lái xe nâng tại Công ty TNHH Kho Vận Thử Nghiệm Tập Sơn");
    expect(a.sources.length).toBe(2);
  });

  it("should answer 'mấy tuần' with the course's length and 'còn đăng ký kịp không' with its start", async () => {
    const userKey = "rows-say:weeks";
    await t.engine.answer({ text: "co lop nau an cuoi tuan ko", userKey });
    const weeks = await t.engine.answer({ text: "học phí bao nhiêu, học mấy tuần", userKey });
    expect(weeks.answer).toContain("10 tuần");
    const start = await t.engine.answer({ text: "con dang ky kip ko", userKey });
    expect(start.answer).toContain("12/12/2026");
  });
});

/**
 * The table a message asks, and follow-ups that would repeat the earlier reply (issue 10, twenty-
 * sixth round): "vậy học điện lạnh ở đâu, chừng nào khai giảng" after the openings for that trade
 * asks the courses, and is answered from them rather than with the openings again; "tuyển tới ngày
 * mấy, liên hệ ai" after a company's openings gives both the deadline and the contact; "có lớp nào
 * dạy làm kẹo dừa" with no such course says so, unanswered, rather than listing the openings for
 * that work as if they were courses; "khóa sau khai giảng khi nào", "vay vốn ở đâu", "có đúng luật không" ask of a
 * thing no row lists (knowledge/slots.yaml `unstated_outside_rows`): unanswered, said so; "muốn học
 * chăm sóc người già" after "nghỉ công ty may" asks that course (a trade slot of its own).
 * The real engine over sheets written here (clock 20/11/2026), answer check off: these name what the
 * rules find, not what the learned check lets through.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: [
        "Cửa hàng Điện máy Thử Nghiệm Hàm Giang,Thợ lắp đặt máy lạnh,3,7.000.000,9.000.000,Xã Hàm Giang,Có chứng chỉ sơ cấp điện lạnh; có xe máy,18/12/2026,Anh Thử Nghiệm Tài 0000 000 801",
        "Cơ sở Chế biến Dừa Thử Nghiệm Tập Sơn,\"Công nhân chế biến thạch dừa, kẹo dừa\",10,6.000.000,7.200.000,Xã Tập Sơn,Nữ 18–45 tuổi,15/12/2026,Chị Thử Nghiệm Nê 0000 000 802",
        "Công ty TNHH May Thử Nghiệm Đại An,Công nhân may công nghiệp,60,6.200.000,9.000.000,Xã Đại An,\"Nam, nữ 18-40 tuổi\",15/01/2027,Chị Thử Nghiệm Hồng 0000 000 803",
        "Công ty TNHH May Thử Nghiệm Đại An,Nhân viên cắt chỉ - đóng gói,12,5.500.000,6.500.000,Xã Đại An,Làm ngồi; giờ hành chính,15/01/2027,Chị Thử Nghiệm Hồng 0000 000 803",
        "Công ty TNHH Cơ Khí Thử Nghiệm Trà Cú,Thợ hàn,5,8.000.000,11.000.000,Xã Trà Cú,Có chứng chỉ hàn,20/12/2026,Anh Thử Nghiệm Lộc 0000 000 805",
      ],
      courses: [
        "Trường Trung cấp Thử Nghiệm Định An,Điện lạnh (sửa máy lạnh tủ lạnh),Sơ cấp,3 tháng,4.200.000,Không,Từ 16 tuổi,Xã Đại An,18/01/2027,Thầy Thử Nghiệm Kiệt 0000 000 804",
        "Trung tâm GDNN Thử Nghiệm Trà Cú,May công nghiệp,Sơ cấp,3 tháng,Miễn học phí,Hỗ trợ tiền ăn,Lao động nông thôn,Xã Trà Cú,21/12/2026,Cô Thử Nghiệm Hoa 0000 000 806",
        "Trường Cao đẳng Thử Nghiệm Vĩnh Long,\"Chăm sóc người bệnh, người cao tuổi (hộ lý)\",Sơ cấp,3 tháng,4.000.000 đồng,Không,Từ 18 tuổi,Xã Trà Cú,11/01/2027,Cô Thử Nghiệm Thảo 0000 000 807",
      ],
      demand: ["Điện lạnh,2027,20,8.000.000,Số liệu thử"],
    },
    "tracu-asked-table-",
    { ANSWER_CHECK_THRESHOLD: "0" },
  );
});
afterAll(() => t.cleanup());

const body = (answer: string) => answer.split("\nNguồn:")[0]!;

describe("a follow-up asking another table than the rows shown", () => {
  it("should answer 'học điện lạnh ở đâu, chừng nào khai giảng' after the openings from the courses", async () => {
    const userKey = "table:1";
    const first = await t.engine.answer({ text: "cửa hàng điện máy ở Hàm Giang tuyển thợ lắp máy lạnh thì cần bằng cấp gì, lương được bao nhiêu", userKey });
    expect(body(first.answer)).toContain("Thợ lắp đặt máy lạnh");
    const a = await t.engine.answer({ text: "ảnh chưa có chứng chỉ, vậy học điện lạnh ở đâu, chừng nào khai giảng", userKey });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("Trường Trung cấp Thử Nghiệm Định An");
    expect(body(a.answer)).toContain("18/01/2027");
    expect(a.answer).not.toContain("Như mình vừa trả lời");
  });
});

describe("two columns asked of the rows shown", () => {
  it("should give the deadline and the contact for 'tuyển tới ngày mấy, liên hệ ai'", async () => {
    const userKey = "table:2";
    await t.engine.answer({ text: "cty may Đại An tuyển những vị trí gì", userKey });
    const a = await t.engine.answer({ text: "tuyen toi ngay may, lien he ai", userKey });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("15/01/2027");
    expect(body(a.answer)).toContain("0000 000 803");
  });
});

describe("courses asked, none found", () => {
  it("should say there is no such course, not list the openings for that work", async () => {
    const a = await t.engine.answer({ text: "có lớp nào dạy làm kẹo dừa, thạch dừa không, tôi muốn làm ở nhà bán" });
    expect(a.answered).toBe(false);
    expect(a.answer).not.toContain("Công nhân chế biến thạch dừa");
    expect(a.answer).toContain("chưa có khóa đào tạo");
  });
});

describe("a column asked of a thing outside the rows", () => {
  it("should not answer 'khóa sau khai giảng khi nào' with the start of the course listed", async () => {
    const a = await t.engine.answer({ text: "lớp may công nghiệp ở Trà Cú khóa sau khai giảng khi nào, khóa 21/12 em không kịp" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("khóa sau");
    expect(a.sources).toEqual([]);
  });

  it("should not answer whether the law allows it with the openings", async () => {
    const a = await t.engine.answer({ text: "con tôi 15 tuổi vô làm công nhân may ở Đại An có đúng luật không" });
    expect(a.answered).toBe(false);
    expect(a.answer).not.toContain("6.200.000");
  });

  it("should not answer 'vay vốn ưu đãi ở đâu' with the place of the course", async () => {
    const userKey = "outside:1";
    await t.engine.answer({ text: "lớp sửa máy lạnh học ở đâu", userKey });
    const a = await t.engine.answer({ text: "học xong mở tiệm sửa máy lạnh thì có được vay vốn ưu đãi không, vay ở đâu", userKey });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("vay vốn");
  });
});

describe("the trade sought beside the trade of the story", () => {
  it("should answer 'muốn học chăm sóc người già' with that course, not the sewing of 'nghỉ công ty may'", async () => {
    const a = await t.engine.answer({ text: "Em 29 tuổi, nghỉ công ty may về quê Trà Cú, muốn học chăm sóc người già để đi làm, có lớp nào không ạ" });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("11/01/2027");
    expect(body(a.answer)).not.toContain("May công nghiệp");
  });
});

/**
 * What a conversation asks next, read from what it already showed (issue 10, eighteenth round):
 * "học xong có chỗ nào nhận không" after a course asks that trade's openings, not where the course
 * is held; "chỗ nào lương cao hơn" compares the rows just shown; a position of a company named in
 * the message comes first, or is said closed; years ahead and the average wage are the demand
 * table's, and a course asked after them is the course table's; a place outside Trà Cú the story
 * goes to ("lên Bình Dương làm") is where the work is asked. The real engine
 * over sheets written here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: [
        "Cơ sở Sửa xe Thử Nghiệm Tập Sơn,Thợ sửa xe máy,2,7.000.000,9.000.000,Xã Tập Sơn,Có tay nghề sửa xe máy từ 1 năm,28/12/2026,0000 000 107",
        "Cửa hàng Xe máy Thử Nghiệm Định An,Thợ sửa xe máy,3,8.000.000,11.000.000,Xã Đại An,Có chứng chỉ sơ cấp sửa chữa xe máy,30/12/2026,0000 000 108",
        "Công ty Cổ phần Dừa Thử Nghiệm Trà Cú,Công nhân sơ chế dừa,25,6.500.000,8.000.000,Xã Trà Cú,Không cần kinh nghiệm,20/12/2026,0000 000 103",
        "Công ty Cổ phần Dừa Thử Nghiệm Trà Cú,Nhân viên kinh doanh,2,7.000.000,12.000.000,Xã Trà Cú,Tốt nghiệp THPT; có xe máy,05/11/2026,0000 000 103",
        "Khách sạn Thử Nghiệm Trà Cú,Nhân viên buồng phòng,4,5.500.000,6.500.000,Xã Trà Cú,Không cần kinh nghiệm,30/12/2026,0000 000 120",
        "Công ty TNHH Năng lượng Thử Nghiệm Ven Biển,Công nhân lắp đặt tấm pin mặt trời,15,8.000.000,10.000.000,Xã Long Hiệp,Nam từ 18 đến 40 tuổi,31/12/2026,0000 000 130",
        "Công ty TNHH Điện gió Thử Nghiệm Long Hiệp,Kỹ thuật viên vận hành điện gió,4,12.000.000,18.000.000,Xã Long Hiệp,Tốt nghiệp cao đẳng kỹ thuật điện,31/01/2027,0000 000 104",
        "Công ty TNHH Giày da Thử Nghiệm Thuận An,Công nhân giày da,150,7.000.000,10.000.000,Bình Dương,Nam nữ từ 18 đến 35 tuổi,31/12/2026,0000 000 150",
      ],
      courses: [
        "Trường Trung cấp Thử Nghiệm Sông Hậu,Sửa chữa xe máy,Sơ cấp,3 tháng,2.800.000,Không,Từ 16 tuổi,Xã Trà Cú,24/11/2026,0000 000 140",
        "Trung tâm Giáo dục nghề nghiệp Thử Nghiệm Hàm Giang,Sửa chữa xe máy,Sơ cấp,3 tháng,Miễn học phí,Không,Từ 16 tuổi,Xã Hàm Giang,18/01/2027,0000 000 142",
        "Trung tâm Đào tạo Lái xe Thử Nghiệm Tập Sơn,Lái xe tải hạng C,Sơ cấp,5 tháng,22.000.000,Không,Từ 21 tuổi,Xã Tập Sơn,07/12/2026,0000 000 143",
        "Trung tâm Giáo dục nghề nghiệp Thử Nghiệm Hàm Giang,Trồng nấm rơm,Dưới 3 tháng,1 tháng,Miễn phí,Cấp giống nấm,Nông dân,Xã Lưu Nghiệp Anh,02/12/2026,0000 000 142",
      ],
      demand: ["Lắp đặt điện mặt trời,2027,70,9.000.000,Dự án ven biển", "Lắp đặt điện mặt trời,2028,110,9.500.000,Dự án ven biển", "Sửa chữa xe máy,2027,30,8.000.000,"],
    },
    "tracu-asks-next-",
  );
});
afterAll(() => t.cleanup());

describe("what a conversation asks next", () => {
  it("should answer 'học xong có chỗ nào nhận làm' after a course with that trade's openings", async () => {
    await t.engine.answer({ text: "e muon hoc sua xe may, co khoa nao ko ad", userKey: "next-1" });
    const a = await t.engine.answer({ text: "hoc xong co cho nao nhan lam ko", userKey: "next-1" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Cửa hàng Xe máy Thử Nghiệm Định An");
    expect(a.answer).not.toContain("Địa điểm của các khóa");
  });

  it("should compare the rows just shown when asked 'cái nào lương cao hơn'", async () => {
    const list = await t.engine.answer({ text: "viec nao ko can kinh nghiem o xa tra cu", userKey: "next-2" });
    expect(list.answer).toContain("Nhân viên buồng phòng");
    const a = await t.engine.answer({ text: "cái nào lương cao hơn", userKey: "next-2" });
    expect(a.answer).toContain("vừa nêu");
    expect(a.answer).toContain("Công nhân sơ chế dừa");
    // Not the whole table's best-paid opening.
    expect(a.answer).not.toContain("Kỹ thuật viên vận hành điện gió");
  });

  it("should still read 'cao hơn 9 triệu' as a bound over the whole table", async () => {
    await t.engine.answer({ text: "viec nao ko can kinh nghiem o xa tra cu", userKey: "next-3" });
    const a = await t.engine.answer({ text: "việc nào lương cao hơn 9 triệu", userKey: "next-3" });
    expect(a.answer).toContain("Kỹ thuật viên vận hành điện gió");
  });

  it("should rank short courses by fee when asked 'khóa ngắn hạn nào mắc nhất'", async () => {
    const a = await t.engine.answer({ text: "khóa ngắn hạn nào mắc nhất" });
    const first = a.answer.split("\n").find((l) => l.startsWith("- "));
    expect(first).toContain("Lái xe tải hạng C");
  });

  it("should say a company's position named in the message is closed, then list what is open", async () => {
    const a = await t.engine.answer({ text: "cty dừa thử nghiệm trà cú tuyển nhân viên kinh doanh còn hạn ko" });
    expect(a.answer).toContain("Nhân viên kinh doanh");
    expect(a.answer).toContain("đã hết hạn nộp hồ sơ");
    expect(a.answer).toContain("05/11/2026");
    expect(a.answer).toContain("Công nhân sơ chế dừa");
  });

  it("should list an open position of a named company first, the closed one not at all", async () => {
    const a = await t.engine.answer({ text: "cty dua thu nghiem tra cu tuyen cong nhan so che dua luong bn" });
    const first = a.answer.split("\n").find((l) => l.startsWith("- "));
    expect(first).toContain("Công nhân sơ chế dừa");
    expect(first).toContain("6.500.000 - 8.000.000");
    expect(a.answer).not.toContain("Nhân viên kinh doanh");
  });

  it("should read 'xong lớp 9 … có chỗ nào nhận' in a first message as a course asked, not openings", async () => {
    const a = await t.engine.answer({ text: "con tui 16 tuổi mới xong lớp 9, muốn học sửa xe máy có chỗ nào nhận không" });
    expect(a.answer).toContain("Sửa chữa xe máy (Sơ cấp)");
  });

  it("should answer 'có lớp dạy nghề này không' after a trade's demand figures with its courses", async () => {
    await t.engine.answer({ text: "nghề sửa xe máy năm 2027 có cần người không", userKey: "next-7" });
    const a = await t.engine.answer({ text: "có lớp dạy nghề này ko", userKey: "next-7" });
    expect(a.answer).toContain("Sửa chữa xe máy (Sơ cấp)");
  });

  it("should list the open rows for openings asked for in plain words, and not for a school's or a trade's", async () => {
    for (const text of ["có việc gì đang tuyển không", "co cho nao dang tuyen ko ad"]) {
      const a = await t.engine.answer({ text });
      expect(a.answered).toBe(true);
      expect(a.answer).toContain("Công nhân sơ chế dừa");
      // The closed row (05/11/2026) is not among them.
      expect(a.answer).not.toContain("Nhân viên kinh doanh");
    }
    // A school "đang tuyển" students: its courses, not the openings.
    const school = await t.engine.answer({ text: "Trường Trung cấp Thử Nghiệm Sông Hậu đang tuyển ngành gì" });
    expect(school.answer).toContain("Sửa chữa xe máy");
    expect(school.answer).not.toContain("Công nhân sơ chế dừa");
  });

  it("should not take a place in a company's name for the work asked ('thợ sơn' is not Tập Sơn)", async () => {
    const a = await t.engine.answer({ text: "có chỗ nào tuyển thợ sơn nước ko" });
    expect(a.answered).toBe(false);
    expect(a.answer).not.toContain("Thợ sửa xe máy");
  });

  it("should answer 'mấy năm tới có cần người' from every year of the trade's demand", async () => {
    const a = await t.engine.answer({ text: "nghề lắp điện mặt trời mấy năm tới có cần người ko", userKey: "next-5" });
    expect(a.answer).toContain("70 người");
    expect(a.answer).toContain("110 người");
  });

  it("should read 'lương trung bình' after a trade's openings as the demand table's average wage", async () => {
    await t.engine.answer({ text: "có chỗ nào tuyển lắp đặt tấm pin mặt trời không", userKey: "next-6" });
    const a = await t.engine.answer({ text: "lương trung bình", userKey: "next-6" });
    expect(a.answer).toContain("lương bình quân 9.000.000");
  });

  it("should answer work asked in a place outside Trà Cú that the story goes to with that place's rows", async () => {
    const a = await t.engine.answer({ text: "thằng con tôi 18 tuổi muốn lên Bình Dương làm công nhân, có chỗ nào tuyển ko" });
    expect(a.answer).toContain("Công nhân giày da");
    expect(a.answer).not.toContain("Công nhân sơ chế dừa");
  });
});

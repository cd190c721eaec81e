/**
 * Openings and courses asked in a place outside former Trà Cú (issue 10, seventh round): the rows
 * of Trà Cú's own communes do not answer "có việc làm nào ở Cầu Kè không"; the reply says there is
 * none there, unanswered. A row that names the place answers it, and "ở Bình Dương về" (back from)
 * is not where work is asked. The places are a word list in knowledge/communes.yaml (`elsewhere`).
 * The real engine over the shipped knowledge and sheets written here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  const jobs = [
    "Công ty TNHH May Thử Nghiệm Ngọc Biên,Công nhân may,30,6.000.000,8.000.000,Xã Ngọc Biên,Từ 18 tuổi,30/04/2027,Phòng nhân sự (dữ liệu thử)",
    "Công ty CP Điện tử Thử Nghiệm,Công nhân lắp ráp,40,7.000.000,9.000.000,Khu công nghiệp Thử Nghiệm Bình Dương,Từ 18 đến 35 tuổi,30/04/2027,Phòng tuyển dụng (dữ liệu thử)",
  ];
  const courses = ["Trung tâm Thử Nghiệm Sen Vàng,May công nghiệp,Sơ cấp,3 tháng,Miễn phí,Không,Từ 15 tuổi,Xã Hàm Giang,15/01/2027,Phòng tuyển sinh (dữ liệu thử)"];
  t = await buildKnowledgeWithSheets({ jobs, courses }, "tracu-elsewhere-");
});
afterAll(() => t.cleanup());

describe("a place outside former Trà Cú", () => {
  it("should say there is no opening in Cầu Kè rather than list Trà Cú's openings", async () => {
    const a = await t.engine.answer({ text: "Co viec lam nao o Cau Ke khong?", userKey: "else-1" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("Cầu Kè");
    expect(a.answer).not.toContain("Ngọc Biên");
  });

  it("should say there is no course in Tiểu Cần rather than list Trà Cú's courses", async () => {
    const a = await t.engine.answer({ text: "có lớp học nghề nào ở Tiểu Cần không", userKey: "else-2" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("Tiểu Cần");
    expect(a.answer).not.toContain("Sen Vàng");
  });

  it("should read the place in the asking clause of a longer message ('…ở Long An bây giờ bao nhiêu 1 tháng, so với ở quê')", async () => {
    const a = await t.engine.answer({ text: "lương công nhân may ở Long An bây giờ bao nhiêu 1 tháng, so với ở quê", userKey: "else-long" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("Long An");
    expect(a.answer).not.toContain("Ngọc Biên");
  });

  it("should answer with the row that names the place", async () => {
    const a = await t.engine.answer({ text: "co viec lam o binh duong ko", userKey: "else-3" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Công nhân lắp ráp");
  });

  it("should not read 'ở Bình Dương về' (back from) as the place asked", async () => {
    const a = await t.engine.answer({ text: "moi o soc trang ve co viec gi lam ko", userKey: "else-4" });
    expect(a.answer).not.toContain("chưa có chỗ tuyển ở Sóc Trăng");
  });
});

describe("an office named after what it does", () => {
  it("should not read 'trung tâm dịch vụ việc làm ở đâu' as a question about openings", async () => {
    const a = await t.engine.answer({ text: "Trung tam dich vu viec lam cua tinh Vinh Long nam o dau?", userKey: "office-1" });
    expect(a.answer).not.toContain("Công nhân may");
    expect(a.answered).toBe(false);
  });
});


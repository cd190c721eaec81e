/**
 * Openings asked for a group of people (issue 10, tenth round), the real engine over sheets written
 * here: "công ty nào ưu tiên tuyển bộ đội xuất ngũ", "việc nào nhận người khuyết tật" list the open
 * rows whose position or requirements name that group, not every opening; a row that turns the
 * group away, or is closed, is not among them; a group in a story ("con gái tôi … chỗ nào tuyển")
 * is not asked this way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  const jobs = [
    "Công ty CP Thử Nghiệm Cảng Bến Đò,Lái xe nâng,3,10 triệu,15 triệu,Xã Đại An,Có chứng chỉ lái xe nâng; ưu tiên bộ đội xuất ngũ,30/12/2026,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm Bảo Vệ Sông Hậu,Nhân viên bảo vệ,10,6.500.000,8.000.000,Xã Trà Cú,Nam từ 20 đến 45 tuổi; ưu tiên bộ đội xuất ngũ,01/11/2026,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm May Bến Đò,Công nhân may,50,6.500.000,9.000.000,Xã Trà Cú,Từ 18 đến 40 tuổi; không cần kinh nghiệm,30/12/2026,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm Dịch Vụ Số,Nhân viên nhập liệu,5,5.800.000,7.000.000,Xã Trà Cú,Biết Word; nhận người khuyết tật vận động nhẹ,30/12/2026,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Thử Nghiệm Xây Dựng,Thợ xây,15,8.200.000,11.000.000,Xã Tập Sơn,Sức khỏe tốt; không nhận người khuyết tật,30/12/2026,Phòng nhân sự (dữ liệu thử)",
  ];
  t = await buildKnowledgeWithSheets({ jobs }, "tracu-group-openings-");
});
afterAll(() => t.cleanup());

describe("openings asked for a group", () => {
  it("should list the open rows that prefer demobilised soldiers", async () => {
    const a = await t.engine.answer({ text: "bộ đội xuất ngũ thì có công ty nào ưu tiên tuyển hông ạ" });
    expect(a.answer).toContain("Lái xe nâng");
    expect(a.answer).not.toContain("Công nhân may");
    // Closed on 01/11/2026.
    expect(a.answer).not.toContain("Nhân viên bảo vệ");
  });

  it("should list the rows that take people with a disability, not one that turns them away", async () => {
    const a = await t.engine.answer({ text: "co viec nao nhan nguoi khuyet tat khong" });
    expect(a.answer).toContain("Nhân viên nhập liệu");
    expect(a.answer).not.toContain("Thợ xây");
    expect(a.answer).not.toContain("Công nhân may");
  });

  it("should not read a group in a story as asked: 'con gái tôi … chỗ nào đang tuyển'", async () => {
    const a = await t.engine.answer({ text: "Con gái tôi 22 tuổi muốn đi làm gần nhà, chỗ nào đang tuyển vậy" });
    expect(a.answer).not.toContain("ghi rõ nhận hoặc ưu tiên");
  });
});

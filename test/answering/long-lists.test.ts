/**
 * A list longer than the rows shown in full (issue 10, seventh round): "xã Đại An có chỗ nào tuyển"
 * with eight openings names all eight (the first five in full, the rest by position and company),
 * so the companies hiring are all there; past fifteen the rest are counted. Courses likewise. The real engine over
 * sheets written here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  const inDaiAn = Array.from({ length: 8 }, (_, i) => `Công ty TNHH Thử Nghiệm Số ${i + 1},Công nhân tổ ${i + 1},5,6.000.000,7.000.000,Xã Đại An,Từ 18 tuổi,30/12/2026,Văn phòng (dữ liệu thử)`);
  const inLongHiep = Array.from({ length: 17 }, (_, i) => `Hợp tác xã Thử Nghiệm Long Hiệp ${i + 1},Lao động thời vụ ${i + 1},3,5.000.000,6.000.000,Xã Long Hiệp,Từ 18 tuổi,30/12/2026,Văn phòng (dữ liệu thử)`);
  const freeCourses = Array.from({ length: 8 }, (_, i) => `Trung tâm Thử Nghiệm Số ${i + 1},Nghề thử ${i + 1},Sơ cấp,2 tháng,Miễn học phí,Không,Từ 16 tuổi,Xã Trà Cú,15/01/2027,Phòng tuyển sinh (dữ liệu thử)`);
  t = await buildKnowledgeWithSheets({ jobs: [...inDaiAn, ...inLongHiep], courses: freeCourses }, "tracu-long-lists-");
});
afterAll(() => t.cleanup());

describe("a long list of openings", () => {
  it("should name every company hiring when there are a few more than shown in full", async () => {
    const a = await t.engine.answer({ text: "xa dai an co nhung cong ty nao dang tuyen", userKey: "list-1" });
    for (let i = 1; i <= 8; i++) expect(a.answer).toContain(`Công ty TNHH Thử Nghiệm Số ${i}`);
  });

  it("should count the openings past fifteen", async () => {
    const a = await t.engine.answer({ text: "xa long hiep co cho nao tuyen ko", userKey: "list-2" });
    expect(a.answer).toContain("(và 2 chỗ tuyển khác)");
  });

  it("should name every free course when there are a few more than shown in full", async () => {
    const a = await t.engine.answer({ text: "những khóa nào được miễn học phí", userKey: "list-3" });
    for (let i = 1; i <= 8; i++) expect(a.answer).toContain(`Trung tâm Thử Nghiệm Số ${i}`);
  });
});

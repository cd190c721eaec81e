/**
 * A position named whole whose rows have closed (issue 10, thirteenth round), the real engine over
 * sheets written here:
 * - "thợ hàn ở Định An yêu cầu gì" when the "Thợ hàn" row has closed and only "Phụ hàn" of the same
 *   trade is open: the "Thợ hàn" row is shown, said to be closed, and the open row follows, labelled
 *   as another position of the trade; never the "Phụ hàn" row alone as if it were the one asked;
 * - "thợ tiện ở khu kinh tế Định An còn nộp được không": the rows retrieval found for the label
 *   answer, said to be closed, not a passage about the economic zone that never names the position.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  const jobs = [
    "Công ty CP Cơ khí Thử Nghiệm Định An,Thợ hàn,12,\"8,5 triệu\",12 triệu,Khu kinh tế Định An (Xã Đại An),Có chứng chỉ sơ cấp nghề hàn trở lên,10/11/2026,Phòng tổ chức",
    "Công ty CP Cơ khí Thử Nghiệm Định An,Phụ hàn,10,250.000đ/ngày,300.000đ/ngày,Khu kinh tế Định An (Xã Đại An),\"Nam từ 18 tuổi, không cần kinh nghiệm\",30/11/2026,Phòng tổ chức",
    "Công ty CP Cơ khí Thử Nghiệm Định An,Thợ tiện,3,8tr,11tr,Khu kinh tế Định An (Xã Đại An),Tốt nghiệp trung cấp cắt gọt kim loại,15/11/2026,Phòng tổ chức",
    "Công ty TNHH May Thử Nghiệm Sao Mai,Công nhân may công nghiệp,60,7.000.000,9.500.000,Xã Trà Cú,Từ 18 đến 40 tuổi,15/12/2026,Phòng nhân sự",
  ];
  const courses = ["Trung tâm GDNN Thử Nghiệm Trà Cú,Hàn điện,Sơ cấp,3 tháng,3.000.000,Không,Từ 18 tuổi,Xã Đại An,01/12/2026,Phòng tuyển sinh"];
  t = await buildKnowledgeWithSheets({ jobs, courses, demand: [] }, "tracu-closed-named-");
});
afterAll(() => t.cleanup());

describe("a position named whole whose rows have closed", () => {
  it("should show the closed 'Thợ hàn' row with its requirement, then the open 'Phụ hàn' as another position of the trade", async () => {
    const a = await t.engine.answer({ text: "thợ hàn ở Định An yêu cầu gì" });
    expect(a.answered).toBe(true);
    const [closedPart, openPart] = a.answer.split("Chỗ tuyển cùng nghề còn hạn:");
    expect(closedPart).toContain("Thợ hàn");
    expect(closedPart).toContain("đã hết hạn");
    expect(closedPart).toContain("chứng chỉ sơ cấp nghề hàn");
    expect(closedPart).not.toContain("Phụ hàn");
    expect(openPart).toContain("Phụ hàn");
  });

  it("should list the open row alone, with no closed lead, when the position named is open", async () => {
    const a = await t.engine.answer({ text: "phụ hàn ở Định An yêu cầu gì" });
    expect(a.answer).toContain("Phụ hàn");
    expect(a.answer).not.toContain("đã hết hạn");
    expect(a.answer).not.toContain("Chỗ tuyển cùng nghề còn hạn");
  });

  it("should answer 'thợ tiện ở khu kinh tế Định An còn nộp được không' with the closed row, not the passage about the zone", async () => {
    const a = await t.engine.answer({ text: "tho tien o khu kinh te dinh an con nop dc ko" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Thợ tiện");
    expect(a.answer).toContain("15/11/2026");
    expect(a.answer).toContain("đã hết hạn");
    expect(a.answer).not.toContain("39.020");
  });

  it("should answer 'thợ tiện ở Đại An còn nộp được không' the same way, not 'none'", async () => {
    const a = await t.engine.answer({ text: "tho tien o dai an con nop dc ko" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Thợ tiện");
    expect(a.answer).toContain("đã hết hạn");
  });

  it("should count a column asked of the closed position ('thợ tiện cần bằng gì') as answered", async () => {
    const a = await t.engine.answer({ text: "tho tien can bang gi" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("cắt gọt kim loại");
    expect(a.answer).toContain("đã hết hạn");
  });

  it("should count 'thợ tiện còn tuyển không' as answered by the closed row (knowledge/slots.yaml of_position)", async () => {
    const a = await t.engine.answer({ text: "tho tien con tuyen khong" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Thợ tiện");
    expect(a.answer).toContain("đã hết hạn");
  });
});

/**
 * A question about what the knowledge itself says it does not hold (issue 10, seventh round): a
 * curated answer lists what is known, then "vay vốn để đi học chưa có trong dữ liệu". When the
 * question asks for that part, the honest reply is still sent (what is known, where to ask) but
 * it counts as unanswered; when it asks for the known part, it stays an answer. The real engine
 * over the shipped knowledge.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gapSubject } from "../../src/answering/extractive-answerer.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  // The gap rules are under test, not the learned answer check (the-answer-check.test.ts): it is off.
  t = await buildTestKnowledge({ ANSWER_CHECK_THRESHOLD: "0" }, { labour: false });
});
afterAll(() => t.cleanup());

describe("the part a gap sentence names", () => {
  it("should be the words before 'chưa có trong dữ liệu' in their own clause", () => {
    expect(gapSubject("Học bổng của từng trường và vay vốn để đi học chưa có trong dữ liệu của mình; phòng công tác học sinh có thể hướng dẫn.")).toBe(
      "Học bổng của từng trường và vay vốn để đi học",
    );
    expect(gapSubject("Trong giai đoạn 2021–2025 (đã kết thúc), chương trình cho giai đoạn tiếp theo chưa có trong dữ liệu.")).toBe("chương trình cho giai đoạn tiếp theo");
    // A comma inside brackets does not end the clause.
    expect(gapSubject("Các hỗ trợ khác cho trẻ khuyết tật (học hòa nhập, trường chuyên biệt) chưa có trong dữ liệu của mình.")).toBe(
      "Các hỗ trợ khác cho trẻ khuyết tật (học hòa nhập, trường chuyên biệt)",
    );
    expect(gapSubject("Miễn học phí không bao gồm tiền ăn.")).toBeUndefined();
  });

  it("should read the other ways the knowledge says it does not know, on either side of the marker", () => {
    expect(gapSubject("Chưa xác minh được xã nào hiện là xã đặc biệt khó khăn, vì vậy cần hỏi nhà trường.")).toBe("xã nào hiện là xã đặc biệt khó khăn");
    expect(gapSubject("Mức sàn là 4.140.000 đồng; mình chưa rõ các xã thuộc Trà Cú cũ áp dụng vùng III hay vùng IV.")).toBe("các xã thuộc Trà Cú cũ áp dụng vùng III hay vùng IV");
    expect(gapSubject("Thu nhập bình quân riêng của vùng Đồng bằng sông Cửu Long chưa xác minh được.")).toBe("Thu nhập bình quân riêng của vùng Đồng bằng sông Cửu Long");
    // An uncertainty in brackets is about the bracket only.
    expect(gapSubject("Dự thảo này (mình chưa rõ đã được ban hành hay chưa) đề xuất ít nhất 20% người học.")).toBe("đã được ban hành hay chưa");
  });
});

describe("a question about what the knowledge does not hold", () => {
  it("should send the honest reply but count 'vay vốn đi học được bao nhiêu' as unanswered", async () => {
    const a = await t.engine.answer({ text: "vay vốn đi học đại học được bao nhiêu tiền", userKey: "gap-loan" });
    expect(a.answer).toContain("vay vốn để đi học chưa có trong dữ liệu");
    expect(a.answered).toBe(false);
  });

  it("should keep 'học sinh nghèo có học bổng không' answered: the known part of the same reply answers it", async () => {
    const a = await t.engine.answer({ text: "học sinh nghèo có học bổng không", userKey: "gap-scholarship" });
    expect(a.answer).toContain("học bổng chính sách");
    expect(a.answered).toBe(true);
  });

  it("should count 'xã mình thuộc vùng nào' as unanswered: the reply says which region applies is not known", async () => {
    const a = await t.engine.answer({ text: "xã mình thuộc vùng lương tối thiểu nào", userKey: "gap-region" });
    expect(a.answer).toContain("chưa rõ các xã thuộc Trà Cú cũ áp dụng vùng III hay vùng IV");
    expect(a.answered).toBe(false);
  });

  it("should keep 'lương tối thiểu ở Long Hiệp bao nhiêu' answered: the amounts asked for stand beside the uncertainty", async () => {
    const a = await t.engine.answer({ text: "lương tối thiểu ở xã Long Hiệp bao nhiêu", userKey: "gap-region-amount" });
    expect(a.answer).toContain("4.140.000");
    expect(a.answered).toBe(true);
  });

  it("should count 'QĐ 46 giờ đã tăng lên bao nhiêu' as unanswered: the passage gives the 2015 level and says it may have changed", async () => {
    const a = await t.engine.answer({ text: "hỗ trợ học nghề theo quyết định 46 bây giờ tăng lên mức mới bao nhiêu rồi", userKey: "gap-update" });
    expect(a.answer).toContain("có thể đã được điều chỉnh");
    expect(a.answered).toBe(false);
  });

  it("should keep the 2015 level answered when no change is asked", async () => {
    const a = await t.engine.answer({ text: "hỗ trợ học nghề ngắn hạn cho người khuyết tật tối đa bao nhiêu", userKey: "gap-update-2" });
    expect(a.answer).toContain("6 triệu");
    expect(a.answered).toBe(true);
  });

  it("should read 'đợt sau' as the next round the knowledge says it has no date for", async () => {
    await t.engine.answer({ text: "khi nao dang ky thi eps", userKey: "gap-next-round" });
    const a = await t.engine.answer({ text: "dot sau khi nao", userKey: "gap-next-round" });
    expect(a.answer).toContain("đợt tiếp theo chưa có trong dữ liệu");
    expect(a.answered).toBe(false);
  });

  it("should keep an answer whose gap sentence first says what is known ('giai đoạn 2021–2025 …; chương trình cho giai đoạn tiếp theo chưa có')", async () => {
    const a = await t.engine.answer({ text: "chương trình giảm nghèo theo quyết định 90 hỗ trợ đi làm nước ngoài trong giai đoạn nào", userKey: "gap-period" });
    expect(a.answer).toContain("2021–2025");
    expect(a.answered).toBe(true);
  });

  it("should read 'các văn bản này' as the documents the reply names, so 'căn cứ văn bản nào' stays answered", async () => {
    const a = await t.engine.answer({ text: "kế hoạch căn cứ vào văn bản nào", userKey: "gap-pointed" });
    expect(a.answer).toContain("26-CT/TU");
    expect(a.answered).toBe(true);
  });
});

/**
 * One person's own application or result (issue 10, seventh round): "hồ sơ con tôi nộp tuần trước
 * đậu chưa" is about papers no sheet or document holds. The bot says it cannot see anyone's file
 * and where to ask, unanswered and without a source, instead of listing the company's openings.
 * Questions about applying in general are still answered. The real engine over the shipped
 * knowledge and the test sheets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repliesVi } from "../../src/messages-vi.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildTestKnowledge();
});
afterAll(() => t.cleanup());

describe("a question about one's own application or result", () => {
  it.each([
    ["ho so con toi nop vo cong ty may tuan truoc dau chua ad"],
    ["Đơn xin việc của em gửi hôm thứ hai đã được duyệt chưa?"],
    ["kết quả thi tiếng Hàn của con tôi có chưa"],
    ["hồ sơ của cháu tới đâu rồi"],
  ])("should say it cannot see anyone's file, unanswered and without a source: %s", async (text) => {
    const a = await t.engine.answer({ text, userKey: `own-${text}` });
    expect(a.answer).toBe(repliesVi.ownCase);
    expect(a.answered).toBe(false);
    expect(a.sources).toEqual([]);
  });

  it.each([["nộp hồ sơ xin việc cần những giấy tờ gì"], ["ho so dang ky di han eps gom nhung gi"], ["hạn nộp hồ sơ công ty may khi nào"]])(
    "should still answer a question about applying in general: %s",
    async (text) => {
      const a = await t.engine.answer({ text, userKey: `general-${text}` });
      expect(a.answer).not.toBe(repliesVi.ownCase);
    },
  );
});

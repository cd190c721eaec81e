/**
 * How things stand now, asked after the 2023 plan (issue 10, tenth round), with the real engine
 * over the real knowledge:
 * - a question about the present ("phòng đó giờ còn không", "giờ phòng đó hết rồi thì hỏi ai") reads
 *   what holds since 1/7/2025 before what the plan said, and is not answered with the plan again;
 * - a year carried from the earlier question on the plan is not asked of a question about now.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
let user = 0;

beforeAll(async () => {
  t = await buildTestKnowledge();
});
afterAll(() => t.cleanup());

/** The reply to `followUp`, asked right after `first` by the same user. */
async function after(first: string, followUp: string) {
  const userKey = `u-now-${user++}`;
  await t.engine.answer({ text: first, userKey });
  return t.engine.answer({ text: followUp, userKey });
}

describe("a question about now, after the 2023 plan", () => {
  it("should say the office is gone since 1/7/2025 for 'phòng đó giờ còn không'", async () => {
    const a = await after("Theo kế hoạch 4993 thì ai chủ trì triển khai vậy", "phòng đó giờ còn không");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("1/7/2025");
    expect(a.answer).toContain("không còn");
    expect(a.answer).not.toMatch(/vừa trả lời/);
  });

  it("should say whom to ask now for 'giờ phòng đó hết rồi thì người dân hỏi ai'", async () => {
    const a = await after("Phong LDTBXH huyen duoc giao viec gi trong ke hoach 2023", "gio phong do het roi thi nguoi dan hoi ai");
    expect(a.answer).toContain("không còn từ ngày 1/7/2025");
    expect(a.answer).toContain("UBND xã");
  });

  it("should not ask the plan's year of 'bây giờ … thành mấy xã'", async () => {
    const a = await after("Theo kế hoạch năm 2023, UBND xã, thị trấn phải làm gì và báo cáo cho ai?", "bây giờ 17 xã thị trấn đó thành mấy xã");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("6 xã");
  });
});

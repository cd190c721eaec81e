/**
 * A support rule written for another group is a neighbour, not the answer (issue 10, eighteenth
 * round): "hộ cận nghèo vay ở đâu" is answered by the sentence on the near-poor (Quỹ quốc gia về
 * việc làm), not by the curated answer on poor households; a group no rule names gets no other
 * group's rule. The real engine over the shipped knowledge.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets({ jobs: [], courses: [], demand: [] }, "tracu-other-group-");
});
afterAll(() => t.cleanup());

describe("a rule for another group", () => {
  it("should answer the near-poor's loan question with the near-poor's rule", async () => {
    const a = await t.engine.answer({ text: "hộ cận nghèo đi xuất khẩu lao động vay ở đâu" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Quỹ quốc gia về việc làm");
    expect(a.answer).not.toMatch(/^Có, người lao động thuộc hộ nghèo/);
  });

  it("should still answer poor households from their own rule", async () => {
    const a = await t.engine.answer({ text: "hộ nghèo đi xuất khẩu lao động vay ở đâu" });
    expect(a.answer).toContain("Ngân hàng Chính sách xã hội");
  });

  it("should not give poor households' rule to a group no loan rule names", async () => {
    const a = await t.engine.answer({ text: "con tôi khuyết tật đi xkld được vay ko" });
    expect(a.answer).not.toContain("hộ bị thu hồi đất nông nghiệp");
  });
});

/**
 * Who the asker is, said after a question (issue 10, eighth round): "em là người Khmer", "nhà em
 * thuộc hộ nghèo" add a group to the earlier question rather than start a new one, and a value
 * asked with nothing named ("vay được tối đa bao nhiêu") follows the earlier question too. The real
 * engine over the shipped knowledge.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildTestKnowledge();
});
afterAll(() => t.cleanup());

describe("who the asker is, after a question", () => {
  it("should read 'nhà em thuộc hộ nghèo' as the group of the earlier support question", async () => {
    await t.engine.answer({ text: "em la nguoi khmer hoc so cap nghe duoc ho tro bn", userKey: "u-who-1" });
    const a = await t.engine.answer({ text: "nha e thuoc ho ngheo", userKey: "u-who-1" });
    expect(a.answer).toContain("4 triệu");
  });

  it("should not answer 'em là người Khmer' after a support question with the district's population", async () => {
    await t.engine.answer({ text: "hoc nghe ngan han 3 thang dc ho tro bao nhieu", userKey: "u-who-2" });
    const a = await t.engine.answer({ text: "e la nguoi khmer", userKey: "u-who-2" });
    expect(a.answer).not.toContain("147.419");
  });

  it("should still answer a question about the group asked after a support question ('người Khmer ở Trà Cú có bao nhiêu người')", async () => {
    await t.engine.answer({ text: "hoc nghe ngan han 3 thang dc ho tro bao nhieu", userKey: "u-who-3" });
    const a = await t.engine.answer({ text: "người Khmer ở Trà Cú có bao nhiêu người", userKey: "u-who-3" });
    expect(a.answer).toContain("93.152");
  });
});

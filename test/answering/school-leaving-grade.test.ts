/**
 * The school-leaving grade asked (issue 10, eighth round): "học xong lớp 12 thì có những hướng nào"
 * is answered by what grade-12 leavers do, not by the passage on failing the grade-10 entrance
 * exam, and the grade-9 questions keep theirs. The real engine over the shipped knowledge, and
 * `gradeClash` on texts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeClash } from "../../src/answering/candidate-fit.js";
import { analyzeQuestion } from "../../src/answering/question-analysis.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
let unchecked: TestKnowledge;

beforeAll(async () => {
  t = await buildTestKnowledge();
  unchecked = await buildTestKnowledge({ ANSWER_CHECK_THRESHOLD: "0" });
});
afterAll(() => {
  t.cleanup();
  unchecked.cleanup();
});

describe("the school-leaving grade asked", () => {
  it("should tell a text on the other grade from one on the grade asked", () => {
    const snapshot = t.knowledge.current();
    const twelve = analyzeQuestion("hoc xong lop 12 thi co nhung huong nao", snapshot);
    const nine = analyzeQuestion("hoc xong lop 9 thi hoc gi", snapshot);
    expect(gradeClash("Không đậu lớp 10 vẫn có nhiều hướng: học GDTX, học trung cấp nghề.", twelve)).toBe(true);
    expect(gradeClash("Học sinh tốt nghiệp THPT có thể học đại học, cao đẳng.", twelve)).toBe(false);
    expect(gradeClash("Phân luồng là tự nguyện.", twelve)).toBe(false);
    expect(gradeClash("Không đậu lớp 10 vẫn có nhiều hướng.", nine)).toBe(false);
    expect(gradeClash("Học sinh tốt nghiệp lớp 12 có thể học đại học.", nine)).toBe(true);
  });

  it("should answer 'học xong lớp 12 thì có những hướng nào' with what grade-12 leavers do", async () => {
    const a = await t.engine.answer({ text: "hoc xong lop 12 thi co nhung huong nao" });
    expect(a.answer).toContain("đại học");
    expect(a.answer).not.toContain("Không đậu lớp 10");
  });

  it("should still answer 'không đậu lớp 10 thì sao' with the grade-9 paths", async () => {
    // Asked with the answer check off: this names what the grade rule finds; at the check's threshold
    // (0.65 since December 2026) this short form (p 0.57) is withheld as not sure.
    const a = await unchecked.engine.answer({ text: "khong dau lop 10 thi sao" });
    expect(a.answer).toContain("Không đậu lớp 10");
  });
});

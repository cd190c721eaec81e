/**
 * A document asked by its number (issue 10, seventh round): "Kế hoạch 02/KH-UBND thực hiện chỉ thị
 * nào" is answered by the clause of the plan that is about that document, not by a summary that
 * names it in a list; a document of another kind with the same number ("Quyết định 90/QĐ-TTg" for
 * "Kế hoạch 90/KH-UBND") is not taken for it. The real engine over the shipped knowledge.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildTestKnowledge({}, { labour: false });
});
afterAll(() => t.cleanup());

describe("a document asked by its number", () => {
  it("should answer from the clause about the document: its date and the directive it carries out", async () => {
    const a = await t.engine.answer({ text: "ke hoach 02/KH-UBND ngay may, de thuc hien chi thi nao", userKey: "doc-02" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("18/01/2022");
    expect(a.answer).toContain("08-CT/TU");
  });

  it("should not take a decision with the same number for the plan asked", async () => {
    const a = await t.engine.answer({ text: "kế hoạch 90/KH-UBND của tỉnh ban hành ngày nào", userKey: "doc-90" });
    expect(a.answer).toContain("13/10/2021");
    expect(a.answer).not.toContain("90/QĐ-TTg");
  });
});

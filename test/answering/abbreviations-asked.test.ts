/**
 * "XKLĐ là viết tắt gì" (issue 10, twelfth round): what an abbreviation stands for comes from the
 * synonym groups staff keep, grounded in a document that writes the long form (its source); an
 * abbreviation no group spells out is answered by a document sentence defining it; the rest of a
 * message is still answered. The real engine over the shipped knowledge.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildTestKnowledge({}, { labour: false });
});
afterAll(() => t.cleanup());

describe("abbreviations asked", () => {
  it("should spell out each abbreviation asked, with a source", async () => {
    const a = await t.engine.answer({ text: "THCS với THPT là viết tắt gì ạ" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain('là viết tắt của "trung học cơ sở"');
    expect(a.answer).toContain('là viết tắt của "trung học phổ thông"');
    expect(a.sources.length).toBeGreaterThan(0);
    expect(a.answer).toContain("Nguồn:");
  });

  it("should read a token written with signs ('LĐ-TB&XH') and skip the connector 'và' of its long form", async () => {
    const a = await t.engine.answer({ text: "LĐ-TB&XH là viết tắt của gì ạ" });
    expect(a.answer).toContain('"Lao động Thương binh và Xã hội"');
  });

  it("should answer the rest of the message too: 'XKLĐ là viết tắt gì, đi XKLĐ phải đủ mấy tuổi'", async () => {
    const a = await t.engine.answer({ text: "XKLĐ là viết tắt gì, đi XKLĐ phải đủ mấy tuổi" });
    expect(a.answer).toContain('"xuất khẩu lao động"');
    expect(a.answer).toContain("18 tuổi");
  });

  it("should answer with the defining sentence when no long form spells the letters ('EPS')", async () => {
    const a = await t.engine.answer({ text: "EPS là gì vậy ad, nghe hoài mà ko biết là viết tắt của cái gì" });
    expect(a.answered).toBe(true);
    expect(a.answer).toMatch(/^EPS là chương trình cấp phép việc làm/);
  });

  it("should leave an abbreviation the knowledge does not hold to the rest of the engine", async () => {
    const a = await t.engine.answer({ text: "BHTN là viết tắt của gì" });
    expect(a.answer).not.toContain("BHTN là viết tắt của");
  });
});

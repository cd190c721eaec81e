/**
 * The communes of former Trà Cú asked in context (issue 10, eighth round), the real engine over the
 * shipped knowledge: "gồm những xã nào" after "Trà Cú giờ còn là huyện không" lists the six
 * communes; "xã Trà Cú gồm những xã cũ nào" asks the one commune of that name; a list of communes
 * asked after a question on something else ("những xã nào có lớp may") is not the commune list.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildTestKnowledge();
});
afterAll(() => t.cleanup());

describe("communes of former Trà Cú", () => {
  it("should list the six communes for 'gồm những xã nào' after 'Trà Cú giờ còn là huyện không'", async () => {
    await t.engine.answer({ text: "Tra Cu gio con la huyen ko", userKey: "u-communes-1" });
    const a = await t.engine.answer({ text: "gồm những xã nào", userKey: "u-communes-1" });
    for (const commune of ["Xã Đại An", "Xã Lưu Nghiệp Anh", "Xã Hàm Giang", "Xã Long Hiệp", "Xã Tập Sơn"]) expect(a.answer).toContain(commune);
  });

  it("should read 'giờ gồm những xã nào' against the district asked just before, follow-up or not", async () => {
    await t.engine.answer({ text: "Trà Cú giờ còn là huyện không, nghe nói nhập tỉnh rồi", userKey: "u-communes-3" });
    const a = await t.engine.answer({ text: "giờ gồm những xã nào", userKey: "u-communes-3" });
    expect(a.answer).toContain("Xã Hàm Giang");
    expect(a.answer).toContain("Xã Tập Sơn");
  });

  it("should answer the one commune for 'xã Trà Cú gồm những xã cũ nào'", async () => {
    const a = await t.engine.answer({ text: "xa tra cu gom nhung xa cu nao" });
    expect(a.answer).toContain("Ngãi Xuyên");
    expect(a.answer).toContain("Thanh Sơn");
    expect(a.answer).not.toContain("Xã Tập Sơn");
  });

  it("should not give the commune list for 'những xã nào có lớp may' after a question on training", async () => {
    await t.engine.answer({ text: "học nghề ở Trà Cú có những lớp gì", userKey: "u-communes-2" });
    const a = await t.engine.answer({ text: "những xã nào có lớp may", userKey: "u-communes-2" });
    expect(a.answer).not.toContain("17 xã, thị trấn");
  });
});

describe("a message that names a commune but asks something else", () => {
  it("should not answer which commune an old one became when the message says it and asks a wage", async () => {
    const a = await t.engine.answer({ text: "nhà tui ở xã Ngọc Biên cũ giờ là xã Long Hiệp đó, gần nhà có chỗ tuyển thợ may không, lương bao nhiêu", userKey: "u-states-mapping" });
    expect(a.answer).not.toContain("(cũ) nay thuộc");
  });

  it("should still check a mapping the message states when it asks so", async () => {
    const a = await t.engine.answer({ text: "xã Ngọc Biên cũ giờ là xã Long Hiệp phải không", userKey: "u-checks-mapping" });
    expect(a.answer).toContain("nay thuộc Xã Long Hiệp");
  });

  it("should not answer the mapping for who leads a commune or which communes are of a kind", async () => {
    for (const text of ["Chủ tịch xã Hàm Giang bây giờ là ai vậy?", "xa nao o tra cu cu la xa dac biet kho khan"]) {
      const a = await t.engine.answer({ text, userKey: `u-property-${text}` });
      expect(a.answer).not.toContain("(cũ) nay thuộc");
    }
  });

  it("should still answer 'Ngọc Biên nay thuộc xã nào' and an old address moved to the new commune", async () => {
    const a = await t.engine.answer({ text: "Ngọc Biên nay thuộc xã nào", userKey: "u-mapping-1" });
    expect(a.answer).toContain("nay thuộc Xã Long Hiệp");
    const b = await t.engine.answer({ text: "danh sách lớp 9 có em ghi địa chỉ cũ là Hàm Tân, giờ đổi qua xã mới thì ghi sao", userKey: "u-mapping-2" });
    expect(b.answer).toContain("Xã Hàm Giang");
  });
});

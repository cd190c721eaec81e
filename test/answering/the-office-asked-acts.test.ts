/**
 * The office asked about acts (issue 10, thirteenth round), the real engine over the real knowledge:
 * "Kế hoạch giao Phòng GD&ĐT làm gì" and "Phòng LĐTBXH được giao những gì" are answered with that
 * office's own task, not with a sentence naming it only as a partner ("Trưởng phòng Nội vụ phối
 * hợp với Phòng … LĐTBXH") or an addressee ("báo cáo kết quả về Phòng GD&ĐT"). An abbreviated
 * office ("phòng LĐTBXH") also brings the word pairs of its name spelled out to retrieval.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { namesAskedOfficeOnlyAsPartner, officesAsked } from "../../src/answering/candidate-fit.js";
import { analyze } from "../../src/knowledge/analyzer.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildTestKnowledge();
});
afterAll(() => t.cleanup());

describe("an office named only as a partner or an addressee", () => {
  it("should tell a partner or an addressee from the office that acts", () => {
    const lexicon = t.knowledge.current().lexicon;
    const asked = "phong ldtbxh duoc giao nhiem vu gi";
    expect(namesAskedOfficeOnlyAsPartner("Phối hợp với Phòng Giáo dục và Đào tạo, Phòng Lao động - Thương binh và Xã hội triển khai kế hoạch.", officesAsked(asked, lexicon), lexicon)).toBe(true);
    expect(namesAskedOfficeOnlyAsPartner("Trưởng phòng Lao động - Thương binh và Xã hội huyện triển khai hoạt động hướng nghiệp.", officesAsked(asked, lexicon), lexicon)).toBe(false);
    expect(namesAskedOfficeOnlyAsPartner("Hằng năm báo cáo kết quả về Phòng Giáo dục và Đào tạo huyện.", officesAsked("ke hoach giao phong gd dt lam gi", lexicon), lexicon)).toBe(true);
    // A sentence about another office that never names the one asked is judged by the other checks.
    expect(namesAskedOfficeOnlyAsPartner("Trưởng phòng Tài chính - Kế hoạch tham mưu bố trí kinh phí.", officesAsked(asked, lexicon), lexicon)).toBe(false);
    // Asked as a partner itself ("ai phối hợp với phòng LĐTBXH"), nothing is held against the sentence.
    expect(namesAskedOfficeOnlyAsPartner("Phối hợp với Phòng Lao động - Thương binh và Xã hội triển khai kế hoạch.", officesAsked("ai phoi hop voi phong ldtbxh", lexicon), lexicon)).toBe(false);
  });

  it("should answer 'Phòng LĐTBXH huyện trong kế hoạch được giao những gì' with that office's task", async () => {
    const a = await t.engine.answer({ text: "Phòng LĐTBXH huyện trong kế hoạch được giao những gì" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("thị trường lao động");
    expect(a.answer).not.toContain("Trưởng phòng Nội vụ");
  });

  it("should answer 'Kế hoạch 4993 giao phòng giáo dục huyện làm gì' with what it leads, not what the communes report to it", async () => {
    const a = await t.engine.answer({ text: "Kế hoạch 4993 giao phòng giáo dục huyện làm gì" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("chủ trì");
    expect(a.answer).not.toMatch(/Chủ tịch UBND các xã/);
  });
});

describe("an abbreviated office in a message", () => {
  it("should add the word pairs of the name spelled out after 'phòng', and nothing for other abbreviations", () => {
    const lexicon = t.knowledge.current().lexicon;
    const office = analyze("phòng LĐTBXH làm gì", lexicon, { query: true }).terms;
    expect(office).toContain("thuong_binh");
    expect(office).toContain("xa_hoi");
    const grade = analyze("học xong THCS làm gì", lexicon, { query: true }).terms;
    expect(grade).not.toContain("trung_hoc");
  });
});

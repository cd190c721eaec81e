import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeQuestion, renderAnalysis, withPrevious } from "../../src/answering/question-analysis.js";
import { crossValidateQuestionModels, trainQuestionModels } from "../../src/knowledge/question-bank.js";
import { NaiveBayes } from "../../src/knowledge/text-classifier.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
});
afterAll(() => t.cleanup());

const analyse = (text: string) => analyzeQuestion(text, t.knowledge.current());

describe("question analysis: act and wanted value, learned from the question bank", () => {
  // Phrasings written for this test, not in knowledge/question-bank/.
  it.each([
    ["phí học lớp điện dân dụng hết mấy triệu vậy ad", "amount"],
    ["bao gio thi khoa may bat dau hoc", "date"],
    ["hoc nghe han ton may thang moi xong", "duration"],
    ["ai phụ trách việc báo cáo kết quả phân luồng hằng năm", "who"],
    ["muốn đi Hàn diện EPS thì nộp hồ sơ ra sao", "how_to_apply"],
  ])("should read %s as asking for %s", (text, wanted) => {
    expect(analyse(text).wanted).toBe(wanted);
  });

  it.each([
    ["con tôi có bắt buộc phải học nghề sau lớp 9 không", "yes_no"],
    ["ngành nào trả lương cao nhất hiện nay", "comparison"],
    ["vậy còn học phí thì thế nào", "follow_up"],
  ])("should read %s as a %s", (text, act) => {
    expect(analyse(text).act).toBe(act);
  });

  it("should know nothing without a question bank (the labels come from the examples, not from rules)", () => {
    const snapshot = t.knowledge.current();
    const empty = { ...snapshot, questionModels: trainQuestionModels([], snapshot.lexicon) };
    // No unit word next to a question word here ("bao nhiêu tiền" would say "amount" from the word lists).
    const a = analyzeQuestion("khoa han to chuc o xa nao", empty);
    expect(a.wanted).toBe("none");
    expect(analyzeQuestion("khoa han to chuc o xa nao", snapshot).wanted).toBe("where");
  });

  it("should cross-validate each classifier well above chance", () => {
    const snapshot = t.knowledge.current();
    const cv = crossValidateQuestionModels(snapshot.questionBank, snapshot.lexicon);
    expect(cv.act.n).toBeGreaterThanOrEqual(300);
    // Chance is one in 7 acts, 12 wanted values, 9 topics.
    expect(cv.act.accuracy).toBeGreaterThan(0.5);
    expect(cv.wanted.accuracy).toBeGreaterThan(0.4);
    expect(cv.topic.accuracy).toBeGreaterThan(0.5);
  });
});

describe("question analysis: a message that continues the previous one", () => {
  it.each([
    ["Còn học phí thì sao?", true],
    ["con hoc phi thi sao ad", true],
    ["vậy học ở đâu", true],
    // "Con" (child) folds like "Còn": the spelling, or the words after it, tell them apart.
    ["Con tôi người Khmer, nhà cận nghèo, học cao đẳng nghề có được miễn học phí không?", false],
    ["con toi hoc xong lop 9 roi thi hoc nghe gi", false],
    ["Con gái tôi muốn học may", false],
  ])("should read %s as continuing: %s", (text, continues) => {
    expect(analyse(text).continues).toBe(continues);
  });
});

describe("question analysis: the clauses that ask", () => {
  it.each([
    // A clause that only tells why is left out; "không" ends the asking clause.
    ["Có chỗ nào tuyển làm ca đêm không, ban ngày tui phải đưa đón con", "co cho nao tuyen lam ca dem khong"],
    // "không" inside a clause negates: "em ko hiểu" tells.
    ["phân luồng là gì vậy, cô nói hoài mà em ko hiểu", "phan luong la gi vay"],
    // A clause followed by "?" asks whatever its words.
    ["Nhà tui ở Tập Sơn. Con tui học xong lớp 9 rồi thì học tiếp ở đâu?", "con tui hoc xong lop 9 roi thi hoc tiep o dau"],
  ])("should read the asking part of %s", (text, asking) => {
    expect(analyse(text).asking).toBe(asking);
  });

  it.each([
    "Học nghề ở đâu?",
    // Every clause asks: the whole message is what is asked.
    "Học mấy tháng, học phí bao nhiêu?",
    // No clause asks in words: nothing is left out.
    "em muốn học may, nhà ở Trà Cú",
  ])("should leave %s whole", (text) => {
    expect(analyse(text).asking).toBeUndefined();
  });
});

describe("question analysis: slots from the word lists", () => {
  it("should find country, audience, age and a parent asking", () => {
    const a = analyse("con toi 19 tuoi nguoi khmer muon sang Nhat lam viec");
    expect(a.slots.country.map((c) => c.id)).toEqual(["nhat_ban"]);
    expect(a.slots.audience.map((s) => s.id)).toEqual(expect.arrayContaining(["khmer", "dtts"]));
    expect(a.slots.age).toBe(19);
    expect(a.parent).toBe(true);
  });

  it("should read 'ở Hàn' typed without diacritics as the country", async () => {
    const a = analyse("luong toi thieu o han 2026 bn");
    expect(a.slots.country.map((c) => c.id)).toEqual(["han_quoc"]);
    const reply = await t.engine.answer({ text: "luong toi thieu o han 2026 bn" });
    expect(reply.answer).toContain("won");
  });

  it("should read a country named alone in a follow-up ('thế còn Nhật') and not repeat the Korean figures", async () => {
    expect(analyse("the con Nhat").slots.country.map((c) => c.id)).toEqual(["nhat_ban"]);
    await t.engine.answer({ text: "di Han EPS nam 2026 tuyen bao nhieu nguoi", userKey: "country-alone" });
    const a = await t.engine.answer({ text: "the con Nhat", userKey: "country-alone" });
    expect(a.answer).not.toContain("4.200");
    expect(a.answered).toBe(false);
  });

  it("should name a trade as people say it, a level, a grade and a year", () => {
    const a = analyse("học xong lớp 9 học trung cấp sửa xe máy năm 2027 được không");
    expect(a.slots.trade.map((s) => s.id)).toEqual(["sua_xe_may"]);
    expect(a.slots.level.map((s) => s.id)).toEqual(["trung_cap"]);
    expect(a.slots.grade).toBe(9);
    expect(a.slots.year).toBe(2027);
  });

  it("should map an old commune name to the new commune and find a company by its own words", () => {
    const a = analyse("cty may A o ngai xuyen con tuyen ko");
    expect(a.slots.commune).toEqual([{ name: "Xã Trà Cú", old: "Xã Ngãi Xuyên" }]);
    expect(a.slots.company).toEqual(["Công ty TNHH Thử Nghiệm May A"]);
  });

  it("should not take a place for a company", () => {
    expect(analyse("khu kinh te dinh an rong bao nhieu").slots.company).toEqual([]);
  });

  it("should read a condition and a negation", () => {
    const a = analyse("cho nao nhan nguoi chua co kinh nghiem");
    expect(a.slots.condition.map((c) => c.id)).toEqual(["no_experience"]);
    expect(a.negated).toBe(true);
  });

  it("should keep the earlier slots in a follow-up and take the new wanted value", () => {
    const first = analyse("học nghề hàn ở Đại An");
    const next = withPrevious(analyse("còn học phí thì sao?"), first.slots, first.wanted);
    expect(next.slots.trade.map((s) => s.id)).toEqual(["han"]);
    expect(next.carried).toContain("trade");
    expect(next.wanted).toBe("amount");
    expect(next.followUp).toBe(true);
  });

  it("should render the analysis as a block for the LLM without the message text", () => {
    const block = renderAnalysis(analyse("con tôi muốn học nghề hàn ở đâu"));
    expect(block).toContain("wanted: where");
    expect(block).toContain("trade: hàn");
    expect(block).toContain("asker: parent");
    expect(block).not.toContain("con tôi");
  });
});

describe("naive Bayes", () => {
  it("should learn labels from features and give probabilities that sum to one", () => {
    const model = NaiveBayes.train([
      { features: ["w:bao", "w:nhieu", "w:tien"], label: "amount" },
      { features: ["w:o", "w:dau"], label: "where" },
      { features: ["w:hoc", "w:phi", "w:bao", "w:nhieu"], label: "amount" },
      { features: ["w:truong", "w:o", "w:dau"], label: "where" },
    ]);
    const p = model.predict(["w:o", "w:dau", "w:hoc"]);
    expect(p.label).toBe("where");
    expect(p.ranked.reduce((s, r) => s + r.probability, 0)).toBeCloseTo(1, 6);
  });
});

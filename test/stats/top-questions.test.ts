import { describe, expect, it } from "vitest";
import { groupSimilarQuestions } from "../../src/stats/top-questions.js";

describe("grouping similar questions", () => {
  it("should join texts that differ only in case, diacritics and punctuation", () => {
    const groups = groupSimilarQuestions([
      { question: "Học nghề ở đâu?", count: 5 },
      { question: "hoc nghe o dau", count: 3 },
      { question: "HỌC NGHỀ Ở ĐÂU !!", count: 1 },
    ]);
    expect(groups).toEqual([{ example: "Học nghề ở đâu?", count: 9, variants: 3 }]);
  });

  it("should join near-duplicates (courtesy words, one word more) and keep different questions apart", () => {
    const groups = groupSimilarQuestions([
      { question: "Học phí trung cấp bao nhiêu?", count: 4 },
      { question: "cho em hỏi học phí trung cấp bao nhiêu ạ", count: 2 },
      { question: "học phí trường trung cấp bao nhiêu", count: 1 },
      { question: "Đi Hàn Quốc cần điều kiện gì?", count: 3 },
    ]);
    expect(groups).toEqual([
      { example: "Học phí trung cấp bao nhiêu?", count: 7, variants: 3 },
      { example: "Đi Hàn Quốc cần điều kiện gì?", count: 3, variants: 1 },
    ]);
  });

  it("should order groups by count and cut at the limit", () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ question: `câu hỏi khác nhau số ${i} về chủ đề ${i * 7}`, count: i + 1 }));
    const groups = groupSimilarQuestions(rows, { limit: 5, threshold: 0.95 });
    expect(groups.map((g) => g.count)).toEqual([30, 29, 28, 27, 26]);
  });

  it("should ignore texts that are only masks or punctuation", () => {
    expect(groupSimilarQuestions([{ question: "[số điện thoại] ???", count: 2 }])).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/knowledge/analyzer.js";
import { emptyLexicon, findCommunes, loadLexicon } from "../../src/knowledge/lexicon.js";
import { canonical, foldDiacritics, foldedKey, hasDiacritics, sentences, tonedSyllable } from "../../src/knowledge/vietnamese.js";
import { KNOWLEDGE_DIR } from "../helpers/test-knowledge.js";

describe("Vietnamese normalisation", () => {
  it("should fold diacritics and đ to the shadow form", () => {
    expect(foldDiacritics("Học nghề ở đâu? ĐẠI AN")).toBe("Hoc nghe o dau? DAI AN");
    expect(foldedKey("Trường Cao đẳng Nghề Trà Vinh")).toBe("truong cao dang nghe tra vinh");
  });

  it("should give one form for both tone-mark placements", () => {
    expect(tonedSyllable("hoà")).toBe(tonedSyllable("hòa"));
    expect(tonedSyllable("thuỷ")).toBe(tonedSyllable("thủy"));
    expect(tonedSyllable("khoẻ")).toBe(tonedSyllable("khỏe"));
    expect(tonedSyllable("hoà")).toBe("hoa2");
    // Shape marks stay: học and hóc are different words.
    expect(tonedSyllable("học")).not.toBe(tonedSyllable("hóc"));
  });

  it("should treat NFD input like NFC input", () => {
    const nfd = "Học nghề".normalize("NFD");
    expect(canonical(nfd)).toBe("học nghề");
    expect(analyze(nfd, emptyLexicon()).terms).toEqual(analyze("Học nghề", emptyLexicon()).terms);
  });

  it("should tell whether a text was typed with diacritics", () => {
    expect(hasDiacritics("hoc nghe o dau")).toBe(false);
    expect(hasDiacritics("học nghề")).toBe(true);
    expect(hasDiacritics("9+ la j v???")).toBe(false);
  });

  it("should index syllable bigrams so two-syllable words match as words", () => {
    const terms = analyze("học nghề ở đâu", emptyLexicon()).terms;
    expect(terms).toContain("hoc_nghe");
    expect(terms).toContain("nghe_o");
    expect(terms).toContain("~hoc5");
  });

  it("should let a question typed without diacritics share the shadow terms of the accented text", () => {
    const lexicon = emptyLexicon();
    const doc = new Set(analyze("Học nghề ở đâu", lexicon).terms);
    const query = analyze("hoc nghe o dau", lexicon, { query: true }).terms;
    expect(query.every((t) => doc.has(t))).toBe(true);
  });

  it("should expand teencode and abbreviations from the data files", () => {
    const lexicon = loadLexicon(KNOWLEDGE_DIR);
    const query = analyze("hoc xong ko dc thi lam j", lexicon, { query: true });
    expect(query.folded).toContain("khong");
    expect(query.folded).toContain("duoc");
    expect(query.folded).toContain("gi");
    const thcs = analyze("sau THCS", lexicon).concepts;
    expect(analyze("sau cap 2", lexicon, { query: true }).concepts).toEqual(expect.arrayContaining(thcs));
    expect(analyze("di XKLĐ", lexicon, { query: true }).concepts).toEqual(
      expect.arrayContaining(analyze("đi xuất khẩu lao động", lexicon).concepts),
    );
  });

  it("should read numbers typed glued to their unit: 17t (tuổi), 50tr (triệu), 300k (nghìn)", () => {
    const lexicon = emptyLexicon();
    expect(analyze("e 17t di xkld dc ko", lexicon, { query: true }).folded).toEqual(expect.arrayContaining(["17", "tuoi"]));
    expect(analyze("dua ho 50tr", lexicon, { query: true }).folded).toEqual(expect.arrayContaining(["50", "trieu"]));
    expect(analyze("phi 300k", lexicon, { query: true }).folded).toEqual(expect.arrayContaining(["300", "nghin"]));
    // A year or a plain number is left alone; only queries are expanded.
    expect(analyze("nam 2026", lexicon, { query: true }).folded).toEqual(["nam", "2026"]);
    expect(analyze("17t", lexicon).folded).toEqual(["17t"]);
  });

  it("should find new communes by their old names, with or without diacritics", () => {
    const lexicon = loadLexicon(KNOWLEDGE_DIR);
    expect(findCommunes(lexicon, "Nhà em ở xã Ngọc Biên").map((c) => c.commune.name)).toContain("Xã Long Hiệp");
    expect(findCommunes(lexicon, "nha em o ngoc bien").map((c) => c.commune.name)).toContain("Xã Long Hiệp");
    expect(findCommunes(lexicon, "o kim son").map((c) => c.commune.name)).toContain("Xã Hàm Giang");
  });

  it("should split sentences without breaking dates and document numbers", () => {
    const parts = sentences("Kế hoạch ban hành theo QĐ 4993/QĐ-UBND ngày 21/11/2023. Phòng GD&ĐT chủ trì. Xem mục IV.2.");
    expect(parts).toEqual(["Kế hoạch ban hành theo QĐ 4993/QĐ-UBND ngày 21/11/2023.", "Phòng GD&ĐT chủ trì.", "Xem mục IV.2."]);
  });
});

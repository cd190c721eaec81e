import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answering/answer.js";
import { loadLexicon } from "../../src/knowledge/lexicon.js";
import { communeFromText, recordFromAnswer } from "../../src/stats/record-from-answer.js";
import { KNOWLEDGE_DIR } from "../helpers/test-knowledge.js";

const answer: Answer = {
  answer: "…",
  answered: false,
  topic: "work_abroad",
  sources: [{ title: "Kế hoạch 2023", ref: "IV.2" }, { title: "Luật 69/2020/QH14" }],
  confidence: 0.42,
  answerer: "offline",
};

describe("building a query record from an answer", () => {
  it("should mask the question and copy what the Centre needs", () => {
    const at = new Date("2026-11-20T03:00:00Z");
    const record = recordFromAnswer({
      question: "Em ở Ngọc Biên, sđt 0912 345 678, mail a.b@gmail.com, cccd 084206001234",
      answer,
      channel: "zalo",
      userKey: "k",
      role: "parent",
      commune: "Xã Long Hiệp",
      latencyMs: 123.6,
      at,
    });
    expect(record).toMatchObject({
      at,
      channel: "zalo",
      userKey: "k",
      role: "parent",
      commune: "Xã Long Hiệp",
      topic: "work_abroad",
      answered: false,
      confidence: 0.42,
      sources: ["Kế hoạch 2023, IV.2", "Luật 69/2020/QH14"],
      answerer: "offline",
      latencyMs: 124,
      feedback: null,
      reviewed: false,
    });
    expect(record.question).toBe("Em ở Ngọc Biên, sđt [số điện thoại], mail [email], cccd [số giấy tờ]");
    expect(record.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("should default role to unknown and commune to null", () => {
    const record = recordFromAnswer({ question: "hello", answer, channel: "api", userKey: null, latencyMs: 5 });
    expect(record.role).toBe("unknown");
    expect(record.commune).toBeNull();
    expect(record.userKey).toBeNull();
  });
});

describe("commune named in a message", () => {
  const lexicon = loadLexicon(KNOWLEDGE_DIR);
  it.each([
    ["Học nghề ở xã Long Hiệp ở đâu?", "Xã Long Hiệp"],
    ["em o tap son", "Xã Tập Sơn"],
    // An old commune name counts for the new commune that replaced it.
    ["Em ở Ngọc Biên muốn học nghề", "Xã Long Hiệp"],
    ["nhà em ở thị trấn Định An", "Xã Đại An"],
  ])("should find the new commune in %s", (text, commune) => {
    expect(communeFromText(lexicon, text)).toBe(commune);
  });

  it.each(["Học nghề ở đâu?", "Long Hiệp hay Tập Sơn gần hơn?"])("should give null when none or several are named: %s", (text) => {
    expect(communeFromText(lexicon, text)).toBeNull();
  });

  // "Trà Cú" alone is the former district: most messages mean the whole area, not the new commune.
  it.each(["Học nghề ở Trà Cú ở đâu?", "tra cu co truong nghe khong", "Huyện Trà Cú có hỗ trợ học phí không?", "TRÀ CÚ"])(
    "should count no commune for the former district's name alone: %s",
    (text) => {
      expect(communeFromText(lexicon, text)).toBeNull();
    },
  );

  it.each([
    ["Em ở xã Trà Cú muốn học nghề", "Xã Trà Cú"],
    ["nha em o xa tra cu", "Xã Trà Cú"],
    ["thị trấn Trà Cú có lớp nghề không", "Xã Trà Cú"],
    // The district named beside a commune: the commune counts.
    ["Trà Cú, xã Long Hiệp có lớp may không", "Xã Long Hiệp"],
    ["em o Ngai Xuyen, Tra Cu", "Xã Trà Cú"],
  ])("should count Xã Trà Cú only when named as a commune (or by an old commune's name): %s", (text, commune) => {
    expect(communeFromText(lexicon, text)).toBe(commune);
  });

  it("should find the same commune for a question asked again, also after many others, and with a reloaded lexicon", () => {
    const texts = ["Em ở Ngọc Biên muốn học nghề", "Học nghề ở đâu?", "em o tap son, sdt 0912345678"];
    const first = texts.map((text) => communeFromText(lexicon, text));
    expect(first).toEqual(["Xã Long Hiệp", null, "Xã Tập Sơn"]);
    for (let i = 0; i < 1500; i++) communeFromText(lexicon, `câu ${i} ở xã Long Hiệp`);
    expect(texts.map((text) => communeFromText(lexicon, text))).toEqual(first);
    // A reindexed lexicon is asked afresh, with the same answers.
    const reloaded = loadLexicon(KNOWLEDGE_DIR);
    expect(texts.map((text) => communeFromText(reloaded, text))).toEqual(first);
  });
});

describe("the bot's reply in the record", () => {
  it("should keep the reply beside the question, masked like it", () => {
    const record = recordFromAnswer({
      question: "gọi 0912 345 678 được không",
      answer: { ...answer, answer: "Bạn gọi số 0912 345 678 mà bạn gửi nhé. Nguồn: Kế hoạch 2023" },
      channel: "web",
      userKey: null,
      latencyMs: 1,
    });
    expect(record.reply).toBe("Bạn gọi số [số điện thoại] mà bạn gửi nhé. Nguồn: Kế hoạch 2023");
    expect(record.flag).toBeNull();
  });

  it("should record the reply the user saw when it is not the answer's text", () => {
    const record = recordFromAnswer({ question: "q", answer, channel: "zalo", userKey: null, latencyMs: 1, reply: "Hệ thống trả lời chậm" });
    expect(record.reply).toBe("Hệ thống trả lời chậm");
  });
});

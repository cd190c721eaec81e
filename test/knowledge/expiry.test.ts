/**
 * Dated facts: a fact with `valid_until` is answered as upcoming only up to that day (Vietnam
 * time); from the day after, its `after_expiry` text says the window has passed and who to ask.
 * Checked through the real engine with an injected clock, on a small knowledge folder and on the
 * shipped EPS 2026 registration window.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEngine, createKnowledgeBase } from "../../src/compose.js";
import { loadConfig } from "../../src/config.js";
import { parseFaqEntries, parseMarkdownDocument } from "../../src/knowledge/documents.js";
import { isValidOn, validOn } from "../../src/knowledge/expiry.js";
import { buildTestKnowledge, ROOT, tempDir, type TestKnowledge } from "../helpers/test-knowledge.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function scratch(): string {
  const dir = tempDir("tracu-expiry-");
  dirs.push(dir);
  return dir;
}

const FAQ = `- id: faq-dang-ky-hoc-bong
  topic: tuition_and_support
  questions: [khi nào đăng ký học bổng khuyến học, hạn nộp hồ sơ học bổng khuyến học]
  answer: Hồ sơ học bổng khuyến học năm 2026 nhận từ ngày 1/6 đến ngày 15/6/2026 tại UBND xã.
  valid_until: 2026-06-15
  after_expiry: Đợt nhận hồ sơ học bổng khuyến học năm 2026 (1/6–15/6/2026) đã kết thúc; đợt sau hãy hỏi UBND xã.
  source:
    title: Thông báo thử
    url: https://example.vn/thong-bao-hoc-bong-2026.html
    as_of: 2026-05-20
`;

const DOC = `---
id: doc-lich-thi
title: Lịch thi thử
short_title: Lịch thi thử
kind: policy
topic: vocational_training_options
as_of: 2026-05-20
sources:
  - title: Thông báo thử
    url: https://example.vn/lich-thi-tay-nghe-2026.html
windows:
  - section: Đăng ký thi tay nghề
    valid_until: 2026-07-10
    after_expiry: Đợt đăng ký thi tay nghề năm 2026 (1/7–10/7/2026) đã kết thúc; lịch đợt sau hãy hỏi trường nghề.
---

## Thi tay nghề là gì

Thi tay nghề là kỳ kiểm tra kỹ năng nghề của học viên sau khóa học.

## Đăng ký thi tay nghề

Đăng ký thi tay nghề năm 2026 từ ngày 1/7 đến ngày 10/7/2026 tại phòng đào tạo của trường nghề.
`;

describe("dated facts in the loader", () => {
  it("should load an FAQ entry with a window as the answer up to that day and the after-expiry text from the day after", () => {
    const { chunks, windows } = parseFaqEntries(FAQ, "faq/faq.yaml");
    expect(chunks.map((c) => [c.id, c.validUntil, c.validFrom])).toEqual([
      ["faq#faq-dang-ky-hoc-bong", "2026-06-15", undefined],
      ["faq#faq-dang-ky-hoc-bong~expired", undefined, "2026-06-16"],
    ]);
    expect(chunks[1]!.faqQuestions).toEqual(chunks[0]!.faqQuestions);
    expect(windows).toEqual([{ name: "faq-dang-ky-hoc-bong", validUntil: "2026-06-15", afterExpiry: expect.stringContaining("đã kết thúc") }]);
  });

  it("should date only the section a document's window names", () => {
    const { chunks, unmatchedWindows } = parseMarkdownDocument(DOC, "policy/lich-thi.md");
    expect(unmatchedWindows).toEqual([]);
    const byRef = chunks.map((c) => [c.ref, c.validUntil, c.validFrom, c.text.slice(0, 24)]);
    expect(byRef).toEqual([
      ["Thi tay nghề là gì", undefined, undefined, "Thi tay nghề là kỳ kiểm "],
      ["Đăng ký thi tay nghề", "2026-07-10", undefined, "Đăng ký thi tay nghề năm"],
      ["Đăng ký thi tay nghề", undefined, "2026-07-11", "Đợt đăng ký thi tay nghề"],
    ]);
  });

  it("should count days in Vietnam time: 20:00 UTC on the last day is already the next day there", () => {
    const chunk = { validUntil: "2026-06-15" };
    expect(isValidOn(chunk, "2026-06-15")).toBe(true);
    expect(isValidOn(chunk, "2026-06-16")).toBe(false);
    expect(validOn(new Date("2026-06-15T16:59:00Z"))(chunk as never)).toBe(true);
    expect(validOn(new Date("2026-06-15T17:00:00Z"))(chunk as never)).toBe(false);
  });
});

describe("dated facts in answers (injected clock)", () => {
  async function engineOn(now: string) {
    const knowledge = scratch();
    fs.mkdirSync(path.join(knowledge, "faq"));
    fs.mkdirSync(path.join(knowledge, "policy"));
    fs.writeFileSync(path.join(knowledge, "faq/faq.yaml"), FAQ);
    fs.writeFileSync(path.join(knowledge, "policy/lich-thi.md"), DOC);
    fs.copyFileSync(path.join(ROOT, "knowledge/synonyms.yaml"), path.join(knowledge, "synonyms.yaml"));
    const config = loadConfig({ KNOWLEDGE_DIR: knowledge, DATA_DIR: scratch(), LOG_LEVEL: "silent" }, ROOT);
    const kb = createKnowledgeBase(config, { persist: false });
    await kb.load();
    return createEngine(config, kb, { now: () => new Date(now) });
  }

  it("should give an FAQ window as upcoming before it ends, and as passed with who to ask after", async () => {
    const before = await (await engineOn("2026-06-10T03:00:00Z")).answer({ text: "khi nào đăng ký học bổng khuyến học" });
    expect(before.answer).toContain("nhận từ ngày 1/6 đến ngày 15/6/2026");
    expect(before.answer).not.toContain("đã kết thúc");

    const after = await (await engineOn("2026-06-16T03:00:00Z")).answer({ text: "khi nào đăng ký học bổng khuyến học" });
    expect(after.answer).toContain("đã kết thúc; đợt sau hãy hỏi UBND xã");
    expect(after.answer).not.toContain("nhận từ ngày 1/6 đến ngày 15/6/2026 tại");
  });

  it("should give a document section's window as upcoming before it ends, and as passed after", async () => {
    const before = await (await engineOn("2026-07-10T10:00:00Z")).answer({ text: "đăng ký thi tay nghề khi nào" });
    expect(before.answer).toContain("từ ngày 1/7 đến ngày 10/7/2026 tại phòng đào tạo");
    expect(before.answer).not.toContain("đã kết thúc");

    const after = await (await engineOn("2026-07-11T10:00:00Z")).answer({ text: "đăng ký thi tay nghề khi nào" });
    expect(after.answer).toContain("đã kết thúc; lịch đợt sau hãy hỏi trường nghề");
    expect(after.answer).not.toContain("tại phòng đào tạo");
  });
});

describe("the shipped EPS 2026 registration window", () => {
  let test: TestKnowledge;
  beforeAll(async () => {
    test = await buildTestKnowledge({}, { labour: false });
  }, 120_000);
  afterAll(() => test.cleanup());

  const question = "khi nào đăng ký thi tiếng Hàn EPS";

  it("should give the registration days as upcoming in March 2026", async () => {
    const engine = createEngine(test.config, test.knowledge, { now: () => new Date("2026-03-20T03:00:00Z") });
    const answer = await engine.answer({ text: question });
    expect(answer.answer).toContain("đăng ký từ 23/3 đến 27/3/2026");
    expect(answer.answer).not.toContain("đã kết thúc");
  });

  it("should say the 2026 registration has passed and who announces the next one, after 27/3/2026", async () => {
    const engine = createEngine(test.config, test.knowledge, { now: () => new Date("2026-12-04T03:00:00Z") });
    const answer = await engine.answer({ text: question });
    expect(answer.answer).toMatch(/Đợt đăng ký năm 2026 \(từ 23\/3 đến 27\/3\/2026\) đã kết thúc/);
    expect(answer.answer).toContain("COLAB");
    expect(answer.answer).not.toContain("đăng ký từ 23/3 đến 27/3/2026");
  });
});

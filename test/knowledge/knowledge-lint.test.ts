/**
 * The knowledge lint behind `npm run ingest -- --strict`: each rule on a small temporary knowledge
 * folder, the shipped knowledge passing, and the command's exit code.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { loadTextKnowledge } from "../../src/knowledge/documents.js";
import { badSourceUrl, lintKnowledge } from "../../src/knowledge/knowledge-lint.js";
import { KNOWLEDGE_DIR, ROOT, tempDir } from "../helpers/test-knowledge.js";

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The lint's "today" in these tests (Vietnam time). */
const NOW = new Date("2026-12-04T09:00:00Z");

interface DocOptions {
  frontMatter?: string;
  body?: string;
}

const GOOD_FRONT_MATTER = `id: doc-test
title: Tài liệu thử
short_title: Tài liệu thử
kind: policy
topic: tuition_and_support
as_of: 2026-01-07
sources:
  - title: Bài báo thử
    url: https://example.vn/bai-bao-thu-123.html
    confidence: V`;
const GOOD_BODY = "## Học phí\n\nTheo Nghị định 238/2025, học sinh phổ thông công lập được miễn học phí.\n";

const GOOD_FAQ = `- id: faq-thu
  topic: tuition_and_support
  questions: [học phí bao nhiêu]
  answer: Học sinh phổ thông công lập được miễn học phí.
  source:
    title: Bài báo thử
    url: https://example.vn/bai-bao-thu-123.html
    as_of: 2025-09-03
`;

/** A knowledge folder with one document and one FAQ file, each replaceable. */
function knowledge(doc: DocOptions = {}, faq = GOOD_FAQ): string {
  const dir = tempDir("tracu-lint-");
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, "policy"));
  fs.mkdirSync(path.join(dir, "faq"));
  fs.writeFileSync(path.join(dir, "policy/tai-lieu.md"), `---\n${doc.frontMatter ?? GOOD_FRONT_MATTER}\n---\n\n${doc.body ?? GOOD_BODY}`);
  fs.writeFileSync(path.join(dir, "faq/faq.yaml"), faq);
  return dir;
}

function errors(dir: string, now = NOW): string[] {
  return lintKnowledge(dir, now)
    .filter((i) => i.severity === "error")
    .map((i) => `${i.file}: ${i.message}`);
}

describe("knowledge lint", () => {
  it("should pass a folder whose facts are sourced, dated and current", () => {
    expect(lintKnowledge(knowledge(), NOW)).toEqual([]);
  });

  it("should fail a document without sources", () => {
    const fm = GOOD_FRONT_MATTER.replace(/sources:[\s\S]*$/, "");
    expect(errors(knowledge({ frontMatter: fm }))).toEqual([expect.stringMatching(/policy\/tai-lieu\.md: document "doc-test" has no sources/)]);
  });

  it("should fail a document without an as-of date", () => {
    const fm = GOOD_FRONT_MATTER.replace("as_of: 2026-01-07\n", "");
    expect(errors(knowledge({ frontMatter: fm }))).toEqual([expect.stringMatching(/policy\/tai-lieu\.md: .*as_of/)]);
  });

  it("should fail an FAQ entry whose source names neither a URL nor a knowledge document", () => {
    const faq = GOOD_FAQ.replace("    url: https://example.vn/bai-bao-thu-123.html\n", "").replace("title: Bài báo thử", "title: Một nguồn nào đó");
    expect(errors(knowledge({}, faq))).toEqual([expect.stringMatching(/faq\/faq\.yaml: FAQ "faq-thu" has no source/)]);
  });

  it("should accept an FAQ entry that cites a knowledge document by its short title and section", () => {
    const faq = GOOD_FAQ.replace("    url: https://example.vn/bai-bao-thu-123.html\n", "    ref: Học phí\n").replace("title: Bài báo thử", "title: Tài liệu thử");
    expect(errors(knowledge({}, faq))).toEqual([]);
  });

  it("should fail an FAQ entry with no source at all", () => {
    const faq = GOOD_FAQ.replace(/ {2}source:[\s\S]*$/, "");
    expect(errors(knowledge({}, faq))).toEqual([expect.stringMatching(/faq\/faq\.yaml: .*source/)]);
  });

  it("should fail an as-of date in the future, in a document and in an FAQ entry", () => {
    const fm = GOOD_FRONT_MATTER.replace("as_of: 2026-01-07", "as_of: 2026-12-05");
    const faq = GOOD_FAQ.replace("as_of: 2025-09-03", "as_of: 2027-01-01");
    expect(errors(knowledge({ frontMatter: fm }, faq))).toEqual([
      expect.stringMatching(/document "doc-test" has an as-of date in the future \(2026-12-05\)/),
      expect.stringMatching(/FAQ "faq-thu" has an as-of date in the future \(2027-01-01\)/),
    ]);
    // The same day in Vietnam is not the future, even when it is still the day before in UTC.
    const today = GOOD_FRONT_MATTER.replace("as_of: 2026-01-07", "as_of: 2026-12-05");
    expect(errors(knowledge({ frontMatter: today }), new Date("2026-12-04T18:00:00Z"))).toEqual([]);
  });

  it("should fail a confidence label in a document body and in an FAQ answer", () => {
    const body = "## Vay vốn\n\nNgười lao động thuộc hộ nghèo được vay vốn. (V-2nd)\n";
    const faq = GOOD_FAQ.replace("được miễn học phí.", "được miễn học phí (V).");
    const found = errors(knowledge({ body }, faq));
    expect(found).toEqual([
      expect.stringMatching(/faq\/faq\.yaml: FAQ "faq-thu": user text carries a confidence label \("\(V\)"\)/),
      expect.stringMatching(/policy\/tai-lieu\.md: section "Vay vốn": user text carries a confidence label \("\(V-2nd\)"\)/),
    ]);
  });

  it("should not take a Roman numeral in running text for a confidence label", () => {
    const body = "## Lương\n\nLương tối thiểu vùng IV là 3.700.000 đồng/tháng; xem mục V của kế hoạch.\n";
    expect(errors(knowledge({ body }))).toEqual([]);
  });

  it('should fail an inline "(Nguồn: …)" in user text', () => {
    const body = "## Học phí\n\nHọc sinh được miễn học phí. (Nguồn: sggp.org.vn)\n";
    expect(errors(knowledge({ body }))).toEqual([expect.stringMatching(/section "Học phí": user text carries an inline "\(Nguồn: …\)"/)]);
  });

  it("should fail a fact past its valid_until that has no after_expiry text, and accept it with one", () => {
    const window = `\nwindows:\n  - section: Đăng ký\n    valid_until: 2026-03-27`;
    const body = "## Đăng ký\n\nĐăng ký từ ngày 23/3 đến ngày 27/3/2026.\n";
    expect(errors(knowledge({ frontMatter: GOOD_FRONT_MATTER + window, body }))).toEqual([
      expect.stringMatching(/"doc-test › Đăng ký" expired on 2026-03-27 and has no after_expiry text/),
    ]);
    const withAfter = `${window}\n    after_expiry: Đợt đăng ký năm 2026 đã kết thúc; hãy hỏi UBND xã về đợt sau.`;
    expect(lintKnowledge(knowledge({ frontMatter: GOOD_FRONT_MATTER + withAfter, body }), NOW)).toEqual([]);

    const faq = `${GOOD_FAQ.trimEnd()}\n  valid_until: 2026-03-27\n`;
    expect(errors(knowledge({}, faq))).toEqual([expect.stringMatching(/faq\.yaml: "faq-thu" expired on 2026-03-27/)]);
  });

  it("should only warn about a window still open that has no after_expiry text yet", () => {
    const faq = `${GOOD_FAQ.trimEnd()}\n  valid_until: 2027-03-27\n`;
    const issues = lintKnowledge(knowledge({}, faq), NOW);
    expect(issues).toEqual([expect.objectContaining({ severity: "warning", message: expect.stringMatching(/valid until 2027-03-27 but has no after_expiry/) })]);
  });

  it("should fail a current document past its own valid_until", () => {
    const fm = `${GOOD_FRONT_MATTER}\nvalid_until: 2025-12-31`;
    expect(errors(knowledge({ frontMatter: fm }))).toEqual([
      expect.stringMatching(/document "doc-test" expired on 2025-12-31 but is still status: current/),
      expect.stringMatching(/"doc-test" expired on 2025-12-31 and has no after_expiry text/),
    ]);
  });

  it("should fail a window naming a section the document does not have", () => {
    const fm = `${GOOD_FRONT_MATTER}\nwindows:\n  - section: Không có mục này\n    valid_until: 2027-01-01\n    after_expiry: Đã kết thúc.`;
    expect(errors(knowledge({ frontMatter: fm }))).toEqual([expect.stringMatching(/window or source for section "Không có mục này" matches no heading/)]);
  });

  it("should fail a source URL that is a search-results page or a bare IP address", () => {
    const fm = GOOD_FRONT_MATTER.replace(
      "    confidence: V",
      "    confidence: V\n  - title: Tìm kiếm\n    url: https://nhansu.vn/tim-kiem-bai-viet?tukhoa=cap+huyen\n  - title: Trang IP\n    url: http://118.69.201.250:801/phap-luat/bai-viet-258841.html",
    );
    const faq = GOOD_FAQ.replace("https://example.vn/bai-bao-thu-123.html", "https://example.vn/search?q=hoc+phi");
    expect(errors(knowledge({ frontMatter: fm }, faq))).toEqual([
      expect.stringMatching(/source URL https:\/\/nhansu\.vn\/tim-kiem-bai-viet\?tukhoa=cap\+huyen is a search-results page/),
      expect.stringMatching(/source URL http:\/\/118\.69\.201\.250:801\/.* is a bare IP address/),
      expect.stringMatching(/FAQ "faq-thu" source URL https:\/\/example\.vn\/search\?q=hoc\+phi is a search-results page/),
    ]);
  });

  it("should tell article URLs from search pages and addresses", () => {
    expect(badSourceUrl("https://thanhnien.vn/trung-hoc-nghe-18526010716055415.htm")).toBeUndefined();
    expect(badSourceUrl("https://www.vietnam.vn/en/xem-xet-bo-ty-le-40-hoc-sinh-thcs-vao-truong-nghe")).toBeUndefined();
    expect(badSourceUrl("http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=195025")).toBeUndefined();
    expect(badSourceUrl("http://[2001:db8::1]/bai-viet.html")).toMatch(/bare IP/);
    expect(badSourceUrl("https://example.vn/tim-kiem?keyword=eps")).toMatch(/search-results/);
  });

  it("should pass the shipped knowledge today", () => {
    expect(lintKnowledge(KNOWLEDGE_DIR, new Date())).toEqual([]);
  });
});

describe("section sources", () => {
  it("should link a section to the source that names it, and give no link when that source has none", () => {
    const fm = GOOD_FRONT_MATTER.replace(
      "    confidence: V",
      "    confidence: V\n  - title: Bộ dữ liệu mã đơn vị hành chính (không có địa chỉ)\n    sections: [Xã mới]",
    );
    const body = `${GOOD_BODY}\n## Xã mới\n\nXã Long Hiệp được lập từ xã Ngọc Biên, xã Tân Hiệp và xã Long Hiệp.\n`;
    const dir = knowledge({ frontMatter: fm, body });
    expect(lintKnowledge(dir, NOW)).toEqual([]);
    const { chunks } = loadTextKnowledge(dir);
    const urls = chunks.filter((c) => c.kind === "policy").map((c) => [c.ref, c.url]);
    expect(urls).toEqual([
      ["Học phí", "https://example.vn/bai-bao-thu-123.html"],
      ["Xã mới", undefined],
    ]);
  });
});

describe("npm run ingest -- --strict", () => {
  it("should exit 1 and name the problem when the lint fails, and 0 when the knowledge is clean", async () => {
    const data = tempDir("tracu-lint-data-");
    dirs.push(data);
    const tsx = path.join(ROOT, "node_modules/.bin/tsx");
    const env = { ...process.env, DATA_DIR: data, LOG_LEVEL: "silent" };

    const bad = knowledge({ body: "## Học phí\n\nHọc sinh được miễn học phí. (Nguồn: sggp.org.vn)\n" });
    const failed = await run(tsx, ["src/cli.ts", "ingest", "--strict"], { cwd: ROOT, env: { ...env, KNOWLEDGE_DIR: bad } }).then(
      (ok) => ({ code: 0, stdout: ok.stdout }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/ERROR policy\/tai-lieu\.md: section "Học phí": user text carries an inline "\(Nguồn: …\)"/);

    const good = await run(tsx, ["src/cli.ts", "ingest", "--strict"], { cwd: ROOT, env: { ...env, KNOWLEDGE_DIR: knowledge() } });
    expect(good.stdout).toMatch(/No problems found\./);
  }, 60_000);
});

/**
 * The knowledge lint (`npm run ingest -- --strict`, run in CI): checks that every fact users can
 * see is traceable, dated and current.
 *
 * - a document has sources and an as-of date; an FAQ entry names a source;
 * - no as-of date lies in the future;
 * - no confidence label (V, V-2nd, P, U) and no inline "(Nguồn: …)" in user text;
 * - a dated fact (`valid_until`) that has passed has an `after_expiry` text, so it is never
 *   presented as current or upcoming; a `status: current` document is not past its `valid_until`;
 * - no source URL is a search-results page or a bare IP address.
 *
 * ```ts
 * const issues = lintKnowledge("knowledge", new Date());
 * ```
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { localIsoDate } from "../time/local-date.js";
import { loadTextKnowledge } from "./documents.js";
import type { ValidationIssue } from "./types.js";

/** FAQ entries that staff approved in the dashboard are their own source (`faq-publisher.ts`). */
const STAFF_SOURCE_TITLES = new Set(["Cán bộ Trung tâm VH-TT&TT trả lời"]);

/**
 * Confidence labels of the research notes, written as labels: "(V)", "(V-2nd)", "(P: …)", "V-2nd"
 * anywhere, or a "confidence:" field. A Roman numeral in running text ("mục V", "vùng IV") is not one.
 */
const LABEL_RE = /\bV-2nd\b|\((?:V|V-2nd|P|U)(?:[):;,]|\s*\))|\b(?:confidence|độ tin cậy)\s*:/iu;
const INLINE_SOURCE_RE = /\(\s*Nguồn\s*:/iu;

/** Query keys and path segments of search-results pages. */
const SEARCH_PARAM_KEYS = new Set(["q", "query", "s", "search", "keyword", "keywords", "tukhoa", "tu-khoa", "key", "k"]);
const SEARCH_PATH_RE = /(^|\/)(tim-kiem|timkiem|tim_kiem|search|tra-cuu-tu-khoa)(\/|$|[-_.])/i;

/** Why a source URL cannot hold a fact, or undefined when it can. */
export function badSourceUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "is not a valid URL";
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":")) return "is a bare IP address, not a named site";
  if (SEARCH_PATH_RE.test(parsed.pathname)) return "is a search-results page, not the article that holds the fact";
  for (const key of parsed.searchParams.keys()) {
    if (SEARCH_PARAM_KEYS.has(key.toLowerCase())) return "is a search-results page, not the article that holds the fact";
  }
  return undefined;
}

/** Problems in one piece of user-visible text, or [] when there are none. */
export function userTextProblems(text: string): string[] {
  const problems: string[] = [];
  const label = LABEL_RE.exec(text);
  if (label) problems.push(`user text carries a confidence label ("${label[0]}")`);
  if (INLINE_SOURCE_RE.test(text)) problems.push('user text carries an inline "(Nguồn: …)"; the source line is added by the bot');
  return problems;
}

/** Runs every rule over the text knowledge in `knowledgeDir` as of `now` (Vietnam date). */
export function lintKnowledge(knowledgeDir: string, now: Date): ValidationIssue[] {
  const today = localIsoDate(now);
  const loaded = loadTextKnowledge(knowledgeDir);
  const issues: ValidationIssue[] = [...loaded.issues];
  const error = (file: string, message: string) => issues.push({ severity: "error", file, message });

  const docTitles = new Set<string>();
  for (const doc of loaded.documents) {
    docTitles.add(doc.title);
    if (doc.short_title) docTitles.add(doc.short_title);
    const urls = [doc.source_url, ...doc.sources.map((s) => s.url)].filter((u): u is string => Boolean(u));
    if (doc.sources.length === 0 && !doc.source_url) error(doc.file, `document "${doc.id}" has no sources`);
    if (doc.as_of > today) error(doc.file, `document "${doc.id}" has an as-of date in the future (${doc.as_of})`);
    if (doc.date && doc.date > today) error(doc.file, `document "${doc.id}" has a date in the future (${doc.date})`);
    for (const url of urls) {
      const bad = badSourceUrl(url);
      if (bad) error(doc.file, `source URL ${url} ${bad}`);
    }
    for (const problem of userTextProblems(doc.short_title ?? doc.title)) error(doc.file, `title: ${problem}`);
    if (doc.status === "current" && doc.valid_until && doc.valid_until < today && !doc.after_expiry) {
      error(doc.file, `document "${doc.id}" expired on ${doc.valid_until} but is still status: current`);
    }
  }

  for (const chunk of loaded.chunks) {
    const file = chunk.kind === "faq" ? faqFileOf(knowledgeDir, chunk.id) : (loaded.documents.find((d) => d.id === chunk.docId)?.file ?? chunk.docId);
    const where = chunk.kind === "faq" ? `FAQ "${chunk.id.replace(/^faq#/, "")}"` : `section "${chunk.ref ?? chunk.trail.at(-1) ?? "(top)"}"`;
    for (const problem of userTextProblems(chunk.text)) error(file, `${where}: ${problem}`);
    if (chunk.kind !== "faq" || chunk.id.endsWith("~expired")) continue;
    for (const problem of userTextProblems(chunk.docTitle)) error(file, `${where} source title: ${problem}`);
    const named = chunk.url !== undefined || docTitles.has(chunk.docTitle) || STAFF_SOURCE_TITLES.has(chunk.docTitle);
    if (!named) error(file, `${where} has no source: give source.url, or a source.title that is a knowledge document's title`);
    if (chunk.asOf && chunk.asOf > today) error(file, `${where} has an as-of date in the future (${chunk.asOf})`);
    if (chunk.url) {
      const bad = badSourceUrl(chunk.url);
      if (bad) error(file, `${where} source URL ${chunk.url} ${bad}`);
    }
  }

  for (const window of loaded.windows) {
    if (window.afterExpiry) continue;
    if (window.validUntil < today) {
      error(window.file, `"${window.name}" expired on ${window.validUntil} and has no after_expiry text: it would be presented as current`);
    } else {
      issues.push({
        severity: "warning",
        file: window.file,
        message: `"${window.name}" is valid until ${window.validUntil} but has no after_expiry text for when it has passed`,
      });
    }
  }

  for (const problem of referralProblems(knowledgeDir)) error("referrals.yaml", problem);
  return issues;
}

/** The FAQ file an FAQ chunk came from (the shipped file, or the staff-approved one). */
function faqFileOf(knowledgeDir: string, chunkId: string): string {
  const id = chunkId.replace(/^faq#/, "").replace(/~expired$/, "");
  const dir = path.join(knowledgeDir, "faq");
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir).sort()) {
      if (!/\.ya?ml$/i.test(name)) continue;
      if (fs.readFileSync(path.join(dir, name), "utf8").includes(`id: ${id}`)) return path.join("faq", name);
    }
  }
  return "faq";
}

/** Referral texts are user text too. */
function referralProblems(knowledgeDir: string): string[] {
  const file = path.join(knowledgeDir, "referrals.yaml");
  if (!fs.existsSync(file)) return [];
  const data = parseYaml(fs.readFileSync(file, "utf8")) as unknown;
  const texts: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === "string") texts.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  collect(data);
  return texts.flatMap(userTextProblems);
}

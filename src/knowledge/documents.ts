/**
 * Loads the text knowledge (Markdown documents with front matter, FAQ YAML) into chunks.
 *
 * Markdown headings give the section path: `# IV. TỔ CHỨC…` / `## 2. Trưởng phòng…` /
 * `### b) Tham mưu…` become `IV.2.b`; unnumbered headings (`## Học phí…`) are cited by their title.
 *
 * Facts with a window (a registration period, a programme's years) carry `valid_until` and an
 * `after_expiry` text: the loader makes one chunk valid up to that day and one valid from the day
 * after, and retrieval keeps only the chunks valid on the day asked (`validOn` in `expiry.ts`).
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { KnowledgeError } from "../errors.js";
import { dayAfter } from "./expiry.js";
import { TOPICS, type Chunk, type ValidationIssue } from "./types.js";

const dateText = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD"));

const frontMatterSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  short_title: z.string().optional(),
  number: z.string().optional(),
  issuer: z.string().optional(),
  date: dateText.optional(),
  as_of: dateText,
  kind: z.enum(["plan", "policy", "context"]),
  status: z.enum(["current", "historical"]).default("current"),
  topic: z.enum(TOPICS).optional(),
  source_url: z.string().optional(),
  sources: z
    .array(
      z.object({
        title: z.string(),
        url: z.string().optional(),
        confidence: z.string().optional(),
        /** Headings of the sections this source holds; their chunks link to it instead of the first source. */
        sections: z.array(z.string().min(1)).optional(),
      }),
    )
    .default([]),
  /** The whole document holds only up to this day (a programme period, a one-off notice). */
  valid_until: dateText.optional(),
  /** What the bot says instead once `valid_until` has passed: that it has passed, and who to ask. */
  after_expiry: z.string().min(1).optional(),
  /** Sections (by heading title) whose facts hold only up to a day, e.g. a registration window. */
  windows: z
    .array(
      z.object({
        section: z.string().min(1),
        valid_until: dateText,
        after_expiry: z.string().min(1).optional(),
      }),
    )
    .default([]),
});
export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** A fact that holds only up to a day, as declared in the knowledge (for the lint). */
export interface KnowledgeWindow {
  file: string;
  /** FAQ id, document id, or `document id › section`. */
  name: string;
  validUntil: string;
  afterExpiry?: string;
}

const faqSchema = z.array(
  z.object({
    id: z.string().min(1),
    topic: z.enum(TOPICS),
    questions: z.array(z.coerce.string().min(1)).min(1),
    answer: z.string().min(1),
    /** The answer holds only up to this day (e.g. it gives a registration window). */
    valid_until: dateText.optional(),
    /** The answer once `valid_until` has passed: it has passed, and who to ask about the next one. */
    after_expiry: z.string().min(1).optional(),
    source: z.object({
      title: z.string().min(1),
      ref: z.string().optional(),
      url: z.string().optional(),
      as_of: dateText.optional(),
    }),
  }),
);

/** Chunks of this size or less stay whole; longer sections split at paragraph boundaries. */
const MAX_CHUNK_CHARS = 900;

export interface LoadedDocuments {
  chunks: Chunk[];
  documents: (FrontMatter & { file: string })[];
  /** Every dated fact, for the knowledge lint. */
  windows: KnowledgeWindow[];
  issues: ValidationIssue[];
}

/** Loads every `.md` (except README.md) under the knowledge folder and every `faq/*.yaml`. */
export function loadTextKnowledge(knowledgeDir: string): LoadedDocuments {
  const chunks: Chunk[] = [];
  const documents: LoadedDocuments["documents"] = [];
  const windows: KnowledgeWindow[] = [];
  const issues: ValidationIssue[] = [];
  const seenIds = new Set<string>();
  for (const file of listFiles(knowledgeDir)) {
    const rel = path.relative(knowledgeDir, file);
    if (rel.startsWith(`labour${path.sep}`)) continue;
    const base = path.basename(file).toLowerCase();
    if (base.endsWith(".md") && base !== "readme.md") {
      try {
        const doc = parseMarkdownDocument(fs.readFileSync(file, "utf8"), rel);
        if (seenIds.has(doc.meta.id)) {
          issues.push({ severity: "error", file: rel, message: `duplicate document id "${doc.meta.id}"; file skipped` });
          continue;
        }
        seenIds.add(doc.meta.id);
        documents.push({ ...doc.meta, file: rel });
        chunks.push(...doc.chunks);
        windows.push(...doc.windows.map((w) => ({ ...w, file: rel })));
        for (const missing of doc.unmatchedWindows) {
          issues.push({ severity: "error", file: rel, message: `window or source for section "${missing}" matches no heading of the document` });
        }
      } catch (error) {
        issues.push({ severity: "error", file: rel, message: (error as Error).message });
      }
    } else if (rel.startsWith(`faq${path.sep}`) && (base.endsWith(".yaml") || base.endsWith(".yml"))) {
      try {
        const faq = parseFaqEntries(fs.readFileSync(file, "utf8"), rel);
        chunks.push(...faq.chunks);
        windows.push(...faq.windows.map((w) => ({ ...w, file: rel })));
      } catch (error) {
        issues.push({ severity: "error", file: rel, message: (error as Error).message });
      }
    }
  }
  return { chunks, documents, windows, issues };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Parses one Markdown document into its front matter and chunks. Throws with a readable message. */
export function parseMarkdownDocument(
  source: string,
  file: string,
): { meta: FrontMatter; chunks: Chunk[]; windows: Omit<KnowledgeWindow, "file">[]; unmatchedWindows: string[] } {
  const text = source.normalize("NFC").replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const match = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  if (!match) throw new KnowledgeError("knowledge_invalid", `${file}: missing front matter (--- title, as_of, kind … ---)`, file);
  const parsed = frontMatterSchema.safeParse(parseYaml(match[1]!));
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new KnowledgeError("knowledge_invalid", `${file}: front matter ${detail}`, file);
  }
  const meta = parsed.data;
  const body = text.slice(match[0].length);
  const docTitle = meta.short_title ?? meta.title;
  const url = meta.source_url ?? meta.sources[0]?.url;

  const chunks: Chunk[] = [];
  const headings: { level: number; title: string; label?: string }[] = [];
  let buffer: string[] = [];

  const windowsBySection = new Map(meta.windows.map((w) => [w.section.normalize("NFC").trim(), w]));
  const matched = new Set<string>();
  // A section's link is the source that holds it, when one says so; a source without a URL gives
  // no link rather than the first source's, which would not hold the fact.
  const sourceBySection = new Map<string, { url?: string }>();
  for (const source of meta.sources) for (const section of source.sections ?? []) sourceBySection.set(section.normalize("NFC").trim(), source);

  const flush = () => {
    const content = buffer.join("\n").trim();
    buffer = [];
    if (!content) return;
    const labels = headings.map((h) => h.label);
    const numbered = labels.length > 0 && labels.every(Boolean);
    const ref = numbered ? labels.join(".") : headings.at(-1)?.title;
    const section = headings.at(-1)?.title;
    const window = section !== undefined ? windowsBySection.get(section) : undefined;
    if (window) matched.add(window.section.normalize("NFC").trim());
    const validUntil = window?.valid_until ?? meta.valid_until;
    const sectionSource = section !== undefined ? sourceBySection.get(section) : undefined;
    if (sectionSource) matched.add(`source:${section}`);
    const sectionUrl = sectionSource ? sectionSource.url : url;
    const base = { docId: meta.id, docTitle, kind: meta.kind, ref, trail: headings.map((h) => h.title), asOf: meta.as_of, url: sectionUrl, topic: meta.topic, status: meta.status };
    for (const piece of splitLong(content)) {
      chunks.push({ id: `${meta.id}#${chunks.length}`, ...base, text: piece, ...(validUntil ? { validUntil } : {}) });
    }
    // The section's replacement once its window has passed (the document-wide one is added below).
    if (window?.after_expiry) {
      chunks.push({ id: `${meta.id}#${chunks.length}`, ...base, text: window.after_expiry.trim(), validFrom: dayAfter(window.valid_until) });
    }
  };

  for (const line of body.split("\n")) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (!heading) {
      buffer.push(line);
      continue;
    }
    flush();
    const level = heading[1]!.length;
    const title = heading[2]!.trim();
    while (headings.length && headings.at(-1)!.level >= level) headings.pop();
    headings.push({ level, title, label: sectionLabel(title) });
  }
  flush();
  if (meta.valid_until && meta.after_expiry) {
    chunks.push({
      id: `${meta.id}#${chunks.length}`,
      docId: meta.id,
      docTitle,
      kind: meta.kind,
      trail: [],
      text: meta.after_expiry.trim(),
      asOf: meta.as_of,
      url,
      topic: meta.topic,
      status: meta.status,
      validFrom: dayAfter(meta.valid_until),
    });
  }
  const windows: Omit<KnowledgeWindow, "file">[] = meta.windows.map((w) => ({
    name: `${meta.id} › ${w.section}`,
    validUntil: w.valid_until,
    afterExpiry: w.after_expiry,
  }));
  if (meta.valid_until) windows.push({ name: meta.id, validUntil: meta.valid_until, afterExpiry: meta.after_expiry });
  const unmatchedWindows = [
    ...meta.windows.map((w) => w.section.normalize("NFC").trim()).filter((s) => !matched.has(s)),
    ...[...sourceBySection.keys()].filter((s) => !matched.has(`source:${s}`)),
  ];
  return { meta, chunks, windows, unmatchedWindows };
}

/** `IV. TỔ CHỨC` → `IV`; `2. Trưởng phòng` → `2`; `b) Tham mưu` → `b`; otherwise undefined. */
function sectionLabel(title: string): string | undefined {
  const m = /^([IVX]+|\d+|[a-zđ])[.)]\s/u.exec(title);
  return m?.[1];
}

function splitLong(content: string): string[] {
  if (content.length <= MAX_CHUNK_CHARS) return [content];
  const pieces: string[] = [];
  let current = "";
  for (const paragraph of content.split(/\n\s*\n/)) {
    if (current && current.length + paragraph.length > MAX_CHUNK_CHARS) {
      pieces.push(current.trim());
      current = "";
    }
    current += `${paragraph}\n\n`;
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces;
}

/** Parses an FAQ YAML file: each entry becomes one chunk whose text is its curated answer. */
export function parseFaq(source: string, file: string): Chunk[] {
  return parseFaqEntries(source, file).chunks;
}

/**
 * Parses an FAQ YAML file into chunks and its dated answers. An entry with `valid_until` and
 * `after_expiry` gives two chunks with the same questions: the answer up to that day, the
 * `after_expiry` text from the day after.
 */
export function parseFaqEntries(source: string, file: string): { chunks: Chunk[]; windows: Omit<KnowledgeWindow, "file">[] } {
  const parsed = faqSchema.safeParse(parseYaml(source.normalize("NFC")));
  if (!parsed.success) {
    const detail = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new KnowledgeError("knowledge_invalid", `${file}: ${detail}`, file);
  }
  const chunks: Chunk[] = [];
  const windows: Omit<KnowledgeWindow, "file">[] = [];
  for (const entry of parsed.data) {
    const chunk = (id: string, answer: string): Chunk => ({
      id,
      docId: "faq",
      docTitle: entry.source.title,
      kind: "faq" as const,
      ref: entry.source.ref,
      trail: [],
      text: answer.trim(),
      asOf: entry.source.as_of,
      url: entry.source.url,
      topic: entry.topic,
      status: "current" as const,
      faqAnswer: answer.trim(),
      faqQuestions: entry.questions,
    });
    chunks.push({ ...chunk(`faq#${entry.id}`, entry.answer), ...(entry.valid_until ? { validUntil: entry.valid_until } : {}) });
    if (entry.valid_until) {
      windows.push({ name: entry.id, validUntil: entry.valid_until, afterExpiry: entry.after_expiry });
      if (entry.after_expiry) chunks.push({ ...chunk(`faq#${entry.id}~expired`, entry.after_expiry), validFrom: dayAfter(entry.valid_until) });
    }
  }
  return { chunks, windows };
}

/**
 * Writes staff answers that were approved in the dashboard into `knowledge/faq/approved.yaml` (and
 * their questions into the question bank, `question-bank-writer.ts`), in
 * the FAQ format of `knowledge/faq/faq.yaml` (id, topic, questions, answer, source), with the
 * source "Cán bộ trả lời (đã duyệt)" and the day of approval, then rebuilds the index
 * without a restart (`knowledge.reindex()`). The file is checked with the FAQ loader before it
 * replaces the old one (written beside it, then renamed), so a bad entry never breaks the index.
 *
 * With several replicas each has its own knowledge folder unless it is shared; the others pick
 * the file up through KNOWLEDGE_WATCH_SECONDS when it is.
 *
 * ```ts
 * const publisher = new FaqPublisher({ knowledgeDir, knowledge, logger });
 * const faqId = await publisher.publish({ question, answer, topic: "contact_and_events", at: new Date() });
 * ```
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { parseFaq } from "../knowledge/documents.js";
import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { Topic } from "../knowledge/types.js";
import type { Logger } from "../logger.js";
import { stripMasks } from "../privacy/masking.js";
import { localIsoDate } from "../store/local-date.js";
import { QuestionBankWriter } from "./question-bank-writer.js";

/** Source title of every FAQ entry written from a staff answer. */
// Neutral: the operator is a setting (ORG_NAME), and an approved entry outlives a change of it.
export const STAFF_FAQ_SOURCE_TITLE = "Cán bộ trả lời (đã duyệt)";
/** The file, relative to the knowledge folder. */
export const APPROVED_FAQ_FILE = path.join("faq", "approved.yaml");

const HEADER = `# Câu trả lời của cán bộ, đã được duyệt trên trang quản trị (ghi tự động).
# Có thể sửa hoặc xóa mục ở đây như trong faq.yaml; bot đọc lại sau khi tệp thay đổi.
# Staff answers approved in the dashboard (written by the bot); same format as faq.yaml.
`;

export interface FaqEntryInput {
  question: string;
  answer: string;
  topic: Topic;
  /** Other ways of asking, if staff added some. */
  variants?: string[];
  at: Date;
}

export interface FaqPublisherSettings {
  knowledgeDir: string;
  /** Where each approved question also becomes a labelled example; default the knowledge folder's question bank. */
  questionBank?: QuestionBankWriter;
  knowledge: Pick<KnowledgeBase, "reindex">;
  logger: Logger;
}

export class FaqPublisher {
  /** One write at a time: two approvals at once must not overwrite each other's entry. */
  private queue: Promise<unknown> = Promise.resolve();

  private readonly defaultBank: QuestionBankWriter;

  constructor(private readonly settings: FaqPublisherSettings) {
    this.defaultBank = new QuestionBankWriter({ knowledgeDir: settings.knowledgeDir });
  }

  get file(): string {
    return path.join(this.settings.knowledgeDir, APPROVED_FAQ_FILE);
  }

  /** Appends the entry, re-indexes, and returns the FAQ id. */
  publish(input: FaqEntryInput): Promise<string> {
    const run = this.queue.then(() => this.write(input));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(input: FaqEntryInput): Promise<string> {
    const file = this.file;
    const existing = fs.existsSync(file) ? (parseYaml(fs.readFileSync(file, "utf8")) as unknown) : [];
    const entries = Array.isArray(existing) ? existing : [];
    const day = localIsoDate(input.at);
    const id = `faq-canbo-${day.replace(/-/g, "")}-${crypto.randomBytes(3).toString("hex")}`;
    // Masks ("[số điện thoại]") carry nothing a later question would match.
    const question = stripMasks(input.question).replace(/\s+/g, " ").trim();
    const questions = [...new Set([question, ...(input.variants ?? []).map((v) => v.trim())].filter(Boolean))];
    entries.push({
      id,
      topic: input.topic,
      questions,
      answer: input.answer.trim(),
      source: { title: STAFF_FAQ_SOURCE_TITLE, as_of: day },
    });
    const text = `${HEADER}\n${stringifyYaml(entries, { lineWidth: 0 })}`;
    // Throws (KnowledgeError) on anything the loader would refuse; the old file stays.
    parseFaq(text, APPROVED_FAQ_FILE);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
    fs.writeFileSync(tmp, text, "utf8");
    fs.renameSync(tmp, file);
    // The approved question is also an example for the answering core's question bank (before the
    // re-index, so that one rebuild sees both). The FAQ entry stands even if this write fails.
    try {
      await (this.settings.questionBank ?? this.defaultBank).append({ text: question, topic: input.topic, faqId: id });
    } catch (error) {
      this.settings.logger.warn({ err: { name: (error as Error).name, message: (error as Error).message } }, "approved answer not added to the question bank");
    }
    const started = performance.now();
    const snapshot = await this.settings.knowledge.reindex();
    this.settings.logger.info({ faq: id, chunks: snapshot.chunks.length, ms: Math.round(performance.now() - started) }, "staff answer approved into the FAQ; index rebuilt");
    return id;
  }
}

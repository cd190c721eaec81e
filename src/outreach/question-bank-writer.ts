/**
 * Appends approved staff answers to the question bank (`knowledge/question-bank/approved.yaml`):
 * each approved question becomes a labelled example (`text`, `topic`, `faqId`, `source: staff`)
 * that the answering core learns from, beside the FAQ entry that answers it. The file is a YAML
 * list; it is read as a whole, the entry appended, and the result written beside it and renamed
 * into place, so a crash never leaves half a file.
 *
 * ```ts
 * const bank = new QuestionBankWriter({ knowledgeDir });
 * await bank.append({ text: "Học nghề có mất tiền không?", topic: "tuition_and_support", faqId });
 * ```
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { Topic } from "../knowledge/types.js";
import { stripMasks } from "../privacy/masking.js";

/** The file, relative to the knowledge folder. */
export const APPROVED_BANK_FILE = path.join("question-bank", "approved.yaml");

/** One labelled example of the question bank. */
export interface QuestionBankEntry {
  /** The question as asked (masks removed: they carry nothing to learn from). */
  text: string;
  topic: Topic;
  /** The FAQ entry that answers it, when there is one. */
  faqId?: string;
  /** Who labelled it: `staff` for answers approved in the dashboard. */
  source: "staff";
}

const HEADER = `# Câu hỏi mẫu từ câu trả lời của cán bộ đã được duyệt (ghi tự động).
# Question bank examples from staff answers approved in the dashboard (written by the bot):
# text, topic, faqId (the FAQ entry that answers it), source.
`;

export class QuestionBankWriter {
  /** One write at a time: two approvals at once must not overwrite each other's entry. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly settings: { knowledgeDir: string }) {}

  get file(): string {
    return path.join(this.settings.knowledgeDir, APPROVED_BANK_FILE);
  }

  /** Appends one example; resolves once it is on disk. */
  append(entry: { text: string; topic: Topic; faqId?: string }): Promise<void> {
    const run = this.queue.then(() => this.write(entry));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private write(input: { text: string; topic: Topic; faqId?: string }): void {
    const text = stripMasks(input.text).replace(/\s+/g, " ").trim();
    if (!text) return;
    const file = this.file;
    const existing = fs.existsSync(file) ? (parseYaml(fs.readFileSync(file, "utf8")) as unknown) : [];
    const entries = Array.isArray(existing) ? existing : [];
    const entry: QuestionBankEntry = { text, topic: input.topic, ...(input.faqId ? { faqId: input.faqId } : {}), source: "staff" };
    entries.push(entry);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
    fs.writeFileSync(tmp, `${HEADER}\n${stringifyYaml(entries, { lineWidth: 0 })}`, "utf8");
    fs.renameSync(tmp, file);
  }
}

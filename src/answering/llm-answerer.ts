/**
 * The LLM answerer (issue 10, item 8): renders `prompts/*.md` with the question, its analysis, the
 * top passages and the matching spreadsheet rows, each in a delimited block with an id
 * (`<<<P1 …>>>`, `<<<R1 …>>>`), and asks the chat model for one JSON object:
 * `{ "answer": "…", "cited": ["P1"] }` or `{ "noInformation": true }`.
 *
 * The reply is parsed with zod and checked by `llm-guard.ts` against the blocks it cites. Any
 * failure (timeout, HTTP error, malformed JSON, a guard rule) comes back as a rejection with a fixed
 * reason, and the caller sends the offline answer instead. "No information" is an answer too: the
 * caller sends the honest referral and counts the question as unanswered.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ProviderError } from "../errors.js";
import { maskPersonalData } from "../privacy/masking.js";
import type { ChatModel } from "../providers/provider.js";
import type { RetrievedChunk } from "../knowledge/retriever.js";
import type { SourceRef } from "../knowledge/types.js";
import { formatDateVi } from "../knowledge/labour/dates.js";
import { sourceOf } from "./extractive-answerer.js";
import { guardReply, type GuardBlock, type GuardReason } from "./llm-guard.js";

export interface PromptTemplates {
  system: string;
  answer: string;
}

/** Reads `system.vi.md` and `answer.vi.md` from the prompts folder. */
export function loadPrompts(promptsDir: string): PromptTemplates {
  return {
    system: fs.readFileSync(path.join(promptsDir, "system.vi.md"), "utf8"),
    answer: fs.readFileSync(path.join(promptsDir, "answer.vi.md"), "utf8"),
  };
}

/** Passages (P blocks) and rows (R blocks) given to the model, at most. */
export const MAX_PASSAGE_BLOCKS = 4;
export const MAX_ROW_BLOCKS = 4;
/** Default longest answer the guard lets through (LLM_MAX_ANSWER_CHARS). */
export const DEFAULT_MAX_ANSWER_CHARS = 800;

/** A spreadsheet row found by a table query, given to the model as an R block. */
export interface LlmRow {
  text: string;
  source: SourceRef;
  /** From example data: the reply must say so. */
  example?: boolean;
}

export interface LlmRequest {
  /** The question, already masked by the caller (masked again here: nothing personal leaves). */
  question: string;
  /**
   * The question analysis rendered as text (act, wanted value, slots). It gets its own block, which
   * the model reads but cannot cite.
   */
  analysisBlock?: string;
  /** Retrieved chunks, best first. Passages become P blocks; spreadsheet rows among them, R blocks. */
  hits: RetrievedChunk[];
  /** Matching rows from a table query, given after the retrieved ones. */
  rows?: LlmRow[];
  previousQuestion?: string;
}

export interface LlmAnswer {
  body: string;
  /** Sources of the cited blocks only. */
  sources: SourceRef[];
  /** Ids of the cited blocks ("P1", "R2"). */
  cited: string[];
  /** A cited block is example data. */
  example: boolean;
}

/** Why an LLM reply was not used. Fixed labels for logs and metrics; never message text. */
export type LlmRejection = "timeout" | "error" | "empty" | "malformed" | GuardReason;

export type LlmOutcome =
  | { kind: "answer"; answer: LlmAnswer }
  | { kind: "no_information" }
  | { kind: "rejected"; reason: LlmRejection; detail: string };

export interface LlmAnswererSettings {
  timeoutMs: number;
  /** Longest answer accepted, in characters (default DEFAULT_MAX_ANSWER_CHARS). */
  maxAnswerChars?: number;
}

/** What the model must return. `noInformation: true` wins over an answer given beside it. */
const replySchema = z.union([
  z.object({ noInformation: z.literal(true) }),
  z.object({ answer: z.string(), cited: z.array(z.string()) }),
]);

interface Block extends GuardBlock {
  source: SourceRef;
  example: boolean;
}

export class LlmAnswerer {
  private readonly timeoutMs: number;
  private readonly maxAnswerChars: number;
  /** The prompts' own words, which no reply may repeat; the template is split at its placeholders. */
  private readonly promptTexts: string[];

  constructor(
    private readonly model: ChatModel,
    private readonly prompts: PromptTemplates,
    settings: LlmAnswererSettings,
  ) {
    this.timeoutMs = settings.timeoutMs;
    this.maxAnswerChars = settings.maxAnswerChars ?? DEFAULT_MAX_ANSWER_CHARS;
    this.promptTexts = [prompts.system, ...prompts.answer.split(/\{\{\w+\}\}/)];
  }

  get id(): string {
    return this.model.id;
  }

  /** Asks the model; returns its guarded answer, "no information", or why it was rejected. */
  async answer(input: LlmRequest): Promise<LlmOutcome> {
    const blocks = this.blocks(input);
    // Personal numbers never leave the machine, not even inside the question; delimiters are
    // removed from every block's text so that nothing can close its block and open another.
    const question = stripDelimiters(maskPersonalData(input.question));
    const history = input.previousQuestion
      ? `Câu hỏi trước của cùng người dùng:\n<<<CAU_HOI_TRUOC\n${stripDelimiters(maskPersonalData(input.previousQuestion))}\n>>>\n\n`
      : "";
    const analysis = input.analysisBlock?.trim()
      ? `Phân tích câu hỏi do hệ thống tính (không phải tài liệu, không trích dẫn):\n<<<PHAN_TICH\n${stripDelimiters(maskPersonalData(input.analysisBlock.trim()))}\n>>>\n\n`
      : "";
    const rendered = blocks.map((b) => `<<<${b.id} | ${b.text}\n>>>`).join("\n\n");
    const user = render(this.prompts.answer, { blocks: rendered, analysis, history, question });

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let reply: string;
    try {
      reply = await this.model.complete(
        [
          { role: "system", content: this.prompts.system },
          { role: "user", content: user },
        ],
        { signal: controller.signal },
      );
    } catch (error) {
      const timeout = controller.signal.aborted || (error instanceof ProviderError && error.code === "provider_timeout");
      return { kind: "rejected", reason: timeout ? "timeout" : "error", detail: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }

    if (!reply.trim()) return { kind: "rejected", reason: "empty", detail: "empty reply" };
    const parsed = parseReply(reply);
    if (!parsed) return { kind: "rejected", reason: "malformed", detail: "the reply is not the JSON object asked for" };
    if ("noInformation" in parsed) return { kind: "no_information" };
    const body = cleanBody(parsed.answer);
    if (!body) return { kind: "rejected", reason: "empty", detail: "empty answer" };
    const verdict = guardReply({ answer: body, cited: parsed.cited }, { blocks, promptTexts: this.promptTexts, maxChars: this.maxAnswerChars });
    if (!verdict.ok) return { kind: "rejected", reason: verdict.reason, detail: verdict.detail };
    const cited = new Set(parsed.cited.map((id) => id.trim().toUpperCase()));
    const used = blocks.filter((b) => cited.has(b.id));
    return {
      kind: "answer",
      answer: { body, sources: dedupeSources(used.map((b) => b.source)), cited: used.map((b) => b.id), example: used.some((b) => b.example) },
    };
  }

  /** P blocks from the passages, R blocks from the retrieved rows and then the table query's rows. */
  private blocks(input: LlmRequest): Block[] {
    const passages = input.hits.filter((h) => h.chunk.kind !== "labour").slice(0, MAX_PASSAGE_BLOCKS);
    const rows: LlmRow[] = [
      ...input.hits.filter((h) => h.chunk.kind === "labour").map((h) => ({ text: h.chunk.text, source: sourceOf(h.chunk), example: h.chunk.example })),
      ...(input.rows ?? []),
    ];
    const seenRows = new Set<string>();
    const uniqueRows = rows.filter((r) => !seenRows.has(r.text) && seenRows.add(r.text)).slice(0, MAX_ROW_BLOCKS);
    // The block's first line names its source; its date may be quoted, so the guard sees it too.
    // The section headings say what a passage is about ("giai đoạn 2018 - 2025").
    const block = (id: string, text: string, source: SourceRef, example: boolean | undefined, trail: string[] = []): Block => ({
      id,
      text: stripDelimiters(`nguồn: ${sourceLabel(source)}${trail.length ? `\nmục: ${trail.join(" > ")}` : ""}\n${text}`),
      source,
      example: example === true,
    });
    return [
      ...passages.map((h, i) => block(`P${i + 1}`, h.chunk.text, sourceOf(h.chunk), h.chunk.example, h.chunk.trail)),
      ...uniqueRows.map((r, i) => block(`R${i + 1}`, r.text, r.source, r.example)),
    ];
  }
}

/**
 * The JSON object in a reply. Models often wrap it in a code fence or add a word before it, so the
 * outermost braces are taken; anything that is not the asked shape is undefined.
 */
export function parseReply(reply: string): z.infer<typeof replySchema> | undefined {
  const start = reply.indexOf("{");
  const end = reply.lastIndexOf("}");
  if (start < 0 || end < start) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(reply.slice(start, end + 1));
  } catch {
    return undefined;
  }
  const parsed = replySchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** The answer as it will be sent: no "Nguồn:" line of the model's own, no block ids in the text. */
function cleanBody(answer: string): string {
  return answer
    .trim()
    .replace(/\n?Nguồn:.*$/su, "")
    .replace(/\s*[[(](?:[PR]\d+(?:\s*,\s*)?)+[\])]/g, "")
    .trim();
}

function stripDelimiters(text: string): string {
  return text.replace(/<{3,}|>{3,}/g, " ");
}

function render(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? "");
}

function sourceLabel(source: SourceRef): string {
  return `${source.title}${source.ref ? `, ${source.ref}` : ""}${source.asOf ? ` (${formatDateVi(source.asOf)})` : ""}`;
}

function dedupeSources(sources: SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = `${s.title}|${s.ref ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The LLM answerer: renders `prompts/*.md` with the retrieved passages, asks the chat model, and
 * accepts the reply only when every number in it appears in the passages or the question. Any
 * failure (timeout, HTTP error, an invented number, an empty reply) is reported to the caller, which
 * sends the offline answer instead.
 */
import fs from "node:fs";
import path from "node:path";
import { ProviderError } from "../errors.js";
import { maskPersonalData } from "../privacy/masking.js";
import type { ChatModel } from "../providers/provider.js";
import type { RetrievedChunk } from "../knowledge/retriever.js";
import type { SourceRef } from "../knowledge/types.js";
import { sourceOf } from "./extractive-answerer.js";

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

export interface LlmAnswerInput {
  question: string;
  hits: RetrievedChunk[];
  /** Extra grounded text the model may use (e.g. a structured spreadsheet answer). */
  extraContext?: string;
  previousQuestion?: string;
}

export interface LlmAnswer {
  body: string;
  sources: SourceRef[];
}

export type LlmRejection = "timeout" | "error" | "ungrounded_number" | "empty";

export class LlmAnswerer {
  constructor(
    private readonly model: ChatModel,
    private readonly prompts: PromptTemplates,
    private readonly timeoutMs: number,
  ) {}

  get id(): string {
    return this.model.id;
  }

  /** Returns the grounded answer, or the reason it was rejected. */
  async answer(input: LlmAnswerInput): Promise<{ ok: true; answer: LlmAnswer } | { ok: false; reason: LlmRejection; detail: string }> {
    const used = input.hits.slice(0, 4);
    const context = [
      ...used.map((hit, i) => `[${i + 1}] ${hit.chunk.docTitle}${hit.chunk.ref ? `, ${hit.chunk.ref}` : ""}${hit.chunk.asOf ? ` (${hit.chunk.asOf})` : ""}:\n${hit.chunk.text}`),
      ...(input.extraContext ? [`[${used.length + 1}] ${input.extraContext}`] : []),
    ].join("\n\n");
    // Personal numbers never leave the machine, not even inside the question; the closing tags are
    // removed from user text so it cannot step out of its delimited block.
    const question = stripTags(maskPersonalData(input.question));
    const history = input.previousQuestion ? `CÂU HỎI TRƯỚC của cùng người dùng: ${stripTags(maskPersonalData(input.previousQuestion))}\n\n` : "";
    const user = render(this.prompts.answer, { context, question, history });

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
      return { ok: false, reason: timeout ? "timeout" : "error", detail: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
    const body = reply.trim().replace(/\n?Nguồn:.*$/su, "").trim();
    if (!body) return { ok: false, reason: "empty", detail: "empty reply" };
    const invented = ungroundedNumbers(body, `${context}\n${question}`);
    if (invented.length) return { ok: false, reason: "ungrounded_number", detail: `numbers not in context: ${invented.join(", ")}` };
    return { ok: true, answer: { body, sources: dedupeSources(used.map((h) => sourceOf(h.chunk))) } };
  }
}

function stripTags(text: string): string {
  return text.replace(/<\/?\s*(tai_lieu|cau_hoi)\s*>/gi, " ");
}

function render(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? "");
}

/** Numbers of two digits or more in `answer` whose digits do not occur in `context`. */
export function ungroundedNumbers(answer: string, context: string): string[] {
  const known = new Set<string>();
  for (const m of context.matchAll(/\d[\d.,]*/g)) for (const form of numberForms(m[0])) known.add(form);
  const out: string[] = [];
  for (const m of answer.matchAll(/\d[\d.,]*/g)) {
    const raw = m[0].replace(/[.,]+$/, "");
    const digits = raw.replace(/\D/g, "");
    if (digits.length < 2) continue;
    if (!numberForms(raw).some((form) => known.has(form))) out.push(raw);
  }
  return out;
}

/** A number as digits only, and with a decimal comma/point read as one ("7,5" and "7.5"). */
function numberForms(raw: string): string[] {
  const trimmed = raw.replace(/[.,]+$/, "");
  const digits = trimmed.replace(/\D/g, "");
  const forms = [digits];
  // "4.200" and "4200" are the same number; so are parts of dates such as "21/11/2023".
  const decimal = trimmed.replace(",", ".");
  if (/^\d+\.\d{1,2}$/.test(decimal)) forms.push(decimal);
  return forms;
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

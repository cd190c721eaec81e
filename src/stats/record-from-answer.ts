/**
 * Builds the query record of one answered question, the same way for `/api/chat` and the chat
 * channels. The question is masked here (phones, ID numbers, e-mails), so no caller can store it
 * unmasked by mistake.
 *
 * ```ts
 * recorder.record(recordFromAnswer({ question: text, answer, channel: "telegram", userKey, latencyMs: 840 }));
 * ```
 */
import crypto from "node:crypto";
import type { Answer } from "../answering/answer.js";
import type { Commune, Lexicon } from "../knowledge/lexicon.js";
import { findCommunes } from "../knowledge/lexicon.js";
import { maskPersonalData } from "../privacy/masking.js";
import type { QueryRecord, Role } from "../store/store.js";

export interface RecordFromAnswerOptions {
  /** The question as the user sent it; masked before it goes into the record. */
  question: string;
  answer: Answer;
  /** `telegram`, `zalo`, `web` or `api`. */
  channel: string;
  /** Anonymous user key (see `user-key.ts`); null when the client sent no user id. */
  userKey: string | null;
  /** Default `unknown`. */
  role?: Role;
  /** New commune name; default null (unknown). */
  commune?: string | null;
  latencyMs: number;
  /** Default now. */
  at?: Date;
  /** Default a random UUID; pass one to attach feedback buttons before the record is written. */
  id?: string;
}

/** A citation as the user saw it: "title, ref". */
export function sourceCitation(source: { title: string; ref?: string }): string {
  return source.ref ? `${source.title}, ${source.ref}` : source.title;
}

export function recordFromAnswer(options: RecordFromAnswerOptions): QueryRecord {
  return {
    id: options.id ?? crypto.randomUUID(),
    at: options.at ?? new Date(),
    channel: options.channel,
    userKey: options.userKey,
    role: options.role ?? "unknown",
    commune: options.commune ?? null,
    topic: options.answer.topic,
    question: maskPersonalData(options.question),
    answered: options.answer.answered,
    confidence: options.answer.confidence,
    sources: options.answer.sources.map(sourceCitation),
    answerer: options.answer.answerer,
    latencyMs: Math.round(options.latencyMs),
    feedback: null,
    reviewed: false,
  };
}

/**
 * The new commune a message names (old names count for the new commune that replaced them);
 * null when it names none or several different ones.
 */
export function communeFromText(lexicon: Lexicon, text: string): string | null {
  const names = new Set(findCommunes(lexicon, text).map((found: { commune: Commune }) => found.commune.name));
  return names.size === 1 ? [...names][0]! : null;
}

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
import { findCommunes, withoutBareDistrict } from "../knowledge/lexicon.js";
import { maskPersonalData, nothingToMask } from "../privacy/masking.js";
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
  /** The reply as the user saw it, when it differs from `answer.answer` (a "busy" apology); masked here. */
  reply?: string;
}

/** A citation as the user saw it: "title, ref". */
export function sourceCitation(source: { title: string; ref?: string }): string {
  return source.ref ? `${source.title}, ${source.ref}` : source.title;
}

/**
 * Replies repeat far more than questions (the same menu answer to many students), and masking a
 * 600-character reply costs about 0.1 ms: the masked form of the most recent replies is kept.
 * Masking is a pure function of the text, so a kept entry is always what masking would give.
 */
const maskedReplies = new Map<string, string>();
const MASKED_REPLIES_KEPT = 256;

function maskReply(reply: string): string {
  const kept = maskedReplies.get(reply);
  if (kept !== undefined) return kept;
  const masked = maskPersonalData(reply);
  if (maskedReplies.size >= MASKED_REPLIES_KEPT) maskedReplies.delete(maskedReplies.keys().next().value!);
  maskedReplies.set(reply, masked);
  return masked;
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
    // What the user read, masked like the question: an answer may quote a number the user typed.
    reply: maskReply(options.reply ?? options.answer.answer),
    act: options.answer.analysis?.act ?? null,
    wanted: options.answer.analysis?.wanted ?? null,
    flag: null,
  };
}

/**
 * The new commune a message names (old names count for the new commune that replaced them);
 * null when it names none or several different ones. "Trà Cú" alone is the former district (most
 * users mean the whole area) and counts only after "xã" or "thị trấn".
 */
export function communeFromText(lexicon: Lexicon, text: string): string | null {
  let kept = communesFound.get(lexicon);
  const found = kept?.get(text);
  if (found !== undefined) return found;
  const names = new Set(findCommunes(lexicon, withoutBareDistrict(text)).map((found: { commune: Commune }) => found.commune.name));
  const commune = names.size === 1 ? [...names][0]! : null;
  // Kept like masking's results: recent texts with nothing personal in them, per lexicon (a reindex makes a new one).
  if (text.length <= 500 && nothingToMask(text)) {
    if (!kept) communesFound.set(lexicon, (kept = new Map()));
    if (kept.size >= COMMUNES_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(text, commune);
  }
  return commune;
}

/** The commune each recent question named: every question not from a user with a commune in the profile asks. */
const communesFound = new WeakMap<Lexicon, Map<string, string | null>>();
const COMMUNES_KEPT = 1000;


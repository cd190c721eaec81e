/**
 * What the answering core returns, whatever the channel: the `/api/chat` shape plus the fields
 * statistics need (confidence, answerer).
 */
import type { SourceRef, Topic } from "../knowledge/types.js";
import type { Act, QuestionSlots, Wanted } from "./question-analysis.js";

export interface Answer {
  /** Vietnamese reply, ending with "Nguồn: …" when it is drawn from knowledge. */
  answer: string;
  /** False when the bot could not answer (low confidence) or refused. */
  answered: boolean;
  topic: Topic;
  sources: SourceRef[];
  suggestions?: string[];
  /** 0..1, how well the knowledge matched the question. */
  confidence: number;
  /** `offline`, `llm`, `labour` (spreadsheet rows), `events` (upcoming events), `rule` (greetings, refusals). */
  answerer: "offline" | "llm" | "labour" | "events" | "rule";
  /** Set when the reply is a refusal (injection, politics, off-topic…). */
  refusal?: string;
  /**
   * The answer check's probability that a reply from knowledge answers the question, and the
   * features it read (for the evaluation's dump and for training the check; never sent to users).
   * Kept on a reply the check turned into "no information", with the probability that did it.
   */
  check?: { p: number; features: Record<string, number> };
  /** The question analysis's act and wanted value (for the query record); absent for rule replies. */
  analysis?: { act: Act; wanted: Wanted };
}

/** One earlier turn of the same user, for follow-up questions. */
export interface PreviousTurn {
  question: string;
  topic: Topic;
  /** Trade named in that turn, if any (spreadsheet follow-ups). */
  trade?: string;
  /** The slots of that turn's question analysis: a follow-up keeps those it does not name. */
  slots?: Partial<QuestionSlots>;
  /** What that turn asked for; a follow-up naming nothing new asks the same. */
  wanted?: Wanted;
  /** Hash of the reply sent last, so that the same reply is never sent twice in a row. */
  answerHash?: string;
  /** The Labour Office table that answered that turn, if any: a follow-up stays in it. */
  table?: "job" | "course" | "demand";
  /** The rows that reply showed (`file#row`, at most a handful): a follow-up may ask about them. */
  rows?: string[];
  at: number;
  /**
   * Chat channels without buttons (Zalo): what a numbered reply picks right now, as choice payloads
   * in order ("1" → the first). Written by the conversation after the bot's last message.
   */
  choices?: string[];
}

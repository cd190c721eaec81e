/**
 * "XKLĐ là viết tắt của gì", "THCS với THPT là viết tắt gì": what an abbreviation stands for, read
 * from the word lists staff keep (`knowledge/synonyms.yaml`: a group holding "XKLĐ" and "xuất khẩu
 * lao động") and grounded in a document that writes the long form, which is the source named. An
 * abbreviation no group spells out is answered by a document sentence defining it ("EPS là
 * chương trình …"); one neither holds is left to the rest of the engine.
 */
import type { KnowledgeSnapshot } from "../knowledge/knowledge-base.js";
import type { Chunk, SourceRef, Topic } from "../knowledge/types.js";
import { foldedKey, foldedWords, sentences } from "../knowledge/vietnamese.js";
import { sourceOf } from "./extractive-answerer.js";

export interface AbbreviationAnswer {
  /** One line per abbreviation resolved. */
  text: string;
  sources: SourceRef[];
  /** The topic of the first document used, when it has one. */
  topic?: Topic;
}

/** Words that ask what an abbreviation stands for, folded. */
const ASKS_ABBREVIATION = / viet tat /;
/** Words a long form may hold that its abbreviation leaves out ("Lao động - Thương binh và Xã hội"). */
const CONNECTORS = new Set(["va", "cua"]);
/** Upper-case tokens as typed ("XKLĐ", "LĐ-TB&XH", "GD&ĐT"); "AD" (the page admin) is none. */
const TOKEN_RE = /(?<![\p{L}\d])[\p{Lu}][\p{Lu}\d&-]*[\p{Lu}\d](?![\p{L}\d])/gu;
const NOT_ABBREVIATIONS = new Set(["ad", "ok"]);

/** The abbreviations the message asks about, resolved; undefined when it asks none or none resolves. */
export function answerAbbreviation(text: string, folded: string, snapshot: KnowledgeSnapshot): AbbreviationAnswer | undefined {
  if (!ASKS_ABBREVIATION.test(` ${folded} `)) return undefined;
  const tokens = [...new Set(text.match(TOKEN_RE) ?? [])].filter((t) => !NOT_ABBREVIATIONS.has(letters(t)) && letters(t).length >= 2);
  const lines: string[] = [];
  const used: Chunk[] = [];
  for (const token of tokens) {
    const found = longForm(token, snapshot) ?? definingSentence(token, snapshot);
    if (!found) continue;
    lines.push(found.line);
    if (!used.includes(found.chunk)) used.push(found.chunk);
  }
  if (!lines.length) return undefined;
  return { text: lines.join("\n"), sources: used.map(sourceOf), topic: used[0]!.topic };
}

/** Whether the message asks something besides the abbreviation (a clause without "viết tắt"). */
export function asksMoreThanAbbreviation(text: string): boolean {
  return text.split(/[,;.!?\n]+/).some((clause) => !ASKS_ABBREVIATION.test(` ${foldedKey(clause)} `) && foldedWords(clause).length >= 3);
}

/** A token's letters, folded: "LĐ-TB&XH" → "ldtbxh". */
function letters(token: string): string {
  return foldedKey(token).replace(/[^a-z0-9]/g, "");
}

/**
 * The long form of a synonym group holding the token whose words' initials spell it, as a document
 * writes it. The group's other terms ("đi làm việc ở nước ngoài") are synonyms, not the expansion.
 */
function longForm(token: string, snapshot: KnowledgeSnapshot): { line: string; chunk: Chunk } | undefined {
  const spelled = letters(token);
  const phrases = [...snapshot.lexicon.phrasesByFirstWord.values()].flat();
  const concept = phrases.find((p) => p.words.join("") === spelled)?.concept;
  if (!concept) return undefined;
  const expansions = phrases.filter((p) => p.concept === concept && spellsOut(p.words, spelled)).sort((a, b) => b.words.length - a.words.length);
  for (const expansion of expansions) {
    const at = written(expansion.words, snapshot);
    if (at) return { line: `${token} là viết tắt của "${at.text}".`, chunk: at.chunk };
  }
  return undefined;
}

/** Whether the words' initials spell the letters, connectors aside ("lao dong thuong binh va xa hoi" → "ldtbxh"). */
function spellsOut(words: string[], spelled: string): boolean {
  const initials = words.filter((w) => !CONNECTORS.has(w)).map((w) => w[0]).join("");
  return words.length > 1 && initials === spelled;
}

/** The words as the first document holding them writes them, and that document's chunk. */
function written(words: string[], snapshot: KnowledgeSnapshot): { text: string; chunk: Chunk } | undefined {
  for (const chunk of snapshot.chunks) {
    if (chunk.kind === "labour") continue;
    const raw = chunk.text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const keys = raw.map((w) => foldedKey(w));
    for (let i = 0; i + words.length <= keys.length; i++) {
      if (words.every((w, k) => keys[i + k] === w)) return { text: raw.slice(i, i + words.length).join(" "), chunk };
    }
  }
  return undefined;
}

/** A document sentence that opens by defining the token ("EPS là chương trình cấp phép việc làm …"). */
function definingSentence(token: string, snapshot: KnowledgeSnapshot): { line: string; chunk: Chunk } | undefined {
  const opening = new RegExp(`^${token.replace(/[-&]/g, "\\$&")} là `, "u");
  for (const chunk of snapshot.chunks) {
    if (chunk.kind === "labour") continue;
    const sentence = sentences(chunk.text).find((s) => opening.test(s) && !s.trimEnd().endsWith("?"));
    if (sentence) return { line: sentence, chunk };
  }
  return undefined;
}

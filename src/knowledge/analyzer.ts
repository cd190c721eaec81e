/**
 * Turns text into index terms. One analyzer is used for documents and queries so both sides meet
 * on the same forms:
 * - shadow unigrams (`hoc`), so a message typed without diacritics finds accented text;
 * - shadow syllable bigrams (`hoc_nghe`): Vietnamese words are mostly two syllables;
 * - tone-digit unigrams (`học5`) when the text carries diacritics, which rank the exact word
 *   above its diacritics-free homographs (`học` vs `hóc`), whatever the tone-mark placement;
 * - concept terms (`§thcs`) from the synonym groups, so `cap 2`, `lớp 9` and `THCS` meet.
 * Queries additionally get teencode expansion (`ko` → `không`).
 */
import { findConcepts, OFFICE_WORDS, type Lexicon } from "./lexicon.js";
import { foldWord, hasDiacritics, tonedWord, words as splitWords } from "./vietnamese.js";

export interface AnalyzeOptions {
  /** Apply teencode substitution (user messages only). */
  query?: boolean;
}

export interface Analysis {
  /** All index terms, with repetitions (term frequency matters). */
  terms: string[];
  /** Shadow words after teencode expansion, in order. */
  folded: string[];
  /** Concept ids found. */
  concepts: string[];
}

// One message is analysed by retrieval, the question analysis, the classifiers' features, the
// hashed embedding and the answer check: the last few query analyses are kept per lexicon so each
// is computed once. Documents are not kept: an index build analyses each passage once. Kept
// results are frozen: callers share them and must copy before changing one.
const RECENT_LIMIT = 256;
const recent = new WeakMap<Lexicon, Map<string, Readonly<Analysis>>>();

/** Index terms of a text (see the file comment). A query's result is shared and frozen: do not mutate it. */
export function analyze(text: string, lexicon: Lexicon, options: AnalyzeOptions = {}): Analysis {
  if (!options.query) return analyzeUncached(text, lexicon, options);
  let cache = recent.get(lexicon);
  if (!cache) recent.set(lexicon, (cache = new Map()));
  let analysis = cache.get(text);
  if (!analysis) {
    const { terms, folded, concepts } = analyzeUncached(text, lexicon, options);
    analysis = Object.freeze({ terms: Object.freeze(terms), folded: Object.freeze(folded), concepts: Object.freeze(concepts) }) as Analysis;
    if (cache.size >= RECENT_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(text, analysis);
  }
  return analysis as Analysis;
}

function analyzeUncached(text: string, lexicon: Lexicon, options: AnalyzeOptions): Analysis {
  let raw = splitWords(text);
  if (options.query) raw = expandTeencode(raw, lexicon);
  const folded = raw.map(foldWord);
  const terms: string[] = [];
  for (const word of folded) terms.push(word);
  for (let i = 0; i + 1 < folded.length; i++) terms.push(`${folded[i]}_${folded[i + 1]}`);
  // A query typed without any diacritic says nothing about tones: add toned terms only when present.
  if (!options.query || hasDiacritics(text)) {
    for (let i = 0; i < raw.length; i++) {
      const toned = tonedWord(raw[i]!);
      if (toned !== folded[i]) terms.push(`~${toned}`);
    }
  }
  // An abbreviation in a message ("Phòng LĐTBXH", "GD&ĐT") also brings the words it stands for:
  // passages write the name out, and its words must weigh as they would had the user typed them.
  if (options.query) {
    // Its word pairs only: single words of a long name ("lao", "động") would outweigh the message's own.
    for (const full of spelledOut(folded, lexicon)) {
      for (let i = 0; i + 1 < full.length; i++) terms.push(`${full[i]}_${full[i + 1]}`);
    }
  }
  const concepts = findConcepts(lexicon, folded);
  for (const concept of concepts) terms.push(`§${concept}`);
  return { terms, folded, concepts };
}

/**
 * A number glued to a unit as phones type it: "17t" (tuổi), "50tr" (triệu), "300k" (nghìn). Ages
 * are at most two digits: "17t" is an age, never "17 tỷ" in these users' questions.
 */
const GLUED_UNIT_RE = /^(\d{1,2})t$|^(\d+(?:[.,]\d+)?)tr$|^(\d+)k$/;

function expandTeencode(raw: string[], lexicon: Lexicon): string[] {
  const out: string[] = [];
  for (const word of raw) {
    const replacement = lexicon.teencodeFull.get(foldWord(word));
    const glued = replacement ? null : GLUED_UNIT_RE.exec(word.toLowerCase());
    if (replacement) out.push(...splitWords(replacement));
    else if (glued?.[1]) out.push(glued[1], "tuổi");
    else if (glued?.[2]) out.push(...splitWords(glued[2]), "triệu");
    else if (glued?.[3]) out.push(glued[3], "nghìn");
    else out.push(word);
  }
  return out;
}

/**
 * The spelled-out words of each abbreviation naming an office in the folded words ("phòng LĐTBXH",
 * two-word ones first). Only an office's: other abbreviations (THCS, XKLĐ) are how users and
 * passages alike write them, and the synonym groups already join their forms.
 */
function spelledOut(folded: string[], lexicon: Lexicon): string[][] {
  if (!lexicon.abbreviations?.size) return [];
  const out: string[][] = [];
  for (let i = 1; i < folded.length; i++) {
    if (!OFFICE_WORDS.has(folded[i - 1]!)) continue;
    const pair = i + 1 < folded.length ? lexicon.abbreviations.get(`${folded[i]} ${folded[i + 1]}`) : undefined;
    if (pair) {
      out.push(pair);
      i++;
      continue;
    }
    const one = lexicon.abbreviations.get(folded[i]!);
    if (one) out.push(one);
  }
  return out;
}

/** The baseline's analyzer: lower case, split on white space and punctuation, nothing else. */
export function plainTerms(text: string): string[] {
  return text.toLowerCase().split(/[\s.,;:!?()"“”'‘’/\\-]+/u).filter(Boolean);
}

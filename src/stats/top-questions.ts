/**
 * "Câu hỏi thường gặp" of the dashboard: question texts grouped by similarity, so that "Học nghề
 * ở đâu?", "hoc nghe o dau" and "cho em hỏi học nghề ở đâu ạ" count as one question.
 *
 * Texts are first normalised with `foldedKey` (lower case, no diacritics, words only) and identical
 * keys merged; then near-duplicates are joined greedily, most asked first, when the Jaccard
 * similarity of their word sets (without courtesy particles) reaches the threshold.
 */
import { foldedKey } from "../knowledge/vietnamese.js";
import { stripMasks } from "../privacy/masking.js";
import type { QuestionCount } from "../store/store.js";

export interface QuestionGroup {
  /** The most asked wording of the group, as typed (masked). */
  example: string;
  /** Questions in the group. */
  count: number;
  /** Different wordings joined into the group. */
  variants: number;
}

export interface GroupOptions {
  /** Jaccard similarity of word sets from which two questions are one; default 0.6. */
  threshold?: number;
  /** Groups returned; default 20. */
  limit?: number;
  /** Distinct normalised texts considered, most asked first; default 1000 (bounds the work). */
  maxDistinct?: number;
}

// Words of address and politeness that change nothing in what is asked (folded forms).
const PARTICLES = new Set(["a", "ah", "ak", "ad", "admin", "oi", "nhe", "nha", "nhi", "vay", "the", "ha", "em", "minh", "toi", "con", "cho", "hoi", "xin", "ban", "voi", "giup", "dum", "ko", "khong"]);

function wordSet(key: string): Set<string> {
  const all = key.split(" ").filter(Boolean);
  const meaningful = all.filter((w) => !PARTICLES.has(w));
  return new Set(meaningful.length > 0 ? meaningful : all);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const word of small) if (large.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export function groupSimilarQuestions(rows: QuestionCount[], options: GroupOptions = {}): QuestionGroup[] {
  const threshold = options.threshold ?? 0.6;
  const limit = options.limit ?? 20;
  const maxDistinct = options.maxDistinct ?? 1000;

  // 1. Identical normalised texts.
  const byKey = new Map<string, { key: string; count: number; example: string; exampleCount: number; variants: number }>();
  for (const row of rows) {
    const key = foldedKey(stripMasks(row.question));
    if (!key) continue;
    const entry = byKey.get(key);
    if (!entry) byKey.set(key, { key, count: row.count, example: row.question.trim(), exampleCount: row.count, variants: 1 });
    else {
      entry.count += row.count;
      entry.variants += 1;
      if (row.count > entry.exampleCount) {
        entry.example = row.question.trim();
        entry.exampleCount = row.count;
      }
    }
  }
  const distinct = [...byKey.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)).slice(0, maxDistinct);

  // 2. Near-duplicates, greedily into the most asked group they resemble.
  const groups: { words: Set<string>; count: number; example: string; variants: number }[] = [];
  const groupsByWord = new Map<string, number[]>();
  for (const item of distinct) {
    const words = wordSet(item.key);
    const candidates = new Set<number>();
    for (const word of words) for (const index of groupsByWord.get(word) ?? []) candidates.add(index);
    let best = -1;
    let bestScore = 0;
    for (const index of candidates) {
      const score = jaccard(words, groups[index]!.words);
      if (score < threshold) continue;
      // The most similar group; between equally similar ones, the most asked.
      if (best === -1 || score > bestScore || (score === bestScore && groups[index]!.count > groups[best]!.count)) {
        best = index;
        bestScore = score;
      }
    }
    if (best >= 0) {
      const group = groups[best]!;
      group.count += item.count;
      group.variants += item.variants;
      continue;
    }
    const index = groups.length;
    groups.push({ words, count: item.count, example: item.example, variants: item.variants });
    for (const word of words) {
      const list = groupsByWord.get(word);
      if (list) list.push(index);
      else groupsByWord.set(word, [index]);
    }
  }
  return groups
    .sort((a, b) => b.count - a.count)
    .slice(0, limit)
    .map((g) => ({ example: g.example, count: g.count, variants: g.variants }));
}

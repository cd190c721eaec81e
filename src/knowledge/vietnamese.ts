/**
 * Vietnamese text normalisation for matching.
 *
 * Users type on phones, often without diacritics, with the tone mark on either vowel
 * ("hoà" / "hòa"), in any case. Every matching step in the project goes through these helpers so
 * that the index and the query see the same forms:
 * - `foldDiacritics("Học nghề ở đâu")` → `"hoc nghe o dau"` (the diacritics-free shadow form);
 * - `tonedSyllable("hoà")` = `tonedSyllable("hòa")` = `"hoa2"`: the vowel letters keep their
 *   shape marks (ă â ê ô ơ ư đ) and the tone becomes a trailing digit, so both tone-mark placements
 *   give one form.
 */

// Combining tone marks after NFD, mapped to a digit (huyền 2, sắc 1, hỏi 3, ngã 4, nặng 5).
const TONE_MARKS: Record<string, string> = {
  "\u0300": "2",
  "\u0301": "1",
  "\u0309": "3",
  "\u0303": "4",
  "\u0323": "5",
};
const TONE_MARK_RE = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ALL_MARKS_RE = /[\u0300-\u036f]/g;
const WORD_RE = /[\p{L}\p{N}]+/gu;
// "9+" (grade 9 plus vocational school) is a name, not the number 9.
const PLUS_RE = /(\d)\s*\+(?!\d)/g;
const HAS_DIACRITIC_RE = /[^\u0000-\u007f]/;

/** NFC and lower case; the base form every other helper starts from. */
export function canonical(text: string): string {
  return text.normalize("NFC").toLowerCase();
}

// Word-level caches: the vocabulary of questions and documents is small, and NFD/NFC
// normalisation is the costliest step of answering a question.
const WORD_CACHE_LIMIT = 50_000;
const foldedWordCache = new Map<string, string>();
const tonedWordCache = new Map<string, string>();

function cached(cache: Map<string, string>, key: string, compute: (key: string) => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key);
    if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/** `foldDiacritics` for a single word, memoised. */
export function foldWord(word: string): string {
  return cached(foldedWordCache, word, foldDiacritics);
}

/** `tonedSyllable` for a single word, memoised. */
export function tonedWord(word: string): string {
  return cached(tonedWordCache, word, tonedSyllable);
}

/** Removes every diacritic and maps đ to d: the shadow form of a text. */
export function foldDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(ALL_MARKS_RE, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
}

/** True when the text carries any Vietnamese letter with a diacritic (so the user typed them). */
export function hasDiacritics(text: string): boolean {
  return HAS_DIACRITIC_RE.test(text.normalize("NFC").replace(/[^\p{L}]/gu, ""));
}

/**
 * A syllable in tone-digit form: `hoà`, `hòa` → `hoa2`; `thuỷ`, `thủy` → `thuy3`; `học` → `học5`.
 * A syllable with no tone gets no digit. Input must already be lower case.
 */
export function tonedSyllable(syllable: string): string {
  const decomposed = syllable.normalize("NFD");
  let tone = "";
  for (const ch of decomposed) {
    const digit = TONE_MARKS[ch];
    if (digit) tone = digit;
  }
  return decomposed.replace(TONE_MARK_RE, "").normalize("NFC") + tone;
}

/** Splits text into lower-case words (letters and digits), NFC. "9+" stays one word, `9plus`. */
export function words(text: string): string[] {
  return canonical(text).replace(PLUS_RE, "$1plus ").match(WORD_RE) ?? [];
}

/** Words of the shadow form: `"Học nghề ở đâu?"` → `["hoc", "nghe", "o", "dau"]`. */
export function foldedWords(text: string): string[] {
  return words(text).map(foldWord);
}

/** Shadow form as one space-separated string, for phrase matching. */
export function foldedKey(text: string): string {
  return foldedWords(text).join(" ");
}

/** Splits text into sentences, keeping abbreviations such as "QĐ 4993/QĐ-UBND" or "1/7/2025" whole. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n\s*\n|\n(?=[-*•] )/)) {
    const flat = paragraph.replace(/\s+/g, " ").trim();
    if (!flat) continue;
    // A sentence ends at . ! ? followed by a space and an upper-case letter, a digit or an opening mark.
    const parts = flat.split(/(?<=[.!?])\s+(?=[\p{Lu}\d("“*-])/u);
    for (const part of parts) {
      const s = part.trim();
      if (s) out.push(s);
    }
  }
  return out;
}

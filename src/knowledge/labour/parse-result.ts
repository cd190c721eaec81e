import { foldedKey } from "../vietnamese.js";

/**
 * Result of reading one spreadsheet cell. `error` is an English predicate about the value
 * ("is not a recognised amount of money"); the loader prefixes it with the column and the cell
 * as written: `"Lương tối thiểu": "bảy triệu" is not a recognised amount of money`.
 */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: string): ParseResult<T> {
  return { ok: false, error };
}

/** Trimmed, inner whitespace collapsed, NFC; zero-width characters and stray BOMs removed. */
export function cleanText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** True for null, undefined and strings that are empty after trimming. */
export function isBlankCell(cell: unknown): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === "string") return cleanText(cell) === "";
  return false;
}

/** Lower case, diacritics folded, whitespace collapsed, punctuation kept (unlike `foldedKey`). */
export function foldedKeyKeepingPunctuation(text: string): string {
  // foldedKey drops punctuation; here digits with separators matter, so fold letters only.
  return text
    .split(/(\s+)/)
    .map((part) => (/^\s+$/.test(part) ? " " : foldPart(part)))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

function foldPart(part: string): string {
  // Fold each run of letters through the shared helper so đ/Đ and every mark are handled alike.
  return part.replace(/\p{L}+/gu, (letters) => foldedKey(letters));
}

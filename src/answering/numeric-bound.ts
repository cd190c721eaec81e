/**
 * A bound on a number that a table question writes ("lương trên 12 triệu", "học phí dưới 2 triệu",
 * "nghề nào cần trên 100 người", "học dưới 3 tháng", "từ 9 triệu trở lên"): which side, the value in
 * the unit the rows are compared in (VND, people, months) and what it measures. The words that say
 * the side are the `bounds` word lists of knowledge/slots.yaml.
 *
 * ```ts
 * boundAsked("co viec nao luong tren 12 trieu ko", slots.bounds); // { side: "above", value: 12_000_000, measure: "amount", … }
 * ```
 */
import { foldDiacritics } from "../knowledge/vietnamese.js";

export interface NumericBound {
  side: "above" | "below";
  /** VND for an amount, people for a count, months for a duration. */
  value: number;
  measure: "amount" | "count" | "duration";
  /** The words as the message wrote them ("trên 12 triệu"), for the reply's lead. */
  phrase: string;
  /** The bound's own value is on the asked side ("từ 9 triệu", "… trở lên"); "trên" is strictly above. */
  inclusive: boolean;
}

/** The side words, folded ("tren", "khong qua"), longest first, and the words that include the bound itself. */
export interface BoundWords {
  above: string[];
  below: string[];
  /** Folded words opening or closing a bound that includes its value ("tu", "khong qua", "tro len"). */
  inclusive?: string[];
}

const UNIT: Record<string, { measure: NumericBound["measure"]; factor: number }> = {
  trieu: { measure: "amount", factor: 1_000_000 },
  tr: { measure: "amount", factor: 1_000_000 },
  nghin: { measure: "amount", factor: 1_000 },
  ngan: { measure: "amount", factor: 1_000 },
  k: { measure: "amount", factor: 1_000 },
  dong: { measure: "amount", factor: 1 },
  nguoi: { measure: "count", factor: 1 },
  "lao dong": { measure: "count", factor: 1 },
  cho: { measure: "count", factor: 1 },
  thang: { measure: "duration", factor: 1 },
  nam: { measure: "duration", factor: 12 },
  tuan: { measure: "duration", factor: 12 / 52 },
};

const cache = new WeakMap<BoundWords, RegExp>();

function boundRe(words: BoundWords): RegExp {
  let re = cache.get(words);
  if (!re) {
    const sides = [...words.above, ...words.below].sort((a, b) => b.length - a.length).map((w) => w.replace(/\s+/g, "\\s+"));
    const units = Object.keys(UNIT).sort((a, b) => b.length - a.length).map((u) => u.replace(/\s+/g, "\\s+"));
    re = new RegExp(`(?<![\\p{L}\\d])(${sides.join("|")})\\s+(\\d+(?:[.,]\\d+)*)\\s*(${units.join("|")})?(?![\\p{L}\\d])(\\s+tro\\s+(?:len|xuong))?`, "u");
    cache.set(words, re);
  }
  return re;
}

/** The bound the message writes, if any: a side word, a number and a unit (a bare number of at least 100.000 is VND). */
export function boundAsked(text: string, words: BoundWords): NumericBound | undefined {
  if (!words.above.length && !words.below.length) return undefined;
  const raw = text.normalize("NFC").toLowerCase();
  const folded = foldDiacritics(raw);
  const m = boundRe(words).exec(folded);
  if (!m) return undefined;
  const sideWord = m[1]!.replace(/\s+/g, " ");
  const side = m[4]?.includes("xuong") ? "below" : words.below.includes(sideWord) ? "below" : "above";
  const digits = m[2]!;
  const unitWord = m[3]?.replace(/\s+/g, " ");
  let value: number;
  let unit = unitWord ? UNIT[unitWord] : undefined;
  if (unit && unit.measure === "amount" && unit.factor >= 1_000) {
    // "8,5 triệu", "8.5tr": a decimal fraction of the unit.
    value = Number(digits.replace(",", ".")) * unit.factor;
  } else {
    // "1.500.000", "2,000,000": thousands groups.
    value = Number(digits.replace(/[.,]/g, "")) * (unit?.factor ?? 1);
  }
  if (!unit) {
    if (value < 100_000) return undefined;
    unit = UNIT.dong!;
  }
  if (!Number.isFinite(value) || value <= 0) return undefined;
  // Folding keeps one character for one: the message's own words are cut at the same place.
  const phrase = (folded.length === raw.length ? raw : folded).slice(m.index, m.index + m[0].length).trim();
  const said = foldDiacritics(phrase);
  const inclusive = (words.inclusive ?? []).some((w) => said === w || said.startsWith(`${w} `) || said.endsWith(` ${w}`));
  return { side, value, measure: unit.measure, phrase, inclusive };
}

/** Whether `value` is on the asked side of the bound ("trên" is strictly above, "từ … trở lên" includes it). */
export function withinBound(value: number, bound: NumericBound): boolean {
  if (bound.side === "above") return bound.inclusive ? value >= bound.value : value > bound.value;
  return bound.inclusive ? value <= bound.value : value < bound.value;
}

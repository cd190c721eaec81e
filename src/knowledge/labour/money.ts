/**
 * Amounts of money as the Labour Office writes them: `7.000.000`, `7,000,000`, `7 triệu`, `7tr`,
 * `7,5 triệu`, `7 triệu 500`, `500 nghìn`, `500k`, `7.000.000 đ`, number cells, "Thỏa thuận",
 * and for fees "Miễn học phí".
 */
import type { Money } from "../types.js";
import { foldedKey } from "../vietnamese.js";
import { cleanText, fail, foldedKeyKeepingPunctuation, ok, type ParseResult } from "./parse-result.js";

export type { ParseResult } from "./parse-result.js";

/** Texts meaning "negotiable": a valid amount without a value. */
const NEGOTIABLE = new Set(["thoa thuan", "theo thoa thuan", "theo nang luc", "thuong luong"]);
/**
 * How a wage is counted when the sheet gives no amount: "Theo sản phẩm", "Lương khoán", "Theo doanh
 * số", "Hoa hồng", "Theo ngày công". A wage cell without a digit that starts with one of these is a
 * valid wage without a value, shown as written (not "chưa rõ"), like "Thỏa thuận".
 */
const PAY_SCHEME_LEADS = ["theo san pham", "tinh theo san pham", "tra theo san pham", "khoan", "luong khoan", "tra khoan", "theo doanh so", "hoa hong", "theo ngay cong", "tinh theo ngay cong", "theo hop dong"];
/** Texts meaning "free of charge": a valid fee of zero. */
const FREE = new Set(["mien hoc phi", "mien phi", "khong thu phi", "khong thu hoc phi", "mien 100 hoc phi"]);

/** Largest amount accepted (1 tỷ đồng): bigger values in a wage or fee column are typos. */
export const MAX_AMOUNT = 1_000_000_000;

export const NOT_MONEY = "is not a recognised amount of money";
export const TOO_SMALL = 'is too small for an amount of money: write the unit (e.g. "7 triệu")';
export const IS_RANGE = "is a range, not a single amount of money (put the minimum and the maximum in separate columns)";
export const TOO_LARGE = "is too large for an amount of money (over 1 tỷ đồng)";

const MILLION_RE = /^(\d+(?:[.,]\d+)?) ?(?:trieu|tr)\.?(?: ?(\d{1,3})(?: ?(nghin|ngan|k))?)?$/;
const THOUSAND_RE = /^(\d+(?:[.,]\d+)?) ?(?:nghin|ngan|k)$/;
const PLAIN_RE = /^\d+$/;
const GROUPED_RE = /^\d{1,3}([.,])\d{3}(?:\1\d{3})*$/;
const SPACED_RE = /^\d{1,3}(?: \d{3})+$/;
const DECIMAL_RE = /^\d+[.,]\d{1,2}$/;
const RANGE_RE = /\d\s*(?:[-–—~]|den|toi)\s*\d/;
const PER_RE = /\s*(?:\/|mot|moi)\s*(?:thang|khoa hoc|khoa)$/;
const CURRENCY_RE = /\s*(?:vnd|vnđ|dong|d)\.?$/;
/** Another period than the month or the course: "/ngày", "/người/ngày", "một năm", "/học kỳ", "/giờ". */
const OTHER_PERIOD_RE = /\s*(?:\/|mot|moi|1)\s*(?:nguoi\s*\/\s*)?(ngay|nam|hoc ky|ky|gio|buoi|tuan|ca)$/;

/**
 * Reads a money cell. Empty → null. `options.fee`: the column is a fee, so "Miễn học phí",
 * "Miễn phí" and 0 are a free course (`free: true`); elsewhere 0 is just 0.
 */
export function parseMoney(cell: unknown, options: { fee?: boolean } = {}): ParseResult<Money | null> {
  if (cell === null || cell === undefined) return ok(null);
  if (typeof cell === "number") return fromNumber(cell, groupThousands(Math.round(cell)), options);
  if (typeof cell !== "string") return fail(NOT_MONEY);
  const text = cleanText(cell);
  if (!text) return ok(null);

  const key = foldedKey(text);
  if (NEGOTIABLE.has(key)) return ok({ value: null, text });
  if (!options.fee && isPayScheme(key)) return ok({ value: null, text });
  if (FREE.has(key)) return options.fee ? ok({ value: 0, text, free: true }) : fail(NOT_MONEY);

  const s = withoutUnits(text);
  if (RANGE_RE.test(s)) return fail(IS_RANGE);
  const period = perPeriod(s);
  if (period) {
    if (period.amount === undefined) return fail(NOT_MONEY);
    const checked = fromNumber(period.amount, text, options);
    return checked.ok && checked.value ? ok({ value: null, text, per: PERIOD_WORDS[period.word] ?? period.word }) : checked;
  }

  const value = readAmount(s);
  if (value === undefined) return fail(NOT_MONEY);
  return fromNumber(value, text, options);
}

/** Whether a folded wage cell names how pay is counted and holds no amount ("theo sản phẩm"). */
function isPayScheme(key: string): boolean {
  return !/\d/.test(key) && PAY_SCHEME_LEADS.some((lead) => key === lead || key.startsWith(`${lead} `));
}

/**
 * The amount of a money cell counted per another period ("9.500.000/năm" → 9 500 000), which `value`
 * leaves null, for what weighs it against whole amounts itself (a fee ranked by the amount written).
 * Undefined for other cells.
 */
export function amountPerPeriod(money: Money): number | undefined {
  if (!money.per) return undefined;
  return perPeriod(withoutUnits(money.text))?.amount;
}

/** A cell's folded text without "/tháng", "/khóa" and the currency, as amounts are read from it. */
function withoutUnits(text: string): string {
  return foldedKeyKeepingPunctuation(text).replace(PER_RE, "").replace(CURRENCY_RE, "").replace(PER_RE, "").trim();
}

/** A folded, unit-stripped cell counted per another period: the period's word and the amount before it. */
function perPeriod(s: string): { word: string; amount: number | undefined } | undefined {
  const period = OTHER_PERIOD_RE.exec(s);
  return period ? { word: period[1]!, amount: readAmount(s.slice(0, period.index).replace(CURRENCY_RE, "").trim()) } : undefined;
}

function fromNumber(value: number, text: string, options: { fee?: boolean }): ParseResult<Money | null> {
  if (!Number.isFinite(value) || value < 0) return fail(NOT_MONEY);
  if (value === 0) return ok(options.fee ? { value: 0, text, free: true } : { value: 0, text });
  if (value < 1000) return fail(TOO_SMALL);
  if (value > MAX_AMOUNT) return fail(TOO_LARGE);
  return ok({ value: Math.round(value), text });
}

const PERIOD_WORDS: Record<string, string> = { ngay: "ngày", nam: "năm", "hoc ky": "học kỳ", ky: "kỳ", gio: "giờ", buoi: "buổi", tuan: "tuần", ca: "ca" };

/** VND from a folded, unit-stripped text, or undefined when it is not an amount. */
function readAmount(s: string): number | undefined {
  const million = MILLION_RE.exec(s);
  if (million) {
    const main = readNumber(million[1]!);
    if (main === undefined) return undefined;
    const tail = million[2];
    if (tail === undefined) return Math.round(main * 1_000_000);
    // "7 triệu 500" / "7tr5": the tail is what follows the million; only after a whole number.
    if (!Number.isInteger(main)) return undefined;
    const extra = million[3] ? Number(tail) * 1000 : Number(tail.padEnd(3, "0")) * 1000;
    return main * 1_000_000 + extra;
  }
  const thousand = THOUSAND_RE.exec(s);
  if (thousand) {
    const main = readNumber(thousand[1]!);
    return main === undefined ? undefined : Math.round(main * 1000);
  }
  if (PLAIN_RE.test(s) || GROUPED_RE.test(s) || SPACED_RE.test(s)) return Number(s.replace(/[., ]/g, ""));
  if (DECIMAL_RE.test(s)) {
    const n = Number(s.replace(",", "."));
    // A bare "7,5" is a forgotten unit (reported as too small); "1500,5" đồng is not an amount.
    return n < 1000 ? n : undefined;
  }
  return undefined;
}

/**
 * A number written before a unit: `7`, `7,5`, `7.5` (one separator with 1–2 digits after is a
 * decimal point), `1.500` / `1,500` (3-digit groups are thousands).
 */
function readNumber(s: string): number | undefined {
  if (PLAIN_RE.test(s)) return Number(s);
  if (GROUPED_RE.test(s)) return Number(s.replace(/[.,]/g, ""));
  if (DECIMAL_RE.test(s)) return Number(s.replace(",", "."));
  return undefined;
}

/** 7000000 → "7.000.000" (Vietnamese thousands dots). */
export function groupThousands(value: number): string {
  const sign = value < 0 ? "-" : "";
  const digits = String(Math.trunc(Math.abs(value)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** 7000000 → "7.000.000 đồng". */
export function formatVnd(value: number): string {
  return `${groupThousands(Math.round(value))} đồng`;
}

/**
 * Short spoken form: 7500000 → "7,5 triệu", 7000000 → "7 triệu", 500000 → "500 nghìn",
 * 1200000000 → "1,2 tỷ", 800 → "800 đồng".
 */
export function formatMoneyShort(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1_000_000_000) return `${decimalVi(value / 1_000_000_000)} tỷ`;
  if (abs >= 1_000_000) return `${decimalVi(value / 1_000_000)} triệu`;
  if (abs >= 1000) return `${decimalVi(value / 1000)} nghìn`;
  return `${groupThousands(value)} đồng`;
}

/** How a Money is shown to users: the cell as written, or "" for null. */
export function moneyText(money: Money | null | undefined): string {
  return money ? money.text : "";
}

function decimalVi(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  const [int, frac] = String(rounded).split(".");
  return frac ? `${groupThousands(Number(int))},${frac}` : groupThousands(Number(int));
}

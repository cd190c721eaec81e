/**
 * The guard in front of every LLM reply (issue 10, item 8). A reply goes out only when everything
 * it states can be found in the blocks it cites; otherwise the caller sends the offline answer and
 * counts the rejection under the returned reason. Reasons are fixed labels: they go to logs and
 * metrics and never carry message text.
 *
 * ```ts
 * const verdict = guardReply({ answer, cited: ["P1"] }, { blocks, promptTexts, maxChars: 800 });
 * if (!verdict.ok) onLlmFallback(verdict.reason);
 * ```
 */
import { foldedKey, words } from "../knowledge/vietnamese.js";

/** Why a reply was not sent. */
export type GuardReason =
  | "no_citation"
  | "unknown_citation"
  | "too_long"
  | "ungrounded_number"
  | "ungrounded_url"
  | "ungrounded_phone"
  | "ungrounded_email"
  | "prompt_overlap"
  | "user_instruction";

/** One delimited block the model was given, by its id ("P1", "R2"). */
export interface GuardBlock {
  id: string;
  text: string;
}

export interface GuardSettings {
  /** Every block the model was given; only the ones it cites ground its reply. */
  blocks: GuardBlock[];
  /** The fixed prompt texts (system prompt, the template's own words) a reply must not repeat. */
  promptTexts: string[];
  /** Longest reply accepted, in characters. */
  maxChars: number;
}

export type GuardVerdict = { ok: true } | { ok: false; reason: GuardReason; detail: string };

/** A run of this many words shared with the prompts (and absent from the blocks) is a leak. */
export const PROMPT_OVERLAP_WORDS = 8;

/**
 * Things a reply must never tell a student or parent to do unless a cited block says it: money
 * transfers and credentials are what scams ask for. Matched on the diacritics-free form, whole words.
 */
export const USER_INSTRUCTION_PHRASES = [
  "chuyển khoản",
  "chuyển tiền",
  "nạp tiền",
  "nạp thẻ",
  "gửi tiền",
  "đặt cọc",
  "số tài khoản",
  "tài khoản ngân hàng",
  "mã OTP",
  "OTP",
  "mật khẩu",
  "mã PIN",
  "mã xác nhận",
  "mã xác thực",
  "ví điện tử",
  "quét mã QR",
];

/** Checks a reply against the rules above, in order; the first broken rule is the reason. */
export function guardReply(reply: { answer: string; cited: string[] }, settings: GuardSettings): GuardVerdict {
  const given = new Map(settings.blocks.map((b) => [b.id.toUpperCase(), b]));
  const cited = [...new Set(reply.cited.map((id) => id.trim().toUpperCase()))];
  if (!cited.length) return reject("no_citation", "the reply cites no block");
  const unknown = cited.filter((id) => !given.has(id));
  if (unknown.length) return reject("unknown_citation", `${unknown.length} cited id(s) were not given`);
  const answer = reply.answer;
  if (answer.length > settings.maxChars) return reject("too_long", `${answer.length} characters, limit ${settings.maxChars}`);

  const grounding = cited.map((id) => given.get(id)!.text).join("\n");
  const replyFacts = extractContacts(answer);
  const knownFacts = extractContacts(grounding);
  const missingEmails = replyFacts.emails.filter((e) => !knownFacts.emails.includes(e));
  if (missingEmails.length) return reject("ungrounded_email", `${missingEmails.length} e-mail address(es) not in the cited blocks`);
  const knownText = grounding.toLowerCase();
  const missingUrls = replyFacts.urls.filter((u) => !knownFacts.urls.some((k) => k.includes(u)) && !knownText.includes(u));
  if (missingUrls.length) return reject("ungrounded_url", `${missingUrls.length} URL(s) not in the cited blocks`);
  const missingPhones = replyFacts.phones.filter((p) => !knownFacts.phones.includes(p) && !knownFacts.digitRuns.has(p));
  if (missingPhones.length) return reject("ungrounded_phone", `${missingPhones.length} phone number(s) not in the cited blocks`);

  const invented = ungroundedQuantities(replyFacts.rest, knownFacts.rest);
  if (invented.length) return reject("ungrounded_number", `${invented.length} number(s) not in the cited blocks`);

  if (sharesPromptText(answer, settings.promptTexts, settings.blocks.map((b) => b.text))) {
    return reject("prompt_overlap", `a run of ${PROMPT_OVERLAP_WORDS}+ words repeats the prompt`);
  }
  const instruction = userInstruction(answer, grounding);
  if (instruction !== undefined) return reject("user_instruction", `instruction #${instruction} of the blocked list`);
  return { ok: true };
}

function reject(reason: GuardReason, detail: string): GuardVerdict {
  return { ok: false, reason, detail };
}

// === Contacts: e-mail addresses, URLs, phone numbers ===

const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'()]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|gov|edu|info|io|app)\b(?:\/[^\s<>"'()]*)?/giu;
// Vietnamese phones in their usual spellings (0912 345 678, 0294.3855.123, +84 912 345 678) and
// 1800/1900 hotlines.
const PHONE_RE = /(?:\+\s*84|\(\s*\+?84\s*\)|\b0)[\s.-]*\d(?:[\s.-]?\d){7,10}\b|\b1[89]00[\s.-]?\d(?:[\s.-]?\d){3,6}\b/g;

interface Contacts {
  emails: string[];
  urls: string[];
  /** Phone numbers as digits, +84 written as 0. */
  phones: string[];
  /** Every run of digits (spaces and dots removed): a phone written unusually in a block still counts. */
  digitRuns: Set<string>;
  /** The text with the contacts taken out, for the number check. */
  rest: string;
}

function extractContacts(text: string): Contacts {
  const emails: string[] = [];
  const urls: string[] = [];
  const phones: string[] = [];
  let rest = text.replace(EMAIL_RE, (m) => {
    emails.push(m.toLowerCase());
    return " ";
  });
  rest = rest.replace(URL_RE, (m) => {
    const url = normaliseUrl(m);
    // "4993/QĐ-UBND." is not a URL; only text with a dot between letters reaches here.
    if (url) urls.push(url);
    return " ";
  });
  rest = rest.replace(PHONE_RE, (m) => {
    phones.push(phoneDigits(m));
    return " ";
  });
  const digitRuns = new Set<string>();
  for (const m of text.matchAll(/\+?\d[\d\s.()-]{6,}\d/g)) digitRuns.add(phoneDigits(m[0]));
  return { emails, urls, phones, digitRuns, rest };
}

function normaliseUrl(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/[.,;:!?/]+$/, "");
}

function phoneDigits(raw: string): string {
  const digits = raw.replace(/\D/g, "");
  return digits.startsWith("84") && raw.trim().match(/^[(+]/) ? `0${digits.slice(2)}` : digits;
}

// === Numbers: digits, dates, and numbers in Vietnamese words ===

/** Units a number can be followed by; several spellings map to one key. Longest first. */
const UNITS: Array<[phrase: string[], key: string, measure: boolean]> = (
  [
    ["phần trăm", "%", true],
    ["học kỳ", "kỳ", true],
    ["học kì", "kỳ", true],
    ["tín chỉ", "tín chỉ", true],
    ["học sinh", "người", false],
    ["học viên", "người", false],
    ["lao động", "người", false],
    ["cơ sở", "cơ sở", false],
    ["doanh nghiệp", "doanh nghiệp", false],
    ["công ty", "doanh nghiệp", false],
    ["%", "%", true],
    ["tháng", "tháng", true],
    ["năm", "năm", true],
    ["tuổi", "tuổi", true],
    ["giờ", "giờ", true],
    ["tiếng", "giờ", true],
    ["h", "giờ", true],
    ["phút", "phút", true],
    ["ngày", "ngày", true],
    ["tuần", "tuần", true],
    ["buổi", "buổi", true],
    ["tiết", "tiết", true],
    ["lần", "lần", true],
    ["kỳ", "kỳ", true],
    ["kì", "kỳ", true],
    ["đồng", "đồng", true],
    ["đ", "đồng", true],
    ["vnđ", "đồng", true],
    ["vnd", "đồng", true],
    ["usd", "usd", true],
    ["won", "won", true],
    ["yên", "yên", true],
    ["km", "km", true],
    ["người", "người", false],
    ["chỗ", "chỗ", false],
    ["suất", "suất", false],
    ["trường", "trường", false],
    ["ngành", "ngành", false],
    ["nghề", "nghề", false],
    ["lớp", "lớp", false],
    ["khóa", "khóa", false],
    ["khoá", "khóa", false],
    ["xã", "xã", false],
    ["đợt", "đợt", false],
  ] as Array<[string, string, boolean]>
)
  .map(([phrase, key, measure]): [string[], string, boolean] => [phrase.split(" "), key, measure])
  .sort((a, b) => b[0].length - a[0].length);

/** Scale words; "tr" and "k" as in the spreadsheets' "4tr", "30k" (only ever after a number). */
const MULTIPLIERS: Record<string, number> = { chục: 10, trăm: 100, nghìn: 1_000, ngàn: 1_000, k: 1_000, triệu: 1_000_000, tr: 1_000_000, tỷ: 1_000_000_000, tỉ: 1_000_000_000 };
/** Digit words that are only ever numbers. */
const PLAIN_DIGITS: Record<string, number> = { hai: 2, bốn: 4, sáu: 6, bảy: 7, bẩy: 7, tám: 8, chín: 9 };
/**
 * Digit words that are also other words: "một" (a/an), "ba" (father), "năm" (year). They count as
 * numbers when a unit or a multiplier follows, or inside a longer number.
 */
const AMBIGUOUS_DIGITS: Record<string, number> = { một: 1, ba: 3, năm: 5 };
/** Units digits that only follow "mươi"/"mười": "hai mươi mốt", "hai mươi tư", "mười lăm". */
const AFTER_TENS: Record<string, number> = { mốt: 1, tư: 4, lăm: 5 };
/** Words before a number that make it part of a date: "tháng 7", "ngày 15", "năm 2025". */
const DATE_WORDS: Record<string, DatePart> = { ngày: "day", tháng: "month", năm: "year" };
const RANGE_WORDS = new Set(["-", "–", "—", "~", "đến", "tới", "hoặc", "và"]);

type DatePart = "day" | "month" | "year";

type Token =
  | { t: "num"; values: number[] }
  | { t: "date"; parts: Array<[DatePart, number]> }
  | { t: "word"; w: string }
  | { t: "sym"; s: string };

/** A number found in a text, with what it counts and where. */
interface Quantity {
  /** Readings of the number ("1.500" is 1500 or 1.5). */
  values: number[];
  unit?: string;
  /** "tháng 7", "15/11/2026": a part of a date, checked against the dates of the blocks. */
  datePart?: DatePart;
  /** One token below ten with no unit ("bước 2", "cả hai"): too common to check. */
  trivial: boolean;
  /** A multiplier (triệu, nghìn…) was part of it. */
  multiplied: boolean;
  /** Its largest multiplier, lent to the first number of a range ("3 - 5 triệu"). */
  topMultiplier: number;
}

const TOKEN_RE =
  /(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])|(\d{1,2})\/(\d{4})(?![\d/])|\d+(?:[.,]\d+)*|[\p{L}]+|[%\-–—~]|[^\s\p{L}\d]/gu;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // Citation markers ("[P1]") are not numbers the reply states.
  const clean = text.normalize("NFC").toLowerCase().replace(/\[?\b[pr]\d+\b\]?/g, " ");
  for (const m of clean.matchAll(TOKEN_RE)) {
    if (m[1] !== undefined || m[4] !== undefined) {
      const parts = m[1] !== undefined ? dateParts(Number(m[1]), Number(m[2]), m[3]) : monthYear(Number(m[4]), Number(m[5]));
      if (parts) out.push({ t: "date", parts });
      // "61/2015" (a decree number) is two numbers, not a date.
      else for (const n of m[0].split("/")) out.push({ t: "num", values: readDigits(n) });
    } else if (/^\d/.test(m[0])) out.push({ t: "num", values: readDigits(m[0]) });
    else if (/^\p{L}/u.test(m[0])) out.push({ t: "word", w: m[0] });
    else out.push({ t: "sym", s: m[0] });
  }
  return out;
}

function dateParts(day: number, month: number, year: string | undefined): Array<[DatePart, number]> | undefined {
  if (day < 1 || day > 31 || month < 1 || month > 12) return undefined;
  const parts: Array<[DatePart, number]> = [
    ["day", day],
    ["month", month],
  ];
  if (year !== undefined) parts.push(["year", year.length === 2 ? 2000 + Number(year) : Number(year)]);
  return parts;
}

function monthYear(month: number, year: number): Array<[DatePart, number]> | undefined {
  return month >= 1 && month <= 12 ? [["month", month], ["year", year]] : undefined;
}

/**
 * The readings of a written number: "4.200.000" is 4200000; "7,5" and "7.5" are 7.5; "1.500" may be
 * either 1500 or 1.5, so both are kept.
 */
function readDigits(raw: string): number[] {
  const values = new Set<number>();
  if (/^\d{1,3}(\.\d{3})+$/.test(raw)) values.add(Number(raw.replace(/\./g, "")));
  if (/^\d{1,3}(,\d{3})+$/.test(raw)) values.add(Number(raw.replace(/,/g, "")));
  if (/^\d+[.,]\d+$/.test(raw)) values.add(Number(raw.replace(",", ".")));
  if (/^\d+$/.test(raw)) values.add(Number(raw));
  if (!values.size) for (const part of raw.split(/[.,]/)) values.add(Number(part));
  return [...values];
}

function word(tokens: Token[], i: number): string | undefined {
  const token = tokens[i];
  return token?.t === "word" ? token.w : undefined;
}

/** The unit starting at token i, and how many tokens it spans. */
function unitAt(tokens: Token[], i: number): { key: string; measure: boolean; length: number } | undefined {
  for (const [phrase, key, measure] of UNITS) {
    let matches = true;
    for (let k = 0; k < phrase.length && matches; k++) {
      const token = tokens[i + k];
      const text = token?.t === "word" ? token.w : token?.t === "sym" ? token.s : undefined;
      matches = text === phrase[k];
    }
    if (!matches) continue;
    // "7 năm 2025" (July 2025): "năm" before a number opens a date, it is not "years".
    if (key === "năm" && (tokens[i + 1]?.t === "num" || tokens[i + 1]?.t === "date")) return undefined;
    return { key, measure, length: phrase.length };
  }
  return undefined;
}

function startsNumber(tokens: Token[], i: number): boolean {
  const token = tokens[i];
  if (!token) return false;
  if (token.t === "num") return true;
  if (token.t !== "word") return false;
  const w = token.w;
  if (w in PLAIN_DIGITS || w === "mười") return true;
  if (!(w in AMBIGUOUS_DIGITS)) return false;
  const next = word(tokens, i + 1);
  // "năm 2025" is a year; "hai mươi năm" never reaches here ("năm" after "mươi" is "years").
  if (tokens[i + 1]?.t === "num" || tokens[i + 1]?.t === "date") return false;
  if (next !== undefined && (next in MULTIPLIERS || next === "mươi")) return true;
  const unit = unitAt(tokens, i + 1);
  // "một nghề", "một người": "a trade", "a person". "một tháng", "một lần": a quantity.
  return unit !== undefined && (unit.measure || w !== "một");
}

/** How far the number starting at token i reaches (see `startsNumber`), and its multipliers. */
function numberSpan(tokens: Token[], start: number): { end: number; multiplied: boolean; topMultiplier: number } {
  const first = tokens[start]!;
  let last: "digit" | "tens" | "units" | "hundreds" | "mult" | "linh" = first.t === "word" && first.w === "mười" ? "tens" : "digit";
  let multiplied = false;
  let topMultiplier = 1;
  let i = start + 1;
  for (; i < tokens.length; i++) {
    const token = tokens[i]!;
    const w = token.t === "word" ? token.w : undefined;
    const next = word(tokens, i + 1);
    const scaleFollows = next !== undefined && (next in MULTIPLIERS || next === "mươi");
    const isDigitWord = w !== undefined && (w in PLAIN_DIGITS || w in AMBIGUOUS_DIGITS);
    if (w === "mươi" && last === "digit") last = "tens";
    else if (w === "mười" && (last === "hundreds" || last === "linh")) last = "tens";
    else if (w === "trăm" && last === "digit") last = "hundreds";
    else if (w !== undefined && w in MULTIPLIERS && w !== "trăm" && last !== "mult") {
      multiplied = true;
      topMultiplier = Math.max(topMultiplier, MULTIPLIERS[w]!);
      last = "mult";
    } else if ((w === "rưỡi" || w === "rưởi") && (last === "mult" || last === "hundreds")) {
      i++;
      break;
    } else if ((w === "linh" || w === "lẻ") && last === "hundreds") last = "linh";
    // "hai mươi mốt", "mười lăm", but not "hai mươi năm" (twenty years).
    else if (last === "tens" && w !== undefined && (w in PLAIN_DIGITS || w in AFTER_TENS || w === "một" || w === "ba")) last = "units";
    else if (last === "linh" && isDigitWord) last = "units";
    // "hai triệu ba trăm nghìn", "4 triệu 200 nghìn".
    else if ((last === "mult" || last === "hundreds") && (isDigitWord || token.t === "num") && scaleFollows) last = "digit";
    else break;
  }
  return { end: i, multiplied, topMultiplier };
}

/** The value of tokens [start, end) when the first token reads as `first`. */
function numberValue(tokens: Token[], start: number, end: number, first: number): number {
  let total = 0;
  let group = 0;
  let current = 0;
  let top = 1;
  const head = tokens[start]!;
  if (head.t === "word" && head.w === "mười") group = 10;
  else current = first;
  for (let i = start + 1; i < end; i++) {
    const token = tokens[i]!;
    const w = token.t === "word" ? token.w : undefined;
    if (token.t === "num") current = token.values[0]!;
    else if (w === "mươi") {
      group += (current || 1) * 10;
      current = 0;
    } else if (w === "mười") group += 10;
    else if (w === "trăm") {
      group += (current || 1) * 100;
      current = 0;
    } else if (w !== undefined && w in MULTIPLIERS) {
      const scale = MULTIPLIERS[w]!;
      total += (group + current || 1) * scale;
      top = Math.max(top, scale);
      group = current = 0;
    } else if (w === "rưỡi" || w === "rưởi") {
      if (word(tokens, i - 1) === "trăm") group += 50;
      else total += top / 2;
    } else if (w !== undefined && w !== "linh" && w !== "lẻ") current = wordDigit(w);
  }
  return total + group + current;
}

/** Reads the number starting at token i, with every reading of a written first number. */
function readNumber(tokens: Token[], start: number): { values: number[]; end: number; multiplied: boolean; topMultiplier: number; words: number } {
  const span = numberSpan(tokens, start);
  const first = tokens[start]!;
  const readings = first.t === "num" ? first.values : [wordDigit((first as { w: string }).w)];
  const values = [...new Set(readings.map((v) => numberValue(tokens, start, span.end, v)))];
  return { values, end: span.end, multiplied: span.multiplied, topMultiplier: span.topMultiplier, words: span.end - start };
}

function wordDigit(w: string): number {
  return PLAIN_DIGITS[w] ?? AMBIGUOUS_DIGITS[w] ?? AFTER_TENS[w] ?? (w === "mười" ? 10 : 0);
}

/** Every number in a text with its unit or date part. */
function quantities(text: string): Quantity[] {
  const tokens = tokenize(text);
  const out: Array<Quantity & { start: number; end: number }> = [];
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i]!;
    if (token.t === "date") {
      for (const [part, value] of token.parts) out.push({ values: [value], datePart: part, trivial: false, multiplied: false, topMultiplier: 1, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (!startsNumber(tokens, i)) {
      i++;
      continue;
    }
    const number = readNumber(tokens, i);
    let end = number.end;
    let values = number.values;
    const unit = unitAt(tokens, end);
    let unitKey: string | undefined;
    if (unit) {
      unitKey = unit.key;
      end += unit.length;
      // "hai tháng rưỡi", "1 tiếng rưỡi".
      const after = word(tokens, end);
      if ((after === "rưỡi" || after === "rưởi") && !number.multiplied) {
        values = values.map((v) => v + 0.5);
        end++;
      }
    }
    const before = word(tokens, i - 1);
    const datePart = !unitKey && before !== undefined ? DATE_WORDS[before] : undefined;
    const single = number.words === 1 && !number.multiplied;
    out.push({
      values,
      unit: unitKey,
      datePart,
      trivial: single && !unitKey && !datePart && values.every((v) => v < 10),
      multiplied: number.multiplied,
      topMultiplier: number.topMultiplier,
      start: i,
      end,
    });
    i = Math.max(end, i + 1);
  }
  // A range shares its unit and multiplier: "3 - 5 triệu đồng", "từ 18 đến 35 tuổi".
  for (let k = out.length - 2; k >= 0; k--) {
    const a = out[k]!;
    const b = out[k + 1]!;
    const between = tokens.slice(a.end, b.start);
    const linked = between.length === 1 && ((between[0]!.t === "sym" && RANGE_WORDS.has(between[0]!.s)) || (between[0]!.t === "word" && RANGE_WORDS.has(between[0]!.w)));
    if (!linked || a.unit || a.datePart || b.datePart) continue;
    if (!a.multiplied && b.multiplied) a.values = a.values.map((v) => v * b.topMultiplier);
    a.unit = b.unit;
    a.trivial = a.trivial && !b.unit && !b.multiplied;
  }
  return out;
}

interface KnownNumbers {
  /** Every value, in any context. */
  all: Set<number>;
  /** "value|unit". */
  withUnit: Set<string>;
  /** Values written with no unit and outside a date. */
  unitless: Set<number>;
  /** "part|value" from "tháng 7", "15/11/2026"… */
  dates: Set<string>;
}

function knownNumbers(text: string): KnownNumbers {
  const known: KnownNumbers = { all: new Set(), withUnit: new Set(), unitless: new Set(), dates: new Set() };
  for (const q of quantities(text)) {
    for (const v of q.values) {
      known.all.add(round(v));
      if (q.datePart) known.dates.add(`${q.datePart}|${round(v)}`);
      else if (q.unit) known.withUnit.add(`${round(v)}|${q.unit}`);
      else known.unitless.add(round(v));
    }
  }
  // Blocks are read leniently: any digit group at all ("Điều 5", "QĐ 4993") may be quoted.
  for (const m of text.matchAll(/\d+(?:[.,]\d+)*/g)) for (const v of readDigits(m[0])) known.all.add(round(v));
  return known;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/**
 * Numbers in `answer` that `grounding` does not hold: a number with a unit needs the same number
 * with that unit there (or, from 10 up, written bare, as in a table cell); "tháng 7" and dates need the same
 * date part; other numbers need the value anywhere. Numbers written in words count the same as
 * digits ("hai triệu rưỡi" = 2.500.000). A lone digit below ten with no unit ("bước 2") is skipped.
 */
export function ungroundedQuantities(answer: string, grounding: string): string[] {
  const known = knownNumbers(grounding);
  const out: string[] = [];
  for (const q of quantities(answer)) {
    if (q.trivial) continue;
    const grounded = q.values.some((raw) => {
      const v = round(raw);
      if (q.datePart) return known.dates.has(`${q.datePart}|${v}`) || (q.datePart === "year" && known.all.has(v));
      // A bare number grounds one with a unit ("Độ tuổi: 18-35" → "18 tuổi"), but not a digit
      // below ten: those are section and list numbers ("IV.5") far more often than amounts.
      if (q.unit) return known.withUnit.has(`${v}|${q.unit}`) || (v >= 10 && known.unitless.has(v));
      return known.all.has(v);
    });
    if (!grounded) out.push(`${q.values[0]}${q.unit ? ` ${q.unit}` : ""}`);
  }
  return out;
}

// === Prompt text and instructions to the user ===

function ngrams(text: string, n: number): Set<string> {
  const list = words(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= list.length; i++) out.add(list.slice(i, i + n).join(" "));
  return out;
}

/** True when the answer repeats a run of PROMPT_OVERLAP_WORDS words of the prompts that no block holds. */
export function sharesPromptText(answer: string, promptTexts: string[], blockTexts: string[]): boolean {
  const answerGrams = ngrams(answer, PROMPT_OVERLAP_WORDS);
  if (!answerGrams.size) return false;
  const blockGrams = new Set(blockTexts.flatMap((t) => [...ngrams(t, PROMPT_OVERLAP_WORDS)]));
  for (const prompt of promptTexts) {
    for (const gram of ngrams(prompt, PROMPT_OVERLAP_WORDS)) if (answerGrams.has(gram) && !blockGrams.has(gram)) return true;
  }
  return false;
}

const INSTRUCTION_KEYS = USER_INSTRUCTION_PHRASES.map((p) => foldedKey(p));

/** Index of the first blocked phrase in the answer that the grounding does not hold, if any. */
function userInstruction(answer: string, grounding: string): number | undefined {
  const said = ` ${foldedKey(answer)} `;
  const known = ` ${foldedKey(grounding)} `;
  const index = INSTRUCTION_KEYS.findIndex((key) => said.includes(` ${key} `) && !known.includes(` ${key} `));
  return index >= 0 ? index : undefined;
}

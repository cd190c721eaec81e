/**
 * Masks personal numbers and addresses in free text before it is stored or sent to an LLM:
 * Vietnamese phone numbers in their usual spellings (0912 345 678, 0912.345.678, +84 912345678,
 * (+84) 912-345-678, 0084…, 84912345678, old 11-digit numbers), foreign numbers written with "+",
 * 9- and 12-digit ID numbers (CMND, CCCD, also spaced: 084 206 001 234), and e-mail addresses.
 * Several numbers in a row are masked one by one; money written with dots is left alone.
 */

const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// A run of digit groups separated by spaces, dots or dashes, optionally after "+", "(+84)" or "(84)".
const NUMBER_RUN_RE = /(?:\(\s*\+?\s*84\s*\)[ \t.-]*|\+[ \t]*)?\d+(?:(?:[ \t]*[.-][ \t]*|[ \t]+)\d+)*/g;
const GROUP_RE = /\d+/g;
// Thousands written with dots ("7.000.000", "150.000.000"): money, not a personal number.
const MONEY_RE = /^[1-9]\d{0,2}(\.\d{3})+$/;

export const MASKS = { phone: "[số điện thoại]", id: "[số giấy tờ]", email: "[email]" } as const;

function classify(digits: string, plus: boolean): keyof typeof MASKS | undefined {
  if (plus) {
    // +84 and a national number; other country codes (Korea, Japan, Taiwan: work abroad) too.
    if (digits.startsWith("84")) return digits.length === 11 || digits.length === 12 ? "phone" : undefined;
    return digits.length >= 8 && digits.length <= 15 ? "phone" : undefined;
  }
  if (digits.startsWith("0084") && (digits.length === 13 || digits.length === 14)) return "phone";
  if (digits.startsWith("84") && (digits.length === 11 || digits.length === 10)) return "phone";
  if (digits.startsWith("0") && digits.length === 10) return "phone";
  // Old landlines (0 + area code + number, e.g. 0294 3 855 123) and pre-2018 mobiles (0168…): 11 digits.
  if ((digits.startsWith("02") || digits.startsWith("01")) && digits.length === 11) return "phone";
  if (digits.length === 9 || digits.length === 12) return "id";
  return undefined;
}

/**
 * Masks the personal numbers in one run of digit groups. Longest match first from each group, so
 * "084 206 001 234" is one ID number, and "0912 345 678 0987 654 321" two phone numbers rather
 * than one run too long to be anything.
 */
function maskRun(run: string): string {
  const groups = [...run.matchAll(GROUP_RE)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, digits: m[0] }));
  // "+…", "(+84)" and "(84)": the number starts with its country code.
  const international = /^[(+]/.test(run);
  // A number never starts or ends inside a dotted group: "7.000.000 - 9.000.000" holds no 12-digit ID.
  const dotBefore = (i: number) => i > 0 && run.slice(groups[i - 1]!.end, groups[i]!.start).includes(".");
  let out = "";
  let copied = 0;
  let i = 0;
  while (i < groups.length) {
    let end = -1;
    for (let j = groups.length - 1; j >= i && !dotBefore(i); j--) {
      if (j + 1 < groups.length && dotBefore(j + 1)) continue;
      const start = i === 0 ? 0 : groups[i]!.start;
      if (MONEY_RE.test(run.slice(start, groups[j]!.end))) continue;
      const kind = classify(groups.slice(i, j + 1).map((g) => g.digits).join(""), i === 0 && international);
      if (!kind) continue;
      out += run.slice(copied, start) + MASKS[kind];
      copied = groups[j]!.end;
      end = j;
      break;
    }
    i = end >= 0 ? end + 1 : i + 1;
  }
  return out + run.slice(copied);
}

/** Returns the text with phones, ID numbers and e-mails replaced by neutral placeholders. */
export function maskPersonalData(text: string): string {
  return text.replace(EMAIL_RE, MASKS.email).replace(NUMBER_RUN_RE, (run) => (/\d{7}|\d[^\d]+\d/.test(run) ? maskRun(run) : run));
}

/** True when the text still holds something that looks like a phone or ID number. */
export function containsPersonalNumber(text: string): boolean {
  return maskPersonalData(text) !== text;
}

/** Removes the placeholders again, for matching: they carry no meaning for retrieval. */
export function stripMasks(text: string): string {
  let out = text;
  for (const mask of Object.values(MASKS)) out = out.split(mask).join(" ");
  return out;
}

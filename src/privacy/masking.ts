/**
 * Masks personal numbers and addresses in free text before it is stored or sent to an LLM:
 * Vietnamese phone numbers in their usual spellings (0912 345 678, 0912.345.678, +84 912345678,
 * 84912345678), 9- and 12-digit ID numbers (CMND, CCCD), and e-mail addresses.
 */

const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// A run of digits possibly separated by single spaces, dots or dashes, optionally after "+".
const NUMBER_RUN_RE = /\+?\d(?:[\s.-]?\d){6,14}/g;

export const MASKS = { phone: "[số điện thoại]", id: "[số giấy tờ]", email: "[email]" } as const;

function classify(run: string): keyof typeof MASKS | undefined {
  const digits = run.replace(/\D/g, "");
  const plus = run.startsWith("+");
  if ((plus || digits.startsWith("84")) && digits.startsWith("84") && (digits.length === 11 || digits.length === 10)) return "phone";
  if (digits.startsWith("0") && digits.length === 10) return "phone";
  // Old landlines: 0 + area code + number, 11 digits (e.g. 0294 3 855 123).
  if (digits.startsWith("02") && digits.length === 11) return "phone";
  if (digits.length === 9 || digits.length === 12) return "id";
  return undefined;
}

/** Returns the text with phones, ID numbers and e-mails replaced by neutral placeholders. */
export function maskPersonalData(text: string): string {
  return text.replace(EMAIL_RE, MASKS.email).replace(NUMBER_RUN_RE, (run) => {
    // Keep money and dates: "7.000.000", "21/11/2023" are not personal.
    if (/^\d{1,3}(\.\d{3})+$/.test(run) && !/^0/.test(run)) return run;
    const kind = classify(run);
    return kind ? MASKS[kind] : run;
  });
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

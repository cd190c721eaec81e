/**
 * Some questions ask for one value: an amount ("lệ phí bao nhiêu tiền"), a number of people
 * ("chỉ tiêu bao nhiêu"), a phone number or a date ("thi ngày mấy"). A passage about the right
 * subject that holds no such value does not answer them: the offline answerer then says it does
 * not know and points to who does, instead of sending a nearby passage that reads like an answer.
 */

export type AskedValue = "amount" | "date" | "count" | "phone";

// On the shadow form (folded, teencode expanded).
const ASKS_AMOUNT =
  /\b(bao nhieu (tien|dong|trieu|nghin)|le phi|(ton|het|mat|dong|tra) (het )?bao nhieu|(hoc phi|chi phi|phi|gia|luong|muc ho tro|ho tro|tro cap|thu nhap)\b.{0,40}\bbao nhieu\b)/;
// "chỉ tiêu bao nhiêu", "tuyển bao nhiêu người": a number of people.
const ASKS_COUNT = /\b(chi tieu\b.{0,30}\bbao nhieu|tuyen (sinh )?bao nhieu|bao nhieu (nguoi|hoc sinh|lao dong|chi tieu))\b/;
const ASKS_PHONE = /\b(so dien thoai|sdt|dien thoai lien he|hotline|so zalo)\b/;
const ASKS_DATE = /\b(ngay may|ngay nao|vao ngay|lich thi|ngay thi|thang may|han chot|han cuoi|may gio)\b/;

/** Written amounts ("17.800 đồng/giờ", "6,6 triệu", "10.320 won", "100%") or a statement that nothing is charged. */
const HAS_AMOUNT =
  /\d[\d.,]*\s*(đồng|đ(?!\p{L})|triệu|nghìn|ngàn|tỷ|won|usd|yên|%)|miễn (học phí|phí|tiền)|miễn phí|không (mất|thu|phải đóng|phải trả) (tiền|học phí|phí)/iu;
/** "4.200 người", "3.000 lao động", "95%". */
const HAS_COUNT = /\d[\d.,]*\s*(người|học sinh|lao động|chỉ tiêu|%)/iu;
/** A phone number as written in Vietnam: 0xx… or +84…, with or without spaces and dots. */
const HAS_PHONE = /(?:\+84|\b0)\d{2,3}[ .]?\d{3}[ .]?\d{3,4}\b/;
/** "23/3/2026", "ngày 5", "tháng 12". */
const HAS_DATE = /\d{1,2}\/\d{1,2}|(?<!\p{L})(ngày|tháng) \d{1,2}(?!\d)/iu;

/** The kind of value the question asks for, if it asks for one. */
export function askedValue(folded: string): AskedValue | undefined {
  if (ASKS_AMOUNT.test(folded)) return "amount";
  if (ASKS_PHONE.test(folded)) return "phone";
  if (ASKS_COUNT.test(folded)) return "count";
  if (ASKS_DATE.test(folded)) return "date";
  return undefined;
}

/** Whether the reply text holds a value of that kind. */
export function providesValue(text: string, kind: AskedValue): boolean {
  const pattern = { amount: HAS_AMOUNT, count: HAS_COUNT, phone: HAS_PHONE, date: HAS_DATE }[kind];
  return pattern.test(text);
}

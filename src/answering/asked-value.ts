/**
 * Some questions ask for one value: an amount ("lệ phí bao nhiêu tiền") or a date ("thi ngày
 * mấy"). A passage about the right subject that holds no such value does not answer them: the
 * offline answerer then says it does not know and points to who does, instead of sending a
 * nearby passage that reads like an answer.
 */

export type AskedValue = "amount" | "date";

// On the shadow form (folded, teencode expanded).
const ASKS_AMOUNT =
  /\b(bao nhieu (tien|dong|trieu|nghin)|le phi|(ton|het|mat|dong|tra) (het )?bao nhieu|(hoc phi|chi phi|phi|gia|luong|muc ho tro|ho tro|tro cap|thu nhap)\b.{0,40}\bbao nhieu\b)/;
const ASKS_DATE = /\b(ngay may|ngay nao|vao ngay|lich thi|ngay thi|thang may|han chot|han cuoi|may gio)\b/;

/** Written amounts ("17.800 đồng/giờ", "6,6 triệu", "10.320 won", "100%") or a statement that nothing is charged. */
const HAS_AMOUNT =
  /\d[\d.,]*\s*(đồng|đ(?!\p{L})|triệu|nghìn|ngàn|tỷ|won|usd|yên|%)|miễn (học phí|phí|tiền)|miễn phí|không (mất|thu|phải đóng|phải trả) (tiền|học phí|phí)/iu;
/** "23/3/2026", "ngày 5", "tháng 12". */
const HAS_DATE = /\d{1,2}\/\d{1,2}|(?<!\p{L})(ngày|tháng) \d{1,2}(?!\d)/iu;

/** The kind of value the question asks for, if it asks for one. */
export function askedValue(folded: string): AskedValue | undefined {
  if (ASKS_AMOUNT.test(folded)) return "amount";
  if (ASKS_DATE.test(folded)) return "date";
  return undefined;
}

/** Whether the reply text holds a value of that kind. */
export function providesValue(text: string, kind: AskedValue): boolean {
  return kind === "amount" ? HAS_AMOUNT.test(text) : HAS_DATE.test(text);
}

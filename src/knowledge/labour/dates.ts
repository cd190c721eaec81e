/**
 * Dates in Labour Office spreadsheets: `dd/mm/yyyy`, `d/m/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy`,
 * `yyyy-mm-dd`, date cells (exceljs gives JS Dates at UTC midnight), Excel serial numbers, and —
 * where a month is enough (Khai giảng) — `mm/yyyy`, `tháng 12/2026`, `tháng 12 năm 2026`.
 */
import { localIsoDate } from "../../time/local-date.js";
import { cleanText, fail, foldedKeyKeepingPunctuation, ok, type ParseResult } from "./parse-result.js";

export const NOT_A_DATE = "is not a date (write dd/mm/yyyy)";
export const NOT_A_DATE_OR_MONTH = "is not a date (write dd/mm/yyyy, or mm/yyyy when only the month is known)";
export const NOT_A_CALENDAR_DATE = "is not a real calendar date";

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** Excel serial of 1900-03-01; earlier serials suffer from Excel's 1900 leap-year bug. */
const MIN_SERIAL = 61;
/** Excel serial of 2100-12-31. */
const MAX_SERIAL = 73415;
const DAY_MS = 86_400_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

const DMY_RE = /^(?:ngay )?(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const YMD_RE = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;
const MY_RE = /^(?:thang ?)?(\d{1,2}) ?(?:[/.-]|nam) ?(\d{4})$/;
const YM_RE = /^(\d{4})-(\d{1,2})$/;

/**
 * Reads a date cell into `YYYY-MM-DD`, or `YYYY-MM` when `allowMonth` and only a month is given.
 * Empty → null.
 */
export function parseDate(cell: unknown, options: { allowMonth?: boolean } = {}): ParseResult<string | null> {
  const notADate = options.allowMonth ? NOT_A_DATE_OR_MONTH : NOT_A_DATE;
  if (cell === null || cell === undefined) return ok(null);
  if (cell instanceof Date) {
    const iso = isoDateUtc(cell);
    return iso ? ok(iso) : fail(notADate);
  }
  if (typeof cell === "number") return fromSerial(cell, notADate);
  if (typeof cell !== "string") return fail(notADate);
  const text = cleanText(cell);
  if (!text) return ok(null);
  const s = foldedKeyKeepingPunctuation(text);

  let m = DMY_RE.exec(s);
  if (m) return calendarDate(Number(m[4]), Number(m[3]), Number(m[1]));
  m = YMD_RE.exec(s);
  if (m) return calendarDate(Number(m[1]), Number(m[3]), Number(m[4]));
  if (options.allowMonth) {
    m = MY_RE.exec(s);
    if (m) return calendarMonth(Number(m[2]), Number(m[1]));
    m = YM_RE.exec(s);
    if (m) return calendarMonth(Number(m[1]), Number(m[2]));
  }
  // A serial number typed as text in a date column ("46000") is most likely a copied cell.
  if (/^\d{5}$/.test(s)) return fromSerial(Number(s), notADate);
  return fail(notADate);
}

/**
 * What a Labour Office writes in a date column when there is no date to give: the opening stays open
 * ("Tuyển liên tục", "Thường xuyên", "Đến khi đủ người") or the class starts when it fills ("Khi đủ
 * học viên"). Such a cell is kept as written and read as open, not as an unreadable date: shown as
 * "chưa rõ" it would tell a student the office does not know, when it said the opposite. Matched as
 * the whole cell, folded (the Labour Office's own words: a list to extend, not a pattern).
 */
const OPEN_ENDED: ReadonlySet<string> = new Set(
  [
    "liên tục", "tuyển liên tục", "nhận hồ sơ liên tục", "khai giảng liên tục", "thường xuyên", "tuyển thường xuyên", "quanh năm", "tuyển quanh năm", "hằng tháng",
    "đến khi đủ", "đến khi đủ người", "tuyển đến khi đủ người", "khi đủ người", "đủ người", "đến khi đủ học viên", "khi đủ học viên", "đủ học viên", "khi đủ lớp", "đủ lớp thì khai giảng",
    "không thời hạn", "không hạn", "không giới hạn", "không giới hạn thời gian",
  ].map((phrase) => foldedKeyKeepingPunctuation(phrase)),
);

/** The cell as written when it says the date is open (`OPEN_ENDED`), else undefined. */
export function openEndedDate(cell: unknown): string | undefined {
  if (typeof cell !== "string") return undefined;
  const text = cleanText(cell);
  return text && OPEN_ENDED.has(foldedKeyKeepingPunctuation(text.replace(/[.!]+$/, ""))) ? text : undefined;
}

/** Excel serial day number → `YYYY-MM-DD` (1900 date system). */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < MIN_SERIAL || serial > MAX_SERIAL) return null;
  return isoDateUtc(new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS));
}

function fromSerial(serial: number, notADate: string): ParseResult<string | null> {
  const iso = excelSerialToIso(serial);
  return iso ? ok(iso) : fail(notADate);
}

/** A JS Date read with UTC getters (exceljs dates are UTC midnight) → `YYYY-MM-DD`. */
export function isoDateUtc(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const y = date.getUTCFullYear();
  if (y < MIN_YEAR || y > MAX_YEAR) return null;
  return `${y}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

/**
 * The Vietnam day of an instant (file times, "today") → `YYYY-MM-DD`. Not the machine's time zone:
 * a server on UTC would date a file saved at 06:00 in Trà Cú on the day before.
 */
export function isoDateLocal(date: Date): string {
  return localIsoDate(date);
}

/** True when year/month/day is a real date in the supported years. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function calendarDate(year: number, month: number, day: number): ParseResult<string | null> {
  if (!isCalendarDate(year, month, day)) return fail(NOT_A_CALENDAR_DATE);
  return ok(`${year}-${pad2(month)}-${pad2(day)}`);
}

function calendarMonth(year: number, month: number): ParseResult<string | null> {
  if (!isCalendarDate(year, month, 1)) return fail(NOT_A_CALENDAR_DATE);
  return ok(`${year}-${pad2(month)}`);
}

/** "2026-11-15" → "15/11/2026"; "2026-11" → "11/2026"; anything else is returned unchanged. */
export function formatDateVi(iso: string): string {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(iso);
  if (m) return `${m[2]}/${m[1]}`;
  return iso;
}

/**
 * A date in a file name: `YYYY-MM-DD`, `DD-MM-YYYY` or `YYYY-MM` (→ first of the month), with
 * `-`, `_` or `.` between the parts. Returns `YYYY-MM-DD` or null.
 */
export function dateFromFileName(name: string): string | null {
  const base = name.replace(/\.[^.]+$/, "");
  const patterns: { re: RegExp; pick: (m: RegExpExecArray) => [number, number, number] }[] = [
    { re: /(?<!\d)(\d{4})[-_.](\d{2})[-_.](\d{2})(?!\d)/, pick: (m) => [+m[1]!, +m[2]!, +m[3]!] },
    { re: /(?<!\d)(\d{2})[-_.](\d{2})[-_.](\d{4})(?!\d)/, pick: (m) => [+m[3]!, +m[2]!, +m[1]!] },
    { re: /(?<!\d)(\d{4})[-_.](\d{2})(?![-_.]?\d)/, pick: (m) => [+m[1]!, +m[2]!, 1] },
  ];
  for (const { re, pick } of patterns) {
    const m = re.exec(base);
    if (!m) continue;
    const [y, mo, d] = pick(m);
    if (isCalendarDate(y, mo, d)) return `${y}-${pad2(mo)}-${pad2(d)}`;
  }
  return null;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * Vietnam local dates. Statistics and answers count days as the Centre lives them (UTC+7, no
 * daylight saving), so a question asked at 23:30 in Trà Cú belongs to that day, not to the next UTC
 * day, and one asked at 01:00 on 1/12 is in December ("tháng này"), not on 30/11.
 *
 * The stores keep a day as the integer `YYYYMMDD` (fast to compare and group on both SQLite and
 * PostgreSQL, still readable in SQL); the API speaks `YYYY-MM-DD`.
 */

/** Offset of Vietnam time from UTC. */
export const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local date of an instant as `YYYY-MM-DD`. */
export function localIsoDate(at: Date | number): string {
  const ms = typeof at === "number" ? at : at.getTime();
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The local date of an instant as the integer `YYYYMMDD`. */
export function localDayNumber(at: Date | number): number {
  return isoToDayNumber(localIsoDate(at));
}

/** True for a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DAY_RE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `2026-11-20` → `20261120`. */
export function isoToDayNumber(iso: string): number {
  return Number(iso.slice(0, 4)) * 10000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
}

/** `20261120` → `2026-11-20`. */
export function dayNumberToIso(day: number): string {
  const y = Math.floor(day / 10000);
  const m = Math.floor(day / 100) % 100;
  const d = day % 100;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The instant (epoch ms) local midnight of `iso` begins. */
export function localDayStartMs(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) - VIETNAM_OFFSET_MS;
}

/** The instant (epoch ms) the local day after `iso` begins: the exclusive end of `iso`. */
export function localDayEndMs(iso: string): number {
  return localDayStartMs(iso) + DAY_MS;
}

/** `iso` moved by `days` (negative = earlier). */
export function addDays(iso: string, days: number): string {
  return new Date(localDayStartMs(iso) + VIETNAM_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((localDayStartMs(to) - localDayStartMs(from)) / DAY_MS);
}

/** Local time of an instant as `YYYY-MM-DD HH:MM:SS`, for exports. */
export function localDateTime(at: Date | number): string {
  const ms = typeof at === "number" ? at : at.getTime();
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** Local time of an instant as staff read it: `DD/MM/YYYY HH:MM` (with `:SS` when asked). */
export function localDateTimeVi(at: Date | number, withSeconds = false): string {
  const iso = localDateTime(at);
  const [date, time] = iso.split(" ");
  const [y, m, d] = date!.split("-");
  return `${d}/${m}/${y} ${withSeconds ? time : time!.slice(0, 5)}`;
}

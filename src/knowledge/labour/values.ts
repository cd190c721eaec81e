/** Whole numbers and text cells of Labour Office spreadsheets. */
import { formatDateVi, isoDateUtc } from "./dates.js";
import { cleanText, fail, foldedKeyKeepingPunctuation, ok, type ParseResult } from "./parse-result.js";

const PLAIN_INT_RE = /^\d+$/;
const GROUPED_INT_RE = /^\d{1,3}([.,])\d{3}(?:\1\d{3})*$/;
const SPACED_INT_RE = /^\d{1,3}(?: \d{3})+$/;
/** Words people add after a count: "12 người", "20 lao động", "5 chỉ tiêu". */
const COUNT_UNIT_RE = /\s*(?:nguoi|lao dong|chi tieu|lđ|ld)$/;

/**
 * A whole number ≥ 0: `12`, `1.200`, `1,200`, `1 200`, `12 người`, or a number cell.
 * Empty → null (the caller decides whether the column is required).
 */
export function parseInteger(cell: unknown): ParseResult<number | null> {
  if (cell === null || cell === undefined) return ok(null);
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return fail("is not a whole number");
    if (cell < 0) return fail("is negative");
    if (!Number.isInteger(cell)) return fail("is not a whole number");
    return ok(cell);
  }
  if (typeof cell !== "string") return fail("is not a whole number");
  const text = cleanText(cell);
  if (!text) return ok(null);
  if (/^[-−–]\s*\d/.test(text)) return fail("is negative");
  const folded = foldedKeyKeepingPunctuation(text).replace(COUNT_UNIT_RE, "");
  if (PLAIN_INT_RE.test(folded)) return ok(Number(folded));
  if (GROUPED_INT_RE.test(folded) || SPACED_INT_RE.test(folded)) {
    return ok(Number(folded.replace(/[., ]/g, "")));
  }
  return fail("is not a whole number");
}

/** A year between 2000 and 2100, as text or a number cell. */
export function parseYear(cell: unknown): ParseResult<number | null> {
  const n = parseInteger(cell);
  if (!n.ok) return fail("is not a year between 2000 and 2100");
  if (n.value === null) return n;
  if (n.value < 2000 || n.value > 2100) return fail("is not a year between 2000 and 2100");
  return n;
}

/**
 * A text cell: trimmed, inner whitespace collapsed, NFC. Number cells are written out as is,
 * date cells as `dd/mm/yyyy`, booleans as "Có"/"Không".
 */
export function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "string") return cleanText(cell);
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  if (cell instanceof Date) {
    const iso = isoDateUtc(cell);
    return iso ? formatDateVi(iso) : "";
  }
  if (typeof cell === "boolean") return cell ? "Có" : "Không";
  return cleanText(String(cell));
}

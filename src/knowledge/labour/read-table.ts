/**
 * Reads one Labour Office spreadsheet (`.csv` or `.xlsx`) into a header row and data rows of
 * plain cell values (string, number, Date, boolean or null). Size and row limits are enforced
 * here: the size before reading, the rows while reading.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parse as parseCsv } from "csv-parse";
import ExcelJS from "exceljs";
import { cleanText, isBlankCell } from "./parse-result.js";

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_DATA_ROWS = 100_000;
/** Non-empty rows searched for a header row before giving up and taking the first. */
const HEADER_SEARCH_ROWS = 10;

export type CellValue = string | number | boolean | Date | null;

export interface RawRow {
  /** 1-based spreadsheet row number. */
  row: number;
  cells: CellValue[];
}

export interface RawTable {
  /** Header cells as written (trimmed, spaces collapsed). */
  header: string[];
  /** 1-based row number of the header row. */
  headerRow: number;
  /** Non-empty rows below the header. */
  rows: RawRow[];
  /** `.xlsx` only: the workbook's "modified" property, when set. */
  modified?: Date;
}

export interface ReadTableOptions {
  /** Picks the header among the first non-empty rows; default: the first non-empty row. */
  isHeader?: (cells: CellValue[]) => boolean;
  maxBytes?: number;
  maxRows?: number;
}

/** A file that cannot be read as a table; the message is English, for operators. */
export class LabourFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LabourFileError";
  }
}

export async function readTable(file: string, options: ReadTableOptions = {}): Promise<RawTable> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const info = await stat(file);
  if (info.size > maxBytes) {
    throw new LabourFileError(
      `file is too large (${formatMb(info.size)} MB; the limit is ${formatMb(maxBytes)} MB): split it into smaller files`,
    );
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv") return readCsv(file, options);
  if (ext === ".xlsx") return readXlsx(file, options);
  throw new LabourFileError(`unsupported file type "${ext}": use .csv or .xlsx`);
}

// === CSV ===

/** Decodes CSV bytes by their BOM (UTF-8, UTF-16 LE/BE); without a BOM the text must be UTF-8. */
export function decodeCsv(bytes: Buffer): string {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new LabourFileError("file is an Excel workbook saved with a .csv name: rename it to .xlsx");
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16le(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2));
    if (body.length % 2 !== 0) throw notText();
    body.swap16();
    return decodeUtf16le(body);
  }
  return decodeUtf8(bytes);
}

function decodeUtf8(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw notText();
  }
  // UTF-16 without a BOM decodes as "valid" UTF-8 full of NUL characters.
  if (text.includes("\u0000")) throw notText();
  return text;
}

function decodeUtf16le(bytes: Uint8Array): string {
  if (bytes.length % 2 !== 0) throw notText();
  try {
    return new TextDecoder("utf-16le", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw notText();
  }
}

function notText(): LabourFileError {
  return new LabourFileError(
    'file is not UTF-8 or UTF-16 text: in Excel use "Save As" → "CSV UTF-8 (Comma delimited)" or save as .xlsx',
  );
}

/** The delimiter among `,` `;` and tab that occurs most (outside quotes) in the header line. */
export function detectDelimiter(text: string): string {
  const candidates = [",", ";", "\t"];
  const lines = text.split(/\r\n|\n|\r/).filter((line) => line.trim() !== "");
  for (const line of lines.slice(0, HEADER_SEARCH_ROWS)) {
    const counts = new Map(candidates.map((c) => [c, 0]));
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
    }
    let best = ",";
    let bestCount = 0;
    for (const c of candidates) {
      if (counts.get(c)! > bestCount) {
        best = c;
        bestCount = counts.get(c)!;
      }
    }
    if (bestCount > 0) return best;
  }
  return ",";
}

async function readCsv(file: string, options: ReadTableOptions): Promise<RawTable> {
  const text = decodeCsv(await readFile(file));
  const parser = parseCsv(text, {
    delimiter: detectDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    bom: true,
  });
  const collector = new TableCollector(options);
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber++;
      if (!collector.add(rowNumber, record)) break;
    }
  } catch (error) {
    if (error instanceof LabourFileError) throw error;
    throw new LabourFileError(`file is not valid CSV: ${(error as Error).message}`);
  } finally {
    parser.destroy();
  }
  return collector.finish();
}

// === XLSX ===

async function readXlsx(file: string, options: ReadTableOptions): Promise<RawTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new LabourFileError(`file is not a readable .xlsx workbook: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new LabourFileError("workbook has no worksheet");
  const collector = new TableCollector(options);
  const last = sheet.rowCount;
  for (let r = 1; r <= last; r++) {
    const row = sheet.findRow(r);
    if (!row) continue;
    const values = Array.isArray(row.values) ? (row.values as unknown[]).slice(1) : [];
    const cells: CellValue[] = [];
    for (let i = 0; i < values.length; i++) cells.push(normaliseExcelValue(values[i]));
    if (!collector.add(r, cells)) break;
  }
  const table = collector.finish();
  const modified = workbook.modified;
  if (modified instanceof Date && !Number.isNaN(modified.getTime())) table.modified = modified;
  return table;
}

/** exceljs cell value → plain value (rich text joined, formulas → result, hyperlinks → text). */
export function normaliseExcelValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return (v.richText as { text?: unknown }[]).map((part) => String(part.text ?? "")).join("");
    }
    if ("result" in v || "formula" in v || "sharedFormula" in v) return normaliseExcelValue(v.result);
    if ("text" in v) return normaliseExcelValue(v.text);
    if ("error" in v) return String(v.error);
  }
  return String(value);
}

// === Shared ===

/** Finds the header row, then gathers non-empty data rows up to the row limit. */
class TableCollector {
  private readonly isHeader: (cells: CellValue[]) => boolean;
  private readonly maxRows: number;
  private readonly pending: RawRow[] = [];
  private header: RawRow | null = null;
  private readonly rows: RawRow[] = [];

  constructor(options: ReadTableOptions) {
    this.isHeader = options.isHeader ?? (() => true);
    this.maxRows = options.maxRows ?? MAX_DATA_ROWS;
  }

  /** Adds a row; throws when the row limit is passed. Returns false to stop reading. */
  add(row: number, cells: CellValue[]): boolean {
    if (cells.every(isBlankCell)) return true;
    if (!this.header) {
      this.pending.push({ row, cells });
      if (this.isHeader(cells)) {
        this.header = this.pending.pop()!;
        this.pending.length = 0;
      } else if (this.pending.length >= HEADER_SEARCH_ROWS) {
        this.header = this.pending.shift()!;
        for (const r of this.pending.splice(0)) this.pushRow(r);
      }
      return true;
    }
    this.pushRow({ row, cells });
    return true;
  }

  private pushRow(row: RawRow): void {
    if (this.rows.length >= this.maxRows) {
      throw new LabourFileError(
        `file has more than ${this.maxRows.toLocaleString("en-US")} data rows: split it into smaller files`,
      );
    }
    this.rows.push(row);
  }

  finish(): RawTable {
    if (!this.header && this.pending.length > 0) {
      this.header = this.pending.shift()!;
      for (const r of this.pending.splice(0)) this.pushRow(r);
    }
    if (!this.header) throw new LabourFileError("file is empty: no header row");
    const header = this.header.cells.map((cell) => (cell === null ? "" : cleanText(cell instanceof Date ? cell.toISOString() : String(cell))));
    return { header, headerRow: this.header.row, rows: this.rows };
  }
}

function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
}

/**
 * Loads the Labour Office folder (`knowledge/labour/`): every `.csv` / `.xlsx` directly in it,
 * plus `examples/` on request. Each file is recognised by its header row; rows with a bad value
 * are dropped and reported, good rows are kept.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type {
  JobOpening,
  LabourData,
  LabourDemand,
  LabourFile,
  LabourTableKind,
  Money,
  TrainingCourse,
  ValidationIssue,
} from "../types.js";
import { dateFromFileName, formatDateVi, isoDateLocal, openEndedDate, parseDate } from "./dates.js";
import { recogniseHeader, type FieldDef, type HeaderMatch } from "./headers.js";
import { parseMoney } from "./money.js";
import type { ParseResult } from "./parse-result.js";
import { isBlankCell } from "./parse-result.js";
import { LabourFileError, readTable, type CellValue, type RawRow, type RawTable } from "./read-table.js";
import { cellText, parseInteger, parseYear } from "./values.js";

export const UNRECOGNISED_HEADER =
  "unrecognised header row: expected the columns of job openings, training courses or labour demand";
export const EXAMPLES_DIR = "examples";
/** Rows between two `onProgress` calls. */
export const PROGRESS_EVERY = 1000;

export interface LabourLoadOptions {
  /** Also load `examples/` (rows get `example: true`). */
  includeExamples: boolean;
  /** Called with rows done and rows in all files, every 1,000 rows and at the end. */
  onProgress?: (done: number, total: number) => void;
}

export interface LabourLoadResult {
  data: LabourData;
  issues: ValidationIssue[];
}

/** One file's contribution; `file` is null when the file was rejected. */
export interface LoadedLabourFile {
  file: LabourFile | null;
  jobs: JobOpening[];
  courses: TrainingCourse[];
  demand: LabourDemand[];
  issues: ValidationIssue[];
}

export function emptyLabourData(): LabourData {
  return { files: [], jobs: [], courses: [], demand: [] };
}

/** Loads every spreadsheet of the folder. A missing folder gives empty data and no issue. */
export async function loadLabourFolder(dir: string, options: LabourLoadOptions): Promise<LabourLoadResult> {
  const found: { abs: string; rel: string; example: boolean }[] = [];
  const issues: ValidationIssue[] = [];
  const scan = async (folder: string, prefix: string, example: boolean): Promise<void> => {
    for (const name of await listFiles(folder)) {
      const lower = name.toLowerCase();
      const rel = prefix ? `${prefix}/${name}` : name;
      if (name.startsWith("~$") || name.startsWith(".")) continue;
      if (lower.endsWith(".csv") || lower.endsWith(".xlsx")) {
        found.push({ abs: path.join(folder, name), rel, example });
      } else if (/\.(xls|xlsm|xlsb|ods|numbers)$/.test(lower)) {
        issues.push({ severity: "warning", file: rel, message: "file is ignored: save it as .xlsx or .csv (UTF-8)" });
      }
    }
  };
  await scan(dir, "", false);
  if (options.includeExamples) await scan(path.join(dir, EXAMPLES_DIR), EXAMPLES_DIR, true);

  // Read every table first so the progress total is known, then convert the rows.
  const tables: { entry: (typeof found)[number]; table: RawTable | null; mtime: Date | null }[] = [];
  for (const entry of found) {
    try {
      const table = await readTable(entry.abs, { isHeader: isRecognisedHeader });
      const mtime = (await stat(entry.abs)).mtime;
      tables.push({ entry, table, mtime });
    } catch (error) {
      issues.push(fileError(entry.rel, error));
      tables.push({ entry, table: null, mtime: null });
    }
  }
  const total = tables.reduce((sum, t) => sum + (t.table?.rows.length ?? 0), 0);
  let done = 0;
  options.onProgress?.(0, total);
  const tick = (): void => {
    done++;
    if (done % PROGRESS_EVERY === 0) options.onProgress?.(done, total);
  };

  const data = emptyLabourData();
  for (const { entry, table, mtime } of tables) {
    if (!table || !mtime) continue;
    const loaded = convertTable(table, entry.rel, entry.example, mtime, tick);
    issues.push(...loaded.issues);
    if (!loaded.file) continue;
    data.files.push(loaded.file);
    data.jobs.push(...loaded.jobs);
    data.courses.push(...loaded.courses);
    data.demand.push(...loaded.demand);
  }
  if (total % PROGRESS_EVERY !== 0) options.onProgress?.(total, total);
  return { data, issues };
}

/** Loads one spreadsheet. `relName` is its path relative to the labour folder (forward slashes). */
export async function loadLabourFile(
  file: string,
  relName: string,
  example: boolean,
  onRow?: () => void,
): Promise<LoadedLabourFile> {
  let table: RawTable;
  let mtime: Date;
  try {
    table = await readTable(file, { isHeader: isRecognisedHeader });
    mtime = (await stat(file)).mtime;
  } catch (error) {
    return { file: null, jobs: [], courses: [], demand: [], issues: [fileError(relName, error)] };
  }
  return convertTable(table, relName, example, mtime, onRow);
}

function isRecognisedHeader(cells: CellValue[]): boolean {
  return recogniseHeader(cells) !== null;
}

function fileError(file: string, error: unknown): ValidationIssue {
  if (error instanceof LabourFileError) return { severity: "error", file, message: error.message };
  const code = (error as NodeJS.ErrnoException).code;
  const message = code ? `file cannot be read (${code})` : `file cannot be read: ${(error as Error).message}`;
  return { severity: "error", file, message };
}

async function listFiles(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return [];
    throw error;
  }
}

// === Rows ===

type RowValues = Record<string, unknown>;

function convertTable(
  table: RawTable,
  rel: string,
  example: boolean,
  mtime: Date,
  onRow?: () => void,
): LoadedLabourFile {
  const out: LoadedLabourFile = { file: null, jobs: [], courses: [], demand: [], issues: [] };
  const match = recogniseHeader(table.header);
  if (!match) {
    out.issues.push({ severity: "error", file: rel, row: table.headerRow, message: UNRECOGNISED_HEADER });
    for (let i = 0; i < table.rows.length; i++) onRow?.();
    return out;
  }
  for (const header of match.missing) {
    out.issues.push({
      severity: "error",
      file: rel,
      row: table.headerRow,
      column: header,
      message: `missing required column "${header}" (the file looks like a table of ${KIND_NAMES[match.kind]})`,
    });
  }
  if (match.missing.length > 0) {
    for (let i = 0; i < table.rows.length; i++) onRow?.();
    return out;
  }
  for (const header of match.unknown) {
    out.issues.push({ severity: "warning", file: rel, row: table.headerRow, column: header, message: `unknown column "${header}" is ignored` });
  }
  for (const header of match.duplicates) {
    out.issues.push({ severity: "warning", file: rel, row: table.headerRow, column: header, message: `duplicate column "${header}" is ignored (the first one is used)` });
  }

  let kept = 0;
  for (const raw of table.rows) {
    onRow?.();
    const values = readRow(raw, match, rel, out.issues);
    if (!values) continue;
    const unclear = values[UNCLEAR_KEY] as string[] | undefined;
    const origin: Origin = { file: rel, row: raw.row, ...(example ? { example: true } : {}), ...(unclear ? { unclear } : {}) };
    if (match.kind === "jobs") out.jobs.push(toJob(values, origin));
    else if (match.kind === "courses") out.courses.push(toCourse(values, origin));
    else out.demand.push(toDemand(values, origin));
    kept++;
  }
  out.file = {
    file: rel,
    kind: match.kind,
    asOf: dateFromFileName(path.basename(rel)) ?? (table.modified ? isoDateLocal(table.modified) : isoDateLocal(mtime)),
    example,
    rowCount: kept,
  };
  return out;
}

const KIND_NAMES: Record<LabourTableKind, string> = {
  jobs: "job openings",
  courses: "training courses",
  demand: "labour demand",
};

/** How a cell that could not be read is shown: the row is kept, the value is not guessed. */
export const UNCLEAR_CELL = "chưa rõ";

/**
 * The row's values by field key, or null (with issues) when the row is empty or a required cell is
 * empty or bad. A bad cell in a column that is not required keeps the row: the field is listed in
 * `unclear` (money shows "chưa rõ", other fields are left empty) and the issue says so.
 */
function readRow(raw: RawRow, match: HeaderMatch, file: string, issues: ValidationIssue[]): RowValues | null {
  if (raw.cells.every(isBlankCell)) return null;
  const values: RowValues = {};
  const unclear: string[] = [];
  let bad = false;
  const report = (column: string, message: string, field?: FieldDef): void => {
    if (field && !field.required) {
      unclear.push(field.key);
      values[field.key] = field.type === "money" || field.type === "fee" ? { value: null, text: UNCLEAR_CELL } : null;
      issues.push({ severity: "error", file, row: raw.row, column, message, cellUnclear: true });
      return;
    }
    bad = true;
    issues.push({ severity: "error", file, row: raw.row, column, message });
  };
  const columnOf = new Map<string, string>();
  const fieldOf = new Map<string, FieldDef>();
  for (const [index, field] of match.columns) {
    const column = match.headers[index]!;
    columnOf.set(field.key, column);
    fieldOf.set(field.key, field);
    const cell = raw.cells[index] ?? null;
    if (field.required && isBlankCell(cell)) {
      report(column, `"${column}": required value is empty`);
      continue;
    }
    const result = readCell(cell, field);
    // "Tuyển liên tục" in Hạn nộp: no date, and no unreadable cell either (the row stays open).
    const open = !result.ok && (field.type === "date" || field.type === "month") ? openEndedDate(cell) : undefined;
    if (result.ok) values[field.key] = result.value;
    else if (open) {
      values[field.key] = null;
      values[`${OPEN_KEY}${field.key}`] = open;
    } else report(column, `"${column}": "${showCell(cell)}" ${result.error}`, field);
  }
  const min = values.wageMin as Money | null | undefined;
  const max = values.wageMax as Money | null | undefined;
  if (min?.value != null && max?.value != null && min.value > max.value) {
    const column = columnOf.get("wageMax")!;
    report(column, `"${column}": "${max.text}" is less than "${columnOf.get("wageMin")}" ("${min.text}")`, fieldOf.get("wageMax"));
  }
  if (bad) return null;
  if (unclear.length) values[UNCLEAR_KEY] = unclear;
  return values;
}

/** Where `readRow` lists the unclear fields among the values. */
const UNCLEAR_KEY = "\u0000unclear";
/** Prefix of the key under which `readRow` keeps an open-ended date cell as written ("Tuyển liên tục"). */
const OPEN_KEY = "\u0000open:";

function readCell(cell: CellValue, field: FieldDef): ParseResult<unknown> {
  switch (field.type) {
    case "text":
      return { ok: true, value: cellText(cell) };
    case "money":
      return parseMoney(cell);
    case "fee":
      return parseMoney(cell, { fee: true });
    case "integer":
      return parseInteger(cell);
    case "year":
      return parseYear(cell);
    case "date":
      return parseDate(cell);
    case "month":
      return parseDate(cell, { allowMonth: true });
  }
}

/** A cell as quoted in messages. */
function showCell(cell: CellValue): string {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : formatDateVi(cell.toISOString().slice(0, 10));
  return cellText(cell);
}

type Origin = { file: string; row: number; example?: boolean; unclear?: string[] };

const str = (v: RowValues, key: string): string => (typeof v[key] === "string" ? (v[key] as string) : "");
const money = (v: RowValues, key: string): Money | null => (v[key] as Money | null | undefined) ?? null;
const num = (v: RowValues, key: string): number | null => (typeof v[key] === "number" ? (v[key] as number) : null);
const date = (v: RowValues, key: string): string | null => (typeof v[key] === "string" ? (v[key] as string) : null);
/** An open-ended date cell as written, as an optional field of the row (absent when the cell held a date). */
const openNote = (v: RowValues, key: string, field: string): Record<string, string> =>
  typeof v[`${OPEN_KEY}${key}`] === "string" ? { [field]: v[`${OPEN_KEY}${key}`] as string } : {};

function toJob(v: RowValues, origin: Origin): JobOpening {
  return {
    ...origin,
    company: str(v, "company"),
    position: str(v, "position"),
    quantity: num(v, "quantity"),
    wageMin: money(v, "wageMin"),
    wageMax: money(v, "wageMax"),
    workplace: str(v, "workplace"),
    requirements: str(v, "requirements"),
    deadline: date(v, "deadline"),
    ...openNote(v, "deadline", "deadlineNote"),
    contact: str(v, "contact"),
  };
}

function toCourse(v: RowValues, origin: Origin): TrainingCourse {
  return {
    ...origin,
    institution: str(v, "institution"),
    trade: str(v, "trade"),
    level: str(v, "level"),
    duration: str(v, "duration"),
    fee: money(v, "fee"),
    support: str(v, "support"),
    audience: str(v, "audience"),
    location: str(v, "location"),
    startDate: date(v, "startDate"),
    ...openNote(v, "startDate", "startNote"),
    contact: str(v, "contact"),
  };
}

function toDemand(v: RowValues, origin: Origin): LabourDemand {
  return {
    ...origin,
    trade: str(v, "trade"),
    year: num(v, "year") ?? 0,
    demand: num(v, "demand") ?? 0,
    avgWage: money(v, "avgWage"),
    note: str(v, "note"),
  };
}

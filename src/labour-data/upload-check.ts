/**
 * Checks one spreadsheet uploaded on `/dashboard/du-lieu` with the same reader as `npm run ingest`
 * (`knowledge/labour/labour-loader.ts`): the type is taken from the content, never from the name
 * (an `.xlsx` is a ZIP archive; a CSV is UTF-8 or UTF-16 text), then the file is read and
 * validated. A file that cannot be used at all (empty, not a spreadsheet, wrong headers, no good
 * row) is refused with a Vietnamese message and changes nothing.
 */
import crypto from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { labourUploadVi } from "../messages-vi.js";
import { loadLabourFile } from "../knowledge/labour/labour-loader.js";
import { decodeCsv, LabourFileError } from "../knowledge/labour/read-table.js";
import type { ValidationIssue } from "../knowledge/types.js";
import type { DraftFile } from "../store/labour-dataset-store.js";
import { reportLineVi, type ReportLineVi } from "./report-vi.js";

/** Largest upload taken (the reader's own limit for folder files is larger). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export type UploadCheck =
  | { ok: true; file: DraftFile; report: ReportLineVi[] }
  | { ok: false; code: "empty" | "not_spreadsheet" | "unreadable" | "wrong_headers" | "no_good_rows"; messageVi: string; report: ReportLineVi[] };

/** `xlsx`, `csv`, or undefined when the bytes are neither. */
export function sniffSpreadsheet(bytes: Buffer): "xlsx" | "csv" | undefined {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "xlsx";
  try {
    const text = decodeCsv(bytes);
    // Text without a single line break or separator is not a table (a note, a PDF's header line…).
    return /[,;\t]/.test(text) ? "csv" : undefined;
  } catch {
    return undefined;
  }
}

/** The name as shown in reports and citations: its last path part, tidied, at most 100 characters. */
export function cleanUploadName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").normalize("NFC").replace(/[\u0000-\u001f<>"'`]/g, "").trim();
  return (base || "bang-tinh").slice(0, 100);
}

export async function checkUpload(bytes: Buffer, uploadName: string): Promise<UploadCheck> {
  const name = cleanUploadName(uploadName);
  if (bytes.length === 0) return { ok: false, code: "empty", messageVi: labourUploadVi.empty(name), report: [] };
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0) return { ok: false, code: "not_spreadsheet", messageVi: labourUploadVi.oldExcel(name), report: [] };
  const type = sniffSpreadsheet(bytes);
  if (!type) return { ok: false, code: "not_spreadsheet", messageVi: labourUploadVi.notSpreadsheet(name), report: [] };

  // The reader reads files: the bytes go to a private temporary folder named by their sniffed type.
  const dir = await mkdtemp(path.join(os.tmpdir(), "tracu-upload-"));
  try {
    const tmp = path.join(dir, `${crypto.randomUUID()}.${type}`);
    await writeFile(tmp, bytes, { mode: 0o600 });
    const loaded = await loadLabourFile(tmp, name, false);
    const report = loaded.issues.map(reportLineVi);
    if (!loaded.file) {
      const first = loaded.issues[0];
      const headerProblem = loaded.issues.some((i) => /header|required column/.test(i.message));
      if (first && first.message.startsWith("file is empty")) return { ok: false, code: "empty", messageVi: labourUploadVi.empty(name), report };
      return headerProblem
        ? { ok: false, code: "wrong_headers", messageVi: labourUploadVi.wrongHeaders(name), report }
        : { ok: false, code: "unreadable", messageVi: labourUploadVi.unreadable(name), report };
    }
    if (loaded.file.rowCount === 0) return { ok: false, code: "no_good_rows", messageVi: labourUploadVi.noGoodRows(name), report };
    const file: DraftFile = {
      name,
      kind: loaded.file.kind,
      rowCount: loaded.file.rowCount,
      data: { files: [loaded.file], jobs: loaded.jobs, courses: loaded.courses, demand: loaded.demand },
      issues: loaded.issues,
    };
    return { ok: true, file, report };
  } catch (error) {
    if (error instanceof LabourFileError) {
      const issue: ValidationIssue = { severity: "error", file: name, message: error.message };
      return { ok: false, code: "unreadable", messageVi: labourUploadVi.unreadable(name), report: [reportLineVi(issue)] };
    }
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

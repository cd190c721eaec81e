/** Temp folders and small file builders shared by the labour tests. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "labour-test-"));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes a UTF-8 CSV (with a BOM when asked) from lines joined by CRLF. */
export function writeCsv(dir: string, name: string, lines: string[], options: { bom?: boolean } = {}): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const body = Buffer.from(lines.join("\r\n") + "\r\n", "utf8");
  fs.writeFileSync(file, options.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body);
  return file;
}

/** Writes an .xlsx whose first worksheet holds `rows` (row 1 first). */
export async function writeXlsx(
  dir: string,
  name: string,
  rows: unknown[][],
  options: { modified?: Date; sheetName?: string } = {},
): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  if (options.modified) workbook.modified = options.modified;
  const sheet = workbook.addWorksheet(options.sheetName ?? "Sheet1");
  for (const row of rows) sheet.addRow(row);
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

export const JOB_HEADER = "Doanh nghiệp,Vị trí,Số lượng,Lương tối thiểu,Lương tối đa,Nơi làm việc,Yêu cầu,Hạn nộp,Liên hệ";

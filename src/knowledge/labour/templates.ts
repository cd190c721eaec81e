/**
 * Blank `.xlsx` templates for the Labour Office: one per table, the exact headers in row 1 (bold,
 * frozen, sized columns) and a "Hướng dẫn" sheet explaining each column in Vietnamese.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import { LABOUR_TABLES, type FieldDef, type TableDef } from "./headers.js";

export const GUIDE_SHEET = "Hướng dẫn";

/** Writes the three templates into `outDir` (created if needed); returns the written paths. */
export async function writeLabourTemplates(outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const table of LABOUR_TABLES) {
    const file = path.join(outDir, table.templateFile);
    await buildTemplate(table).xlsx.writeFile(file);
    written.push(file);
  }
  return written;
}

export function buildTemplate(table: TableDef): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "tra-cu-career-bot";
  workbook.created = new Date();
  workbook.modified = new Date();

  const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  sheet.columns = table.fields.map((field) => ({ header: field.header, key: field.key, width: columnWidth(field) }));
  const headerRow = sheet.getRow(1);
  headerRow.font = { bold: true };
  headerRow.alignment = { vertical: "middle", wrapText: true };
  table.fields.forEach((field, i) => {
    if (field.type === "date") sheet.getColumn(i + 1).numFmt = "dd/mm/yyyy";
  });

  const guide = workbook.addWorksheet(GUIDE_SHEET);
  guide.columns = [
    { header: "Cột", key: "header", width: 22 },
    { header: "Bắt buộc", key: "required", width: 16 },
    { header: "Cách ghi", key: "guide", width: 90 },
    { header: "Ví dụ", key: "example", width: 32 },
  ];
  guide.getRow(1).font = { bold: true };
  guide.views = [{ state: "frozen", xSplit: 0, ySplit: 1 }];
  for (const field of table.fields) {
    guide.addRow({
      header: field.header,
      required: field.required ? "Bắt buộc" : "Không bắt buộc",
      guide: field.guide,
      example: field.example,
    });
  }
  guide.addRow([]);
  for (const note of generalNotes(table)) guide.addRow([note]);
  guide.getColumn(3).alignment = { wrapText: true, vertical: "top" };
  return workbook;
}

function generalNotes(table: TableDef): string[] {
  return [
    `Bảng: ${table.title}. Nhập dữ liệu ở trang “${table.sheetName}”, mỗi dòng một ${ROW_NOUN[table.kind]}; giữ nguyên dòng tiêu đề.`,
    "Có thể đổi thứ tự cột hoặc bỏ các cột không bắt buộc; cột lạ sẽ bị bỏ qua.",
    "Ghi ngày trong tên tệp để biết số liệu cập nhật đến ngày nào, ví dụ: viec-lam-2026-11-15.xlsx.",
    "Không ghi số điện thoại cá nhân; chỉ ghi bộ phận hoặc nơi liên hệ chính thức.",
  ];
}

const ROW_NOUN: Record<TableDef["kind"], string> = {
  jobs: "vị trí tuyển dụng",
  courses: "khóa đào tạo",
  demand: "ngành nghề trong một năm",
};

function columnWidth(field: FieldDef): number {
  switch (field.type) {
    case "integer":
    case "year":
      return 12;
    case "date":
    case "month":
      return 14;
    case "money":
    case "fee":
      return 18;
    default:
      return field.required ? 32 : 26;
  }
}

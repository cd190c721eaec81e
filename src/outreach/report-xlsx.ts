/**
 * The report as an `.xlsx` workbook (exceljs): one sheet per section of `reportSections`, a bold
 * frozen header row, numbers as numbers. Text cells are written as text, never as formulas, so a
 * question that starts with "=" stays a question.
 */
import ExcelJS from "exceljs";
import type { OutreachReport } from "./outreach-report.js";
import { reportSections, reportTitle } from "./report-sections.js";

export async function reportToXlsx(report: OutreachReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "tra-cu-career-bot";
  workbook.created = new Date();
  workbook.title = reportTitle(report);
  for (const section of reportSections(report)) {
    const sheet = workbook.addWorksheet(section.sheet.slice(0, 31), { views: [{ state: "frozen", xSplit: 0, ySplit: 2 }] });
    sheet.addRow([`${reportTitle(report)} – ${section.title}`]).font = { bold: true, size: 12 };
    const header = sheet.addRow(section.columns);
    header.font = { bold: true };
    header.alignment = { vertical: "middle", wrapText: true };
    for (const row of section.rows) sheet.addRow(row);
    section.columns.forEach((title, i) => {
      const longest = Math.max(title.length, ...section.rows.map((row) => String(row[i] ?? "").length));
      sheet.getColumn(i + 1).width = Math.min(80, Math.max(10, longest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

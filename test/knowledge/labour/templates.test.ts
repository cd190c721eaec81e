import path from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LABOUR_TABLES } from "../../../src/knowledge/labour/headers.js";
import { loadLabourFolder } from "../../../src/knowledge/labour/labour-loader.js";
import { writeLabourTemplates } from "../../../src/knowledge/labour/templates.js";
import { makeTempDir, removeDir } from "./helpers.js";

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  removeDir(dir);
});

const HEADERS: Record<string, string[]> = {
  "mau-viec-lam.xlsx": ["Doanh nghiệp", "Vị trí", "Số lượng", "Lương tối thiểu", "Lương tối đa", "Nơi làm việc", "Yêu cầu", "Hạn nộp", "Liên hệ"],
  "mau-khoa-dao-tao.xlsx": ["Cơ sở đào tạo", "Nghề", "Trình độ", "Thời gian", "Học phí", "Hỗ trợ", "Đối tượng", "Địa điểm", "Khai giảng", "Liên hệ"],
  "mau-nhu-cau-lao-dong.xlsx": ["Ngành nghề", "Năm", "Nhu cầu", "Lương bình quân", "Ghi chú"],
};

describe("Labour Office templates", () => {
  it("writes the three templates and returns their paths", async () => {
    const out = path.join(dir, "mau");
    const written = await writeLabourTemplates(out);
    expect(written).toEqual([
      path.join(out, "mau-viec-lam.xlsx"),
      path.join(out, "mau-khoa-dao-tao.xlsx"),
      path.join(out, "mau-nhu-cau-lao-dong.xlsx"),
    ]);
  });

  it("row 1 holds the exact headers, bold and frozen, with column widths; a 'Hướng dẫn' sheet explains each column", async () => {
    const written = await writeLabourTemplates(dir);
    for (const file of written) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      const expected = HEADERS[path.basename(file)]!;
      const sheet = workbook.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(expected);
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      for (let c = 1; c <= expected.length; c++) expect(sheet.getColumn(c).width).toBeGreaterThanOrEqual(10);
      expect(sheet.actualRowCount).toBe(1);

      const guide = workbook.getWorksheet("Hướng dẫn");
      expect(guide).toBeDefined();
      const table = LABOUR_TABLES.find((t) => t.templateFile === path.basename(file))!;
      const lines = expected.map((_, i) => (guide!.getRow(i + 2).values as unknown[]).slice(1));
      expect(lines.map((l) => l[0])).toEqual(expected);
      expect(lines.map((l) => l[1])).toEqual(table.fields.map((f) => (f.required ? "Bắt buộc" : "Không bắt buộc")));
      for (const line of lines) {
        expect(typeof line[2]).toBe("string");
        expect(typeof line[3]).toBe("string");
        expect((line[3] as string).length).toBeGreaterThan(0);
      }
    }
  });

  it("round-trips: each blank template loads as its table with zero rows and zero issues", async () => {
    await writeLabourTemplates(dir);
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([]);
    expect(data.files.map((f) => [f.file, f.kind, f.rowCount])).toEqual([
      ["mau-khoa-dao-tao.xlsx", "courses", 0],
      ["mau-nhu-cau-lao-dong.xlsx", "demand", 0],
      ["mau-viec-lam.xlsx", "jobs", 0],
    ]);
    expect(data.jobs).toEqual([]);
    expect(data.courses).toEqual([]);
    expect(data.demand).toEqual([]);
  });

  it("the example values of the guide are themselves valid", async () => {
    // A template filled with the guide's examples loads without issues.
    const { buildTemplate } = await import("../../../src/knowledge/labour/templates.js");
    for (const table of LABOUR_TABLES) {
      const workbook = buildTemplate(table);
      const values = table.fields.map((f) => f.example.split(" hoặc ")[0]!);
      workbook.worksheets[0]!.addRow(values);
      await workbook.xlsx.writeFile(path.join(dir, table.templateFile));
    }
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([]);
    expect(data.files.map((f) => f.rowCount)).toEqual([1, 1, 1]);
  });
});

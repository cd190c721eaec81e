import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadLabourFolder } from "../../../src/knowledge/labour/labour-loader.js";
import { readTable } from "../../../src/knowledge/labour/read-table.js";
import { makeTempDir, removeDir, writeXlsx } from "./helpers.js";

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  removeDir(dir);
});

const JOB_HEADER = ["Doanh nghiệp", "Vị trí", "Số lượng", "Lương tối thiểu", "Lương tối đa", "Hạn nộp"];

describe(".xlsx workbooks", () => {
  it("reads real date cells, number cells and Excel serial dates", async () => {
    await writeXlsx(dir, "viec-lam-2026-11-15.xlsx", [
      JOB_HEADER,
      ["Công ty A", "Thợ hàn", 5, 8_000_000, 10_000_000, new Date(Date.UTC(2026, 11, 20))],
      ["Công ty B", "Bán hàng", 12, "7tr", 9_500_000, 46341],
      ["Công ty C", "Bảo vệ", null, "Thỏa thuận", null, "05/01/2027"],
    ]);
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([]);
    expect(data.jobs).toEqual([
      {
        file: "viec-lam-2026-11-15.xlsx",
        row: 2,
        company: "Công ty A",
        position: "Thợ hàn",
        quantity: 5,
        wageMin: { value: 8_000_000, text: "8.000.000" },
        wageMax: { value: 10_000_000, text: "10.000.000" },
        workplace: "",
        requirements: "",
        deadline: "2026-12-20",
        contact: "",
      },
      {
        file: "viec-lam-2026-11-15.xlsx",
        row: 3,
        company: "Công ty B",
        position: "Bán hàng",
        quantity: 12,
        wageMin: { value: 7_000_000, text: "7tr" },
        wageMax: { value: 9_500_000, text: "9.500.000" },
        workplace: "",
        requirements: "",
        deadline: "2026-11-15",
        contact: "",
      },
      {
        file: "viec-lam-2026-11-15.xlsx",
        row: 4,
        company: "Công ty C",
        position: "Bảo vệ",
        quantity: null,
        wageMin: { value: null, text: "Thỏa thuận" },
        wageMax: null,
        workplace: "",
        requirements: "",
        deadline: "2027-01-05",
        contact: "",
      },
    ]);
    expect(data.files).toEqual([{ file: "viec-lam-2026-11-15.xlsx", kind: "jobs", asOf: "2026-11-15", example: false, rowCount: 3 }]);
  });

  it("takes the header from the first non-empty row and counts rows above it", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Nhu cầu");
    sheet.getRow(3).values = ["Ngành nghề", "Năm", "Nhu cầu", "Lương bình quân"];
    sheet.getRow(4).values = ["May công nghiệp", 2026, 450, "7,5 triệu"];
    sheet.getRow(6).values = ["Hàn", 2026, "nhiều", 9_000_000];
    sheet.getRow(7).values = ["Điện", 2026, 90, 10_000_000];
    await workbook.xlsx.writeFile(path.join(dir, "nhu-cau-2026-11-15.xlsx"));
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([
      { severity: "error", file: "nhu-cau-2026-11-15.xlsx", row: 6, column: "Nhu cầu", message: '"Nhu cầu": "nhiều" is not a whole number' },
    ]);
    expect(data.demand).toEqual([
      { file: "nhu-cau-2026-11-15.xlsx", row: 4, trade: "May công nghiệp", year: 2026, demand: 450, avgWage: { value: 7_500_000, text: "7,5 triệu" }, note: "" },
      { file: "nhu-cau-2026-11-15.xlsx", row: 7, trade: "Điện", year: 2026, demand: 90, avgWage: { value: 10_000_000, text: "10.000.000" }, note: "" },
    ]);
  });

  it("reads only the first worksheet", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Khóa").addRows([["Cơ sở đào tạo", "Nghề", "Học phí"], ["Trung tâm A", "Hàn", 0]]);
    workbook.addWorksheet("Khác").addRows([["Cơ sở đào tạo", "Nghề"], ["Trung tâm B", "May"]]);
    await workbook.xlsx.writeFile(path.join(dir, "khoa.xlsx"));
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([]);
    expect(data.courses.map((c) => [c.institution, c.fee])).toEqual([["Trung tâm A", { value: 0, text: "0", free: true }]]);
  });

  it("reads rich text, formulas and hyperlinks as plain values", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Việc làm");
    sheet.addRow(["Doanh nghiệp", "Vị trí", "Số lượng", "Liên hệ"]);
    sheet.addRow([
      { richText: [{ text: "Công ty " }, { text: "A", font: { bold: true } }] },
      "Thợ hàn",
      { formula: "2+3", result: 5 },
      { text: "Trang tuyển dụng", hyperlink: "https://example.invalid/" },
    ]);
    await workbook.xlsx.writeFile(path.join(dir, "viec-lam.xlsx"));
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([]);
    expect(data.jobs.map((j) => [j.company, j.quantity, j.contact])).toEqual([["Công ty A", 5, "Trang tuyển dụng"]]);
  });

  it("asOf comes from the workbook's modified property when the name has no date", async () => {
    const file = await writeXlsx(dir, "viec-lam.xlsx", [JOB_HEADER, ["Công ty A", "Thợ hàn"]], {
      modified: new Date("2026-09-30T18:00:00Z"), // 01:00 on 1/10 in Vietnam: asOf is the Vietnam day
    });
    fs.utimesSync(file, new Date(2026, 0, 2, 12), new Date(2026, 0, 2, 12));
    const { data } = await loadLabourFolder(dir, { includeExamples: false });
    expect(data.files[0]?.asOf).toBe("2026-10-01");
  });

  it("readTable returns the header as written and the data rows", async () => {
    const file = await writeXlsx(dir, "t.xlsx", [["  Doanh   nghiệp ", "Vị trí"], ["A", "B"]]);
    const table = await readTable(file);
    expect(table.header).toEqual(["Doanh nghiệp", "Vị trí"]);
    expect(table.headerRow).toBe(1);
    expect(table.rows).toEqual([{ row: 2, cells: ["A", "B"] }]);
  });

  it("a file that is not a workbook is rejected", async () => {
    fs.writeFileSync(path.join(dir, "hong.xlsx"), "not a zip");
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(data.files).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: "error", file: "hong.xlsx" });
    expect(issues[0]?.message).toMatch(/^file is not a readable \.xlsx workbook: /);
  });
});

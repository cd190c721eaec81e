import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadLabourFolder } from "../../../src/knowledge/labour/labour-loader.js";
import { MAX_DATA_ROWS, MAX_FILE_BYTES, readTable } from "../../../src/knowledge/labour/read-table.js";
import { makeTempDir, removeDir, writeXlsx } from "./helpers.js";

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  removeDir(dir);
});

function demandCsv(rows: number): string {
  const parts = ["Ngành nghề,Năm,Nhu cầu\n"];
  for (let i = 0; i < rows; i++) parts.push(`N${i},2026,${i}\n`);
  return parts.join("");
}

describe("file size limit", () => {
  it("refuses a file over 20 MB before reading it", async () => {
    const file = path.join(dir, "viec-lam.csv");
    fs.writeFileSync(file, "Doanh nghiệp,Vị trí\n");
    fs.truncateSync(file, 21 * 1024 * 1024);
    expect(MAX_FILE_BYTES).toBe(20 * 1024 * 1024);
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(data.files).toEqual([]);
    expect(issues).toEqual([
      { severity: "error", file: "viec-lam.csv", message: "file is too large (21 MB; the limit is 20 MB): split it into smaller files" },
    ]);
  });

  it("refuses an .xlsx over the limit too", async () => {
    const file = await writeXlsx(dir, "viec-lam.xlsx", [["Doanh nghiệp", "Vị trí"], ["A", "B"]]);
    await expect(readTable(file, { maxBytes: 100 })).rejects.toThrow(/^file is too large/);
  });
});

describe("row limit", () => {
  it("accepts exactly 100,000 data rows", async () => {
    expect(MAX_DATA_ROWS).toBe(100_000);
    fs.writeFileSync(path.join(dir, "nhu-cau.csv"), demandCsv(100_000));
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([]);
    expect(data.demand).toHaveLength(100_000);
    expect(data.demand[99_999]).toMatchObject({ row: 100_001, trade: "N99999", demand: 99_999 });
  });

  it("refuses a file with 100,001 data rows", async () => {
    fs.writeFileSync(path.join(dir, "nhu-cau.csv"), demandCsv(100_001));
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(data.files).toEqual([]);
    expect(data.demand).toEqual([]);
    expect(issues).toEqual([
      { severity: "error", file: "nhu-cau.csv", message: "file has more than 100,000 data rows: split it into smaller files" },
    ]);
  });

  it("applies the row limit to .xlsx while reading", async () => {
    const file = await writeXlsx(dir, "nhu-cau.xlsx", [["Ngành nghề", "Năm", "Nhu cầu"], ["A", 2026, 1], ["B", 2026, 2], ["C", 2026, 3]]);
    await expect(readTable(file, { maxRows: 2 })).rejects.toThrow("file has more than 2 data rows: split it into smaller files");
    await expect(readTable(file, { maxRows: 3 })).resolves.toMatchObject({ headerRow: 1 });
  });
});

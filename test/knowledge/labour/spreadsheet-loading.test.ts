import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadLabourFile, loadLabourFolder, UNCLEAR_CELL, UNRECOGNISED_HEADER } from "../../../src/knowledge/labour/labour-loader.js";
import { JOB_HEADER, makeTempDir, removeDir, writeCsv } from "./helpers.js";

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => {
  removeDir(dir);
});

const JOB_ROW = "Công ty TNHH Thử Nghiệm May A,Công nhân may,20,7.000.000,9 triệu,Xã Trà Cú,Từ 18 tuổi,15/12/2026,Phòng nhân sự";

const EXPECTED_JOB = {
  file: "viec-lam-2026-11-15.csv",
  row: 2,
  company: "Công ty TNHH Thử Nghiệm May A",
  position: "Công nhân may",
  quantity: 20,
  wageMin: { value: 7_000_000, text: "7.000.000" },
  wageMax: { value: 9_000_000, text: "9 triệu" },
  workplace: "Xã Trà Cú",
  requirements: "Từ 18 tuổi",
  deadline: "2026-12-15",
  contact: "Phòng nhân sự",
};

describe("CSV encodings and delimiters", () => {
  it("loads UTF-8 with a BOM", async () => {
    writeCsv(dir, "viec-lam-2026-11-15.csv", [JOB_HEADER, JOB_ROW], { bom: true });
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([]);
    expect(data.jobs).toEqual([EXPECTED_JOB]);
    expect(data.files).toEqual([{ file: "viec-lam-2026-11-15.csv", kind: "jobs", asOf: "2026-11-15", example: false, rowCount: 1 }]);
  });

  it("loads UTF-8 without a BOM", async () => {
    writeCsv(dir, "viec-lam-2026-11-15.csv", [JOB_HEADER, JOB_ROW]);
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([]);
    expect(data.jobs).toEqual([EXPECTED_JOB]);
  });

  it("loads UTF-16 LE with a BOM, tab-separated (Excel 'Unicode text')", async () => {
    const text = [JOB_HEADER, JOB_ROW].map((line) => line.split(",").join("\t")).join("\r\n") + "\r\n";
    fs.writeFileSync(path.join(dir, "viec-lam-2026-11-15.csv"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([]);
    expect(data.jobs).toEqual([EXPECTED_JOB]);
  });

  it("loads UTF-16 BE with a BOM", async () => {
    const text = [JOB_HEADER, JOB_ROW].map((line) => line.split(",").join("\t")).join("\r\n");
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.from(le).swap16();
    fs.writeFileSync(path.join(dir, "viec-lam-2026-11-15.csv"), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([]);
    expect(data.jobs).toEqual([EXPECTED_JOB]);
  });

  it("loads ';'-separated CSV (with decimal commas inside cells)", async () => {
    writeCsv(dir, "viec-lam-2026-11-15.csv", [
      JOB_HEADER.split(",").join(";"),
      "Công ty TNHH Thử Nghiệm May A;Công nhân may;20;7,5 triệu;9 triệu;Xã Trà Cú;Từ 18 tuổi, biết may;15/12/2026;Phòng nhân sự",
    ]);
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([]);
    expect(data.jobs).toEqual([
      { ...EXPECTED_JOB, wageMin: { value: 7_500_000, text: "7,5 triệu" }, requirements: "Từ 18 tuổi, biết may" },
    ]);
  });

  it("rejects a file that is neither UTF-8 nor UTF-16", async () => {
    // "Việc" in Windows-1258-like single bytes: invalid UTF-8.
    fs.writeFileSync(path.join(dir, "viec-lam.csv"), Buffer.concat([Buffer.from("Doanh nghi"), Buffer.from([0xea, 0xf2]), Buffer.from("p,V\n")]));
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(data.files).toEqual([]);
    expect(issues).toEqual([
      {
        severity: "error",
        file: "viec-lam.csv",
        message: 'file is not UTF-8 or UTF-16 text: in Excel use "Save As" → "CSV UTF-8 (Comma delimited)" or save as .xlsx',
      },
    ]);
  });
});

describe("header problems reject or warn", () => {
  it("an unrecognised header row rejects the file", async () => {
    writeCsv(dir, "danh-sach.csv", ["Họ tên,Ngày sinh,Địa chỉ", "A,01/01/2000,Xã Trà Cú"]);
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(data.files).toEqual([]);
    expect(issues).toEqual([{ severity: "error", file: "danh-sach.csv", row: 1, message: UNRECOGNISED_HEADER }]);
    expect(UNRECOGNISED_HEADER).toBe(
      "unrecognised header row: expected the columns of job openings, training courses or labour demand",
    );
  });

  it("a missing required column rejects the file and names the column", async () => {
    writeCsv(dir, "viec-lam.csv", ["Doanh nghiệp,Số lượng,Lương tối thiểu", "Công ty A,5,7 triệu"]);
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(data.files).toEqual([]);
    expect(data.jobs).toEqual([]);
    expect(issues).toEqual([
      {
        severity: "error",
        file: "viec-lam.csv",
        row: 1,
        column: "Vị trí",
        message: 'missing required column "Vị trí" (the file looks like a table of job openings)',
      },
    ]);
  });

  it("an unknown column is warned about once and ignored", async () => {
    writeCsv(dir, "nhu-cau.csv", ["Ngành nghề,Năm,Nhu cầu,Người lập biểu", "Hàn,2026,120,Nguyễn Văn Thử"]);
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([
      { severity: "warning", file: "nhu-cau.csv", row: 1, column: "Người lập biểu", message: 'unknown column "Người lập biểu" is ignored' },
    ]);
    expect(data.demand).toEqual([{ file: "nhu-cau.csv", row: 2, trade: "Hàn", year: 2026, demand: 120, avgWage: null, note: "" }]);
  });

  it("recognises headers in any order, upper case, without diacritics, with extra spaces", async () => {
    writeCsv(dir, "khoa.csv", ["  NGHE  ,hoc phi,CO SO DAO TAO:,Khai  giảng", "Hàn,Miễn học phí,Trung tâm Thử Nghiệm,12/2026"]);
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([]);
    expect(data.courses).toEqual([
      {
        file: "khoa.csv",
        row: 2,
        institution: "Trung tâm Thử Nghiệm",
        trade: "Hàn",
        level: "",
        duration: "",
        fee: { value: 0, text: "Miễn học phí", free: true },
        support: "",
        audience: "",
        location: "",
        startDate: "2026-12",
        contact: "",
      },
    ]);
  });

  it("finds the header below a title row and keeps spreadsheet row numbers", async () => {
    writeCsv(dir, "viec-lam.csv", ["DANH SÁCH VIỆC LÀM THÁNG 11,,,,,,,,", ",,,,,,,,", JOB_HEADER, JOB_ROW]);
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([]);
    expect(data.jobs.map((j) => [j.row, j.company])).toEqual([[4, "Công ty TNHH Thử Nghiệm May A"]]);
  });
});

describe("rows missing a required value are dropped, a bad optional cell is kept as 'chưa rõ', all reported", () => {
  it("reports file, exact row and column as written, keeps the rest", async () => {
    writeCsv(dir, "viec-lam-2026-11-15.csv", [
      "Doanh nghiệp,Vị trí,Số lượng,Lương tối thiểu,Lương tối đa,Hạn nộp", // row 1
      "Công ty A,Thợ hàn,5,8 triệu,10 triệu,20/12/2026", // row 2: good
      "Công ty B,Bán hàng,2,bảy triệu,9 triệu,20/12/2026", // row 3: bad money
      ",,,,,", // row 4: empty, skipped silently
      "Công ty C,,3,7 triệu,8 triệu,20/12/2026", // row 5: required empty
      "Công ty D,Bảo vệ,-3,7 triệu,8 triệu,31/02/2026", // row 6: negative count and bad date
      "Công ty E,Lái xe,1,12 triệu,10 triệu,", // row 7: min > max
      "Công ty F,Điện lạnh,1.200,7 - 9 triệu,,", // row 8: range
      "Công ty G,May,abc,7 triệu,9 triệu,", // row 9: not a number
      "", // row 10: blank line
      "Công ty H,Kho lạnh,,Thỏa thuận,,15/01/2027", // row 11: good
    ]);
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    const unclear = { value: null, text: UNCLEAR_CELL };
    expect(data.jobs.map((j) => [j.row, j.company, j.quantity, j.wageMin?.text ?? null, j.wageMax?.text ?? null, j.deadline, j.unclear ?? []])).toEqual([
      [2, "Công ty A", 5, "8 triệu", "10 triệu", "2026-12-20", []],
      [3, "Công ty B", 2, unclear.text, "9 triệu", "2026-12-20", ["wageMin"]],
      [6, "Công ty D", null, "7 triệu", "8 triệu", null, ["quantity", "deadline"]],
      [7, "Công ty E", 1, "12 triệu", unclear.text, null, ["wageMax"]],
      [8, "Công ty F", 1200, unclear.text, null, null, ["wageMin"]],
      [9, "Công ty G", null, "7 triệu", "9 triệu", null, ["quantity"]],
      [11, "Công ty H", null, "Thỏa thuận", null, "2027-01-15", []],
    ]);
    expect(data.jobs[1]?.wageMin).toEqual(unclear);
    expect(data.files[0]?.rowCount).toBe(7);
    const file = "viec-lam-2026-11-15.csv";
    expect(issues).toEqual([
      { severity: "error", file, row: 3, column: "Lương tối thiểu", message: '"Lương tối thiểu": "bảy triệu" is not a recognised amount of money', cellUnclear: true },
      { severity: "error", file, row: 5, column: "Vị trí", message: '"Vị trí": required value is empty' },
      { severity: "error", file, row: 6, column: "Số lượng", message: '"Số lượng": "-3" is negative', cellUnclear: true },
      { severity: "error", file, row: 6, column: "Hạn nộp", message: '"Hạn nộp": "31/02/2026" is not a real calendar date', cellUnclear: true },
      { severity: "error", file, row: 7, column: "Lương tối đa", message: '"Lương tối đa": "10 triệu" is less than "Lương tối thiểu" ("12 triệu")', cellUnclear: true },
      {
        severity: "error",
        file,
        row: 8,
        column: "Lương tối thiểu",
        message: '"Lương tối thiểu": "7 - 9 triệu" is a range, not a single amount of money (put the minimum and the maximum in separate columns)',
        cellUnclear: true,
      },
      { severity: "error", file, row: 9, column: "Số lượng", message: '"Số lượng": "abc" is not a whole number', cellUnclear: true },
    ]);
  });

  it("reports the column header as written in the file", async () => {
    writeCsv(dir, "nhu-cau.csv", ["NGANH NGHE,nam:,Nhu cầu", "Hàn,1999,5", "May,2026,1.200", "Điện,2026,\"1,200\"", "Bán hàng,2026,12 người"]);
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(issues).toEqual([
      { severity: "error", file: "nhu-cau.csv", row: 2, column: "nam:", message: '"nam:": "1999" is not a year between 2000 and 2100' },
    ]);
    expect(data.demand.map((d) => [d.row, d.trade, d.year, d.demand])).toEqual([
      [3, "May", 2026, 1200],
      [4, "Điện", 2026, 1200],
      [5, "Bán hàng", 2026, 12],
    ]);
  });

  it("cleans text cells: trimmed, spaces collapsed, NFC", async () => {
    const decomposed = "Xã Trà Cú".normalize("NFD");
    writeCsv(dir, "viec-lam.csv", ["Doanh nghiệp,Vị trí,Nơi làm việc", `"  Công ty   A ",Thợ hàn,"${decomposed}"`]);
    const { data } = await loadLabourFolder(dir, { includeExamples: false });
    expect(data.jobs[0]?.company).toBe("Công ty A");
    expect(data.jobs[0]?.workplace).toBe("Xã Trà Cú");
    expect(data.jobs[0]?.workplace).toBe("Xã Trà Cú".normalize("NFC"));
  });
});

describe("the labour folder", () => {
  it("loads examples/ only when asked, marks their rows, skips other files", async () => {
    writeCsv(dir, "viec-lam-2026-11-15.csv", [JOB_HEADER, JOB_ROW]);
    writeCsv(dir, "examples/viec-lam-mau-2026-10-01.csv", [JOB_HEADER, JOB_ROW]);
    fs.writeFileSync(path.join(dir, "README.md"), "# Hướng dẫn\n");
    fs.writeFileSync(path.join(dir, "ghi-chu.txt"), "x");
    fs.writeFileSync(path.join(dir, "~$viec-lam.xlsx"), "lock");
    fs.mkdirSync(path.join(dir, "cu"));
    writeCsv(dir, "cu/viec-lam-cu.csv", [JOB_HEADER, JOB_ROW]);

    const without = await loadLabourFolder(dir, { includeExamples: false });
    expect(without.issues).toEqual([]);
    expect(without.data.files.map((f) => f.file)).toEqual(["viec-lam-2026-11-15.csv"]);

    const withExamples = await loadLabourFolder(dir, { includeExamples: true });
    expect(withExamples.issues).toEqual([]);
    expect(withExamples.data.files).toEqual([
      { file: "viec-lam-2026-11-15.csv", kind: "jobs", asOf: "2026-11-15", example: false, rowCount: 1 },
      { file: "examples/viec-lam-mau-2026-10-01.csv", kind: "jobs", asOf: "2026-10-01", example: true, rowCount: 1 },
    ]);
    expect(withExamples.data.jobs[1]).toEqual({ ...EXPECTED_JOB, file: "examples/viec-lam-mau-2026-10-01.csv", example: true });
    expect(withExamples.data.jobs[0]).not.toHaveProperty("example");
  });

  it("warns about old or foreign spreadsheet formats it cannot read", async () => {
    fs.writeFileSync(path.join(dir, "viec-lam-cu.xls"), "x");
    const { data, issues } = await loadLabourFolder(dir, { includeExamples: false });
    expect(data.files).toEqual([]);
    expect(issues).toEqual([
      { severity: "warning", file: "viec-lam-cu.xls", message: "file is ignored: save it as .xlsx or .csv (UTF-8)" },
    ]);
  });

  it("a missing folder gives empty data and no issue", async () => {
    const result = await loadLabourFolder(path.join(dir, "khong-co"), { includeExamples: true });
    expect(result).toEqual({ data: { files: [], jobs: [], courses: [], demand: [] }, issues: [] });
  });

  it("asOf falls back to the file's mtime (its Vietnam day) without a date in the name", async () => {
    const file = writeCsv(dir, "viec-lam.csv", [JOB_HEADER, JOB_ROW]);
    // 01:00 on 20/9 in Vietnam, still 19/9 in UTC: the day is Vietnam's, whatever the server's zone.
    const saved = new Date("2026-09-19T18:00:00Z");
    fs.utimesSync(file, saved, saved);
    const { data } = await loadLabourFolder(dir, { includeExamples: false });
    expect(data.files[0]?.asOf).toBe("2026-09-20");
  });

  it("asOf reads DD-MM-YYYY and YYYY-MM file names", async () => {
    writeCsv(dir, "viec-lam-15-11-2026.csv", [JOB_HEADER, JOB_ROW]);
    writeCsv(dir, "khoa-2026-12.csv", ["Cơ sở đào tạo,Nghề", "Trung tâm A,Hàn"]);
    const { data } = await loadLabourFolder(dir, { includeExamples: false });
    expect(data.files.map((f) => [f.file, f.asOf])).toEqual([
      ["khoa-2026-12.csv", "2026-12-01"],
      ["viec-lam-15-11-2026.csv", "2026-11-15"],
    ]);
  });

  it("loadLabourFile loads one file with its relative name", async () => {
    const file = writeCsv(dir, "viec-lam-2026-11-15.csv", [JOB_HEADER, JOB_ROW]);
    const loaded = await loadLabourFile(file, "viec-lam-2026-11-15.csv", false);
    expect(loaded.issues).toEqual([]);
    expect(loaded.jobs).toEqual([EXPECTED_JOB]);
    expect(loaded.file?.kind).toBe("jobs");
  });

  it("calls onProgress every 1,000 rows and at the end", async () => {
    const lines = ["Ngành nghề,Năm,Nhu cầu"];
    for (let i = 0; i < 2500; i++) lines.push(`Nghề ${i},2026,${i}`);
    writeCsv(dir, "nhu-cau.csv", lines);
    const calls: [number, number][] = [];
    const { data } = await loadLabourFolder(dir, { includeExamples: false, onProgress: (d, t) => calls.push([d, t]) });
    expect(data.demand).toHaveLength(2500);
    expect(calls).toEqual([
      [0, 2500],
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { dateFromFileName, formatDateVi, parseDate } from "../../../src/knowledge/labour/dates.js";

const NOT_A_DATE = "is not a date (write dd/mm/yyyy)";
const NOT_CALENDAR = "is not a real calendar date";

describe("parseDate reads the written date forms", () => {
  const cases: [string, string][] = [
    ["15/11/2026", "2026-11-15"],
    ["5/1/2027", "2027-01-05"],
    ["05/01/2027", "2027-01-05"],
    ["15-11-2026", "2026-11-15"],
    ["15.11.2026", "2026-11-15"],
    ["2026-11-15", "2026-11-15"],
    [" 29/02/2028 ", "2028-02-29"],
  ];
  for (const [input, iso] of cases) {
    it(`"${input}" → ${iso}`, () => {
      expect(parseDate(input)).toEqual({ ok: true, value: iso });
    });
  }

  it("empty is null", () => {
    expect(parseDate("")).toEqual({ ok: true, value: null });
    expect(parseDate(null)).toEqual({ ok: true, value: null });
  });
});

describe("parseDate reads spreadsheet cells", () => {
  it("date cells are read with UTC getters (exceljs dates are UTC midnight)", () => {
    expect(parseDate(new Date(Date.UTC(2026, 10, 15)))).toEqual({ ok: true, value: "2026-11-15" });
    expect(parseDate(new Date(Date.UTC(2027, 0, 1)))).toEqual({ ok: true, value: "2027-01-01" });
  });

  it("date cells keep their day in a time zone west of UTC", () => {
    const saved = process.env.TZ;
    process.env.TZ = "America/Los_Angeles";
    try {
      expect(new Date(Date.UTC(2026, 10, 15)).getDate()).toBe(14); // the trap: local getters
      expect(parseDate(new Date(Date.UTC(2026, 10, 15)))).toEqual({ ok: true, value: "2026-11-15" });
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("number cells are Excel serial days", () => {
    expect(parseDate(46000)).toEqual({ ok: true, value: "2025-12-09" });
    expect(parseDate(46341)).toEqual({ ok: true, value: "2026-11-15" });
    expect(parseDate(45658)).toEqual({ ok: true, value: "2025-01-01" });
  });

  it("numbers that cannot be a serial date are errors", () => {
    expect(parseDate(12)).toEqual({ ok: false, error: NOT_A_DATE });
    expect(parseDate(999_999)).toEqual({ ok: false, error: NOT_A_DATE });
  });
});

describe("parseDate rejects impossible and unreadable dates", () => {
  for (const input of ["31/02/2026", "29/02/2026", "31/04/2026", "00/01/2026", "15/13/2026", "2026-02-30"]) {
    it(`"${input}" is not a calendar date`, () => {
      expect(parseDate(input)).toEqual({ ok: false, error: NOT_CALENDAR });
    });
  }
  for (const input of ["15/11/26", "ngày mai", "12/2026", "tháng 12/2026"]) {
    it(`"${input}" is not a date in a day column`, () => {
      expect(parseDate(input)).toEqual({ ok: false, error: NOT_A_DATE });
    });
  }
});

describe("parseDate with allowMonth (Khai giảng) also reads months", () => {
  const cases: [string, string][] = [
    ["12/2026", "2026-12"],
    ["01/2027", "2027-01"],
    ["1/2027", "2027-01"],
    ["tháng 12/2026", "2026-12"],
    ["Tháng 01/2027", "2027-01"],
    ["thang 12/2026", "2026-12"],
    ["tháng 12 năm 2026", "2026-12"],
    ["15/12/2026", "2026-12-15"],
  ];
  for (const [input, value] of cases) {
    it(`"${input}" → ${value}`, () => {
      expect(parseDate(input, { allowMonth: true })).toEqual({ ok: true, value });
    });
  }

  it("month 13 is not a calendar month", () => {
    expect(parseDate("13/2026", { allowMonth: true })).toEqual({ ok: false, error: NOT_CALENDAR });
  });
});

describe("date formatting and file-name dates", () => {
  it("formatDateVi writes dd/mm/yyyy and mm/yyyy", () => {
    expect(formatDateVi("2026-11-15")).toBe("15/11/2026");
    expect(formatDateVi("2026-11")).toBe("11/2026");
  });

  it("dateFromFileName reads YYYY-MM-DD, DD-MM-YYYY and YYYY-MM", () => {
    expect(dateFromFileName("viec-lam-2026-11-15.csv")).toBe("2026-11-15");
    expect(dateFromFileName("viec-lam-15-11-2026.xlsx")).toBe("2026-11-15");
    expect(dateFromFileName("khoa-dao-tao-2026-12.xlsx")).toBe("2026-12-01");
    expect(dateFromFileName("nhu-cau-lao-dong-2026.csv")).toBeNull();
    expect(dateFromFileName("viec-lam-2026-02-31.csv")).toBeNull();
    expect(dateFromFileName("viec-lam.csv")).toBeNull();
  });
});

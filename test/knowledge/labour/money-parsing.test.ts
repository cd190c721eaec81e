import { describe, expect, it } from "vitest";
import { amountPerPeriod, formatMoneyShort, formatVnd, parseMoney } from "../../../src/knowledge/labour/money.js";

const NOT_MONEY = "is not a recognised amount of money";

describe("parseMoney reads every written form of an amount", () => {
  const cases: [string, number][] = [
    ["7.000.000", 7_000_000],
    ["7,000,000", 7_000_000],
    ["7000000", 7_000_000],
    ["7 000 000", 7_000_000],
    ["7 triệu", 7_000_000],
    ["7 Triệu", 7_000_000],
    ["7 trieu", 7_000_000],
    ["7tr", 7_000_000],
    ["7 tr", 7_000_000],
    ["7,5 triệu", 7_500_000],
    ["7.5 triệu", 7_500_000],
    ["7,5tr", 7_500_000],
    ["8,25 triệu", 8_250_000],
    ["7 triệu 500", 7_500_000],
    ["7 triệu 500 nghìn", 7_500_000],
    ["7tr5", 7_500_000],
    ["7.000.000 đ", 7_000_000],
    ["7.000.000đ", 7_000_000],
    ["7.000.000 VND", 7_000_000],
    ["7.000.000 VNĐ", 7_000_000],
    ["7.000.000 đồng", 7_000_000],
    ["7 triệu đồng", 7_000_000],
    ["7 triệu/tháng", 7_000_000],
    ["500 nghìn", 500_000],
    ["500 ngàn", 500_000],
    ["500k", 500_000],
    ["500.000", 500_000],
    ["1.200", 1200],
  ];
  for (const [input, value] of cases) {
    it(`"${input}" → ${value}, keeping the text as written`, () => {
      expect(parseMoney(input)).toEqual({ ok: true, value: { value, text: input } });
    });
  }

  it("trims and collapses the text it keeps", () => {
    expect(parseMoney("  7   triệu ")).toEqual({ ok: true, value: { value: 7_000_000, text: "7 triệu" } });
  });

  it("reads number cells and writes their text with Vietnamese thousands dots", () => {
    expect(parseMoney(7_000_000)).toEqual({ ok: true, value: { value: 7_000_000, text: "7.000.000" } });
    expect(parseMoney(8_500_000)).toEqual({ ok: true, value: { value: 8_500_000, text: "8.500.000" } });
  });

  it("treats empty cells as no value", () => {
    expect(parseMoney("")).toEqual({ ok: true, value: null });
    expect(parseMoney("   ")).toEqual({ ok: true, value: null });
    expect(parseMoney(null)).toEqual({ ok: true, value: null });
    expect(parseMoney(undefined)).toEqual({ ok: true, value: null });
  });
});

describe("parseMoney accepts negotiable amounts without a value", () => {
  for (const text of ["Thỏa thuận", "Thoả thuận", "thoa thuan", "THỎA THUẬN", "Theo năng lực"]) {
    it(`"${text}" is valid with value null`, () => {
      expect(parseMoney(text)).toEqual({ ok: true, value: { value: null, text } });
    });
  }
});

describe("parseMoney keeps a wage counted by piece or commission as written, without a value", () => {
  for (const text of ["theo sản phẩm", "Lương khoán", "Khoán theo sản lượng", "Hoa hồng theo doanh số", "Tính theo sản phẩm"]) {
    it(`wage "${text}" is valid with value null`, () => {
      expect(parseMoney(text)).toEqual({ ok: true, value: { value: null, text } });
    });
  }
  it("a fee written that way is still not an amount", () => {
    expect(parseMoney("theo sản phẩm", { fee: true }).ok).toBe(false);
  });
  it("a pay-scheme word with a number is read as an amount or refused, never kept as a scheme", () => {
    expect(parseMoney("khoán 5 triệu").ok).toBe(false);
  });
});

describe("parseMoney keeps an amount per day, year or term as written, never as a monthly value", () => {
  const cases: [string, string][] = [
    ["280.000/ngày", "ngày"],
    ["300.000 đồng/ngày", "ngày"],
    ["350k/ngày", "ngày"],
    ["200.000 một ngày", "ngày"],
    ["7,5 triệu/năm", "năm"],
    ["4.500.000/học kỳ", "học kỳ"],
    ["25.000đ/giờ", "giờ"],
  ];
  for (const [input, per] of cases) {
    it(`"${input}" is valid, shown as written, with no value to rank and its period "${per}"`, () => {
      expect(parseMoney(input, { fee: true })).toEqual({ ok: true, value: { value: null, text: input, per } });
    });
  }

  it("still rejects a period after something that is not an amount", () => {
    expect(parseMoney("50/ngày").ok).toBe(false);
    expect(parseMoney("nhiều/ngày").ok).toBe(false);
  });
});

describe("parseMoney marks free fees only in the fee column", () => {
  it('"Miễn học phí", "Miễn phí" and "0" are a free fee', () => {
    expect(parseMoney("Miễn học phí", { fee: true })).toEqual({ ok: true, value: { value: 0, text: "Miễn học phí", free: true } });
    expect(parseMoney("Miễn phí", { fee: true })).toEqual({ ok: true, value: { value: 0, text: "Miễn phí", free: true } });
    expect(parseMoney("mien hoc phi", { fee: true })).toEqual({ ok: true, value: { value: 0, text: "mien hoc phi", free: true } });
    expect(parseMoney("0", { fee: true })).toEqual({ ok: true, value: { value: 0, text: "0", free: true } });
    expect(parseMoney(0, { fee: true })).toEqual({ ok: true, value: { value: 0, text: "0", free: true } });
  });

  it("a paid fee is not free", () => {
    expect(parseMoney("3.500.000", { fee: true })).toEqual({ ok: true, value: { value: 3_500_000, text: "3.500.000" } });
  });

  it("0 outside the fee column is just 0, and 'Miễn phí' is not a wage", () => {
    expect(parseMoney("0")).toEqual({ ok: true, value: { value: 0, text: "0" } });
    expect(parseMoney("Miễn phí")).toEqual({ ok: false, error: NOT_MONEY });
  });
});

describe("parseMoney rejects what is not one amount", () => {
  it("a range is not a single value", () => {
    const range = "is a range, not a single amount of money (put the minimum and the maximum in separate columns)";
    expect(parseMoney("7 - 9 triệu")).toEqual({ ok: false, error: range });
    expect(parseMoney("7.000.000-9.000.000")).toEqual({ ok: false, error: range });
    expect(parseMoney("7 đến 9 triệu")).toEqual({ ok: false, error: range });
  });

  it("words and other text are not amounts", () => {
    expect(parseMoney("bảy triệu")).toEqual({ ok: false, error: NOT_MONEY });
    expect(parseMoney("cao")).toEqual({ ok: false, error: NOT_MONEY });
    expect(parseMoney("-7000000")).toEqual({ ok: false, error: NOT_MONEY });
    expect(parseMoney(-7_000_000)).toEqual({ ok: false, error: NOT_MONEY });
    expect(parseMoney(true)).toEqual({ ok: false, error: NOT_MONEY });
  });

  it("bare numbers under 1000 ask for the unit", () => {
    const tooSmall = 'is too small for an amount of money: write the unit (e.g. "7 triệu")';
    expect(parseMoney("7")).toEqual({ ok: false, error: tooSmall });
    expect(parseMoney("7,5")).toEqual({ ok: false, error: tooSmall });
    expect(parseMoney(7)).toEqual({ ok: false, error: tooSmall });
  });

  it("amounts over 1 tỷ đồng are typos", () => {
    expect(parseMoney("7.500 triệu")).toEqual({ ok: false, error: "is too large for an amount of money (over 1 tỷ đồng)" });
  });
});

describe("amountPerPeriod reads the amount of a cell counted per another period", () => {
  it.each([
    ["9.500.000/năm", 9_500_000],
    ["4,5 triệu/học kỳ", 4_500_000],
    ["280.000/ngày", 280_000],
  ])("%j → %d", (cell, amount) => {
    const parsed = parseMoney(cell, { fee: true });
    expect(parsed.ok && parsed.value ? amountPerPeriod(parsed.value) : undefined).toBe(amount);
  });

  it("is undefined for a whole amount", () => {
    const parsed = parseMoney("4.500.000", { fee: true });
    expect(parsed.ok && parsed.value ? amountPerPeriod(parsed.value) : "none").toBeUndefined();
  });
});

describe("money formatting", () => {
  it("formatVnd writes dots and đồng", () => {
    expect(formatVnd(7_000_000)).toBe("7.000.000 đồng");
    expect(formatVnd(500)).toBe("500 đồng");
    expect(formatVnd(1_234_567)).toBe("1.234.567 đồng");
  });

  it("formatMoneyShort writes triệu / nghìn / tỷ with a decimal comma", () => {
    expect(formatMoneyShort(7_500_000)).toBe("7,5 triệu");
    expect(formatMoneyShort(7_000_000)).toBe("7 triệu");
    expect(formatMoneyShort(8_250_000)).toBe("8,25 triệu");
    expect(formatMoneyShort(500_000)).toBe("500 nghìn");
    expect(formatMoneyShort(1_200_000_000)).toBe("1,2 tỷ");
  });
});

/**
 * Every way people write a phone, ID number or e-mail in a Vietnamese message is masked before a
 * question is stored; ordinary numbers (money, years, dates, grades, document numbers) are not.
 */
import { describe, expect, it } from "vitest";
import { maskPersonalData, MASKS } from "../../src/privacy/masking.js";

const P = MASKS.phone;
const I = MASKS.id;
const E = MASKS.email;

describe("masking phone numbers", () => {
  it.each([
    ["0912 345 678", P],
    ["0912345678", P],
    ["0912.345.678", P],
    ["0912-345-678", P],
    ["0912 345678", P],
    ["091 234 5678", P],
    ["+84 912345678", P],
    ["+84 912 345 678", P],
    ["+84912345678", P],
    ["+84-912-345-678", P],
    ["(+84) 912-345-678", P],
    ["(+84)912345678", P],
    ["(84) 912 345 678", P],
    ["84912345678", P],
    ["0084 912 345 678", P],
    ["0084912345678", P],
    ["01681234567", P],
    ["0294 3855 123", P],
    ["0294.3855.123", P],
    ["+82 10 1234 5678", P],
    ["sđt:0912345678", `sđt:${P}`],
    ["zalo0912345678", `zalo${P}`],
    ["gọi 0912 345 678 hoặc 0987.654.321 nha", `gọi ${P} hoặc ${P} nha`],
    ["0912 345 678 0987 654 321", `${P} ${P}`],
    ["số em 0912345678.", `số em ${P}.`],
  ])("should mask %s", (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });
});

describe("masking ID numbers (CCCD 12 digits, CMND 9 digits)", () => {
  it.each([
    ["084206001234", I],
    ["084 206 001 234", I],
    ["084.206.001.234", I],
    ["084-206-001-234", I],
    ["CCCD: 084206001234", `CCCD: ${I}`],
    ["cmnd 123456789", `cmnd ${I}`],
    ["cmnd 123 456 789", `cmnd ${I}`],
    ["cccd 084206001234 sđt 0912345678", `cccd ${I} sđt ${P}`],
  ])("should mask %s", (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });
});

describe("masking e-mail addresses", () => {
  it.each([
    ["nguyen.van.a@gmail.com", E],
    ["mail: hoc_sinh+tracu@truong.edu.vn nhé", `mail: ${E} nhé`],
    ["Nguyễn.Văn@yahoo.com.vn", E],
  ])("should mask %s", (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });
});

describe("leaving ordinary numbers alone", () => {
  it.each([
    "lương 7.000.000 đồng",
    "lương 150.000.000 một năm",
    "học phí 1.500.000 - 2.000.000 đồng/tháng",
    "từ 7.000.000 đến 9.000.000",
    "Quyết định 4993/QĐ-UBND ngày 21/11/2023",
    "năm 2025 - 2026",
    "năm 2026 tuyển 4.200 lao động",
    "lớp 9 và lớp 12",
    "lớp 9 - 12",
    "mô hình 9+",
    "tổng đài 1900 1234",
    "mã ngành 6810101",
    "Nghị định 356/2025/NĐ-CP",
  ])("should not change %s", (input) => {
    expect(maskPersonalData(input)).toBe(input);
  });
});

describe("masking is stable", () => {
  it("should leave an already masked text unchanged", () => {
    const once = maskPersonalData("sđt 0912 345 678, cccd 084 206 001 234, a@b.vn");
    expect(maskPersonalData(once)).toBe(once);
  });
});

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

/**
 * Issue 11: spellings that were stored, shown, forwarded to staff and sent to the LLM unmasked.
 * Masking normalises first (NFKC, every Unicode space to a space, dashes to "-", l/I/O between
 * digits to 1/0), then accepts ( ) / _ . - and spaces between the digit groups.
 */
describe("masking the spellings an attack found unmasked", () => {
  it.each([
    ["no-break spaces", "0912\u00A0345\u00A0687", P],
    ["thin spaces", "0912\u2009345\u2009687", P],
    ["narrow no-break spaces", "gọi 0912\u202F345\u202F687 nha", `gọi ${P} nha`],
    ["ideographic spaces", "0912\u3000345\u3000687", P],
    ["zero-width spaces", "0912\u200B345\u200B687", P],
    ["area code in brackets", "(0912) 345 686", P],
    ["slashes", "0912/345/690", P],
    ["underscores", "0912_345_689", P],
    ["en dashes", "0912\u2013345\u2013688", P],
    ["full-width digits", "０９１２３４５６９１", P],
    ["full-width digits and spaces", "sđt ０９１２　３４５　６９３", `sđt ${P}`],
    ["l for 1", "09l2345692", P],
    ["I for 1 and O for 0", "O9I2 345 694", P],
    ["o for 0 inside", "09123o5695", P],
    ["ID with no-break spaces", "084\u00A0206\u00A0001\u00A0234", I],
    ["ID with slashes", "084/206/001/234", I],
    ["ID in full-width digits", "０８４２０６００１２３４", I],
  ])("should mask %s", (_name, input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it.each([
    ["(a)", "lan.canary (a) gmail.com", E],
    ["(at)", "lan.canary(at)gmail.com", E],
    ["[at]", "lan.canary [at] gmail.com", E],
    ["[a]", "lan.canary[a]gmail.com", E],
    ["' at '", "mail em lan.canary at gmail.com nhé", `mail em ${E} nhé`],
    ["spaces around @", "lan.canary @ gmail.com", E],
    ["full-width @", "lan.canary＠gmail.com", E],
    ["(dot)", "lan.canary (at) gmail (dot) com", E],
  ])("should mask an e-mail written with %s", (_name, input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it.each([
    "Quyết định 4993/QĐ-UBND ngày 21/11/2023",
    "Nghị định 356/2025/NĐ-CP",
    "ngày 21/11/2023 lúc 8 giờ",
    "năm 2025/2026",
    "lương 7.000.000/tháng",
    "học lúc 7 giờ at trường",
    "lớp 9/12",
    "Lớp 10 là lớp đầu cấp",
    "lo lắng về 12 tháng học",
  ])("should still leave alone %s", (input) => {
    expect(maskPersonalData(input)).toBe(input);
  });
});

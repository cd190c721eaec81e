import { describe, expect, it } from "vitest";
import { maskPersonalData, MASKS, nothingToMask } from "../../src/privacy/masking.js";

describe("masking personal numbers", () => {
  it.each([
    ["gọi em số 0912 345 678 nha", `gọi em số ${MASKS.phone} nha`],
    ["sdt 0912345678", `sdt ${MASKS.phone}`],
    ["0912.345.678", MASKS.phone],
    ["0912-345-678", MASKS.phone],
    ["+84 912345678", MASKS.phone],
    ["+84 912 345 678", MASKS.phone],
    ["84912345678", MASKS.phone],
    ["máy bàn 0294 3855 123", `máy bàn ${MASKS.phone}`],
    ["CCCD 084206001234", `CCCD ${MASKS.id}`],
    ["cmnd 123456789", `cmnd ${MASKS.id}`],
    ["mail em: nguyen.van.a@gmail.com", `mail em: ${MASKS.email}`],
    // Read out in words, with or without diacritics, in any case.
    ["zalo em: không chín một hai ba bốn năm sáu bảy tám, năm sau thì sao", `zalo em: ${MASKS.phone}, năm sau thì sao`],
    ["sdt khong chin mot hai ba bon nam sau bay tam nhe", `sdt ${MASKS.phone} nhe`],
    ["KHÔNG CHÍN MỐT HAI BA BỐN LĂM SÁU BẢY TÁM", MASKS.phone],
    ["cccd không bảy chín hai không ba không một hai ba bốn năm xong", `cccd ${MASKS.id} xong`],
  ])("should mask %s", (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it.each([
    "lương 7.000.000 đồng",
    "Quyết định 4993/QĐ-UBND ngày 21/11/2023",
    "năm 2026 tuyển 4.200 lao động",
    "lớp 9 và lớp 12",
    "năm sau ba mẹ hai đứa tám tuổi, bảy giờ sáng",
  ])("should leave money, dates and document numbers alone: %s", (input) => {
    expect(maskPersonalData(input)).toBe(input);
  });
});

describe("masking the same text again", () => {
  it("should give the same result every time, for texts with and without personal data, and say which hold none", () => {
    const texts = ["Học nghề hàn ở đâu?", "gọi em số 0912 345 678 nha", "zalo em: không chín một hai ba bốn năm sáu bảy tám", "lớp 9 và lớp 12", "mail em: nguyen.van.a@gmail.com"];
    const first = texts.map(maskPersonalData);
    for (let round = 0; round < 3; round++) expect(texts.map(maskPersonalData)).toEqual(first);
    expect(first[1]).toBe(`gọi em số ${MASKS.phone} nha`);
    expect(texts.map(nothingToMask)).toEqual([true, false, false, true, false]);
    // A text that is already a placeholder counts as personal (nothing to learn from it either way).
    expect(nothingToMask(`sdt ${MASKS.phone}`)).toBe(false);
  });

  it("should mask texts beyond the kept ones as before, whatever came between", () => {
    const many = Array.from({ length: 2500 }, (_, i) => `câu hỏi số ${i} về học nghề`);
    for (const text of many) expect(maskPersonalData(text)).toBe(text);
    expect(maskPersonalData("sdt 0912345678")).toBe(`sdt ${MASKS.phone}`);
    expect(maskPersonalData(many[0]!)).toBe(many[0]);
  });
});

describe("a number said partly in words and partly in numerals", () => {
  it("should mask 'không chín một hai 345678' as a phone and leave short mixed phrases alone", () => {
    expect(maskPersonalData("gọi không chín một hai 345678 nha")).toBe("gọi [số điện thoại] nha");
    expect(maskPersonalData("không 2 lần")).toBe("không 2 lần");
    expect(maskPersonalData("học một hai năm, 3 tháng")).toBe("học một hai năm, 3 tháng");
  });
});

describe("a name the message introduces", () => {
  it("should mask the name after 'tên' when a person is named, up to where the message goes on", () => {
    expect(maskPersonalData("em ten Nguyen Van Canary, sdt 0912 345 678 hoc han o dau")).toBe("em ten [tên], sdt [số điện thoại] hoc han o dau");
    expect(maskPersonalData("con tôi tên là Thạch Sô Phia học lớp 9")).toBe("con tôi tên là [tên] học lớp 9");
    expect(maskPersonalData("tên em là Lan, em 15 tuổi")).toBe("tên em là [tên], em 15 tuổi");
    expect(maskPersonalData("ba ten Son, con gai ten Kim Thi Sa Rinh")).toBe("ba ten [tên], con gai ten [tên]");
    expect(maskPersonalData("em tên Lan học lớp 9 muốn học may")).toBe("em tên [tên] học lớp 9 muốn học may");
  });

  it("should mask the name after the pronouns phones shorten ('e ten', 'mk ten', 't ten')", () => {
    expect(maskPersonalData("e ten Tran Van Canarytwo hoc may o dau")).toBe("e ten [tên] hoc may o dau");
    expect(maskPersonalData("mk tên là Lan nha")).toBe("mk tên là [tên] nha");
    expect(maskPersonalData("t ten Son, 17 tuoi")).toBe("t ten [tên], 17 tuoi");
  });

  it("should mask a family member's full name written right after whose they are ('con tôi Nguyễn Văn An'), not a place or a word", () => {
    expect(maskPersonalData("Con tôi Nguyễn Văn Canarytest bị khuyết tật chân, học nghề gì")).toBe("Con tôi [tên] bị khuyết tật chân, học nghề gì");
    expect(maskPersonalData("cháu gái tôi Thạch Thị Canarykid học lớp 9")).toBe("cháu gái tôi [tên] học lớp 9");
    expect(maskPersonalData("em Nguyễn Văn Canary hỏi lớp hàn")).toBe("em [tên] hỏi lớp hàn");
    expect(maskPersonalData("chị ở Kim Sơn có việc không")).toBe("chị ở Kim Sơn có việc không");
    expect(maskPersonalData("con tôi học ở Long Hiệp, Em Khmer")).toBe("con tôi học ở Long Hiệp, Em Khmer");
    // "con" typed without tones may be "còn": a commune asked next, not a child named.
    expect(maskPersonalData("con Luu Nghiep Anh thi sao")).toBe("con Luu Nghiep Anh thi sao");
    expect(maskPersonalData("con Thạch Thị Canarykid học lớp mấy")).toBe("con [tên] học lớp mấy");
  });

  it("should mask a full name introduced without 'tên' ('tôi là Thạch Thị Mai'), but not a role or a people", () => {
    expect(maskPersonalData("gọi giúp em nha, tôi là Thạch Thị Canarymom, lớp nào miễn học phí")).toBe("gọi giúp em nha, tôi là [tên], lớp nào miễn học phí");
    expect(maskPersonalData("Em là Nguyễn Văn An học lớp 9")).toBe("Em là [tên] học lớp 9");
    for (const text of ["tôi là phụ huynh học sinh lớp 9", "em là người Khmer ở Trà Cú", "em là Khmer", "mình là Đoàn viên"]) expect(maskPersonalData(text)).toBe(text);
  });

  it("should leave the names of things and questions about names alone", () => {
    for (const text of ["Tên trường trung cấp ở Trà Cú là gì", "cho hỏi tên công ty may là gì", "tên của bot là gì", "bot ten gi v", "tên mới của xã Ngọc Biên", "học nghề hàn ở đâu"]) {
      expect(maskPersonalData(text)).toBe(text);
    }
  });
});

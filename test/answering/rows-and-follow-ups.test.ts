/**
 * Rows found by retrieval answered as rows, strict units, and follow-ups on the rows just shown
 * (issue 10). The real engine over the shipped knowledge, the fixture sheets and one extra sheet
 * written here with trades no slot list names.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/answering/question-analysis.js";
import { contradicts, namesNumberWith, providesOf, rateAsked, ratesIn, unstatedAsked } from "../../src/answering/candidate-fit.js";
import { buildTestKnowledge, TEST_LABOUR_DIR, tempDir, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
let unchecked: TestKnowledge;
let sheetDir: string;
beforeAll(async () => {
  sheetDir = tempDir("tracu-rows-");
  const header = fs.readFileSync(path.join(TEST_LABOUR_DIR, "viec-lam-2026-11-15.csv"), "utf8").split(/\r?\n/)[0];
  const rows = [
    "Công ty TNHH Dầu Dừa Thử Nghiệm Bến Tre,Nhân viên vận hành máy ép dầu dừa,4,8.500.000,10tr,Xã Hàm Giang,\"Tốt nghiệp THPT, biết sửa chữa cơ khí cơ bản\",15/02/2027,Phòng nhân sự (dữ liệu thử)",
    "Xưởng Mộc Thử Nghiệm Tân Phát,Thợ phụ đóng đồ gỗ,3,6tr,7tr,Xã Tập Sơn,\"Từ 16 tuổi, được dạy nghề tại xưởng\",10/03/2027,Phòng nhân sự (dữ liệu thử)",
    "Salon Thử Nghiệm Ngọc Lan,Thợ phụ làm tóc,2,5tr,6tr,Xã Trà Cú,\"Nữ, từ 16 đến 25 tuổi\",01/03/2027,Phòng nhân sự (dữ liệu thử)",
    // A company whose distinctive words are the district's name.
    "Garage Ô Tô Thử Nghiệm Trà Cú,Thợ sửa chữa ô tô,3,8.000.000,12.000.000,Xã Ngãi Xuyên,Có tay nghề sửa ô tô,20/03/2027,Phòng nhân sự (dữ liệu thử)",
    "Xưởng Mộc Thử Nghiệm Tân Phát,Thợ mộc,2,7.500.000,9.500.000,Xã Kim Sơn,Có tay nghề mộc,10/03/2027,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Kho Vận Thử Nghiệm,Lái xe nâng,5,8.500.000,11.000.000,Xã Hàm Giang,Có chứng chỉ vận hành xe nâng,10/03/2027,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Bảo Vệ Thử Nghiệm Sao Việt,Đội trưởng bảo vệ,1,9.000.000,11.000.000,Xã Đại An,Có 3 năm kinh nghiệm bảo vệ,10/03/2027,Phòng nhân sự (dữ liệu thử)",
    // Two labels holding "bánh tráng", neither spelled as the demand table spells the trade.
    "Cơ sở Bánh Tráng Thử Nghiệm Hương Quê,Thợ tráng bánh tráng,6,5.800.000,7.200.000,Xã Long Hiệp,Từ 18 tuổi,15/03/2027,Phòng nhân sự (dữ liệu thử)",
    "Cơ sở Bánh Tráng Thử Nghiệm Hương Quê,Nhân viên phơi và đóng gói bánh tráng,4,5tr,6tr,Xã Long Hiệp,Từ 16 tuổi,15/03/2027,Phòng nhân sự (dữ liệu thử)",
    // The count left blank.
    "Tiệm Vàng Thử Nghiệm Kim Phát,Thợ kim hoàn học việc,,5tr,6tr,Xã Trà Cú,Từ 18 tuổi,10/03/2027,Phòng nhân sự (dữ liệu thử)",
  ];
  fs.writeFileSync(path.join(sheetDir, "viec-lam-2026-11-18.csv"), `${header}\n${rows.join("\n")}\n`);
  // A trade named by a word that is also "được" without diacritics.
  const courseHeader = fs.readFileSync(path.join(TEST_LABOUR_DIR, "khoa-dao-tao-2026-11-15.csv"), "utf8").split(/\r?\n/)[0];
  const course = "Trường Cao đẳng Thử Nghiệm Cửu Long,Dược,Cao đẳng,36 tháng,9.500.000,Học bổng khuyến khích,Học sinh tốt nghiệp THPT,\"Phường Thử Nghiệm, Vĩnh Long\",09/2027,Phòng tuyển sinh (dữ liệu thử)";
  // Trades asked by part of their label ("pha chế", "học mộc").
  const partly = [
    "Trung tâm Thử Nghiệm Bến Đò,Pha chế đồ uống,Sơ cấp,2 tháng,2.500.000,Không,Người từ 16 tuổi,Xã Đại An,20/01/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Trung tâm Thử Nghiệm Bến Đò,Mộc dân dụng,Sơ cấp,3 tháng,Miễn phí,Không,Lao động nông thôn,Xã Kim Sơn,15/02/2027,Phòng tuyển sinh (dữ liệu thử)",
    // Labels with words of asking: "cấp" (học cấp 3), "đài" (đại học).
    "Trung tâm Ngoại ngữ Thử Nghiệm,Tiếng Hàn sơ cấp,Dưới 3 tháng,10 tuần,4.500.000,Không,Người từ 18 tuổi,Xã Trà Cú,01/03/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Trung tâm Thử Nghiệm Ánh Dương,Tổng đài chăm sóc khách hàng,Sơ cấp,1 tháng,1.000.000,Không,Người từ 18 tuổi,Xã Trà Cú,01/03/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Trung tâm Ngôn ngữ Thử Nghiệm,Phiên dịch tiếng Khmer - tiếng Việt,Sơ cấp,3 tháng,3.000.000,Không,Người từ 18 tuổi,Xã Trà Cú,01/03/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Trung tâm Thử Nghiệm Bến Đò,Vận hành xe nâng,Dưới 3 tháng,1 tháng,2.200.000,Không,Từ 18 tuổi,Xã Hàm Giang,18/03/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Trường Trung cấp Thử Nghiệm Bến Đò,Nghiệp vụ bảo vệ,Dưới 3 tháng,15 ngày,800.000,Không,Nam từ 18 tuổi,Xã Đại An,17/03/2027,Phòng tuyển sinh (dữ liệu thử)",
    // A label whose first word is a stop word once folded ("cắm" → "cam", as "cảm ơn").
    "Trung tâm Thử Nghiệm Bến Đò,Cắm hoa nghệ thuật,Dưới 3 tháng,6 tuần,1.500.000,Không,Người từ 16 tuổi,Xã Đại An,22/03/2027,Phòng tuyển sinh (dữ liệu thử)",
    // "năng lượng" folds to "nang luong", as "lương" (wage) does.
    "Trung tâm Thử Nghiệm Bến Đò,Lắp đặt điện năng lượng mặt trời,Sơ cấp,2 tháng,3.000.000,Không,Từ 18 tuổi,Xã Đại An,25/03/2027,Phòng tuyển sinh (dữ liệu thử)",
    // The fee left blank.
    "Trung tâm Thử Nghiệm Bến Đò,Đan lục bình,Sơ cấp,2 tháng,,Không,Từ 18 tuổi,Xã Trà Cú,01/03/2027,Phòng tuyển sinh (dữ liệu thử)",
  ];
  fs.writeFileSync(path.join(sheetDir, "khoa-dao-tao-2026-11-18.csv"), `${courseHeader}\n${[course, ...partly].join("\n")}\n`);
  // Trades the demand table spells otherwise than the openings, or that have no opening.
  const demandHeader = fs.readFileSync(path.join(TEST_LABOUR_DIR, "nhu-cau-lao-dong-2026.csv"), "utf8").split(/\r?\n/)[0];
  fs.writeFileSync(path.join(sheetDir, "nhu-cau-lao-dong-2026-b.csv"), `${demandHeader}\nLàm bánh tráng,2026,300,6 triệu,Số liệu thử\nĐan lưới cá,2026,300,6 triệu,Số liệu thử\n`);
  t = await buildTestKnowledge({}, { extraLabourDirs: [sheetDir] });
  unchecked = await buildTestKnowledge({ ANSWER_CHECK_THRESHOLD: "0" }, { extraLabourDirs: [sheetDir] });
});
afterAll(() => {
  t.cleanup();
  unchecked.cleanup();
  fs.rmSync(sheetDir, { recursive: true, force: true });
});

let users = 0;
const newUser = () => `test:rows:${++users}`;
const ask = (text: string, userKey?: string) => t.engine.answer({ text, userKey });
/** The lines of a reply between a header line and the next header (a line ending in ":"). */
function section(answer: string, header: string): string {
  const lines = answer.split("\n");
  const start = lines.findIndex((l) => l.startsWith(header));
  if (start < 0) return "";
  const end = lines.findIndex((l, i) => i > start && !l.startsWith("- "));
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
}

describe("rows found by retrieval are answered as rows", () => {
  it("should answer a position named in everyday words with its whole row, requirement included", async () => {
    const a = await ask("Vận hành máy ép dầu dừa cần bằng cấp gì");
    expect(a.answered).toBe(true);
    expect(a.answerer).toBe("labour");
    expect(a.answer).toContain("Tốt nghiệp THPT");
    expect(a.answer).toContain("Bến Tre");
  });

  it("should list the openings whose written age range takes the asker, never one that says 18", async () => {
    const a = await ask("em 16 tuoi co cho nao nhan lam ko");
    expect(a.answered).toBe(true);
    const takes = section(a.answer, "Ghi rõ nhận người 16 tuổi");
    expect(takes).toContain("Tân Phát");
    expect(takes).toContain("Ngọc Lan");
    expect(takes).not.toContain("Từ 18 tuổi");
  });
});

describe("lists over several sheets", () => {
  it("should show the newest sheet's rows first", async () => {
    const a = await ask("Xã Trà Cú mới có chỗ nào đang tuyển người không");
    const lines = a.answer.split("\n").filter((l) => l.startsWith("- "));
    // The sheet written above (18/11) is newer than the fixture sheet (15/11).
    expect(lines[0]).toContain("Ngọc Lan");
    expect(a.answer).toContain("Thử Nghiệm May A");
  });

  it("should filter courses by the month named rather than rank them", async () => {
    const a = await ask("Khóa học nào khai giảng trong tháng 1 năm 2027");
    expect(a.answer).toContain("tháng 01/2027");
    expect(a.answer).toContain("Chăn nuôi thú y");
    expect(a.answer).not.toContain("khai giảng sớm nhất");
  });

  it("should not answer 'mấy học kỳ' with course rows that give months", async () => {
    const a = await ask("cao đẳng nghề học mấy học kỳ v");
    expect(a.answerer).not.toBe("labour");
    expect(a.answer).not.toContain("May công nghiệp (Sơ cấp)");
  });
});

describe("follow-ups on the rows just shown", () => {
  it("should filter the same table by a commune named alone, keeping the age said before", async () => {
    const user = newUser();
    await ask("em 16 tuoi co cho nao nhan lam ko", user);
    const a = await ask("ở Tập Sơn có ko", user);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Tân Phát");
    expect(a.answer).not.toContain("Ngọc Lan");
    expect(a.answer).not.toContain("được thành lập từ");
  });

  it("should take 'ở đó' as the commune of the earlier turn", async () => {
    const user = newUser();
    await ask("nha e o Kim Son, sau sap nhap thi goi la xa gi", user);
    const a = await ask("ở đó có chỗ nào tuyển người ko", user);
    expect(a.answered).toBe(true);
    expect(a.answerer).toBe("labour");
    expect(a.answer).toContain("Xã Hàm Giang");
    expect(a.answer).not.toContain("Xã Đại An");
  });

  it("should read the column asked from the course just shown", async () => {
    const user = newUser();
    await ask("học chăn nuôi thú y ở đâu", user);
    const support = await ask("có được hỗ trợ gì không", user);
    expect(support.answered).toBe(true);
    expect(support.answer).toContain("Hỗ trợ tiền ăn và đi lại theo quy định");
    expect(support.answer).not.toContain("936.000");
    const two = await ask("mất bao lâu, học phí nhiêu", user);
    expect(two.answer).toContain("3 tháng");
    expect(two.answer).toContain("Miễn học phí");
    expect(two.answer).not.toContain("Tin học văn phòng");
  });

  it("should keep the rows of a cached answer for the next user's follow-up", async () => {
    await ask("cty may A tuyển gì", newUser());
    const user = newUser();
    await ask("cty may A tuyển gì", user);
    const a = await ask("lương bao nhiêu", user);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("9tr - 12tr");
    expect(a.answer).not.toContain("Thợ hàn");
  });

  it("should answer 'mấy chỗ đó có nhận 17 tuổi không' from those rows, saying which do not and which name no age", async () => {
    const user = newUser();
    await ask("cty nào tuyển thợ hàn", user);
    const a = await ask("mấy chỗ đó có nhận 17 tuổi không", user);
    expect(a.answer).toContain("Không nhận người 17 tuổi: Thợ hàn phụ (học việc)");
    expect(a.answer).not.toContain("Ghi rõ nhận người 17 tuổi");
    expect(section(a.answer, "Không ghi giới hạn tuổi")).toContain("Thợ hàn tại");
    expect(a.answer).not.toContain("Công nhân may");
  });
});

describe("a number must come with the unit asked", () => {
  it("should not answer 'giới hạn tuổi bao nhiêu' with a number of people", async () => {
    const a = await ask("di han eps gioi han tuoi bao nhieu");
    expect(a.answered).toBe(false);
    expect(a.answer).not.toContain("4.200");
  });

  it("should read the unit next to the question word, before or after it", () => {
    const snapshot = t.knowledge.current();
    expect(analyzeQuestion("cao đẳng học mấy học kỳ", snapshot).slots.unit).toBe("hoc ky");
    expect(analyzeQuestion("giới hạn tuổi là bao nhiêu", snapshot).slots.unit).toBe("tuoi");
    // A rate asks an amount, not a number of hours; "mấy" alone may be "máy".
    expect(analyzeQuestion("1 giờ bao nhiêu won", snapshot).slots.unit).toBeUndefined();
    expect(analyzeQuestion("sửa máy nông nghiệp học ở đâu", snapshot).slots.unit).toBeUndefined();
    expect(namesNumberWith("Học 6 học kỳ.", "hoc ky", snapshot)).toBe(true);
    expect(namesNumberWith("Chỉ được hỗ trợ một lần.", "lan", snapshot)).toBe(true);
    expect(namesNumberWith("Năm 2026 tuyển khoảng 4.200 người.", "tuoi", snapshot)).toBe(false);
    expect(namesNumberWith("Tỷ lệ đạt 39%.", "phan tram", snapshot)).toBe(true);
  });
});

describe("a passage about another school does not answer", () => {
  it("should see 'Đại học Trà Vinh' as contradicting a question about 'Cao đẳng Nghề Trà Vinh'", () => {
    const snapshot = t.knowledge.current();
    const qa = analyzeQuestion("Trường CĐ Nghề Trà Vinh thành lập năm nào", snapshot);
    expect(contradicts(providesOf("Đại học Trà Vinh phát triển từ Trường Cao đẳng Cộng đồng Trà Vinh.", snapshot), qa)).toBe("school");
    expect(contradicts(providesOf("Trường Cao đẳng Nghề Trà Vinh được nâng cấp năm 2015.", snapshot), qa)).toBeUndefined();
  });
});

describe("a sum counted by the period asked", () => {
  it("should read the period of sums and of questions", () => {
    expect([...ratesIn("theo giờ là 25.500 đồng/giờ (vùng I)")]).toEqual(["hour"]);
    expect([...ratesIn("vùng I 5.310.000 đồng/tháng")]).toEqual(["month"]);
    expect(rateAsked("luong 1 gio bao nhieu")).toBe("hour");
    expect(rateAsked("moi thang duoc bao nhieu")).toBe("month");
    expect(rateAsked("luong toi thieu vung 3")).toBeUndefined();
  });

  it("should give the monthly minimum wage unless an hour is asked", async () => {
    const monthly = await ask("lương tối thiểu vùng III năm 2026 là bao nhiêu");
    expect(monthly.answer).toContain("4.140.000");
    const hourly = await ask("vùng III lương tối thiểu 1 giờ bao nhiêu");
    expect(hourly.answer).toContain("20.000 đồng/giờ");
  });
});

describe("every part of the question is answered, or none", () => {
  it("should say the new commune of every old commune named, not only the first two", async () => {
    const a = await ask("dia chi cu la Ngoc Bien, Tan Hiep, Ham Tan, Phuoc Hung. gio doi qua xa moi nao");
    for (const commune of ["Long Hiệp", "Hàm Giang", "Tập Sơn"]) expect(a.answer).toContain(commune);
  });

  it("should not answer a value asked for another year with this year's figures", async () => {
    const a = await ask("nam 2027 luong toi thieu vung co tang nua ko, tang len bn");
    expect(a.answered).toBe(false);
    expect(a.answer).not.toContain("4.140.000");
  });
});

describe("the analysis goes with the answer to the query record", () => {
  it("should carry the act and the wanted value, also for a cached answer", async () => {
    const first = await ask("lớp tin học văn phòng học phí bao nhiêu");
    const again = await ask("lớp tin học văn phòng học phí bao nhiêu");
    expect(first.analysis).toEqual({ act: "question", wanted: "amount" });
    expect(again.analysis).toEqual(first.analysis);
  });
});

describe("names from the sheets that are also everyday words", () => {
  it("should not read 'được' written without diacritics as the trade 'Dược'", async () => {
    const a = await ask("hoc xong lop 9 vo thang cao dang dc ko");
    expect(a.answer).not.toContain("Dược (Cao đẳng)");
    const b = await ask("con e bi khuyet tat hoc nghe co duoc mien hoc phi ko");
    expect(b.answer).not.toContain("Dược (Cao đẳng)");
    const asked = await ask("học dược ở đâu");
    expect(asked.answer).toContain("Dược (Cao đẳng)");
  });

  it("should not take the district's name for a company whose name ends with it", async () => {
    const a = await ask("ke hoach phan luong tra cu so may ban hanh ngay nao");
    expect(a.answer).not.toContain("Garage");
    expect(a.answer).toContain("4993");
    const named = await ask("garage o to tra cu tuyen gi");
    expect(named.answer).toContain("Thợ sửa chữa ô tô");
  });
});

describe("what no row has is said, not listed over", () => {
  it("should say there is no opening for a position no row names, instead of listing other jobs", async () => {
    const a = await ask("Có công ty nào đang tuyển hướng dẫn viên du lịch không?");
    expect(a.answered).toBe(false);
    expect(a.answer).not.toContain("Công nhân may");
  });

  it("should still list openings for the menu's own question, whose words are how users ask", async () => {
    const a = await ask("Việc làm và mức lương hiện nay ra sao?");
    expect(a.answered).toBe(true);
    expect(a.answerer).toBe("labour");
  });

  it("should take 'ở Trà Cú' as the whole former district, not Xã Trà Cú", async () => {
    const a = await ask("o tra cu co khoa hoc sua chua may nong nghiep ko");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Xã Hàm Giang");
  });

  it("should answer a follow-up naming another row's trade about that trade", async () => {
    const user = newUser();
    await ask("lớp chăn nuôi thú y khai giảng khi nào", user);
    const a = await ask("con khoa tin hoc van phong thi sao", user);
    expect(a.answer).toContain("Tin học văn phòng");
    expect(a.answer).not.toContain("Chăn nuôi thú y");
  });
});

describe("a message that stands on its own is not read against the previous turn", () => {
  // Real users nearly always have an earlier turn: each message here must get the reply it gets alone.
  it.each([
    // After a list of courses: a ranking over the whole job table, not the courses just shown.
    ["hoc dien cong nghiep o dau, hoc phi bao nhieu", "Việc nào lương cao nhất trong danh sách vậy"],
    // After a list of courses, a commune with "việc": the job table, not a filter of the courses.
    ["khóa nào khai giảng tháng 12", "ở Long Hiệp có việc gì"],
    // After job rows: a question naming a document and its own value.
    ["co viec lam cho nu o ham giang ko", "Nghị quyết 71 năm 2025 có gì liên quan tới học sinh cấp 2 ko ad"],
    // A trade of its own and a value of its own, though the classifier calls it a follow-up.
    ["hoc dien cong nghiep o dau, hoc phi bao nhieu", "hoc han o dau"],
    // "Con tôi" (my child) is not "Còn" (and what about).
    ["co viec lam cho nu o ham giang ko", "Con tôi người Khmer, nhà cận nghèo, học cao đẳng nghề có được miễn học phí không?"],
  ])("after %s, %s", async (first, second) => {
    const alone = await ask(second);
    const user = newUser();
    await ask(first, user);
    const after = await ask(second, user);
    expect(after.answer).toBe(alone.answer);
  });

  it("should still read a short value question after rows as about those rows", async () => {
    const user = newUser();
    const first = await ask("hoc dien cong nghiep o dau, hoc phi bao nhieu", user);
    expect(first.answerer).toBe("labour");
    const alone = await ask("khai giảng khi nào");
    const after = await ask("khai giảng khi nào", user);
    expect(after.answer).not.toBe(alone.answer);
    expect(after.answer).toContain("15/12/2026");
  });
});

describe("a trade asked by part of its label", () => {
  it.each([
    ["muon hoc pha che ca phe", "Pha chế đồ uống"],
    ["lop hoc moc o kim son bao gio mo", "Mộc dân dụng"],
    // A pair with an ambiguous word ("xe"): the course, not the job of the same trade.
    ["học lái xe nâng bao lâu, bao nhiêu tiền", "Vận hành xe nâng"],
  ])("should find %s as %s", async (text, trade) => {
    const a = await ask(text);
    expect(a.answerer).toBe("labour");
    expect(a.answer).toContain(trade);
  });

  it("should not read the words of asking as a trade ('cấp' of 'học cấp 3', 'đại' of 'đại học', 'tiếng Khmer')", async () => {
    for (const text of ["Năm nay con tôi học cấp 3 trường công có phải đóng học phí không ạ?", "ba muon con hoc nghe dien, ma no cu doi hoc dai hoc", "hoc nganh su pham tieng khmer o dh tra vinh hoc phi bao nhieu"]) {
      const a = await ask(text);
      expect(a.answer).not.toContain("Tiếng Hàn sơ cấp");
      expect(a.answer).not.toContain("Tổng đài");
      expect(a.answer).not.toContain("Phiên dịch");
    }
  });
});

describe("rows found only by a place name are not the opening asked", () => {
  it("should say there is no 'thợ sơn nhà' opening rather than list the openings in Tập Sơn", async () => {
    const a = await ask("có ai tuyển thợ sơn nhà không");
    expect(a.answered).toBe(false);
    expect(a.answer).not.toContain("đồ gỗ");
    expect(a.answer).toContain("chưa có chỗ tuyển");
  });
});

describe("an organisation the knowledge does not know", () => {
  it.each([
    ["Công ty TNHH Bao Bì Sóc Trăng đang tuyển vị trí gì vậy?", "Công ty TNHH Bao Bì Sóc Trăng"],
    ["Trường Trung cấp Kinh tế - Kỹ thuật Trà Cú có những ngành gì?", "Trường Trung cấp Kinh tế Kỹ thuật Trà Cú"],
    ["cty pouyuen co tuyen nguoi o tra cu ko ad", "cty pouyuen"],
  ])("should say nothing is known of it, never list other organisations' rows: %s", async (text, name) => {
    const a = await ask(text);
    expect(a.answered).toBe(false);
    expect(a.answer).toContain(`Chưa có thông tin về ${name}`);
    expect(a.answer).not.toContain("Thử Nghiệm");
  });

  it.each([
    // A kind of workshop, not one named.
    "xưởng đồ gỗ nào đang tuyển",
    // Named in the documents.
    "Trung tâm Lao động ngoài nước đưa người đi Hàn bây giờ trực thuộc bộ nào vậy ạ?",
    // A known company of the sheets.
    "Salon Ngọc Lan tuyển thợ gì",
  ])("should not take %s for an unknown organisation", async (text) => {
    const a = await ask(text);
    expect(a.answer).not.toContain("Chưa có thông tin về");
  });
});

describe("a short message the knowledge cannot answer alone continues the earlier turn", () => {
  it("should read 'ngành ngư nghiệp bao nhiêu' after an EPS question as EPS's fishery quota, even after the same words were asked alone", async () => {
    const alone = await ask("nganh ngu nghiep bao nhieu");
    expect(alone.answered).toBe(false);
    const user = newUser();
    await ask("EPS năm 2026 tuyển bao nhiêu người vậy", user);
    const next = await ask("nganh ngu nghiep bao nhieu", user);
    expect(next.answered).toBe(true);
    expect(next.answer).toContain("1.000 ngành ngư nghiệp");
    // The words alone still get their own reply.
    expect((await ask("nganh ngu nghiep bao nhieu")).answer).toBe(alone.answer);
  });
});

describe("a follow-up on courses that asks about the work", () => {
  it("should answer 'nghề đó đi làm lương sao' after a course with the trade's openings, not the course fee", async () => {
    const user = newUser();
    const first = await ask("lop hoc moc o kim son bao gio mo", user);
    expect(first.answer).toContain("Mộc dân dụng");
    const next = await ask("nghề đó đi làm lương sao", user);
    expect(next.answer).toContain("Thợ mộc");
    expect(next.answer).toContain("7.500.000");
    expect(next.answer).not.toContain("Học phí");
  });
});

describe("a ranking by what its graded word says", () => {
  it("should rank courses by fee for 'khóa học nào mắc nhất', not by start date", async () => {
    const a = await ask("khoa hoc nao mac nhat");
    expect(a.answer).toContain("học phí cao nhất");
    expect(a.answer).not.toContain("khai giảng sớm nhất");
  });
});

describe("words that fold alike", () => {
  it("should not take 'đội trưởng' (a team leader) for 'trường' (a school) and answer with a course", async () => {
    const a = await ask("đội trưởng bảo vệ cần kinh nghiệm gì");
    expect(a.answer).not.toContain("Các khóa");
    expect(a.answer).toContain("Đội trưởng bảo vệ");
  });
});

describe("what the rows do not say", () => {
  it("should say the list does not say it, unanswered and without a source, when a short question asks what no column holds", async () => {
    const a = await ask("lái xe nâng có cho mang thú cưng theo không");
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("không ghi điều bạn hỏi cho Lái xe nâng");
    expect(a.answer).not.toContain("Nguồn:");
  });

  it("should still answer what a column holds, in the words users use", async () => {
    const a = await ask("lái xe nâng lương bao nhiêu");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("8.500.000");
  });
});

describe("rows are scored by what the question asks of them", () => {
  it.each([
    ["xưởng mộc Tân Phát có đóng bảo hiểm cho thợ không vậy", "bảo hiểm", "Thợ mộc tại Xưởng Mộc Thử Nghiệm Tân Phát"],
    ["Con tôi muốn xin vô làm thợ mộc ở xưởng Tân Phát, mà ở xa nhà quá, xưởng có chỗ ở cho thợ không ad", "chỗ ở", "Thợ mộc tại Xưởng Mộc Thử Nghiệm Tân Phát"],
    ["lai xe nang o kho van lam may gio, co tang ca ko", "giờ làm", "Lái xe nâng"],
    ["cho xin sdt xưởng mộc Tân Phát", "số điện thoại", "Xưởng Mộc Thử Nghiệm Tân Phát"],
    ["học pha chế xong có được cấp chứng chỉ không", "chứng chỉ", "Pha chế đồ uống"],
  ])("should say the list does not state what no column holds: %s", async (text, what, rows) => {
    const a = await ask(text);
    expect(a.answered).toBe(false);
    expect(a.answer).toMatch(new RegExp(`không ghi [^;]*${what}[^;]* cho `));
    expect(a.answer).toContain(rows);
    expect(a.answer).not.toContain("Nguồn:");
  });

  it.each([
    ["hoc dan luc binh hoc phi bao nhieu", "học phí", "Đan lục bình"],
    ["tiệm vàng Kim Phát tuyển thợ kim hoàn mấy người", "số lượng", "Thợ kim hoàn học việc"],
  ])("should say the list does not state a column left blank in every row shown: %s", async (text, column, rows) => {
    const a = await ask(text);
    expect(a.answered).toBe(false);
    expect(a.answer).toContain(`không ghi ${column} cho ${rows}`);
  });

  it("should answer the column asked and say what else the rows do not state", async () => {
    const a = await ask("thợ mộc Tân Phát lương bao nhiêu, có bao cơm trưa không");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("7.500.000");
    expect(a.answer).toContain("Danh sách không ghi bữa ăn");
  });

  it("should answer a column the rows fill, for the same rows", async () => {
    const a = await ask("học đan lục bình mất bao lâu");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("2 tháng");
  });
});

describe("rankings and filters read the direction, year and commune asked", () => {
  it("should rank the latest deadline first when asked which closes last", async () => {
    const a = await ask("việc nào hạn nộp muộn nhất");
    expect(a.answer).toContain("hạn nộp muộn nhất");
    // The sheet written here holds the latest deadline of all open rows (20/03/2027).
    expect(a.answer.split("\n")[1]).toContain("Thợ sửa chữa ô tô");
  });

  it("should rank the trades needing fewest workers first when asked for the fewest", async () => {
    const a = await ask("ngành nào cần ít lao động nhất");
    expect(a.answer).toContain("cần ít lao động nhất");
    expect(a.answer.split("\n")[1]).toContain("Kỹ thuật điện lạnh: 40");
  });

  it("should rank the demand of the year asked, and say when the table has no figures for it", async () => {
    const older = await ask("năm 2025 ngành nào cần nhiều lao động nhất");
    expect(older.answer).toContain("năm 2025");
    expect(older.answer.split("\n")[1]).toContain("May công nghiệp: 400");
    const future = await ask("nhu cầu lao động năm 2030 ngành nào cần nhiều người nhất");
    expect(future.answered).toBe(false);
    expect(future.answer).toContain("chưa có số liệu nhu cầu lao động năm 2030");
  });

  it("should list the courses held in a commune asked by its former name, those in it first", async () => {
    const a = await ask("ở Kim Sơn có lớp học nghề nào không");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Các khóa đào tạo ở khu vực bạn hỏi");
    expect(a.answer.split("\n")[1]).toContain("Mộc dân dụng");
  });

  it("should not list openings in another former commune of the same new commune", async () => {
    // Ngãi Xuyên and Thanh Sơn both joined Xã Trà Cú; the garage is in Ngãi Xuyên.
    const a = await ask("nha e o Thanh Son, gan nha co viec gi ko");
    expect(a.answer).not.toContain("Garage Ô Tô");
  });
});

describe("a trade asked by a pair of everyday words", () => {
  it("should find a course whose label pairs a stop word with another word no example writes beside it", async () => {
    const a = await ask("lop cam hoa khai giang khi nao vay");
    expect(a.answer).toContain("Cắm hoa nghệ thuật");
    expect(a.answer).toContain("22/03/2027");
  });
});

describe("table queries: filters, rankings and the table a question asks", () => {
  it("should list the free courses when asked which courses are free", async () => {
    const a = await ask("có khóa học nghề nào được miễn học phí không ad");
    expect(a.answer).toContain("Các khóa miễn học phí");
    expect(a.answer).toContain("Điện công nghiệp");
    expect(a.answer).not.toContain("Tin học văn phòng");
  });

  it("should not take a question about a decision's year for a list of free courses", async () => {
    const a = await ask("Bộ Chính trị quyết định miễn học phí cho học sinh trường công từ năm học nào?");
    expect(a.answer).not.toContain("Các khóa miễn học phí");
  });

  it("should rank the fees paid when asked for the cheapest course, and say the free ones apart", async () => {
    const a = await ask("khóa nào học phí rẻ nhất");
    expect(a.answer.split("\n")[1]).toContain("Nghiệp vụ bảo vệ");
    expect(a.answer).toMatch(/Ngoài ra có \d+ khóa miễn học phí/);
  });

  it("should rank the openings by places when asked which hires most, even after the demand figures", async () => {
    const user = newUser();
    await ask("ngành hàn năm 2026 cần bao nhiêu thợ", user);
    const a = await ask("chỗ nào tuyển nhiều người nhất vậy", user);
    expect(a.answer).toContain("Các chỗ tuyển nhiều người nhất");
    expect(a.answer.split("\n")[1]).toContain("Công nhân chế biến thủy sản");
  });

  it("should read 'cần bao nhiêu thợ' in a year as the demand figures", async () => {
    const a = await ask("ngành hàn năm 2026 cần bao nhiêu thợ");
    expect(a.answer).toContain("120 người");
  });

  it("should answer a wage with the openings, not the course of the same trade", async () => {
    const a = await ask("con tôi học cũng được, muốn làm lái xe nâng thì lương bao nhiêu");
    expect(a.answer).toContain("8.500.000 - 11.000.000");
    expect(a.answer).not.toContain("2.200.000");
  });

  it("should not read 'năng lượng' as a wage", async () => {
    const a = await ask("khoa lap dien nang luong mat troi hoc o dau");
    expect(a.answer).toContain("Lắp đặt điện năng lượng mặt trời");
  });
});

describe("a trade the demand table spells otherwise than the openings", () => {
  it("should list the openings whose labels hold the words asked", async () => {
    const a = await ask("co cho nao tuyen lam banh trang ko ad");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Thợ tráng bánh tráng");
    expect(a.answer).toContain("Nhân viên phơi và đóng gói bánh tráng");
  });

  it("should count 'no opening for this trade' as unanswered", async () => {
    const a = await ask("co cho nao tuyen dan luoi ca ko");
    expect(a.answer).toContain("chưa có chỗ tuyển");
    expect(a.answered).toBe(false);
  });
});

describe("follow-ups on rows: the column, the table and the trade the message names", () => {
  it("should read a skill asked after openings as their requirements", async () => {
    // Asked with the answer check off: this names what the rules find; at the check's threshold (0.65 since
    // December 2026, chosen on sets never tuned on) the reply is withheld as not sure.
    const user = newUser();
    await unchecked.engine.answer({ text: "lái xe nâng lương bao nhiêu", userKey: user });
    const a = await unchecked.engine.answer({ text: "có cần biết làm trước ko", userKey: user });
    expect(a.answer).toContain("Có chứng chỉ vận hành xe nâng");
  });

  it("should answer a fee asked after openings from the courses of the same trade", async () => {
    const user = newUser();
    await ask("thợ hàn lương bao nhiêu", user);
    const a = await ask("hoc phi sao ad", user);
    expect(a.answer).toContain("4.200.000");
  });

  it("should take a trade named by part of its label after rows as a new question", async () => {
    const user = newUser();
    await ask("thợ mộc lương bao nhiêu", user);
    const a = await ask("còn ép dầu dừa?", user);
    expect(a.answer).toContain("Nhân viên vận hành máy ép dầu dừa");
    expect(a.answer).not.toContain("Thợ mộc");
  });

  it("should not take a definition question for a ranking of the rows", async () => {
    const a = await ask("phân luồng là j z ad");
    expect(a.answer).not.toContain("lương cao nhất");
  });
});

describe("what the documents never state", () => {
  it("should say an office's hours are not known rather than answer with a passage about the office", async () => {
    const a = await ask("UBND xã Hàm Giang mới làm việc từ mấy giờ tới mấy giờ vậy");
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("Chưa có thông tin về giờ làm việc");
    expect(a.answer).not.toContain("Nguồn:");
  });

  it("should still answer 'which paths' and 'which certificate' from the passages that say them in other words", async () => {
    const a = await ask("hoc 9+ xong co dc bang cap 3 ko ad");
    expect(a.answer).not.toContain("Chưa có thông tin về");
  });
});

describe("values that state an attribute without its words", () => {
  it("should take a phone number, never an amount, as stating the phone, and an hour as stating the hours", () => {
    const lexicon = t.knowledge.current().lexicon;
    const asked = ["cho", "xin", "sdt", "cong", "ty"];
    expect(unstatedAsked(asked, "lương: 7.500.000 - 9.500.000; liên hệ: Phòng nhân sự", lexicon)).toEqual(["số điện thoại"]);
    expect(unstatedAsked(asked, "liên hệ: 0294 3855 123", lexicon)).toEqual([]);
    const hours = ["lam", "viec", "may", "gio"];
    expect(unstatedAsked(hours, "UBND xã tiếp dân các ngày trong tuần", lexicon)).toEqual(["giờ làm việc"]);
    expect(unstatedAsked(hours, "làm việc từ 7 giờ đến 17h", lexicon)).toEqual([]);
  });
});

/**
 * Corrections and past deadlines (issue 10, eighth round), the real engine over sheets written here:
 * - "ý em là học hàn chứ không phải đi làm" corrects the previous message: what it means is asked
 *   in the earlier question's place, with that question as context, and the part ruled out ("đi
 *   làm", "nuôi") is dropped (knowledge/slots.yaml `corrections`, `contrasts`);
 * - "tin nào hết hạn rồi" lists the openings whose deadline has passed; "hết hạn sớm nhất" still
 *   ranks the open ones, and "hết hạn rồi hả, vậy chỗ nào…" asks something else;
 * - a position asked whose rows are all closed shows them, said to be closed: its wage or deadline
 *   answers ("còn nộp được không"), "có chỗ nào đang tuyển …" stays unanswered (tenth round).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { correctedMeaning } from "../../src/knowledge/lexicon.js";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  const jobs = [
    "Công ty CP Cơ khí Thử Nghiệm Bến Đò,Thợ hàn,12,8.000.000,12.000.000,Xã Đại An,Từ 20 đến 45 tuổi,10/12/2026,Anh Kim Sóc Kha",
    "Công ty Bảo vệ Thử Nghiệm,Nhân viên bảo vệ,8,6.900.000,7.800.000,Xã Đại An,Nam từ 25 tuổi,12/11/2026,Văn phòng công ty",
    "Hợp tác xã Tôm Thử Nghiệm,Kỹ thuật viên nuôi tôm,4,7.000.000,10.000.000,Xã Long Hiệp,Từ 20 tuổi,15/11/2026,Anh Thạch Tha",
    "Quán Thử Nghiệm Sông Hậu,Phụ bếp,5,5.500.000,6.500.000,Xã Trà Cú,Từ 17 tuổi,25/11/2026,Chị Lâm",
  ];
  const courses = [
    "Trường Trung cấp Thử Nghiệm Bến Đò,Hàn điện,Trung cấp,18 tháng,Miễn học phí,Ở ký túc xá miễn phí,Tốt nghiệp THCS,Xã Đại An,01/2027,Phòng tuyển sinh",
    "Trung tâm Thử Nghiệm Bến Đò,Nấu ăn,Sơ cấp,2 tháng,800.000,Không,Từ 16 tuổi,Xã Trà Cú,15/01/2027,Thầy Thạch Vy",
  ];
  const demand = ["Nuôi trồng thủy sản,2026,120,\"7,8 triệu\",", "Chế biến thủy sản,2026,450,\"6,4 triệu\",Làm theo mùa vụ"];
  t = await buildKnowledgeWithSheets({ jobs, courses, demand }, "tracu-corrections-");
});
afterAll(() => t.cleanup());

describe("a correction of the previous message", () => {
  it("should read what is meant, without the opening or the part ruled out", () => {
    const slots = t.knowledge.current().lexicon.slots;
    expect(correctedMeaning("ý em là học hàn chứ ko phải đi làm", slots)).toBe("học hàn");
    expect(correctedMeaning("y tui la che bien thuy san", slots)).toBe("che bien thuy san");
    expect(correctedMeaning("ý kiến của tôi là nên học nghề", slots)).toBeUndefined();
    expect(correctedMeaning("ý em là", slots)).toBeUndefined();
  });

  it("should answer 'ý em là học hàn chứ ko phải đi làm' after openings with the welding course", async () => {
    await t.engine.answer({ text: "co cho nao tuyen tho han ko ad", userKey: "u-fix-1" });
    const a = await t.engine.answer({ text: "ý em là học hàn chứ ko phải đi làm", userKey: "u-fix-1" });
    expect(a.answer).toContain("Hàn điện");
    expect(a.answer).toContain("18 tháng");
    expect(a.answer).not.toContain("Công ty CP Cơ khí");
  });

  it("should ask the earlier demand question of the trade meant", async () => {
    await t.engine.answer({ text: "nuôi trồng thủy sản năm 2026 cần bao nhiêu người, lương bình quân bao nhiêu", userKey: "u-fix-2" });
    const a = await t.engine.answer({ text: "ý tui là chế biến thủy sản chứ ko phải nuôi", userKey: "u-fix-2" });
    expect(a.answer).toContain("450");
    expect(a.answer).toContain("6,4 triệu");
    expect(a.answer).not.toContain("7,8 triệu");
  });
});

describe("past deadlines", () => {
  it("should list the openings whose deadline has passed for 'tin nào hết hạn nộp rồi'", async () => {
    const a = await t.engine.answer({ text: "tin tuyen dung nao het han nop roi" });
    expect(a.answer).toContain("Nhân viên bảo vệ");
    expect(a.answer).toContain("Kỹ thuật viên nuôi tôm");
    expect(a.answer).not.toContain("Thợ hàn");
  });

  it("should list them for 'cho tôi danh sách các việc đã hết hạn nộp hồ sơ' too (a list asked, no 'nào')", async () => {
    const a = await t.engine.answer({ text: "Cho tôi danh sách các việc đã hết hạn nộp hồ sơ để gỡ khỏi bảng tin" });
    expect(a.answer).toContain("Nhân viên bảo vệ");
    expect(a.answer).toContain("Kỹ thuật viên nuôi tôm");
    expect(a.answer).not.toContain("Thợ hàn");
  });

  it("should still rank the open ones for 'việc nào hết hạn sớm nhất'", async () => {
    const a = await t.engine.answer({ text: "viec nao het han som nhat" });
    expect(a.answer.split("\n")[1]).toContain("Phụ bếp");
    expect(a.answer).not.toContain("Nhân viên bảo vệ");
  });

  it("should not list past openings for 'hết hạn rồi hả, vậy chỗ nào nhận…'", async () => {
    await t.engine.answer({ text: "KKT Định An có tuyển bảo vệ không ạ", userKey: "u-past" });
    const a = await t.engine.answer({ text: "hết hạn rồi hả, vậy chỗ nào nhận đàn ông 48 tuổi", userKey: "u-past" });
    expect(a.answer).not.toContain("đã hết hạn nộp");
  });
});

describe("a position asked whose rows are all closed", () => {
  it("should show the closed row, said to be closed, for 'tuyển bảo vệ còn nộp được không'", async () => {
    const a = await t.engine.answer({ text: "tuyen nhan vien bao ve con nop duoc khong ad" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("đã hết hạn nộp hồ sơ");
    expect(a.answer).toContain("12/11/2026");
  });

  it("should give the closed row's wage, said to be closed, for 'kỹ thuật viên nuôi tôm lương bao nhiêu'", async () => {
    const a = await t.engine.answer({ text: "ky thuat vien nuoi tom luong bao nhieu" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("đã hết hạn nộp hồ sơ");
    expect(a.answer).toContain("7.000.000");
  });

  it("should count 'có chỗ nào đang tuyển bảo vệ không' unanswered, though the closed row is shown", async () => {
    const a = await t.engine.answer({ text: "co cho nao dang tuyen bao ve khong" });
    expect(a.answered).toBe(false);
  });
});

describe("rows on one side of a date", () => {
  it("should list the openings whose deadline falls after the date written ('hạn nộp sau ngày 01/12/2026')", async () => {
    const a = await t.engine.answer({ text: "cho biết các vị trí có hạn nộp sau ngày 01/12/2026", userKey: "u-date-1" });
    expect(a.answer).toContain("Thợ hàn");
    expect(a.answer).not.toContain("Phụ bếp");
    expect(a.answered).toBe(true);
  });

  it("should list the courses starting before the date written", async () => {
    const a = await t.engine.answer({ text: "khóa nào khai giảng trước 10/01/2027", userKey: "u-date-2" });
    expect(a.answer).toContain("Hàn điện");
    expect(a.answer).not.toContain("Nấu ăn");
  });
});

describe("closed rows among those just shown", () => {
  it("should answer 'việc nào trong đó đã hết hạn' from the rows shown, and name the closed ones of the same place", async () => {
    await t.engine.answer({ text: "ở xã Đại An có việc gì đang tuyển", userKey: "u-shown-past" });
    const a = await t.engine.answer({ text: "việc nào trong đó đã hết hạn nộp rồi", userKey: "u-shown-past" });
    expect(a.answer).toContain("chưa chỗ nào hết hạn nộp");
    expect(a.answer).toContain("Nhân viên bảo vệ");
    expect(a.answer).not.toContain("Kỹ thuật viên nuôi tôm");
  });
});

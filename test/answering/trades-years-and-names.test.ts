/**
 * Which rows a question names (issue 10, fifth round): a trade written with most of its label's
 * words, a trade no row has (asked alone or as a follow-up), a year the demand table lacks for one
 * trade, "ít … nhất", a company written out in full, a school whose name holds a level, and slot
 * phrases that overlap. The real engine over the shipped knowledge and sheets written here.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSlots } from "../../src/knowledge/lexicon.js";
import { foldedWords } from "../../src/knowledge/vietnamese.js";
import { buildTestKnowledge, writeLabourSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
let sheetDir: string;

beforeAll(async () => {
  const jobs = [
    // A company whose name ends in a former commune's name.
    "Tiệm Sửa xe Thử Nghiệm Tân Hiệp,Thợ sửa xe máy,2,6.000.000,8.000.000,Xã Tân Hiệp,Có tay nghề sửa xe máy từ 1 năm,22/03/2027,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Điện Lạnh Thử Nghiệm Bình Minh,Thợ sửa máy lạnh,4,8tr,12tr,Xã Trà Cú,Có chứng chỉ sơ cấp điện lạnh,30/04/2027,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Bốc Xếp Thử Nghiệm Sao Mai,Công nhân bốc xếp,10,6500000,8000000,Xã Tập Sơn,Nam từ 18 tuổi; không cần kinh nghiệm,20/03/2027,Phòng nhân sự (dữ liệu thử)",
    // Another employer in the same former commune: the company, not the commune, is asked.
    "Hợp tác xã Thử Nghiệm Phú Quý,Công nhân phơi lúa,5,5tr,6tr,Xã Tân Hiệp,Từ 18 tuổi,25/03/2027,Phòng nhân sự (dữ liệu thử)",
    // Employers that also teach, or whose names end in a place or start with "Dịch vụ".
    "Hợp tác xã Dệt chiếu Thử Nghiệm Ngãi Xuyên,Thợ dệt chiếu,15,5,5tr,7tr,Xã Ngãi Xuyên,Nữ từ 16 tuổi,15/04/2027,Phòng nhân sự (dữ liệu thử)".replace("5,5tr", "\"5,5 triệu\""),
    "Trang trại Nấm rơm Thử Nghiệm An Quảng Hữu,Công nhân trồng nấm rơm,10,5.200.000,6.500.000,Xã An Quảng Hữu,Từ 18 tuổi,30/04/2027,Phòng nhân sự (dữ liệu thử)",
    "Công ty Dịch vụ Bảo vệ Thử Nghiệm Cửu Long,Nhân viên bảo vệ,12,6.800.000,8.500.000,Xã Long Hiệp,Nam từ 20 tuổi,05/04/2027,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Vận Tải Thử Nghiệm Hàm Giang,Tài xế xe tải,5,10tr,14tr,Xã Hàm Giang,Có bằng lái hạng C,30/04/2027,Phòng nhân sự (dữ liệu thử)",
    "Công ty TNHH Giao Nhận Thử Nghiệm Nhanh,Nhân viên giao hàng,8,6000000,9000000,Thị trấn Trà Cú,Có xe máy và điện thoại thông minh,20/04/2027,Phòng nhân sự (dữ liệu thử)",
    "Nhà hàng Thử Nghiệm Hương Quê,Phụ bếp,4,5tr,6tr,Xã Đại An,Từ 18 đến 40 tuổi,08/04/2027,Phòng nhân sự (dữ liệu thử)",
    // Welding has openings, but no course and no demand row.
    "Xưởng Cơ Khí Thử Nghiệm Phú Quý,Thợ hàn,3,8tr,10tr,Xã Đại An,Có tay nghề hàn,25/03/2027,Phòng nhân sự (dữ liệu thử)",
  ];
  const courses = [
    "Trường Cao đẳng Thử Nghiệm Hướng Dương,Công nghệ ô tô,Cao đẳng,3 năm,\"9,5 triệu\",Không,Tốt nghiệp THPT,Xã Trà Cú,09/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Trường Cao đẳng Thử Nghiệm Hướng Dương,Lái xe ô tô hạng B,Dưới 3 tháng,3 tháng,18 triệu,Không,Từ 18 tuổi,Xã Hàm Giang,04/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Trường Cao đẳng Thử Nghiệm Hướng Dương,Kỹ thuật chế biến món ăn,Trung cấp,2 năm,Miễn học phí,Không,Tốt nghiệp THCS,Xã Tập Sơn,09/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Trung tâm Thử Nghiệm Tân Sơn,Sửa chữa xe máy,Sơ cấp,3 tháng,2.200.000,Không,Từ 15 tuổi,Xã Tân Sơn,05/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Trung tâm Thử Nghiệm Tân Sơn,Điện dân dụng,Sơ cấp,3 tháng,Miễn học phí,Không,Từ 16 tuổi,Xã Tân Sơn,15/04/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Trung tâm Thử Nghiệm Tân Sơn,Trồng nấm rơm,Dưới 3 tháng,1 tháng,Miễn phí,\"Hỗ trợ tiền ăn, tiền đi lại\",Lao động nông thôn,Xã An Quảng Hữu,20/03/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Hợp tác xã Dệt chiếu Thử Nghiệm Ngãi Xuyên,Dệt chiếu,Dưới 3 tháng,1 tháng,Miễn phí,Không,Phụ nữ từ 16 tuổi,Xã Ngãi Xuyên,25/03/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Trường Trung cấp Thử Nghiệm Bến Đò,Sửa chữa điện thoại,Sơ cấp,3 tháng,,Hỗ trợ tiền ăn,\"Người khuyết tật vận động nhẹ, lao động nông thôn\",Xã Ngãi Xuyên,05/04/2027,Phòng tuyển sinh (dữ liệu thử)",
    "Trường Trung cấp Thử Nghiệm Bến Đò,Điện dân dụng,Trung cấp,2 năm,Miễn học phí,Không,Tốt nghiệp THCS,Xã Đại An,09/2027,Phòng tuyển sinh (dữ liệu thử)",
  ];
  // 2026 is in the table, but not for "Chế biến dừa".
  const demand = ["Chế biến dừa,2027,150,6.800.000,", "Hướng dẫn du lịch,2027,15,8.200.000,Cần biết tiếng Khmer", "Bốc xếp,2027,60,7tr,", "Bốc xếp,2026,55,6500000,"];
  sheetDir = writeLabourSheets({ jobs, courses, demand }, "tracu-trades-");
  // These sheets alone, as an office publishes its own: no fixture rows beside them.
  t = await buildTestKnowledge({}, { labour: false, extraLabourDirs: [sheetDir] });
});
afterAll(() => {
  t.cleanup();
  fs.rmSync(sheetDir, { recursive: true, force: true });
});

const ask = (text: string, userKey?: string) => t.engine.answer({ text, ...(userKey ? { userKey } : {}) });

describe("a trade written with most of its label's words", () => {
  it("should find 'Sửa chữa xe máy' from 'sửa xe máy', and read 'khai giảng khi nào' as its start, not a ranking", async () => {
    const a = await ask("sua xe may khai giang khi nao");
    expect(a.answered).toBe(true);
    expect(a.answer.split("\n")[0]).toContain("Sửa chữa xe máy");
    expect(a.answer).not.toContain("Trồng nấm rơm");
  });

  it("should find 'Lái xe ô tô hạng B' from 'lái xe ô tô bằng B', not 'Công nghệ ô tô'", async () => {
    const a = await ask("học lái xe ô tô bằng B ở đâu, bao nhiêu tiền");
    expect(a.answer).toContain("18 triệu");
    expect(a.answer).not.toContain("Công nghệ ô tô");
  });

  it("should not take 'sửa máy lạnh' for 'Sửa chữa xe máy'", async () => {
    const a = await ask("học sửa máy lạnh ở đâu");
    expect(a.answer).not.toContain("Sửa chữa xe máy");
  });
});

describe("a trade no row has", () => {
  it("should say no course teaches it rather than list another trade's courses", async () => {
    const a = await ask("hoc dien lanh o dau");
    expect(a.answered).toBe(false);
    expect(a.answer).not.toContain("Điện dân dụng (Sơ cấp)");
  });

  it("should answer a follow-up naming another trade for that trade, never the earlier trade's courses again", async () => {
    await ask("hoc dien dan dung o dau", "u-follow-trade");
    const a = await ask("con hoc han thi sao", "u-follow-trade");
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("hàn");
    // The nearest trades may be named, labelled as such; the earlier course rows are not sent again.
    expect(a.answer).not.toContain("Điện dân dụng (Sơ cấp) tại");
  });

  it("should say the demand table has no figures for a trade it does not list", async () => {
    const a = await ask("nhu cau tho han nam 2027 bao nhieu nguoi");
    expect(a.answered).toBe(false);
    expect(a.answer).not.toContain("Chế biến dừa");
  });

  it("should leave a trade the documents speak of to them ('giáo viên tiếng Khmer' at a university)", async () => {
    const a = await ask("Em là người Khmer, muốn sau này làm giáo viên dạy tiếng Khmer thì nên học trường nào?");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Đại học Trà Vinh");
  });
});

describe("the demand table: the year, the direction and the note", () => {
  it("should say a year the table lacks for one trade, never give another year's figure", async () => {
    const a = await ask("nghe che bien dua nam 2026 can bao nhieu nguoi");
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("2026");
    expect(a.answer).not.toContain("150");
  });

  it("should rank from the fewest when 'ít' stands a few words before 'nhất'", async () => {
    const a = await ask("nghe nao it nguoi can nhat nam 2027");
    expect(a.answer.split("\n")[1]).toContain("Hướng dẫn du lịch");
  });

  it("should show the office's note beside one trade's figures", async () => {
    const a = await ask("Nghề hướng dẫn du lịch trong bảng nhu cầu có ghi chú gì không?");
    expect(a.answer).toContain("Cần biết tiếng Khmer");
  });
});

describe("organisations named in full", () => {
  it("should read a company written out in full, though its name ends in a commune's, and a column asked after it as that row's", async () => {
    const first = await ask("Tiệm Sửa xe Thử Nghiệm Tân Hiệp cần mấy thợ?", "u-company");
    expect(first.answer).toContain("Thợ sửa xe máy");
    expect(first.answer).not.toContain("Công nhân phơi lúa");
    const next = await ask("co can kinh nghiem ko", "u-company");
    expect(next.answer).toContain("Có tay nghề sửa xe máy từ 1 năm");
    expect(next.answer).not.toContain("Công nhân phơi lúa");
  });

  it("should list every course of a school whose name holds a level, not only that level's", async () => {
    const a = await ask("Trường Cao đẳng Thử Nghiệm Hướng Dương có những ngành gì");
    expect(a.answer).toContain("Kỹ thuật chế biến món ăn");
    expect(a.answer).toContain("Lái xe ô tô hạng B");
  });
});

describe("slot phrases that overlap", () => {
  const slots = (text: string) => findSlots(t.knowledge.current().lexicon, foldedWords(text)).map((m) => `${m.entry.kind}:${m.entry.id}`);

  it("should take the phrase reaching further right within one kind: 'học điện lạnh' is refrigeration", () => {
    expect(slots("hoc dien lanh o dau")).toEqual(["trade:dien_lanh"]);
  });

  it("should keep the first phrase across kinds: 'lên đại học được' is a level, not the trade 'dược'", () => {
    expect(slots("học xong có lên đại học được ko")).toEqual(["level:dai_hoc"]);
  });

  it("should read no trade in 'chạy xe đạp' or 'học được'", () => {
    expect(slots("nhà xa, chạy xe đạp không nổi")).toEqual([]);
    expect(slots("e moi xong lop 9 hoc dc ko")).toEqual([]);
  });

  it("should still read the driving trade in 'chạy xe tải'", () => {
    expect(slots("muốn chạy xe tải")).toEqual(["trade:lai_xe"]);
  });
});

describe("which table a long or named message asks", () => {
  it("should leave a ranking of regions to the documents, not rank the demand table's trades", async () => {
    const a = await ask("Vùng nào có thu nhập bình quân cao nhất cả nước?");
    expect(a.answer).not.toContain("ngành có lương bình quân cao nhất");
  });

  it("should answer a course's fee and length when the cooperative that teaches it also hires", async () => {
    const a = await ask("Nhà tui ở Ngãi Xuyên, con gái tui 17 tuổi nghỉ học rồi, nó khéo tay lắm. Nghe nói hợp tác xã dệt chiếu có mở lớp dạy nghề, vậy học dệt chiếu có mất tiền không, học bao lâu?");
    expect(a.answer).toContain("Miễn phí");
    expect(a.answer).toContain("1 tháng");
    expect(a.answer).not.toContain("Thợ dệt chiếu tại");
  });

  it("should not take a three-word commune's last two words for a farm named after it", async () => {
    const a = await ask("toi 40 tuoi roi, gio muon hoc trong nam rom de lam them. nghe noi co lop mo o An Quang Huu, cho hoi khi nao khai giang, co ho tro gi ko");
    expect(a.answer).toContain("20/03/2027");
    expect(a.answer).not.toContain("Công nhân trồng nấm rơm");
  });

  it("should not take 'dịch vụ' for the name of a company whose name starts with it", async () => {
    const a = await ask("trung tam dich vu viec lam vinh long o dau");
    expect(a.answer).not.toContain("Nhân viên bảo vệ");
  });

  it("should list the free courses asked with words between 'lớp nghề' and 'nào'", async () => {
    const a = await ask("co lop nghe mien phi nao ko");
    expect(a.answer).toContain("Các khóa miễn học phí");
    expect(a.answer).toContain("Dệt chiếu");
  });

  it("should list a level's courses asked as 'có khóa trung cấp nào'", async () => {
    const a = await ask("Con tôi vừa tốt nghiệp lớp 9, có khóa trung cấp nào cho cháu học không?");
    expect(a.answer).toContain("Điện dân dụng (Trung cấp)");
    expect(a.answer).toContain("Kỹ thuật chế biến món ăn (Trung cấp)");
  });

  it("should say there is no course when a course is asked in so many words for a trade only the documents mention", async () => {
    const a = await ask("co khoa hoc tieng han o tra cu ko");
    expect(a.answered).toBe(false);
  });
});

describe("what neither the rows nor the documents state (knowledge/slots.yaml unstated)", () => {
  it.each([
    ["khoa lai xe hoc may buoi 1 tuan"],
    ["Học cao đẳng công nghệ ô tô ra trường có được giới thiệu việc làm không?"],
    ["tru so xa dai an moi nam o dau vay"],
    ["nha ngheo muon vay tien cho con hoc dai hoc thi vay dc bao nhieu, lai suat nhiu"],
  ])("should say it is not known: %s", async (text) => {
    const a = await ask(text);
    expect(a.answered).toBe(false);
    expect(a.sources).toEqual([]);
  });
});

describe("rows narrowed or widened by what the message itself says", () => {
  it("should give a new trade's openings elsewhere when the place came from the earlier turn and has none", async () => {
    await ask("thợ sửa xe máy ở Tân Hiệp lương bao nhiêu", "u-elsewhere");
    const a = await ask("còn thợ hàn thì sao", "u-elsewhere");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Thợ hàn tại Xưởng Cơ Khí Thử Nghiệm Phú Quý");
    expect(a.answer).toContain("nơi khác");
  });

  it("should list the courses whose audience names the group asked", async () => {
    const a = await ask("Thằng em tôi bị khuyết tật tay trái, muốn học nghề gì đó ngồi một chỗ làm được. Có lớp nào nhận người khuyết tật không?");
    expect(a.answer).toContain("Sửa chữa điện thoại (Sơ cấp)");
    expect(a.answer).not.toContain("Công nghệ ô tô");
  });

  it("should narrow the rows found to the position the message names whole", async () => {
    const a = await ask("nhân viên giao hàng phải có xe máy không");
    expect(a.answer).toContain("Có xe máy và điện thoại thông minh");
    expect(a.answer).not.toContain("Tài xế xe tải");
  });

  it("should not read 'làm tại nhà' (at home) as the trade 'Tài xế'", async () => {
    const a = await ask("co viec nao lam tai nha ko");
    expect(a.answer.split("\n")[0]).not.toContain("Tài xế");
  });
});

describe("the table a message asks by its own words", () => {
  it("should read people counted by year for one trade as the demand table's figures", async () => {
    const a = await ask("boc xep nam 2026 bao nhieu nguoi, 2027 bao nhieu");
    expect(a.answer).toContain("Năm 2026: 55 người");
    expect(a.answer).toContain("Năm 2027: 60 người");
  });

  it("should answer 'học … ở đâu' after openings with the courses, not the openings again", async () => {
    await ask("em thich lam bep, co cho nao tuyen ko", "u-learn");
    const a = await ask("hoc nau an o dau", "u-learn");
    expect(a.answer).toContain("Kỹ thuật chế biến món ăn");
    expect(a.answer).not.toContain("Phụ bếp tại");
  });

  it("should list the openings for an age stated alone, naming those that leave it out", async () => {
    const a = await ask("toi 45 tuoi co viec gi lam dc ko");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Không nhận người 45 tuổi");
    expect(a.answer).toContain("Phụ bếp tại Nhà hàng Thử Nghiệm Hương Quê");
  });
});

describe("a 'which' question after rows asks the whole table", () => {
  it("should still read 'khi nào' (when) after rows as a question about those rows", async () => {
    await ask("cho nao tuyen tho han", "u-which-0");
    const a = await ask("han nop ho so toi khi nao", "u-which-0");
    expect(a.answer.split("\n")[0]).toContain("Hạn nộp của các chỗ tuyển vừa nêu");
    expect(a.answer).toContain("25/03/2027");
  });

  it("should rank every course when 'khóa nào … sớm nhất' follows a course list", async () => {
    await ask("hoc dien dan dung o dau", "u-which-1");
    const a = await ask("khoa hoc nao khai giang som nhat vay", "u-which-1");
    expect(a.answer.split("\n")[0]).toContain("khai giảng sớm nhất");
    expect(a.answer).toContain("Trồng nấm rơm");
  });

  it("should list every free course when 'những khóa nào được miễn học phí' follows a list for one group", async () => {
    await ask("co lop nao nhan nguoi khuyet tat ko", "u-which-2");
    const a = await ask("những khóa nào được miễn học phí vậy", "u-which-2");
    expect(a.answer.split("\n")[0]).toContain("Các khóa miễn học phí");
    expect(a.answer).toContain("Dệt chiếu");
  });
});

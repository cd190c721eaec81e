/**
 * Rankings and row details (issue 10, eighth round), the real engine over sheets written here:
 * - "cái nào lương cao nhất" after a list ranks the rows the list showed (its commune stays);
 *   "thấp nhất thì sao" after a ranking ranks the table the other way;
 * - the year a demand question names is the year ranked or read ("thấp nhất năm 2026"); without one,
 *   each trade's newest row is ranked when the latest year lacks some trades; a trade
 *   named narrows the demand rows ("ghi chú dòng chế biến thủy sản năm 2026");
 * - "tăng hay giảm" reads the trade's rows over the years; a row's note is shown with it;
 * - "lương khởi điểm thấp nhất" ranks by where pay starts;
 * - a course's contact is in its line; "có học bổng không" reads the support column;
 * - "có chỗ ở không" after courses reads the rows that write it, and says so when none does;
 * - a question about what no row says is not sent as answered because a trade word looks like a
 *   column ("thợ hàn" is no "hạn nộp"), and "chỗ làm" names a job, not the workplace column;
 * - learning or teaching a trade reads the courses: "chất lượng" is not a wage, "có dạy … không"
 *   asks for a course, and the course holding most of the trades named wins ("lái xe ô tô");
 * - "thợ điện" names every opening whose label begins with it, "công nhân" alone does not.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
let unchecked: TestKnowledge;

beforeAll(async () => {
  const jobs = [
    "Công ty CP Cơ khí Thử Nghiệm Bến Đò,Thợ hàn,6,9.000.000,12.000.000,Xã Long Hiệp,Từ 20 tuổi,30/12/2026,Anh Thạch Sơn (dữ liệu thử)",
    "Hợp tác xã Thử Nghiệm Bến Đò,Kỹ thuật viên nuôi tôm,4,7.000.000,9.000.000,Xã Long Hiệp,Từ 18 tuổi,30/12/2026,Chị Kim Thị Sa (dữ liệu thử)",
    "Công ty TNHH Vận tải Thử Nghiệm,Tài xế xe tải,3,10.000.000,15.000.000,Xã Hàm Giang,Có bằng lái hạng C,30/12/2026,Văn phòng (dữ liệu thử)",
    "Công ty TNHH Thủy sản Thử Nghiệm,Công nhân chế biến thủy sản,60,5.800.000,7.800.000,Xã Đại An,Từ 18 đến 45 tuổi,30/12/2026,Phòng tổ chức (dữ liệu thử)",
    "Quán Thử Nghiệm Sông Hậu,Phụ bếp,3,5.000.000,9.500.000,Xã Trà Cú,Từ 17 tuổi,30/12/2026,Chị Lâm (dữ liệu thử)",
    "Siêu thị Thử Nghiệm,Nhân viên bán hàng,5,5.500.000,6.000.000,Xã Trà Cú,Từ 18 tuổi,30/12/2026,Quầy dịch vụ (dữ liệu thử)",
    "Công ty Nông nghiệp Thử Nghiệm,Công nhân kỹ thuật trồng lúa,10,5.200.000,6.800.000,Xã Lưu Nghiệp Anh,Từ 18 đến 55 tuổi,30/12/2026,Ông Thạch Rươne",
    "Cửa hàng Xe máy Thử Nghiệm,Thợ sửa xe máy,3,6.000.000,8.000.000,Xã Trà Cú,Từ 18 tuổi,30/12/2026,Anh Thạch Sô Phon",
    "Công ty TNHH Thủy sản Thử Nghiệm,Nhân viên KCS (kiểm tra chất lượng),3,8tr,11tr,Xã Đại An,Tốt nghiệp trung cấp thủy sản,30/12/2026,Phòng tổ chức (dữ liệu thử)",
    "Công ty Điện Thử Nghiệm,Thợ điện dân dụng,5,6.800.000,9.200.000,Xã Tập Sơn,Từ 18 tuổi,22/12/2026,Anh Kim Vy",
    "Công ty Điện Thử Nghiệm,Thợ điện công nghiệp,8,7.500.000,11.000.000,Xã Tập Sơn,Có bằng trung cấp điện,20/12/2026,Anh Kim Vy",
  ];
  const courses = [
    "Trường Trung cấp Thử Nghiệm Bến Đò,Kỹ thuật chế biến món ăn,Trung cấp,2 năm,Miễn học phí,Ở ký túc xá miễn phí,Tốt nghiệp THCS,Xã Đại An,09/2027,Phòng tuyển sinh cô Sơn Thị Mai",
    "Trung tâm Thử Nghiệm Bến Đò,Nấu ăn,Sơ cấp,2 tháng,800.000,Không,Từ 16 tuổi,Xã Trà Cú,15/01/2027,Thầy Thạch Vy",
    "Trung tâm Thủy sản Thử Nghiệm,Nuôi tôm thẻ chân trắng,Sơ cấp,2 tháng,Miễn phí,Hỗ trợ tiền đi lại,Từ 18 tuổi,Xã Long Hiệp,05/01/2027,Chị Kim Thị Sa Rinh",
    "Trường Cao đẳng Thử Nghiệm,Điều dưỡng,Cao đẳng,3 năm,8.200.000,Học bổng cho sinh viên học lực khá,Tốt nghiệp THPT,Xã Trà Cú,01/03/2027,Phòng đào tạo",
    "Trạm Khuyến nông Thử Nghiệm,Kỹ thuật trồng lúa chất lượng cao,Dưới 3 tháng,1 tháng,Miễn phí,Hỗ trợ giống lúa,Nông dân không quá 60 tuổi,Xã Tập Sơn,25/11/2026,Anh Kim Sóc",
    "Trường Cao đẳng Thử Nghiệm,Công nghệ ô tô,Cao đẳng,2,5 năm,9.500.000,Không,Tốt nghiệp THPT,Xã Long Hiệp,03/2027,Phòng đào tạo",
    "Trung tâm Lái xe Thử Nghiệm,Lái xe ô tô hạng B,Sơ cấp,3 tháng,16.500.000,Không,Từ 18 tuổi,Xã Lưu Nghiệp Anh,06/01/2027,Phòng ghi danh",
    "Trung tâm Thử Nghiệm Bến Đò,Sửa chữa xe máy,Sơ cấp,3 tháng,1.500.000,Không,Từ 15 tuổi,Xã Trà Cú,14/12/2026,Thầy Thạch Vy",
  ];
  const demand = [
    "Chế biến thủy sản,2027,420,6.600.000,Giảm nhẹ so với năm 2026",
    "Chế biến thủy sản,2026,450,6.300.000,Theo mùa vụ",
    "Nuôi trồng thủy sản,2027,140,7.500.000,",
    "Lái xe,2027,55,\"11,2 triệu\",",
    "Nấu ăn,2027,75,6.100.000,",
    "Bán hàng,2026,150,5.600.000,",
    "Nấu ăn,2026,60,5.900.000,",
  ];
  t = await buildKnowledgeWithSheets({ jobs, courses, demand }, "tracu-rankings-");
  unchecked = await buildKnowledgeWithSheets({ jobs, courses, demand }, "tracu-rankings-unchecked-", { ANSWER_CHECK_THRESHOLD: "0" });
});
afterAll(() => {
  t.cleanup();
  unchecked.cleanup();
});

describe("a ranking asked after a list", () => {
  it("should rank the openings the list showed, in the commune asked, for 'cái nào lương cao nhất'", async () => {
    await t.engine.answer({ text: "viec lam o xa long hiep co gi ko", userKey: "u-rank-1" });
    const a = await t.engine.answer({ text: "cai nao luong cao nhat", userKey: "u-rank-1" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Thợ hàn");
    expect(a.answer).not.toContain("Tài xế xe tải");
  });

  it("should rank the rows shown by people for 'vị trí nào trong đó tuyển nhiều nhất'", async () => {
    await t.engine.answer({ text: "Xã Long Hiệp đang có những vị trí tuyển dụng nào?", userKey: "u-rank-2" });
    const a = await t.engine.answer({ text: "Vị trí nào trong đó tuyển nhiều nhất?", userKey: "u-rank-2" });
    expect(a.answer.split("\n")[1]).toContain("Thợ hàn");
    expect(a.answer).not.toContain("Công nhân chế biến thủy sản");
  });

  it("should rank the table the other way for 'thấp nhất thì sao' after a ranking", async () => {
    await t.engine.answer({ text: "nghe nao luong binh quan cao nhat nam 2027", userKey: "u-rank-3" });
    const a = await t.engine.answer({ text: "thap nhat thi sao", userKey: "u-rank-3" });
    expect(a.answer).toContain("thấp nhất");
    expect(a.answer.split("\n")[1]).toContain("Nấu ăn");
    expect(a.answer).not.toContain("Lái xe");
  });

  it("should still rank the whole table when the ranking names its rows ('việc nào lương cao nhất')", async () => {
    await t.engine.answer({ text: "viec lam o xa long hiep co gi ko", userKey: "u-rank-4" });
    const a = await t.engine.answer({ text: "việc nào lương cao nhất", userKey: "u-rank-4" });
    expect(a.answer).toContain("Tài xế xe tải");
  });

  it("should rank by people for 'số lượng … nhiều nhất': 'số lượng' is not 'lương' once folded", async () => {
    const a = await t.engine.answer({ text: "cong ty nao tuyen so luong nhieu nhat", userKey: "u-rank-5" });
    expect(a.answer.split("\n")[1]).toContain("Công nhân chế biến thủy sản");
    expect(a.answer).not.toContain("lương cao nhất");
  });
});

describe("a column asked with 'nào' after a list", () => {
  it("should read 'ở xã nào vậy' as the workplace of the rows just ranked, not a new list", async () => {
    await t.engine.answer({ text: "việc nào tuyển nhiều người nhất", userKey: "u-which-column" });
    const a = await t.engine.answer({ text: "ở xã nào vậy", userKey: "u-which-column" });
    expect(a.answerer).toBe("labour");
    expect(a.answer).toContain("Nơi làm của các chỗ tuyển vừa nêu");
    expect(a.answer).toContain("Xã Đại An");
  });
});

describe("what the asker leaves out of a ranking", () => {
  it("should rank without the trade after 'không tính'", async () => {
    // Asked with the answer check off: this names what the rules find; at the check's threshold (0.65 since
    // December 2026, chosen on sets never tuned on) the reply is withheld as not sure.
    const a = await unchecked.engine.answer({ text: "ko tính tài xế thì việc nào lương cao nhất", userKey: "u-leave-out-1" });
    expect(a.answer).not.toContain("Tài xế");
    expect(a.answer.split("\n")[1]).toContain("Thợ hàn");
  });

  it("should rank without the free courses for 'trừ mấy lớp miễn phí'", async () => {
    const a = await t.engine.answer({ text: "khóa nào rẻ nhất vậy, trừ mấy lớp miễn phí", userKey: "u-leave-out-2" });
    expect(a.answer.split("\n")[1]).toContain("Nấu ăn");
    expect(a.answer).not.toContain("Miễn phí");
  });
});

describe("years and trades in the demand table", () => {
  it("should rank the year asked, not the latest, for 'ngành nào lương bình quân thấp nhất năm 2026'", async () => {
    const a = await t.engine.answer({ text: "nganh nao luong binh quan thap nhat nam 2026" });
    expect(a.answer).toContain("năm 2026");
    expect(a.answer.split("\n")[1]).toContain("Bán hàng");
  });

  it("should read the trade named for 'nuôi trồng thủy sản có cần nhiều người không', not rank every trade", async () => {
    const a = await t.engine.answer({ text: "nuoi trong thuy san co can nhieu nguoi ko" });
    expect(a.answer).toContain("Nuôi trồng thủy sản");
    expect(a.answer).toContain("140");
    expect(a.answer).not.toContain("Chế biến thủy sản: 420");
  });

  it("should read 'lương tb' as the demand table's average wage", async () => {
    const a = await t.engine.answer({ text: "nuoi trong thuy san luong tb bn" });
    expect(a.answer).toContain("7.500.000");
  });

  it("should rank each trade's newest row, with its year, when the latest year lacks some trades", async () => {
    // "Bán hàng" has a 2026 row only: its 5.600.000 is the lowest newest average, and 2027 alone would hide it.
    const low = await t.engine.answer({ text: "nganh nao luong binh quan thap nhat" });
    expect(low.answer.split("\n")[1]).toContain("Bán hàng (năm 2026)");
    const many = await t.engine.answer({ text: "nganh nao can nhieu lao dong nhat" });
    expect(many.answer).toContain("Chế biến thủy sản (năm 2027): 420");
    expect(many.answer).toContain("Bán hàng (năm 2026): 150");
    expect(many.answer).not.toContain("450");
  });

  it("should say a year the table lacks rather than rank another year", async () => {
    const a = await t.engine.answer({ text: "nganh nao luong binh quan cao nhat nam 2030" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("2030");
  });

  it("should read one trade's row of the year named, with its note", async () => {
    const a = await t.engine.answer({ text: "Ghi chú của dòng chế biến thủy sản năm 2026 là gì?" });
    expect(a.answer).toContain("Theo mùa vụ");
    expect(a.answer).not.toContain("Nuôi trồng thủy sản");
    expect(a.answer).not.toContain("Giảm nhẹ");
  });

  it("should show a trade's rows over the years for 'tăng hay giảm'", async () => {
    const a = await t.engine.answer({ text: "che bien thuy san nam 2027 tang hay giam" });
    expect(a.answer).toContain("420");
    expect(a.answer).toContain("450");
    expect(a.answer).toContain("Giảm nhẹ so với năm 2026");
    expect(a.answer).not.toContain("Lái xe");
  });

  it("should compare two trades' demand rows when a year is named", async () => {
    const a = await t.engine.answer({ text: "nau an voi che bien thuy san nam 2027 nganh nao luong cao hon" });
    expect(a.answer).toContain("6.100.000");
    expect(a.answer).toContain("6.600.000");
  });
});

describe("where pay starts", () => {
  it("should rank by the lowest figure for 'việc nào lương khởi điểm thấp nhất'", async () => {
    const a = await t.engine.answer({ text: "viec nao luong khoi diem thap nhat" });
    // Phụ bếp starts at 5.000.000 though it may reach 9.500.000; bán hàng starts at 5.500.000.
    expect(a.answer.split("\n")[1]).toContain("Phụ bếp");
  });
});

describe("two columns asked of the rows just shown, in everyday words", () => {
  it("should give the deadline and the contact for 'hạn chót ngày mấy, gặp ai'", async () => {
    await t.engine.answer({ text: "thợ hàn lương bao nhiêu", userKey: "u-two-columns" });
    const a = await t.engine.answer({ text: "hạn chót ngày mấy, gặp ai", userKey: "u-two-columns" });
    expect(a.answer).toContain("30/12/2026");
    expect(a.answer).toContain("Thạch Sơn");
  });

  it("should read the support column for 'có giảm không' after a course", async () => {
    await t.engine.answer({ text: "học điều dưỡng học phí bao nhiêu", userKey: "u-discount" });
    const a = await t.engine.answer({ text: "vậy có giảm ko", userKey: "u-discount" });
    expect(a.answer).toContain("Học bổng cho sinh viên học lực khá");
  });
});

describe("a row whose sentences fit best, though a passage ranked first", () => {
  it("should answer with the whole row, requirements included, for 'siêu thị tuyển bán hàng có cần bằng cấp gì không'", async () => {
    const a = await t.engine.answer({ text: "Siêu thị tuyển bán hàng có cần bằng cấp gì không ạ?", userKey: "u-row-instead" });
    expect(a.answerer).toBe("labour");
    expect(a.answer).toContain("Từ 18 tuổi");
  });
});

describe("a course's details", () => {
  it("should name a course's contact", async () => {
    const a = await t.engine.answer({ text: "Liên hệ khóa nuôi tôm thẻ chân trắng là ai?" });
    expect(a.answer).toContain("Kim Thị Sa Rinh");
  });

  it("should read the support column for 'có học bổng không' after a course", async () => {
    await t.engine.answer({ text: "con gái tôi muốn học cao đẳng điều dưỡng, học phí bao nhiêu", userKey: "u-grant" });
    const a = await t.engine.answer({ text: "có học bổng không", userKey: "u-grant" });
    expect(a.answer).toContain("Học bổng cho sinh viên học lực khá");
  });

  it("should show the course that writes lodging for 'có chỗ ở không'", async () => {
    await t.engine.answer({ text: "hoc ky thuat che bien mon an o dau", userKey: "u-lodging-1" });
    const a = await t.engine.answer({ text: "co cho o ko", userKey: "u-lodging-1" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Ở ký túc xá miễn phí");
    expect(a.answer).toContain("Trường Trung cấp Thử Nghiệm Bến Đò");
  });

  it("should not send the rows as an answer when none writes lodging", async () => {
    await t.engine.answer({ text: "khoa nuoi tom the chan trang hoc o dau", userKey: "u-lodging-2" });
    const a = await t.engine.answer({ text: "co cho o ko", userKey: "u-lodging-2" });
    expect(a.answered).toBe(false);
    expect(a.answer).not.toContain("Hỗ trợ tiền đi lại");
  });
});

describe("a course column asked alone brings its companion", () => {
  it("should give the support beside the fee for 'có tốn tiền không'", async () => {
    await t.engine.answer({ text: "muon hoc trong lua chat luong cao co lop ko", userKey: "u-companion-1" });
    const a = await t.engine.answer({ text: "có tốn tiền không", userKey: "u-companion-1" });
    expect(a.answer).toContain("Miễn phí");
    expect(a.answer).toContain("Hỗ trợ giống lúa");
  });

  it("should give the start beside the length for 'học bao lâu'", async () => {
    await t.engine.answer({ text: "hoc lai xe o to bao nhieu tien", userKey: "u-companion-2" });
    const a = await t.engine.answer({ text: "học bao lâu", userKey: "u-companion-2" });
    expect(a.answer).toContain("3 tháng");
    expect(a.answer).toContain("06/01/2027");
  });

  it("should read 'học xong có được gì' as the support column", async () => {
    await t.engine.answer({ text: "con gái tôi muốn học cao đẳng điều dưỡng, học phí bao nhiêu", userKey: "u-companion-3" });
    const a = await t.engine.answer({ text: "hoc xong co dc gi ko", userKey: "u-companion-3" });
    expect(a.answer).toContain("Học bổng cho sinh viên học lực khá");
  });
});

describe("what no row says", () => {
  it("should not count 'thợ hàn' as the deadline column: shift hours are unsaid, unanswered", async () => {
    const a = await t.engine.answer({ text: "tho han lam may tieng 1 ngay, co tang ca ko" });
    expect(a.answered).toBe(false);
  });

  it("should not count 'chỗ làm' as the workplace column: meals are unsaid, unanswered", async () => {
    const a = await t.engine.answer({ text: "chỗ làm chế biến thủy sản có bao ăn ở cho công nhân không" });
    expect(a.answered).toBe(false);
  });

  it("should say the rows do not give a course's time of day or an opening's papers", async () => {
    await t.engine.answer({ text: "học sửa xe máy ở đâu", userKey: "u-unsaid-time" });
    const time = await t.engine.answer({ text: "khóa đó học buổi sáng hay buổi tối", userKey: "u-unsaid-time" });
    expect(time.answered).toBe(false);
    await t.engine.answer({ text: "thợ hàn tuyển mấy người", userKey: "u-unsaid-papers" });
    const papers = await t.engine.answer({ text: "hồ sơ gồm những gì, có cần khám sức khỏe ko", userKey: "u-unsaid-papers" });
    expect(papers.answered).toBe(false);
  });

  it("should still answer a column asked beside an unsaid thing ('lương … có bảo hiểm không')", async () => {
    const a = await t.engine.answer({ text: "lương thợ hàn bao nhiêu, có bảo hiểm không" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("9.000.000");
    expect(a.answer).toContain("không ghi bảo hiểm");
  });
});

describe("learning a trade reads the courses", () => {
  it("should not read 'chất lượng' as a wage: 'học trồng lúa chất lượng cao' is the course", async () => {
    const a = await t.engine.answer({ text: "muon hoc trong lua chat luong cao co lop ko" });
    expect(a.answer).toContain("Trạm Khuyến nông Thử Nghiệm");
    expect(a.answer).not.toContain("Công ty Nông nghiệp Thử Nghiệm");
  });

  it("should still name an opening by 'kiểm tra chất lượng' in its label", async () => {
    const a = await t.engine.answer({ text: "cong ty thuy san tuyen nguoi kiem tra chat luong luong bao nhieu" });
    expect(a.answer).toContain("Nhân viên KCS");
  });

  it("should read 'có dạy sửa xe máy không' as a course question", async () => {
    const a = await t.engine.answer({ text: "co day sua xe may ko ad" });
    expect(a.answer).toContain("Sửa chữa xe máy");
    expect(a.answer).not.toContain("Cửa hàng Xe máy Thử Nghiệm");
  });

  it("should list the courses for 'có lớp học nghề nào ko' said alone", async () => {
    const a = await t.engine.answer({ text: "có lớp học nghề nào ko ad", userKey: "u-any-course" });
    expect(a.answerer).toBe("labour");
    expect(a.answer).toContain("Nấu ăn");
  });

  it("should read what the learner means to do later as a purpose, not as the question", async () => {
    // "để đi làm …" is no request for openings; "để sau này đi Hàn" is no question about working abroad.
    const work = await t.engine.answer({ text: "em muốn học sửa xe máy để đi làm thợ, gần đây có lớp nào ko", userKey: "u-purpose-1" });
    expect(work.answer).toContain("Trung tâm Thử Nghiệm Bến Đò");
    expect(work.answer).not.toContain("Cửa hàng Xe máy Thử Nghiệm");
    // The reading is the answerer's: asked with the answer check off. (The check's fourth model
    // doubts this reply and sends "no sure information": a right reply it withholds, one of those
    // its leave-one-set-out figures count as lost.)
    const abroad = await unchecked.engine.answer({ text: "tôi muốn học nấu ăn để sau này đi Nhật làm, có lớp nào không?", userKey: "u-purpose-2" });
    expect(abroad.answerer).toBe("labour");
    expect(abroad.answer).toContain("Nấu ăn");
  });

  it("should say there is no Korean course for 'có lớp dạy tiếng Hàn không', not answer about EPS", async () => {
    const a = await t.engine.answer({ text: "co lop day tieng Han ko ad" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("khóa đào tạo tiếng Hàn");
    expect(a.answer).not.toContain("nghề tiếng");
  });

  it("should pick the driving course for 'học lái xe ô tô', not car mechanics", async () => {
    const a = await t.engine.answer({ text: "hoc lai xe o to bao nhieu tien" });
    expect(a.answer).toContain("16.500.000");
    expect(a.answer).not.toContain("Công nghệ ô tô");
  });
});

describe("a trade asked by the first words of several labels", () => {
  it("should count every opening whose label begins with 'thợ điện'", async () => {
    const a = await t.engine.answer({ text: "có bao nhiêu chỗ tuyển thợ điện" });
    expect(a.answer).toContain("Thợ điện dân dụng");
    expect(a.answer).toContain("Thợ điện công nghiệp");
    expect(a.answer).toContain("13 người");
  });

  it("should list both for 'ở Tập Sơn có tuyển thợ điện không'", async () => {
    const a = await t.engine.answer({ text: "o tap son co tuyen tho dien ko" });
    expect(a.answer).toContain("Thợ điện dân dụng");
    expect(a.answer).toContain("Thợ điện công nghiệp");
  });

  it("should not widen 'công nhân chế biến thủy sản' to every 'công nhân'", async () => {
    const a = await t.engine.answer({ text: "tuyen cong nhan che bien thuy san o dai an ko" });
    expect(a.answer).toContain("Công nhân chế biến thủy sản");
    expect(a.answer).not.toContain("Công nhân kỹ thuật trồng lúa");
  });
});

describe("a ranking that names no measure", () => {
  it("should rank openings by the people hired for 'tuyển nhiều nhất', not by wage", async () => {
    const a = await t.engine.answer({ text: "việc nào tuyển nhiều nhất", userKey: "rank-count-1" });
    const first = a.answer.split("\n")[1] ?? "";
    expect(first).toContain("Công nhân chế biến thủy sản");
    expect(a.answer).not.toContain("lương cao nhất");
  });

  it("should still rank by wage when the wage is named", async () => {
    const a = await t.engine.answer({ text: "việc nào lương nhiều nhất", userKey: "rank-count-2" });
    expect(a.answer.split("\n")[1]).toContain("Tài xế xe tải");
  });
});


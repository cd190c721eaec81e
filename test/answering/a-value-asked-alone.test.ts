/**
 * A value of the openings asked with nothing it is of (issue 10, seventeenth round): "lương?", "hạn
 * nộp" as a first message get a question back (which trade, company or place), unanswered, not
 * whichever passage or rows share the word; after a turn that showed rows or answered from the
 * documents, the same words follow that turn. Users' short forms ("lg", "hp") are read as the words they stand for, a demand question
 * naming a trade by its short form ("cntt") reads that trade's row, and "so với năm 2025 thì tăng hay
 * giảm" after a trade's figures compares that trade's years; a class the course table lists by name
 * is answered from it though a country is named. The real engine over sheets written here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: [
        "Công ty TNHH Thủy sản Thử Nghiệm Định An,Thủ kho,1,8.000.000,9.500.000,Xã Đại An,Tốt nghiệp trung cấp kế toán,05/12/2026,0000 000 110",
        "Công ty TNHH May Thử Nghiệm Phú Long,Công nhân may,50,6.800.000,9.200.000,Xã Trà Cú,Không cần kinh nghiệm,15/12/2026,0000 000 101",
        "Phòng khám Đa khoa Thử Nghiệm Trà Cú,Điều dưỡng,2,7.500.000,9.000.000,Xã Trà Cú,Tốt nghiệp cao đẳng điều dưỡng,10/12/2026,0000 000 190",
      ],
      courses: ["Trường Trung cấp Thử Nghiệm Trà Cú,Sửa chữa xe máy,Sơ cấp,3 tháng,1.800.000,Hỗ trợ tiền đi lại,Thanh niên từ 16 tuổi,Xã Trà Cú,15/12/2026,0000 000 201"],
      demand: ["Công nghệ thông tin,2026,15,9.000.000,Chủ yếu ở thành phố", "Hàn,2025,30,8.800.000,", "Hàn,2026,45,\"9,5 triệu\",Cần chứng chỉ", "Kế toán,2026,8,7.300.000,Nhu cầu giảm so với 2025", "Điều dưỡng,2026,12,8.200.000,Cần chứng chỉ hành nghề"],
    },
    "tracu-value-alone-",
  );
});
afterAll(() => t.cleanup());

describe("a value asked with nothing it is of", () => {
  it("should ask which opening is meant when 'lương?' comes first, unanswered and without a source", async () => {
    const a = await t.engine.answer({ text: "lương?", userKey: "alone-1" });
    expect(a.answered).toBe(false);
    expect(a.sources).toEqual([]);
    expect(a.answer).toContain("lương của nghề hoặc chỗ tuyển nào");
  });

  it("should ask which opening is meant for 'còn hạn nộp ko' asked first", async () => {
    const a = await t.engine.answer({ text: "còn hạn nộp ko", userKey: "alone-2" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("hạn nộp của nghề hoặc chỗ tuyển nào");
    expect(a.answer).not.toContain("05/12/2026");
  });

  it("should read a value asked after an answer on the documents as that answer's follow-up, not ask which opening", async () => {
    await t.engine.answer({ text: "học sinh bán trú được hỗ trợ tiền ăn bao nhiêu 1 tháng", userKey: "alone-2b" });
    const a = await t.engine.answer({ text: "lương?", userKey: "alone-2b" });
    expect(a.answer).not.toContain("chỗ tuyển nào?");
  });

  it("should still answer a value that names its subject ('lương tối thiểu bao nhiêu')", async () => {
    const a = await t.engine.answer({ text: "lương tối thiểu bao nhiêu", userKey: "alone-3" });
    expect(a.answered).toBe(true);
    expect(a.answer).not.toContain("chỗ tuyển nào?");
  });

  it("should answer 'lg?' and 'han nop' after an opening from that opening's row", async () => {
    await t.engine.answer({ text: "cty thủy sản Định An tuyển thủ kho cần bằng gì v", userKey: "alone-4" });
    const wage = await t.engine.answer({ text: "lg?", userKey: "alone-4" });
    expect(wage.answered).toBe(true);
    expect(wage.answer).toContain("8.000.000 - 9.500.000");
    const deadline = await t.engine.answer({ text: "han nop", userKey: "alone-4" });
    expect(deadline.answer).toContain("05/12/2026");
    expect(deadline.answer).not.toContain("Công nhân may");
  });

  it("should read 'hp?' after a course as its fee", async () => {
    await t.engine.answer({ text: "muon hoc sua xe may thi hoc o dau", userKey: "alone-5" });
    const a = await t.engine.answer({ text: "hp?", userKey: "alone-5" });
    expect(a.answer).toContain("1.800.000");
  });

  it("should read a trade named by its short form in a demand question", async () => {
    const a = await t.engine.answer({ text: "nganh cntt nam 2026 can nhiu nguoi ko", userKey: "alone-6" });
    expect(a.answer).toContain("Công nghệ thông tin");
    expect(a.answer).toContain("15 người");
    expect(a.answer).not.toContain("Hàn");
  });

  it("should compare the trade's years for 'so với năm 2025 thì tăng hay giảm'", async () => {
    await t.engine.answer({ text: "năm 2026 nghề hàn cần bao nhiêu thợ, lương bình quân được nhiêu", userKey: "alone-7" });
    const a = await t.engine.answer({ text: "so với năm 2025 thì tăng hay giảm", userKey: "alone-7" });
    expect(a.answer).toContain("Hàn, năm 2025: 30 người");
    expect(a.answer).toContain("Hàn, năm 2026: 45 người");
    expect(a.answer).not.toContain("Kế toán");
  });
});

describe("whether a trade needs people", () => {
  it("should give the demand figure beside the openings when the trade's need is asked", async () => {
    const need = await t.engine.answer({ text: "dieu duong co can nguoi ko", userKey: "need-1" });
    expect(need.answer).toContain("Phòng khám Đa khoa Thử Nghiệm Trà Cú");
    expect(need.answer).toContain("Điều dưỡng, năm 2026: 12 người");
    const where = await t.engine.answer({ text: "điều dưỡng tuyển ở đâu", userKey: "need-2" });
    expect(where.answer).toContain("Phòng khám Đa khoa Thử Nghiệm Trà Cú");
    expect(where.answer).not.toContain("12 người");
  });
});

describe("a class the course table lists, asked with a country", () => {
  it("should answer 'có lớp tiếng Nhật không, em tính đi Nhật' from the course row", async () => {
    const k = await buildKnowledgeWithSheets({ courses: ["Trung tâm Ngoại ngữ Thử Nghiệm Sao Mai,Tiếng Nhật sơ cấp,Dưới 3 tháng,10 tuần,4.200.000,Không,Từ 18 tuổi,Xã Trà Cú,02/2027,0000 000 230"] }, "tracu-language-class-");
    try {
      const a = await k.engine.answer({ text: "có lớp tiếng Nhật ko ad, e tính đi Nhật", userKey: "class-1" });
      expect(a.answered).toBe(true);
      expect(a.answer).toContain("Trung tâm Ngoại ngữ Thử Nghiệm Sao Mai");
      expect(a.answer).toContain("4.200.000");
      // Whether EPS needs Korean is the documents' question, not a class list's.
      const eps = await k.engine.answer({ text: "đi Hàn EPS phải học tiếng Hàn không", userKey: "class-2" });
      expect(eps.answer).toContain("EPS-TOPIK");
    } finally {
      k.cleanup();
    }
  });
});

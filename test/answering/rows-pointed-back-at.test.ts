/**
 * Rows pointed back at, and an organisation's kind words (issue 10, twenty-seventh round): "đó là
 * việc gì", "chỗ đó ở xã nào" after the openings that close first are about those rows, even when
 * the first question named no trade or place; "còn nộp được không" asks their deadline, and a
 * deadline already passed says so; "Tối qua họp ở trường có nghe bot nói…" names no school "có
 * nghe bot" ("có" alone is no legal form, only "cổ phần", "cơ sở" are). A column the rows fill counts
 * as asked only in a clause that asks nothing they leave unsaid: "tăng ca tính lương sao" asks the
 * overtime's pay (unanswered), "lương bao nhiêu, có bao ăn không" the wage apart (answered); a
 * class's size and childcare are things no row states (knowledge/slots.yaml `unstated`). "Lớp lái xe
 * hạng B" is the course of that class, not the first driving course listed. Folded words that a
 * column's phrase or a trade has taken ask nothing more: "bao giờ học" is no "giờ học" (the class
 * schedule), "học phí thì sao" no "phí thi" (the exam fee).
 * The real engine over sheets written here (clock 20/11/2026), answer check off: these name what the
 * rules find, not what the learned check lets through.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: [
        "Phòng khám Thử Nghiệm An Phúc,Hộ lý (phụ việc điều dưỡng),5,5.500.000,7.000.000,Xã Trà Cú,Từ 18 tuổi,25/11/2026,Chị Thử Nghiệm Hạnh 0000 000 901",
        "Công ty TNHH Thử Nghiệm Điện Tử Mê Kông,Công nhân lắp ráp điện tử,30,6.500.000,8.200.000,Xã Đại An,Tốt nghiệp THCS trở lên,12/11/2026,Phòng nhân sự 0000 000 902",
        "Xưởng Thử Nghiệm Cửa Biển,Thợ sửa máy tàu cá,3,8.000.000,12.000.000,Xã Đại An,Biết sửa máy nổ,10/01/2027,Anh Thử Nghiệm Biển 0000 000 903",
        "Công ty TNHH May Thử Nghiệm Long Hiệp,Công nhân may công nghiệp,40,6.200.000,9.000.000,Xã Long Hiệp,Nữ 18-40 tuổi,20/12/2026,Chị Thử Nghiệm Lan 0000 000 904",
      ],
      courses: [
        "Trung tâm GDNN Thử Nghiệm Trà Cú,May công nghiệp,Sơ cấp,3 tháng,Miễn học phí,Hỗ trợ tiền ăn,Lao động nông thôn,Xã Trà Cú,21/12/2026,Cô Thử Nghiệm Hoa 0000 000 905",
        "Trung tâm Lái xe Thử Nghiệm,Lái xe ô tô hạng C,Sơ cấp,5 tháng,18 triệu,Không,Từ 21 tuổi,Xã Đại An,10/12/2026,Anh Thử Nghiệm Tài 0000 000 906",
        "Trung tâm Lái xe Thử Nghiệm,Lái xe ô tô hạng B,Sơ cấp,3 tháng,\"14,5 triệu\",Không,Từ 18 tuổi,Xã Trà Cú,15/12/2026,Anh Thử Nghiệm Tài 0000 000 906",
      ],
      demand: ["May công nghiệp,2027,100,7.500.000,Số liệu thử"],
    },
    "tracu-rows-pointed-",
    { ANSWER_CHECK_THRESHOLD: "0" },
  );
});
afterAll(() => t.cleanup());

const body = (answer: string) => answer.split("\nNguồn:")[0]!;

describe("a follow-up pointing back at rows a ranking showed", () => {
  it("should answer 'đó là việc gì' with the rows just shown, not a passage", async () => {
    const userKey = "back:1";
    const first = await t.engine.answer({ text: "ad oi viec nao sap het han ma con nop kip", userKey });
    expect(body(first.answer)).toContain("Hộ lý");
    const a = await t.engine.answer({ text: "do la viec gi", userKey });
    expect(a.answered).toBe(true);
    expect(a.answerer).toBe("labour");
    expect(body(a.answer)).toContain("Hộ lý (phụ việc điều dưỡng)");
  });

  it("should read 'chỗ đó ở xã nào' as a column of those rows though the first question named nothing", async () => {
    const userKey = "back:2";
    await t.engine.answer({ text: "ad oi viec nao sap het han ma con nop kip", userKey });
    const a = await t.engine.answer({ text: "chỗ đó ở xã nào", userKey });
    expect(a.answerer).toBe("labour");
    expect(body(a.answer)).toContain("Xã Trà Cú");
  });
});

describe("whether one can still apply", () => {
  it("should give the deadline for 'còn nộp được không', saying it has passed", async () => {
    const userKey = "back:3";
    await t.engine.answer({ text: "cty điện tử Mê Kông tuyển công nhân lắp ráp lương sao", userKey });
    const a = await t.engine.answer({ text: "còn nộp được không", userKey });
    expect(body(a.answer)).toContain("12/11/2026 (đã hết hạn)");
  });

  it("should give an open deadline without the closed note", async () => {
    const userKey = "back:4";
    await t.engine.answer({ text: "cty may Long Hiệp tuyển công nhân may lương bao nhiêu", userKey });
    const a = await t.engine.answer({ text: "nộp kịp ko", userKey });
    expect(body(a.answer)).toContain("20/12/2026");
    expect(a.answer).not.toContain("đã hết hạn");
  });
});

describe("an organisation's kind words", () => {
  it("should not read 'ở trường có nghe bot' as an unknown school", async () => {
    const a = await t.engine.answer({ text: "Tối qua họp ở trường có nghe bot nói mà quên, giờ hỏi lại: việc nào trong danh sách lương cao nhất vậy?" });
    expect(a.answer).not.toContain("Chưa có thông tin về trường");
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("Thợ sửa máy tàu cá");
  });

  it("should still say an unknown company is not known", async () => {
    const a = await t.engine.answer({ text: "cty pouyuen co tuyen ko" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("Chưa có thông tin về cty pouyuen");
  });
});

describe("a column asked of a thing no row states", () => {
  it("should not answer 'tăng ca tính lương sao' with the wage column", async () => {
    const a = await t.engine.answer({ text: "Công nhân may công nghiệp ở Long Hiệp có được tăng ca không, tăng ca tính lương sao?" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("không ghi");
    expect(a.answer).not.toContain("6.200.000");
  });

  it("should answer the wage asked in a clause of its own, saying the meals are not written", async () => {
    const a = await t.engine.answer({ text: "cty may Long Hiệp tuyển công nhân may lương bao nhiêu, có bao ăn không" });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("6.200.000");
  });

  it("should say a class's size is not written", async () => {
    const a = await t.engine.answer({ text: "lớp may công nghiệp ở Trà Cú tối đa bao nhiêu học viên vậy" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("số học viên");
  });

  it("should say childcare is not written", async () => {
    const a = await t.engine.answer({ text: "Công ty may ở Long Hiệp có nhà trẻ giữ con cho công nhân không?" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("nhà trẻ");
  });
});

describe("rows of one trade told apart by the question's words", () => {
  it("should answer 'lớp lái xe hạng B học ở đâu' with the class B course, not the C one listed first", async () => {
    const a = await t.engine.answer({ text: "Lớp lái xe hạng B học ở đâu?" });
    expect(body(a.answer)).toContain("Lái xe ô tô hạng B");
    expect(body(a.answer)).not.toContain("hạng C");
  });
});

describe("words a column's phrase has taken", () => {
  it("should answer 'bao gio hoc' after a course with its start, not a schedule no row writes", async () => {
    const userKey = "taken:1";
    await t.engine.answer({ text: "lớp may công nghiệp ở Trà Cú học phí bao nhiêu", userKey });
    const a = await t.engine.answer({ text: "bao gio hoc", userKey });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("21/12/2026");
    expect(a.answer).not.toContain("lịch học");
  });

  it("should answer 'còn học phí thì sao' with the fee, not an exam fee no row writes", async () => {
    const userKey = "taken:2";
    await t.engine.answer({ text: "học lái xe hạng B ở đâu", userKey });
    const a = await t.engine.answer({ text: "còn học phí thì sao?", userKey });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("14,5 triệu");
    expect(a.answer).not.toContain("lệ phí thi");
  });
});

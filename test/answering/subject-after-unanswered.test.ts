/**
 * The conversation's subject after a follow-up the rows could not answer (issue 10, twenty-ninth
 * round): "thầy dạy có nhiệt tình không" after a course is nothing its row says, so it goes
 * unanswered, but the user is still asking about that course: "khai giảng ngày nào" next asks the
 * start of the course shown (its start column), not the course table again from the words of the
 * conversation; "học phí bao nhiêu" after an unanswered question on a loan asks its fee.
 * The real engine over sheets written here (clock 20/11/2026), answer check off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { columnNamesVi, repliesVi } from "../../src/messages-vi.js";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: ["Hợp tác xã Dịch vụ Nông nghiệp Thử Nghiệm Tập Sơn,Người điều khiển drone phun thuốc,3,8.000.000,12.000.000,Xã Tập Sơn,Có chứng chỉ điều khiển drone,20/12/2026,Anh Thử Nghiệm Tài 0000 000 401"],
      courses: [
        "Trung tâm Nông nghiệp Công nghệ cao Thử Nghiệm,Điều khiển drone phun thuốc,Dưới 3 tháng,10 ngày,4.500.000,Không,Nông dân và thanh niên,Xã Lưu Nghiệp Anh,28/11/2026,Phòng đào tạo 0000 000 403",
        "Trường Trung cấp Thử Nghiệm Vĩnh Long,Chăm sóc người cao tuổi,Sơ cấp,3 tháng,3.000.000,Không,Từ 18 tuổi,Xã Trà Cú,07/12/2026,Phòng tuyển sinh 0000 000 404",
      ],
      demand: ["Chăm sóc người cao tuổi,2027,60,7.500.000,Số liệu thử"],
    },
    "tracu-subject-kept-",
    { ANSWER_CHECK_THRESHOLD: "0" },
  );
});
afterAll(() => t.cleanup());

const body = (answer: string) => answer.split(`\n${repliesVi.sourcePrefix}`)[0]!;

describe("after a follow-up the rows could not answer", () => {
  it("should answer the start date of the course still shown", async () => {
    const userKey = "subject:start";
    const first = await t.engine.answer({ text: "drone phun thuoc dang hot, hoc o dau vay moi nguoi", userKey });
    expect(body(first.answer)).toContain("Điều khiển drone phun thuốc");
    const second = await t.engine.answer({ text: "thay day co nhiet tinh ko", userKey });
    expect(second.answered).toBe(false);
    const third = await t.engine.answer({ text: "khai giang ngay nao", userKey });
    expect(third.answered).toBe(true);
    expect(body(third.answer).startsWith(columnNamesVi.startDate!)).toBe(true);
    expect(body(third.answer)).toContain("28/11/2026");
  });

  it("should answer the fee of the course still shown after an unanswered question on a loan", async () => {
    const userKey = "subject:fee";
    await t.engine.answer({ text: "drone phun thuoc dang hot, hoc o dau vay moi nguoi", userKey });
    const second = await t.engine.answer({ text: "hoc xong co duoc vay von lam an ko", userKey });
    expect(second.answered).toBe(false);
    const third = await t.engine.answer({ text: "hoc phi bao nhieu", userKey });
    expect(third.answered).toBe(true);
    expect(body(third.answer).startsWith(columnNamesVi.fee!)).toBe(true);
    expect(body(third.answer)).toContain("4.500.000");
  });
});

/**
 * Words read in the sense the message gives them (issue 10, seventeenth round): "để thi" (to sit an
 * exam) is no request for an exam paper, "tổ chức chính trị - xã hội" is no politics, "tiền" (money)
 * is no "tiện" (lathe work). The real engine over sheets written here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: [
        "Công ty TNHH Cơ khí Thử Nghiệm Hàm Giang,Thợ tiện,4,8.000.000,10.500.000,Xã Hàm Giang,Tốt nghiệp trung cấp cơ khí,30/11/2026,0000 000 120",
        "Công ty CP Thủy sản Thử Nghiệm Định An,Công nhân chế biến thủy sản,60,270.000/ngày,350.000/ngày,Xã Đại An,Từ 18 tuổi; chịu được môi trường lạnh,05/12/2026,0000 000 110",
      ],
    },
    "tracu-word-sense-",
  );
});
afterAll(() => t.cleanup());

describe("refusal words read in their sense", () => {
  it("should answer 'học tiếng Hàn để thi EPS' rather than refuse it as a request for exam papers", async () => {
    const a = await t.engine.answer({ text: "muốn học tiếng Hàn để thi EPS thì có lớp nào ko ad", userKey: "sense-1" });
    expect(a.answer).not.toContain("không cung cấp đề thi");
  });

  it("should still refuse a request for an exam paper", async () => {
    const a = await t.engine.answer({ text: "cho em xin de thi lop 10 mon toan", userKey: "sense-2" });
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("không cung cấp đề thi");
  });

  it("should not read 'tổ chức chính trị - xã hội' as politics", async () => {
    const a = await t.engine.answer({ text: "Ủy ban MTTQ và các tổ chức chính trị - xã hội được đề nghị làm gì trong kế hoạch?", userKey: "sense-3" });
    expect(a.answer).not.toContain("không đưa ra ý kiến về chính trị");
  });
});

describe("trade words that are everyday words", () => {
  it("should not read 'tiền' (money) as the lathe trade 'tiện'", async () => {
    const a = await t.engine.answer({ text: "chỗ nào trả tiền theo ngày vậy ad", userKey: "sense-4" });
    expect(a.answer).not.toContain("Thợ tiện");
    const b = await t.engine.answer({ text: "co dong tien ko", userKey: "sense-5" });
    expect(b.answer).not.toContain("Thợ tiện");
  });

  it("should still find the lathe trade when it is named as a trade", async () => {
    const a = await t.engine.answer({ text: "thợ tiện lương bao nhiêu", userKey: "sense-6" });
    expect(a.answer).toContain("8.000.000 - 10.500.000");
  });
});

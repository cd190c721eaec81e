import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { styleReply } from "../../src/answering/reply-style.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
});
afterAll(() => t.cleanup());

let users = 0;
const ask = (text: string, userKey?: string) => t.engine.answer({ text, userKey });
const newUser = () => `test:fit:${++users}`;

describe("candidates must fit the question", () => {
  it("should not answer a question about one country with another country's facts", async () => {
    // The Korean minimum wage is the closest passage; Taiwan's is not in the knowledge.
    const a = await ask("lương tối thiểu ở Đài Loan một giờ bao nhiêu won");
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("Chưa có thông tin về đi làm việc ở Đài Loan");
    expect(a.answer).not.toContain("10.320");
    expect(a.sources).toEqual([]);
  });

  it("should say precisely that a country the knowledge never mentions is not known", async () => {
    const a = await ask("đi Đức làm việc cần điều kiện gì");
    expect(a.answered).toBe(false);
    expect(a.answer).toMatch(/^Chưa có thông tin về đi làm việc ở Đức\./);
    expect(a.answer).not.toContain("Nguồn:");
  });

  it("should answer a missing trade with 'Chưa có thông tin về nghề …', never with another trade", async () => {
    const a = await ask("học nghề sửa điện thoại ở đâu");
    expect(a.answered).toBe(false);
    expect(a.answer).toMatch(/^Chưa có thông tin về nghề sửa điện thoại\./);
    // Nearest items are labelled as such, and no source line makes them look like the answer.
    expect(a.answer).toContain("không phải câu trả lời");
    expect(a.answer).not.toContain("Nguồn:");
    expect(a.sources).toEqual([]);
  });

  it("should not take a count of trades ('1.000 ngành') for the sum asked: 'tiền ký quỹ đi Hàn bao nhiêu' stays unanswered", async () => {
    // The nearest passage counts EPS workers by trade ("1.000 ngành ngư nghiệp"); no deposit is known.
    const a = await ask("Tiền ký quỹ đi Hàn theo EPS là bao nhiêu?");
    expect(a.answered).toBe(false);
    expect(a.answer).not.toContain("1.000 ngành");
  });

  it("should not answer a sum asked per month with sums counted per course", async () => {
    // The nearest passage gives course support "đồng/người/khóa"; no monthly allowance is known.
    const a = await ask("Người khuyết tật nặng được trợ cấp hàng tháng bao nhiêu");
    expect(a.answered).toBe(false);
    expect(a.answer).not.toContain("/người/khóa");
  });

  it("should read 'vùng 1 năm 2026' as a region and a year, not as a sum asked per year", async () => {
    const a = await ask("luong toi thieu vung 1 nam 2026 bao nhieu");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("5.310.000");
  });

  it("should understand 'lương cơ bản' as the regional minimum wage", async () => {
    const a = await ask("lương cơ bản năm 2026 là bao nhiêu");
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("4.140.000");
  });
});

describe("follow-ups by slots", () => {
  it("should answer 'còn học phí thì sao?' with the fee of the trade asked before", async () => {
    const user = newUser();
    await ask("học nghề hàn ở đâu", user);
    const a = await ask("còn học phí thì sao?", user);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("Hàn");
    expect(a.answer).toContain("4.200.000");
    expect(a.answer).not.toContain("May công nghiệp");
  });

  it("should never send the same reply twice in a row", async () => {
    const user = newUser();
    const first = await ask("lương tối thiểu vùng năm 2026 bao nhiêu", user);
    const second = await ask("lương tối thiểu vùng năm 2026 bao nhiêu", user);
    expect(first.answered).toBe(true);
    expect(second.answer).not.toBe(first.answer);
    // The part that answers is given again as a reminder.
    expect(second.answer).toContain("Như mình vừa trả lời ở trên");
    expect(second.answer).toContain("4.730.000");
  });

  it("should say again, in other words, that nothing is known when an unanswered question is repeated", async () => {
    const user = newUser();
    const first = await ask("học nghề sửa điện thoại ở đâu", user);
    const second = await ask("học nghề sửa điện thoại ở đâu", user);
    expect(first.answered).toBe(false);
    expect(second.answer).not.toBe(first.answer);
    // The user got no answer the first time: never "I just sent this".
    expect(second.answer).toContain("vẫn chưa có thông tin");
    expect(second.answer).not.toContain("vừa gửi");
    expect(second.answered).toBe(false);
  });

  it("should stay in the job rows for a value asked after them", async () => {
    const user = newUser();
    await ask("cty nào tuyển thợ hàn", user);
    const a = await ask("hạn nộp hồ sơ tới khi nào", user);
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("20/12/2026");
    expect(a.answer).not.toContain("Công nhân may");
  });
});

describe("table queries over the Labour Office rows", () => {
  it("should rank openings by wage for 'lương cao nhất'", async () => {
    const a = await ask("việc nào lương cao nhất");
    const first = a.answer.split("\n")[1] ?? "";
    expect(first).toContain("Lái xe tải");
    expect(first).toContain("14.000.000");
  });

  it("should rank courses by start for 'khai giảng sớm nhất'", async () => {
    const a = await ask("khóa nào khai giảng sớm nhất");
    expect(a.answer.split("\n")[1]).toContain("25/11/2026");
  });

  it("should filter openings that need no experience", async () => {
    const a = await ask("chỗ nào tuyển không cần kinh nghiệm");
    expect(a.answer).toContain("Thử Nghiệm May A");
    expect(a.answer).toContain("Thủy Sản Thử Nghiệm E");
    expect(a.answer).not.toContain("Tổ trưởng chuyền may");
  });

  it("should total the places of a company named alone", async () => {
    const a = await ask("cty may A tuyển bao nhiêu người");
    expect(a.answer).toContain("53");
    expect(a.answer).toContain("Tổ trưởng chuyền may");
  });

  it("should say which slot has no row instead of listing other jobs", async () => {
    const a = await ask("có chỗ nào tuyển thợ điện nước không");
    expect(a.answered).toBe(false);
    expect(a.answer).toContain("Chưa có thông tin về nghề điện nước");
    expect(a.answer).not.toContain("Thợ điện bảo trì");
  });
});

describe("replies written for parents", () => {
  it("should lead a yes/no answer with the curated 'Không'", async () => {
    const a = await ask("con tôi học xong lớp 9, có bắt buộc đi học nghề không");
    expect(a.answer).toMatch(/^Không,/);
  });

  it("should say 'anh/chị' to a parent and explain an abbreviation the first time", async () => {
    const a = await ask("con tôi xong lớp 9 học trung cấp nghề có phải đóng học phí không");
    expect(a.answer).toContain("THCS (lớp 6–9)");
    expect(a.answer).not.toMatch(/(?<![\p{L}])bạn(?![\p{L}])/u);
    expect(a.answer.match(/Nguồn:/g)).toHaveLength(1);
    // The knowledge is written without addressing anyone; where a reply says "bạn", a parent reads "anh/chị".
    const reply = "Bạn nên hỏi nhà trường; bạn cũng có thể hỏi UBND xã.\nNguồn: Kế hoạch";
    expect(styleReply(reply, { parent: true })).toBe("Anh/chị nên hỏi nhà trường; anh/chị cũng có thể hỏi UBND xã.\nNguồn: Kế hoạch");
    expect(styleReply(reply, { parent: false })).toBe(reply);
  });

  it("should keep the body under about 600 characters before the source", async () => {
    const a = await ask("con tôi muốn biết Nghị định 238 miễn học phí cho những ai");
    const body = a.answer.split("\nNguồn:")[0]!;
    expect(body.length).toBeLessThanOrEqual(620);
  });
});

/**
 * A value listed by group in a passage ("người khuyết tật … 6 triệu đồng; người thuộc hộ cận nghèo
 * tối đa 2,5 triệu đồng; …"): the reply gives the clause of the group asked (issue 10). The real
 * engine over the shipped knowledge.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
});
afterAll(() => t.cleanup());

describe("values listed by group", () => {
  it("should give the near-poor their own line, with its unit, rather than the summary of every group", async () => {
    const a = await t.engine.answer({ text: "ho can ngheo hoc so cap nghe dc ho tro bn" });
    expect(a.answered).toBe(true);
    expect(a.answer).toContain("hộ cận nghèo tối đa 2,5 triệu đồng");
    expect(a.answer).not.toContain("người khuyết tật");
  });

  it("should find a group the summary leaves out (fishermen, poor households) in the full list", async () => {
    const fisher = await t.engine.answer({ text: "Chồng tôi làm ngư dân muốn học nghề ngắn hạn thì được hỗ trợ bao nhiêu?" });
    expect(fisher.answer).toContain("ngư dân tối đa 3 triệu đồng");
    const poor = await t.engine.answer({ text: "Nhà nghèo đi học nghề ngắn hạn thì được hỗ trợ bao nhiêu tiền?" });
    expect(poor.answer).toContain("3 triệu đồng");
  });

  it("should keep a reply that already gives the group's value in a sentence of its own", async () => {
    const a = await t.engine.answer({ text: "Khmer hộ nghèo học nghề sơ cấp được hỗ trợ tối đa bao nhiêu" });
    expect(a.answer).toContain("4 triệu");
  });

  it("should not cut a follow-up's reply down to the group carried from the earlier turn", async () => {
    await t.engine.answer({ text: "Người khuyết tật học nghề ngắn hạn được hỗ trợ tối đa bao nhiêu?", userKey: "u-group" });
    const a = await t.engine.answer({ text: "tien di lai thi sao", userKey: "u-group" });
    expect(a.answer).toContain("300.000");
  });
});

describe("a document asked by its number", () => {
  it("should answer a value of the document named, not of the plan that cites it", async () => {
    const a = await t.engine.answer({ text: "Quyết định 522 về phân luồng ban hành ngày nào?" });
    expect(a.answer).toContain("14/5/2018");
    expect(a.answer).not.toContain("21/11/2023");
  });

  it("should still answer who does what from the plan's own passages when the plan is asked by its number", async () => {
    const a = await t.engine.answer({ text: "Theo kế hoạch 4993 thì ai chủ trì thực hiện?" });
    expect(a.answer).toContain("Giáo dục và Đào tạo");
  });
});

describe("a follow-up stays on the earlier turn's subject", () => {
  it("should answer 'and the near-poor?' after a question on loans to work abroad from the loans passage", async () => {
    await t.engine.answer({ text: "XKLĐ mà nhà nghèo thì có được vay vốn không ad?", userKey: "u-loan" });
    const a = await t.engine.answer({ text: "còn hộ cận nghèo thì vay ở đâu", userKey: "u-loan" });
    expect(a.answer).toContain("Quỹ quốc gia về việc làm");
  });
});

describe("a passage that says it has no list", () => {
  it("should count as not knowing when the message names a trade the list would have to hold", async () => {
    const a = await t.engine.answer({ text: "trường dạy nghề ở Cầu Ngang có lớp tin học không" });
    expect(a.answered).toBe(false);
  });

  it("should still answer a general 'học nghề ở đâu' with it", async () => {
    const a = await t.engine.answer({ text: "hoc nghe o dau" });
    expect(a.answered).toBe(true);
  });
});

describe("messages the topic classifier finds out of scope", () => {
  it("should refuse a message the classifier is sure is off topic and that names nothing of ours", async () => {
    const a = await t.engine.answer({ text: "làm sao để giảm cân nhanh" });
    expect(a.answered).toBe(false);
    expect(a.sources).toEqual([]);
    expect(a.topic).toBe("out_of_scope");
  });

  it("should still greet a Khmer greeting and answer a question naming a table's column", async () => {
    const hello = await t.engine.answer({ text: "Sốc sa bai bot ơi" });
    expect(hello.topic).toBe("greeting_smalltalk");
    const demand = await t.engine.answer({ text: "So với năm 2025 thì nhu cầu may công nghiệp năm 2026 tăng hay giảm?" });
    expect(demand.topic).not.toBe("out_of_scope");
  });
});

describe("a person's own contact details", () => {
  it.each([
    ["ông Nguyễn Văn Tư ở ấp Chợ số điện thoại bao nhiêu"],
    ["cho em xin facebook của chị cán bộ lao động xã"],
    ["ad cho e xin dia chi nha thay hieu truong"],
    ["cho hỏi số điện thoại riêng của chủ tịch xã"],
  ])("should refuse, with no source: %s", async (text) => {
    const a = await t.engine.answer({ text });
    expect(a.answered).toBe(false);
    expect(a.sources).toEqual([]);
    expect(a.answer).toContain("không cung cấp số điện thoại, địa chỉ nhà");
  });

  it("should not take an office's phone number for a person's", async () => {
    const a = await t.engine.answer({ text: "anh chị cho em hỏi số điện thoại của UBND xã Long Hiệp" });
    expect(a.answer).not.toContain("không cung cấp số điện thoại, địa chỉ nhà");
  });
});

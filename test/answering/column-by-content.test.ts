/**
 * A follow-up that names a column by its content (issue 10, thirtieth round): "không có chứng chỉ
 * thì sao" after openings asks the requirements that write "chứng chỉ". The words of a pair may
 * fold like stop words ("chỉ" like a pronoun), as the index counts pairs; two stop words ("thì
 * sao") name no column.
 * The real engine over sheets written here (clock 20/11/2026), answer check off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repliesVi } from "../../src/messages-vi.js";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: [
        "Công ty TNHH Cơ Khí Thử Nghiệm Định An,Thợ hàn,10,8.500.000,12.000.000,KKT Định An,Có chứng chỉ hàn sơ cấp trở lên,20/12/2026,Phòng nhân sự 0000 000 403",
        "Công ty TNHH Cơ Khí Thử Nghiệm Định An,Thợ hàn phụ (học việc),5,6.500.000,Thỏa thuận,KKT Định An,\"Từ 18 tuổi, sức khỏe tốt\",20/12/2026,Phòng nhân sự 0000 000 403",
      ],
      courses: ["Trung tâm GDNN-GDTX Thử Nghiệm Trà Cú,Hàn điện,Sơ cấp,3 tháng,3.000.000,Không,Từ 16 tuổi,Xã Trà Cú,05/12/2026,Phòng đào tạo 0000 000 501"],
      demand: ["Hàn,2027,40,9.000.000,Số liệu thử"],
    },
    "tracu-column-by-content-",
    { ANSWER_CHECK_THRESHOLD: "0" },
  );
});
afterAll(() => t.cleanup());

const body = (answer: string) => answer.split(`\n${repliesVi.sourcePrefix}`)[0]!;

describe("a column named by what its cells write", () => {
  it("should answer 'không có chứng chỉ thì sao' with the requirements, not the deadline", async () => {
    const userKey = "content:certificate";
    await t.engine.answer({ text: "co cho nao tuyen tho han ko", userKey });
    const a = await t.engine.answer({ text: "không có chứng chỉ thì sao", userKey });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("Có chứng chỉ hàn sơ cấp trở lên");
    expect(body(a.answer)).toContain("Từ 18 tuổi, sức khỏe tốt");
    expect(body(a.answer)).not.toContain("20/12/2026");
  });
});

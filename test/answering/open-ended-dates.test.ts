/**
 * A Labour Office sheet that writes "Tuyển liên tục" in Hạn nộp or "Khi đủ học viên" in Khai giảng
 * says the opening stays open or the class starts when it fills (issue 10, thirtieth round). The row
 * is kept as it was written: not an unreadable cell shown "chưa rõ", which would tell a student the
 * office does not know, and not reported to staff as a mistake. A word that says no such thing
 * ("sắp tới") is still an unreadable date.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repliesVi } from "../../src/messages-vi.js";
import { UNCLEAR_CELL } from "../../src/knowledge/labour/labour-loader.js";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: [
        "Cơ sở Sửa xe Thử Nghiệm Út Phát,Thợ sửa xe máy,2,Thỏa thuận,Thỏa thuận,Xã Hàm Giang,Biết sửa xe số,Tuyển liên tục,Anh Út 0000 000 409",
        "Salon Tóc Thử Nghiệm Thanh Hằng,Học việc làm tóc,4,2.000.000,3.000.000,Xã Trà Cú,Từ 16 tuổi,Đến khi đủ người,Chị Hằng 0000 000 406",
        "Công ty TNHH Thử Nghiệm Giày Tân Uyên,Công nhân giày,50,7.000.000,9.000.000,Bình Dương,Từ 18 tuổi,sắp tới,Phòng nhân sự 0000 000 407",
      ],
      courses: ["Hợp tác xã Thử Nghiệm Tập Sơn,Đan lục bình,Sơ cấp,1 tháng,Miễn phí,Không,Lao động nông thôn,Xã Tập Sơn,Khi đủ học viên,Anh Sơn 0000 000 402"],
      demand: ["May công nghiệp,2027,100,7.000.000,Số liệu thử"],
    },
    "tracu-open-ended-dates-",
    { ANSWER_CHECK_THRESHOLD: "0" },
  );
});
afterAll(() => t.cleanup());

const body = (answer: string) => answer.split(`\n${repliesVi.sourcePrefix}`)[0]!;

describe("a date column that says the opening stays open", () => {
  it("should keep the cell as written and report no problem with it", () => {
    const { jobs, courses } = t.knowledge.current().labour;
    const repair = jobs.find((j) => j.position === "Thợ sửa xe máy")!;
    expect(repair.deadline).toBeNull();
    expect(repair.deadlineNote).toBe("Tuyển liên tục");
    expect(repair.unclear ?? []).not.toContain("deadline");
    expect(jobs.find((j) => j.position === "Học việc làm tóc")!.deadlineNote).toBe("Đến khi đủ người");
    expect(courses[0]!.startNote).toBe("Khi đủ học viên");
    const issues = t.knowledge.current().issues.filter((i) => i.column === "Hạn nộp" || i.column === "Khai giảng");
    expect(issues.map((i) => i.row)).toEqual([4]);
  });

  it("should answer 'tuyển tới khi nào' with the office's words, not 'chưa rõ'", async () => {
    const a = await t.engine.answer({ text: "út phát tuyển tới khi nào" });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("Tuyển liên tục");
    expect(body(a.answer)).not.toContain(UNCLEAR_CELL);
  });

  it("should answer a follow-up on the deadline and a course's start the same way", async () => {
    const userKey = "open:followup";
    await t.engine.answer({ text: "co cho nao nhan hoc viec lam toc ko", userKey });
    const deadline = await t.engine.answer({ text: "hạn nộp khi nào", userKey });
    expect(body(deadline.answer)).toContain("Đến khi đủ người");
    const start = await t.engine.answer({ text: "lớp đan lục bình khi nào khai giảng" });
    expect(body(start.answer)).toContain("Khi đủ học viên");
  });

  it("should still show a word that gives no date as unclear", async () => {
    const shoes = t.knowledge.current().labour.jobs.find((j) => j.position === "Công nhân giày")!;
    expect(shoes.deadlineNote).toBeUndefined();
    expect(shoes.unclear).toContain("deadline");
  });
});

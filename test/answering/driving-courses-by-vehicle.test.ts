/**
 * Driving courses asked by the vehicle (issue 10, thirtieth round): people say "bằng lái xe máy",
 * "học lái xe tải"; the Labour Office writes the licence class ("Lái xe mô tô hạng A1", "Lái xe tải
 * hạng C1"). The synonym groups of `knowledge/synonyms.yaml` name the row, and a group the question
 * names comes before a label that shares only a part with it ("bằng lái" of "Nâng hạng bằng lái B
 * lên C"). A course named by its own words ("nâng hạng B lên C") is still that course.
 * The real engine over sheets written here (clock 20/11/2026), answer check off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repliesVi } from "../../src/messages-vi.js";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

const centre = "Trung tâm Đào tạo Lái xe Thử Nghiệm Cửu Long";
beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: ["Công ty TNHH Vận tải Thử Nghiệm Trà Cú,Tài xế xe tải,5,11tr,15tr,Xã Trà Cú,\"Bằng C, 3 năm kinh nghiệm\",19/12/2026,Anh Phúc 0000 000 408"],
      courses: [
        `${centre},Lái xe ô tô hạng B,Đào tạo lái xe,3 tháng,18.500.000,Không,Từ đủ 18 tuổi,Xã Trà Cú,28/11/2026,Văn phòng ghi danh 0000 000 502`,
        `${centre},Lái xe tải hạng C1,Đào tạo lái xe,4 tháng,23.000.000,Không,Từ đủ 18 tuổi,Xã Trà Cú,12/12/2026,Văn phòng ghi danh 0000 000 502`,
        `${centre},Lái xe mô tô hạng A1,Đào tạo lái xe,2 tuần,650.000,Không,Từ đủ 18 tuổi,Xã Hàm Giang,07/12/2026,Văn phòng ghi danh 0000 000 502`,
        `${centre},Nâng hạng bằng lái B lên C,Đào tạo lái xe,3 tháng,15.500.000,Không,Có bằng B từ 3 năm trở lên,Xã Trà Cú,09/01/2027,Văn phòng ghi danh 0000 000 502`,
      ],
      demand: ["Lái xe tải,2027,20,12.500.000,Số liệu thử"],
    },
    "tracu-driving-courses-",
    { ANSWER_CHECK_THRESHOLD: "0" },
  );
});
afterAll(() => t.cleanup());

const body = (answer: string) => answer.split(`\n${repliesVi.sourcePrefix}`)[0]!;

describe("a driving course asked by the vehicle", () => {
  it("should find the motorbike course for 'bằng lái xe máy', not the upgrade course that says 'bằng lái'", async () => {
    const a = await t.engine.answer({ text: "bằng lái xe máy A1 học phí bao nhiêu" });
    expect(body(a.answer)).toContain("650.000");
    expect(body(a.answer)).not.toContain("15.500.000");
    const b = await t.engine.answer({ text: "muon hoc lai xe may o dau" });
    expect(body(b.answer)).toContain("Lái xe mô tô hạng A1");
  });

  it("should find the truck course for 'học bằng lái xe tải', and its duration in a follow-up", async () => {
    const userKey = "driving:truck";
    const a = await t.engine.answer({ text: "xuat ngu ve muon hoc bang lai xe tai thi hoc o dau, hoc phi bn", userKey });
    expect(body(a.answer)).toContain("23.000.000");
    expect(body(a.answer)).not.toContain("18.500.000");
    const b = await t.engine.answer({ text: "học bao lâu", userKey });
    expect(body(b.answer)).toContain("4 tháng");
  });

  it("should still find a course named by its own words", async () => {
    const a = await t.engine.answer({ text: "lop nang hang B len C hoc phi bn" });
    expect(body(a.answer)).toContain("15.500.000");
  });
});

/**
 * What the state gives a group (issue 10, twenty-ninth round): "con tôi bị khuyết tật, học nghề sửa
 * điện thoại có được hỗ trợ gì không" asks the policy for people with disabilities, which a course
 * row that never names the group does not answer however well it matches the trade. The policy
 * documents answer for the group, then the course's own fee and support follow, labelled as the
 * Labour Office's. A row that names the group itself answers; a fee asked after a group was named
 * earlier asks the course's fee; with no course of the trade the policy still answers.
 * The real engine over sheets written here (clock 20/11/2026), answer check off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repliesVi } from "../../src/messages-vi.js";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: ["Công ty TNHH May Thử Nghiệm Hàm Giang,Công nhân may,20,6.500.000,8.000.000,Xã Hàm Giang,Nữ từ 18 tuổi,15/12/2026,Chị Thử Nghiệm Lan 0000 000 301"],
      courses: [
        "Trung tâm Dạy nghề Thử Nghiệm Tập Sơn,Sửa chữa điện thoại di động,Dưới 3 tháng,2 tháng,4.500.000,Không,Từ 16 tuổi,Xã Hàm Giang,14/12/2026,Phòng tuyển sinh 0000 000 302",
        "Trung tâm GDNN-GDTX Thử Nghiệm Trà Cú,May dân dụng,Sơ cấp,3 tháng,Miễn phí,Hỗ trợ tiền ăn 30.000 đồng/ngày,\"Phụ nữ, lao động nông thôn\",Xã Lưu Nghiệp Anh,07/12/2026,Phòng tuyển sinh 0000 000 303",
        "Trường Trung cấp Thử Nghiệm Đại An,Logistics,Trung cấp,2 năm,Miễn học phí,Giảm 50% tiền ký túc xá cho học sinh hộ nghèo,Tốt nghiệp THCS,Xã Đại An,05/01/2027,Phòng tuyển sinh 0000 000 304",
        "Trường Cao đẳng Thử Nghiệm Cửu Long,Điều dưỡng,Cao đẳng,3 năm,12 triệu/năm,Không,Tốt nghiệp THPT,Xã Trà Cú,15/03/2027,Phòng tuyển sinh 0000 000 305",
        "Trung tâm Dạy nghề Thử Nghiệm Tập Sơn,Cắt may áo dài,Sơ cấp,3 tháng,2 triệu,Không,Từ 15 tuổi,Xã Tập Sơn,14/12/2026,Phòng tuyển sinh 0000 000 306",
      ],
      demand: ["Điều dưỡng,2027,40,9.000.000,Số liệu thử"],
    },
    "tracu-policy-groups-",
    { ANSWER_CHECK_THRESHOLD: "0" },
  );
});
afterAll(() => t.cleanup());

const body = (answer: string) => answer.split(`\n${repliesVi.sourcePrefix}`)[0]!;

describe("a fee or support asked for a group, beside a course", () => {
  it("should answer the policy for people with disabilities, then the course's own fee and support", async () => {
    const a = await t.engine.answer({ text: "Con tôi bị khuyết tật chân, học nghề sửa điện thoại có được hỗ trợ gì không?" });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("6 triệu");
    expect(body(a.answer)).toContain(repliesVi.courseTermsOwn.replace("bạn", "anh/chị"));
    expect(body(a.answer)).toContain("Sửa chữa điện thoại di động");
    expect(body(a.answer)).toContain("4.500.000");
    // One source line naming the policy document and the Labour Office's sheet.
    expect(a.answer.split(repliesVi.sourcePrefix).length).toBe(2);
    expect(a.answer).toMatch(/Học phí và hỗ trợ/);
    expect(a.answer).toMatch(/khóa đào tạo/);
  });

  it("should read 'khiếm thính' as the group and answer whether the fee is waived (Nghị định 238/2025)", async () => {
    const a = await t.engine.answer({ text: "em trai em bi khiem thinh, muon hoc nghe may thi co duoc mien hoc phi ko a" });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("238/2025");
    expect(body(a.answer)).toContain("May dân dụng");
  });

  it("should answer the support for a short course asked next, the group carried from the turn before", async () => {
    const userKey = "policy-groups:carried";
    await t.engine.answer({ text: "Em trai em bị khiếm thính, muốn học nghề may thì có được miễn học phí không ạ?", userKey });
    const a = await t.engine.answer({ text: "học lớp ngắn hạn thì hỗ trợ bao nhiêu", userKey });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("6 triệu");
  });

  it("should answer the policy for a near-poor Khmer family even when no course of the trade is listed", async () => {
    const a = await t.engine.answer({ text: "Con gái tôi muốn học cao đẳng sư phạm, nhà là hộ cận nghèo người Khmer, có được miễn học phí không?" });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("238/2025");
    expect(body(a.answer)).toMatch(/hộ cận nghèo/);
  });

  it("should answer the policy for a deaf child asking about a trade no row or passage names", async () => {
    const a = await t.engine.answer({ text: "con toi bi khiem thinh muon hoc nghe han, co duoc mien hoc phi ko" });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("người khuyết tật");
    expect(body(a.answer)).toContain("238/2025");
  });
});

describe("where the course rows answer", () => {
  it("should answer from the row when the row names the group", async () => {
    const a = await t.engine.answer({ text: "nhà em hộ nghèo học trung cấp logistics có được hỗ trợ gì không" });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("Giảm 50% tiền ký túc xá");
    expect(body(a.answer)).not.toContain(repliesVi.courseTermsOwn);
  });

  it("should give the course's fee when the fee is asked after a group was named earlier", async () => {
    const userKey = "policy-groups:fee";
    await t.engine.answer({ text: "Dạ em là nữ lớp 12, em muốn học điều dưỡng thì có trường nào mở lớp gần Trà Cú không ạ", userKey });
    const a = await t.engine.answer({ text: "hoc phi 1 nam nhieu ko a", userKey });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("12 triệu/năm");
    expect(body(a.answer)).not.toContain(repliesVi.courseTermsOwn);
  });

  it("should not answer with a passage on the group that names no fee or support (a daughter's course asked free)", async () => {
    const userKey = "policy-groups:daughter";
    await t.engine.answer({ text: "con gái tôi lớp 9 muốn học cắt may áo dài, học ở đâu", userKey });
    const a = await t.engine.answer({ text: "cai thu 2 do mien phi ha", userKey });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("Cắt may áo dài");
    expect(body(a.answer)).not.toContain("Thu nhập bình quân");
    expect(body(a.answer)).not.toContain(repliesVi.courseTermsOwn);
  });

  it("should list the course with its fee when no group is named", async () => {
    const a = await t.engine.answer({ text: "hoc sua dien thoai hoc phi bao nhieu" });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("4.500.000");
    expect(body(a.answer)).not.toContain(repliesVi.courseTermsOwn);
  });
});

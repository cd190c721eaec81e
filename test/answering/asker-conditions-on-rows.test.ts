/**
 * What the asker says of themselves after rows (issue 10, twenty-ninth round): "e mới 20 thì sao"
 * states an age as surely as "20 tuổi" and is read against the rows' age limits; "chưa làm bao giờ có
 * nhận không" is "never done it", not "when"; "có cho mượn máy may không" asks the support a course writes. A
 * number after "mới" that counts something ("mới 20 ngày") is no age.
 * The real engine over sheets written here (clock 20/11/2026), answer check off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repliesVi } from "../../src/messages-vi.js";
import { ageStated } from "../../src/answering/question-analysis.js";
import { buildKnowledgeWithSheets, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;

beforeAll(async () => {
  t = await buildKnowledgeWithSheets(
    {
      jobs: [
        "Công ty TNHH Vận tải Thử Nghiệm Trà Cú,Tài xế xe tải (hạng C1),5,10.000.000,14.000.000,Xã Trà Cú,\"Có bằng lái hạng C1 trở lên, từ 21 tuổi, có 1 năm kinh nghiệm\",10/12/2026,Phòng nhân sự 0000 000 501",
        "Trang trại Rau sạch Thử Nghiệm An Quảng Hữu,Công nhân trồng rau nhà lưới,6,200.000/ngày,250.000/ngày,Xã An Quảng Hữu,\"Biết làm ruộng, làm rẫy là lợi thế\",05/01/2027,Chủ trang trại 0000 000 503",
      ],
      courses: ["Trung tâm GDNN-GDTX Thử Nghiệm Trà Cú,May dân dụng,Sơ cấp,3 tháng,Miễn phí,\"Hỗ trợ tiền ăn 30.000 đồng/ngày, mượn máy may thực hành\",\"Phụ nữ, lao động nông thôn\",Xã Lưu Nghiệp Anh,07/12/2026,Phòng tuyển sinh 0000 000 504"],
      demand: ["May công nghiệp,2027,100,7.000.000,Số liệu thử"],
    },
    "tracu-asker-conditions-",
    { ANSWER_CHECK_THRESHOLD: "0" },
  );
});
afterAll(() => t.cleanup());

const body = (answer: string) => answer.split(`\n${repliesVi.sourcePrefix}`)[0]!;

describe("an age said without 'tuổi'", () => {
  it("should read 'mới 20', 'năm nay 19' as the asker's age and not a count ('mới 20 ngày')", () => {
    expect(ageStated("e moi 20 thi sao")).toBe(20);
    expect(ageStated("con gai toi nam nay 19 roi")).toBe(19);
    expect(ageStated("con toi 17 tuoi")).toBe(17);
    expect(ageStated("moi 20 ngay")).toBeUndefined();
    expect(ageStated("tuyen tu 18 tuoi")).toBeUndefined();
  });

  it("should say the rows shown do not take a 20-year-old when they ask 21", async () => {
    const userKey = "asker:age";
    await t.engine.answer({ text: "hoc xong co cty nao tuyen tai xe tai ko", userKey });
    const a = await t.engine.answer({ text: "e mới 20 thì sao", userKey });
    expect(body(a.answer)).toContain("20 tuổi");
    expect(body(a.answer)).toContain("từ 21 tuổi");
    expect(body(a.answer)).not.toContain("Phòng nhân sự");
  });
});

describe("a condition of the asker after openings", () => {
  it("should read 'chưa làm bao giờ có nhận không' as never done it, answered by the requirements", async () => {
    const userKey = "asker:never";
    await t.engine.answer({ text: "trong rau nha luoi o An Quang Huu tra luong sao", userKey });
    const a = await t.engine.answer({ text: "chua lam bao gio co nhan ko", userKey });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("là lợi thế");
    expect(body(a.answer)).not.toContain("05/01/2027");
  });
});

describe("a thing a course's support writes", () => {
  it("should answer 'có cho mượn máy may không' with the support", async () => {
    const userKey = "asker:borrow";
    await t.engine.answer({ text: "lop may o Luu Nghiep Anh bao gio khai giang", userKey });
    const a = await t.engine.answer({ text: "có cho mượn máy may ko", userKey });
    expect(a.answered).toBe(true);
    expect(body(a.answer)).toContain("mượn máy may thực hành");
  });
});

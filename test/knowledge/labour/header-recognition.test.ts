import { describe, expect, it } from "vitest";
import { headerKey, recogniseHeader } from "../../../src/knowledge/labour/headers.js";

function fieldKeys(cells: string[]): Record<number, string> {
  const match = recogniseHeader(cells);
  if (!match) throw new Error("not recognised");
  return Object.fromEntries([...match.columns].map(([i, f]) => [i, f.key]));
}

describe("recogniseHeader finds the table from its header row", () => {
  it("recognises the exact job headers", () => {
    const match = recogniseHeader(["Doanh nghiệp", "Vị trí", "Số lượng", "Lương tối thiểu", "Lương tối đa", "Nơi làm việc", "Yêu cầu", "Hạn nộp", "Liên hệ"]);
    expect(match?.kind).toBe("jobs");
    expect(match?.columns.size).toBe(9);
    expect(match?.unknown).toEqual([]);
    expect(match?.missing).toEqual([]);
  });

  it("recognises shuffled columns and maps each index to its field", () => {
    expect(fieldKeys(["Hạn nộp", "Vị trí", "Lương tối đa", "Doanh nghiệp"])).toEqual({
      0: "deadline",
      1: "position",
      2: "wageMax",
      3: "company",
    });
  });

  it("ignores case, diacritics, extra spaces and trailing punctuation", () => {
    const match = recogniseHeader(["  CO SO   DAO TAO ", "nghe:", "HỌC PHÍ *", "khai giang", "Địa điểm."]);
    expect(match?.kind).toBe("courses");
    expect(Object.fromEntries([...match!.columns].map(([i, f]) => [i, f.key]))).toEqual({
      0: "institution",
      1: "trade",
      2: "fee",
      3: "startDate",
      4: "location",
    });
  });

  it("ignores a trailing unit in brackets", () => {
    expect(headerKey("Lương tối thiểu (đồng):")).toBe("luong toi thieu");
    expect(fieldKeys(["Ngành nghề", "Năm", "Nhu cầu (người)", "Lương bình quân (VNĐ)"])).toEqual({
      0: "trade",
      1: "year",
      2: "demand",
      3: "avgWage",
    });
  });

  it("recognises the demand table and lists unknown columns as written", () => {
    const match = recogniseHeader(["Ngành nghề", "Năm", "Nhu cầu", "Người lập biểu"]);
    expect(match?.kind).toBe("demand");
    expect(match?.unknown).toEqual(["Người lập biểu"]);
  });

  it("names the missing required columns of a recognised table", () => {
    const match = recogniseHeader(["Doanh nghiệp", "Số lượng", "Lương tối thiểu"]);
    expect(match?.kind).toBe("jobs");
    expect(match?.missing).toEqual(["Vị trí"]);
  });

  it("needs two matching columns including a required one", () => {
    expect(recogniseHeader(["Doanh nghiệp", "Ghi chép", "Khác"])).toBeNull();
    expect(recogniseHeader(["Số lượng", "Lương tối thiểu", "Hạn nộp"])).toBeNull();
    expect(recogniseHeader(["Họ tên", "Ngày sinh", "Địa chỉ"])).toBeNull();
    expect(recogniseHeader([])).toBeNull();
  });

  it("picks the table with the most matching columns when headers are shared", () => {
    expect(recogniseHeader(["Cơ sở đào tạo", "Nghề", "Liên hệ"])?.kind).toBe("courses");
    expect(recogniseHeader(["Doanh nghiệp", "Vị trí", "Liên hệ"])?.kind).toBe("jobs");
  });

  it("reports a repeated column as a duplicate", () => {
    const match = recogniseHeader(["Doanh nghiệp", "Vị trí", "Vi tri"]);
    expect(match?.duplicates).toEqual(["Vi tri"]);
    expect(match?.columns.size).toBe(2);
  });
});

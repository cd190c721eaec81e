import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadLabourFolder } from "../../../src/knowledge/labour/labour-loader.js";

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/labour");

describe("the labour test fixtures", () => {
  it("load without any issue", async () => {
    const { data, issues } = await loadLabourFolder(FIXTURES, { includeExamples: false });
    expect(issues).toEqual([]);
    expect(data.files.map((f) => [f.file, f.kind, f.rowCount])).toEqual([
      ["khoa-dao-tao-2026-11-15.csv", "courses", 11],
      ["nhu-cau-lao-dong-2026.csv", "demand", 10],
      ["viec-lam-2026-11-15.csv", "jobs", 18],
    ]);
    expect(data.files[0]?.asOf).toBe("2026-11-15");
    expect(data.files[2]?.asOf).toBe("2026-11-15");
  });

  it("carry the mixed value forms the parsers must handle", async () => {
    const { data } = await loadLabourFolder(FIXTURES, { includeExamples: false });
    const job = data.jobs.find((j) => j.position === "Thợ hàn")!;
    expect(job).toMatchObject({ row: 5, wageMin: { value: 8_500_000, text: "8,5 triệu" }, wageMax: { value: 12_000_000, text: "12 triệu" }, deadline: "2026-12-20" });
    expect(data.jobs.filter((j) => j.wageMin?.text === "Thỏa thuận").length).toBe(2);
    expect(data.jobs.every((j) => !/\d{9,}/.test(j.contact))).toBe(true);
    expect(data.courses.filter((c) => c.fee?.free).length).toBe(6);
    expect(data.courses.map((c) => c.startDate)).toContain("2026-12");
    expect(data.courses.map((c) => c.startDate)).toContain("2027-01");
    expect(data.courses.map((c) => c.startDate)).toContain("2026-11-25");
    expect(data.demand.filter((d) => d.year === 2025).length).toBe(2);
  });
});

import { describe, expect, it } from "vitest";
import { CSV_BOM, CSV_COLUMNS, csvField, csvHeader, csvRecordLine } from "../../src/stats/csv-export.js";
import { makeRecord } from "../helpers/test-stores.js";

describe("CSV export lines", () => {
  it("should start with the UTF-8 byte order mark and a Vietnamese header", () => {
    const header = csvHeader();
    expect(header.startsWith(CSV_BOM)).toBe(true);
    expect(header).toContain("Câu hỏi (đã che số cá nhân)");
    expect(header.endsWith("\r\n")).toBe(true);
  });

  it.each([
    ["plain", "plain"],
    ["a, b", '"a, b"'],
    ['he said "hi"', '"he said ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ["=HYPERLINK(\"x\")", '"\'=HYPERLINK(""x"")"'],
    ["+84 …", "'+84 …"],
    ["@cmd", "'@cmd"],
  ])("should quote %j as %j", (input, output) => {
    expect(csvField(input)).toBe(output);
  });

  it("should write one row per record with the local time and labels", () => {
    const line = csvRecordLine(
      makeRecord({ id: "r1", at: new Date("2026-11-20T17:30:00Z"), topic: "work_abroad", role: "parent", question: "Đi Hàn, cần gì?", feedback: "up" }),
    );
    // Staff read dates as dd/mm/yyyy (Vietnam time), channels by name.
    expect(line.startsWith("r1,21/11/2026 00:30:00,Telegram,")).toBe(true);
    expect(line).toContain(',Phụ huynh,,Đi làm việc ở nước ngoài,work_abroad,"Đi Hàn, cần gì?",');
    expect(line).toContain(",có,0.8,");
    expect(line).toContain(",Tra cứu dữ liệu (tự động),");
    expect(line).toContain("👍");
  });

  it("should put the bot's reply and staff's verdict beside the question", () => {
    expect(CSV_COLUMNS.indexOf("Câu hỏi (đã che số cá nhân)") + 1).toBe(CSV_COLUMNS.indexOf("Trả lời của bot (đã che số cá nhân)"));
    const line = csvRecordLine(makeRecord({ question: "Học phí bao nhiêu?", reply: "Học phí 0 đồng, liên hệ [số điện thoại]", flag: "incomplete" }));
    expect(line).toContain(',Học phí bao nhiêu?,"Học phí 0 đồng, liên hệ [số điện thoại]",Chưa đủ,');
    const unflagged = csvRecordLine(makeRecord({ question: "Q", reply: null, flag: null }));
    expect(unflagged).toContain(",Q,,,");
  });
});

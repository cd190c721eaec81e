import { describe, expect, it } from "vitest";
import { splitMessage } from "../../src/channels/split-message.js";

const sentence = (i: number) => `Câu số ${i} nói về học nghề ở Trà Cú và các chính sách hỗ trợ học phí cho học sinh.`;

describe("splitMessage", () => {
  it("should keep a short text whole", () => {
    expect(splitMessage("  Xin chào!  ", 4096)).toEqual(["Xin chào!"]);
  });

  it.each([4096, 2000])("should cut long text at sentence ends under a %i-character limit", (limit) => {
    const text = Array.from({ length: 150 }, (_, i) => sentence(i)).join(" ");
    const parts = splitMessage(text, limit);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(limit);
      expect(part.endsWith(".")).toBe(true);
    }
    // Nothing lost or reordered (the cuts only drop the whitespace between sentences).
    expect(parts.join(" ")).toBe(text);
  });

  it("should prefer line breaks over sentence ends", () => {
    const lines = Array.from({ length: 40 }, (_, i) => `- Dòng ${i}: việc làm tại xã Long Hiệp. Lương 7 triệu.`);
    const parts = splitMessage(lines.join("\n"), 500);
    for (const part of parts) {
      expect(part.startsWith("- Dòng")).toBe(true);
      expect(part.length).toBeLessThanOrEqual(500);
    }
    expect(parts.join("\n")).toBe(lines.join("\n"));
  });

  it("should cut text without any boundary at the limit, never inside a surrogate pair", () => {
    const text = "a".repeat(99) + "😀".repeat(100);
    const parts = splitMessage(text, 100);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(100);
      // A lone surrogate would show as a broken character.
      expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
    expect(parts.join("")).toBe(text);
  });

  it("should count Vietnamese letters once each (NFC)", () => {
    const decomposed = "Học nghề ở đâu? ".repeat(300).normalize("NFD");
    const parts = splitMessage(decomposed, 2000);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(2000);
      expect(part).toBe(part.normalize("NFC"));
    }
  });

  it("should refuse a nonsensical limit", () => {
    expect(() => splitMessage("x", 0)).toThrow(RangeError);
  });
});

/**
 * Days and months in answers are Vietnam's (UTC+7). The clock is 01:00 on 1/12/2026 in Trà Cú,
 * which is still 30/11/2026 18:00 in UTC: an answer acting on the UTC day would live in November.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/compose.js";
import { loadConfig } from "../../src/config.js";
import { buildTestKnowledge, KNOWLEDGE_DIR, ROOT, type TestKnowledge } from "../helpers/test-knowledge.js";

/** 01:00 on 1/12/2026 in Vietnam. */
const VN_0100_DEC_1 = new Date("2026-11-30T18:00:00Z");
/** 19:00 on 30/11/2026 in Vietnam: the evening before. */
const VN_1900_NOV_30 = new Date("2026-11-30T12:00:00Z");

let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
});
afterAll(() => t.cleanup());

function engineAt(now: () => Date, env: Record<string, string> = {}) {
  const config = loadConfig({ DATA_DIR: t.dataDir, KNOWLEDGE_DIR, LOG_LEVEL: "silent", ...env }, ROOT);
  return createEngine(config, t.knowledge, { now });
}

const listed = (answer: string) => answer.split("\n").filter((l) => l.startsWith("- "));

describe("answers at 01:00 Vietnam time (18:00 UTC the day before)", () => {
  it("should read 'tháng này' as December and 'tháng sau' as January", async () => {
    const engine = engineAt(() => VN_0100_DEC_1);
    const a = await engine.answer({ text: "khóa nào khai giảng tháng này" });
    const lines = listed(a.answer);
    expect(lines.length).toBeGreaterThan(0);
    // The test courses of 12/2026 (Hàn 01/12, Điện công nghiệp 15/12, May tháng 12…), not Điện dân dụng of 25/11.
    for (const line of lines) expect(line).toMatch(/khai giảng: (\d{2}\/|tháng )12\/2026/);
    expect(a.answer).not.toContain("25/11/2026");

    const b = await engine.answer({ text: "khóa nào khai giảng tháng sau" });
    const next = listed(b.answer);
    expect(next.length).toBeGreaterThan(0);
    for (const line of next) expect(line).toMatch(/khai giảng: (\d{2}\/|tháng )01\/2027/);
  });

  it("should treat a deadline of 30/11/2026 as passed", async () => {
    const engine = engineAt(() => VN_0100_DEC_1);
    const a = await engine.answer({ text: "Công ty TNHH Thủy Sản Thử Nghiệm E còn tuyển gì không" });
    expect(a.answerer).toBe("labour");
    // Company E's two openings of the test file closed on 30/11/2026 (its opening without a deadline stays).
    expect(a.answer).not.toContain("Công nhân chế biến thủy sản");
    expect(a.answer).not.toContain("Công nhân kho lạnh");
    expect(a.answer).not.toContain("30/11/2026");

    const b = await engine.answer({ text: "việc nào hết hạn nộp sớm nhất" });
    expect(b.answerer).toBe("labour");
    const first = listed(b.answer)[0];
    // The earliest deadline still open is the truck driver's, 05/12/2026.
    expect(first).toContain("hạn nộp: 05/12/2026");
    expect(b.answer).not.toContain("30/11/2026");
  });

  it("should not serve yesterday's cached answer after Vietnam midnight", async () => {
    let now = VN_1900_NOV_30;
    const engine = engineAt(() => now);
    const question = "Công ty TNHH Thủy Sản Thử Nghiệm E còn tuyển gì không";
    const evening = await engine.answer({ text: question });
    // On the evening of 30/11 the openings are still open.
    expect(evening.answer).toContain("Công nhân chế biến thủy sản");
    now = VN_0100_DEC_1;
    const night = await engine.answer({ text: question });
    // Same UTC day, but a new day in Vietnam: the answer is made again, without the closed openings.
    expect(night.answer).not.toContain("Công nhân chế biến thủy sản");
    expect(night.answer).toBe((await engineAt(() => VN_0100_DEC_1).answer({ text: question })).answer);
  });

  it("should count the stale-data age in Vietnam days", async () => {
    // The job file is dated 15/11/2026. With a 15-day limit it turns stale on 1/12 (Vietnam),
    // which in UTC is still 30/11, when it would be exactly 15 days old and not yet stale.
    const question = "lai xe tai o tap son luong bao nhieu";
    const night = await engineAt(() => VN_0100_DEC_1, { LABOUR_DATA_MAX_AGE_DAYS: "15" }).answer({ text: question });
    expect(night.answerer).toBe("labour");
    expect(night.answer).toContain("số liệu cũ (cập nhật ngày 15/11/2026)");
    const evening = await engineAt(() => VN_1900_NOV_30, { LABOUR_DATA_MAX_AGE_DAYS: "15" }).answer({ text: question });
    expect(evening.answer).not.toContain("số liệu cũ");
  });
});

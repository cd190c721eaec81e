import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { retentionCutoff, startRetention } from "../../src/stats/retention.js";
import { allRecords, makeRecord, openTestStore, type TestStore } from "../helpers/test-stores.js";

const logger = pino({ level: "silent" });
let t: TestStore;
beforeAll(async () => {
  t = await openTestStore("sqlite");
});
afterAll(async () => {
  await t.cleanup();
});

describe("retention job", () => {
  it("should cut at local midnight (UTC+7) the given number of days ago", () => {
    // 20 Nov 2026 01:00 in Vietnam is still 19 Nov in UTC.
    const now = new Date("2026-11-19T18:00:00Z");
    expect(retentionCutoff(now, 365).toISOString()).toBe("2025-11-19T17:00:00.000Z");
    expect(retentionCutoff(now, 1).toISOString()).toBe("2026-11-18T17:00:00.000Z");
  });

  it("should delete records older than STATS_RETENTION_DAYS and leave the summary totals unchanged", async () => {
    const now = new Date("2030-06-30T05:00:00Z");
    const old = [makeRecord({ at: new Date("2029-06-01T05:00:00Z") }), makeRecord({ at: new Date("2029-06-29T16:59:00Z") })];
    const kept = [makeRecord({ at: new Date("2029-06-29T17:00:00Z") }), makeRecord({ at: new Date("2030-06-30T01:00:00Z"), answered: false })];
    await t.store.insertRecords([...old, ...kept]);
    const filter = { from: "2029-01-01", to: "2030-12-31" };
    const before = await t.store.summary(filter);
    const job = startRetention({ store: t.store, logger, retentionDays: 365, now: () => now, firstRunDelayMs: 3_600_000 });
    const result = await job.runOnce();
    job.stop();
    expect(result.records).toBe(2);
    expect((await allRecords(t.store, filter.from, filter.to)).map((r) => r.id).sort()).toEqual(kept.map((r) => r.id).sort());
    expect(await t.store.summary(filter)).toEqual(before);
    expect(before.total).toBe(4);
  });

  it("should prune conversation turns after a day", async () => {
    await t.store.setTurn("k-retention", { question: "x", topic: "work_abroad", at: Date.now() });
    const in2Days = startRetention({ store: t.store, logger, retentionDays: 365, now: () => new Date(Date.now() + 2 * 86_400_000), firstRunDelayMs: 3_600_000 });
    const first = await in2Days.runOnce();
    in2Days.stop();
    expect(first).toMatchObject({ turns: 1 });
    expect(await t.store.getTurn("k-retention")).toBeUndefined();
  });

  it("should run by itself after the first delay and stop running once stopped", async () => {
    const purge = vi.fn(async () => 0);
    const store = { purgeRecordsBefore: purge, pruneTurns: async () => 0 };
    const job = startRetention({ store, logger, retentionDays: 30, firstRunDelayMs: 1, intervalMs: 10 });
    await vi.waitFor(() => expect(purge.mock.calls.length).toBeGreaterThanOrEqual(2));
    job.stop();
    const calls = purge.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(purge.mock.calls.length).toBe(calls);
  });

  it("should log a failed run and keep the job alive", async () => {
    const lines: string[] = [];
    const capture = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    let fail = true;
    const store = {
      purgeRecordsBefore: async () => {
        if (fail) throw new Error("database is locked");
        return 0;
      },
      pruneTurns: async () => 0,
    };
    const job = startRetention({ store, logger: capture, retentionDays: 30, firstRunDelayMs: 1, intervalMs: 10 });
    await vi.waitFor(() => expect(lines.some((l) => l.includes("retention purge failed"))).toBe(true));
    fail = false;
    await vi.waitFor(() => expect(lines.some((l) => l.includes("retention purge done"))).toBe(true));
    job.stop();
  });
});

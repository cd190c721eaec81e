/**
 * The batching recorder over a real SQLite store. Failures come from a thin wrapper that delegates
 * to the real store and can be told to fail (an outage, a number of failed writes, a record the
 * database refuses) — the recorder itself is the real one.
 */
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { QueryRecord, Store } from "../../src/store/store.js";
import { createStatsRecorder, type StatsRecorderSettings } from "../../src/stats/stats-recorder.js";
import { allRecords, makeRecord, openTestStore, type TestStore } from "../helpers/test-stores.js";

class FailingStore implements Pick<Store, "insertRecords" | "ping"> {
  /** Sizes of the batches the recorder tried to write. */
  readonly attempts: number[] = [];
  /** The database is unreachable: writes and pings fail. */
  down = false;
  /** This many next writes fail (the database still answers pings). */
  failNext = 0;
  /** Records the database refuses every time. */
  refuse: (record: QueryRecord) => boolean = () => false;
  /** Writes wait for this before going through. */
  gate: Promise<void> | undefined;

  constructor(private readonly real: Store) {}

  async insertRecords(records: QueryRecord[]): Promise<void> {
    this.attempts.push(records.length);
    if (this.gate) await this.gate;
    if (this.down) throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR" });
    }
    if (records.some(this.refuse)) throw Object.assign(new Error("CHECK constraint failed"), { code: "SQLITE_CONSTRAINT" });
    await this.real.insertRecords(records);
  }

  async ping(): Promise<void> {
    if (this.down) throw new Error("connect ECONNREFUSED");
    await this.real.ping();
  }
}

let t: TestStore;
let flaky: FailingStore;
let logLines: { level: number; msg: string; [key: string]: unknown }[];
let rawLog: string;
const logger = pino({ level: "info" }, { write: (line: string) => { rawLog += line; logLines.push(JSON.parse(line)); } });

function recorder(settings: Partial<StatsRecorderSettings> = {}) {
  return createStatsRecorder({ store: flaky, logger, retryDelayMs: 2, maxRetryDelayMs: 20, flushIntervalMs: 60_000, ...settings });
}
const stored = () => allRecords(t.store);
const logged = (msg: string) => logLines.filter((l) => l.msg === msg);

beforeEach(async () => {
  t = await openTestStore("sqlite");
  flaky = new FailingStore(t.store);
  logLines = [];
  rawLog = "";
});
afterEach(async () => {
  await t.cleanup();
});

describe("stats recorder", () => {
  it("should write records recorded together as one batch", async () => {
    const r = recorder({ batchSize: 200 });
    for (let i = 0; i < 450; i++) r.record(makeRecord());
    await r.flush();
    expect(flaky.attempts).toEqual([450]);
    expect(await stored()).toHaveLength(450);
    await r.close();
  });

  it("should split a large backlog into batches of at most maxBatch", async () => {
    const r = recorder({ batchSize: 10, maxBatch: 100 });
    for (let i = 0; i < 250; i++) r.record(makeRecord());
    await r.flush();
    expect(flaky.attempts).toEqual([100, 100, 50]);
    await r.close();
  });

  it("should start a write by itself once batchSize records wait", async () => {
    const r = recorder({ batchSize: 10 });
    for (let i = 0; i < 10; i++) r.record(makeRecord());
    await vi.waitFor(async () => expect(await stored()).toHaveLength(10));
    await r.close();
  });

  it("should write fewer than batchSize records after the flush interval", async () => {
    const r = recorder({ batchSize: 100, flushIntervalMs: 20 });
    for (let i = 0; i < 3; i++) r.record(makeRecord());
    await vi.waitFor(async () => expect(await stored()).toHaveLength(3));
    await r.close();
  });

  it("should return from record() at once while a write is stuck, and lose nothing", async () => {
    let release!: () => void;
    flaky.gate = new Promise((resolve) => (release = resolve));
    const r = recorder({ batchSize: 5 });
    for (let i = 0; i < 5; i++) r.record(makeRecord());
    await vi.waitFor(() => expect(flaky.attempts).toHaveLength(1));
    // The write is blocked; recording goes on regardless.
    for (let i = 0; i < 7; i++) r.record(makeRecord());
    expect(r.pending).toBe(12);
    release();
    flaky.gate = undefined;
    await r.flush();
    expect(await stored()).toHaveLength(12);
    expect(r.pending).toBe(0);
    await r.close();
  });

  it("should never throw from record(), whatever it is given", async () => {
    const r = recorder();
    expect(() => r.record(null as unknown as QueryRecord)).not.toThrow();
    expect(() => r.record({} as QueryRecord)).not.toThrow();
    expect(() => r.record(makeRecord({ at: new Date("not a date") }))).not.toThrow();
    await r.close();
    expect(() => r.record(makeRecord())).not.toThrow();
    expect(await stored()).toHaveLength(0);
    expect(logLines.filter((l) => /refused/.test(l.msg)).length).toBeGreaterThanOrEqual(4);
  });

  it("should write everything accepted when closed", async () => {
    const r = recorder({ batchSize: 1000 });
    for (let i = 0; i < 25; i++) r.record(makeRecord());
    expect(await stored()).toHaveLength(0);
    await r.close();
    expect(await stored()).toHaveLength(25);
    expect(r.pending).toBe(0);
  });

  it("should retry a failed write and log each failure, without the question text", async () => {
    flaky.failNext = 3;
    const r = recorder();
    for (let i = 0; i < 30; i++) r.record(makeRecord({ question: `câu hỏi bí mật số ${i}` }));
    await r.flush();
    expect(await stored()).toHaveLength(30);
    const failures = logged("stats write failed, will retry");
    expect(failures).toHaveLength(3);
    expect(failures[0]).toMatchObject({ err: { code: "SQLITE_IOERR" }, attempt: 1 });
    expect(rawLog).not.toContain("bí mật");
    await r.close();
  });

  it("should keep records through a database outage and write them when it is back", async () => {
    flaky.down = true;
    const r = recorder();
    for (let i = 0; i < 20; i++) r.record(makeRecord());
    const flushed = r.flush();
    await vi.waitFor(() => expect(logged("stats write failed, will retry").length).toBeGreaterThanOrEqual(3));
    expect(await stored()).toHaveLength(0);
    flaky.down = false;
    await flushed;
    expect(await stored()).toHaveLength(20);
    expect(logged("stats write failed, will retry")[0]).toMatchObject({ databaseReachable: false, records: 20 });
    await r.close();
  });

  it("should drop only the record the database keeps refusing, and write the others", async () => {
    const poison = makeRecord({ id: "poison-record" });
    flaky.refuse = (record) => record.id === poison.id;
    const r = recorder();
    const good = Array.from({ length: 9 }, () => makeRecord());
    for (const record of [...good.slice(0, 4), poison, ...good.slice(4)]) r.record(record);
    await r.flush();
    const ids = (await stored()).map((x) => x.id).sort();
    expect(ids).toEqual(good.map((x) => x.id).sort());
    expect(logged("stats record dropped: the database refused it repeatedly")).toEqual([expect.objectContaining({ recordId: "poison-record" })]);
    await r.close();
  });

  it("should refuse records beyond maxPending while the database is down, and say so once", async () => {
    flaky.down = true;
    const r = recorder({ maxPending: 5 });
    for (let i = 0; i < 8; i++) r.record(makeRecord());
    expect(r.pending).toBe(5);
    expect(logged("stats queue full (database unreachable?): records refused")).toHaveLength(1);
    flaky.down = false;
    await r.close();
    expect(await stored()).toHaveLength(5);
  });

  it("should stop waiting at close after the timeout and log how many records were not written", async () => {
    flaky.down = true;
    const r = recorder();
    for (let i = 0; i < 3; i++) r.record(makeRecord());
    await r.close({ timeoutMs: 30 });
    expect(logged("stats records not written before shutdown")).toEqual([expect.objectContaining({ lost: 3 })]);
  });
});

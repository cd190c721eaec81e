/**
 * The store contract, run unchanged against SQLite (temporary folder) and the real PostgreSQL
 * (a database of its own). Tests that count records use a year of their own so they do not see
 * each other's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QueryRecord, StatsFilter } from "../../src/store/store.js";
import { allRecords, makeRecord, openTestStore, STORE_KINDS, type TestStore } from "../helpers/test-stores.js";

describe.each(STORE_KINDS)("%s store", (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("should apply the migrations again on every start without error", async () => {
    await t.store.migrate();
    await t.store.migrate();
    await t.store.ping();
    expect(t.store.kind).toBe(kind);
  });

  describe("conversation memory and profiles", () => {
    it("should remember the previous turn and replace it with the next", async () => {
      expect(await t.store.getTurn("k-memory")).toBeUndefined();
      await t.store.setTurn("k-memory", { question: "học nghề ở đâu", topic: "vocational_training_options", at: 1000 });
      await t.store.setTurn("k-memory", { question: "học phí bao nhiêu", topic: "tuition_and_support", trade: "hàn", at: 2000 });
      expect(await t.store.getTurn("k-memory")).toEqual({ question: "học phí bao nhiêu", topic: "tuition_and_support", trade: "hàn", at: 2000 });
    });

    it("should write many users' turns in one call, replacing earlier ones and masking each", async () => {
      await t.store.setTurn("k-batch-1", { question: "cũ", topic: "work_abroad", at: 1 });
      const turns = new Map([
        ["k-batch-1", { question: "đi Nhật cần gì", topic: "work_abroad" as const, at: 10 }],
        ["k-batch-2", { question: "gọi 0912 345 678", topic: "contact_and_events" as const, at: 11 }],
        // More rows than one INSERT takes, so the chunks go in one transaction.
        ...Array.from({ length: 600 }, (_, i) => [`k-batch-many-${i}`, { question: `câu ${i}`, topic: "work_abroad" as const, at: i }] as const),
      ]);
      await t.store.setTurns(turns);
      expect(await t.store.getTurn("k-batch-1")).toEqual({ question: "đi Nhật cần gì", topic: "work_abroad", at: 10 });
      expect((await t.store.getTurn("k-batch-2"))?.question).not.toMatch(/\d{3}/);
      expect(await t.store.getTurn("k-batch-many-599")).toEqual({ question: "câu 599", topic: "work_abroad", at: 599 });
    });

    it("should write turns and query records in one transaction, all or nothing", async () => {
      const record = makeRecord({ userKey: "k-group-1", at: new Date("2032-03-04T05:00:00Z") });
      await t.store.commitTurnsAndRecords(new Map([["k-group-1", { question: "học hàn ở đâu", topic: "vocational_training_options" as const, at: 7 }]]), [record]);
      expect(await t.store.getTurn("k-group-1")).toEqual({ question: "học hàn ở đâu", topic: "vocational_training_options", at: 7 });
      expect((await allRecords(t.store, "2032-01-01", "2032-12-31")).map((r) => r.id)).toEqual([record.id]);
      expect((await t.store.summary({ from: "2032-01-01", to: "2032-12-31" })).total).toBe(1);
      // A record the database refuses inside the transaction (no answerer: NOT NULL) takes the turns with it.
      const refused = { ...makeRecord({ userKey: "k-group-2", at: new Date("2032-03-04T06:00:00Z") }), answerer: null } as unknown as QueryRecord;
      await expect(t.store.commitTurnsAndRecords(new Map([["k-group-2", { question: "đi Nhật", topic: "work_abroad" as const, at: 8 }]]), [refused])).rejects.toThrow();
      expect(await t.store.getTurn("k-group-2")).toBeUndefined();
      expect((await t.store.summary({ from: "2032-01-01", to: "2032-12-31" })).total).toBe(1);
    });

    it("should mask phone and ID numbers in a remembered turn", async () => {
      await t.store.setTurn("k-mask", { question: "gọi 0912 345 678, cccd 084206001234", topic: "contact_and_events", at: 1 });
      const turn = await t.store.getTurn("k-mask");
      expect(turn?.question).not.toMatch(/\d{3}/);
    });

    it("should keep a profile and update it", async () => {
      const updatedAt = new Date("2026-11-20T01:02:03Z");
      await t.store.setProfile("k-profile", { role: "student", commune: null, asked: true, updatedAt });
      expect(await t.store.getProfile("k-profile")).toEqual({ role: "student", commune: null, asked: true, updatedAt });
      await t.store.setProfile("k-profile", { role: "parent", commune: "Xã Long Hiệp", asked: true, updatedAt });
      expect(await t.store.getProfile("k-profile")).toMatchObject({ role: "parent", commune: "Xã Long Hiệp" });
    });

    it("should read a user's turn and profile together, each only when stored", async () => {
      expect(await t.store.getUserState("k-state-none")).toEqual({});
      await t.store.setTurn("k-state-turn", { question: "học hàn ở đâu", topic: "vocational_training_options", at: 5 });
      expect(await t.store.getUserState("k-state-turn")).toEqual({ turn: { question: "học hàn ở đâu", topic: "vocational_training_options", at: 5 } });
      const updatedAt = new Date("2026-11-21T01:02:03Z");
      await t.store.setProfile("k-state-turn", { role: "parent", commune: "Xã Tập Sơn", asked: true, updatedAt });
      await t.store.setProfile("k-state-profile", { role: "student", commune: null, asked: false, updatedAt });
      expect(await t.store.getUserState("k-state-turn")).toEqual({
        turn: { question: "học hàn ở đâu", topic: "vocational_training_options", at: 5 },
        profile: { role: "parent", commune: "Xã Tập Sơn", asked: true, updatedAt },
      });
      expect(await t.store.getUserState("k-state-profile")).toEqual({ profile: { role: "student", commune: null, asked: false, updatedAt } });
    });

    it("should delete the user's records, memory and profile, keep other users' and the daily counts", async () => {
      const record = makeRecord({ userKey: "k-delete", at: new Date("2031-01-05T03:00:00Z") });
      await t.store.insertRecords([record]);
      await t.store.setTurn("k-delete", { question: "x", topic: "work_abroad", at: 1 });
      await t.store.setProfile("k-delete", { role: "parent", commune: "Xã Tập Sơn", asked: true, updatedAt: new Date() });
      await t.store.setTurn("k-other", { question: "y", topic: "work_abroad", at: 1 });
      const other = makeRecord({ userKey: "k-other", at: new Date("2031-01-05T04:00:00Z") });
      await t.store.insertRecords([other]);
      const before = await t.store.summary({ from: "2031-01-01", to: "2031-12-31" });
      expect(await t.store.deleteUserData("k-delete")).toEqual({ questions: 1, memory: 1, profile: 1 });
      expect(await t.store.getTurn("k-delete")).toBeUndefined();
      expect(await t.store.getProfile("k-delete")).toBeUndefined();
      expect(await t.store.getTurn("k-other")).toBeDefined();
      expect((await allRecords(t.store, "2031-01-01", "2031-12-31")).map((r) => r.id)).toEqual([other.id]);
      expect(await t.store.summary({ from: "2031-01-01", to: "2031-12-31" })).toEqual(before);
    });

    it("should prune turns saved before a cutoff", async () => {
      await t.store.setTurn("k-prune", { question: "x", topic: "work_abroad", at: 1 });
      expect(await t.store.pruneTurns(new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
      expect(await t.store.getTurn("k-prune")).toBeUndefined();
    });
  });

  describe("query records and the summary", () => {
    it("should count a question by its Vietnam local date (UTC+7)", async () => {
      await t.store.insertRecords([
        makeRecord({ at: new Date("2032-03-01T16:59:00Z") }), // 23:59 on 1 March in Vietnam
        makeRecord({ at: new Date("2032-03-01T17:30:00Z") }), // 00:30 on 2 March in Vietnam
        makeRecord({ at: new Date("2032-03-02T16:59:59Z") }), // 23:59:59 on 2 March
      ]);
      const first = await t.store.summary({ from: "2032-03-01", to: "2032-03-01" });
      expect(first.total).toBe(1);
      const both = await t.store.summary({ from: "2032-03-01", to: "2032-03-02" });
      expect(both.byDay).toEqual([
        { date: "2032-03-01", count: 1 },
        { date: "2032-03-02", count: 2 },
      ]);
      // Export and the unanswered queue use the same local days.
      expect(await allRecords(t.store, "2032-03-02", "2032-03-02")).toHaveLength(2);
    });

    it("should give totals, answered, unanswered and every breakdown", async () => {
      const at = new Date("2033-05-10T02:00:00Z");
      await t.store.insertRecords([
        makeRecord({ at, channel: "telegram", role: "student", commune: "Xã Long Hiệp", topic: "work_abroad", answered: true }),
        makeRecord({ at, channel: "telegram", role: "student", commune: "Xã Long Hiệp", topic: "work_abroad", answered: false }),
        makeRecord({ at, channel: "zalo", role: "parent", commune: "Xã Tập Sơn", topic: "tuition_and_support", answered: true }),
        makeRecord({ at: new Date("2033-05-11T02:00:00Z"), channel: "web", role: "unknown", commune: null, topic: "tuition_and_support", answered: true }),
      ]);
      const summary = await t.store.summary({ from: "2033-05-01", to: "2033-05-31" });
      expect(summary).toEqual({
        total: 4,
        answered: 3,
        unanswered: 1,
        byChannel: { telegram: 2, zalo: 1, web: 1 },
        byTopic: { work_abroad: 2, tuition_and_support: 2 },
        byCommune: { "Xã Long Hiệp": 2, "Xã Tập Sơn": 1, unknown: 1 },
        byRole: { student: 2, parent: 1, unknown: 1 },
        byDay: [
          { date: "2033-05-10", count: 3 },
          { date: "2033-05-11", count: 1 },
        ],
      });
      const breakdown = await t.store.breakdown({ from: "2033-05-01", to: "2033-05-31" });
      expect(breakdown.byDayChannel).toEqual([
        { date: "2033-05-10", channel: "telegram", count: 2 },
        { date: "2033-05-10", channel: "zalo", count: 1 },
        { date: "2033-05-11", channel: "web", count: 1 },
      ]);
    });

    it.each<[string, Partial<StatsFilter>, number]>([
      ["channel", { channel: "zalo" }, 2],
      ["commune", { commune: "Xã Hàm Giang" }, 3],
      ["topic", { topic: "labour_market_jobs" }, 2],
      ["role", { role: "parent" }, 2],
      ["commune and role together", { commune: "Xã Hàm Giang", role: "parent" }, 1],
      ["channel, commune, topic and role together", { channel: "telegram", commune: "Xã Hàm Giang", topic: "labour_market_jobs", role: "student" }, 1],
    ])("should filter the summary, export and queue by %s", async (_name, extra, expected) => {
      const year = 2034 + ["channel", "commune", "topic", "role", "commune and role together", "channel, commune, topic and role together"].indexOf(_name);
      const at = new Date(`${year}-06-15T02:00:00Z`);
      await t.store.insertRecords([
        makeRecord({ at, channel: "telegram", commune: "Xã Hàm Giang", topic: "labour_market_jobs", role: "student", answered: false }),
        makeRecord({ at, channel: "zalo", commune: "Xã Hàm Giang", topic: "labour_market_jobs", role: "parent", answered: false }),
        makeRecord({ at, channel: "zalo", commune: "Xã Hàm Giang", topic: "work_abroad", role: "student", answered: false }),
        makeRecord({ at, channel: "web", commune: null, topic: "work_abroad", role: "parent", answered: false }),
      ]);
      const filter: StatsFilter = { from: `${year}-06-01`, to: `${year}-06-30`, ...extra };
      expect((await t.store.summary(filter)).total).toBe(expected);
      expect(await allRecords(t.store, filter.from, filter.to).then((all) => all.length)).toBe(4);
      const exported: QueryRecord[] = [];
      for await (const record of t.store.exportRecords(filter)) exported.push(record);
      expect(exported).toHaveLength(expected);
      expect(await t.store.unanswered(filter)).toHaveLength(expected);
    });

    it("should count feedback, move it when changed, and refuse unknown records", async () => {
      const at = new Date("2040-01-10T02:00:00Z");
      const [a, b] = [makeRecord({ at }), makeRecord({ at, feedback: "down" })];
      await t.store.insertRecords([a!, b!]);
      const filter = { from: "2040-01-01", to: "2040-01-31" };
      expect((await t.store.breakdown(filter)).feedback).toEqual({ up: 0, down: 1 });
      expect(await t.store.setFeedback(a!.id, "up")).toBe(true);
      expect((await t.store.breakdown(filter)).feedback).toEqual({ up: 1, down: 1 });
      expect(await t.store.setFeedback(a!.id, "down")).toBe(true);
      expect(await t.store.setFeedback(a!.id, "down")).toBe(true);
      expect((await t.store.breakdown(filter)).feedback).toEqual({ up: 0, down: 2 });
      expect(await t.store.setFeedback("no-such-record", "up")).toBe(false);
      const stored = await allRecords(t.store, "2040-01-01", "2040-01-31");
      expect(stored.find((r) => r.id === a!.id)?.feedback).toBe("down");
    });

    it("should count a record once when the same batch is written again (a retried write)", async () => {
      const batch = [makeRecord({ at: new Date("2041-02-02T02:00:00Z") }), makeRecord({ at: new Date("2041-02-02T03:00:00Z") })];
      await t.store.insertRecords(batch);
      await t.store.insertRecords(batch);
      expect((await t.store.summary({ from: "2041-02-01", to: "2041-02-28" })).total).toBe(2);
      expect(await allRecords(t.store, "2041-02-01", "2041-02-28")).toHaveLength(2);
    });

    it("should list unanswered questions newest first, filter by reviewed, and mark them reviewed", async () => {
      const older = makeRecord({ at: new Date("2042-03-01T02:00:00Z"), answered: false });
      const newer = makeRecord({ at: new Date("2042-03-05T02:00:00Z"), answered: false });
      const answered = makeRecord({ at: new Date("2042-03-06T02:00:00Z"), answered: true });
      await t.store.insertRecords([older, newer, answered]);
      const filter = { from: "2042-03-01", to: "2042-03-31" };
      expect((await t.store.unanswered(filter)).map((r) => r.id)).toEqual([newer.id, older.id]);
      expect(await t.store.markReviewed(older.id, true)).toBe(true);
      expect((await t.store.unanswered({ ...filter, reviewed: false })).map((r) => r.id)).toEqual([newer.id]);
      expect((await t.store.unanswered({ ...filter, reviewed: true })).map((r) => r.id)).toEqual([older.id]);
      expect(await t.store.markReviewed(older.id, false)).toBe(true);
      expect(await t.store.unanswered({ ...filter, reviewed: false })).toHaveLength(2);
      expect(await t.store.unanswered({ ...filter, limit: 1 })).toHaveLength(1);
      expect(await t.store.markReviewed("no-such-record", true)).toBe(false);
    });

    it("should keep what the question analysis found (act and wanted value) with the record", async () => {
      const at = new Date(Date.UTC(2046, 4, 2, 2));
      const asked = makeRecord({ at, answered: false, act: "yes_no", wanted: "amount" });
      const older = makeRecord({ at: new Date(Date.UTC(2046, 4, 1, 2)), answered: true, act: undefined, wanted: undefined });
      await t.store.insertRecords([asked, older]);
      const records = await t.store.recentRecords({ from: "2046-05-01", to: "2046-05-31" });
      expect(records.find((r) => r.id === asked.id)).toMatchObject({ act: "yes_no", wanted: "amount" });
      expect(records.find((r) => r.id === older.id)).toMatchObject({ act: null, wanted: null });
    });

    it("should keep the reply and staff's verdict, and queue unanswered, flagged and 👎 questions but not refusals", async () => {
      const at = (d: number) => new Date(Date.UTC(2045, 2, d, 2));
      const unanswered = makeRecord({ at: at(1), answered: false, answerer: "offline", reply: "Xin lỗi, mình chưa có thông tin chắc chắn." });
      const refusal = makeRecord({ at: at(2), answered: false, answerer: "rule", topic: "out_of_scope", reply: "Mình không đưa ra ý kiến về chính trị." });
      const wrong = makeRecord({ at: at(3), answered: true, reply: "Học phí là 5 triệu đồng." });
      const thumbsDown = makeRecord({ at: at(4), answered: true, feedback: "down" });
      const fine = makeRecord({ at: at(5), answered: true, feedback: "up" });
      await t.store.insertRecords([unanswered, refusal, wrong, thumbsDown, fine]);
      const filter = { from: "2045-03-01", to: "2045-03-31" };
      expect((await t.store.followUpQueue(filter)).map((r) => r.id)).toEqual([thumbsDown.id, unanswered.id]);
      expect(await t.store.refusalCount(filter)).toBe(1);

      expect(await t.store.markReviewed(wrong.id, true)).toBe(true);
      expect(await t.store.setFlag(wrong.id, "wrong", at(6))).toBe(true);
      const queue = await t.store.followUpQueue({ ...filter, reviewed: false });
      expect(queue.map((r) => [r.id, r.reasons])).toEqual([
        [thumbsDown.id, ["down"]],
        [wrong.id, ["wrong"]],
        [unanswered.id, ["unanswered"]],
      ]);
      expect(queue.find((r) => r.id === wrong.id)).toMatchObject({ reply: "Học phí là 5 triệu đồng.", flag: "wrong", reviewed: false });

      // A refusal a person judged incomplete is queued after all.
      await t.store.setFlag(refusal.id, "incomplete");
      expect((await t.store.followUpQueue(filter)).find((r) => r.id === refusal.id)?.reasons).toEqual(["incomplete"]);
      await t.store.setFlag(refusal.id, null);
      expect((await t.store.followUpQueue(filter)).some((r) => r.id === refusal.id)).toBe(false);
      expect(await t.store.setFlag("no-such-record", "wrong")).toBe(false);
      expect(await t.store.followUpQueue({ ...filter, limit: 2 })).toHaveLength(2);
      // The recent list: newest first, every record with its reply.
      const recent = await t.store.recentRecords(filter, 3);
      expect(recent.map((r) => r.id)).toEqual([fine.id, thumbsDown.id, wrong.id]);
      expect(recent[2]!.reply).toBe("Học phí là 5 triệu đồng.");
    });

    it("should export records oldest first, every field intact, across pages", async () => {
      const base = Date.parse("2043-04-01T00:00:00Z");
      const records = Array.from({ length: 2345 }, (_, i) =>
        makeRecord({ at: new Date(base + Math.floor(i / 3) * 60_000), question: `Câu hỏi số ${i}, có "ngoặc kép"` }),
      );
      const shuffled = [...records].sort(() => Math.random() - 0.5);
      await t.store.insertRecords(shuffled);
      const exported = await allRecords(t.store, "2043-04-01", "2043-04-30");
      expect(exported).toHaveLength(records.length);
      for (let i = 1; i < exported.length; i++) expect(exported[i]!.at.getTime()).toBeGreaterThanOrEqual(exported[i - 1]!.at.getTime());
      const sample = records[1234]!;
      expect(exported.find((r) => r.id === sample.id)).toEqual(sample);
    });

    it("should read the export lazily, page by page (a record added mid-export is still reached)", async () => {
      const base = Date.parse("2044-04-01T00:00:00Z");
      await t.store.insertRecords(Array.from({ length: 1500 }, (_, i) => makeRecord({ at: new Date(base + i * 1000) })));
      const iterator = t.store.exportRecords({ from: "2044-04-01", to: "2044-04-30" })[Symbol.asyncIterator]();
      expect((await iterator.next()).done).toBe(false);
      const late = makeRecord({ at: new Date(base + 86_400_000) });
      await t.store.insertRecords([late]);
      let count = 1;
      let last: QueryRecord | undefined;
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
        count += 1;
        last = step.value;
      }
      expect(count).toBe(1501);
      expect(last?.id).toBe(late.id);
    });

    it("should count question texts, most asked first", async () => {
      const at = new Date("2047-02-02T02:00:00Z");
      await t.store.insertRecords([
        makeRecord({ at, question: "Học nghề ở đâu?" }),
        makeRecord({ at, question: "Học nghề ở đâu?" }),
        makeRecord({ at, question: "Học phí bao nhiêu?" }),
      ]);
      expect(await t.store.questionCounts({ from: "2047-02-01", to: "2047-02-28" })).toEqual([
        { question: "Học nghề ở đâu?", count: 2 },
        { question: "Học phí bao nhiêu?", count: 1 },
      ]);
    });

    it("should keep the daily counts equal to a recount of the records", async () => {
      const base = Date.parse("2048-01-01T00:00:00Z");
      const channels = ["telegram", "zalo", "web", "api"];
      const communes = [null, "Xã Trà Cú", "Xã Long Hiệp"];
      const records = Array.from({ length: 600 }, (_, i) =>
        makeRecord({
          at: new Date(base + ((i * 7919) % (40 * 86_400_000))),
          channel: channels[i % 4]!,
          commune: communes[i % 3]!,
          role: (["student", "parent", "unknown"] as const)[i % 5 % 3]!,
          answered: i % 4 !== 0,
        }),
      );
      // Written in several batches, like the recorder does.
      for (let i = 0; i < records.length; i += 137) await t.store.insertRecords(records.slice(i, i + 137));
      const filter = { from: "2048-01-01", to: "2048-02-15", commune: "Xã Long Hiệp" };
      const summary = await t.store.summary(filter);
      const expected = records.filter((r) => r.commune === "Xã Long Hiệp");
      expect(summary.total).toBe(expected.length);
      expect(summary.answered).toBe(expected.filter((r) => r.answered).length);
      expect(summary.byDay.reduce((n, d) => n + d.count, 0)).toBe(expected.length);
      for (const channel of channels) expect(summary.byChannel[channel]).toBe(expected.filter((r) => r.channel === channel).length);
    });
  });

  // The purge deletes everything before its cutoff, so it gets a database of its own.
  describe("retention purge", () => {
    let p: TestStore;
    beforeAll(async () => {
      p = await openTestStore(kind);
    });
    afterAll(async () => {
      await p?.cleanup();
    });

    it("should keep the summary totals after the retention purge deletes old records", async () => {
      const filter = { from: "2045-01-01", to: "2045-12-31" };
      await p.store.insertRecords([
        makeRecord({ at: new Date("2045-01-10T02:00:00Z"), channel: "zalo", commune: "Xã Đại An", answered: false, feedback: "up" }),
        makeRecord({ at: new Date("2045-01-11T02:00:00Z"), channel: "telegram", commune: "Xã Đại An" }),
        makeRecord({ at: new Date("2045-06-01T02:00:00Z"), channel: "web" }),
      ]);
      const before = await p.store.breakdown(filter);
      const deleted = await p.store.purgeRecordsBefore(new Date("2045-03-01T00:00:00Z"));
      expect(deleted).toBe(2);
      expect(await allRecords(p.store, filter.from, filter.to)).toHaveLength(1);
      expect(await p.store.breakdown(filter)).toEqual(before);
      expect(before.total).toBe(3);
      expect(before.feedback.up).toBe(1);
      // Feedback on a purged record is refused; the counts stay as they were.
      expect(await p.store.unanswered(filter)).toHaveLength(0);
    });

    it("should purge in chunks larger than one statement", async () => {
      // Earlier than the other purge test's records, so this cutoff reaches only its own.
      const base = Date.parse("2044-01-01T00:00:00Z");
      await p.store.insertRecords(Array.from({ length: 12_000 }, (_, i) => makeRecord({ at: new Date(base + i * 1000) })));
      expect(await p.store.purgeRecordsBefore(new Date("2044-06-01T00:00:00Z"))).toBe(12_000);
      expect((await p.store.summary({ from: "2044-01-01", to: "2044-12-31" })).total).toBe(12_000);
    });

  });
});

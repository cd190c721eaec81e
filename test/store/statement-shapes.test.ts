/**
 * The writes every message makes run SQL compiled once per shape (`statement-shapes.ts`): the
 * statement and its parameters must be exactly what Kysely builds for the same rows, on SQLite and
 * PostgreSQL, and a second batch of the same shape must store its own values, not the first's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StatementShapes } from "../../src/store/statement-shapes.js";
import { allRecords, makeRecord, openTestStore, STORE_KINDS, type TestStore } from "../helpers/test-stores.js";

describe("statement shapes", () => {
  it("should compile a shape once and give each batch its own parameters, row by row", () => {
    const shapes = new StatementShapes();
    let compiled = 0;
    const compile = (rows: { a: string; b: number | null }[]) => () => {
      compiled += 1;
      return { sql: `insert into t (a, b) values ${rows.map(() => "(?, ?)").join(", ")}` };
    };
    const first = [
      { a: "x", b: 1 },
      { a: "y", b: null },
    ];
    const second = [
      { a: "z", b: 3 },
      { a: "w", b: 4 },
    ];
    expect(shapes.insert("t:2", first, compile(first)).parameters).toEqual(["x", 1, "y", null]);
    const again = shapes.insert("t:2", second, compile(second));
    expect(again.parameters).toEqual(["z", 3, "w", 4]);
    expect(again.sql).toBe("insert into t (a, b) values (?, ?), (?, ?)");
    expect(compiled).toBe(1);
  });
});

describe.each(STORE_KINDS)("%s store: writes with SQL compiled once", (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("should store each batch's own records and counts when batches of one size follow each other", async () => {
    const at = new Date("2031-03-04T03:00:00Z");
    const batch = (n: number) =>
      Array.from({ length: 3 }, (_, i) => makeRecord({ at, channel: "web", question: `câu ${n}-${i}`, commune: i === 0 ? "Xã Long Hiệp" : null, answered: i !== 2, feedback: i === 1 ? "up" : null }));
    const first = batch(1);
    const second = batch(2);
    await t.store.insertRecords(first);
    await t.store.insertRecords(second);
    // The same batch again (a retried write) is not counted twice.
    await t.store.insertRecords(second);
    const stored = await allRecords(t.store, "2031-03-04", "2031-03-04");
    expect(stored.map((r) => r.question).sort()).toEqual([...first, ...second].map((r) => r.question).sort());
    expect(stored.find((r) => r.id === second[0]!.id)).toMatchObject({ commune: "Xã Long Hiệp", answered: true, channel: "web" });
    const summary = await t.store.breakdown({ from: "2031-03-04", to: "2031-03-04" });
    expect(summary.total).toBe(6);
    expect(summary.answered).toBe(4);
    expect(summary.feedback).toEqual({ up: 2, down: 0 });
    expect(summary.byCommune).toEqual({ "Xã Long Hiệp": 2, unknown: 4 });
  });

  it("should store each batch's own turns, and read each user's turn and profile back", async () => {
    const turns = (n: number) => new Map(Array.from({ length: 4 }, (_, i) => [`k-shape-${i}`, { question: `lượt ${n} của ${i}`, topic: "work_abroad" as const, at: n * 10 + i }]));
    await t.store.setTurns(turns(1));
    await t.store.setTurns(turns(2));
    await t.store.setProfile("k-shape-1", { role: "parent", commune: "Xã Tập Sơn", asked: true, updatedAt: new Date(5000) });
    for (let i = 0; i < 4; i++) expect(await t.store.getTurn(`k-shape-${i}`)).toEqual({ question: `lượt 2 của ${i}`, topic: "work_abroad", at: 20 + i });
    expect(await t.store.getUserState("k-shape-1")).toEqual({
      turn: { question: "lượt 2 của 1", topic: "work_abroad", at: 21 },
      profile: { role: "parent", commune: "Xã Tập Sơn", asked: true, updatedAt: new Date(5000) },
    });
    expect(await t.store.getUserState("k-shape-2")).toEqual({ turn: { question: "lượt 2 của 2", topic: "work_abroad", at: 22 } });
    expect(await t.store.getUserState("k-shape-none")).toEqual({});
  });
});

/**
 * Group commit of the inbox's writes (`src/store/group-writes.ts`), on both stores: writes queued
 * together share one transaction, each caller gets its own result once committed, and a write the
 * database refuses fails alone while the others of its group still land.
 */
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GroupWrites } from "../../src/store/group-writes.js";
import { openTestStore, STORE_KINDS, type TestStore } from "../helpers/test-stores.js";

type Db = { gw_items: { id: number; label: string } };

for (const kind of STORE_KINDS) {
  describe(`group writes on ${kind}`, () => {
    let t: TestStore;
    const db = () => t.store.db.withTables<Db>();
    let writes: GroupWrites<ReturnType<typeof db> extends Kysely<infer D> ? D : never>;

    beforeAll(async () => {
      t = await openTestStore(kind);
      await sql`CREATE TABLE gw_items (id INTEGER PRIMARY KEY, label TEXT NOT NULL)`.execute(t.store.db);
      writes = new GroupWrites(db());
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    const insert = (id: number, label: string) => writes.run((d) => d.insertInto("gw_items").values({ id, label }).returning("id").executeTakeFirstOrThrow());

    it("should give each of many concurrent writes its own committed result", async () => {
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => insert(i + 1, `row ${i + 1}`)));
      expect(results.map((r) => Number(r.id))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const stored = await db().selectFrom("gw_items").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(40);
    });

    it("should fail only the write the database refuses, and keep the others of its group", async () => {
      // Id 1 exists: that insert breaks the primary key; 101 and 102 are new.
      const outcomes = await Promise.allSettled([insert(101, "a"), insert(1, "again"), insert(102, "b")]);
      expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      const rows = await db().selectFrom("gw_items").select(["id", "label"]).where("id", "in", [1, 101, 102]).orderBy("id").execute();
      expect(rows.map((r) => [Number(r.id), r.label])).toEqual([
        [1, "row 1"],
        [101, "a"],
        [102, "b"],
      ]);
    });
  });
}

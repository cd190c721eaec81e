/**
 * Issue 11, items 1 and 2, for data stored before the upgrade: questions stored while masking
 * missed some spellings are masked again by migration 0300_privacy_remask_stored_text, and on
 * SQLite no file under DATA_DIR keeps the old text (the store VACUUMs after that migration). Numbers
 * read out in words, stored as typed before masking learnt them, are masked again by
 * 0800_privacy_remask_spoken_numbers, with the same guarantees.
 */
import fs from "node:fs";
import path from "node:path";
import { Migrator } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { MASKS } from "../../src/privacy/masking.js";
import { migrations } from "../../src/store/migrations.js";
import { allRecords, makeRecord, openTestStore, STORE_KINDS, type TestStore } from "../helpers/test-stores.js";

const RAW = ["09l2345692", "0912\u00A0345\u00A0687", "(0912) 345 686", "lan.canary (a) gmail.com"];

let t: TestStore | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

describe.each(STORE_KINDS)("re-masking stored texts (%s)", (kind) => {
  it("should mask again the questions, staff routes and memory stored before the upgrade", async () => {
    t = await openTestStore(kind);
    // A fresh database, migrated only up to the release before this one…
    const fresh = t.reopen();
    await fresh.db.schema.dropTable("kysely_migration").ifExists().execute();
    for (const table of ["labour_drafts", "labour_active", "labour_datasets", "staff_audit", "staff_accounts", "session_revocations", "rate_limits", "inbox", "staff_answers", "staff_routes", "outreach_events", "outreach_leases", "announcement_deliveries", "announcements", "consent_events", "subscriptions", "delivery_keys", "profiles", "conversation_turns", "daily_counts", "stat_dimensions", "query_records"]) {
      await fresh.db.schema.dropTable(table).ifExists().execute();
    }
    await fresh.db.schema.dropTable("kysely_migration_lock").ifExists().execute();
    const migrator = new Migrator({ db: fresh.db, provider: { getMigrations: async () => migrations(kind) } });
    const { error } = await migrator.migrateTo("0201_rate_limits");
    expect(error).toBeUndefined();
    // …holding texts the old masking let through.
    const records = RAW.map((raw) => makeRecord({ question: `Số em ${raw}, hỏi học nghề`, at: new Date("2026-11-20T03:00:00Z") }));
    const db = fresh.db as any;
    for (const r of records) {
      await db
        .insertInto("query_records")
        .values({ id: r.id, at_ms: r.at.getTime(), day: 20261120, channel: r.channel, user_key: r.userKey, role: r.role, commune: null, topic: r.topic, question: r.question, answered: 1, confidence: 0.5, sources: "[]", answerer: "offline", latency_ms: 1, feedback: null, reviewed: 0 })
        .execute();
    }
    await db.insertInto("conversation_turns").values({ user_key: "k-old", turn: JSON.stringify({ question: `gọi ${RAW[0]}`, topic: "work_abroad", at: 1 }), updated_ms: 1 }).execute();
    await db
      .insertInto("staff_routes")
      .values({ staff_message_id: "77", record_id: records[0]!.id, user_key: "k-old", channel: "telegram", chat_ref: "v1.x.y", question: `liên hệ ${RAW[2]}`, topic: "out_of_scope", commune: null, created_ms: 1 })
      .execute();
    await fresh.close();

    // The upgrade: the new release opens the same database.
    const upgraded = t.reopen();
    await upgraded.migrate();
    const stored = await allRecords(upgraded, "2026-11-01", "2026-11-30");
    expect(stored.map((r) => r.question).sort()).toEqual(RAW.map((raw) => `Số em ${raw.includes("canary") ? MASKS.email : MASKS.phone}, hỏi học nghề`).sort());
    expect((await upgraded.getTurn("k-old"))?.question).toBe(`gọi ${MASKS.phone}`);
    const route = await (upgraded.db as any).selectFrom("staff_routes").select("question").where("staff_message_id", "=", "77").executeTakeFirst();
    expect(route.question).toBe(`liên hệ ${MASKS.phone}`);

    if (kind === "sqlite") {
      await upgraded.close();
      const found = fs.readdirSync(t.dataDir).flatMap((name) => {
        const bytes = fs.readFileSync(path.join(t!.dataDir, name));
        return RAW.filter((raw) => bytes.includes(Buffer.from(raw, "utf8"))).map((raw) => `${raw} in ${name}`);
      });
      expect(found).toEqual([]);
    }
  });

  it("should mask again numbers read out in words that the release before stored as typed", async () => {
    const spoken = "không chín một hai ba bốn năm sáu bảy tám";
    t = await openTestStore(kind);
    const fresh = t.reopen();
    await fresh.migrate();
    // The release before this one: every migration up to 0700, none after.
    await (fresh.db as any).deleteFrom("kysely_migration").where("name", ">", "0700_query_records_analysis").execute();
    const record = makeRecord({ question: `zalo em ${spoken}, học nghề gì`, at: new Date("2026-11-20T03:00:00Z") });
    await (fresh.db as any)
      .insertInto("query_records")
      .values({ id: record.id, at_ms: record.at.getTime(), day: 20261120, channel: record.channel, user_key: record.userKey, role: record.role, commune: null, topic: record.topic, question: record.question, answered: 1, confidence: 0.5, sources: "[]", answerer: "offline", latency_ms: 1, feedback: null, reviewed: 0 })
      .execute();
    await (fresh.db as any).insertInto("conversation_turns").values({ user_key: "k-spoken", turn: JSON.stringify({ question: `gọi ${spoken}`, topic: "work_abroad", at: 1 }), updated_ms: 1 }).execute();
    await fresh.close();

    const upgraded = t.reopen();
    await upgraded.migrate();
    const stored = await allRecords(upgraded, "2026-11-01", "2026-11-30");
    expect(stored.map((r) => r.question)).toEqual([`zalo em ${MASKS.phone}, học nghề gì`]);
    expect((await upgraded.getTurn("k-spoken"))?.question).toBe(`gọi ${MASKS.phone}`);
    if (kind === "sqlite") {
      await upgraded.close();
      const found = fs.readdirSync(t.dataDir).filter((name) => fs.readFileSync(path.join(t!.dataDir, name)).includes(Buffer.from("chín một hai", "utf8")));
      expect(found).toEqual([]);
    }
  });

  it("should mask again full names introduced without 'tên' that the release before stored as typed", async () => {
    t = await openTestStore(kind);
    const fresh = t.reopen();
    await fresh.migrate();
    // The release before this one: every migration up to 0800, none after.
    await (fresh.db as any).deleteFrom("kysely_migration").where("name", ">", "0800_privacy_remask_spoken_numbers").execute();
    const record = makeRecord({ question: "tôi là Thạch Thị Canarymom, lớp nào miễn học phí", at: new Date("2026-11-20T03:00:00Z") });
    await (fresh.db as any)
      .insertInto("query_records")
      .values({ id: record.id, at_ms: record.at.getTime(), day: 20261120, channel: record.channel, user_key: record.userKey, role: record.role, commune: null, topic: record.topic, question: record.question, answered: 1, confidence: 0.5, sources: "[]", answerer: "offline", latency_ms: 1, feedback: null, reviewed: 0 })
      .execute();
    await (fresh.db as any).insertInto("conversation_turns").values({ user_key: "k-named", turn: JSON.stringify({ question: "Em là Nguyễn Văn Canaryson học lớp 9", topic: "phan_luong_policy", at: 1 }), updated_ms: 1 }).execute();
    await fresh.close();

    const upgraded = t.reopen();
    await upgraded.migrate();
    const stored = await allRecords(upgraded, "2026-11-01", "2026-11-30");
    expect(stored.map((r) => r.question)).toEqual([`tôi là ${MASKS.name}, lớp nào miễn học phí`]);
    expect((await upgraded.getTurn("k-named"))?.question).toBe(`Em là ${MASKS.name} học lớp 9`);
    if (kind === "sqlite") {
      await upgraded.close();
      const found = fs.readdirSync(t.dataDir).filter((name) => ["Canarymom", "Canaryson"].some((n) => fs.readFileSync(path.join(t!.dataDir, name)).includes(Buffer.from(n, "utf8"))));
      expect(found).toEqual([]);
    }
  });
});

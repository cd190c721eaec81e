import fs from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { ConfigError } from "../../src/errors.js";
import { migrations } from "../../src/store/migrations.js";
import { createStore, SQLITE_FILE_NAME } from "../../src/store/create-store.js";
import { createPostgresDatabase, makeRecord } from "../helpers/test-stores.js";
import { ROOT, tempDir } from "../helpers/test-knowledge.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("choosing the store", () => {
  it("should use SQLite in DATA_DIR/bot.sqlite, in WAL mode, when DATABASE_URL is unset", async () => {
    const dataDir = path.join(tempDir(), "nested", "data");
    cleanups.push(() => fs.rmSync(path.dirname(path.dirname(dataDir)), { recursive: true, force: true }));
    const store = createStore({ dataDir });
    await store.migrate();
    await store.insertRecords([makeRecord()]);
    expect(store.kind).toBe("sqlite");
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
    expect(mode.rows[0]?.journal_mode).toBe("wal");
    await store.close();
    const file = path.join(dataDir, SQLITE_FILE_NAME);
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // The mode is kept in the file itself.
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
  });

  it.each(["postgres://", "postgresql://"])("should use PostgreSQL for a %s URL", async (scheme) => {
    const database = await createPostgresDatabase();
    cleanups.push(() => database.drop());
    const store = createStore({ dataDir: tempDir(), databaseUrl: database.url.replace(/^postgres(ql)?:\/\//, scheme) });
    cleanups.push(() => store.close());
    await store.migrate();
    await store.ping();
    expect(store.kind).toBe("postgres");
  });

  it.each(["mysql://root@localhost/db", "sqlite:///tmp/x.db", "not a url"])("should refuse DATABASE_URL=%s with an error naming DATABASE_URL", (url) => {
    expect(() => createStore({ dataDir: tempDir(), databaseUrl: url })).toThrow(ConfigError);
    expect(() => createStore({ dataDir: tempDir(), databaseUrl: url })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: url }, ROOT)).toThrow(/DATABASE_URL/);
  });

  it("should read the statistics settings with their defaults and name a wrong one", () => {
    const defaults = loadConfig({}, ROOT);
    expect(defaults.stats).toEqual({ salt: undefined, retentionDays: 365 });
    expect(defaults.databaseUrl).toBeUndefined();
    const set = loadConfig({ STATS_RETENTION_DAYS: "90", STATS_SALT: "0123456789abcdef0123", DATABASE_URL: "postgres://u@h/db" }, ROOT);
    expect(set.stats).toEqual({ salt: "0123456789abcdef0123", retentionDays: 90 });
    expect(set.databaseUrl).toBe("postgres://u@h/db");
    expect(() => loadConfig({ STATS_RETENTION_DAYS: "0" }, ROOT)).toThrow(/STATS_RETENTION_DAYS/);
    expect(() => loadConfig({ STATS_RETENTION_DAYS: "abc" }, ROOT)).toThrow(/STATS_RETENTION_DAYS/);
    expect(() => loadConfig({ STATS_SALT: "short" }, ROOT)).toThrow(/STATS_SALT/);
  });
});

describe("migrations with several replicas", () => {
  it("should migrate once when three PostgreSQL replicas start together", async () => {
    const database = await createPostgresDatabase();
    cleanups.push(() => database.drop());
    const replicas = [1, 2, 3].map(() => createStore({ dataDir: tempDir(), databaseUrl: database.url, poolSize: 2 }));
    cleanups.push(async () => {
      for (const r of replicas) await r.close();
    });
    await Promise.all(replicas.map((r) => r.migrate()));
    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(replicas[0]!.db);
    // Each migration once (the list grows with the schema).
    expect(applied.rows.map((r) => r.name).sort()).toEqual(Object.keys(migrations("postgres")).sort());
    // All three work on the same tables.
    await Promise.all(replicas.map((r, i) => r.insertRecords([makeRecord({ at: new Date("2030-01-01T05:00:00Z"), channel: `c${i}` })])));
    expect((await replicas[2]!.summary({ from: "2030-01-01", to: "2030-01-01" })).total).toBe(3);
  });

  it("should migrate once when two processes open the same SQLite file together", async () => {
    const dataDir = tempDir();
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const a = createStore({ dataDir });
    const b = createStore({ dataDir });
    cleanups.push(async () => {
      await a.close();
      await b.close();
    });
    await Promise.all([a.migrate(), b.migrate()]);
    // Both work on the same tables: what one writes, the other reads.
    await a.setTurn("k-both", { question: "học nghề ở đâu", topic: "vocational_training_options", at: 1000 });
    expect((await b.getTurn("k-both"))?.question).toBe("học nghề ở đâu");
  });
});

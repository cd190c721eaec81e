/**
 * Statistics figures for `npm run bench` (never asserted in tests):
 * - records written per second through the batching recorder into SQLite (target ≥ 5,000/s);
 * - `summary()` time over 1,000,000 seeded records on SQLite and on PostgreSQL (target < 300 ms),
 *   for the whole year the records span and for the default 30 days.
 *
 * Seeding goes around the recorder to be quick (one transaction of prepared inserts on SQLite,
 * generate_series on PostgreSQL), then fills the daily counts from the records with one GROUP BY,
 * which is what the store's inserts keep up to date. Both stores get the same skewed mix of
 * channels, communes, topics and roles (most users give no commune or role), spread over 365 days.
 *
 * Alone: `npx tsx test/bench/stats-bench.ts`. PostgreSQL: 127.0.0.1:5432 as user postgres, or
 * TEST_POSTGRES_URL; a database `tracu_bench_<random>` is created and dropped.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { createLogger } from "../../src/logger.js";
import { createStatsRecorder } from "../../src/stats/stats-recorder.js";
import { createStore, SQLITE_FILE_NAME } from "../../src/store/create-store.js";
import type { Database } from "../../src/store/database.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { addDays, localDayNumber, localDayStartMs, localIsoDate } from "../../src/store/local-date.js";
import type { QueryRecord, StatsFilter } from "../../src/store/store.js";
import { runAlone } from "./bench-server.js";

const SEEDED = Number(process.env.BENCH_STATS_RECORDS ?? 1_000_000);
const RECORDER_RECORDS = 100_000;
const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

// Weighted choices, written as repeated entries so SQL can pick with one random index.
const CHANNELS = [...Array(9).fill("telegram"), ...Array(8).fill("zalo"), "web", "web", "api"] as string[];
const COMMUNES = [null, null, null, null, "Xã Trà Cú", "Xã Đại An", "Xã Lưu Nghiệp Anh", "Xã Hàm Giang", "Xã Long Hiệp", "Xã Tập Sơn"];
const TOPICS = [
  ...Array(4).fill("phan_luong_policy"),
  ...Array(5).fill("vocational_training_options"),
  ...Array(3).fill("tuition_and_support"),
  ...Array(2).fill("labour_market_jobs"),
  ...Array(2).fill("work_abroad"),
  "plan_responsibilities",
  "contact_and_events",
  "greeting_smalltalk",
  "out_of_scope",
] as string[];
const ROLES = [...Array(10).fill("unknown"), ...Array(7).fill("student"), ...Array(3).fill("parent")] as string[];
const QUESTIONS = [
  "Học nghề sau lớp 9 ở đâu?",
  "Học phí trung cấp bao nhiêu?",
  "Đi Hàn theo EPS cần điều kiện gì?",
  "Mô hình 9+ là gì?",
  "Lương thợ hàn bao nhiêu một tháng?",
  "Có bắt buộc đi học nghề sau lớp 9 không?",
  "Học xong trung cấp có lên đại học được không?",
  "Xã em giờ thuộc xã nào?",
];

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeSummary(store: KyselyStore, filter: StatsFilter): Promise<number> {
  await store.summary(filter); // warm-up: plans, caches
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await store.summary(filter);
    runs.push(performance.now() - started);
  }
  return +median(runs).toFixed(1);
}

/** The daily counts of records seeded around the store, as its inserts would have kept them. */
async function fillDailyCounts(db: Kysely<Database>): Promise<void> {
  await sql`insert into stat_dimensions (channel, commune, topic, role, answered)
    select distinct channel, coalesce(commune, ''), topic, role, answered from query_records
    where true on conflict do nothing`.execute(db);
  await sql`insert into daily_counts (day, channel, dimension_id, count, feedback_up, feedback_down)
    select r.day, r.channel, d.id, count(*),
      sum(case when r.feedback = 'up' then 1 else 0 end), sum(case when r.feedback = 'down' then 1 else 0 end)
    from query_records r
    join stat_dimensions d on d.channel = r.channel and d.commune = coalesce(r.commune, '') and d.topic = r.topic
      and d.role = r.role and d.answered = r.answered
    group by r.day, r.channel, d.id`.execute(db);
}

async function summaryFigures(store: KyselyStore, label: string, figures: Record<string, number | string>, today: string): Promise<void> {
  const rows = await sql<{ n: number }>`select count(*) as n from daily_counts`.execute(store.db);
  figures[`stats daily_counts rows for ${SEEDED.toLocaleString("en")} records (${label})`] = Number(rows.rows[0]!.n);
  figures[`stats summary over ${SEEDED.toLocaleString("en")} records, 365 days (ms, ${label})`] = await timeSummary(store, { from: addDays(today, -364), to: today });
  figures[`stats summary over ${SEEDED.toLocaleString("en")} records, 30 days (ms, ${label})`] = await timeSummary(store, { from: addDays(today, -29), to: today });
  // Everything the dashboard page reads for a year: counts, the newest 20,000 questions to group, the queue.
  const year = { from: addDays(today, -364), to: today };
  const dashboardRuns: number[] = [];
  for (let i = 0; i < 4; i++) {
    const started = performance.now();
    await Promise.all([store.breakdown(year), store.questionCounts(year), store.unanswered({ ...year, limit: 50 })]);
    if (i > 0) dashboardRuns.push(performance.now() - started);
  }
  figures[`stats dashboard page data, 365 days (ms, ${label})`] = +median(dashboardRuns).toFixed(1);
  figures[`stats summary, 365 days, commune + role filter (ms, ${label})`] = await timeSummary(store, {
    from: addDays(today, -364),
    to: today,
    commune: "Xã Long Hiệp",
    role: "student",
  });
}

async function recorderThroughput(dataDir: string): Promise<number> {
  const logger = createLogger("silent");
  const store = createStore({ dataDir, logger });
  await store.migrate();
  const recorder = createStatsRecorder({ store, logger });
  const now = Date.now();
  const records: QueryRecord[] = Array.from({ length: RECORDER_RECORDS }, (_, i) => ({
    id: crypto.randomUUID(),
    at: new Date(now - (i % 86_400) * 1000),
    channel: pick(CHANNELS),
    userKey: crypto.createHash("sha256").update(String(i % 5000)).digest("hex"),
    role: pick(ROLES) as QueryRecord["role"],
    commune: pick(COMMUNES),
    topic: pick(TOPICS) as QueryRecord["topic"],
    question: pick(QUESTIONS),
    answered: Math.random() < 0.85,
    confidence: 0.7,
    sources: ["Kế hoạch 2023, mục IV.2"],
    answerer: "offline",
    latencyMs: 40,
    feedback: null,
    reviewed: false,
  }));
  const started = performance.now();
  // As replies come: a few at a time, the event loop turning in between.
  for (let i = 0; i < records.length; i += 50) {
    for (const record of records.slice(i, i + 50)) recorder.record(record);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await recorder.flush();
  const seconds = (performance.now() - started) / 1000;
  const stored = (await store.summary({ from: "2000-01-01", to: "2100-12-31" })).total;
  await recorder.close();
  await store.close();
  if (stored !== records.length) throw new Error(`recorder wrote ${stored} of ${records.length} records`);
  return Math.round(records.length / seconds);
}

async function seedSqlite(dataDir: string, startMs: number): Promise<number> {
  const started = performance.now();
  const raw = new BetterSqlite3(path.join(dataDir, SQLITE_FILE_NAME));
  raw.pragma("journal_mode = WAL");
  const insert = raw.prepare(
    "insert into query_records (id, at_ms, day, channel, user_key, role, commune, topic, question, answered, confidence, sources, answerer, latency_ms, feedback, reviewed) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
  );
  raw.transaction(() => {
    for (let i = 0; i < SEEDED; i++) {
      const at = startMs + Math.floor(Math.random() * 365 * 86_400_000);
      const feedback = Math.random() < 0.05 ? "up" : Math.random() < 0.02 ? "down" : null;
      insert.run(crypto.randomUUID(), at, localDayNumber(at), pick(CHANNELS), `k${i % 5000}`, pick(ROLES), pick(COMMUNES), pick(TOPICS), pick(QUESTIONS), Math.random() < 0.85 ? 1 : 0, 0.7, "[]", "offline", 40, feedback);
    }
  })();
  raw.close();
  return (performance.now() - started) / 1000;
}

async function seedPostgres(db: Kysely<Database>, startMs: number): Promise<number> {
  const started = performance.now();
  const list = (values: readonly (string | null)[]) => sql.raw(`array[${values.map((v) => (v === null ? "null" : `'${v}'`)).join(",")}]::text[]`);
  await sql`insert into query_records (id, at_ms, day, channel, user_key, role, commune, topic, question, answered, confidence, sources, answerer, latency_ms, feedback, reviewed)
    select gen_random_uuid()::text, s.t,
      to_char(to_timestamp((s.t + 25200000) / 1000.0) at time zone 'UTC', 'YYYYMMDD')::int,
      (${list(CHANNELS)})[1 + floor(random() * ${CHANNELS.length})::int],
      'k' || (s.g % 5000),
      (${list(ROLES)})[1 + floor(random() * ${ROLES.length})::int],
      (${list(COMMUNES)})[1 + floor(random() * ${COMMUNES.length})::int],
      (${list(TOPICS)})[1 + floor(random() * ${TOPICS.length})::int],
      (${list(QUESTIONS)})[1 + floor(random() * ${QUESTIONS.length})::int],
      case when random() < 0.85 then 1 else 0 end, 0.7, '[]', 'offline', 40,
      case when random() < 0.05 then 'up' when random() < 0.02 then 'down' end, 0
    from (select g, ${startMs}::bigint + floor(random() * 365 * 86400000)::bigint as t from generate_series(1, ${SEEDED}) g) s`.execute(db);
  return (performance.now() - started) / 1000;
}

export async function runStatsBench(): Promise<Record<string, number | string>> {
  const figures: Record<string, number | string> = {};
  const today = localIsoDate(new Date());
  const startMs = localDayStartMs(addDays(today, -364));

  // --- recorder throughput into SQLite
  const recorderDir = fs.mkdtempSync(path.join(os.tmpdir(), "tracu-bench-recorder-"));
  try {
    figures["stats recorder → SQLite, records written/s"] = await recorderThroughput(recorderDir);
  } finally {
    fs.rmSync(recorderDir, { recursive: true, force: true });
  }

  // --- summary over 1,000,000 records, SQLite
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "tracu-bench-sqlite-"));
  try {
    const store = createStore({ dataDir: sqliteDir });
    await store.migrate();
    const seeded = await seedSqlite(sqliteDir, startMs);
    const started = performance.now();
    await fillDailyCounts(store.db);
    await sql`analyze`.execute(store.db);
    figures["stats seeding 1,000,000 records (s, SQLite)"] = +(seeded + (performance.now() - started) / 1000).toFixed(1);
    await summaryFigures(store, "SQLite", figures, today);
    await store.close();
  } finally {
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  }

  // --- summary over 1,000,000 records, PostgreSQL
  const name = `tracu_bench_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    figures["stats PostgreSQL figures"] = `skipped: PostgreSQL not reachable (${(error as Error).message})`;
    return figures;
  }
  await admin.query(`create database ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const store = createStore({ dataDir: os.tmpdir(), databaseUrl: url.toString() });
  try {
    await store.migrate();
    const seeded = await seedPostgres(store.db, startMs);
    const started = performance.now();
    await fillDailyCounts(store.db);
    await sql`vacuum analyze`.execute(store.db);
    figures["stats seeding 1,000,000 records (s, PostgreSQL)"] = +(seeded + (performance.now() - started) / 1000).toFixed(1);
    await summaryFigures(store, "PostgreSQL", figures, today);
  } finally {
    await store.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
  return figures;
}

runAlone(import.meta.url, runStatsBench, "Statistics benchmark (targets: recorder ≥ 5,000 records/s; summary over 1,000,000 records < 300 ms)");

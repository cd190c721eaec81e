/**
 * The one implementation of `StatsStore`, for SQLite and PostgreSQL alike: every query is written
 * with Kysely's builder and runs unchanged on both (see the conventions in `database.ts`).
 *
 * Counting: each batch of records also adds to `daily_counts` (local day × channel × commune ×
 * topic × role × answered, plus feedback) in the same transaction. Summaries read only those
 * counts, so they stay fast over millions of records and survive the retention purge unchanged.
 *
 * ```ts
 * const store = createStore({ dataDir: "./data" }); // SQLite, or PostgreSQL with databaseUrl
 * await store.migrate();
 * const summary = await store.summary({ from: "2026-11-01", to: "2026-11-30" });
 * ```
 */
import { Migrator, sql, type Kysely, type Selectable } from "kysely";
import { AppError } from "../errors.js";
import type { Topic } from "../knowledge/types.js";
import { maskPersonalData } from "../privacy/masking.js";
import type { Database, OpenedDatabase, QueryRecordsTable } from "./database.js";
import { dayNumberToIso, isoToDayNumber, localDayEndMs, localDayNumber, localDayStartMs } from "./local-date.js";
import { migrations, REMASK_MIGRATIONS, type StoreKind } from "./migrations.js";
import { StatementShapes } from "./statement-shapes.js";
import { UNKNOWN_COMMUNE_KEY, type Feedback, type Profile, type QueryRecord, type QueueItem, type QueueReason, type ReplyFlag, type QuestionCount, type Role, type StatsBreakdown, type StatsFilter, type StatsStore, type StatsSummary, type StoredTurn, type StoredUserDataDeleted } from "./store.js";

/** Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const INSERT_CHUNK = 500;
/** Records per page of an export. */
const EXPORT_PAGE = 1000;
/** Records deleted per statement of the purge, so a large purge never holds the write lock long. */
const PURGE_CHUNK = 5000;
/** Longest question text stored; the engine accepts 2,000 characters. */
const MAX_STORED_QUESTION = 4000;
/** Longest reply text stored (answers with a list of openings can be long). */
const MAX_STORED_REPLY = 8000;

export interface KyselyStoreSettings {
  kind: StoreKind;
  opened: OpenedDatabase;
}

type DimensionValues = { channel: string; commune: string; topic: string; role: string; answered: number };

function dimensionKey(d: DimensionValues): string {
  return `${d.channel}\u0001${d.commune}\u0001${d.topic}\u0001${d.role}\u0001${d.answered}`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toRow(record: QueryRecord): QueryRecordsTable {
  const atMs = record.at.getTime();
  return {
    id: record.id,
    at_ms: atMs,
    day: localDayNumber(atMs),
    channel: record.channel,
    user_key: record.userKey,
    role: record.role,
    commune: record.commune,
    topic: record.topic,
    // PostgreSQL refuses NUL in text; a question containing one must not poison the whole batch.
    question: record.question.replace(/\u0000/g, "").slice(0, MAX_STORED_QUESTION),
    answered: record.answered ? 1 : 0,
    confidence: Number.isFinite(record.confidence) ? Math.min(1, Math.max(0, record.confidence)) : 0,
    sources: JSON.stringify(record.sources.map((s) => s.replace(/\u0000/g, ""))),
    answerer: record.answerer,
    latency_ms: Math.max(0, Math.min(2_147_483_647, Math.round(record.latencyMs) || 0)),
    feedback: record.feedback,
    reviewed: record.reviewed ? 1 : 0,
    // Masked by the caller (recordFromAnswer); cut like the question so one long reply cannot bloat a batch.
    reply: typeof record.reply === "string" ? record.reply.replace(/\u0000/g, "").slice(0, MAX_STORED_REPLY) : null,
    flag: record.flag ?? null,
    flagged_ms: record.flag ? atMs : null,
    act: record.act ?? null,
    wanted: record.wanted ?? null,
  };
}

function fromRow(row: Selectable<QueryRecordsTable>): QueryRecord {
  return {
    id: row.id,
    at: new Date(Number(row.at_ms)),
    channel: row.channel,
    userKey: row.user_key,
    role: row.role as Role,
    commune: row.commune,
    topic: row.topic as Topic,
    question: row.question,
    answered: Number(row.answered) === 1,
    confidence: Number(row.confidence),
    sources: JSON.parse(row.sources) as string[],
    answerer: row.answerer,
    latencyMs: Number(row.latency_ms),
    feedback: row.feedback as Feedback | null,
    reviewed: Number(row.reviewed) === 1,
    reply: row.reply ?? null,
    flag: (row.flag as ReplyFlag | null) ?? null,
    act: row.act ?? null,
    wanted: row.wanted ?? null,
  };
}

/** Why a record is in the follow-up queue (see `followUpQueue`). */
function queueReasons(record: QueryRecord): QueueReason[] {
  const reasons: QueueReason[] = [];
  if (!record.answered && record.answerer !== "rule") reasons.push("unanswered");
  if (record.flag) reasons.push(record.flag);
  if (record.feedback === "down") reasons.push("down");
  return reasons;
}

function isSqliteBusy(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? "");
  return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED");
}

function increment(map: Record<string, number>, key: string, by: number): void {
  map[key] = (map[key] ?? 0) + by;
}

export class KyselyStore implements StatsStore {
  readonly kind: StoreKind;
  /** The Kysely handle, for tools such as the benchmark's bulk seeding; the app uses the methods. */
  readonly db: Kysely<Database>;
  private readonly beforeClose?: () => void;
  /** Dimension combination → id. Ids never change once assigned, so the cache is never stale. */
  private readonly dimensionIds = new Map<string, number>();
  /** The SQL of the writes and the read every message makes, compiled once (`statement-shapes.ts`). */
  private readonly shapes = new StatementShapes();
  private closed: Promise<void> | undefined;

  constructor(settings: KyselyStoreSettings) {
    this.kind = settings.kind;
    this.db = settings.opened.db;
    this.beforeClose = settings.opened.beforeClose;
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: { getMigrations: async () => migrations(this.kind) },
    });
    let { error, results } = await migrator.migrateToLatest();
    // SQLite has no migration lock: a second process migrating the same file at the same moment
    // gets SQLITE_BUSY; once the first has committed, a retry finds nothing left to do.
    for (let attempt = 1; error && this.kind === "sqlite" && attempt <= 20 && isSqliteBusy(error); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      ({ error, results } = await migrator.migrateToLatest());
    }
    if (error) {
      const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "setup";
      throw new AppError("internal", `Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    // The texts masked again by a privacy migration: SQLite may keep their old versions in free pages
    // (secure_delete was not on when the first were written). VACUUM rewrites the file without them.
    if (this.kind === "sqlite" && results?.some((r) => REMASK_MIGRATIONS.has(r.migrationName) && r.status === "Success")) {
      await sql`VACUUM`.execute(this.db);
    }
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      try {
        this.beforeClose?.();
      } finally {
        await this.db.destroy();
      }
    })();
    return this.closed;
  }

  // === query records ===

  async insertRecords(records: QueryRecord[]): Promise<void> {
    if (records.length === 0) return;
    const rows = records.map(toRow);
    const ids = await this.ensureDimensions(rows.map((r) => this.dimensionOf(r)));
    await this.db.transaction().execute((trx) => this.writeRecords(trx, rows, ids));
  }

  async commitTurnsAndRecords<Turn extends StoredTurn>(turns: ReadonlyMap<string, Turn>, records: QueryRecord[]): Promise<void> {
    if (records.length === 0) return this.setTurns(turns);
    const rows = records.map(toRow);
    const ids = await this.ensureDimensions(rows.map((r) => this.dimensionOf(r)));
    const turnRows = this.turnRows(turns);
    await this.db.transaction().execute(async (trx) => {
      await this.writeTurns(trx, turnRows);
      await this.writeRecords(trx, rows, ids);
    });
  }

  /** Inserts record rows (a retried one is skipped) and adds them to the daily counts, inside `trx`. */
  private async writeRecords(trx: Kysely<Database>, rows: QueryRecordsTable[], ids: Map<string, number>): Promise<void> {
    const inserted: QueryRecordsTable[] = [];
    for (const chunk of chunks(rows, INSERT_CHUNK)) {
      // A retried batch whose first commit did succeed must not be counted twice.
      const insert = this.shapes.insert(`records:${chunk.length}`, chunk, () =>
        trx
          .insertInto("query_records")
          .values(chunk)
          .onConflict((oc) => oc.column("id").doNothing())
          .returning("id")
          .compile(),
      );
      const result = await trx.executeQuery<{ id: string }>(insert);
      const insertedIds = new Set(result.rows.map((r) => r.id));
      for (const row of chunk) if (insertedIds.has(row.id)) inserted.push(row);
    }
    const counts = new Map<string, { day: number; channel: string; dimension_id: number; count: number; feedback_up: number; feedback_down: number }>();
    for (const row of inserted) {
      const dimensionId = ids.get(dimensionKey(this.dimensionOf(row)))!;
      const key = `${row.day}\u0001${row.channel}\u0001${dimensionId}`;
      let entry = counts.get(key);
      if (!entry) {
        entry = { day: row.day, channel: row.channel, dimension_id: dimensionId, count: 0, feedback_up: 0, feedback_down: 0 };
        counts.set(key, entry);
      }
      entry.count += 1;
      if (row.feedback === "up") entry.feedback_up += 1;
      if (row.feedback === "down") entry.feedback_down += 1;
    }
    // Sorted, so that two replicas updating the same rows lock them in the same order.
    const sorted = [...counts.values()].sort((a, b) => a.day - b.day || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0) || a.dimension_id - b.dimension_id);
    for (const chunk of chunks(sorted, INSERT_CHUNK)) {
      const upsert = this.shapes.insert(`daily_counts:${chunk.length}`, chunk, () =>
        trx
          .insertInto("daily_counts")
          .values(chunk)
          .onConflict((oc) =>
            oc.columns(["day", "channel", "dimension_id"]).doUpdateSet((eb) => ({
              count: eb("daily_counts.count", "+", eb.ref("excluded.count")),
              feedback_up: eb("daily_counts.feedback_up", "+", eb.ref("excluded.feedback_up")),
              feedback_down: eb("daily_counts.feedback_down", "+", eb.ref("excluded.feedback_down")),
            })),
          )
          .compile(),
      );
      await trx.executeQuery(upsert);
    }
  }

  async setFeedback(recordId: string, feedback: Feedback): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom("query_records")
        .select(["day", "channel", "commune", "topic", "role", "answered", "feedback"])
        .where("id", "=", recordId);
      // Two replicas recording feedback on the same record at once must not both count it.
      if (this.kind === "postgres") query = query.forUpdate();
      const row = await query.executeTakeFirst();
      if (!row) return false;
      if (row.feedback === feedback) return true;
      await trx.updateTable("query_records").set({ feedback }).where("id", "=", recordId).execute();
      const dimension = await trx
        .selectFrom("stat_dimensions")
        .select("id")
        .where("channel", "=", row.channel)
        .where("commune", "=", row.commune ?? "")
        .where("topic", "=", row.topic)
        .where("role", "=", row.role)
        .where("answered", "=", Number(row.answered))
        .executeTakeFirst();
      if (dimension) {
        const up = (feedback === "up" ? 1 : 0) - (row.feedback === "up" ? 1 : 0);
        const down = (feedback === "down" ? 1 : 0) - (row.feedback === "down" ? 1 : 0);
        await trx
          .updateTable("daily_counts")
          .set((eb) => ({ feedback_up: eb("feedback_up", "+", up), feedback_down: eb("feedback_down", "+", down) }))
          .where("day", "=", Number(row.day))
          .where("channel", "=", row.channel)
          .where("dimension_id", "=", Number(dimension.id))
          .execute();
      }
      return true;
    });
  }

  async summary(filter: StatsFilter): Promise<StatsSummary> {
    const { total, answered, unanswered, byChannel, byTopic, byCommune, byRole, byDay } = await this.breakdown(filter);
    return { total, answered, unanswered, byChannel, byTopic, byCommune, byRole, byDay };
  }

  async breakdown(filter: StatsFilter): Promise<StatsBreakdown> {
    const counts = this.countsQuery(filter);
    const perDimension = this.db
      .selectFrom(
        counts
          .select((eb) => [
            "dimension_id",
            eb.fn.sum<number>("count").as("count"),
            eb.fn.sum<number>("feedback_up").as("up"),
            eb.fn.sum<number>("feedback_down").as("down"),
          ])
          .groupBy("dimension_id")
          .as("s"),
      )
      .innerJoin("stat_dimensions as d", "d.id", "s.dimension_id")
      .select(["d.channel", "d.commune", "d.topic", "d.role", "d.answered", "s.count", "s.up", "s.down"]);
    const perDay = counts
      .select((eb) => ["day", "channel", eb.fn.sum<number>("count").as("count")])
      .groupBy(["day", "channel"])
      .orderBy("day")
      .orderBy("channel");
    const [dimensionRows, dayRows] = await Promise.all([perDimension.execute(), perDay.execute()]);

    const result: StatsBreakdown = {
      total: 0,
      answered: 0,
      unanswered: 0,
      byChannel: {},
      byTopic: {},
      byCommune: {},
      byRole: {},
      byDay: [],
      byDayChannel: [],
      feedback: { up: 0, down: 0 },
    };
    for (const row of dimensionRows) {
      const count = Number(row.count);
      if (count === 0) continue;
      result.total += count;
      if (Number(row.answered) === 1) result.answered += count;
      else result.unanswered += count;
      increment(result.byChannel, row.channel, count);
      increment(result.byTopic, row.topic, count);
      increment(result.byCommune, row.commune || UNKNOWN_COMMUNE_KEY, count);
      increment(result.byRole, row.role, count);
      result.feedback.up += Number(row.up);
      result.feedback.down += Number(row.down);
    }
    for (const row of dayRows) {
      const count = Number(row.count);
      if (count === 0) continue;
      const date = dayNumberToIso(Number(row.day));
      result.byDayChannel.push({ date, channel: row.channel, count });
      const last = result.byDay[result.byDay.length - 1];
      if (last?.date === date) last.count += count;
      else result.byDay.push({ date, count });
    }
    return result;
  }

  async *exportRecords(filter: StatsFilter): AsyncIterable<QueryRecord> {
    let cursor: { at: number; id: string } | undefined;
    for (;;) {
      let query = this.recordsQuery(filter).selectAll().orderBy("at_ms").orderBy("id").limit(EXPORT_PAGE);
      if (cursor) {
        const { at, id } = cursor;
        query = query.where((eb) => eb.or([eb("at_ms", ">", at), eb.and([eb("at_ms", "=", at), eb("id", ">", id)])]));
      }
      const rows = await query.execute();
      for (const row of rows) yield fromRow(row);
      const last = rows[rows.length - 1];
      if (!last || rows.length < EXPORT_PAGE) return;
      cursor = { at: Number(last.at_ms), id: last.id };
    }
  }

  async unanswered(filter: StatsFilter & { reviewed?: boolean; limit?: number }): Promise<QueryRecord[]> {
    let query = this.recordsQuery(filter).selectAll().where("answered", "=", 0);
    if (filter.reviewed !== undefined) query = query.where("reviewed", "=", filter.reviewed ? 1 : 0);
    const limit = Math.max(1, Math.min(1000, Math.floor(filter.limit ?? 100)));
    const rows = await query.orderBy("at_ms", "desc").orderBy("id", "desc").limit(limit).execute();
    return rows.map(fromRow);
  }

  async markReviewed(recordId: string, reviewed: boolean): Promise<boolean> {
    const result = await this.db.updateTable("query_records").set({ reviewed: reviewed ? 1 : 0 }).where("id", "=", recordId).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async followUpQueue(filter: StatsFilter & { reviewed?: boolean; limit?: number }): Promise<QueueItem[]> {
    let query = this.recordsQuery(filter)
      .selectAll()
      .where((eb) => eb.or([eb.and([eb("answered", "=", 0), eb("answerer", "<>", "rule")]), eb("flag", "is not", null), eb("feedback", "=", "down")]));
    if (filter.reviewed !== undefined) query = query.where("reviewed", "=", filter.reviewed ? 1 : 0);
    const limit = Math.max(1, Math.min(1000, Math.floor(filter.limit ?? 100)));
    const rows = await query.orderBy("at_ms", "desc").orderBy("id", "desc").limit(limit).execute();
    return rows.map((row) => {
      const record = fromRow(row);
      return { ...record, reasons: queueReasons(record) };
    });
  }

  async setFlag(recordId: string, flag: ReplyFlag | null, at: Date = new Date()): Promise<boolean> {
    // A verdict asks for a person: the record goes back to "not reviewed" so the queue shows it.
    const values = flag ? { flag, flagged_ms: at.getTime(), reviewed: 0 } : { flag: null, flagged_ms: null };
    const result = await this.db.updateTable("query_records").set(values).where("id", "=", recordId).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async recentRecords(filter: StatsFilter, limit = 30): Promise<QueryRecord[]> {
    const rows = await this.recordsQuery(filter)
      .selectAll()
      .orderBy("at_ms", "desc")
      .orderBy("id", "desc")
      .limit(Math.max(1, Math.min(500, Math.floor(limit))))
      .execute();
    return rows.map(fromRow);
  }

  async refusalCount(filter: StatsFilter): Promise<number> {
    const row = await this.recordsQuery(filter)
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("answered", "=", 0)
      .where("answerer", "=", "rule")
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  async purgeRecordsBefore(before: Date): Promise<number> {
    // The daily counts already hold these records (added at insert), so deleting is all that is left.
    let total = 0;
    for (;;) {
      const batch = this.db.selectFrom("query_records").select("id").where("at_ms", "<", before.getTime()).limit(PURGE_CHUNK);
      const result = await this.db.deleteFrom("query_records").where("id", "in", batch).executeTakeFirst();
      const deleted = Number(result.numDeletedRows);
      total += deleted;
      if (deleted < PURGE_CHUNK) return total;
    }
  }

  async questionCounts(filter: StatsFilter, options: { sample?: number; limit?: number } = {}): Promise<QuestionCount[]> {
    const sample = Math.max(1, Math.floor(options.sample ?? 20_000));
    const limit = Math.max(1, Math.floor(options.limit ?? 2_000));
    const recent = this.recordsQuery(filter).select("question").orderBy("at_ms", "desc").limit(sample).as("recent");
    const rows = await this.db
      .selectFrom(recent)
      .select((eb) => ["recent.question", eb.fn.countAll<number>().as("count")])
      .groupBy("recent.question")
      .orderBy("count", "desc")
      .orderBy("recent.question")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ question: r.question, count: Number(r.count) }));
  }

  // === conversation ===

  async getTurn<Turn extends StoredTurn = StoredTurn>(userKey: string): Promise<Turn | undefined> {
    const row = await this.db.selectFrom("conversation_turns").select("turn").where("user_key", "=", userKey).executeTakeFirst();
    return row ? (JSON.parse(row.turn) as Turn) : undefined;
  }

  async setTurn<Turn extends StoredTurn>(userKey: string, turn: Turn): Promise<void> {
    await this.setTurns(new Map([[userKey, turn]]));
  }

  async setTurns<Turn extends StoredTurn>(turns: ReadonlyMap<string, Turn>): Promise<void> {
    if (turns.size === 0) return;
    const rows = this.turnRows(turns);
    if (rows.length <= INSERT_CHUNK) await this.writeTurns(this.db, rows);
    else await this.db.transaction().execute((trx) => this.writeTurns(trx, rows));
  }

  /** The rows of `conversation_turns` for these turns, masked, in key order. */
  private turnRows<Turn extends StoredTurn>(turns: ReadonlyMap<string, Turn>) {
    const now = Date.now();
    // The engine masks before remembering; masking again here keeps the promise of this store even
    // if a caller forgets (masking is idempotent).
    const rows = [...turns].map(([userKey, turn]) => ({
      user_key: userKey,
      turn: JSON.stringify({ ...turn, question: maskPersonalData(turn.question).replace(/\u0000/g, "") }),
      updated_ms: now,
    }));
    // In key order, so that two replicas writing the same users cannot deadlock.
    rows.sort((a, b) => (a.user_key < b.user_key ? -1 : a.user_key > b.user_key ? 1 : 0));
    return rows;
  }

  /** Upserts turn rows, one statement per chunk (the caller gives a transaction when there are several). */
  private async writeTurns(db: Kysely<Database>, rows: { user_key: string; turn: string; updated_ms: number }[]): Promise<void> {
    for (const chunk of chunks(rows, INSERT_CHUNK)) {
      const upsert = this.shapes.insert(`turns:${chunk.length}`, chunk, () =>
        db
          .insertInto("conversation_turns")
          .values(chunk)
          .onConflict((oc) => oc.column("user_key").doUpdateSet((eb) => ({ turn: eb.ref("excluded.turn"), updated_ms: eb.ref("excluded.updated_ms") })))
          .compile(),
      );
      await db.executeQuery(upsert);
    }
  }

  async getProfile(userKey: string): Promise<Profile | undefined> {
    const row = await this.db.selectFrom("profiles").selectAll().where("user_key", "=", userKey).executeTakeFirst();
    if (!row) return undefined;
    return profileOf(row);
  }

  async getUserState<Turn extends StoredTurn = StoredTurn>(userKey: string): Promise<{ turn?: Turn; profile?: Profile }> {
    // One statement for both tables: each message of a user reads them, and a statement costs more
    // than its rows here. The key is cast so PostgreSQL knows the parameter's type.
    const read = this.shapes.query("user_state", [userKey], () =>
      sql`
      select t.turn as turn, p.role as role, p.commune as commune, p.asked as asked, p.updated_ms as updated_ms
      from (select cast(${userKey} as text) as k) u
      left join conversation_turns t on t.user_key = u.k
      left join profiles p on p.user_key = u.k`.compile(this.db),
    );
    const { rows } = await this.db.executeQuery<{ turn: string | null; role: string | null; commune: string | null; asked: number | string | null; updated_ms: number | string | null }>(read);
    const row = rows[0];
    if (!row) return {};
    return {
      ...(row.turn !== null ? { turn: JSON.parse(row.turn) as Turn } : {}),
      ...(row.role !== null ? { profile: profileOf({ role: row.role, commune: row.commune, asked: row.asked ?? 0, updated_ms: row.updated_ms ?? 0 }) } : {}),
    };
  }

  async setProfile(userKey: string, profile: Profile): Promise<void> {
    const values = { role: profile.role, commune: profile.commune, asked: profile.asked ? 1 : 0, updated_ms: profile.updatedAt.getTime() };
    await this.db
      .insertInto("profiles")
      .values({ user_key: userKey, ...values })
      .onConflict((oc) => oc.column("user_key").doUpdateSet(values))
      .execute();
  }

  async deleteUserData(userKey: string): Promise<StoredUserDataDeleted> {
    return this.db.transaction().execute(async (trx) => {
      // The rows themselves go (not only their key): with secure_delete on SQLite, their text too.
      const questions = await trx.deleteFrom("query_records").where("user_key", "=", userKey).executeTakeFirst();
      const memory = await trx.deleteFrom("conversation_turns").where("user_key", "=", userKey).executeTakeFirst();
      const profile = await trx.deleteFrom("profiles").where("user_key", "=", userKey).executeTakeFirst();
      return { questions: Number(questions.numDeletedRows), memory: Number(memory.numDeletedRows), profile: Number(profile.numDeletedRows) };
    });
  }

  async pruneTurns(before: Date): Promise<number> {
    const result = await this.db.deleteFrom("conversation_turns").where("updated_ms", "<", before.getTime()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  // === helpers ===

  private dimensionOf(row: QueryRecordsTable): DimensionValues {
    return { channel: row.channel, commune: row.commune ?? "", topic: row.topic, role: row.role, answered: row.answered };
  }

  /** Ids of the given combinations, creating the missing ones (outside any transaction: they are harmless if unused). */
  private async ensureDimensions(values: DimensionValues[]): Promise<Map<string, number>> {
    const missing = new Map<string, DimensionValues>();
    for (const v of values) {
      const key = dimensionKey(v);
      if (!this.dimensionIds.has(key)) missing.set(key, v);
    }
    if (missing.size > 0) {
      // In key order, so that two replicas adding the same new combinations cannot deadlock.
      const values = [...missing.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
      await this.db
        .insertInto("stat_dimensions")
        .values(values)
        .onConflict((oc) => oc.columns(["channel", "commune", "topic", "role", "answered"]).doNothing())
        .execute();
      const rows = await this.db.selectFrom("stat_dimensions").selectAll().execute();
      for (const row of rows) this.dimensionIds.set(dimensionKey({ ...row, answered: Number(row.answered) }), Number(row.id));
    }
    return this.dimensionIds;
  }

  private countsQuery(filter: StatsFilter) {
    let query = this.db
      .selectFrom("daily_counts")
      .where("day", ">=", isoToDayNumber(filter.from))
      .where("day", "<=", isoToDayNumber(filter.to));
    if (filter.channel) query = query.where("channel", "=", filter.channel);
    if (filter.commune || filter.topic || filter.role) {
      let dimensions = this.db.selectFrom("stat_dimensions").select("id");
      if (filter.commune) dimensions = dimensions.where("commune", "=", filter.commune);
      if (filter.topic) dimensions = dimensions.where("topic", "=", filter.topic);
      if (filter.role) dimensions = dimensions.where("role", "=", filter.role);
      query = query.where("dimension_id", "in", dimensions);
    }
    return query;
  }

  private recordsQuery(filter: StatsFilter) {
    let query = this.db
      .selectFrom("query_records")
      .where("at_ms", ">=", localDayStartMs(filter.from))
      .where("at_ms", "<", localDayEndMs(filter.to));
    if (filter.channel) query = query.where("channel", "=", filter.channel);
    if (filter.commune) query = query.where("commune", "=", filter.commune);
    if (filter.topic) query = query.where("topic", "=", filter.topic);
    if (filter.role) query = query.where("role", "=", filter.role);
    return query;
  }
}

function profileOf(row: { role: string; commune: string | null; asked: number | string; updated_ms: number | string }): Profile {
  return { role: row.role as Role, commune: row.commune, asked: Number(row.asked) === 1, updatedAt: new Date(Number(row.updated_ms)) };
}

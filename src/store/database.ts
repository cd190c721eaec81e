/**
 * The database schema as Kysely sees it, and the two connections behind it: better-sqlite3 (one
 * file under DATA_DIR, WAL) and a pg pool. Queries in `kysely-store.ts` are written once against
 * these types and run unchanged on both.
 *
 * Conventions that keep the SQL dialect-agnostic: instants are epoch milliseconds (`*_ms`,
 * BIGINT), local days are the integer YYYYMMDD, booleans are 0/1 small integers, lists are JSON
 * text.
 */
import fs from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, type DialectAdapter, type Generated, type SqliteDatabase } from "kysely";
import pg from "pg";
import type { Logger } from "../logger.js";

/** One row per question (see `QueryRecord`). */
export interface QueryRecordsTable {
  id: string;
  at_ms: number;
  /** Local date (UTC+7) as YYYYMMDD, stored at insert time. */
  day: number;
  channel: string;
  user_key: string | null;
  role: string;
  commune: string | null;
  topic: string;
  question: string;
  answered: number;
  confidence: number;
  /** JSON array of citation strings. */
  sources: string;
  answerer: string;
  latency_ms: number;
  feedback: string | null;
  reviewed: number;
  /** The bot's reply as sent, masked; null for records written before it was kept. */
  reply: string | null;
  /** Staff's verdict on the reply: `wrong` or `incomplete`; null = none. */
  flag: string | null;
  flagged_ms: number | null;
  /** The question analysis: act and wanted value; null for replies without one and older records. */
  act: string | null;
  wanted: string | null;
}

/**
 * Each combination of the summary's dimensions that occurred, numbered. The daily counts refer to
 * it by number so that summing a year of counts groups on one integer instead of five texts.
 */
export interface StatDimensionsTable {
  id: Generated<number>;
  channel: string;
  /** New commune name; '' when unknown (NULLs would not be equal in the unique key). */
  commune: string;
  topic: string;
  role: string;
  answered: number;
}

/** Questions per local day and dimension combination, kept after the records are purged. */
export interface DailyCountsTable {
  day: number;
  /** Repeats the dimension's channel so per-day-and-channel totals need no join. */
  channel: string;
  dimension_id: number;
  count: number;
  feedback_up: number;
  feedback_down: number;
}

/** The previous turn of each user, for follow-up questions. */
export interface ConversationTurnsTable {
  user_key: string;
  /** JSON of `PreviousTurn`. */
  turn: string;
  updated_ms: number;
}

export interface ProfilesTable {
  user_key: string;
  role: string;
  commune: string | null;
  asked: number;
  updated_ms: number;
}

export interface Database {
  query_records: QueryRecordsTable;
  stat_dimensions: StatDimensionsTable;
  daily_counts: DailyCountsTable;
  conversation_turns: ConversationTurnsTable;
  profiles: ProfilesTable;
}

/**
 * SQLite runs DDL inside transactions perfectly well; Kysely's adapter just does not claim it. Claiming
 * it makes each migration atomic (a crash cannot leave half a schema) and makes a second process
 * that migrates the same file at the same moment fail cleanly (SQLITE_BUSY) and retry, instead of
 * running the same CREATE TABLE twice.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

/** Most distinct statements kept prepared (the store has a few dozen; migrations add one-offs). */
const STATEMENT_CACHE_SIZE = 256;

/**
 * The SQLite handle Kysely sees, with prepared statements kept by their SQL: Kysely prepares on
 * every query, and preparing cost as much as running the two small reads each message makes. A
 * statement still iterating (a stream) is never handed out twice.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const kept = statements.get(sql);
      if (kept && !kept.busy) return kept;
      const statement = sqlite.prepare(sql);
      if (!kept) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

export interface OpenedDatabase {
  db: Kysely<Database>;
  /** Runs before the connection closes (SQLite: checkpoint the WAL into the main file). */
  beforeClose?: () => void;
}

/** How often the WAL is checkpointed into the main file and truncated, by default. */
export const WAL_CHECKPOINT_MS = 60_000;

/**
 * Opens the SQLite file in WAL mode. `synchronous=FULL` because an update in the inbox must survive
 * a power cut (Telegram and Zalo do not resend an acknowledged update); records and conversation
 * turns are written in batches, so the extra sync per commit costs little.
 *
 * Privacy: `secure_delete=ON` overwrites deleted and updated content with zeros (SQLite otherwise
 * leaves it in free pages), and the WAL, which keeps old versions of every page written, is
 * checkpointed and truncated to zero bytes every `checkpointMs` and at close.
 */
export function openSqlite(file: string, checkpointMs = WAL_CHECKPOINT_MS): OpenedDatabase {
  const sqlite = new BetterSqlite3(file);
  // Only the bot's user may read the questions; SQLite gives the WAL file the same mode. A file
  // owned by someone else keeps its mode (the operator chose it).
  try {
    fs.chmodSync(file, 0o600);
  } catch {
    // not ours to change
  }
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("secure_delete = ON");
  // A checkpoint that meets a reader only does what it can (no error); the next one finishes it.
  const checkpoint = () => {
    if (sqlite.open) sqlite.pragma("wal_checkpoint(TRUNCATE)");
  };
  const timer = checkpointMs > 0 ? setInterval(() => {
    try {
      checkpoint();
    } catch {
      // busy or closing: the next round (or the close) checkpoints
    }
  }, checkpointMs) : undefined;
  timer?.unref();
  return {
    db: new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database: withStatementCache(sqlite) }) }),
    beforeClose: () => {
      clearInterval(timer);
      checkpoint();
    },
  };
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Opens a pg pool. BIGINT and NUMERIC (counts, sums, epoch ms) come back as JavaScript numbers:
 * every value we store fits well within 2^53, and strings would leak into the shared types.
 */
export function openPostgres(url: string, logger?: Logger, poolSize = 10): OpenedDatabase {
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === INT8_OID || oid === NUMERIC_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  // An idle client losing its connection emits on the pool; without a listener the process dies.
  pool.on("error", (error) => logger?.warn({ err: { name: error.name, code: (error as { code?: string }).code } }, "PostgreSQL idle connection error"));
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }) };
}

/**
 * Counters of the abuse limits, kept in the store so that every replica on one PostgreSQL database
 * counts the same user and the same address together (SQLite: the same code, one process).
 * A counter is one row per bucket (limit, hashed key, window start); rows past their window are
 * pruned.
 *
 * ```ts
 * const counters = createRateLimitStore({ db: store.db });
 * const count = await counters.hit("user:<key>:<window>", windowEnd + 60_000);
 * ```
 */
import type { Kysely } from "kysely";
import type { Database } from "./database.js";

/** Table `rate_limits` (migration 0201). */
export interface RateLimitsTable {
  /** `<limit>:<hashed key>:<window start ms>` */
  bucket: string;
  count: number;
  /** The row may be deleted after this instant (epoch ms). */
  expires_ms: number;
}

type RateLimitDatabase = Database & { rate_limits: RateLimitsTable };

/** The counter seam. */
export interface RateLimitStore {
  /**
   * Adds one to `bucket` (creating it) and returns its count, this hit included. Atomic: two
   * replicas hitting the same bucket at once get different counts.
   */
  hit(bucket: string, expiresMs: number): Promise<number>;
  /** Deletes buckets that expired before `nowMs`; returns how many. */
  prune(nowMs: number): Promise<number>;
}

export function createRateLimitStore(settings: { db: Kysely<Database> }): RateLimitStore {
  return new KyselyRateLimitStore(settings.db);
}

export class KyselyRateLimitStore implements RateLimitStore {
  private readonly db: Kysely<RateLimitDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ rate_limits: RateLimitsTable }>();
  }

  async hit(bucket: string, expiresMs: number): Promise<number> {
    // One statement: INSERT … ON CONFLICT DO UPDATE … RETURNING, on SQLite (3.35+) and PostgreSQL alike.
    const row = await this.db
      .insertInto("rate_limits")
      .values({ bucket, count: 1, expires_ms: expiresMs })
      .onConflict((oc) => oc.column("bucket").doUpdateSet((eb) => ({ count: eb("rate_limits.count", "+", 1) })))
      .returning("count")
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async prune(nowMs: number): Promise<number> {
    const result = await this.db.deleteFrom("rate_limits").where("expires_ms", "<", nowMs).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

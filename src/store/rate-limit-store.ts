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
  /** Takes one back from `bucket` (never below 0): a login attempt that succeeded is no failure. */
  release(bucket: string): Promise<void>;
  /** The bucket's count now (0 when it does not exist). */
  count(bucket: string): Promise<number>;
  /** Deletes buckets that expired before `nowMs`; returns how many. */
  prune(nowMs: number): Promise<number>;
}

export function createRateLimitStore(settings: { db: Kysely<Database> }): RateLimitStore {
  return new KyselyRateLimitStore(settings.db);
}

/**
 * Counters in this process only: for tests and for code built without a store. Replicas do not
 * share them and a restart forgets them; the server always uses the store's.
 */
export function createMemoryRateLimitStore(): RateLimitStore {
  const buckets = new Map<string, { count: number; expiresMs: number }>();
  return {
    async hit(bucket, expiresMs) {
      const entry = buckets.get(bucket) ?? { count: 0, expiresMs };
      entry.count += 1;
      buckets.set(bucket, entry);
      return entry.count;
    },
    async release(bucket) {
      const entry = buckets.get(bucket);
      if (entry && entry.count > 0) entry.count -= 1;
    },
    async count(bucket) {
      return buckets.get(bucket)?.count ?? 0;
    },
    async prune(nowMs) {
      let pruned = 0;
      for (const [bucket, entry] of buckets) if (entry.expiresMs < nowMs && buckets.delete(bucket)) pruned += 1;
      return pruned;
    },
  };
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

  async release(bucket: string): Promise<void> {
    await this.db
      .updateTable("rate_limits")
      .set((eb) => ({ count: eb("count", "-", 1) }))
      .where("bucket", "=", bucket)
      .where("count", ">", 0)
      .execute();
  }

  async count(bucket: string): Promise<number> {
    const row = await this.db.selectFrom("rate_limits").select("count").where("bucket", "=", bucket).executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  async prune(nowMs: number): Promise<number> {
    const result = await this.db.deleteFrom("rate_limits").where("expires_ms", "<", nowMs).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

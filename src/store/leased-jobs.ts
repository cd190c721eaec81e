/**
 * The one leased-job mechanism, shared by the durable inbox (`inbox-store.ts`) and the
 * announcement send queue (`kysely-outreach-store.ts`). A job is a row of a table with these
 * columns (names given per table, `JobColumns`):
 *
 * - `status`: `waiting` (due once `available_at` has come) or `leased` (owned by `owner` until
 *   `lease_until`), or any finished status of the table's own.
 * - A claim takes due rows — waiting ones whose time has come, and leased ones whose lease ran out
 *   (their owner died) — in one statement, counting one attempt. On PostgreSQL the candidates are
 *   locked `FOR UPDATE SKIP LOCKED` and checked again, so two claimers never get the same row;
 *   SQLite has one writer.
 * - The owner renews the lease of all its rows while it works (`renew`), settles a row only while
 *   it still holds it (`settle`), puts a row back for a later try (`putBack`, the delay from
 *   `nextTry`), and gives back everything on shutdown (`release`).
 * - Dead letter: a row is given up on (`nextTry` says so) after `maxAttempts` takes, whether they
 *   ended in failures or in crashes of its owner — one bad row never loops.
 *
 * ```ts
 * const jobs = new LeasedJobs({ db, kind, now: Date.now, columns: { table: "inbox", id: "seq", … } });
 * const rows = await jobs.claim({ owner, leaseMs: 60_000 }, 100);
 * const next = nextTry(row.attempts, { maxAttempts: 3, backoff: { baseMs: 2000, maxMs: 60_000 } });
 * if (next.retry) await jobs.putBack(row.seq, owner, { delayMs: next.delayMs });
 * ```
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import { backoffDelay, type BackoffOptions } from "../retry/backoff.js";
import type { StoreKind } from "./migrations.js";

/** Who takes jobs, and for how long. */
export interface JobTaker {
  /** Unique per process run. */
  owner: string;
  /** Lease length in ms; renewed by `renew` while the work goes on. */
  leaseMs: number;
  /** Replica name, written where the table keeps it (`JobColumns.replica`). */
  replica?: string;
}

/** The table and its lease columns. */
export interface JobColumns {
  table: string;
  /** Numeric key, in queue order. */
  id: string;
  status: string;
  /** Status of a row waiting for its turn. */
  waiting: string;
  /** Status of a row taken by an owner. */
  leased: string;
  owner: string;
  /** Epoch ms. */
  leaseUntil: string;
  /** Epoch ms: a waiting row is not taken before. */
  availableAt: string;
  /** Takes so far, the current one included. */
  attempts: string;
  /** Replica name of the owner, when the table keeps it. */
  replica?: string;
}

/** The table's alias in the candidates of `claim`. */
export const JOB_ALIAS = "job";

type Where = (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;

export class LeasedJobs {
  private readonly db: Kysely<any>;
  private readonly c: JobColumns;

  constructor(private readonly settings: { db: Kysely<any>; kind: StoreKind; columns: JobColumns; now: () => number }) {
    this.db = settings.db;
    this.c = settings.columns;
  }

  /** Rows that may be claimed at `now`: waiting and due, or leased with the lease run out. */
  due(eb: ExpressionBuilder<any, any>, now: number, alias?: string): Expression<SqlBool> {
    const col = (name: string) => (alias ? `${alias}.${name}` : name);
    return eb.or([
      eb.and([eb(col(this.c.status), "=", this.c.waiting), eb(col(this.c.availableAt), "<=", now)]),
      eb.and([eb(col(this.c.status), "=", this.c.leased), eb(col(this.c.leaseUntil), "<=", now)]),
    ]);
  }

  /**
   * Takes up to `limit` due rows (oldest first) for the taker, counting one attempt each. `where`
   * narrows the candidates (the table alias is `job`, `JOB_ALIAS`). Returns the rows as stored after the claim.
   */
  async claim(taker: JobTaker, limit: number, where?: Where): Promise<Record<string, unknown>[]> {
    if (limit <= 0) return [];
    const now = this.settings.now();
    const candidates = this.db
      .selectFrom(`${this.c.table} as ${JOB_ALIAS}`)
      .select(`${JOB_ALIAS}.${this.c.id}`)
      .where((eb) => this.due(eb, now, JOB_ALIAS))
      .$if(where !== undefined, (q) => q.where(where!))
      .orderBy(`${JOB_ALIAS}.${this.c.id}`)
      .limit(limit);
    let chosen: Where = (eb) => eb(this.c.id, "in", candidates);
    if (this.settings.kind === "postgres") {
      // Two claimers at once skip each other's rows instead of waiting on them. `= any(array(…))`
      // runs the candidates once: as `IN (…)` PostgreSQL may rescan them, and a rescan skips the
      // rows just taken (no longer due) and adds others beyond the limit.
      const locked = candidates.forUpdate().skipLocked();
      chosen = () => sql<SqlBool>`${sql.ref(this.c.id)} = any(array(${locked}))`;
    }
    const rows = await this.take(
      taker,
      // Checked again: on PostgreSQL another claimer may have taken the row since the subquery read it.
      (eb) => eb.and([chosen(eb), this.due(eb, now)]),
      now,
    );
    return rows.sort((a, b) => Number(a[this.c.id]) - Number(b[this.c.id]));
  }

  /** Takes the waiting rows matching `where` (one statement), whatever their due time. */
  takeWhere(taker: JobTaker, where: Where): Promise<Record<string, unknown>[]> {
    return this.take(taker, (eb) => eb.and([where(eb), eb(this.c.status, "=", this.c.waiting)]), this.settings.now());
  }

  /** Values of a freshly inserted row taken at once by `taker`, or waiting when `taker` is undefined. */
  initial(taker: JobTaker | undefined): Record<string, unknown> {
    const now = this.settings.now();
    return {
      [this.c.status]: taker ? this.c.leased : this.c.waiting,
      [this.c.owner]: taker?.owner ?? null,
      ...(this.c.replica ? { [this.c.replica]: taker?.replica ?? null } : {}),
      [this.c.leaseUntil]: taker ? now + taker.leaseMs : 0,
      [this.c.availableAt]: now,
      [this.c.attempts]: taker ? 1 : 0,
    };
  }

  /** Extends the lease of every row the owner holds; returns how many. */
  async renew(taker: JobTaker): Promise<number> {
    const result = await this.db
      .updateTable(this.c.table)
      .set({ [this.c.leaseUntil]: this.settings.now() + taker.leaseMs })
      .where(this.c.owner, "=", taker.owner)
      .where(this.c.status, "=", this.c.leased)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Ends the owner's hold on a row with the table's own values (`set`: a finished status, erased
   * columns). False when the row was no longer the owner's (its lease ran out and another took it).
   */
  async settle(id: number, owner: string, set: Record<string, unknown>, db: Kysely<any> = this.db): Promise<boolean> {
    const result = await db
      .updateTable(this.c.table)
      .set({ ...this.freed(), [this.c.leaseUntil]: 0, ...set })
      .where(this.c.id, "=", id)
      .where(this.c.owner, "=", owner)
      .where(this.c.status, "=", this.c.leased)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Gives a held row back, due after `delayMs`. `tried: false` when the work never started
   * (pacing, shutdown): the take is not counted against the row.
   */
  async putBack(id: number, owner: string, options: { delayMs: number; tried?: boolean; set?: Record<string, unknown> }): Promise<boolean> {
    const result = await this.db
      .updateTable(this.c.table)
      .set((eb) => ({
        ...this.freed(),
        [this.c.status]: this.c.waiting,
        [this.c.leaseUntil]: 0,
        [this.c.availableAt]: this.settings.now() + Math.max(0, options.delayMs),
        ...(options.tried === false ? { [this.c.attempts]: eb(this.c.attempts, "-", 1) } : {}),
        ...options.set,
      }))
      .where(this.c.id, "=", id)
      .where(this.c.owner, "=", owner)
      .where(this.c.status, "=", this.c.leased)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Gives back every row the owner holds, due at once (graceful shutdown); returns how many. */
  release(owner: string): Promise<number> {
    return this.giveBack((eb) => eb(this.c.owner, "=", owner));
  }

  /**
   * Gives back the rows held by earlier runs of the taker's replica (same replica, other owner): a
   * restarted process knows its previous run is dead and need not wait for the leases.
   */
  recoverReplica(taker: JobTaker): Promise<number> {
    if (!this.c.replica || !taker.replica) return Promise.resolve(0);
    return this.giveBack((eb) => eb.and([eb(this.c.replica!, "=", taker.replica!), eb(this.c.owner, "<>", taker.owner)]));
  }

  private async giveBack(where: Where): Promise<number> {
    const result = await this.db
      .updateTable(this.c.table)
      .set({ ...this.freed(), [this.c.status]: this.c.waiting, [this.c.leaseUntil]: 0, [this.c.availableAt]: this.settings.now() })
      .where(where)
      .where(this.c.status, "=", this.c.leased)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  private async take(taker: JobTaker, where: Where, now: number): Promise<Record<string, unknown>[]> {
    return (await this.db
      .updateTable(this.c.table)
      .set((eb) => ({
        [this.c.status]: this.c.leased,
        [this.c.owner]: taker.owner,
        ...(this.c.replica ? { [this.c.replica]: taker.replica ?? null } : {}),
        [this.c.leaseUntil]: now + taker.leaseMs,
        [this.c.attempts]: eb(this.c.attempts, "+", 1),
      }))
      .where(where)
      .returningAll()
      .execute()) as Record<string, unknown>[];
  }

  /** No owner any more. */
  private freed(): Record<string, unknown> {
    return { [this.c.owner]: null, ...(this.c.replica ? { [this.c.replica]: null } : {}) };
  }
}

/** How often a job is tried, and how long it waits between tries. */
export interface RetryPolicy {
  /** Takes of a job before it is given up on (failures and crashes alike). */
  maxAttempts: number;
  /** The delay after the n-th failed take (`backoffDelay`). */
  backoff: BackoffOptions;
}

/**
 * What follows a failed take (`attempts` = takes so far, this one included): another try after
 * `delayMs`, or the dead letter — after `maxAttempts` takes, or at once for a failure not worth
 * retrying.
 */
export function nextTry(attempts: number, policy: RetryPolicy, retryable = true): { retry: true; delayMs: number } | { retry: false } {
  if (!retryable || attempts >= policy.maxAttempts) return { retry: false };
  return { retry: true, delayMs: backoffDelay(attempts, policy.backoff) };
}

/** True for a job taken more often than the policy allows (its owner died each time): give it up unworked. */
export function exhausted(attempts: number, policy: Pick<RetryPolicy, "maxAttempts">): boolean {
  return attempts > policy.maxAttempts;
}

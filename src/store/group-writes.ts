/**
 * Group commit for one-statement writes that requests wait on (the inbox's "stored" before a
 * webhook is acknowledged, "answered" after a reply): the writes queued while the previous group
 * commits go together in one transaction, so many requests share one commit (one disk sync on
 * SQLite) instead of paying one each. Each caller still gets its own write's result, and only once
 * the transaction holding it has committed: the guarantee of a direct write is kept.
 *
 * - A group the database refuses (one bad write rolls back all) is written again one write at a
 *   time, so a refused write fails alone and the others still land.
 * - A lone write runs as it is, without a transaction around it.
 * - Writes run in the order queued; a write must be a single statement or a few with no awaits on
 *   anything but the database (the connection is held while the group runs).
 *
 * ```ts
 * const writes = new GroupWrites(db);
 * const row = await writes.run((trx) => trx.insertInto("inbox").values(v).returning("seq").executeTakeFirst());
 * ```
 */
import type { Kysely } from "kysely";

/** Most writes in one transaction; the rest wait for the next group. */
const MAX_GROUP = 256;

interface Queued<DB> {
  write: (db: Kysely<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

export class GroupWrites<DB> {
  private queue: Queued<DB>[] = [];
  /** The group being written, if any: the next one starts after it. */
  private current: Promise<void> | undefined;
  private scheduled = false;

  constructor(private readonly db: Kysely<DB>) {}

  /** Queues the write; resolves with its result once committed, or rejects with its own error. */
  run<T>(write: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // The writes of the requests under way this turn of the event loop join the group.
    setImmediate(() => {
      this.scheduled = false;
      const previous = this.current ?? Promise.resolve();
      const next = previous.then(() => this.writeGroup());
      this.current = next;
      void next.finally(() => {
        if (this.current === next) this.current = undefined;
      });
    });
  }

  private async writeGroup(): Promise<void> {
    const group = this.queue.splice(0, MAX_GROUP);
    if (this.queue.length) this.schedule();
    if (!group.length) return;
    if (group.length === 1) return this.writeAlone(group[0]!);
    let results: unknown[];
    try {
      results = await this.db.transaction().execute(async (trx) => {
        const out: unknown[] = [];
        for (const item of group) out.push(await item.write(trx));
        return out;
      });
    } catch {
      // One write refused rolls back the group: each alone, so only that one fails.
      for (const item of group) await this.writeAlone(item);
      return;
    }
    group.forEach((item, i) => item.resolve(results[i]));
  }

  private async writeAlone(item: Queued<DB>): Promise<void> {
    try {
      item.resolve(await item.write(this.db));
    } catch (error) {
      item.reject(error);
    }
  }
}

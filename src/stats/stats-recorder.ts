/**
 * The write side of statistics: a batching recorder between the reply path and the store.
 *
 * - `record()` only queues: it never throws and never waits for the database, so recording can
 *   neither delay nor break a reply.
 * - Queued records are written in batches, as soon as `batchSize` wait or after
 *   `flushIntervalMs`, one write at a time, in arrival order.
 * - A failed write is logged (English, no message text) and retried with exponential backoff
 *   until it succeeds. When the database answers but keeps refusing a batch, the batch is halved
 *   to isolate the bad record, and a single record refused five times is dropped and logged, so
 *   one malformed record cannot block statistics for good.
 * - `flush()` waits until everything accepted so far is written; `close()` stops accepting and
 *   flushes (bounded by a timeout) for graceful shutdown.
 *
 * ```ts
 * const recorder = createStatsRecorder({ store, logger });
 * recorder.record(recordFromAnswer({ question, answer, channel: "web", userKey, latencyMs }));
 * await recorder.close(); // on SIGTERM
 * ```
 */
import crypto from "node:crypto";
import type { Logger } from "../logger.js";
import { backoffDelay } from "../retry/backoff.js";
import type { QueryRecord, Role, Store } from "../store/store.js";

export interface StatsRecorder {
  /** Queues a record for writing. Never throws and never waits for the database. */
  record(record: QueryRecord): void;
  /** Resolves once every record accepted before the call is written (failed writes are retried). */
  flush(): Promise<void>;
  /** Stops accepting records and flushes; gives up after `timeoutMs` (default 10000), logging how many were not written. */
  close(options?: { timeoutMs?: number }): Promise<void>;
  /** Records accepted and not yet written. */
  readonly pending: number;
}

export interface StatsRecorderSettings {
  /** Where records go; `ping` tells a database outage from a record the database refuses. */
  store: Pick<Store, "insertRecords" | "ping">;
  logger: Logger;
  /** Longest time a record waits before a write starts; default 1000 ms. */
  flushIntervalMs?: number;
  /** A write starts as soon as this many records wait; default 200. */
  batchSize?: number;
  /** Most records in one write; default 1000. */
  maxBatch?: number;
  /** Most records held while the database is unreachable; later ones are refused and logged. Default 100000. */
  maxPending?: number;
  /** First retry delay, doubled after each failure; default 200 ms. */
  retryDelayMs?: number;
  /** Longest retry delay; default 30000 ms. */
  maxRetryDelayMs?: number;
}

/** Attempts on one record the database keeps refusing (while answering pings) before it is dropped. */
const MAX_SINGLE_ATTEMPTS = 5;
/** At most one "queue full" warning per this many ms. */
const REFUSAL_LOG_INTERVAL_MS = 60_000;
const ROLES = new Set<Role>(["student", "parent", "unknown"]);

export function createStatsRecorder(settings: StatsRecorderSettings): StatsRecorder {
  return new BatchingStatsRecorder(settings);
}

/** A short description of an error for logs: its name, code and (database) message, never data. */
function describe(error: unknown): { name: string; code?: string; message: string } {
  const e = error as { name?: string; code?: unknown; message?: unknown };
  return { name: e?.name ?? "Error", code: typeof e?.code === "string" ? e.code : undefined, message: String(e?.message ?? error).slice(0, 200) };
}

/**
 * A copy of the record with its fields checked, or undefined when it cannot be stored. The copy
 * also protects the queue from a caller that changes the object after recording it.
 */
export function sanitizeRecord(record: QueryRecord): QueryRecord | undefined {
  if (!record || typeof record !== "object") return undefined;
  const at = record.at instanceof Date ? record.at : new Date(record.at as unknown as string);
  if (Number.isNaN(at.getTime())) return undefined;
  if (typeof record.question !== "string" || typeof record.topic !== "string" || typeof record.channel !== "string") return undefined;
  return {
    id: typeof record.id === "string" && record.id.length > 0 && record.id.length <= 100 ? record.id : crypto.randomUUID(),
    at: new Date(at.getTime()),
    channel: record.channel.slice(0, 40),
    userKey: typeof record.userKey === "string" ? record.userKey.slice(0, 128) : null,
    role: ROLES.has(record.role) ? record.role : "unknown",
    commune: typeof record.commune === "string" && record.commune ? record.commune.slice(0, 100) : null,
    topic: record.topic,
    question: record.question,
    answered: record.answered === true,
    confidence: typeof record.confidence === "number" && Number.isFinite(record.confidence) ? record.confidence : 0,
    sources: Array.isArray(record.sources) ? record.sources.filter((s): s is string => typeof s === "string") : [],
    answerer: typeof record.answerer === "string" ? record.answerer.slice(0, 20) : "offline",
    latencyMs: typeof record.latencyMs === "number" && Number.isFinite(record.latencyMs) ? record.latencyMs : 0,
    feedback: record.feedback === "up" || record.feedback === "down" ? record.feedback : null,
    reviewed: record.reviewed === true,
    reply: typeof record.reply === "string" ? record.reply : null,
    flag: record.flag === "wrong" || record.flag === "incomplete" ? record.flag : null,
  };
}

class BatchingStatsRecorder implements StatsRecorder {
  private readonly store: StatsRecorderSettings["store"];
  private readonly logger: Logger;
  private readonly flushIntervalMs: number;
  private readonly batchSize: number;
  private readonly maxBatch: number;
  private readonly maxPending: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;

  private queue: QueryRecord[] = [];
  /** Records accepted and records written or dropped, since start: `flush()` waits for the second to reach the first. */
  private accepted = 0;
  private settled = 0;
  private waiters: { upTo: number; resolve: () => void }[] = [];
  private draining: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private backoff: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  private batchLimit: number;
  private failures = 0;
  private headAttempts = 0;
  private closed = false;
  private stopped = false;
  private refused = 0;
  private lastRefusalLog = 0;

  constructor(settings: StatsRecorderSettings) {
    this.store = settings.store;
    this.logger = settings.logger;
    this.flushIntervalMs = settings.flushIntervalMs ?? 1000;
    this.batchSize = Math.max(1, settings.batchSize ?? 200);
    this.maxBatch = Math.max(this.batchSize, settings.maxBatch ?? 1000);
    this.maxPending = settings.maxPending ?? 100_000;
    this.retryDelayMs = settings.retryDelayMs ?? 200;
    this.maxRetryDelayMs = settings.maxRetryDelayMs ?? 30_000;
    this.batchLimit = this.maxBatch;
  }

  get pending(): number {
    return this.queue.length;
  }

  record(record: QueryRecord): void {
    try {
      if (this.closed) {
        this.logger.warn("stats record refused: the recorder is closed");
        return;
      }
      if (this.queue.length >= this.maxPending) {
        this.refused += 1;
        const now = Date.now();
        if (now - this.lastRefusalLog >= REFUSAL_LOG_INTERVAL_MS) {
          this.lastRefusalLog = now;
          this.logger.error({ pending: this.queue.length, refused: this.refused }, "stats queue full (database unreachable?): records refused");
        }
        return;
      }
      const clean = sanitizeRecord(record);
      if (!clean) {
        this.logger.warn("stats record refused: malformed record");
        return;
      }
      this.queue.push(clean);
      this.accepted += 1;
      if (this.queue.length >= this.batchSize) this.startSoon();
      else this.timer ??= setTimeout(() => this.startSoon(), this.flushIntervalMs).unref();
    } catch {
      // Recording must never break a reply; a failing logger is the only thing left to swallow.
    }
  }

  flush(): Promise<void> {
    if (this.settled >= this.accepted) return Promise.resolve();
    const promise = new Promise<void>((resolve) => this.waiters.push({ upTo: this.accepted, resolve }));
    this.startSoon();
    return promise;
  }

  async close(options: { timeoutMs?: number } = {}): Promise<void> {
    this.closed = true;
    const timeoutMs = options.timeoutMs ?? 10_000;
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      this.flush().then(() => false),
      new Promise<boolean>((resolve) => {
        timeout = setTimeout(() => resolve(true), timeoutMs);
      }),
    ]);
    clearTimeout(timeout);
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.backoff?.wake();
    if (timedOut) this.logger.error({ lost: this.queue.length }, "stats records not written before shutdown");
    // Nothing will be written any more: release anyone still waiting on a flush.
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  /** Starts a write on the next turn of the event loop, unless one is running. */
  private startSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.draining || this.stopped) return;
    // setImmediate: even the synchronous part of a write (better-sqlite3) runs after the caller's turn.
    this.draining = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.drain())
      .finally(() => {
        this.draining = undefined;
        // Records that arrived during the last write, below the batch size, still get their timer.
        if (this.queue.length > 0 && !this.stopped) this.timer ??= setTimeout(() => this.startSoon(), this.flushIntervalMs).unref();
      });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.stopped) {
      const batch = this.queue.slice(0, this.batchLimit);
      try {
        await this.store.insertRecords(batch);
        this.queue.splice(0, batch.length);
        this.settle(batch.length);
        this.failures = 0;
        this.headAttempts = 0;
        this.batchLimit = Math.min(this.maxBatch, this.batchLimit * 2);
      } catch (error) {
        await this.handleFailure(batch, error);
      }
    }
  }

  private async handleFailure(batch: QueryRecord[], error: unknown): Promise<void> {
    this.failures += 1;
    const reachable = await this.store.ping().then(
      () => true,
      () => false,
    );
    if (reachable && batch.length === 1) {
      this.headAttempts += 1;
      if (this.headAttempts >= MAX_SINGLE_ATTEMPTS) {
        this.queue.shift();
        this.settle(1);
        this.headAttempts = 0;
        this.failures = 0;
        this.logger.error({ err: describe(error), recordId: batch[0]!.id, attempts: MAX_SINGLE_ATTEMPTS }, "stats record dropped: the database refused it repeatedly");
        return;
      }
    }
    // The database answers but refuses the batch: halve it to find the record it refuses.
    if (reachable && batch.length > 1) this.batchLimit = Math.ceil(batch.length / 2);
    const delay = backoffDelay(this.failures, { baseMs: this.retryDelayMs, maxMs: this.maxRetryDelayMs });
    this.logger.warn(
      { err: describe(error), records: batch.length, pending: this.queue.length, attempt: this.failures, databaseReachable: reachable, retryInMs: delay },
      "stats write failed, will retry",
    );
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.backoff = undefined;
        resolve();
      }, delay);
      this.backoff = {
        timer,
        wake: () => {
          clearTimeout(timer);
          this.backoff = undefined;
          resolve();
        },
      };
    });
  }

  private settle(count: number): void {
    this.settled += count;
    const done = this.waiters.filter((w) => w.upTo <= this.settled);
    if (done.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.upTo > this.settled);
    for (const waiter of done) waiter.resolve();
  }
}

/**
 * A per-key limit of requests per minute (fixed one-minute windows), counted in the store so that
 * all replicas share it. Used per anonymous user key on every chat channel and per client address
 * on `POST /api/chat`.
 *
 * - `perMinute` 0 turns the limit off (no store access at all).
 * - The first refusal of a window is marked (`firstRefusal`), so a chat can say "slow down" once
 *   and then stay silent until the window passes.
 * - When the store cannot be reached the request is let through (and logged): a database hiccup
 *   must not silence every user.
 *
 * ```ts
 * const limiter = new RateLimiter({ name: "user", perMinute: 20, store: createRateLimitStore(store), logger });
 * const verdict = await limiter.check(userKey);
 * if (!verdict.allowed && verdict.firstRefusal) reply(limitsVi.userRateLimited);
 * ```
 */
import type { Logger } from "../logger.js";
import type { RateLimitStore } from "../store/rate-limit-store.js";

const WINDOW_MS = 60_000;
/** Expired buckets are deleted at most this often per process. */
const PRUNE_EVERY_MS = 60_000;
/** At most one "store unreachable" warning per this many ms. */
const FAILURE_LOG_MS = 30_000;

export interface RateLimitVerdict {
  allowed: boolean;
  /** Refused, and the first refusal of this window for this key. */
  firstRefusal: boolean;
  /** Seconds until the current window ends (for Retry-After). */
  retryAfterSeconds: number;
}

export interface RateLimiterSettings {
  /** Name of the limit, part of every bucket: `user`, `api-ip`. */
  name: string;
  /** Allowed per key and minute; 0 = off. */
  perMinute: number;
  store: Pick<RateLimitStore, "hit" | "prune">;
  /**
   * Turns a raw key (a client address) into the stored one, e.g. an HMAC, so that no address is
   * kept in the database. Default: the key as given (user keys are already HMACs).
   */
  keyOf?: (key: string) => string;
  logger: Logger;
  /** Called on every refusal (metrics). */
  onRefused?: (verdict: RateLimitVerdict) => void;
  /** Clock (epoch ms), for tests. */
  now?: () => number;
}

const ALLOWED: RateLimitVerdict = Object.freeze({ allowed: true, firstRefusal: false, retryAfterSeconds: 0 });

export class RateLimiter {
  private readonly now: () => number;
  private lastPrune = 0;
  private lastFailureLog = 0;

  constructor(private readonly settings: RateLimiterSettings) {
    this.now = settings.now ?? Date.now;
  }

  /** True when the limit counts anything (perMinute above 0). */
  get enabled(): boolean {
    return this.settings.perMinute > 0;
  }

  /** Counts one request of `key` and says whether it may go on. Never throws. */
  async check(key: string): Promise<RateLimitVerdict> {
    const { perMinute, store, name } = this.settings;
    if (perMinute <= 0) return ALLOWED;
    const now = this.now();
    const windowStart = now - (now % WINDOW_MS);
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
    const stored = this.settings.keyOf ? this.settings.keyOf(key) : key;
    let count: number;
    try {
      count = await store.hit(`${name}:${stored}:${windowStart}`, windowStart + 2 * WINDOW_MS);
    } catch (error) {
      if (now - this.lastFailureLog >= FAILURE_LOG_MS) {
        this.lastFailureLog = now;
        this.settings.logger.warn({ limit: name, err: { name: (error as Error)?.name, message: String((error as Error)?.message ?? error).slice(0, 200) } }, "rate limit store unreachable: requests let through");
      }
      return ALLOWED;
    }
    this.pruneSometimes(now);
    if (count <= perMinute) return ALLOWED;
    const verdict: RateLimitVerdict = { allowed: false, firstRefusal: count === perMinute + 1, retryAfterSeconds };
    this.settings.onRefused?.(verdict);
    return verdict;
  }

  private pruneSometimes(now: number): void {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    this.settings.store.prune(now).catch(() => undefined);
  }
}

/**
 * The limit on staff password checks (login form and HTTP Basic), which holds against parallel
 * guessing and across replicas:
 *
 * - An attempt is counted before the password is checked (`begin`), atomically in the store's
 *   counters: failures plus attempts in flight reaching `maxFailures` (default 5) per address
 *   refuses the next one. A burst of 200 guesses at once gets at most 5 checks.
 * - The count covers the current window and the previous one (`windowMs`, default 15 minutes), so
 *   no 15-minute stretch allows more than `maxFailures` failed checks from one address.
 * - A global cap (`globalMaxFailures`, default 100 per window) bounds guessing spread over many
 *   addresses; once reached, every address waits for the window to pass.
 * - A successful check gives its attempt back (`settle(true)`): only failures count.
 * - The counters live in the store (`rate_limits`), so every replica and a restarted server see
 *   them; addresses are kept only as keyed digests.
 *
 * ```ts
 * const attempt = await limiter.begin(address);
 * if (!attempt.allowed) return tooManyAttempts();
 * const ok = await verify(password);
 * const { blocked } = await attempt.settle(ok);
 * ```
 */
import crypto from "node:crypto";
import { createMemoryRateLimitStore, type RateLimitStore } from "../store/rate-limit-store.js";

export interface LoginLimiterSettings {
  /** Failed (or in-flight) attempts allowed per address in the window; default 5. */
  maxFailures?: number;
  /** Failed (or in-flight) attempts allowed from all addresses together in the window; default 100. */
  globalMaxFailures?: number;
  /** Window in ms; default 15 minutes. */
  windowMs?: number;
  /** Where the counts live; default in this process only (tests). The server passes the store's. */
  counters?: Pick<RateLimitStore, "hit" | "release" | "count" | "prune">;
  /** Digest of an address for the bucket name; default HMAC-SHA256 under `secret`. */
  secret?: string;
  now?: () => number;
}

export interface LoginAttempt {
  /** False: refused without a password check. */
  readonly allowed: boolean;
  /** The check's outcome; `blocked` is true when the address has now used up its attempts. */
  settle(ok: boolean): Promise<{ blocked: boolean }>;
}

const REFUSED: LoginAttempt = { allowed: false, settle: async () => ({ blocked: true }) };

export class LoginLimiter {
  private readonly maxFailures: number;
  private readonly globalMaxFailures: number;
  private readonly windowMs: number;
  private readonly counters: NonNullable<LoginLimiterSettings["counters"]>;
  private readonly key: Buffer;
  private readonly now: () => number;
  private lastPrune = 0;

  constructor(settings: LoginLimiterSettings = {}) {
    this.maxFailures = settings.maxFailures ?? 5;
    this.globalMaxFailures = settings.globalMaxFailures ?? 100;
    this.windowMs = settings.windowMs ?? 15 * 60 * 1000;
    this.counters = settings.counters ?? createMemoryRateLimitStore();
    this.key = Buffer.from(settings.secret ?? crypto.randomBytes(32).toString("hex"), "utf8");
    this.now = settings.now ?? Date.now;
  }

  /** Counts an attempt from `address` and says whether its password may be checked. */
  async begin(address: string): Promise<LoginAttempt> {
    const now = this.now();
    const start = now - (now % this.windowMs);
    const expires = start + 2 * this.windowMs;
    const who = crypto.createHmac("sha256", this.key).update(address, "utf8").digest("hex").slice(0, 32);
    const mine = `login:${who}:${start}`;
    const all = `login:*:${start}`;
    this.pruneSometimes(now);
    // The hit comes first, in one atomic statement: attempts racing each other get distinct counts.
    const [count, before] = await Promise.all([this.counters.hit(mine, expires), this.counters.count(`login:${who}:${start - this.windowMs}`)]);
    if (count + before > this.maxFailures) return REFUSED;
    if ((await this.counters.hit(all, expires)) > this.globalMaxFailures) return REFUSED;
    let settled = false;
    return {
      allowed: true,
      settle: async (ok) => {
        if (settled) return { blocked: false };
        settled = true;
        if (ok) {
          await Promise.all([this.counters.release(mine), this.counters.release(all)]);
          return { blocked: false };
        }
        return { blocked: count + before >= this.maxFailures };
      },
    };
  }

  /**
   * Seconds after which a refused address surely may try again: failures of the current window
   * count until the next window ends (at most two windows, 30 minutes by default).
   */
  retryAfterSeconds(): number {
    const now = this.now();
    return Math.max(1, Math.ceil((2 * this.windowMs - (now % this.windowMs)) / 1000));
  }

  private pruneSometimes(now: number): void {
    if (now - this.lastPrune < this.windowMs) return;
    this.lastPrune = now;
    this.counters.prune(now).catch(() => undefined);
  }
}

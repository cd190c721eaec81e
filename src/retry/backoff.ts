/**
 * The one way this code waits before trying again: a growing delay with jitter (`backoffDelay`),
 * and a loop that retries a failing call with it (`retry`). Every retry in the bot goes through
 * here — in-process loops (storing a polled update, a store write, a platform send) and retries
 * scheduled in the database (inbox rows, announcement deliveries) alike.
 *
 * Jitter only shortens the delay (by up to `jitter` of it): replicas or chats that failed together
 * do not try again together, and `maxMs` stays a true upper bound.
 *
 * ```ts
 * const delayMs = backoffDelay(attempt, { baseMs: 2000, maxMs: 300_000 });
 * await retry(() => client.send(text), { attempts: 3, baseMs: 500, maxMs: 2000, retryable: isTransient, signal });
 * ```
 */
import { setTimeout as sleep } from "node:timers/promises";

export interface BackoffOptions {
  /** Delay before the second try (after the first failure). */
  baseMs: number;
  /** Longest delay, jitter or not. */
  maxMs: number;
  /** Growth per failure; default 2. */
  factor?: number;
  /** Share of the delay taken off at random, 0..1; default 0.25 (the delay lies in [75 %, 100 %] of its nominal value). */
  jitter?: number;
  /** Uniform in [0, 1); tests inject it. Default `Math.random`. */
  random?: () => number;
}

/**
 * The delay after the `failures`-th failure (1 = the first): `baseMs × factor^(failures − 1)`,
 * capped at `maxMs`, less up to `jitter` of it at random.
 */
export function backoffDelay(failures: number, options: BackoffOptions): number {
  const factor = options.factor ?? 2;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.25));
  // The exponent is bounded so that a long outage never turns the delay into Infinity or NaN.
  const nominal = Math.min(options.maxMs, options.baseMs * factor ** Math.min(Math.max(0, failures - 1), 60));
  return Math.round(nominal * (1 - jitter * (options.random ?? Math.random)()));
}

export interface RetryOptions extends BackoffOptions {
  /** Tries in all, the first included; default Infinity (until `signal` aborts or `retryable` says no). */
  attempts?: number;
  /** False: the error is thrown at once. Default: every error is retried. */
  retryable?: (error: unknown, attempt: number) => boolean;
  /**
   * How long the other side asked us to wait (Telegram's `retry_after`, an HTTP `Retry-After`), in
   * ms; the wait is then at least that. Default `retryAfterMs` below.
   */
  retryAfter?: (error: unknown) => number | undefined;
  /** Called before each wait (logging). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Stops the retries: the wait ends at once and the last error is thrown. */
  signal?: AbortSignal;
}

/**
 * Calls `fn` (with the 1-based attempt number) until it resolves. A failure is retried after
 * `backoffDelay` (or the wait the error asks for, if longer) while tries are left, `retryable`
 * agrees and `signal` is not aborted; otherwise its error is thrown.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = options.attempts ?? Number.POSITIVE_INFINITY;
  const retryAfter = options.retryAfter ?? retryAfterMs;
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= attempts || options.signal?.aborted || (options.retryable && !options.retryable(error, attempt))) throw error;
      const delayMs = Math.max(backoffDelay(attempt, options), retryAfter(error) ?? 0);
      options.onRetry?.(error, attempt, delayMs);
      try {
        await sleep(delayMs, undefined, options.signal ? { signal: options.signal } : undefined);
      } catch {
        // Aborted while waiting: the caller learns why the last try failed, not that it was cut short.
        throw error;
      }
    }
  }
}

/**
 * The wait an error asks for, in ms: Telegram's `parameters.retry_after` (seconds, on a grammY
 * `GrammyError`), or a `retryAfterSeconds` field. Undefined when it names none.
 */
export function retryAfterMs(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { parameters?: { retry_after?: unknown }; retryAfterSeconds?: unknown };
  const seconds = e.parameters?.retry_after ?? e.retryAfterSeconds;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Pacing of one channel's outbound messages: at most `perSecond` sends start in any window of
 * `windowMs` (a sliding log, not a token bucket, so there is never a burst above the limit), and
 * evenly: two starts are at least `windowMs / perSecond` apart, so the platform never sees a
 * burst (Telegram's advice for broadcasts). Sends to one chat are at least `chatSpacingMs` apart,
 * and a 429 pauses everything.
 *
 * The windows are a little longer than a second (default 1,100 ms: a 10 % margin) on purpose: the platform
 * counts arrivals, and a request may take a few milliseconds more or less on the way than the one
 * before it. The margin keeps "no more than N in any second" true at the platform's end.
 *
 * ```ts
 * const throttle = new SendThrottle({ perSecond: 25 });
 * if (throttle.reserveChat(chatId) === 0) {
 *   const slot = await throttle.acquire({ maxWaitMs: 2000 });
 *   if (slot.ok) { throttle.chatSent(chatId); await send(); } else throttle.releaseChat(chatId);
 * }
 * ```
 */
import { setTimeout as sleep } from "node:timers/promises";

export interface SendThrottleSettings {
  /** Sends allowed per window (TELEGRAM_SEND_PER_SECOND, ZALO_SEND_PER_SECOND). */
  perSecond: number;
  /** Default 1100 ms (one second plus a margin for network jitter). */
  windowMs?: number;
  /** Least time between two sends to the same chat; default 1100 ms (Telegram: 1 per second per chat). */
  chatSpacingMs?: number;
  now?: () => number;
}

/** Chats remembered at most; older entries are forgotten first (they are past their spacing anyway). */
const MAX_CHATS = 50_000;
/** A chat whose send slot is being waited for. */
const RESERVED = Number.POSITIVE_INFINITY;

export class SendThrottle {
  readonly perSecond: number;
  readonly windowMs: number;
  readonly chatSpacingMs: number;
  private readonly now: () => number;
  /** Start times of the sends in the current window, oldest first. */
  private readonly starts: number[] = [];
  /** Chat → start time of its last send (RESERVED while a slot is awaited). */
  private readonly chats = new Map<string, number>();
  private pausedUntil = 0;
  /** Start of the latest send. */
  private lastStart = Number.NEGATIVE_INFINITY;
  /** Least time between two starts. */
  private readonly gapMs: number;

  constructor(settings: SendThrottleSettings) {
    if (!(settings.perSecond >= 1)) throw new Error("perSecond must be at least 1");
    this.perSecond = Math.floor(settings.perSecond);
    this.windowMs = settings.windowMs ?? 1100;
    this.chatSpacingMs = settings.chatSpacingMs ?? 1100;
    this.now = settings.now ?? Date.now;
    this.gapMs = this.windowMs / this.perSecond;
  }

  /**
   * Reserves the chat for one send: 0 when it may be sent to now (it stays reserved until
   * `chatSent` or `releaseChat`), else the ms to wait. Never waits itself, so one chat that must
   * wait does not hold up the others.
   */
  reserveChat(chatId: string): number {
    const last = this.chats.get(chatId);
    if (last === RESERVED) return this.chatSpacingMs;
    const at = this.now();
    if (last !== undefined && at - last < this.chatSpacingMs) return this.chatSpacingMs - (at - last);
    this.chats.delete(chatId);
    this.chats.set(chatId, RESERVED);
    if (this.chats.size > MAX_CHATS) this.forgetOldChats(at);
    return 0;
  }

  /** The reserved chat's send starts now. */
  chatSent(chatId: string): void {
    this.chats.set(chatId, this.now());
  }

  /** The reserved chat was not sent to after all. */
  releaseChat(chatId: string): void {
    if (this.chats.get(chatId) === RESERVED) this.chats.delete(chatId);
  }

  /**
   * Waits for a send slot: the window has room and no pause runs. Gives up (ok: false, with when
   * to try again) when that is more than `maxWaitMs` away or `cancelled()` turns true.
   */
  async acquire(options: { maxWaitMs: number; cancelled?: () => boolean }): Promise<{ ok: true } | { ok: false; retryAt: number }> {
    const giveUpAt = this.now() + options.maxWaitMs;
    for (;;) {
      const at = this.now();
      if (options.cancelled?.()) return { ok: false, retryAt: at };
      while (this.starts.length > 0 && this.starts[0]! <= at - this.windowMs) this.starts.shift();
      const windowFreeAt = this.starts.length < this.perSecond ? at : this.starts[0]! + this.windowMs;
      const readyAt = Math.max(at, this.pausedUntil, this.lastStart + this.gapMs, windowFreeAt);
      if (readyAt <= at) {
        this.starts.push(at);
        this.lastStart = at;
        return { ok: true };
      }
      if (readyAt > giveUpAt) return { ok: false, retryAt: readyAt };
      // Check and take happen in one synchronous step after the sleep, so waiters never over-book.
      await sleep(Math.max(1, readyAt - at));
    }
  }

  /** After a 429: no send starts before `untilMs`. */
  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }

  /** When the current pause ends (0 = none). */
  get pauseEndsAt(): number {
    return this.pausedUntil > this.now() ? this.pausedUntil : 0;
  }

  private forgetOldChats(at: number): void {
    for (const [chat, last] of this.chats) {
      if (this.chats.size <= MAX_CHATS) break;
      if (last !== RESERVED && at - last >= this.chatSpacingMs) this.chats.delete(chat);
    }
  }
}

/**
 * The announcement sender: a job that works through the delivery rows (`announcement_deliveries`)
 * in the database, so that it survives restarts and runs in one replica at a time.
 *
 * - Only the holder of the `outreach-sender` lease sends (the pace is per process). The lease is
 *   renewed every third of its length; a replica that dies loses it after `leaseMs` and another
 *   takes over.
 * - The rows are leased jobs (`store/leased-jobs.ts`, the mechanism of the inbox too): each is
 *   claimed (`sending`, leased for `leaseMs` and renewed with the sender lease) before its message
 *   goes out and marked (`delivered`, `blocked`, `failed`) right after, one row at a time: a
 *   restart never sends a delivered row again, and a dead sender's rows are taken again once their
 *   lease runs out. The one gap, which no messaging API lets us close (there is no idempotency
 *   key): a crash after the platform took a message and before its row was marked. That row is
 *   sent again after the restart, so a recipient can get one duplicate, and only for the few
 *   messages in flight at the crash (at most `concurrency` per channel).
 * - Pace: `SendThrottle` per channel (TELEGRAM_SEND_PER_SECOND, default 25, and 1 per second per
 *   chat; ZALO_SEND_PER_SECOND, default 5). A 429 pauses the channel for `retry_after` and the row
 *   goes back to the queue, due no earlier than that. Network errors and 5xx are retried with a
 *   growing delay with jitter (`nextTry`, `maxAttempts` takes, crashes included); a user who
 *   blocked the bot is unsubscribed at once.
 *
 * ```ts
 * const worker = new SendWorker({ store, senders, perSecond: { telegram: 25, zalo: 5 }, cipher, logger });
 * worker.start();
 * worker.wake(); // after queueing an announcement
 * await worker.stop();
 * ```
 */
import crypto from "node:crypto";
import type { ChannelName } from "../conversation/message.js";
import { describeError } from "../errors.js";
import type { OutboundSender } from "../channels/outbound.js";
import type { Logger } from "../logger.js";
import { retry } from "../retry/backoff.js";
import { exhausted, nextTry, type JobTaker, type RetryPolicy } from "../store/leased-jobs.js";
import { SENDER_LEASE, type ClaimedDelivery, type DeliveryOutcome, type OutreachStore, type Subscription } from "../store/outreach-store.js";
import type { ChatIdCipher } from "../privacy/chat-id-cipher.js";
import { SendThrottle } from "./send-throttle.js";

export interface SendWorkerSettings {
  store: OutreachStore;
  /** One sender per channel that is on. */
  senders: Partial<Record<ChannelName, OutboundSender>>;
  /** Messages per second per channel; default 25 (Telegram) and 5 (Zalo). */
  perSecond?: Partial<Record<ChannelName, number>>;
  cipher: ChatIdCipher;
  logger: Logger;
  /** This process's name for the lease; default `sender-<random>`. */
  holder?: string;
  /** Lease length; default 30000 ms. A dead sender is replaced after at most this long. */
  leaseMs?: number;
  /** How often to look for due rows when idle; default 2000 ms (`wake()` cuts it short). */
  pollMs?: number;
  /** Rows claimed at once; default 100. */
  batchSize?: number;
  /** Messages in flight at once per channel; default 4. */
  concurrency?: number;
  /** Takes of a row that keeps failing (network, 5xx) or whose sender keeps dying, before it counts as failed; default 5. */
  maxAttempts?: number;
  /** Least time between two messages to one chat; default 1100 ms. */
  chatSpacingMs?: number;
  /** Rate window; default 1100 ms (see `SendThrottle`). */
  windowMs?: number;
  /** Longest wait for a send slot inside a batch before the row goes back to the queue; default 2000 ms. */
  maxSlotWaitMs?: number;
  /** Called after each settled send (tests, metrics). Never receives the chat id or the text. */
  onOutcome?: (event: { channel: string; status: DeliveryOutcome["status"] }) => void;
}

const DEFAULT_PER_SECOND: Record<ChannelName, number> = { telegram: 25, zalo: 5 };
/** Marking a row: a few quick tries, a message having gone out already. */
const STORE_RETRY = { attempts: 5, baseMs: 200, maxMs: 1600 };

export class SendWorker {
  readonly holder: string;
  private readonly throttles = new Map<string, SendThrottle>();
  private readonly messages = new Map<string, string>();
  private readonly leaseMs: number;
  private readonly taker: JobTaker;
  private readonly policy: RetryPolicy;
  private leaseUntil = 0;
  private loop: Promise<void> | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private wakeIdle: (() => void) | undefined;
  private woken = false;

  constructor(private readonly settings: SendWorkerSettings) {
    this.holder = settings.holder ?? `sender-${crypto.randomBytes(6).toString("hex")}`;
    this.leaseMs = settings.leaseMs ?? 30_000;
    this.taker = { owner: this.holder, leaseMs: this.leaseMs };
    // 2 s, 4 s, 8 s … at most 5 minutes.
    this.policy = { maxAttempts: settings.maxAttempts ?? 5, backoff: { baseMs: 2000, maxMs: 5 * 60_000 } };
    for (const channel of Object.keys(settings.senders) as ChannelName[]) {
      this.throttles.set(
        channel,
        new SendThrottle({
          perSecond: settings.perSecond?.[channel] ?? DEFAULT_PER_SECOND[channel],
          windowMs: settings.windowMs,
          chatSpacingMs: settings.chatSpacingMs,
        }),
      );
    }
  }

  /** Starts the job in the background (idempotent). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
    // The lease is renewed on its own clock, so a long batch (or a 429 pause) never lets it lapse.
    this.renewTimer = setInterval(() => void this.renewLease(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.renewTimer.unref();
  }

  /** Looks for due rows now (after an announcement was queued). */
  wake(): void {
    this.woken = true;
    this.wakeIdle?.();
  }

  /** Finishes the sends in flight, puts the rest back, releases the lease. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    clearInterval(this.renewTimer);
    await this.loop;
    this.loop = undefined;
    // Rows still held (none, normally: each is marked before the loop ends) are due at once for the next sender.
    await this.settings.store.releaseDeliveries(this.holder).catch(() => undefined);
    if (this.leaseUntil > 0) {
      this.leaseUntil = 0;
      await this.settings.store.releaseLease(SENDER_LEASE, this.holder).catch(() => undefined);
    }
  }

  /** True while this process holds the lease with time to spare for one more send. */
  private get leaseSafe(): boolean {
    // A send takes up to 15 s; starting one later than that before expiry could overlap a successor.
    return Date.now() < this.leaseUntil - Math.min(15_000, this.leaseMs / 3);
  }

  private async renewLease(): Promise<boolean> {
    if (this.stopping) return false;
    try {
      const now = new Date();
      const held = await this.settings.store.acquireLease(SENDER_LEASE, this.holder, this.leaseMs, now);
      if (held && this.leaseUntil === 0) this.settings.logger.info({ holder: this.holder }, "outreach sender lease taken");
      this.leaseUntil = held ? now.getTime() + this.leaseMs : 0;
      // The rows being sent are held as long as the sender lease.
      if (held) await this.settings.store.renewDeliveries(this.taker);
      return held;
    } catch (error) {
      this.settings.logger.warn({ err: describeError(error) }, "outreach sender lease not renewed");
      return this.leaseSafe;
    }
  }

  private async run(): Promise<void> {
    const pollMs = this.settings.pollMs ?? 2000;
    while (!this.stopping) {
      let busy = false;
      try {
        if (this.leaseSafe || (await this.renewLease())) busy = await this.once();
      } catch (error) {
        this.settings.logger.warn({ err: describeError(error) }, "outreach send round failed; retrying");
      }
      if (!busy && !this.stopping) await this.idle(pollMs);
    }
  }

  /** One claim-and-send round; false when nothing was due. */
  private async once(): Promise<boolean> {
    const { store } = this.settings;
    const batch = await store.claimDeliveries(this.taker, this.settings.batchSize ?? 100);
    if (batch.length === 0) {
      const finished = await store.finishAnnouncements(new Date());
      if (finished > 0) this.settings.logger.info({ announcements: finished }, "announcements sent");
      return false;
    }
    const [subscriptions] = await Promise.all([store.subscriptionsOf(batch.map((d) => d.userKey)), this.loadMessages(batch)]);
    const byChannel = new Map<string, ClaimedDelivery[]>();
    for (const delivery of batch) byChannel.set(delivery.channel, [...(byChannel.get(delivery.channel) ?? []), delivery]);
    await Promise.all([...byChannel].map(([channel, rows]) => this.sendChannel(channel, rows, subscriptions)));
    await store.finishAnnouncements(new Date());
    return true;
  }

  private async loadMessages(batch: ClaimedDelivery[]): Promise<void> {
    const missing = [...new Set(batch.map((d) => d.announcementId))].filter((id) => !this.messages.has(id));
    if (missing.length === 0) return;
    const loaded = await this.settings.store.announcementMessages(missing);
    for (const [id, message] of loaded) this.messages.set(id, message);
    // Announcements are few; a bounded cache is plenty.
    while (this.messages.size > 1000) this.messages.delete(this.messages.keys().next().value!);
  }

  private async sendChannel(channel: string, rows: ClaimedDelivery[], subscriptions: Map<string, Subscription>): Promise<void> {
    const queue = [...rows];
    const lanes = Math.max(1, Math.min(this.settings.concurrency ?? 4, queue.length));
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        for (let row = queue.shift(); row; row = queue.shift()) await this.deliver(row, subscriptions.get(row.userKey));
      }),
    );
  }

  private async deliver(row: ClaimedDelivery, subscription: Subscription | undefined): Promise<void> {
    const now = () => new Date();
    const sender = this.settings.senders[row.channel as ChannelName];
    const throttle = this.throttles.get(row.channel);
    if (this.stopping || !this.leaseSafe) return this.mark(row, { status: "pending", nextAttemptAt: now(), countAttempt: false });
    if (!sender || !throttle) return this.mark(row, { status: "skipped", error: "channel is off" });
    if (exhausted(row.attempts, this.policy)) {
      // Taken again after its sender died each time: never let one row loop.
      this.settings.logger.warn({ channel: row.channel, attempts: row.attempts }, "announcement message given up after repeated takes");
      return this.mark(row, { status: "failed", error: "given up after repeated takes" });
    }
    // Opted out (or blocked) after the announcement was confirmed: nothing is sent.
    if (!subscription || subscription.channel !== row.channel) return this.mark(row, { status: "skipped", error: "no longer subscribed" });
    const message = this.messages.get(row.announcementId);
    if (!message) return this.mark(row, { status: "skipped", error: "announcement missing" });
    let chatId: string;
    try {
      chatId = this.settings.cipher.decrypt(subscription.chatRef);
    } catch {
      // Encrypted under another salt (STATS_SALT changed): this subscriber cannot be reached.
      return this.mark(row, { status: "skipped", error: "chat id unreadable" });
    }

    const chatWait = throttle.reserveChat(chatId);
    if (chatWait > 0) return this.mark(row, { status: "pending", nextAttemptAt: new Date(Date.now() + chatWait), countAttempt: false });
    const slot = await throttle.acquire({ maxWaitMs: this.settings.maxSlotWaitMs ?? 2000, cancelled: () => this.stopping || !this.leaseSafe });
    if (!slot.ok) {
      throttle.releaseChat(chatId);
      return this.mark(row, { status: "pending", nextAttemptAt: new Date(slot.retryAt), countAttempt: false });
    }
    throttle.chatSent(chatId);
    const outcome = await sender.send(chatId, message);
    switch (outcome.kind) {
      case "sent":
        return this.mark(row, { status: "delivered", at: now() });
      case "blocked":
        await this.mark(row, { status: "blocked", error: outcome.detail });
        await this.settings.store.removeSubscription(row.userKey, "blocked", now()).catch((error: unknown) => {
          this.settings.logger.warn({ channel: row.channel, err: describeError(error) }, "blocked subscriber not removed; retried at the next announcement");
        });
        this.settings.logger.info({ channel: row.channel }, "subscriber blocked the bot: unsubscribed");
        return;
      case "rate_limited": {
        // The platform's word wins over our pacing: nothing on this channel goes out before it.
        const until = Date.now() + outcome.retryAfterSeconds * 1000;
        throttle.pause(until);
        this.settings.logger.warn({ channel: row.channel, retryAfterSeconds: outcome.retryAfterSeconds }, "rate limited by the platform: sending paused");
        return this.mark(row, { status: "pending", nextAttemptAt: new Date(until), countAttempt: false, error: "rate limited" });
      }
      case "failed": {
        const next = nextTry(row.attempts, this.policy, outcome.retryable);
        if (next.retry) return this.mark(row, { status: "pending", nextAttemptAt: new Date(Date.now() + next.delayMs), countAttempt: true, error: outcome.detail });
        this.settings.logger.warn({ channel: row.channel, attempts: row.attempts, retryable: outcome.retryable }, "announcement message not delivered");
        return this.mark(row, { status: "failed", error: outcome.detail });
      }
    }
  }

  /** Marks a row, retrying the store briefly: a send that succeeded must not stay unmarked. */
  private async mark(row: ClaimedDelivery, outcome: DeliveryOutcome): Promise<void> {
    try {
      const held = await retry(() => this.settings.store.markDelivery(row.id, this.holder, outcome), STORE_RETRY);
      if (!held) this.settings.logger.warn({ channel: row.channel, status: outcome.status }, "delivery was taken over by another sender before it was marked");
      this.settings.onOutcome?.({ channel: row.channel, status: outcome.status });
    } catch (error) {
      // Left `sending`: taken again once its lease runs out, so at worst one duplicate (see the file comment).
      this.settings.logger.error({ channel: row.channel, err: describeError(error) }, "delivery not marked");
    }
  }

  private async idle(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeIdle = done;
    });
    this.wakeIdle = undefined;
    this.woken = false;
  }
}

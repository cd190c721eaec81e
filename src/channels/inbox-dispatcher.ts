/**
 * Answers the updates kept in the durable inbox (`store/inbox-store.ts`). Channels hand it every
 * update (`accept`, the `InboundSink` seam); it stores the update before the webhook answers, then
 * works out and sends the answer in the background:
 *
 * - On the fast path the storing process takes the row itself and answers at once.
 * - A sweep (on start, every `sweepMs`, and when room frees up) takes what nobody is answering:
 *   rows left by a dead process once their lease has run out, rows of this replica's previous run
 *   at once, rows waiting for a retry, rows stored while this process was full.
 * - One chat's updates are answered in arrival order (the store only hands out a chat's oldest).
 * - The records of an answer are written before its replies are sent (`beforeSend`), and record ids
 *   derive from the delivery key, so an answer repeated after a crash is recorded once.
 * - A failing send is retried (`maxAttempts`, growing delay with jitter: `nextTry` of the leased
 *   jobs the announcement queue shares); then the row is given up on.
 * - Exactly-once has one unavoidable gap: a crash after the platform took the reply and before the
 *   row is deleted sends that reply again after the restart.
 *
 * ```ts
 * const dispatcher = new InboxDispatcher({ inbox, onMessage, logger, replicaId: "bot-1" });
 * const channels = createChannels(config.channels, { logger, inbound: dispatcher });
 * dispatcher.attach(channels);
 * await dispatcher.start();
 * // SIGTERM:
 * await dispatcher.stop(6000);
 * ```
 */
import crypto from "node:crypto";
import { MAX_QUESTION_CHARS } from "../answering/answer-engine.js";
import { AppError, describeError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../observability/metrics.js";
import { maskPersonalData } from "../privacy/masking.js";
import { retry } from "../retry/backoff.js";
import type { InboxItem, InboxStore, InboxTaker } from "../store/inbox-store.js";
import { exhausted, nextTry, type RetryPolicy } from "../store/leased-jobs.js";
import type { Channel, InboundSink, SendProgress } from "./channel.js";
import type { ChannelName, ConversationChannel, IncomingMessage, MessageHandler, Reply } from "../conversation/message.js";

/** The update could not be stored (database down, or shutting down): the platform must re-send it. */
export class InboxUnavailableError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("unavailable", message, options);
  }
}

export interface InboxDispatcherSettings {
  inbox: InboxStore;
  /** The conversation (behind the per-user limit). */
  onMessage: MessageHandler;
  logger: Logger;
  /** This process's name among replicas (REPLICA_ID). */
  replicaId: string;
  /** Lease of a row being answered, renewed every third of it; default 60000 ms. */
  leaseMs?: number;
  /** How often rows nobody answers are looked for; default 2000 ms. */
  sweepMs?: number;
  /** Updates answered at once by this process at most; beyond, rows wait in the store. Default 500. */
  maxInFlight?: number;
  /** Tries per update before it is given up on; default 3. */
  maxAttempts?: number;
  /** Delay before the second try (less jitter), multiplied by 4 for each further one; default 2000 ms. */
  retryDelayMs?: number;
  /**
   * True for a message whose text is stored as it came; every other text is masked before it is
   * stored (phones, ID numbers, e-mails: `maskPersonalData`). The staff group is the exception:
   * a staff reply carries the office numbers the asker needs. Default: mask every text.
   */
  keepTextOf?: (message: IncomingMessage) => boolean;
  /** Runs after an answer is worked out and before it is sent: writes its records. */
  beforeSend?: () => Promise<void>;
  /** Finished rows (only their key left, to recognise repeats) are deleted after this many days; default 7. */
  keepFinishedDays?: number;
  metrics?: Metrics;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Marking a row finished: a few quick tries, the reply having gone out already. */
const STORE_RETRY = { attempts: 5, baseMs: 200, maxMs: 1600 };
/** At most one sweep failure warning per this many ms. */
const SWEEP_LOG_MS = 30_000;

export class InboxDispatcher implements InboundSink {
  /** `<replicaId>#<random>`: unique to this run of the process. */
  readonly owner: string;
  private readonly take: InboxTaker;
  private readonly channels = new Map<ChannelName, Channel>();
  private readonly running = new Set<Promise<void>>();
  /**
   * Replies worked out but not delivered yet, by row, with how many platform messages already
   * went out: a retry in this process sends the rest instead of asking the conversation twice
   * (which would count the message twice against the user's limit). After a restart the
   * conversation answers again, under the same record id, and the whole answer is sent.
   */
  private readonly undelivered = new Map<number, { replies: Reply[]; progress: SendProgress }>();
  private readonly maxInFlight: number;
  private readonly policy: RetryPolicy;
  private closed = false;
  private started = false;
  private timers: NodeJS.Timeout[] = [];
  private sweeping: Promise<void> | undefined;
  private sweepQueued = false;
  /** An update was stored without being taken for want of room: sweep when room frees up. */
  private deferred = false;
  private lastSweepLog = 0;

  constructor(private readonly settings: InboxDispatcherSettings) {
    this.owner = `${settings.replicaId}#${crypto.randomBytes(6).toString("hex")}`;
    this.take = { replica: settings.replicaId, owner: this.owner, leaseMs: settings.leaseMs ?? 60_000 };
    this.maxInFlight = Math.max(1, settings.maxInFlight ?? 500);
    const retryDelayMs = settings.retryDelayMs ?? 2000;
    this.policy = { maxAttempts: Math.max(1, settings.maxAttempts ?? 3), backoff: { baseMs: retryDelayMs, factor: 4, maxMs: Math.max(retryDelayMs, 5 * 60_000) } };
    settings.metrics?.setInboxDepth(() => settings.inbox.depth());
  }

  /** Updates this process is answering now. */
  get inFlight(): number {
    return this.running.size;
  }

  /** The channels replies go out through (created after the dispatcher, which they need). */
  attach(channels: Channel[]): void {
    for (const channel of channels) this.channels.set(channel.name, channel);
  }

  /** Takes back this replica's rows from an earlier run, answers what is due, starts the timers. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const { inbox, logger } = this.settings;
    try {
      const recovered = await inbox.recoverReplica(this.take);
      if (recovered > 0) logger.info({ recovered }, "inbox: unanswered updates of the previous run taken back");
    } catch (error) {
      logger.warn({ err: describeError(error) }, "inbox: recovery failed; the sweep will retry");
    }
    await this.sweep();
    const every = (ms: number, task: () => void) => {
      const timer = setInterval(task, ms);
      // The timers must never keep the process alive on their own.
      timer.unref();
      this.timers.push(timer);
    };
    every(this.settings.sweepMs ?? 2000, () => void this.sweep());
    every(Math.max(1000, Math.floor(this.take.leaseMs / 3)), () => void this.renew());
    every(60 * 60 * 1000, () => void this.pruneFinished());
  }

  async accept(message: IncomingMessage): Promise<"accepted" | "duplicate"> {
    const { metrics } = this.settings;
    if (this.closed) {
      metrics?.requests.inc({ channel: message.channel, outcome: "refused" });
      throw new InboxUnavailableError("inbox closed: shutting down");
    }
    const room = this.running.size < this.maxInFlight;
    let result;
    try {
      // Masked before it is stored: no text before masking ever reaches the database.
      // (Cut first: masking then works on at most one question's length.)
      const clipped = clip(message);
      result = await this.settings.inbox.add(this.settings.keepTextOf?.(clipped) ? clipped : maskText(clipped), room ? this.take : undefined);
    } catch (error) {
      metrics?.requests.inc({ channel: message.channel, outcome: "refused" });
      throw new InboxUnavailableError("update not stored", { cause: error });
    }
    if (result.status === "duplicate") {
      metrics?.requests.inc({ channel: message.channel, outcome: "duplicate" });
      return "duplicate";
    }
    metrics?.requests.inc({ channel: message.channel, outcome: "accepted" });
    if (result.item) this.run(result.item);
    else if (!room) this.deferred = true;
    return "accepted";
  }

  /**
   * Stops taking updates (`accept` then rejects), waits up to `timeoutMs` for the answers under
   * way, and gives back the rows not finished so that another replica or the next run answers
   * them. True when everything under way finished.
   */
  async stop(timeoutMs = 6000): Promise<boolean> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.sweeping;
    const finished = await this.idle(timeoutMs);
    const released = await this.settings.inbox.release(this.owner).catch((error: unknown) => {
      this.settings.logger.warn({ err: describeError(error) }, "inbox: rows not given back on stop; their lease will run out");
      return 0;
    });
    if (!finished || released > 0) this.settings.logger.warn({ pending: this.running.size, released }, "inbox: stopped with updates unanswered; they are answered after the restart");
    return finished;
  }

  /** Resolves when nothing is being answered, or after `timeoutMs` (false then). */
  async idle(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, left)));
      await Promise.race([Promise.allSettled([...this.running]), timeout]);
      clearTimeout(timer);
    }
    return true;
  }

  // === answering

  private run(item: InboxItem): void {
    const task: Promise<void> = this.process(item)
      .catch((error: unknown) => this.settings.logger.error({ channel: item.message.channel, err: describeError(error) }, "inbox: update handling failed"))
      .finally(() => {
        this.running.delete(task);
        this.settings.metrics?.inFlight.set(this.running.size);
        if (this.deferred && !this.closed) {
          this.deferred = false;
          this.sweepSoon();
        }
      });
    this.running.add(task);
    this.settings.metrics?.inFlight.set(this.running.size);
  }

  /** Answers the item, then the chat's later updates as the store hands them over. */
  private async process(first: InboxItem): Promise<void> {
    let item: InboxItem | undefined = first;
    while (item) item = await this.processOne(item);
  }

  /** Answers one item; returns the chat's next item when it was taken for this process. */
  private async processOne(item: InboxItem): Promise<InboxItem | undefined> {
    const { logger, metrics } = this.settings;
    const message = item.message;
    // Web chat and /api/chat messages are answered in the request, never through the inbox.
    const channel = isChatPlatform(message.channel) ? this.channels.get(message.channel) : undefined;
    if (!channel) {
      logger.error({ channel: message.channel }, "inbox: update of a channel that is off given up");
      return this.finish(item, "failed");
    }
    if (exhausted(item.attempts, this.policy)) {
      // Taken again after its process died each time (or failed each time): never let one update loop.
      logger.error({ channel: message.channel, attempts: item.attempts }, "inbox: update given up after repeated attempts");
      metrics?.answers.inc({ channel: message.channel, outcome: "failed" });
      return this.finish(item, "failed");
    }
    try {
      let pending = this.undelivered.get(item.seq);
      if (!pending) {
        const replies = await this.settings.onMessage(message, {
          supportsButtons: channel.supportsButtons,
          typing: () => channel.typing(message.chatId),
        });
        pending = { replies, progress: { sent: 0 } };
        this.undelivered.set(item.seq, pending);
        // A row retried by another replica never comes back here: keep the map bounded.
        if (this.undelivered.size > 10_000) this.undelivered.delete(this.undelivered.keys().next().value!);
        // The records go first: a crash from here on repeats the answer, never loses its record.
        await this.settings.beforeSend?.();
      }
      if (pending.replies.length > 0) {
        try {
          // A retry sends only the parts of a long answer the platform has not taken yet.
          await channel.send(message.chatId, pending.replies, pending.progress);
        } catch (error) {
          metrics?.sendFailures.inc({ channel: message.channel });
          throw error;
        }
      }
    } catch (error) {
      return this.retryOrFail(item, error);
    }
    metrics?.deliverySeconds.observe({ channel: message.channel }, Math.max(0, Date.now() - item.receivedMs) / 1000);
    return this.finish(item, "done");
  }

  private async retryOrFail(item: InboxItem, error: unknown): Promise<InboxItem | undefined> {
    const { logger, metrics } = this.settings;
    const channel = item.message.channel;
    const next = nextTry(item.attempts, this.policy);
    if (!next.retry) {
      logger.error({ channel, attempts: item.attempts, err: describeError(error) }, "inbox: reply not delivered, update given up");
      metrics?.answers.inc({ channel, outcome: "failed" });
      return this.finish(item, "failed");
    }
    if (this.closed) {
      // Shutting down: the row goes back with the others in stop().
      logger.warn({ channel, err: describeError(error) }, "inbox: reply not delivered during shutdown; answered after the restart");
      return undefined;
    }
    const delayMs = next.delayMs;
    logger.warn({ channel, attempt: item.attempts, retryInMs: delayMs, err: describeError(error) }, "inbox: reply not delivered, will retry");
    await this.settings.inbox.retryLater(item, this.owner, delayMs).catch((storeError: unknown) => {
      logger.warn({ err: describeError(storeError) }, "inbox: retry not scheduled; the lease will run out instead");
    });
    return undefined;
  }

  /** Marks the item finished, retrying the store briefly; returns the chat's next item if taken. */
  private async finish(item: InboxItem, outcome: "done" | "failed"): Promise<InboxItem | undefined> {
    const { inbox, logger } = this.settings;
    this.undelivered.delete(item.seq);
    try {
      const result = await retry(() => inbox.finish(item, outcome, this.take, !this.closed), STORE_RETRY);
      if (!result.finished) logger.warn({ channel: item.message.channel }, "inbox: update was taken over by another process before it was finished");
      return result.next;
    } catch (error) {
      // The reply went out but the row stays: it will be answered again after its lease (one duplicate).
      logger.error({ channel: item.message.channel, err: describeError(error) }, "inbox: answered update not marked done");
      return undefined;
    }
  }

  // === background work

  private sweepSoon(): void {
    if (this.sweepQueued) return;
    this.sweepQueued = true;
    setImmediate(() => {
      this.sweepQueued = false;
      void this.sweep();
    });
  }

  private sweep(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.sweeping) return this.sweeping;
    const room = this.maxInFlight - this.running.size;
    if (room <= 0) {
      this.deferred = true;
      return Promise.resolve();
    }
    this.sweeping = (async () => {
      try {
        const items = await this.settings.inbox.claimDue(this.take, room);
        for (const item of items) this.run(item);
      } catch (error) {
        const now = Date.now();
        if (now - this.lastSweepLog >= SWEEP_LOG_MS) {
          this.lastSweepLog = now;
          this.settings.logger.warn({ err: describeError(error) }, "inbox: sweep failed; will retry");
        }
      }
    })().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async renew(): Promise<void> {
    if (this.running.size === 0) return;
    await this.settings.inbox.renew(this.take).catch((error: unknown) => {
      this.settings.logger.warn({ err: describeError(error) }, "inbox: lease not renewed");
    });
  }

  private async pruneFinished(): Promise<void> {
    const days = this.settings.keepFinishedDays ?? 7;
    await this.settings.inbox.pruneFinished(new Date(Date.now() - days * DAY_MS)).catch(() => undefined);
  }
}

/** The message with its text masked (phones, ID numbers, e-mails). */
function maskText(message: IncomingMessage): IncomingMessage {
  return message.text === undefined ? message : { ...message, text: maskPersonalData(message.text) };
}

/**
 * The update as stored: text beyond the longest question is cut (one character over, so it is
 * still refused as too long) — a 1 MB message must not be copied into the database.
 */
function clip(message: IncomingMessage): IncomingMessage {
  if (message.text === undefined || message.text.length <= MAX_QUESTION_CHARS + 1) return message;
  return { ...message, text: message.text.slice(0, MAX_QUESTION_CHARS + 1) };
}

/** True for the chat platforms, which can be written to later (replies from the inbox, announcements, staff answers). */
function isChatPlatform(channel: ConversationChannel): channel is ChannelName {
  return channel === "telegram" || channel === "zalo";
}

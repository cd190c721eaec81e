/**
 * Where a channel puts an accepted update so the webhook can answer the platform at once and the
 * (possibly slow) answer is worked out afterwards. Updates of one chat run one after the other, in
 * arrival order, as the platforms deliver them; different chats run side by side.
 *
 * Why not answer inside the webhook request: grammY's webhook times out after 10 s and Telegram
 * re-sends anything slower, while an LLM answer may take up to `LLM_TIMEOUT_MS` (15 s by default).
 */
import type { Logger } from "../logger.js";
import { describeError } from "../errors.js";

export interface InboundQueueSettings {
  /** Channel name, for logs. */
  channel: string;
  logger: Logger;
  /** Most tasks waiting or running at once; beyond it `push` refuses (the webhook then says 503). Default 1000. */
  maxPending?: number;
}

export class InboundQueue {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly settings: InboundQueueSettings) {}

  /** Tasks waiting or running. */
  get size(): number {
    return this.running.size;
  }

  /** True when `push` would refuse: a webhook should then answer 503 so the platform re-sends later. */
  get full(): boolean {
    return this.closed || this.running.size >= (this.settings.maxPending ?? 1000);
  }

  /**
   * Queues a task behind the earlier ones of the same chat. Returns false when the queue is full or
   * closed (the update was not taken). The task's errors are logged, never thrown.
   */
  push(chatKey: string, task: () => Promise<void>): boolean {
    if (this.full) return false;
    const previous = this.chains.get(chatKey) ?? Promise.resolve();
    const run = previous.then(task).catch((error: unknown) => {
      this.settings.logger.error({ channel: this.settings.channel, err: describeError(error) }, "message handling failed");
    });
    this.chains.set(chatKey, run);
    this.running.add(run);
    void run.finally(() => {
      this.running.delete(run);
      if (this.chains.get(chatKey) === run) this.chains.delete(chatKey);
    });
    return true;
  }

  /** Refuses new tasks and waits for the queued ones, at most `timeoutMs`. True when all finished. */
  async close(timeoutMs = 10_000): Promise<boolean> {
    this.closed = true;
    return this.idle(timeoutMs);
  }

  /** Waits until nothing is queued, at most `timeoutMs`. */
  async idle(timeoutMs = 10_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      while (this.running.size > 0) {
        const finished = await Promise.race([Promise.all([...this.running]).then(() => true as const), deadline]);
        if (!finished) return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}

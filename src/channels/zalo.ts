/**
 * Zalo Bot Platform. Updates arrive by webhook (`POST /webhooks/zalo`, checked against
 * `X-Bot-Api-Secret-Token` in constant time; both body shapes, wrapped `{ ok, result }` and bare)
 * or by a `getUpdates` long-polling loop with exponential backoff. The webhook answers 200 as soon
 * as the event is queued and the answer follows. Zalo has no buttons: choices become a numbered
 * list (the conversation maps a reply "1", "2"… back), feedback is asked as
 * "Trả lời 1 nếu hữu ích, 2 nếu chưa", and text longer than 2,000 characters is split.
 *
 * ```ts
 * const zalo = createZaloChannel({ token, apiRoot, mode: "webhook", webhookSecret, publicUrl, logger, onMessage });
 * app.use(channelWebhookRouter([zalo.webhook!]));   // server/channel-webhooks.ts
 * await zalo.start();
 * ```
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { IncomingMessage, Reply, UnsupportedKind } from "../conversation/message.js";
import { describeError } from "../errors.js";
import { channelRepliesVi } from "../messages-vi.js";
import type { Channel, ChannelSettings, ChannelWebhook, SendProgress } from "./channel.js";
import { InboundQueue } from "./inbound-queue.js";
import { InboxUnavailableError } from "./inbox-dispatcher.js";
import { splitMessage } from "./split-message.js";
import { secretHeaderMatches } from "./webhook-secret.js";
import { createZaloClient, ZaloApiError, zaloWebhookBodySchema, type ZaloClient, type ZaloEvent } from "./zalo-client.js";

/** Zalo's limit for one message's text. */
export const ZALO_MAX_MESSAGE_LENGTH = 2000;
const SECRET_HEADER = "X-Bot-Api-Secret-Token";
/** Long-poll length of one getUpdates call, in seconds. */
const POLL_SECONDS = 30;
const MAX_BACKOFF_MS = 60_000;
const SEND_ATTEMPTS = 3;

const UNSUPPORTED_EVENTS: Record<string, UnsupportedKind> = {
  "message.image.received": "image",
  "message.sticker.received": "sticker",
  "message.voice.received": "voice",
};

export function createZaloChannel(settings: ChannelSettings): Channel {
  return new ZaloChannel(settings);
}

class ZaloChannel implements Channel {
  readonly name = "zalo" as const;
  readonly maxMessageLength = ZALO_MAX_MESSAGE_LENGTH;
  readonly supportsButtons = false;
  readonly mode: ChannelSettings["mode"];
  readonly webhook?: ChannelWebhook;

  private readonly client: ZaloClient;
  private readonly queue: InboundQueue;
  private readonly stopping = new AbortController();
  private polling: Promise<void> | undefined;

  constructor(private readonly settings: ChannelSettings) {
    this.mode = settings.mode;
    this.client = createZaloClient({ token: settings.token, apiRoot: settings.apiRoot });
    this.queue = new InboundQueue({ channel: this.name, logger: settings.logger });
    if (settings.mode === "webhook") {
      if (!settings.webhookSecret) throw new Error("ZALO_WEBHOOK_SECRET is required in webhook mode");
      const secret = settings.webhookSecret;
      this.webhook = {
        path: "/webhooks/zalo",
        authorize: (headers) => secretHeaderMatches(headers, SECRET_HEADER, secret),
        handle: async ({ body }) => {
          const parsed = zaloWebhookBodySchema.safeParse(body);
          if (!parsed.success) {
            return { status: 400, body: { error: { code: "bad_request", message: "Body is not a Zalo event" } } };
          }
          const incoming = fromEvent(parsed.data);
          if (settings.inbound) {
            try {
              // Stored before Zalo hears "received"; if storing fails, a 5xx asks for the event again.
              if (incoming) await settings.inbound.accept(incoming);
              return { status: 200, body: { ok: true } };
            } catch (error) {
              if (!(error instanceof InboxUnavailableError)) throw error;
              settings.logger.warn({ channel: this.name, err: describeError(error) }, "event not stored: asked Zalo to re-send it");
              return { status: 503, headers: { "Retry-After": "5" }, body: { error: { code: "unavailable", message: "Event not stored; send it again later" } } };
            }
          }
          if (this.queue.full) {
            return { status: 503, body: { error: { code: "busy", message: "Too many events in progress" } } };
          }
          this.accept(parsed.data);
          // Answered at once: the reply is sent by the queue, not within this request.
          return { status: 200, body: { ok: true } };
        },
      };
    }
  }

  async start(): Promise<void> {
    const { logger } = this.settings;
    if (this.mode === "webhook") {
      if (!this.settings.publicUrl) {
        logger.warn({ channel: this.name }, "webhook mode without PUBLIC_URL: webhook not registered, set it with the platform yourself");
        return;
      }
      await this.client.setWebhook({ url: `${this.settings.publicUrl}/webhooks/zalo`, secretToken: this.settings.webhookSecret! });
      logger.info({ channel: this.name, mode: this.mode }, "webhook registered");
      return;
    }
    // getUpdates answers nothing while a webhook is set.
    await this.client.deleteWebhook().catch((error: unknown) => {
      logger.warn({ channel: this.name, err: describeError(error) }, "deleteWebhook failed before polling");
    });
    this.polling = this.pollLoop(this.stopping.signal);
    logger.info({ channel: this.name, mode: this.mode }, "polling started");
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.polling;
    const finished = await this.queue.close();
    if (!finished) this.settings.logger.warn({ channel: this.name, pending: this.queue.size }, "stopped with messages still being answered");
  }

  async send(chatId: string, replies: Reply[], progress: SendProgress = { sent: 0 }): Promise<void> {
    let index = 0;
    for (const reply of replies) {
      for (const part of splitMessage(render(reply), this.maxMessageLength)) {
        if (index++ < progress.sent) continue;
        await this.sendWithRetry(chatId, part);
        progress.sent = index;
      }
    }
  }

  private accept(event: ZaloEvent): boolean {
    const incoming = fromEvent(event);
    // An authentic event we do not act on (no message in it): taken and dropped.
    if (!incoming) return true;
    return this.queue.push(incoming.chatId, async () => {
      const replies = await this.settings.onMessage(incoming, {
        supportsButtons: this.supportsButtons,
        typing: () => this.typing(incoming.chatId),
      });
      await this.send(incoming.chatId, replies);
    });
  }

  private async pollLoop(signal: AbortSignal): Promise<void> {
    const { logger } = this.settings;
    let failures = 0;
    while (!signal.aborted) {
      try {
        // A polled event is gone from Zalo once returned, so take no more than the queue can hold.
        while (this.queue.full && !signal.aborted) await sleep(200, undefined, { signal });
        const events = await this.client.getUpdates({ timeoutSeconds: POLL_SECONDS, signal });
        failures = 0;
        for (const event of events) {
          if (this.settings.inbound) await this.storePolled(this.settings.inbound, event, signal);
          else if (!this.accept(event)) logger.error({ channel: this.name }, "inbound queue full, polled event dropped");
        }
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        // Exponential backoff with jitter: 1 s, 2 s, 4 s … capped at a minute.
        const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - 1)) * (0.75 + Math.random() * 0.5);
        logger.warn({ channel: this.name, err: describeError(error), failures, retryInMs: Math.round(delay) }, "getUpdates failed");
        await sleep(delay, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  /**
   * A polled event is gone from Zalo once returned: keep trying to store it until it is stored or
   * the channel stops (then it is lost, as the platform offers no way to ask for it again).
   */
  private async storePolled(inbound: NonNullable<ChannelSettings["inbound"]>, event: ZaloEvent, signal: AbortSignal): Promise<void> {
    const incoming = fromEvent(event);
    if (!incoming) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await inbound.accept(incoming);
        return;
      } catch (error) {
        if (signal.aborted) {
          this.settings.logger.error({ channel: this.name, err: describeError(error) }, "polled event not stored before stop: lost");
          return;
        }
        const delay = Math.min(5000, 100 * 2 ** attempt);
        this.settings.logger.warn({ channel: this.name, attempt, retryInMs: delay, err: describeError(error) }, "polled event not stored yet, retrying");
        await sleep(delay, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  private async sendWithRetry(chatId: string, text: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.sendMessage({ chatId, text });
        return;
      } catch (error) {
        // Zalo documents no rate limits or retry hints: a few short, growing pauses, then give up.
        if (!(error instanceof ZaloApiError) || !error.retryable || attempt >= SEND_ATTEMPTS) throw error;
        await sleep(500 * 2 ** (attempt - 1));
      }
    }
  }

  async typing(chatId: string): Promise<void> {
    await this.client.sendChatAction({ chatId, action: "typing" }).catch(() => undefined);
  }
}

function fromEvent(event: ZaloEvent): IncomingMessage | undefined {
  const message = event.message;
  if (!message) return undefined;
  const chatId = message.chat.id;
  const base = {
    channel: "zalo" as const,
    platformUserId: message.from?.id ?? chatId,
    chatId,
    // message_id alone has been seen repeated across chats; the chat id makes the key unique.
    deliveryKey: `zalo:${chatId}:${message.message_id}`,
  };
  if (event.event_name === "message.text.received" && typeof message.text === "string") {
    return { ...base, kind: "text", text: message.text };
  }
  return { ...base, kind: "unsupported", unsupported: UNSUPPORTED_EVENTS[event.event_name] ?? "other" };
}

/** A reply as Zalo text: choices numbered from 1, feedback as a numbered question. */
function render(reply: Reply): string {
  const lines = [reply.text];
  if (reply.choices && reply.choices.items.length > 0) {
    lines.push("", ...reply.choices.items.map((item, i) => `${i + 1}. ${item.label}`), channelRepliesVi.numberedHint);
  }
  if (reply.feedback) lines.push("", channelRepliesVi.feedbackNumbered);
  return lines.join("\n");
}

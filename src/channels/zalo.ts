/**
 * Zalo Bot Platform. Updates arrive by webhook (`POST /webhooks/zalo`, checked against
 * `X-Bot-Api-Secret-Token` in constant time; both body shapes, wrapped `{ ok, result }` and bare)
 * or by a `getUpdates` long-polling loop with exponential backoff. Every event is stored in the
 * durable inbox (`settings.inbound`) before Zalo hears "received"; the answer follows from there.
 * Zalo has no buttons: choices become a numbered list (the conversation maps a reply "1", "2"…
 * back), feedback is asked as "Trả lời 1 nếu hữu ích, 2 nếu chưa", and text longer than 2,000
 * characters is split.
 *
 * ```ts
 * const zalo = createZaloChannel({ token, apiRoot, mode: "webhook", webhookSecret, publicUrl, logger, inbound: dispatcher });
 * app.use(channelWebhookRouter([zalo.webhook!]));   // server/channel-webhooks.ts
 * await zalo.start();
 * ```
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { IncomingMessage, Reply, UnsupportedKind } from "../conversation/message.js";
import { describeError } from "../errors.js";
import { channelRepliesVi } from "../messages-vi.js";
import { backoffDelay, retry } from "../retry/backoff.js";
import type { Channel, ChannelSettings, ChannelWebhook, SendProgress } from "./channel.js";
import { InboxUnavailableError } from "./inbox-dispatcher.js";
import { splitMessage } from "./split-message.js";
import { secretHeaderMatches } from "./webhook-secret.js";
import { createZaloClient, ZaloApiError, zaloWebhookBodySchema, type ZaloClient, type ZaloEvent } from "./zalo-client.js";

/** Zalo's limit for one message's text. */
export const ZALO_MAX_MESSAGE_LENGTH = 2000;
const SECRET_HEADER = "X-Bot-Api-Secret-Token";
/** Long-poll length of one getUpdates call, in seconds. */
const POLL_SECONDS = 30;
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
  private readonly stopping = new AbortController();
  private polling: Promise<void> | undefined;

  constructor(private readonly settings: ChannelSettings) {
    this.mode = settings.mode;
    this.client = createZaloClient({ token: settings.token, apiRoot: settings.apiRoot });
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
          try {
            // Stored before Zalo hears "received"; if storing fails, a 5xx asks for the event again.
            if (incoming) await settings.inbound.accept(incoming);
            return { status: 200, body: { ok: true } };
          } catch (error) {
            if (!(error instanceof InboxUnavailableError)) throw error;
            settings.logger.warn({ channel: this.name, err: describeError(error) }, "event not stored: asked Zalo to re-send it");
            return { status: 503, headers: { "Retry-After": "5" }, body: { error: { code: "unavailable", message: "Event not stored; send it again later" } } };
          }
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

  private async pollLoop(signal: AbortSignal): Promise<void> {
    const { logger } = this.settings;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const events = await this.client.getUpdates({ timeoutSeconds: POLL_SECONDS, signal });
        failures = 0;
        for (const event of events) await this.storePolled(event, signal);
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        // 1 s, 2 s, 4 s … capped at a minute.
        const delay = backoffDelay(failures, { baseMs: 1000, maxMs: 60_000 });
        logger.warn({ channel: this.name, err: describeError(error), failures, retryInMs: Math.round(delay) }, "getUpdates failed");
        await sleep(delay, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  /**
   * A polled event is gone from Zalo once returned: keep trying to store it until it is stored or
   * the channel stops (then it is lost, as the platform offers no way to ask for it again).
   */
  private async storePolled(event: ZaloEvent, signal: AbortSignal): Promise<void> {
    const incoming = fromEvent(event);
    if (!incoming) return;
    try {
      await retry(() => this.settings.inbound.accept(incoming), {
        baseMs: 200,
        maxMs: 5000,
        signal,
        onRetry: (error, attempt, delayMs) =>
          this.settings.logger.warn({ channel: this.name, attempt, retryInMs: delayMs, err: describeError(error) }, "polled event not stored yet, retrying"),
      });
    } catch (error) {
      this.settings.logger.error({ channel: this.name, err: describeError(error) }, "polled event not stored before stop: lost");
    }
  }

  private async sendWithRetry(chatId: string, text: string): Promise<void> {
    // Zalo documents no rate limits or retry hints: a few short, growing pauses, then give up.
    await retry(() => this.client.sendMessage({ chatId, text }), {
      attempts: SEND_ATTEMPTS,
      baseMs: 500,
      maxMs: 2000,
      retryable: (error) => error instanceof ZaloApiError && error.retryable,
    });
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

/**
 * Telegram through grammY. Updates arrive by webhook (`POST /webhooks/telegram`, checked against
 * `X-Telegram-Bot-Api-Secret-Token`) or by long polling (`bot.start`); both end in the same
 * handler, which turns the update into an `IncomingMessage` and stores it in the durable inbox
 * (`settings.inbound`) before Telegram hears "received"; the answer follows from there. Replies go out
 * as plain text (no parse mode, so nothing in an answer can be read as markup), split at 4,096
 * characters, with the main menu as a reply keyboard and other choices and 👍/👎 as inline buttons.
 * `@grammyjs/auto-retry` repeats calls answered with 429 (after `retry_after`) or 5xx.
 *
 * ```ts
 * const telegram = createTelegramChannel({ token, apiRoot, mode: "polling", logger, inbound: dispatcher });
 * await telegram.start();
 * ```
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, BotError, webhookCallback, type Context } from "grammy";
import type { Update } from "grammy/types";
import { z } from "zod";
import type { IncomingMessage, Reply, UnsupportedKind } from "../conversation/message.js";
import { describeError } from "../errors.js";
import { retry } from "../retry/backoff.js";
import { channelRepliesVi } from "../messages-vi.js";
import type { Channel, ChannelSettings, ChannelWebhook, SendProgress } from "./channel.js";
import { InboxUnavailableError } from "./inbox-dispatcher.js";
import { splitMessage } from "./split-message.js";
import { secretHeaderMatches } from "./webhook-secret.js";

/** Telegram's limit for one message's text. */
export const TELEGRAM_MAX_MESSAGE_LENGTH = 4096;
const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
const ALLOWED_UPDATES = ["message", "callback_query"] as const;

// Only what we read; an update of another kind (edited message, member change…) passes untouched.
const updateShape = z.object({ update_id: z.number().int().nonnegative() });

// The keyboard shape Telegram takes, declared here rather than importing grammY's many types.
type ReplyMarkup =
  | { keyboard: { text: string }[][]; resize_keyboard: true; is_persistent: true }
  | { inline_keyboard: { text: string; callback_data: string }[][] };

export function createTelegramChannel(settings: ChannelSettings): Channel {
  return new TelegramChannel(settings);
}

class TelegramChannel implements Channel {
  readonly name = "telegram" as const;
  readonly maxMessageLength = TELEGRAM_MAX_MESSAGE_LENGTH;
  readonly supportsButtons = true;
  readonly mode: ChannelSettings["mode"];
  readonly webhook?: ChannelWebhook;

  private readonly bot: Bot;
  private polling: Promise<void> | undefined;

  constructor(private readonly settings: ChannelSettings) {
    this.mode = settings.mode;
    this.bot = new Bot(settings.token, { client: { apiRoot: settings.apiRoot } });
    // Bounded retries: a reply waiting an hour for a rate limit is worth less than a logged failure.
    this.bot.api.config.use(autoRetry({ maxRetryAttempts: 4, maxDelaySeconds: 60 }));

    this.bot.on("message", (ctx) => this.accept(fromMessage(ctx)));
    this.bot.on("callback_query:data", async (ctx) => {
      // Stops the button's spinner at once; the answer itself follows as a message.
      ctx.answerCallbackQuery().catch(() => undefined);
      await this.accept(fromCallback(ctx));
    });
    this.bot.catch((error) => settings.logger.error({ channel: this.name, err: describeError(error.error) }, "update handling failed"));

    if (settings.mode === "webhook") {
      if (!settings.webhookSecret) throw new Error("TELEGRAM_WEBHOOK_SECRET is required in webhook mode");
      const secret = settings.webhookSecret;
      // grammY's framework-free adapter: it runs the update through the bot (with its timeout),
      // and our webhook answers the HTTP side.
      const handleUpdate = webhookCallback(this.bot, "callback", {
        secretToken: secret,
        onTimeout: "throw",
        timeoutMilliseconds: 10_000,
      });
      this.webhook = {
        path: "/webhooks/telegram",
        authorize: (headers) => secretHeaderMatches(headers, SECRET_HEADER, secret),
        handle: async ({ headers, body }) => {
          if (!updateShape.safeParse(body).success) {
            return { status: 400, body: { error: { code: "bad_request", message: "Body is not a Telegram update" } } };
          }
          try {
            const header = headers[SECRET_HEADER.toLowerCase()];
            let unauthorized = false;
            // grammY checks the secret again; the server's `authorize` has already let it through.
            await handleUpdate(body as Update, () => undefined, typeof header === "string" ? header : undefined, () => {
              unauthorized = true;
            });
            return unauthorized ? { status: 401, body: { error: { code: "unauthorized", message: "Wrong or missing secret token" } } } : { status: 200 };
          } catch (error) {
            const cause = error instanceof BotError ? error.error : error;
            if (cause instanceof InboxUnavailableError) {
              // Not stored: a 5xx makes Telegram send the update again later (possibly to another replica).
              settings.logger.warn({ channel: this.name, err: describeError(cause) }, "update not stored: asked Telegram to re-send it");
              return { status: 503, headers: { "Retry-After": "5" }, body: { error: { code: "unavailable", message: "Update not stored; send it again later" } } };
            }
            if (error instanceof BotError) {
              // An authentic update we cannot read (its secret was right): acknowledged, or Telegram would re-send it forever.
              settings.logger.warn({ channel: this.name, err: describeError(cause) }, "unreadable update acknowledged and dropped");
              return { status: 200, body: { ok: true } };
            }
            throw error;
          }
        },
      };
    }
  }

  async start(): Promise<void> {
    const { logger } = this.settings;
    await this.bot.init();
    if (this.mode === "webhook") {
      if (!this.settings.publicUrl) {
        logger.warn({ channel: this.name }, "webhook mode without PUBLIC_URL: webhook not registered, set it with the platform yourself");
        return;
      }
      await this.bot.api.setWebhook(`${this.settings.publicUrl}/webhooks/telegram`, {
        secret_token: this.settings.webhookSecret,
        allowed_updates: [...ALLOWED_UPDATES],
      });
      logger.info({ channel: this.name, mode: this.mode }, "webhook registered");
      return;
    }
    let started!: () => void;
    const ready = new Promise<void>((resolve) => (started = resolve));
    this.polling = this.bot
      .start({ allowed_updates: [...ALLOWED_UPDATES], onStart: () => started() })
      .catch((error: unknown) => {
        logger.error({ channel: this.name, err: describeError(error) }, "polling stopped by an error");
      });
    // Resolves once polling runs, or when it failed to start (already logged).
    await Promise.race([ready, this.polling]);
    if (this.bot.isRunning()) logger.info({ channel: this.name, mode: this.mode }, "polling started");
  }

  async stop(): Promise<void> {
    if (this.bot.isRunning()) await this.bot.stop().catch(() => undefined);
    await this.polling;
  }

  async send(chatId: string, replies: Reply[], progress: SendProgress = { sent: 0 }): Promise<void> {
    let index = 0;
    for (const reply of replies) {
      const parts = splitMessage(reply.text, this.maxMessageLength);
      const markup = replyMarkup(reply);
      for (let i = 0; i < parts.length; i++, index++) {
        if (index < progress.sent) continue;
        // Buttons belong under the last part, next to the end of the answer they refer to.
        const last = i === parts.length - 1;
        await this.bot.api.sendMessage(chatIdOf(chatId), parts[i]!, {
          link_preview_options: { is_disabled: true },
          ...(last && markup ? { reply_markup: markup } : {}),
        });
        progress.sent = index + 1;
      }
    }
  }

  /**
   * Webhook: the update is stored before grammY answers Telegram; a failure propagates (503, re-sent).
   * Polling: grammY confirms an update by asking for the next ones, so keep trying while polling runs.
   */
  private async accept(incoming: IncomingMessage | undefined): Promise<void> {
    if (!incoming) return;
    await retry(() => this.settings.inbound.accept(incoming), {
      baseMs: 200,
      maxMs: 5000,
      retryable: () => this.mode === "polling" && this.bot.isRunning(),
      onRetry: (error, attempt, delayMs) =>
        this.settings.logger.warn({ channel: this.name, attempt, retryInMs: delayMs, err: describeError(error) }, "polled update not stored yet, retrying"),
    });
  }

  async typing(chatId: string): Promise<void> {
    await this.bot.api.sendChatAction(chatIdOf(chatId), "typing").catch(() => undefined);
  }
}

// Telegram ids are integers up to 52 bits: exact as JavaScript numbers.
function chatIdOf(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
}

function fromMessage(ctx: Context): IncomingMessage | undefined {
  const message = ctx.message;
  if (!message?.from || message.from.is_bot) return undefined;
  const base = {
    channel: "telegram" as const,
    platformUserId: String(message.from.id),
    chatId: String(message.chat.id),
    deliveryKey: `telegram:${ctx.update.update_id}`,
  };
  if (typeof message.text === "string") {
    const replyTo = message.reply_to_message?.message_id;
    return { ...base, kind: "text", text: message.text, ...(replyTo !== undefined ? { replyToMessageId: String(replyTo) } : {}) };
  }
  const kind: UnsupportedKind = message.photo
    ? "image"
    : message.sticker
      ? "sticker"
      : message.voice || message.audio || message.video_note
        ? "voice"
        : "other";
  // Service messages (someone joined, a pinned message…) are nobody talking to the bot.
  const content = message.photo ?? message.sticker ?? message.voice ?? message.audio ?? message.video_note ?? message.video ?? message.document ?? message.animation ?? message.location ?? message.contact;
  if (!content) return undefined;
  return { ...base, kind: "unsupported", unsupported: kind };
}

function fromCallback(ctx: Context): IncomingMessage | undefined {
  const query = ctx.callbackQuery;
  if (!query?.data) return undefined;
  const chat = query.message?.chat;
  return {
    channel: "telegram",
    platformUserId: String(query.from.id),
    // A private chat's id is the user's id; the message is missing only for very old buttons.
    chatId: String(chat?.id ?? query.from.id),
    deliveryKey: `telegram:${ctx.update.update_id}`,
    kind: "choice",
    choice: query.data,
  };
}

function replyMarkup(reply: Reply): ReplyMarkup | undefined {
  if (reply.feedback) {
    return {
      inline_keyboard: [
        [
          { text: channelRepliesVi.feedbackUpButton, callback_data: reply.feedback.up },
          { text: channelRepliesVi.feedbackDownButton, callback_data: reply.feedback.down },
        ],
      ],
    };
  }
  if (!reply.choices) return undefined;
  const items = reply.choices.items;
  if (reply.choices.style === "keyboard") {
    return { keyboard: rows(items.map((item) => ({ text: item.label })), 2), resize_keyboard: true, is_persistent: true };
  }
  // Up to three short answers side by side (Học sinh | Phụ huynh | Bỏ qua); longer lists two per row.
  return { inline_keyboard: rows(items.map((item) => ({ text: item.label, callback_data: item.payload })), items.length <= 3 ? 3 : 2) };
}

function rows<T>(items: T[], perRow: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += perRow) out.push(items.slice(i, i + perRow));
  return out;
}

/**
 * The channel seam. A channel turns platform updates (Telegram, Zalo) into one neutral
 * `IncomingMessage`, hands it to the conversation, and turns the neutral `Reply` list back into
 * platform calls. Platform types never leave the channel's own file; the conversation logic is the
 * same for every channel and only reads the capability fields below.
 *
 * Adding a channel: write `src/channels/<name>.ts` exporting `create<Name>Channel(settings)`, add
 * it to `channelFactories`, add its settings to `config.ts` and `.env.example`, and test it against
 * a fake of the platform's API.
 */
import type { ChannelName, IncomingMessage, Reply } from "../conversation/message.js";
import type { Logger } from "../logger.js";
import { createTelegramChannel } from "./telegram.js";
import { createZaloChannel } from "./zalo.js";

/** Request headers as Node gives them: lower-case names. */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

/** What a webhook call answers. */
export interface WebhookResponse {
  status: number;
  /** Sent as JSON; unset = an empty body. */
  body?: unknown;
  /** Extra response headers (`Retry-After` on a 503). */
  headers?: Record<string, string>;
}

/**
 * A channel's webhook, free of any web framework (`server/channel-webhooks.ts` serves it with
 * express): the server calls `authorize` before it reads the body (false: 401, the body left
 * unread), parses the body as JSON of any content type (256 kB at most), then answers what `handle`
 * returns. `handle` rejects only on an unexpected failure, which the server answers 500.
 */
export interface ChannelWebhook {
  /** `/webhooks/<name>`. */
  readonly path: string;
  /** True when the platform's secret header is right (constant-time comparison). */
  authorize(headers: WebhookHeaders): boolean;
  handle(request: { headers: WebhookHeaders; body: unknown }): Promise<WebhookResponse>;
}

/** Platform messages of one `send` already delivered (kept by the caller across retries). */
export interface SendProgress {
  sent: number;
}

export interface Channel {
  readonly name: ChannelName;
  /** Longest text one platform message may carry (Telegram 4,096, Zalo 2,000). */
  readonly maxMessageLength: number;
  /** Inline buttons and keyboards available (Telegram yes, Zalo no). */
  readonly supportsButtons: boolean;
  /** How updates arrive. */
  readonly mode: BotMode;
  /** Webhook mode only: what `POST /webhooks/<name>` does; the HTTP server serves it. */
  readonly webhook?: ChannelWebhook;
  /** Polling: starts the receive loop. Webhook: registers `<publicUrl>/webhooks/<name>` when a public URL is set. */
  start(): Promise<void>;
  /** Stops receiving and waits (bounded) for messages being answered. */
  stop(): Promise<void>;
  /**
   * Sends replies to a chat in order, splitting long text into platform messages. With `progress`,
   * the first `progress.sent` platform messages are skipped and the count goes up after each one
   * the platform takes: a retry after a failed part sends only what is still missing.
   */
  send(chatId: string, replies: Reply[], progress?: SendProgress): Promise<void>;
  /** Shows "typing…" in a chat once; errors are swallowed. */
  typing(chatId: string): Promise<void>;
}

/**
 * Where a channel hands an accepted update when updates are kept durably (`inbox-dispatcher.ts`):
 * the update is answered later, from the store, and survives a restart.
 */
export interface InboundSink {
  /**
   * Stores the update. Resolves `accepted` once it is stored (the platform may be told "received"),
   * `duplicate` for a repeated delivery; rejects when it could not be stored (a webhook must then
   * answer 5xx so that the platform sends it again).
   */
  accept(message: IncomingMessage): Promise<"accepted" | "duplicate">;
}

export type BotMode = "webhook" | "polling";

/** Input of every channel factory. */
export interface ChannelSettings {
  /** Bot token. Never logged. */
  token: string;
  /** Secret the platform sends back in a header on every webhook call; required in webhook mode. */
  webhookSecret?: string;
  /** API base URL; tests point it at a local fake. */
  apiRoot: string;
  mode: BotMode;
  /** Public base URL; in webhook mode the channel registers `<publicUrl>/webhooks/<name>` on start. */
  publicUrl?: string;
  logger: Logger;
  /** Durable intake: every update goes there, stored before the platform is told "received". */
  inbound: InboundSink;
}

export type ChannelFactory = (settings: ChannelSettings) => Channel;

/** The one registry: channel name → factory. */
export const channelFactories = {
  telegram: createTelegramChannel,
  zalo: createZaloChannel,
} satisfies Record<ChannelName, ChannelFactory>;

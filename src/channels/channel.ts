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
import type express from "express";
import type { Logger } from "../logger.js";
import { createTelegramChannel } from "./telegram.js";
import { createZaloChannel } from "./zalo.js";

export type ChannelName = "telegram" | "zalo";
/**
 * Where a conversation takes place: the chat platforms, and the web chat page, which talks to the
 * same conversation over `POST /api/web/message` (it has no push: no announcements, no staff replies).
 */
export type ConversationChannel = ChannelName | "web";

/** What kind of message arrived, when it is not text. */
export type UnsupportedKind = "image" | "sticker" | "voice" | "other";

/** A platform update, normalised. */
export interface IncomingMessage {
  channel: ConversationChannel;
  /**
   * Platform user id as the platform sends it. Only ever turned into the anonymous user key; never
   * stored or logged.
   */
  platformUserId: string;
  /** Where replies go (a private chat's id usually equals the user id). */
  chatId: string;
  /** Unique per platform delivery: `telegram:<update_id>`, `zalo:<chat_id>:<message_id>`. */
  deliveryKey: string;
  /** `text`: typed text (commands included); `choice`: a button press; `unsupported`: image, sticker… */
  kind: "text" | "choice" | "unsupported";
  /** The typed text, for `text`. */
  text?: string;
  /** The pressed button's payload (e.g. `fb:up:<recordId>`), for `choice`. */
  choice?: string;
  /** For `unsupported`. */
  unsupported?: UnsupportedKind;
  /** Telegram: id of the message this one replies to (a staff reply to a forwarded question). */
  replyToMessageId?: string;
}

/** One selectable item: what the user sees and what comes back when it is picked. */
export interface Choice {
  label: string;
  payload: string;
}

/** A message to send, whatever the platform. */
export interface Reply {
  /** Plain text, any length: channels split it at their `maxMessageLength`. */
  text: string;
  /**
   * Items to pick from. `keyboard`: the main menu, shown under the input box where the platform
   * can (the label comes back as text); `inline`: buttons under this message (the payload comes
   * back as a `choice`). Channels without buttons show a numbered list; a reply "1", "2"… picks.
   */
  choices?: { style: "keyboard" | "inline"; items: Choice[] };
  /**
   * Asks whether the answer helped. Buttons 👍/👎 where the platform has them, else
   * "Trả lời 1 nếu hữu ích, 2 nếu chưa"; the payloads come back as a `choice`.
   */
  feedback?: { recordId: string; up: string; down: string };
  /**
   * The answer behind this reply, for a channel that shows sources and suggestions apart from the
   * text (the web chat). Chat platforms send `text`, which already holds both.
   */
  answer?: { text: string; sources: { title: string; ref?: string; asOf?: string }[]; suggestions?: string[] };
}

/** What the conversation may ask of the channel while it works on a message. */
export interface ChannelContext {
  /** False on Zalo: menus are numbered text. */
  supportsButtons: boolean;
  /** Shows "typing…" to the user once (about 5 s); errors are swallowed. */
  typing(): Promise<void>;
}

/** The conversation, as a channel sees it. */
export type MessageHandler = (message: IncomingMessage, context: ChannelContext) => Promise<Reply[]>;

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
  /**
   * Webhook mode only: express router serving `POST /webhooks/<name>`, checking the platform's
   * secret header (401 otherwise) before anything else. Mount it before any body parser.
   */
  readonly webhook?: express.Router;
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

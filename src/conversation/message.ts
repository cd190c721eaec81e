/**
 * The neutral message types: what every channel turns a platform update into (`IncomingMessage`),
 * what the conversation answers with (`Reply`), and the conversation's side of the channel seam
 * (`ChannelContext`, `MessageHandler`). Types only, importing nothing: channels, the conversation,
 * outreach and the store (the durable inbox keeps `IncomingMessage`) all build on them. The one
 * import is the knowledge's topic type, itself a leaf.
 */
import type { Topic } from "../knowledge/types.js";

export type ChannelName = "telegram" | "zalo";
/**
 * Where a conversation takes place: the chat platforms, the web chat page, which talks to the
 * same conversation over `POST /api/web/message` (it has no push: no announcements, no staff
 * replies), and other programs over `POST /api/chat`.
 */
export type ConversationChannel = ChannelName | "web" | "api";

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
  /**
   * A one-off question without a user (`POST /api/chat` without `userId`): answered without memory
   * or profile and recorded without a user key.
   */
  anonymous?: boolean;
  /**
   * The anonymous user key of `channel` and `platformUserId`, when the code in front of the
   * conversation made it already (the per-user limit): not made a second time. Never stored.
   */
  userKey?: string;
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
  answer?: { text: string; answered: boolean; topic: Topic; sources: { title: string; ref?: string; asOf?: string }[]; suggestions?: string[] };
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

/**
 * The seam through which features outside the conversation (outreach subscriptions, the staff
 * follow-up) take part in it without the conversation knowing them: extra main-menu items, the
 * commands, words and button payloads they own, what /xoadulieu must also delete, and a look at
 * each question the bot could not answer.
 *
 * ```ts
 * const conversation = new Conversation({ ...settings, extensions: [subscriptions, staffFollowUp] });
 * ```
 */
import type { ChannelContext, Choice, IncomingMessage, Reply } from "./message.js";
import type { QueryRecord } from "../store/store.js";
import type { DeletedUserData } from "./delete-user-data.js";

/** What reached the conversation, as an extension sees it. */
export type ExtensionInput =
  /** `/dangky` → `dangky` (lower case, no bot suffix). */
  | { kind: "command"; command: string }
  /** Typed text (NFC, trimmed) and its shadow form (`foldedKey`). */
  | { kind: "text"; text: string; folded: string }
  /** A button payload, or the payload a numbered reply picked. */
  | { kind: "choice"; payload: string };

export interface ExtensionRequest {
  input: ExtensionInput;
  incoming: IncomingMessage;
  /** The anonymous user key. */
  userKey: string;
  context: ChannelContext;
}

/** An unanswered question, with where its asker can be reached (for the staff follow-up). */
export interface UnansweredQuestion {
  record: QueryRecord;
  channel: IncomingMessage["channel"];
  chatId: string;
}

export interface ConversationExtension {
  /** Items appended to the main menu; their payload comes back as a `choice`. */
  readonly menuItems?: readonly Choice[];
  /**
   * Takes a whole delivery before the conversation reads it (e.g. messages in the staff chat);
   * undefined to let it through. Runs after the delivery was claimed.
   */
  intercept?(incoming: IncomingMessage, context: ChannelContext): Promise<Reply[] | undefined>;
  /**
   * The replies when this extension takes the input, undefined to leave it to the conversation.
   * Commands and choices are offered before the conversation's fallbacks; text only when it is not
   * a command, a number, a menu label or a profile answer (so "dừng" never hides a question).
   * Where replies are numbered (Zalo), the choices of the last reply become what "1", "2"… pick.
   */
  handle(request: ExtensionRequest): Promise<Reply[] | undefined>;
  /** /xoadulieu: deletes what this extension keeps about the user; returns what it deleted, for the reply. */
  deleteUserData?(userKey: string): Promise<Partial<DeletedUserData> | void>;
  /** Called after an unanswered question was recorded; must not throw or make the reply wait. */
  onUnanswered?(question: UnansweredQuestion): void;
}

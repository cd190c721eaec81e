/**
 * The outbound seam: messages the bot starts itself (announcements, staff answers, forwards to
 * the staff chat), as opposed to replies to an update. Unlike `Channel.send`, a sender never
 * retries by itself and never throws for a platform answer: it reports what happened, so that the
 * caller (the announcement queue) can pace, retry after `retry_after`, or unsubscribe a user who
 * blocked the bot. Platform error types stay inside the implementations.
 *
 * ```ts
 * const senders = createOutboundSenders(config.channels);
 * const outcome = await senders.telegram?.send("6123456789", "Thông báo …");
 * if (outcome?.kind === "rate_limited") await sleep(outcome.retryAfterSeconds * 1000);
 * ```
 */
import type { ChannelsConfig } from "../config.js";
import type { ChannelName } from "../conversation/message.js";
import { createTelegramOutbound } from "./telegram-outbound.js";
import { createZaloOutbound } from "./zalo-outbound.js";

/** What became of one message. */
export type SendOutcome =
  /** Taken by the platform; `messageId` as the platform numbered it. */
  | { kind: "sent"; messageId: string }
  /** The user blocked the bot or closed the account: stop sending to them. */
  | { kind: "blocked"; detail: string }
  /** Too many messages: try again no earlier than `retryAfterSeconds` from now. */
  | { kind: "rate_limited"; retryAfterSeconds: number }
  /** Anything else; `retryable` for network errors and 5xx. `detail` never holds the token or the text. */
  | { kind: "failed"; retryable: boolean; detail: string };

export interface OutboundSender {
  readonly channel: ChannelName;
  /** Longest text of one message; the caller keeps within it (Telegram 4,096, Zalo 2,000). */
  readonly maxMessageLength: number;
  /** Sends one plain-text message; never throws. */
  send(chatId: string, text: string): Promise<SendOutcome>;
}

export interface OutboundSettings {
  /** Bot token. Never logged. */
  token: string;
  /** API base URL; tests point it at a local fake. */
  apiRoot: string;
  /** Per-request time limit, ms; default 15000. */
  timeoutMs?: number;
}

/** One sender per channel that has a token. */
export function createOutboundSenders(config: Pick<ChannelsConfig, "telegram" | "zalo">): Partial<Record<ChannelName, OutboundSender>> {
  const senders: Partial<Record<ChannelName, OutboundSender>> = {};
  if (config.telegram) senders.telegram = createTelegramOutbound({ token: config.telegram.token, apiRoot: config.telegram.apiRoot });
  if (config.zalo) senders.zalo = createZaloOutbound({ token: config.zalo.token, apiRoot: config.zalo.apiRoot });
  return senders;
}

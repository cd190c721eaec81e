/**
 * Telegram outbound messages through grammY's `Api`, deliberately without the auto-retry plugin
 * the chat channel uses: the announcement queue decides when to try again (after `retry_after`,
 * with every other send of the bot paused too), so a 429 must come back to it, not be slept on
 * here. Plain text, no parse mode.
 */
import { Api, GrammyError, HttpError } from "grammy";
import type { OutboundSender, OutboundSettings, SendOutcome } from "./outbound.js";

export const TELEGRAM_OUTBOUND_MAX_LENGTH = 4096;
/** Used when a 429 carries no `retry_after`. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;
// A user who blocked the bot, deleted the account, or never started it: nothing will reach them.
const BLOCKED_DESCRIPTION = /blocked by the user|user is deactivated|can't initiate conversation|chat not found|kicked/i;

export function createTelegramOutbound(settings: OutboundSettings): OutboundSender {
  const api = new Api(settings.token, {
    apiRoot: settings.apiRoot,
    timeoutSeconds: Math.ceil((settings.timeoutMs ?? 15_000) / 1000),
  });
  return {
    channel: "telegram",
    maxMessageLength: TELEGRAM_OUTBOUND_MAX_LENGTH,
    async send(chatId: string, text: string): Promise<SendOutcome> {
      try {
        // Telegram ids are integers up to 52 bits: exact as JavaScript numbers.
        const sent = await api.sendMessage(/^-?\d+$/.test(chatId) ? Number(chatId) : chatId, text);
        return { kind: "sent", messageId: String(sent.message_id) };
      } catch (error) {
        return outcomeOf(error);
      }
    },
  };
}

function outcomeOf(error: unknown): SendOutcome {
  if (error instanceof GrammyError) {
    const detail = `telegram ${error.error_code}: ${error.description}`.slice(0, 200);
    if (error.error_code === 429) return { kind: "rate_limited", retryAfterSeconds: error.parameters.retry_after ?? DEFAULT_RETRY_AFTER_SECONDS };
    if (error.error_code === 403 || (error.error_code === 400 && BLOCKED_DESCRIPTION.test(error.description))) return { kind: "blocked", detail };
    return { kind: "failed", retryable: error.error_code >= 500, detail };
  }
  // grammY's HttpError text names the method, never the token.
  if (error instanceof HttpError) return { kind: "failed", retryable: true, detail: `telegram network: ${error.message}`.slice(0, 200) };
  return { kind: "failed", retryable: true, detail: `telegram: ${(error as Error)?.name ?? "error"}` };
}

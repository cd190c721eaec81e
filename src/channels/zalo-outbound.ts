/**
 * Zalo outbound messages through the project's `ZaloClient`. The platform documents no rate
 * limits, no retry hint and no "blocked" error; we read an HTTP or `error_code` 403 as "the user
 * blocked the bot / is unreachable" (the client reports it as `ZaloApiError`), 429 as "slow down"
 * (retried after a fixed pause), 5xx and network errors as retryable.
 */
import type { OutboundSender, OutboundSettings, SendOutcome } from "./outbound.js";
import { ZaloApiError, ZaloClient } from "./zalo-client.js";

export const ZALO_OUTBOUND_MAX_LENGTH = 2000;
/** Zalo gives no `retry_after`: a 429 pauses sending this long. */
const RATE_LIMIT_PAUSE_SECONDS = 10;

export function createZaloOutbound(settings: OutboundSettings): OutboundSender {
  const client = new ZaloClient({ token: settings.token, apiRoot: settings.apiRoot, timeoutMs: settings.timeoutMs });
  return {
    channel: "zalo",
    maxMessageLength: ZALO_OUTBOUND_MAX_LENGTH,
    async send(chatId: string, text: string): Promise<SendOutcome> {
      try {
        const sent = await client.sendMessage({ chatId, text });
        return { kind: "sent", messageId: sent.message_id };
      } catch (error) {
        if (!(error instanceof ZaloApiError)) return { kind: "failed", retryable: true, detail: `zalo: ${(error as Error)?.name ?? "error"}` };
        // The client's message names the method and code, never the token.
        const detail = error.message.slice(0, 200);
        const code = error.errorCode ?? error.status;
        if (code === 403 || error.status === 403) return { kind: "blocked", detail };
        if (code === 429 || error.status === 429) return { kind: "rate_limited", retryAfterSeconds: RATE_LIMIT_PAUSE_SECONDS };
        return { kind: "failed", retryable: error.retryable, detail };
      }
    },
  };
}

/**
 * A fake Telegram Bot API on 127.0.0.1 for tests and the channel bench: answers getMe, sendMessage,
 * sendChatAction, answerCallbackQuery, setWebhook, deleteWebhook and getUpdates (long-polled over
 * queued updates, confirmed by `offset` as Telegram does); records every call; refuses text over
 * 4,096 characters like the real API; returns 429 with `retry_after` or 5xx when told to.
 *
 * ```ts
 * const telegram = await startFakeTelegram();
 * // TELEGRAM_API_ROOT=telegram.apiRoot, TELEGRAM_BOT_TOKEN=telegram.token
 * telegram.failNext("sendMessage", { status: 429, retryAfter: 1 });
 * ```
 */
import { startFakePlatform, type FakePlatformServer } from "./fake-platform.js";

export const FAKE_TELEGRAM_TOKEN = "7000000001:AAFakeTelegramTokenForTests_0123456789";

export interface FakeTelegram extends FakePlatformServer {
  token: string;
  /** Queues updates for getUpdates (polling mode). */
  queueUpdate(...updates: Record<string, unknown>[]): void;
  /** Texts of successful sendMessage calls, in order. */
  sentTexts(): string[];
}

export async function startFakeTelegram(token = FAKE_TELEGRAM_TOKEN): Promise<FakeTelegram> {
  const updates: Record<string, unknown>[] = [];
  let messageId = 1000;
  const ok = (result: unknown) => ({ status: 200, json: { ok: true, result } });
  const fail = (status: number, description: string) => ({ status, json: { ok: false, error_code: status, description } });

  const server = await startFakePlatform(
    async ({ method, body, token: given }, { hold }) => {
      if (given !== token) return fail(401, "Unauthorized");
      switch (method) {
        case "getMe":
          return ok({ id: Number(token.split(":")[0]), is_bot: true, first_name: "Huong nghiep", username: "huongnghiep_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false });
        case "sendMessage": {
          const text = String(body.text ?? "");
          if (text.length === 0) return fail(400, "Bad Request: message text is empty");
          if (text.length > 4096) return fail(400, "Bad Request: message is too long");
          return ok({ message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: body.chat_id, type: "private" }, text });
        }
        case "sendChatAction":
        case "answerCallbackQuery":
        case "setWebhook":
        case "deleteWebhook":
          return ok(true);
        case "getUpdates": {
          const offset = Number(body.offset ?? 0);
          // Telegram forgets updates below the offset: that is how a bot confirms them.
          while (updates.length > 0 && Number(updates[0]!.update_id) < offset) updates.shift();
          await hold(() => updates.length > 0, Number(body.timeout ?? 0) * 1000);
          return ok(updates.slice(0, Number(body.limit ?? 100)));
        }
        default:
          return fail(404, "Not Found: method not found");
      }
    },
    (failure) => ({
      ok: false,
      error_code: failure.errorCode ?? failure.status,
      description: failure.description ?? (failure.status === 429 ? `Too Many Requests: retry after ${failure.retryAfter ?? 1}` : "Internal Server Error"),
      ...(failure.retryAfter !== undefined ? { parameters: { retry_after: failure.retryAfter } } : {}),
    }),
  );

  return Object.assign(server, {
    token,
    queueUpdate(...list: Record<string, unknown>[]) {
      updates.push(...list);
      server.wake();
    },
    sentTexts: () => server.succeeded("sendMessage").map((c) => String(c.body.text)),
  });
}

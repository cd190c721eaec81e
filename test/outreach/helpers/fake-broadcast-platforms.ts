/**
 * Fake Telegram Bot API and Zalo Bot Platform servers for the outreach tests and bench, on the
 * shared `startFakePlatform` base (real HTTP on 127.0.0.1, every call recorded with its arrival
 * time). Beyond what the channel fakes do, they can:
 * - answer 403 "blocked" for chosen chats (`blocked`),
 * - fail one chat's next calls (`failChat`, e.g. a 429 with `retry_after`),
 * - hold every sendMessage after `n` successful ones (`holdAfter`) until `release()` or until the
 *   caller goes away — a held call whose caller died is recorded with status 599, never as
 *   delivered, as a platform that never finished taking it.
 *
 * ```ts
 * const telegram = await startBroadcastTelegram();
 * telegram.blocked.add("6100000001");
 * telegram.deliveredTo("6100000002"); // successful sendMessage calls to that chat
 * ```
 */
import { startFakePlatform, type FakeCall, type FakeFailure, type FakePlatformServer } from "../../helpers/fake-platform.js";

export const BROADCAST_TELEGRAM_TOKEN = "7000000002:AAFakeOutreachTelegramToken_0123456789";
export const BROADCAST_ZALO_TOKEN = "2234567890:FakeOutreachZaloSecret";

export interface BroadcastFake extends FakePlatformServer {
  token: string;
  /** Chats whose user blocked the bot. */
  blocked: Set<string>;
  /** Queues failures for one chat's next sendMessage calls. */
  failChat(chatId: string, ...failures: FakeFailure[]): void;
  /** From now on, sendMessage calls after the `n`-th successful one wait until `release()`. */
  holdAfter(n: number): void;
  release(): void;
  /** sendMessage calls waiting right now. */
  readonly holding: number;
  /** Successful sendMessage calls to a chat. */
  deliveredTo(chatId: string): FakeCall[];
  /** Chat id → number of successful sendMessage calls. */
  deliveryCounts(): Map<string, number>;
  sentTexts(): string[];
}

interface Behaviour {
  blocked: Set<string>;
  failures: Map<string, FakeFailure[]>;
  holdAfter: number;
  released: boolean;
  holding: number;
  delivered: number;
}

type Answer = { status: number; json: unknown };

async function sendMessage(
  behaviour: Behaviour,
  chatId: string,
  context: { signal: AbortSignal; hold(ready: () => boolean, ms: number): Promise<void> },
  ok: () => Answer,
  fail: (failure: FakeFailure) => Answer,
  blocked: () => Answer,
): Promise<Answer> {
  const queued = behaviour.failures.get(chatId)?.shift();
  if (queued) return fail(queued);
  if (behaviour.blocked.has(chatId)) return blocked();
  if (behaviour.delivered >= behaviour.holdAfter && !behaviour.released) {
    behaviour.holding += 1;
    await context.hold(() => behaviour.released, 120_000);
    behaviour.holding -= 1;
    // The caller died while we held it: the message was never taken.
    if (context.signal.aborted) return { status: 599, json: { ok: false, error_code: 599, description: "caller gone" } };
  }
  behaviour.delivered += 1;
  return ok();
}

function extend(server: FakePlatformServer, token: string, behaviour: Behaviour, chatOf: (call: FakeCall) => string): BroadcastFake {
  const delivered = () => server.succeeded("sendMessage");
  const fake = Object.assign(server, {
    token,
    blocked: behaviour.blocked,
    failChat(chatId: string, ...failures: FakeFailure[]) {
      behaviour.failures.set(chatId, [...(behaviour.failures.get(chatId) ?? []), ...failures]);
    },
    holdAfter(n: number) {
      behaviour.holdAfter = n;
      behaviour.released = false;
    },
    release() {
      behaviour.released = true;
      server.wake();
    },
    deliveredTo: (chatId: string) => delivered().filter((c) => chatOf(c) === chatId),
    deliveryCounts() {
      const counts = new Map<string, number>();
      for (const call of delivered()) counts.set(chatOf(call), (counts.get(chatOf(call)) ?? 0) + 1);
      return counts;
    },
    sentTexts: () => delivered().map((c) => String(c.body.text)),
  });
  Object.defineProperty(fake, "holding", { get: () => behaviour.holding });
  return fake as BroadcastFake;
}

function behaviour(): Behaviour {
  return { blocked: new Set(), failures: new Map(), holdAfter: Number.POSITIVE_INFINITY, released: true, holding: 0, delivered: 0 };
}

/** A fake Telegram Bot API: getMe, setWebhook, deleteWebhook, sendChatAction, answerCallbackQuery, sendMessage. */
export async function startBroadcastTelegram(token = BROADCAST_TELEGRAM_TOKEN): Promise<BroadcastFake> {
  const state = behaviour();
  let messageId = 5000;
  const ok = (result: unknown): Answer => ({ status: 200, json: { ok: true, result } });
  const failure = (f: FakeFailure): Answer => ({
    status: f.status,
    json: {
      ok: false,
      error_code: f.errorCode ?? f.status,
      description: f.description ?? (f.status === 429 ? `Too Many Requests: retry after ${f.retryAfter ?? 1}` : "Internal Server Error"),
      ...(f.retryAfter !== undefined ? { parameters: { retry_after: f.retryAfter } } : {}),
    },
  });
  const server = await startFakePlatform(
    async ({ method, body, token: given }, context) => {
      if (given !== token) return { status: 401, json: { ok: false, error_code: 401, description: "Unauthorized" } };
      switch (method) {
        case "getMe":
          return ok({ id: Number(token.split(":")[0]), is_bot: true, first_name: "Huong nghiep", username: "huongnghiep_bot" });
        case "setWebhook":
        case "deleteWebhook":
        case "sendChatAction":
        case "answerCallbackQuery":
          return ok(true);
        case "getUpdates":
          await context.hold(() => false, Math.min(Number(body.timeout ?? 0) * 1000, 300));
          return ok([]);
        case "sendMessage": {
          const text = String(body.text ?? "");
          if (!text || text.length > 4096) return failure({ status: 400, description: "Bad Request: message text is empty or too long" });
          const chat = String(body.chat_id);
          return sendMessage(
            state,
            chat,
            context,
            () => ok({ message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: body.chat_id, type: chat.startsWith("-") ? "supergroup" : "private" }, text }),
            failure,
            () => failure({ status: 403, description: "Forbidden: bot was blocked by the user" }),
          );
        }
        default:
          return { status: 404, json: { ok: false, error_code: 404, description: "Not Found: method not found" } };
      }
    },
    (f) => failure(f).json,
  );
  return extend(server, token, state, (call) => String(call.body.chat_id));
}

/** A fake Zalo Bot Platform: getMe, setWebhook, deleteWebhook, getWebhookInfo, sendChatAction, sendMessage. */
export async function startBroadcastZalo(token = BROADCAST_ZALO_TOKEN): Promise<BroadcastFake> {
  const state = behaviour();
  let sent = 0;
  const ok = (result: unknown): Answer => ({ status: 200, json: { ok: true, result } });
  const failure = (f: FakeFailure): Answer => ({
    status: f.status,
    json: { ok: false, error_code: f.errorCode ?? f.status, description: f.description ?? (f.status === 429 ? "Too many requests" : "Internal error") },
  });
  const server = await startFakePlatform(
    async ({ method, body, token: given }, context) => {
      if (given !== token) return { status: 401, json: { ok: false, error_code: 401, description: "Unauthorized" } };
      switch (method) {
        case "getMe":
          return ok({ id: token.split(":")[0], account_name: "huongnghiep.bot", account_type: "BASIC" });
        case "setWebhook":
          return ok({ url: body.url, updated_at: Date.now() });
        case "deleteWebhook":
        case "getWebhookInfo":
          return ok({ url: "", updated_at: Date.now() });
        case "sendChatAction":
          return ok(true);
        case "getUpdates":
          await context.hold(() => false, 300);
          return { status: 200, json: { ok: false, error_code: 408, description: "Request timeout" } };
        case "sendMessage": {
          const text = typeof body.text === "string" ? body.text : "";
          if (!body.chat_id || text.length < 1 || text.length > 2000) return failure({ status: 400, description: "text must be 1-2000 characters" });
          return sendMessage(
            state,
            String(body.chat_id),
            context,
            () => ok({ message_id: `zmsg${(++sent).toString(16).padStart(12, "0")}`, date: Date.now() }),
            failure,
            () => failure({ status: 403, description: "User has blocked the bot" }),
          );
        }
        default:
          return { status: 404, json: { ok: false, error_code: 404, description: "Method not found" } };
      }
    },
    (f) => failure(f).json,
  );
  return extend(server, token, state, (call) => String(call.body.chat_id));
}

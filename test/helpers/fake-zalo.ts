/**
 * A fake Zalo Bot Platform API on 127.0.0.1 for tests and the channel bench: answers getMe,
 * getUpdates (one queued event per call, long-polled, `408` when the poll ends empty, as the
 * platform does), setWebhook, deleteWebhook, getWebhookInfo, sendMessage (refusing text over 2,000
 * characters) and sendChatAction; records every call; fails as told (429, 5xx).
 *
 * ```ts
 * const zalo = await startFakeZalo();
 * // ZALO_API_ROOT=zalo.apiRoot, ZALO_BOT_TOKEN=zalo.token
 * zalo.queueEvent(fixture("zalo-webhook-text-bare.json"));
 * ```
 */
import { startFakePlatform, type FakePlatformServer } from "./fake-platform.js";

export const FAKE_ZALO_TOKEN = "1234567890:FakeZaloSecretForTests";

export interface FakeZalo extends FakePlatformServer {
  token: string;
  /** Queues events for getUpdates (polling mode), bare shape `{ event_name, message }`. */
  queueEvent(...events: Record<string, unknown>[]): void;
  /** Texts of successful sendMessage calls, in order. */
  sentTexts(): string[];
  /** The webhook set last (url, secret). */
  webhook: { url: string; secret: string } | undefined;
}

export async function startFakeZalo(token = FAKE_ZALO_TOKEN, options: { maxPollMs?: number } = {}): Promise<FakeZalo> {
  const events: Record<string, unknown>[] = [];
  const state: { webhook: { url: string; secret: string } | undefined } = { webhook: undefined };
  let sent = 0;
  const ok = (result: unknown) => ({ status: 200, json: { ok: true, result } });
  const fail = (status: number, errorCode: number, description: string) => ({ status, json: { ok: false, error_code: errorCode, description } });

  const server = await startFakePlatform(
    async ({ method, body, token: given }, { hold }) => {
      if (given !== token) return fail(401, 401, "Unauthorized");
      switch (method) {
        case "getMe":
          return ok({ id: token.split(":")[0], account_name: "huongnghiep.bot", account_type: "BASIC", can_join_groups: false });
        case "getUpdates": {
          if (state.webhook) return fail(400, 400, "Webhook is set, getUpdates is not available");
          await hold(() => events.length > 0, Math.min(Number(body.timeout ?? 30) * 1000, options.maxPollMs ?? 30_000));
          const event = events.shift();
          // An empty long poll ends with error 408, as the platform answers.
          return event ? ok(event) : fail(200, 408, "Request timeout");
        }
        case "setWebhook":
          state.webhook = { url: String(body.url), secret: String(body.secret_token) };
          return ok({ url: body.url, updated_at: Date.now() });
        case "deleteWebhook":
          state.webhook = undefined;
          return ok({ url: "", updated_at: Date.now() });
        case "getWebhookInfo":
          return ok({ url: state.webhook?.url ?? "", updated_at: Date.now() });
        case "sendMessage": {
          const text = typeof body.text === "string" ? body.text : "";
          if (!body.chat_id) return fail(400, 400, "chat_id is required");
          if (text.length < 1 || text.length > 2000) return fail(400, 400, "text must be 1-2000 characters");
          sent += 1;
          return ok({ message_id: `fake${sent.toString(16).padStart(16, "0")}`, date: Date.now() });
        }
        case "sendChatAction":
          return ok(true);
        default:
          return fail(404, 404, "Method not found");
      }
    },
    (failure) => ({ ok: false, error_code: failure.errorCode ?? failure.status, description: failure.description ?? (failure.status === 429 ? "Too many requests" : "Internal error") }),
  );

  const fake = Object.assign(server, {
    token,
    queueEvent(...list: Record<string, unknown>[]) {
      events.push(...list);
      server.wake();
    },
    sentTexts: () => server.succeeded("sendMessage").map((c) => String(c.body.text)),
    webhook: undefined as FakeZalo["webhook"],
  });
  // A live view, not a copy taken now.
  Object.defineProperty(fake, "webhook", { get: () => state.webhook });
  return fake;
}

/**
 * A small typed client of the Zalo Bot Platform HTTP API (`../shared/reference/zalo-bot-platform.md`):
 * every method is `POST <apiRoot>/bot<token>/<method>` with a JSON body, every answer
 * `{ ok: true, result }` or `{ ok: false, error_code, description }`. Answers are checked with
 * lenient zod schemas (only the fields we read); failures become a `ZaloApiError` carrying the
 * method and the HTTP status / `error_code`. The token never appears in an error or a log.
 *
 * ```ts
 * const zalo = createZaloClient({ token: config.channels.zalo.token });
 * await zalo.sendMessage({ chatId, text: "Xin chào" });
 * ```
 */
import { z } from "zod";

/** Default API root; tests point `apiRoot` at a local fake. */
export const ZALO_API_ROOT = "https://bot-api.zaloplatforms.com";

export interface ZaloClientSettings {
  /** `<bot_id>:<secret>` from Zalo Bot Manager. Never logged. */
  token: string;
  /** Default `https://bot-api.zaloplatforms.com`. */
  apiRoot?: string;
  /** Per-request time limit in ms, default 15000 (getUpdates adds its long-poll time). */
  timeoutMs?: number;
}

/** A call to the Zalo Bot API failed: HTTP error, `ok: false`, unreadable answer or network. */
export class ZaloApiError extends Error {
  /** API method, e.g. `sendMessage`. */
  readonly method: string;
  /** HTTP status; undefined when no answer arrived (network, timeout). */
  readonly status?: number;
  /** `error_code` of an `ok: false` answer. */
  readonly errorCode?: number;
  constructor(method: string, message: string, options: { status?: number; errorCode?: number; cause?: unknown } = {}) {
    super(`zalo ${method}: ${message}`, { cause: options.cause });
    this.name = "ZaloApiError";
    this.method = method;
    this.status = options.status;
    this.errorCode = options.errorCode;
  }

  /** Worth trying again: no answer, rate limit or a server error. */
  get retryable(): boolean {
    const code = this.errorCode ?? this.status;
    return code === undefined || code === 429 || code >= 500;
  }
}

// === schemas (lenient: other people's payloads)

const envelopeSchema = z.object({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.coerce.number().nullish(),
  description: z.string().nullish(),
});

const idSchema = z.union([z.string(), z.number()]).transform(String);

/** One incoming event, as sent to the webhook (bare) and returned by getUpdates. */
export const zaloEventSchema = z.object({
  event_name: z.string(),
  message: z
    .object({
      message_id: idSchema,
      date: z.number().nullish(),
      chat: z.object({ id: idSchema, chat_type: z.string().nullish() }),
      from: z.object({ id: idSchema.nullish() }).nullish(),
      text: z.string().nullish(),
    })
    .nullish(),
});
export type ZaloEvent = z.infer<typeof zaloEventSchema>;

/** Both webhook body shapes: `{ ok, result: event }` and the bare event. */
export const zaloWebhookBodySchema = z.union([
  z.object({ ok: z.boolean().nullish(), result: zaloEventSchema }).transform((body) => body.result),
  zaloEventSchema,
]);

const botInfoSchema = z.object({ id: idSchema, account_name: z.string().nullish(), account_type: z.string().nullish() });
export type ZaloBotInfo = z.infer<typeof botInfoSchema>;
const webhookInfoSchema = z.object({ url: z.string().nullish(), updated_at: z.number().nullish() });
export type ZaloWebhookInfo = z.infer<typeof webhookInfoSchema>;
const sentSchema = z.object({ message_id: idSchema, date: z.number().nullish() });
export type ZaloSentMessage = z.infer<typeof sentSchema>;
// Seen as one update per call; an array is accepted too in case the platform batches.
const updatesSchema = z.union([z.array(zaloEventSchema), zaloEventSchema.transform((event) => [event])]);

// getUpdates answers this when the long poll ends with nothing new.
const NO_UPDATE_CODE = 408;

export class ZaloClient {
  private readonly apiRoot: string;
  private readonly timeoutMs: number;

  constructor(private readonly settings: ZaloClientSettings) {
    if (!settings.token) throw new Error("Zalo bot token is empty");
    this.apiRoot = (settings.apiRoot ?? ZALO_API_ROOT).replace(/\/+$/, "");
    this.timeoutMs = settings.timeoutMs ?? 15_000;
  }

  getMe(): Promise<ZaloBotInfo> {
    return this.call("getMe", {}, botInfoSchema);
  }

  /**
   * Long-polls for new events (`timeoutSeconds`, default 30). Returns [] when the poll ended empty.
   * Does not work while a webhook is set. `signal` ends the poll early (on stop).
   */
  async getUpdates(options: { timeoutSeconds?: number; signal?: AbortSignal } = {}): Promise<ZaloEvent[]> {
    const seconds = options.timeoutSeconds ?? 30;
    try {
      return await this.call("getUpdates", { timeout: String(seconds) }, updatesSchema, {
        timeoutMs: seconds * 1000 + this.timeoutMs,
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof ZaloApiError && (error.errorCode === NO_UPDATE_CODE || error.status === NO_UPDATE_CODE)) return [];
      throw error;
    }
  }

  /** Registers the webhook; `secretToken` (8–256 characters) comes back as `X-Bot-Api-Secret-Token`. */
  setWebhook(options: { url: string; secretToken: string }): Promise<unknown> {
    return this.call("setWebhook", { url: options.url, secret_token: options.secretToken }, z.unknown());
  }

  deleteWebhook(): Promise<unknown> {
    return this.call("deleteWebhook", {}, z.unknown());
  }

  getWebhookInfo(): Promise<ZaloWebhookInfo> {
    return this.call("getWebhookInfo", {}, webhookInfoSchema);
  }

  /** Sends text (1–2,000 characters; split longer text before calling). */
  sendMessage(options: { chatId: string; text: string }): Promise<ZaloSentMessage> {
    return this.call("sendMessage", { chat_id: options.chatId, text: options.text }, sentSchema);
  }

  sendChatAction(options: { chatId: string; action?: "typing" }): Promise<unknown> {
    return this.call("sendChatAction", { chat_id: options.chatId, action: options.action ?? "typing" }, z.unknown());
  }

  private async call<T>(
    method: string,
    body: Record<string, unknown>,
    schema: z.ZodType<T>,
    options: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<T> {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    let response: Response;
    try {
      response = await fetch(`${this.apiRoot}/bot${this.settings.token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal,
      });
    } catch (error) {
      const reason = timeout.aborted ? "timed out" : options.signal?.aborted ? "aborted" : "network error";
      throw new ZaloApiError(method, `${reason}: ${this.mask((error as Error).message)}`, { cause: this.maskedCause(error) });
    }
    const raw = await response.text().catch(() => "");
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new ZaloApiError(method, `HTTP ${response.status}, answer is not JSON`, { status: response.status });
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) throw new ZaloApiError(method, `HTTP ${response.status}, answer is not a Zalo envelope`, { status: response.status });
    if (!envelope.data.ok || !response.ok) {
      const code = envelope.data.error_code ?? undefined;
      const description = this.mask(envelope.data.description ?? "no description").slice(0, 200);
      throw new ZaloApiError(method, `HTTP ${response.status}, error_code ${code ?? "-"}: ${description}`, { status: response.status, errorCode: code });
    }
    const result = schema.safeParse(envelope.data.result);
    if (!result.success) throw new ZaloApiError(method, "unexpected result shape", { status: response.status });
    return result.data;
  }

  // The token sits in the URL; an error text quoting the URL must not carry it into a log.
  private mask(text: string): string {
    return text.split(this.settings.token).join("<token>");
  }

  private maskedCause(error: unknown): unknown {
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
    return cause ? { code: cause.code, message: this.mask(String(cause.message ?? "")) } : undefined;
  }
}

export function createZaloClient(settings: ZaloClientSettings): ZaloClient {
  return new ZaloClient(settings);
}

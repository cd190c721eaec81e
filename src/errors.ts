/**
 * Typed errors. `.message` is technical English for logs and operators; what a user sees comes
 * from `messagesVi[error.code]` in `messages-vi.ts`.
 */

export type ErrorCode =
  | "config_invalid"
  | "knowledge_missing"
  | "knowledge_invalid"
  | "index_not_ready"
  | "bad_request"
  | "text_empty"
  | "text_too_long"
  | "provider_failed"
  | "provider_timeout"
  | "rate_limited"
  | "unavailable"
  | "internal";

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A setting is missing or wrong; the message names the variable. */
export class ConfigError extends AppError {
  constructor(message: string) {
    super("config_invalid", message);
  }
}

/** The knowledge folder is missing, empty or unreadable. */
export class KnowledgeError extends AppError {
  readonly path?: string;
  constructor(code: "knowledge_missing" | "knowledge_invalid", message: string, path?: string) {
    super(code, message);
    this.path = path;
  }
}

/** A call to an LLM or embeddings service failed or timed out. */
export class ProviderError extends AppError {
  readonly provider: string;
  readonly status?: number;
  constructor(
    code: "provider_failed" | "provider_timeout",
    provider: string,
    message: string,
    options?: { status?: number; cause?: unknown },
  ) {
    super(code, message, { cause: options?.cause });
    this.provider = provider;
    this.status = options?.status;
  }
}

/** Input from a user or client that we refuse; carries the HTTP status to answer with. */
export class InputError extends AppError {
  readonly status: number;
  constructor(code: "bad_request" | "text_empty" | "text_too_long", message: string, status = 400) {
    super(code, message);
    this.status = status;
  }
}

/**
 * The loggable part of an error: class, message, and the API method and status where the error
 * carries them. Never the request payload (it holds message text). A platform API error keeps no
 * message at all: its description may quote what was sent (text, chat id).
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 200) };
  const e = error as Error & { method?: string; status?: number; error_code?: number; errorCode?: number; code?: string };
  const fromPlatform = e.method !== undefined && (e.error_code !== undefined || e.errorCode !== undefined || e.status !== undefined);
  return {
    name: e.name,
    ...(fromPlatform ? {} : { message: e.message.slice(0, 300) }),
    ...(e.method ? { method: e.method } : {}),
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.error_code !== undefined || e.errorCode !== undefined ? { errorCode: e.error_code ?? e.errorCode } : {}),
    ...(typeof e.code === "string" ? { code: e.code } : {}),
  };
}

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

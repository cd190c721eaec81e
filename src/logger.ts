/**
 * Structured logs (pino). Messages are English and never carry message text, user ids, tokens or
 * secrets: log what happened and how long it took, not what was said.
 */
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: { paths: ["text", "*.text", "userId", "*.userId", "token", "*.token", "apiKey", "*.apiKey", "authorization", "*.authorization"], censor: "[redacted]" },
  });
}

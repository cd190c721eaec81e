/**
 * Structured logs (pino). Messages are English and never carry message text, user ids, tokens or
 * secrets: log what happened and how long it took, not what was said.
 */
import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

/** `destination`: where lines go instead of stdout (tests capture them). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    redact: {
      paths: ["text", "*.text", "userId", "*.userId", "token", "*.token", "apiKey", "*.apiKey", "authorization", "*.authorization", "secret", "*.secret", "password", "*.password"],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

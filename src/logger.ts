/**
 * Structured logs (pino). Messages are English and never carry message text, user ids, tokens or
 * secrets: log what happened and how long it took, not what was said.
 *
 * Two forms of the same lines: pretty (time, level, message, fields; coloured) for a person at a
 * terminal, and JSON lines for a log collector (systemd, Docker). LOG_FORMAT=auto picks pretty when
 * the output is a terminal. Redaction runs before either form is written.
 */
import { pino, type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

export type { Logger };

export type LogFormat = "auto" | "pretty" | "json";

export interface LoggerOptions {
  /** Default `auto`: pretty when the output is a terminal, JSON lines otherwise. */
  format?: LogFormat;
  /** Whether the output is a terminal; default `process.stdout.isTTY`. */
  isTty?: boolean;
}

/** Field names whose values never reach a log line, in either form. */
export const REDACTED_PATHS = ["text", "*.text", "question", "*.question", "answer", "*.answer", "reply", "*.reply", "userId", "*.userId", "chatId", "*.chatId", "token", "*.token", "apiKey", "*.apiKey", "authorization", "*.authorization", "secret", "*.secret", "password", "*.password"];

/** `destination`: where lines go instead of stdout (tests capture them). */
export function createLogger(level: string, destination?: DestinationStream, options: LoggerOptions = {}): Logger {
  const settings = {
    level,
    base: undefined,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  };
  // A given destination (a file, a test's capture) is judged by itself, not by the process's stdout.
  const isTty = options.isTty ?? Boolean(destination ? (destination as { isTTY?: boolean }).isTTY : process.stdout.isTTY);
  const format = options.format ?? "auto";
  if (format === "pretty" || (format === "auto" && isTty)) {
    // In-process and synchronous: no worker thread, and nothing is lost when the process exits.
    const stream = pretty({
      colorize: isTty,
      sync: true,
      translateTime: "SYS:dd/mm/yyyy HH:MM:ss",
      ignore: "pid,hostname",
      singleLine: true,
      destination: (destination as NodeJS.WritableStream | undefined) ?? 1,
    });
    return pino(settings, stream);
  }
  return destination ? pino(settings, destination) : pino(settings);
}

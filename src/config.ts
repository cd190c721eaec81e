/**
 * The one place that reads `process.env`. Every component receives plain settings from here, so
 * tests can pass their own. Each setting is listed with a comment in `.env.example`.
 */
import path from "node:path";
import { z } from "zod";
import { ConfigError } from "./errors.js";

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const optionalUrl = optionalText.pipe(
  z.url({ message: "must be a URL such as http://127.0.0.1:11434/v1" }).optional(),
);

const booleanText = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((value) => value === "true" || value === "1" || value === "yes");

function integer(defaultValue: number, min: number, max: number) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === undefined || value === "" ? defaultValue : Number(value)))
    .pipe(z.number({ message: "must be a whole number" }).int().min(min).max(max));
}

const envSchema = z.object({
  PORT: integer(3000, 0, 65535),
  DATA_DIR: optionalText,
  KNOWLEDGE_DIR: optionalText,
  LOAD_EXAMPLES: booleanText,
  LLM_BASE_URL: optionalUrl,
  LLM_API_KEY: optionalText,
  LLM_MODEL: optionalText,
  LLM_TIMEOUT_MS: integer(15000, 100, 600000),
  ANSWER_CACHE_SIZE: integer(1000, 0, 1000000),
  KNOWLEDGE_WATCH_SECONDS: integer(60, 0, 86400),
  EMBEDDINGS_BASE_URL: optionalUrl,
  EMBEDDINGS_API_KEY: optionalText,
  EMBEDDINGS_MODEL: optionalText,
  DASHBOARD_USER: optionalText,
  DASHBOARD_PASSWORD: optionalText,
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/i, "must be a postgres:// or postgresql:// URL (leave it unset to use SQLite in DATA_DIR)")
      .optional(),
  ),
  STATS_SALT: optionalText.pipe(z.string().min(16, "must be at least 16 characters (e.g. 32 random hex characters)").optional()),
  STATS_RETENTION_DAYS: integer(365, 1, 36500),
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(
    z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1-256 characters of A-Z, a-z, 0-9, _ and -").optional(),
  ),
  TELEGRAM_API_ROOT: optionalUrl,
  ZALO_BOT_TOKEN: optionalText,
  ZALO_WEBHOOK_SECRET: optionalText.pipe(z.string().min(8, "must be 8-256 characters").max(256, "must be 8-256 characters").optional()),
  ZALO_API_ROOT: optionalUrl,
  BOT_MODE: optionalText.pipe(z.enum(["webhook", "polling"], { message: "must be webhook or polling" }).optional()),
  PUBLIC_URL: optionalText.pipe(z.url({ message: "must be a URL such as https://bot.example.vn" }).optional()),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .optional()
    .default("info"),
});

/** One chat platform's settings; present only when its token is set. */
export interface ChannelConfig {
  /** Bot token (TELEGRAM_BOT_TOKEN / ZALO_BOT_TOKEN). Never logged. */
  token: string;
  /** Echoed by the platform in a header on every webhook call; required in webhook mode. */
  webhookSecret?: string;
  /** API base URL; defaults https://api.telegram.org and https://bot-api.zaloplatforms.com. */
  apiRoot: string;
}

/** How the chat channels receive updates. */
export interface ChannelsConfig {
  /** `webhook` or `polling`; default `polling` when PUBLIC_URL is unset, else `webhook`. */
  mode: "webhook" | "polling";
  /** Base URL the platforms call (no trailing slash); webhooks registered at `<publicUrl>/webhooks/<channel>`. */
  publicUrl?: string;
  telegram?: ChannelConfig;
  zalo?: ChannelConfig;
}

/** Settings of the OpenAI-compatible chat model; absent means offline answers. */
export interface LlmSettings {
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Default 15000. After this the offline answer is sent instead. */
  timeoutMs: number;
}

/** Settings of the OpenAI-compatible embeddings; absent means local hashed embeddings. */
export interface EmbeddingsSettings {
  baseUrl: string;
  apiKey?: string;
  model: string;
}

export interface Config {
  /** HTTP port, default 3000. */
  port: number;
  /** Index, SQLite file and generated salt; default `./data`. */
  dataDir: string;
  /** Knowledge sources; default `./knowledge`. */
  knowledgeDir: string;
  /** Also load `knowledge/labour/examples/`; default false. */
  loadExamples: boolean;
  llm?: LlmSettings;
  embeddings?: EmbeddingsSettings;
  /** Answers kept for repeated context-free questions; default 1000, 0 = off. */
  answerCacheSize: number;
  /** How often the server checks knowledge/ for changes and re-indexes; default 60 s, 0 = off. */
  knowledgeWatchSeconds: number;
  /** Dashboard and admin login; both unset = dashboard and admin routes off. */
  dashboard?: { user: string; password: string };
  /** PostgreSQL URL; unset = SQLite in `DATA_DIR/bot.sqlite`. */
  databaseUrl?: string;
  /** Statistics of the questions asked. */
  stats: {
    /** Key of the anonymous user hash; unset = generated once and kept in `DATA_DIR/stats-salt`. Never logged. */
    salt?: string;
    /** Query records older than this many days are deleted daily; default 365. */
    retentionDays: number;
  };
  /** Telegram and Zalo; a channel without a token is off. */
  channels: ChannelsConfig;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

/**
 * Reads and validates the environment. Throws a ConfigError naming every wrong variable.
 *
 * ```ts
 * const config = loadConfig(process.env);
 * ```
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid settings: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  if (e.LLM_BASE_URL && !e.LLM_MODEL) {
    throw new ConfigError("LLM_MODEL must be set when LLM_BASE_URL is set (e.g. LLM_MODEL=gpt-4o-mini)");
  }
  if (e.EMBEDDINGS_BASE_URL && !e.EMBEDDINGS_MODEL) {
    throw new ConfigError("EMBEDDINGS_MODEL must be set when EMBEDDINGS_BASE_URL is set");
  }
  if (Boolean(e.DASHBOARD_USER) !== Boolean(e.DASHBOARD_PASSWORD)) {
    throw new ConfigError("DASHBOARD_USER and DASHBOARD_PASSWORD must be set together");
  }
  const botMode = e.BOT_MODE ?? (e.PUBLIC_URL ? "webhook" : "polling");
  if (botMode === "webhook") {
    // A webhook without a secret would accept updates forged by anyone who finds the URL.
    if (e.TELEGRAM_BOT_TOKEN && !e.TELEGRAM_WEBHOOK_SECRET) {
      throw new ConfigError("TELEGRAM_WEBHOOK_SECRET must be set in webhook mode (BOT_MODE=webhook or PUBLIC_URL set), e.g. a random 32-character string");
    }
    if (e.ZALO_BOT_TOKEN && !e.ZALO_WEBHOOK_SECRET) {
      throw new ConfigError("ZALO_WEBHOOK_SECRET must be set in webhook mode (BOT_MODE=webhook or PUBLIC_URL set), 8-256 characters");
    }
  }
  const config: Config = {
    port: e.PORT,
    dataDir: path.resolve(cwd, e.DATA_DIR ?? "data"),
    knowledgeDir: path.resolve(cwd, e.KNOWLEDGE_DIR ?? "knowledge"),
    loadExamples: e.LOAD_EXAMPLES,
    answerCacheSize: e.ANSWER_CACHE_SIZE,
    knowledgeWatchSeconds: e.KNOWLEDGE_WATCH_SECONDS,
    llm:
      e.LLM_BASE_URL && e.LLM_MODEL
        ? { baseUrl: e.LLM_BASE_URL, apiKey: e.LLM_API_KEY, model: e.LLM_MODEL, timeoutMs: e.LLM_TIMEOUT_MS }
        : undefined,
    embeddings:
      e.EMBEDDINGS_BASE_URL && e.EMBEDDINGS_MODEL
        ? { baseUrl: e.EMBEDDINGS_BASE_URL, apiKey: e.EMBEDDINGS_API_KEY, model: e.EMBEDDINGS_MODEL }
        : undefined,
    dashboard: e.DASHBOARD_USER && e.DASHBOARD_PASSWORD ? { user: e.DASHBOARD_USER, password: e.DASHBOARD_PASSWORD } : undefined,
    databaseUrl: e.DATABASE_URL,
    stats: { salt: e.STATS_SALT, retentionDays: e.STATS_RETENTION_DAYS },
    channels: {
      mode: botMode,
      publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
      telegram: e.TELEGRAM_BOT_TOKEN
        ? { token: e.TELEGRAM_BOT_TOKEN, webhookSecret: e.TELEGRAM_WEBHOOK_SECRET, apiRoot: e.TELEGRAM_API_ROOT ?? "https://api.telegram.org" }
        : undefined,
      zalo: e.ZALO_BOT_TOKEN
        ? { token: e.ZALO_BOT_TOKEN, webhookSecret: e.ZALO_WEBHOOK_SECRET, apiRoot: e.ZALO_API_ROOT ?? "https://bot-api.zaloplatforms.com" }
        : undefined,
    },
    logLevel: e.LOG_LEVEL,
  };
  return Object.freeze(config);
}

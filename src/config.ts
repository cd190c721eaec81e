/**
 * The one place that reads `process.env` (and `.env`, see `readDotEnv`). Every component receives
 * plain settings from here, so tests can pass their own. Each setting is listed with a comment in
 * `.env.example`.
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseDotEnv } from "dotenv";
import { z } from "zod";
import { ConfigError } from "./errors.js";
import { DEFAULT_ORG_NAME } from "./messages-vi.js";

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

/** A share between min and max; empty or unset = undefined (the caller's default). */
function fraction(min: number, max: number) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === undefined || value === "" ? undefined : Number(value)))
    .pipe(z.number({ message: `must be a number from ${min} to ${max}` }).min(min).max(max).optional());
}

const envSchema = z.object({
  PORT: integer(3000, 0, 65535),
  HOST: optionalText.pipe(z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/, "must be an address such as 127.0.0.1 or ::").optional()),
  DATA_DIR: optionalText,
  KNOWLEDGE_DIR: optionalText,
  LOAD_EXAMPLES: booleanText,
  LLM_BASE_URL: optionalUrl,
  LLM_API_KEY: optionalText,
  LLM_MODEL: optionalText,
  LLM_TIMEOUT_MS: integer(15000, 100, 600000),
  LLM_MAX_ANSWER_CHARS: integer(800, 50, 20000),
  ANSWER_CACHE_SIZE: integer(1000, 0, 1000000),
  ANSWER_CHECK_THRESHOLD: fraction(0, 1),
  KNOWLEDGE_WATCH_SECONDS: integer(60, 0, 86400),
  LABOUR_DATA_MAX_AGE_DAYS: integer(90, 1, 3650),
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
  USER_RATE_LIMIT_PER_MINUTE: integer(20, 0, 100000),
  API_RATE_LIMIT_PER_MINUTE: integer(60, 0, 1000000),
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, "must be at least 16 characters (e.g. 32 random hex characters)").max(256, "must be at most 256 characters").optional()),
  TRUST_PROXY: optionalText.pipe(
    z
      .string()
      .regex(
        /^(true|false|\d{1,2}|((loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?))*))$/,
        "must be true, false, a number of proxies (e.g. 1), or addresses/subnets such as loopback or 10.0.0.0/8",
      )
      .optional(),
  ),
  REPLICA_ID: optionalText.pipe(z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, "must be 1-100 characters of A-Z a-z 0-9 . _ : -").optional()),
  INBOX_LEASE_SECONDS: integer(60, 5, 3600),
  HTTP_HEADERS_TIMEOUT_MS: integer(10_000, 100, 600_000),
  HTTP_REQUEST_TIMEOUT_MS: integer(30_000, 100, 3_600_000),
  STAFF_TELEGRAM_CHAT_ID: optionalText.pipe(z.string().regex(/^-?\d{1,20}$/, "must be a Telegram chat id such as -1001234567890 (a group's id is negative)").optional()),
  TELEGRAM_SEND_PER_SECOND: integer(25, 1, 1000),
  ZALO_SEND_PER_SECOND: integer(5, 1, 1000),
  ORG_NAME: optionalText.pipe(z.string().max(200, "must be at most 200 characters").optional()),
  ORG_CONTACT: optionalText.pipe(z.string().max(300, "must be at most 300 characters").optional()),
  TELEGRAM_LINK: optionalText.pipe(z.url({ message: "must be a URL such as https://t.me/ten_bot" }).optional()),
  ZALO_LINK: optionalText.pipe(z.url({ message: "must be a URL such as https://zalo.me/1234567890" }).optional()),
  LOG_FORMAT: optionalText.pipe(z.enum(["auto", "pretty", "json"], { message: "must be auto, pretty or json" }).optional()),
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
  /** LLM_MAX_ANSWER_CHARS, default 800: a longer answer is rejected by the guard (issue 10, item 8). */
  maxAnswerChars: number;
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
  /** Address the server listens on (HOST); unset = every interface. */
  host?: string;
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
  /** Below this probability of being right (the answer check), a reply from knowledge is not sent as an answer; unset = the trained model's threshold, 0 = off. */
  answerCheckThreshold?: number;
  /** How often the server checks knowledge/ and the published Labour Office data for changes and re-indexes; default 60 s, 0 = off. */
  knowledgeWatchSeconds: number;
  /** Labour Office data older than this is answered with its date and "số liệu cũ" and flagged on the dashboard (LABOUR_DATA_MAX_AGE_DAYS, default 90). */
  labourDataMaxAgeDays: number;
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
  /** Abuse limits; 0 turns one off. Counters live in the store, so replicas share them. */
  limits: {
    /** Messages per user key per minute, every channel (USER_RATE_LIMIT_PER_MINUTE, default 20). */
    userPerMinute: number;
    /** `POST /api/chat` requests per client address per minute (API_RATE_LIMIT_PER_MINUTE, default 60). */
    apiPerMinute: number;
  };
  /** Bearer token `GET /metrics` requires (METRICS_TOKEN); unset = open. Never logged. */
  metricsToken?: string;
  /** Express "trust proxy" (TRUST_PROXY): which proxies' X-Forwarded-For to believe; default false (none). */
  trustProxy: boolean | number | string;
  /**
   * This process's name among replicas (REPLICA_ID); default `<hostname>:<PORT>`. A restarted
   * replica with the same name takes its unanswered updates back at once instead of waiting for
   * their lease to run out.
   */
  replicaId?: string;
  /** How long an update being answered stays reserved for its replica without a renewal (INBOX_LEASE_SECONDS, default 60). */
  inboxLeaseSeconds: number;
  /**
   * Slow clients: request headers must arrive within `headersMs` (HTTP_HEADERS_TIMEOUT_MS, default
   * 10000) and the whole request within `requestMs` (HTTP_REQUEST_TIMEOUT_MS, default 30000).
   */
  httpTimeouts: { headersMs: number; requestMs: number };
  /** Announcements, events, staff follow-up (issue 5). */
  outreach: {
    /** Telegram chat where unanswered questions are forwarded (STAFF_TELEGRAM_CHAT_ID); unset = not forwarded. */
    staffTelegramChatId?: string;
    /** Announcement messages per second (TELEGRAM_SEND_PER_SECOND, default 25; ZALO_SEND_PER_SECOND, default 5). */
    perSecond: { telegram: number; zalo: number };
  };
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** `pretty` (for people), `json` (one object a line, for collectors) or `auto`: pretty in a terminal (LOG_FORMAT, default auto). */
  logFormat: "auto" | "pretty" | "json";
  /**
   * The operator named in greetings, consent, announcements and reports (ORG_NAME, ORG_CONTACT).
   * Default: the service's own name and no contact, claiming no office.
   */
  organisation: { name: string; contact?: string };
  /**
   * Where web chat users can follow the bot on the platforms that carry announcements
   * (TELEGRAM_LINK, ZALO_LINK); shown only for a channel that is on.
   */
  web: { telegramLink?: string; zaloLink?: string };
}

/** What `readDotEnv` found. */
export interface DotEnv {
  /** Absolute path of the file read; undefined when there was none. */
  file?: string;
  /** Its variables, as written (not yet merged with the environment). */
  values: Record<string, string>;
}

/**
 * Reads `.env` from `cwd` (the project root under `npm start`), when present. Parsing follows
 * dotenv (comments, quotes, `export` prefixes); a missing file is no error.
 */
export function readDotEnv(cwd = process.cwd()): DotEnv {
  const file = path.resolve(cwd, ".env");
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { values: {} };
    throw new ConfigError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  return { file, values: parseDotEnv(text) };
}

/** The environment over the file: a variable set in the environment always wins. */
export function withDotEnv(env: NodeJS.ProcessEnv, dotEnv: DotEnv): NodeJS.ProcessEnv {
  return { ...dotEnv.values, ...env };
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
  if (e.STAFF_TELEGRAM_CHAT_ID && !e.TELEGRAM_BOT_TOKEN) {
    throw new ConfigError("STAFF_TELEGRAM_CHAT_ID needs TELEGRAM_BOT_TOKEN: unanswered questions are forwarded by the Telegram bot");
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
    host: e.HOST,
    dataDir: path.resolve(cwd, e.DATA_DIR ?? "data"),
    knowledgeDir: path.resolve(cwd, e.KNOWLEDGE_DIR ?? "knowledge"),
    loadExamples: e.LOAD_EXAMPLES,
    answerCacheSize: e.ANSWER_CACHE_SIZE,
    ...(e.ANSWER_CHECK_THRESHOLD !== undefined ? { answerCheckThreshold: e.ANSWER_CHECK_THRESHOLD } : {}),
    knowledgeWatchSeconds: e.KNOWLEDGE_WATCH_SECONDS,
    labourDataMaxAgeDays: e.LABOUR_DATA_MAX_AGE_DAYS,
    llm:
      e.LLM_BASE_URL && e.LLM_MODEL
        ? { baseUrl: e.LLM_BASE_URL, apiKey: e.LLM_API_KEY, model: e.LLM_MODEL, timeoutMs: e.LLM_TIMEOUT_MS, maxAnswerChars: e.LLM_MAX_ANSWER_CHARS }
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
    limits: { userPerMinute: e.USER_RATE_LIMIT_PER_MINUTE, apiPerMinute: e.API_RATE_LIMIT_PER_MINUTE },
    metricsToken: e.METRICS_TOKEN,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    replicaId: e.REPLICA_ID,
    inboxLeaseSeconds: e.INBOX_LEASE_SECONDS,
    httpTimeouts: { headersMs: e.HTTP_HEADERS_TIMEOUT_MS, requestMs: e.HTTP_REQUEST_TIMEOUT_MS },
    outreach: {
      staffTelegramChatId: e.STAFF_TELEGRAM_CHAT_ID,
      perSecond: { telegram: e.TELEGRAM_SEND_PER_SECOND, zalo: e.ZALO_SEND_PER_SECOND },
    },
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? "auto",
    organisation: { name: e.ORG_NAME ?? DEFAULT_ORG_NAME, contact: e.ORG_CONTACT },
    web: { telegramLink: e.TELEGRAM_LINK, zaloLink: e.ZALO_LINK },
  };
  return Object.freeze(config);
}

/** TRUST_PROXY as express takes it: a boolean, a hop count, or a list of addresses and subnets. */
function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === "false") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.replace(/\s+/g, "");
}

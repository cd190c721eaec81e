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
  EMBEDDINGS_BASE_URL: optionalUrl,
  EMBEDDINGS_API_KEY: optionalText,
  EMBEDDINGS_MODEL: optionalText,
  DASHBOARD_USER: optionalText,
  DASHBOARD_PASSWORD: optionalText,
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .optional()
    .default("info"),
});

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
  /** Dashboard and admin login; both unset = dashboard and admin routes off. */
  dashboard?: { user: string; password: string };
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
  const config: Config = {
    port: e.PORT,
    dataDir: path.resolve(cwd, e.DATA_DIR ?? "data"),
    knowledgeDir: path.resolve(cwd, e.KNOWLEDGE_DIR ?? "knowledge"),
    loadExamples: e.LOAD_EXAMPLES,
    llm:
      e.LLM_BASE_URL && e.LLM_MODEL
        ? { baseUrl: e.LLM_BASE_URL, apiKey: e.LLM_API_KEY, model: e.LLM_MODEL, timeoutMs: e.LLM_TIMEOUT_MS }
        : undefined,
    embeddings:
      e.EMBEDDINGS_BASE_URL && e.EMBEDDINGS_MODEL
        ? { baseUrl: e.EMBEDDINGS_BASE_URL, apiKey: e.EMBEDDINGS_API_KEY, model: e.EMBEDDINGS_MODEL }
        : undefined,
    dashboard: e.DASHBOARD_USER && e.DASHBOARD_PASSWORD ? { user: e.DASHBOARD_USER, password: e.DASHBOARD_PASSWORD } : undefined,
    logLevel: e.LOG_LEVEL,
  };
  return Object.freeze(config);
}

/**
 * Chooses the store from the settings: SQLite in `DATA_DIR/bot.sqlite` by default, PostgreSQL
 * when `DATABASE_URL` is a `postgres://` or `postgresql://` URL.
 *
 * ```ts
 * const store = createStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, logger });
 * await store.migrate();
 * ```
 */
import fs from "node:fs";
import path from "node:path";
import { ConfigError } from "../errors.js";
import type { Logger } from "../logger.js";
import { openPostgres, openSqlite } from "./database.js";
import { KyselyStore } from "./kysely-store.js";

/** File name of the SQLite database inside DATA_DIR. */
export const SQLITE_FILE_NAME = "bot.sqlite";

export interface StoreSettings {
  /** Folder of the SQLite file (created when missing). */
  dataDir: string;
  /** Unset = SQLite; `postgres://…` or `postgresql://…` = PostgreSQL. */
  databaseUrl?: string;
  logger?: Logger;
  /** Connections of the PostgreSQL pool; default 10. */
  poolSize?: number;
  /** SQLite: checkpoint and truncate the WAL this often (ms); default 60000; 0 = only at close. */
  walCheckpointMs?: number;
}

/** True when the URL names PostgreSQL. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Opens the store the settings ask for; call `migrate()` before use. Throws ConfigError on a bad DATABASE_URL. */
export function createStore(settings: StoreSettings): KyselyStore {
  const url = settings.databaseUrl?.trim();
  if (url) {
    if (!isPostgresUrl(url)) {
      throw new ConfigError("DATABASE_URL must be a postgres:// or postgresql:// URL (leave it unset to use SQLite in DATA_DIR)");
    }
    return new KyselyStore({ kind: "postgres", opened: openPostgres(url, settings.logger, settings.poolSize) });
  }
  fs.mkdirSync(settings.dataDir, { recursive: true });
  return new KyselyStore({ kind: "sqlite", opened: openSqlite(path.join(settings.dataDir, SQLITE_FILE_NAME), settings.walCheckpointMs) });
}

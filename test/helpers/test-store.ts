/**
 * A real SQLite store in a folder of the test's own, with the batching stats recorder and the HMAC
 * user key over it: what `main.ts` builds, for tests.
 */
import { createLogger } from "../../src/logger.js";
import { createStore } from "../../src/store/create-store.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { createStatsRecorder, type StatsRecorder } from "../../src/stats/stats-recorder.js";
import { createUserKey, loadStatsSalt, type UserKeyFunction } from "../../src/stats/user-key.js";

export interface TestStats {
  store: KyselyStore;
  recorder: StatsRecorder;
  userKey: UserKeyFunction;
  /** The statistics salt (the inbox's keys derive from it). */
  salt: string;
  close(): Promise<void>;
}

/** `databaseUrl`: PostgreSQL instead of SQLite in `dataDir`; `salt`: STATS_SALT (default generated in `dataDir`). */
export async function openTestStats(dataDir: string, databaseUrl?: string, salt?: string): Promise<TestStats> {
  const logger = createLogger("silent");
  const store = createStore({ dataDir, databaseUrl, logger });
  await store.migrate();
  const recorder = createStatsRecorder({ store, logger });
  const statsSalt = loadStatsSalt({ dataDir, configured: salt });
  const userKey = createUserKey(statsSalt);
  return {
    store,
    recorder,
    userKey,
    salt: statsSalt,
    async close() {
      await recorder.close();
      await store.close();
    },
  };
}

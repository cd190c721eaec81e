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
  close(): Promise<void>;
}

/** `databaseUrl`: PostgreSQL instead of SQLite in `dataDir`; `salt`: STATS_SALT (default generated in `dataDir`). */
export async function openTestStats(dataDir: string, databaseUrl?: string, salt?: string): Promise<TestStats> {
  const logger = createLogger("silent");
  const store = createStore({ dataDir, databaseUrl, logger });
  await store.migrate();
  const recorder = createStatsRecorder({ store, logger });
  const userKey = createUserKey(loadStatsSalt({ dataDir, configured: salt }));
  return {
    store,
    recorder,
    userKey,
    async close() {
      await recorder.close();
      await store.close();
    },
  };
}

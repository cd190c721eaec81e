/**
 * A real SQLite store in a folder of the test's own, with the batching stats recorder and the HMAC
 * user key over it: what `main.ts` builds, for tests.
 */
import { createLogger } from "../../src/logger.js";
import { createStore } from "../../src/store/create-store.js";
import type { Store } from "../../src/store/store.js";
import { createStatsRecorder, type StatsRecorder } from "../../src/stats/stats-recorder.js";
import { createUserKey, loadStatsSalt, type UserKeyFunction } from "../../src/stats/user-key.js";

export interface TestStats {
  store: Store;
  recorder: StatsRecorder;
  userKey: UserKeyFunction;
  close(): Promise<void>;
}

export async function openTestStats(dataDir: string): Promise<TestStats> {
  const logger = createLogger("silent");
  const store = createStore({ dataDir, logger });
  await store.migrate();
  const recorder = createStatsRecorder({ store, logger });
  const userKey = createUserKey(loadStatsSalt({ dataDir }));
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

/**
 * A process that runs only the announcement send job, as `main.ts` builds it, for the crash tests:
 * settings from the environment (DATA_DIR / DATABASE_URL, STATS_SALT, the channels' tokens and API
 * roots, TELEGRAM_SEND_PER_SECOND…) plus OUTREACH_TEST_LEASE_MS for a short lease. Prints
 * "ready" once started and runs until it is killed.
 *
 * ```bash
 * node --import tsx test/outreach/helpers/send-job-process.ts
 * ```
 */
import { createOutboundSenders } from "../../../src/channels/outbound.js";
import { loadConfig } from "../../../src/config.js";
import { createLogger } from "../../../src/logger.js";
import { createChatIdCipher } from "../../../src/privacy/chat-id-cipher.js";
import { SendWorker } from "../../../src/outreach/send-worker.js";
import { createStore } from "../../../src/store/create-store.js";
import { createOutreachStore } from "../../../src/store/kysely-outreach-store.js";

const config = loadConfig(process.env);
const logger = createLogger(config.logLevel);
const store = createStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, logger });
await store.migrate();
const worker = new SendWorker({
  store: createOutreachStore(store),
  senders: createOutboundSenders(config.channels),
  perSecond: config.outreach.perSecond,
  cipher: createChatIdCipher(config.stats.salt!),
  logger,
  leaseMs: Number(process.env.OUTREACH_TEST_LEASE_MS ?? 30_000),
  pollMs: 50,
});
worker.start();
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void worker.stop().then(() => store.close()).then(() => process.exit(0));
});

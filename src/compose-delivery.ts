/**
 * Builds what stands between the chat channels and the conversation, for the server (`main.ts`)
 * and the tests alike: the per-user and per-address limits (counters in the store), and the
 * durable inbox with its dispatcher.
 *
 * ```ts
 * const conversation = new Conversation({ … });
 * const delivery = createDelivery({ config, store, recorder, userKey, salt, logger, metrics, handler: (m, c) => conversation.handleMessage(m, c) });
 * const channels = createChannels(config.channels, { logger, inbound: delivery.dispatcher });
 * delivery.dispatcher.attach(channels);
 * await delivery.dispatcher.start();
 * ```
 */
import os from "node:os";
import type { MessageHandler } from "./conversation/message.js";
import { InboxDispatcher, type InboxDispatcherSettings } from "./channels/inbox-dispatcher.js";
import type { Config } from "./config.js";
import { rateLimitedHandler } from "./conversation/rate-limited-handler.js";
import { RateLimiter } from "./limits/rate-limiter.js";
import type { Logger } from "./logger.js";
import { timedMethods, type Metrics } from "./observability/metrics.js";
import type { UserKeyFunction } from "./stats/user-key.js";
import { createInboxStore, type InboxStore } from "./store/inbox-store.js";
import type { KyselyStore } from "./store/kysely-store.js";
import { createRateLimitStore } from "./store/rate-limit-store.js";

export interface DeliverySettings {
  config: Pick<Config, "limits" | "replicaId" | "inboxLeaseSeconds" | "port"> & { outreach?: Pick<Config["outreach"], "staffTelegramChatId"> };
  /** The store whose database also holds the inbox and the limit counters. */
  store: Pick<KyselyStore, "db" | "kind">;
  /** The conversation; the per-user limit is put in front of it. */
  handler: MessageHandler;
  /** Written before replies are sent. */
  recorder: { flush(): Promise<void> };
  userKey: UserKeyFunction;
  /** The statistics salt: the inbox encrypts its payloads and keys its digests with keys derived from it. */
  salt: string;
  logger: Logger;
  metrics?: Metrics;
  /** Clock of the limits' windows (epoch ms); tests fix it. */
  limiterClock?: () => number;
  /** Dispatcher tuning (tests: short sweeps and leases). */
  dispatcher?: Partial<Omit<InboxDispatcherSettings, "inbox" | "onMessage" | "logger">>;
}

export interface Delivery {
  dispatcher: InboxDispatcher;
  inbox: InboxStore;
  /** The conversation behind the per-user limit: what the channels call. */
  onMessage: MessageHandler;
  /** USER_RATE_LIMIT_PER_MINUTE, per anonymous user key, on every channel and on /api/chat. */
  userLimiter: RateLimiter;
  /** API_RATE_LIMIT_PER_MINUTE, per client address, on /api/chat. */
  addressLimiter: RateLimiter;
}

/** The default replica name: the host and the port, stable across restarts of one deployment. */
export function defaultReplicaId(port: number): string {
  return `${os.hostname()}:${port}`.replace(/[^A-Za-z0-9._:-]/g, "-").slice(0, 100);
}

export function createDelivery(settings: DeliverySettings): Delivery {
  const { config, store, logger, metrics, userKey } = settings;
  const counters = timedMethods(createRateLimitStore({ db: store.db }), ["hit"], metrics, "rate_limits");
  const userLimiter = new RateLimiter({
    name: "user",
    perMinute: config.limits.userPerMinute,
    store: counters,
    logger,
    now: settings.limiterClock,
    onRefused: () => metrics?.rateLimited.inc({ limit: "user" }),
  });
  const addressLimiter = new RateLimiter({
    name: "api-ip",
    perMinute: config.limits.apiPerMinute,
    store: counters,
    // Addresses are personal data: only their keyed hash is counted.
    keyOf: (address) => userKey("address", address),
    logger,
    now: settings.limiterClock,
    onRefused: () => metrics?.rateLimited.inc({ limit: "api-ip" }),
  });
  const inbox = timedMethods(
    createInboxStore({ db: store.db, kind: store.kind, secret: settings.salt }),
    ["add", "finish", "retryLater", "claimDue", "renew", "release", "recoverReplica"],
    metrics,
    "inbox",
  );
  const staffChat = config.outreach?.staffTelegramChatId;
  const onMessage = rateLimitedHandler(settings.handler, { limiter: userLimiter, userKey, logger, metrics });
  const dispatcher = new InboxDispatcher({
    replicaId: config.replicaId ?? defaultReplicaId(config.port),
    leaseMs: config.inboxLeaseSeconds * 1000,
    beforeSend: () => settings.recorder.flush(),
    // Staff replies in the staff group keep their text (office numbers for the asker); users' texts are masked.
    keepTextOf: (message) => message.channel === "telegram" && staffChat !== undefined && message.chatId === staffChat,
    metrics,
    ...settings.dispatcher,
    inbox,
    onMessage,
    logger,
  });
  return { dispatcher, inbox, onMessage, userLimiter, addressLimiter };
}

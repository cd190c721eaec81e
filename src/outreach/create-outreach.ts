/**
 * Builds the outreach part of the bot from its settings, the same way for `main.ts` and the
 * tests: the outreach store on the main store's database, the chat-id cipher, the event catalog
 * (which the answer engine reads), the subscription commands and the staff follow-up (conversation
 * extensions), the announcement service, the FAQ publisher and the send job.
 *
 * ```ts
 * const outreach = createOutreach({ store, knowledge, senders, salt, logger, settings: config.outreach, ... });
 * const engine = createEngine(config, knowledge, { events: outreach.events });
 * const conversation = new Conversation({ ...deps, extensions: outreach.extensions });
 * outreach.start();
 * ```
 */
import type { ChannelName } from "../conversation/message.js";
import type { OutboundSender } from "../channels/outbound.js";
import type { ConversationExtension } from "../conversation/conversation-extension.js";
import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { Commune } from "../knowledge/lexicon.js";
import type { Logger } from "../logger.js";
import { createOutreachStore } from "../store/kysely-outreach-store.js";
import type { KyselyStore } from "../store/kysely-store.js";
import type { OutreachStore } from "../store/outreach-store.js";
import type { StatsStore } from "../store/store.js";
import { AnnouncementService } from "./announcement-service.js";
import { createChatIdCipher, type ChatIdCipher } from "../privacy/chat-id-cipher.js";
import { EventCatalog } from "./event-catalog.js";
import { FaqPublisher } from "./faq-publisher.js";
import { SendWorker, type SendWorkerSettings } from "./send-worker.js";
import { StaffFollowUp } from "./staff-follow-up.js";
import { SubscriptionCommands, type AnnouncementLinks } from "./subscription-commands.js";

/** What `config.ts` gives outreach. */
export interface OutreachConfig {
  /** STAFF_TELEGRAM_CHAT_ID; unset = no forwarding of unanswered questions. */
  staffTelegramChatId?: string;
  /** TELEGRAM_SEND_PER_SECOND (default 25) and ZALO_SEND_PER_SECOND (default 5). */
  perSecond: Record<ChannelName, number>;
  /** Public links of the bot on the platforms that are on, told to web chat users who ask for announcements. */
  webLinks?: AnnouncementLinks;
}

export interface OutreachSettings {
  settings: OutreachConfig;
  /** The opened, migrated store (its database holds the outreach tables too). */
  store: Pick<KyselyStore, "db" | "kind"> & Pick<StatsStore, "markReviewed">;
  knowledge: KnowledgeBase;
  knowledgeDir: string;
  loadExamples: boolean;
  /** Senders of the channels that are on (`createOutboundSenders`). */
  senders: Partial<Record<ChannelName, OutboundSender>>;
  /** The statistics salt: the key of the chat-id encryption is derived from it. */
  salt: string;
  logger: Logger;
  /** Overrides of the send job (tests: short polls and leases). */
  worker?: Partial<Omit<SendWorkerSettings, "store" | "senders" | "cipher" | "logger">>;
  now?: () => Date;
}

export interface Outreach {
  store: OutreachStore;
  cipher: ChatIdCipher;
  events: EventCatalog;
  announcements: AnnouncementService;
  subscriptions: SubscriptionCommands;
  followUp: StaffFollowUp;
  publisher: FaqPublisher;
  worker: SendWorker;
  /** For `new Conversation({ extensions })`. */
  extensions: ConversationExtension[];
  /** The six new communes, from the knowledge in use. */
  communes(): Commune[];
  /** Starts the send job and the daily pruning of staff routes. */
  start(): void;
  stop(): Promise<void>;
}

const HOUR_MS = 60 * 60 * 1000;

export function createOutreach(options: OutreachSettings): Outreach {
  const { logger } = options;
  const store = createOutreachStore(options.store);
  const cipher = createChatIdCipher(options.salt);
  const communes = () => options.knowledge.current().lexicon.communes;
  const events = new EventCatalog({ knowledgeDir: options.knowledgeDir, loadExamples: options.loadExamples, store, communes });
  const worker = new SendWorker({
    store,
    senders: options.senders,
    perSecond: options.settings.perSecond,
    cipher,
    logger,
    ...options.worker,
  });
  const announcements = new AnnouncementService({ store, logger, onQueued: () => worker.wake(), now: options.now });
  const subscriptions = new SubscriptionCommands({ store, cipher, communes, logger, webLinks: options.settings.webLinks, now: options.now });
  const publisher = new FaqPublisher({ knowledgeDir: options.knowledgeDir, knowledge: options.knowledge, logger });
  const followUp = new StaffFollowUp({
    staffChatId: options.settings.staffTelegramChatId,
    store,
    stats: options.store,
    senders: options.senders,
    cipher,
    publisher,
    logger,
    now: options.now,
  });
  let pruneTimer: NodeJS.Timeout | undefined;

  return {
    store,
    cipher,
    events,
    announcements,
    subscriptions,
    followUp,
    publisher,
    worker,
    extensions: [followUp, subscriptions],
    communes,
    start() {
      worker.start();
      const prune = () =>
        followUp
          .pruneRoutes()
          .then((n) => n > 0 && logger.info({ routes: n }, "staff routes older than 7 days deleted"))
          .catch(() => logger.warn("staff routes not pruned; next try in an hour"));
      void prune();
      pruneTimer = setInterval(prune, HOUR_MS);
      pruneTimer.unref();
    },
    async stop() {
      clearInterval(pruneTimer);
      await worker.stop();
      await followUp.settle();
    },
  };
}

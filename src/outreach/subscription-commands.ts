/**
 * Opt-in and opt-out of announcements in the chat, as a conversation extension.
 *
 * - `/dangky`, the menu item "Đăng ký nhận tin" or the words "đăng ký (nhận tin)": the consent text
 *   (what is sent, what is kept, that a student under 16 subscribes with a parent's agreement, how
 *   to stop), then a topic choice. Picking a topic is the opt-in: the subscription is stored with
 *   the time, channel, topics, commune and the consent-text version (`CONSENT_VERSION`), and a line
 *   goes to the consent history. Then an optional commune choice.
 * - `/huydangky`, "hủy đăng ký", "dừng" (with or without diacritics): the subscription, and with
 *   it the stored chat id, is deleted at once. A bare "dừng"/"dung" only counts from a subscriber.
 * - Nothing is ever sent to anyone without a subscription row; the row exists only after a pick.
 *
 * Buttons on Telegram; numbered choices on Zalo (the conversation remembers what a number picks).
 */
import type { Choice, Reply } from "../conversation/message.js";
import type { ConversationExtension, ExtensionRequest } from "../conversation/conversation-extension.js";
import type { DeletedUserData } from "../conversation/delete-user-data.js";
import type { Commune } from "../knowledge/lexicon.js";
import { canonical } from "../knowledge/vietnamese.js";
import type { Logger } from "../logger.js";
import { outreachTopicLabelsVi, outreachVi } from "../messages-vi.js";
import { OUTREACH_TOPICS, type OutreachStore, type OutreachTopic, type Subscription } from "../store/outreach-store.js";
import type { ChatIdCipher } from "../privacy/chat-id-cipher.js";

/**
 * Version of `outreachVi.consent`: change it whenever that text changes, so the consent history
 * says which wording each user agreed to. v2 names the operator from ORG_NAME (and ORG_CONTACT):
 * the version with those two settings gives the exact wording.
 */
export const CONSENT_VERSION = "2026-12-v2";

const START = "sub:start";
const DECLINE = "sub:no";
const TOPIC_RE = /^sub:t:([a-z_]+)$/;
const COMMUNE_RE = /^sub:c:(all|\d{1,2})$/;

const SUBSCRIBE_COMMANDS = new Set(["dangky", "dang_ky", "subscribe"]);
const UNSUBSCRIBE_COMMANDS = new Set(["huydangky", "huy_dang_ky", "unsubscribe", "stop"]);
/** The whole message, on the shadow form. */
const SUBSCRIBE_WORDS = /^(xin )?(dang ky|dang ki|dk)( nhan (tin|thong bao))?( voi| a| nhe)?$/;
const UNSUBSCRIBE_WORDS = /^(xin )?(huy|bo|ngung|dung|thoi) (dang ky|dang ki|dk|nhan tin|nhan thong bao)( nhan (tin|thong bao))?( nua)?( (di|nhe|a|giup))*$/;
/**
 * A bare "stop", as typed. Without diacritics "dung" could be "đúng" or "dùng" too; typed with
 * them, only "dừng" counts, and only from a subscriber.
 */
const BARE_STOP = new Set(["dừng", "dừng lại", "ngừng", "dung", "dung lai", "ngung", "stop"]);

export interface SubscriptionCommandsSettings {
  store: OutreachStore;
  cipher: ChatIdCipher;
  /** The six new communes (knowledge/communes.yaml). */
  communes: () => Commune[];
  logger: Logger;
  /** Public links of the platforms that carry announcements and are on (shown to web chat users). */
  webLinks?: AnnouncementLinks;
  now?: () => Date;
}

/** Where announcements can be followed: each platform that is on, with the bot's public link ("" = no link set). */
export interface AnnouncementLinks {
  telegram?: string;
  zalo?: string;
}

export class SubscriptionCommands implements ConversationExtension {
  readonly menuItems: readonly Choice[] = [{ label: outreachVi.menuSubscribe, payload: START }];
  private readonly now: () => Date;

  constructor(private readonly settings: SubscriptionCommandsSettings) {
    this.now = settings.now ?? (() => new Date());
  }

  async handle(request: ExtensionRequest): Promise<Reply[] | undefined> {
    const { input } = request;
    // The web page cannot receive announcements: whatever a web user asks of subscriptions, they
    // learn where announcements come (Zalo, Telegram) instead.
    if (request.incoming.channel === "web") return this.isSubscriptionInput(input) ? [{ text: outreachVi.webSubscribe(this.settings.webLinks ?? {}) }] : undefined;
    if (input.kind === "command") {
      if (SUBSCRIBE_COMMANDS.has(input.command)) return this.start(request);
      if (UNSUBSCRIBE_COMMANDS.has(input.command)) return this.stop(request, true);
      return undefined;
    }
    if (input.kind === "text") {
      if (SUBSCRIBE_WORDS.test(input.folded)) return this.start(request);
      if (UNSUBSCRIBE_WORDS.test(input.folded)) return this.stop(request, true);
      if (BARE_STOP.has(canonical(input.text).replace(/[.!]+$/, "").trim())) return this.stop(request, false);
      return undefined;
    }
    const payload = input.payload;
    if (payload === START) return this.start(request);
    if (payload === DECLINE) return [{ text: outreachVi.declined }];
    const topic = TOPIC_RE.exec(payload);
    if (topic) return this.pickTopic(request, topic[1]!);
    const commune = COMMUNE_RE.exec(payload);
    if (commune) return this.pickCommune(request, commune[1]!);
    if (payload.startsWith("sub:")) return [{ text: outreachVi.expired }];
    return undefined;
  }

  /** Whether this input is one of the subscription commands, words or buttons (a bare "dừng" is not: on the web it may be a question). */
  private isSubscriptionInput(input: ExtensionRequest["input"]): boolean {
    if (input.kind === "command") return SUBSCRIBE_COMMANDS.has(input.command) || UNSUBSCRIBE_COMMANDS.has(input.command);
    if (input.kind === "text") return SUBSCRIBE_WORDS.test(input.folded) || UNSUBSCRIBE_WORDS.test(input.folded);
    return input.payload.startsWith("sub:");
  }

  async deleteUserData(userKey: string): Promise<Partial<DeletedUserData>> {
    const deleted = await this.settings.store.deleteUserData(userKey);
    return { subscriptions: deleted.subscriptions, consentEvents: deleted.consentEvents, staffRoutes: deleted.staffRoutes, announcementDeliveries: deleted.deliveries };
  }

  // === steps

  private async start(request: ExtensionRequest): Promise<Reply[]> {
    if (isGroupChat(request)) return [{ text: outreachVi.privateOnly }];
    const current = await this.settings.store.getSubscription(request.userKey);
    const intro = current ? `${outreachVi.consent}\n\n${outreachVi.current(this.topicNames(current.topics), this.communeName(current.commune))}` : outreachVi.consent;
    const items: Choice[] = [
      { label: outreachVi.allTopics, payload: "sub:t:all" },
      ...OUTREACH_TOPICS.map((t) => ({ label: outreachTopicLabelsVi[t] ?? t, payload: `sub:t:${t}` })),
      { label: outreachVi.noThanks, payload: DECLINE },
    ];
    return [{ text: `${intro}\n\n${outreachVi.chooseTopic}`, choices: { style: "inline", items } }];
  }

  private async pickTopic(request: ExtensionRequest, picked: string): Promise<Reply[]> {
    if (isGroupChat(request)) return [{ text: outreachVi.privateOnly }];
    const topics: OutreachTopic[] = picked === "all" ? [...OUTREACH_TOPICS] : (OUTREACH_TOPICS as readonly string[]).includes(picked) ? [picked as OutreachTopic] : [];
    if (topics.length === 0) return [{ text: outreachVi.expired }];
    const { store, cipher, logger } = this.settings;
    const now = this.now();
    const current = await store.getSubscription(request.userKey);
    const channel = request.incoming.channel;
    if (channel !== "telegram" && channel !== "zalo") return [{ text: outreachVi.webSubscribe(this.settings.webLinks ?? {}) }];
    const subscription: Subscription = {
      userKey: request.userKey,
      channel,
      // The chat id is needed to deliver; it is stored encrypted, and only here.
      chatRef: cipher.encrypt(request.incoming.chatId),
      topics: [...new Set([...(current?.topics ?? []), ...topics])],
      commune: current?.commune ?? null,
      consentVersion: CONSENT_VERSION,
      consentedAt: current?.consentedAt ?? now,
      updatedAt: now,
    };
    await store.saveSubscription(subscription, current ? "update" : "opt_in");
    logger.info({ channel: request.incoming.channel, topics: subscription.topics.length, renewed: Boolean(current) }, "subscribed to announcements");
    const communes = this.settings.communes();
    const items: Choice[] = [
      ...communes.map((c, i) => ({ label: c.name, payload: `sub:c:${i}` })),
      { label: outreachVi.wholeArea, payload: "sub:c:all" },
    ];
    return [{ text: `${outreachVi.subscribed(this.topicNames(subscription.topics))}\n${outreachVi.chooseCommune}`, choices: { style: "inline", items } }];
  }

  private async pickCommune(request: ExtensionRequest, picked: string): Promise<Reply[]> {
    const { store } = this.settings;
    const current = await store.getSubscription(request.userKey);
    if (!current) return [{ text: outreachVi.expired }];
    const commune = picked === "all" ? null : (this.settings.communes()[Number(picked)]?.name ?? undefined);
    if (commune === undefined) return [{ text: outreachVi.expired }];
    const now = this.now();
    await store.saveSubscription({ ...current, commune, chatRef: this.settings.cipher.encrypt(request.incoming.chatId), consentVersion: CONSENT_VERSION, updatedAt: now }, "update");
    return [{ text: outreachVi.done(this.topicNames(current.topics), this.communeName(commune)) }];
  }

  /** Opt-out; `explicit` false for a bare "dừng", which only a subscriber means as opt-out. */
  private async stop(request: ExtensionRequest, explicit: boolean): Promise<Reply[] | undefined> {
    const removed = await this.settings.store.removeSubscription(request.userKey, "opt_out", this.now());
    if (!removed) return explicit ? [{ text: outreachVi.notSubscribed }] : undefined;
    this.settings.logger.info({ channel: request.incoming.channel }, "unsubscribed from announcements");
    return [{ text: outreachVi.unsubscribed }];
  }

  private topicNames(topics: readonly string[]): string {
    return OUTREACH_TOPICS.filter((t) => topics.includes(t)).map((t) => outreachTopicLabelsVi[t] ?? t).join(", ");
  }

  private communeName(commune: string | null): string {
    return commune ?? outreachVi.wholeAreaName;
  }
}

/** Telegram groups have negative chat ids; announcements go to private chats only. */
function isGroupChat(request: ExtensionRequest): boolean {
  return request.incoming.channel === "telegram" && request.incoming.chatId.startsWith("-");
}

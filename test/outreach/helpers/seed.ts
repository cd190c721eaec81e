/**
 * Seeding for the outreach tests: subscribers stored the way the opt-in stores them (encrypted
 * chat id, consent version), and announcements waiting to be sent.
 */
import crypto from "node:crypto";
import type { ChannelName } from "../../../src/conversation/message.js";
import type { ChatIdCipher } from "../../../src/privacy/chat-id-cipher.js";
import { CONSENT_VERSION } from "../../../src/outreach/subscription-commands.js";
import { announcementHash, renderAnnouncement, type AnnouncementDraft } from "../../../src/outreach/announcement-service.js";
import type { OutreachStore, OutreachTopic } from "../../../src/store/outreach-store.js";
import type { UserKeyFunction } from "../../../src/stats/user-key.js";

export interface SeedSubscriber {
  channel: ChannelName;
  chatId: string;
  topics: OutreachTopic[];
  commune?: string | null;
}

export async function seedSubscribers(
  deps: { store: OutreachStore; cipher: ChatIdCipher; userKey: UserKeyFunction },
  subscribers: SeedSubscriber[],
): Promise<void> {
  const now = new Date();
  for (const s of subscribers) {
    await deps.store.saveSubscription(
      {
        userKey: deps.userKey(s.channel, s.chatId),
        channel: s.channel,
        chatRef: deps.cipher.encrypt(s.chatId),
        topics: s.topics,
        commune: s.commune ?? null,
        consentVersion: CONSENT_VERSION,
        consentedAt: now,
        updatedAt: now,
      },
      "opt_in",
    );
  }
}

/** Stores a confirmed announcement (and its delivery rows) directly; returns its id and recipients. */
export async function seedAnnouncement(store: OutreachStore, draft: Partial<AnnouncementDraft> & { topic: OutreachTopic }, createdAt = new Date()): Promise<{ id: string; recipients: number }> {
  const full: AnnouncementDraft = { text: "Thông báo thử", communes: [], link: null, eventId: null, ...draft };
  const id = crypto.randomUUID();
  const recipients = await store.createAnnouncement({
    id,
    createdAt,
    author: "canbo",
    topic: full.topic,
    communes: full.communes,
    text: full.text,
    link: full.link,
    message: renderAnnouncement(full),
    contentHash: announcementHash(full),
    eventId: full.eventId,
  });
  return { id, recipients };
}

/** Chat ids `<prefix>0001`… (Telegram: numeric strings). */
export function chatIds(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(4, "0")}`);
}

/**
 * Announcements as staff make them: a draft is previewed (the message exactly as recipients will
 * read it, its content hash, how many subscribers it would reach), then confirmed with that hash.
 * Confirming stores the announcement with its audit fields (author, time, content hash, recipient
 * count) and queues one delivery per matching subscriber; the `SendWorker` does the sending.
 *
 * ```ts
 * const service = new AnnouncementService({ store, onQueued: () => worker.wake() });
 * const preview = await service.preview(draft);
 * await service.confirm(draft, { author: "canbo", contentHash: preview.contentHash });
 * ```
 */
import crypto from "node:crypto";
import { AppError } from "../errors.js";
import type { Logger } from "../logger.js";
import { outreachTopicLabelsVi, outreachVi } from "../messages-vi.js";
import type { AnnouncementWithCounts, OutreachStore, OutreachTopic } from "../store/outreach-store.js";

/** Longest announcement text staff may type: with header, link and footer it stays one Zalo message (2,000). */
export const MAX_ANNOUNCEMENT_CHARS = 1500;
export const MAX_LINK_CHARS = 300;

/** What staff typed. */
export interface AnnouncementDraft {
  text: string;
  topic: OutreachTopic;
  /** New commune names; empty = all. */
  communes: string[];
  link: string | null;
  /** The event it was made from. */
  eventId: string | null;
}

export interface AnnouncementPreview {
  /** The message as recipients read it. */
  message: string;
  contentHash: string;
  recipients: { total: number; byChannel: Record<string, number> };
}

/** The draft changed between preview and confirmation (409). */
export class AnnouncementChangedError extends AppError {
  constructor() {
    super("bad_request", "the announcement changed after its preview: preview it again");
  }
}

/** The message recipients get: header, text, link, why they get it and how to stop. */
export function renderAnnouncement(draft: Pick<AnnouncementDraft, "text" | "topic" | "link">): string {
  const parts = [outreachVi.announcementHeader, "", draft.text.trim()];
  if (draft.link) parts.push("", draft.link);
  if (outreachVi.announcementContact) parts.push("", outreachVi.announcementContact);
  parts.push("", outreachVi.announcementFooter(outreachTopicLabelsVi[draft.topic] ?? draft.topic));
  return parts.join("\n");
}

/** SHA-256 over everything that decides what is sent and to whom. */
export function announcementHash(draft: AnnouncementDraft): string {
  const canonical = JSON.stringify({
    text: draft.text.trim(),
    topic: draft.topic,
    communes: [...new Set(draft.communes)].sort(),
    link: draft.link,
    message: renderAnnouncement(draft),
  });
  return crypto.createHash("sha256").update(canonical, "utf8").digest("hex");
}

export interface AnnouncementServiceSettings {
  store: OutreachStore;
  logger: Logger;
  /** Called after an announcement was queued (wakes the sender). */
  onQueued?: () => void;
  now?: () => Date;
}

export class AnnouncementService {
  private readonly now: () => Date;

  constructor(private readonly settings: AnnouncementServiceSettings) {
    this.now = settings.now ?? (() => new Date());
  }

  async preview(draft: AnnouncementDraft): Promise<AnnouncementPreview> {
    return {
      message: renderAnnouncement(draft),
      contentHash: announcementHash(draft),
      recipients: await this.settings.store.countRecipients({ topic: draft.topic, communes: draft.communes }),
    };
  }

  /**
   * Stores and queues the announcement. Throws `AnnouncementChangedError` when `contentHash` is
   * not the hash of this draft (staff must confirm what they saw).
   */
  async confirm(draft: AnnouncementDraft, confirmation: { author: string; contentHash: string }): Promise<{ id: string; recipientCount: number }> {
    const contentHash = announcementHash(draft);
    if (contentHash !== confirmation.contentHash) throw new AnnouncementChangedError();
    const id = crypto.randomUUID();
    const recipientCount = await this.settings.store.createAnnouncement({
      id,
      createdAt: this.now(),
      author: confirmation.author,
      topic: draft.topic,
      communes: [...new Set(draft.communes)].sort(),
      text: draft.text.trim(),
      link: draft.link,
      message: renderAnnouncement(draft),
      contentHash,
      eventId: draft.eventId,
    });
    // The audit line: who, when (the log's time), what (hash) and to how many; never the text.
    this.settings.logger.info({ announcement: id, topic: draft.topic, communes: draft.communes.length, recipients: recipientCount, contentHash }, "announcement queued");
    this.settings.onQueued?.();
    return { id, recipientCount };
  }

  list(limit = 50): Promise<AnnouncementWithCounts[]> {
    return this.settings.store.listAnnouncements({ limit });
  }
}

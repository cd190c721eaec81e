/**
 * The outreach storage seam: subscriptions and their consent history, announcements with one
 * delivery row per recipient (the send queue), the single-sender lease, events added in the
 * dashboard, the staff follow-up routes and the staff answers (draft FAQ). One implementation
 * (`kysely-outreach-store.ts`) runs on the same Kysely instance, SQLite or PostgreSQL, as `Store`.
 *
 * Privacy: the platform chat id is needed to deliver, so it is kept in exactly two places — the
 * subscription row and the staff route row — and only encrypted (`chatRef`, see
 * `privacy/chat-id-cipher.ts`). Both rows go on opt-out, on /xoadulieu, and (routes) after the
 * staff reply or 7 days. Everything else is keyed by the anonymous user key.
 */
import type { ChannelName } from "../conversation/message.js";
import type { Topic } from "../knowledge/types.js";
import type { JobTaker } from "./leased-jobs.js";

/** Announcement topics users subscribe to. */
export const OUTREACH_TOPICS = ["phan_luong", "hoc_nghe", "viec_lam", "nuoc_ngoai", "su_kien"] as const;
export type OutreachTopic = (typeof OUTREACH_TOPICS)[number];

/** An opted-in user. */
export interface Subscription {
  /** Anonymous user key (HMAC of channel and platform id). */
  userKey: string;
  channel: ChannelName;
  /** The platform chat id, encrypted; needed to deliver. */
  chatRef: string;
  /** At least one. */
  topics: OutreachTopic[];
  /** New commune name; null = the whole area. */
  commune: string | null;
  /** Version of the consent text the user saw when agreeing (`CONSENT_VERSION`). */
  consentVersion: string;
  /** When the user first agreed. */
  consentedAt: Date;
  updatedAt: Date;
}

/** What a subscription change is recorded as in the consent history. */
export type ConsentAction = "opt_in" | "update" | "opt_out" | "blocked";

/** One line of the consent history: when and to what the user agreed or stopped agreeing (no chat id). */
export interface ConsentEvent {
  userKey: string;
  action: ConsentAction;
  at: Date;
  channel: string;
  topics: OutreachTopic[];
  commune: string | null;
  consentVersion: string;
}

/** Who an announcement goes to. */
export interface AnnouncementTarget {
  topic: OutreachTopic;
  /** New commune names; empty = every commune. Subscribers who chose the whole area get every announcement of their topics. */
  communes: string[];
}

export interface NewAnnouncement extends AnnouncementTarget {
  id: string;
  createdAt: Date;
  /** The dashboard user who confirmed it. */
  author: string;
  /** What staff typed. */
  text: string;
  link: string | null;
  /** The message exactly as recipients get it (text, link, footer). */
  message: string;
  /** SHA-256 of the content (see `announcementHash`). */
  contentHash: string;
  /** The event it was created from, if any. */
  eventId: string | null;
}

export type DeliveryStatus = "pending" | "sending" | "delivered" | "failed" | "blocked" | "skipped";

/** Delivered / failed / blocked / skipped / waiting counts. */
export interface DeliveryCounts {
  delivered: number;
  failed: number;
  blocked: number;
  skipped: number;
  /** Pending or being sent. */
  waiting: number;
}

export interface Announcement extends NewAnnouncement {
  /** `queued` until every delivery row is settled, then `done`. */
  status: "queued" | "done";
  /** Subscribers matched when it was confirmed. */
  recipientCount: number;
  finishedAt: Date | null;
}

export interface AnnouncementWithCounts extends Announcement {
  counts: DeliveryCounts;
  byChannel: Record<string, DeliveryCounts>;
}

/** A delivery row claimed by the sender. */
export interface ClaimedDelivery {
  id: number;
  announcementId: string;
  userKey: string;
  channel: string;
  /** Takes so far, this one included (a take put back untried, for pacing, does not count). */
  attempts: number;
}

/** How a claimed delivery ended (or was put back). */
export type DeliveryOutcome =
  | { status: "delivered"; at: Date }
  | { status: "failed" | "blocked" | "skipped"; error: string }
  /** Back in the queue; `countAttempt` false when it was never tried (per-chat spacing, lost lease, 429). */
  | { status: "pending"; nextAttemptAt: Date; countAttempt: boolean; error?: string };

/** An event added in the dashboard (events from `knowledge/events/*.yaml` are not stored). */
export interface StoredEvent {
  id: string;
  name: string;
  /** `YYYY-MM-DD` (Vietnam). */
  date: string;
  /** `HH:MM`, optional. */
  time: string | null;
  place: string;
  /** New commune name; null = the whole area. */
  commune: string | null;
  audience: string | null;
  organiser: string | null;
  contact: string | null;
  createdAt: Date;
  author: string;
}

/** Where a staff reply to a forwarded question must go. Deleted after the reply or 7 days. */
export interface StaffRoute {
  /** Id of the forward message in the staff chat (what a staff reply points to). */
  staffMessageId: string;
  /** The query record of the unanswered question. */
  recordId: string;
  userKey: string;
  channel: string;
  /** Encrypted chat id of the user. */
  chatRef: string;
  /** Masked question text. */
  question: string;
  topic: Topic;
  commune: string | null;
  createdAt: Date;
}

export type StaffAnswerStatus = "draft" | "approved" | "rejected";

/** A staff answer to an unanswered question: sent to the user when possible, and a draft FAQ entry. */
export interface StaffAnswer {
  id: string;
  /** The query record answered, when known. */
  recordId: string | null;
  /** Masked question. */
  question: string;
  answer: string;
  topic: Topic;
  commune: string | null;
  /** `Nhóm cán bộ (Telegram)` or the dashboard user. */
  answeredBy: string;
  answeredAt: Date;
  /** The answer reached the user. */
  delivered: boolean;
  channel: string | null;
  status: StaffAnswerStatus;
  /** Id of the FAQ entry written on approval. */
  faqId: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
}

/** The question part of a query record, for answering it from the dashboard. */
export interface RecordQuestion {
  id: string;
  question: string;
  topic: Topic;
  commune: string | null;
  answered: boolean;
  channel: string;
  /** The bot's reply as stored (masked); null when not kept. */
  reply?: string | null;
}

/** Announcements of a period, for the reports. */
export interface AnnouncementTotals {
  announcements: number;
  recipients: number;
  delivered: number;
  failed: number;
  blocked: number;
  byChannel: Record<string, { recipients: number; delivered: number; failed: number; blocked: number }>;
  byTopic: Record<string, number>;
}

/** What `OutreachStore.deleteUserData` deleted or unlinked, in rows. */
export interface OutreachUserDataDeleted {
  subscriptions: number;
  consentEvents: number;
  staffRoutes: number;
  /** Announcement delivery rows whose user key was replaced. */
  deliveries: number;
}

export interface OutreachStore {
  // === subscriptions ===
  getSubscription(userKey: string): Promise<Subscription | undefined>;
  /** Creates or replaces the subscription and appends the consent history line. */
  saveSubscription(subscription: Subscription, action: "opt_in" | "update"): Promise<void>;
  /**
   * Deletes the subscription (and with it the chat id) at once; appends `opt_out` or `blocked` to
   * the history. False when there was none.
   */
  removeSubscription(userKey: string, reason: "opt_out" | "blocked", at: Date): Promise<boolean>;
  /** Consent history of a user, oldest first. */
  consentHistory(userKey: string): Promise<ConsentEvent[]>;
  /**
   * /xoadulieu: deletes the user's subscription, consent history and staff routes, and replaces
   * the user key on the announcement delivery rows (their counts stay in the reports, no longer
   * linked to the user). Returns how many rows of each.
   */
  deleteUserData(userKey: string): Promise<OutreachUserDataDeleted>;
  /** Subscribers an announcement with this target would reach, by channel. */
  countRecipients(target: AnnouncementTarget): Promise<{ total: number; byChannel: Record<string, number> }>;
  /** Subscribers now, by channel and by topic. */
  subscriberCounts(): Promise<{ total: number; byChannel: Record<string, number>; byTopic: Record<string, number> }>;

  // === announcements and the send queue ===
  /**
   * Stores the announcement and, in the same transaction, one pending delivery row per matching
   * subscriber (the recipients are fixed at this moment). Returns the recipient count.
   */
  createAnnouncement(announcement: NewAnnouncement): Promise<number>;
  getAnnouncement(id: string): Promise<AnnouncementWithCounts | undefined>;
  /** Newest first. */
  listAnnouncements(options?: { limit?: number }): Promise<AnnouncementWithCounts[]>;
  /**
   * Takes or renews the named lease for `holder` until `now + ttlMs`; false while another holder's
   * lease runs. Only the holder of `sender` sends, so one replica sends at a time.
   */
  acquireLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
  /**
   * Atomically claims up to `limit` deliveries that are due, leasing them (`sending`) to the
   * taker for `leaseMs`: pending rows whose time has come, and rows whose claimer's lease ran out
   * (it died). Leased jobs (`leased-jobs.ts`): concurrent claimers never get the same row.
   */
  claimDeliveries(taker: JobTaker, limit: number): Promise<ClaimedDelivery[]>;
  /** Extends the lease of every delivery the taker holds; returns how many. */
  renewDeliveries(taker: JobTaker): Promise<number>;
  /** Puts back every delivery `holder` holds, due at once (shutdown); returns how many. */
  releaseDeliveries(holder: string): Promise<number>;
  /** Settles (or puts back) a claimed delivery; false when `holder` no longer held it. */
  markDelivery(id: number, holder: string, outcome: DeliveryOutcome): Promise<boolean>;
  /** Subscriptions of the given users (one query), for the sender. */
  subscriptionsOf(userKeys: string[]): Promise<Map<string, Subscription>>;
  /** Marks announcements with no pending or sending delivery as done; returns how many. */
  finishAnnouncements(now: Date): Promise<number>;
  /** Messages of the given announcements. */
  announcementMessages(ids: string[]): Promise<Map<string, string>>;

  // === events added in the dashboard ===
  addEvent(event: StoredEvent): Promise<void>;
  listEvents(): Promise<StoredEvent[]>;
  deleteEvent(id: string): Promise<boolean>;

  // === staff follow-up ===
  saveStaffRoute(route: StaffRoute): Promise<void>;
  findStaffRoute(staffMessageId: string): Promise<StaffRoute | undefined>;
  findStaffRouteByRecord(recordId: string): Promise<StaffRoute | undefined>;
  deleteStaffRoute(staffMessageId: string): Promise<void>;
  /** Deletes routes created before `before`; returns how many. */
  pruneStaffRoutes(before: Date): Promise<number>;
  saveStaffAnswer(answer: StaffAnswer): Promise<void>;
  getStaffAnswer(id: string): Promise<StaffAnswer | undefined>;
  /** Newest first. */
  listStaffAnswers(options?: { status?: StaffAnswerStatus; limit?: number }): Promise<StaffAnswer[]>;
  /** Approves or rejects a draft; false when it is not a draft (any more). */
  reviewStaffAnswer(id: string, review: { status: "approved" | "rejected"; question?: string; answer?: string; topic?: Topic; faqId?: string; reviewedBy: string; at: Date }): Promise<boolean>;
  /** The question of a query record, when it is still kept. */
  recordQuestion(recordId: string): Promise<RecordQuestion | undefined>;

  // === reports ===
  /** Announcements created in [fromMs, toMs), optionally only those reaching `commune`. */
  announcementTotals(range: { fromMs: number; toMs: number; commune?: string }): Promise<AnnouncementTotals>;
  /** Staff answers given in [fromMs, toMs), optionally for questions of `commune`. */
  staffAnswerCount(range: { fromMs: number; toMs: number; commune?: string }): Promise<number>;
}

/** Name of the lease held by the replica that sends announcements. */
export const SENDER_LEASE = "outreach-sender";

/**
 * `OutreachStore` on the store's Kysely instance, for SQLite and PostgreSQL alike (migration
 * `0100_outreach`). The conventions of `database.ts` hold: instants are epoch ms, booleans 0/1,
 * lists JSON or comma-delimited text.
 *
 * The send queue is the `announcement_deliveries` table: one row per recipient, a leased job
 * (`leased-jobs.ts`, the mechanism of the inbox too): claimed with a single
 * `UPDATE … WHERE id IN (SELECT … LIMIT n [FOR UPDATE SKIP LOCKED]) RETURNING`, so that a row is
 * never handed to two claimers, on either database, and taken again once its lease runs out.
 *
 * ```ts
 * const outreach = createOutreachStore(store); // store: KyselyStore, already migrated
 * await outreach.saveSubscription(subscription, "opt_in");
 * ```
 */
import { sql, type Generated, type Kysely, type Selectable } from "kysely";
import type { ChannelName } from "../conversation/message.js";
import type { Topic } from "../knowledge/types.js";
import type { Database } from "./database.js";
import type { KyselyStore } from "./kysely-store.js";
import { LeasedJobs, type JobTaker } from "./leased-jobs.js";
import type { StoreKind } from "./migrations.js";
import type {
  Announcement,
  AnnouncementTarget,
  AnnouncementTotals,
  AnnouncementWithCounts,
  ClaimedDelivery,
  ConsentEvent,
  DeliveryCounts,
  DeliveryOutcome,
  NewAnnouncement,
  OutreachStore,
  OutreachTopic,
  OutreachUserDataDeleted,
  RecordQuestion,
  StaffAnswer,
  StaffAnswerStatus,
  StaffRoute,
  StoredEvent,
  Subscription,
} from "./outreach-store.js";

// === tables (see migration 0100_outreach)

interface SubscriptionsTable {
  user_key: string;
  channel: string;
  chat_ref: string;
  topics: string;
  commune: string | null;
  consent_version: string;
  consented_ms: number;
  updated_ms: number;
}

interface ConsentEventsTable {
  id: Generated<number>;
  user_key: string;
  action: string;
  at_ms: number;
  channel: string;
  topics: string;
  commune: string | null;
  consent_version: string;
}

interface AnnouncementsTable {
  id: string;
  created_ms: number;
  author: string;
  topic: string;
  /** JSON array. */
  communes: string;
  text: string;
  link: string | null;
  message: string;
  content_hash: string;
  event_id: string | null;
  status: string;
  recipient_count: number;
  finished_ms: number | null;
}

interface DeliveriesTable {
  id: Generated<number>;
  announcement_id: string;
  user_key: string;
  channel: string;
  commune: string | null;
  status: string;
  attempts: number;
  next_attempt_ms: number;
  claimed_by: string | null;
  claimed_ms: number | null;
  /** End of the claimer's lease (epoch ms); 0 when nobody holds the row (migration 0600). */
  lease_until_ms: Generated<number>;
  sent_ms: number | null;
  error: string | null;
}

interface LeasesTable {
  name: string;
  holder: string;
  until_ms: number;
}

interface EventsTable {
  id: string;
  name: string;
  date: string;
  time: string | null;
  place: string;
  commune: string | null;
  audience: string | null;
  organiser: string | null;
  contact: string | null;
  created_ms: number;
  author: string;
}

interface StaffRoutesTable {
  staff_message_id: string;
  record_id: string;
  user_key: string;
  channel: string;
  chat_ref: string;
  question: string;
  topic: string;
  commune: string | null;
  created_ms: number;
}

interface StaffAnswersTable {
  id: string;
  record_id: string | null;
  question: string;
  answer: string;
  topic: string;
  commune: string | null;
  answered_by: string;
  answered_ms: number;
  delivered: number;
  channel: string | null;
  status: string;
  faq_id: string | null;
  reviewed_by: string | null;
  reviewed_ms: number | null;
}

/** The outreach tables, added to the store's own. */
export type OutreachTables = {
  subscriptions: SubscriptionsTable;
  consent_events: ConsentEventsTable;
  announcements: AnnouncementsTable;
  announcement_deliveries: DeliveriesTable;
  outreach_leases: LeasesTable;
  outreach_events: EventsTable;
  staff_routes: StaffRoutesTable;
  staff_answers: StaffAnswersTable;
};

type OutreachDb = Kysely<Database & OutreachTables>;

/** Rows per INSERT of delivery rows. */
const INSERT_CHUNK = 500;
/** Users per `IN (…)` list. */
const IN_CHUNK = 500;
const SETTLED = ["delivered", "failed", "blocked", "skipped"] as const;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const topicsText = (topics: readonly string[]) => `,${[...new Set(topics)].sort().join(",")},`;
const topicsOf = (text: string) => text.split(",").filter(Boolean) as OutreachTopic[];
// PostgreSQL refuses NUL in text.
const clean = (text: string) => text.replace(/\u0000/g, "");

function emptyCounts(): DeliveryCounts {
  return { delivered: 0, failed: 0, blocked: 0, skipped: 0, waiting: 0 };
}

function addCount(counts: DeliveryCounts, status: string, n: number): void {
  if (status === "pending" || status === "sending") counts.waiting += n;
  else if ((SETTLED as readonly string[]).includes(status)) counts[status as (typeof SETTLED)[number]] += n;
}

function subscriptionOf(row: Selectable<SubscriptionsTable>): Subscription {
  return {
    userKey: row.user_key,
    channel: row.channel as ChannelName,
    chatRef: row.chat_ref,
    topics: topicsOf(row.topics),
    commune: row.commune,
    consentVersion: row.consent_version,
    consentedAt: new Date(Number(row.consented_ms)),
    updatedAt: new Date(Number(row.updated_ms)),
  };
}

function announcementOf(row: Selectable<AnnouncementsTable>): Announcement {
  return {
    id: row.id,
    createdAt: new Date(Number(row.created_ms)),
    author: row.author,
    topic: row.topic as OutreachTopic,
    communes: JSON.parse(row.communes) as string[],
    text: row.text,
    link: row.link,
    message: row.message,
    contentHash: row.content_hash,
    eventId: row.event_id,
    status: row.status === "done" ? "done" : "queued",
    recipientCount: Number(row.recipient_count),
    finishedAt: row.finished_ms === null ? null : new Date(Number(row.finished_ms)),
  };
}

function eventOf(row: Selectable<EventsTable>): StoredEvent {
  return {
    id: row.id,
    name: row.name,
    date: row.date,
    time: row.time,
    place: row.place,
    commune: row.commune,
    audience: row.audience,
    organiser: row.organiser,
    contact: row.contact,
    createdAt: new Date(Number(row.created_ms)),
    author: row.author,
  };
}

function routeOf(row: Selectable<StaffRoutesTable>): StaffRoute {
  return {
    staffMessageId: row.staff_message_id,
    recordId: row.record_id,
    userKey: row.user_key,
    channel: row.channel,
    chatRef: row.chat_ref,
    question: row.question,
    topic: row.topic as Topic,
    commune: row.commune,
    createdAt: new Date(Number(row.created_ms)),
  };
}

function staffAnswerOf(row: Selectable<StaffAnswersTable>): StaffAnswer {
  return {
    id: row.id,
    recordId: row.record_id,
    question: row.question,
    answer: row.answer,
    topic: row.topic as Topic,
    commune: row.commune,
    answeredBy: row.answered_by,
    answeredAt: new Date(Number(row.answered_ms)),
    delivered: Number(row.delivered) === 1,
    channel: row.channel,
    status: row.status as StaffAnswerStatus,
    faqId: row.faq_id,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_ms === null ? null : new Date(Number(row.reviewed_ms)),
  };
}

export class KyselyOutreachStore implements OutreachStore {
  private readonly db: OutreachDb;
  private readonly deliveries: LeasedJobs;

  constructor(db: Kysely<Database>, kind: StoreKind) {
    this.db = db.withTables<OutreachTables>();
    this.deliveries = new LeasedJobs({
      db,
      kind,
      now: Date.now,
      columns: {
        table: "announcement_deliveries",
        id: "id",
        status: "status",
        waiting: "pending",
        leased: "sending",
        owner: "claimed_by",
        leaseUntil: "lease_until_ms",
        availableAt: "next_attempt_ms",
        attempts: "attempts",
      },
    });
  }

  // === subscriptions ===

  async getSubscription(userKey: string): Promise<Subscription | undefined> {
    const row = await this.db.selectFrom("subscriptions").selectAll().where("user_key", "=", userKey).executeTakeFirst();
    return row ? subscriptionOf(row) : undefined;
  }

  async saveSubscription(subscription: Subscription, action: "opt_in" | "update"): Promise<void> {
    const values = {
      channel: subscription.channel,
      chat_ref: subscription.chatRef,
      topics: topicsText(subscription.topics),
      commune: subscription.commune,
      consent_version: subscription.consentVersion,
      consented_ms: subscription.consentedAt.getTime(),
      updated_ms: subscription.updatedAt.getTime(),
    };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("subscriptions")
        .values({ user_key: subscription.userKey, ...values })
        .onConflict((oc) => oc.column("user_key").doUpdateSet(values))
        .execute();
      await trx
        .insertInto("consent_events")
        .values({
          user_key: subscription.userKey,
          action,
          at_ms: subscription.updatedAt.getTime(),
          channel: subscription.channel,
          topics: values.topics,
          commune: subscription.commune,
          consent_version: subscription.consentVersion,
        })
        .execute();
    });
  }

  async removeSubscription(userKey: string, reason: "opt_out" | "blocked", at: Date): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.deleteFrom("subscriptions").where("user_key", "=", userKey).returningAll().executeTakeFirst();
      if (!row) return false;
      await trx
        .insertInto("consent_events")
        .values({ user_key: userKey, action: reason, at_ms: at.getTime(), channel: row.channel, topics: row.topics, commune: row.commune, consent_version: row.consent_version })
        .execute();
      return true;
    });
  }

  async consentHistory(userKey: string): Promise<ConsentEvent[]> {
    const rows = await this.db.selectFrom("consent_events").selectAll().where("user_key", "=", userKey).orderBy("id").execute();
    return rows.map((row) => ({
      userKey: row.user_key,
      action: row.action as ConsentEvent["action"],
      at: new Date(Number(row.at_ms)),
      channel: row.channel,
      topics: topicsOf(row.topics),
      commune: row.commune,
      consentVersion: row.consent_version,
    }));
  }

  async deleteUserData(userKey: string): Promise<OutreachUserDataDeleted> {
    return this.db.transaction().execute(async (trx) => {
      const subscriptions = await trx.deleteFrom("subscriptions").where("user_key", "=", userKey).executeTakeFirst();
      const consentEvents = await trx.deleteFrom("consent_events").where("user_key", "=", userKey).executeTakeFirst();
      const staffRoutes = await trx.deleteFrom("staff_routes").where("user_key", "=", userKey).executeTakeFirst();
      // The reach of past announcements stays counted; the row's own id keeps the unique key unique.
      const deliveries = await trx
        .updateTable("announcement_deliveries")
        .set({ user_key: sql<string>`${"deleted:"} || cast(id as text)` })
        .where("user_key", "=", userKey)
        .executeTakeFirst();
      return {
        subscriptions: Number(subscriptions.numDeletedRows),
        consentEvents: Number(consentEvents.numDeletedRows),
        staffRoutes: Number(staffRoutes.numDeletedRows),
        deliveries: Number(deliveries.numUpdatedRows),
      };
    });
  }

  private recipientsQuery(target: AnnouncementTarget) {
    let query = this.db.selectFrom("subscriptions").where("topics", "like", `%,${target.topic},%`);
    // A subscriber who chose the whole area gets every announcement of the topic.
    if (target.communes.length > 0) query = query.where((eb) => eb.or([eb("commune", "is", null), eb("commune", "in", target.communes)]));
    return query;
  }

  async countRecipients(target: AnnouncementTarget): Promise<{ total: number; byChannel: Record<string, number> }> {
    const rows = await this.recipientsQuery(target)
      .select(["channel", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("channel")
      .execute();
    const byChannel: Record<string, number> = {};
    let total = 0;
    for (const row of rows) {
      byChannel[row.channel] = Number(row.n);
      total += Number(row.n);
    }
    return { total, byChannel };
  }

  async subscriberCounts(): Promise<{ total: number; byChannel: Record<string, number>; byTopic: Record<string, number> }> {
    const rows = await this.db.selectFrom("subscriptions").select(["channel", "topics"]).execute();
    const byChannel: Record<string, number> = {};
    const byTopic: Record<string, number> = {};
    for (const row of rows) {
      byChannel[row.channel] = (byChannel[row.channel] ?? 0) + 1;
      for (const topic of topicsOf(row.topics)) byTopic[topic] = (byTopic[topic] ?? 0) + 1;
    }
    return { total: rows.length, byChannel, byTopic };
  }

  // === announcements and the send queue ===

  async createAnnouncement(a: NewAnnouncement): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const createdMs = a.createdAt.getTime();
      await trx
        .insertInto("announcements")
        .values({
          id: a.id,
          created_ms: createdMs,
          author: clean(a.author),
          topic: a.topic,
          communes: JSON.stringify(a.communes),
          text: clean(a.text),
          link: a.link === null ? null : clean(a.link),
          message: clean(a.message),
          content_hash: a.contentHash,
          event_id: a.eventId,
          status: "queued",
          recipient_count: 0,
          finished_ms: null,
        })
        .execute();
      // The recipients are those subscribed at this moment, read inside the same transaction.
      let query = trx.selectFrom("subscriptions").select(["user_key", "channel", "commune"]).where("topics", "like", `%,${a.topic},%`);
      if (a.communes.length > 0) query = query.where((eb) => eb.or([eb("commune", "is", null), eb("commune", "in", a.communes)]));
      const recipients = await query.orderBy("user_key").execute();
      for (const chunk of chunks(recipients, INSERT_CHUNK)) {
        await trx
          .insertInto("announcement_deliveries")
          .values(
            chunk.map((r) => ({
              announcement_id: a.id,
              user_key: r.user_key,
              channel: r.channel,
              commune: r.commune,
              status: "pending",
              attempts: 0,
              next_attempt_ms: createdMs,
              claimed_by: null,
              claimed_ms: null,
              sent_ms: null,
              error: null,
            })),
          )
          .execute();
      }
      await trx
        .updateTable("announcements")
        .set({ recipient_count: recipients.length, ...(recipients.length === 0 ? { status: "done", finished_ms: createdMs } : {}) })
        .where("id", "=", a.id)
        .execute();
      return recipients.length;
    });
  }

  private async countsOf(ids: string[]): Promise<Map<string, { counts: DeliveryCounts; byChannel: Record<string, DeliveryCounts> }>> {
    const out = new Map<string, { counts: DeliveryCounts; byChannel: Record<string, DeliveryCounts> }>();
    for (const id of ids) out.set(id, { counts: emptyCounts(), byChannel: {} });
    for (const chunk of chunks(ids, IN_CHUNK)) {
      if (chunk.length === 0) continue;
      const rows = await this.db
        .selectFrom("announcement_deliveries")
        .select(["announcement_id", "channel", "status", (eb) => eb.fn.countAll<number>().as("n")])
        .where("announcement_id", "in", chunk)
        .groupBy(["announcement_id", "channel", "status"])
        .execute();
      for (const row of rows) {
        const entry = out.get(row.announcement_id)!;
        addCount(entry.counts, row.status, Number(row.n));
        addCount((entry.byChannel[row.channel] ??= emptyCounts()), row.status, Number(row.n));
      }
    }
    return out;
  }

  async getAnnouncement(id: string): Promise<AnnouncementWithCounts | undefined> {
    const row = await this.db.selectFrom("announcements").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return undefined;
    const counts = (await this.countsOf([id])).get(id)!;
    return { ...announcementOf(row), ...counts };
  }

  async listAnnouncements(options: { limit?: number } = {}): Promise<AnnouncementWithCounts[]> {
    const rows = await this.db.selectFrom("announcements").selectAll().orderBy("created_ms", "desc").orderBy("id").limit(options.limit ?? 50).execute();
    const counts = await this.countsOf(rows.map((r) => r.id));
    return rows.map((row) => ({ ...announcementOf(row), ...counts.get(row.id)! }));
  }

  async acquireLease(name: string, holder: string, ttlMs: number, now: Date): Promise<boolean> {
    const nowMs = now.getTime();
    const result = await this.db
      .insertInto("outreach_leases")
      .values({ name, holder, until_ms: nowMs + ttlMs })
      .onConflict((oc) =>
        oc
          .column("name")
          .doUpdateSet({ holder, until_ms: nowMs + ttlMs })
          // Renewed by its holder, or taken over once it ran out; otherwise left alone.
          .where((eb) => eb.or([eb("outreach_leases.holder", "=", holder), eb("outreach_leases.until_ms", "<", nowMs)])),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.db.deleteFrom("outreach_leases").where("name", "=", name).where("holder", "=", holder).execute();
  }

  async claimDeliveries(taker: JobTaker, limit: number): Promise<ClaimedDelivery[]> {
    const rows = await this.deliveries.claim(taker, limit);
    return rows.map((r) => ({
      id: Number(r.id),
      announcementId: String(r.announcement_id),
      userKey: String(r.user_key),
      channel: String(r.channel),
      attempts: Number(r.attempts),
    }));
  }

  renewDeliveries(taker: JobTaker): Promise<number> {
    return this.deliveries.renew(taker);
  }

  releaseDeliveries(holder: string): Promise<number> {
    return this.deliveries.release(holder);
  }

  markDelivery(id: number, holder: string, outcome: DeliveryOutcome): Promise<boolean> {
    switch (outcome.status) {
      case "delivered":
        return this.deliveries.settle(id, holder, { status: "delivered", sent_ms: outcome.at.getTime(), error: null });
      case "pending":
        return this.deliveries.putBack(id, holder, {
          delayMs: outcome.nextAttemptAt.getTime() - Date.now(),
          tried: outcome.countAttempt,
          set: { error: outcome.error ?? null },
        });
      default:
        return this.deliveries.settle(id, holder, { status: outcome.status, error: outcome.error.slice(0, 200) });
    }
  }

  async subscriptionsOf(userKeys: string[]): Promise<Map<string, Subscription>> {
    const out = new Map<string, Subscription>();
    for (const chunk of chunks([...new Set(userKeys)], IN_CHUNK)) {
      const rows = await this.db.selectFrom("subscriptions").selectAll().where("user_key", "in", chunk).execute();
      for (const row of rows) out.set(row.user_key, subscriptionOf(row));
    }
    return out;
  }

  async finishAnnouncements(now: Date): Promise<number> {
    const result = await this.db
      .updateTable("announcements")
      .set({ status: "done", finished_ms: now.getTime() })
      .where("status", "=", "queued")
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("announcement_deliveries")
              .select("announcement_deliveries.id")
              .whereRef("announcement_deliveries.announcement_id", "=", "announcements.id")
              .where("announcement_deliveries.status", "in", ["pending", "sending"]),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async announcementMessages(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const chunk of chunks([...new Set(ids)], IN_CHUNK)) {
      const rows = await this.db.selectFrom("announcements").select(["id", "message"]).where("id", "in", chunk).execute();
      for (const row of rows) out.set(row.id, row.message);
    }
    return out;
  }

  // === events ===

  async addEvent(event: StoredEvent): Promise<void> {
    await this.db
      .insertInto("outreach_events")
      .values({
        id: event.id,
        name: clean(event.name),
        date: event.date,
        time: event.time,
        place: clean(event.place),
        commune: event.commune,
        audience: event.audience === null ? null : clean(event.audience),
        organiser: event.organiser === null ? null : clean(event.organiser),
        contact: event.contact === null ? null : clean(event.contact),
        created_ms: event.createdAt.getTime(),
        author: clean(event.author),
      })
      .execute();
  }

  async listEvents(): Promise<StoredEvent[]> {
    const rows = await this.db.selectFrom("outreach_events").selectAll().orderBy("date").orderBy("time").orderBy("id").execute();
    return rows.map(eventOf);
  }

  async deleteEvent(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom("outreach_events").where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  // === staff follow-up ===

  async saveStaffRoute(route: StaffRoute): Promise<void> {
    await this.db
      .insertInto("staff_routes")
      .values({
        staff_message_id: route.staffMessageId,
        record_id: route.recordId,
        user_key: route.userKey,
        channel: route.channel,
        chat_ref: route.chatRef,
        question: clean(route.question),
        topic: route.topic,
        commune: route.commune,
        created_ms: route.createdAt.getTime(),
      })
      .onConflict((oc) => oc.column("staff_message_id").doNothing())
      .execute();
  }

  async findStaffRoute(staffMessageId: string): Promise<StaffRoute | undefined> {
    const row = await this.db.selectFrom("staff_routes").selectAll().where("staff_message_id", "=", staffMessageId).executeTakeFirst();
    return row ? routeOf(row) : undefined;
  }

  async findStaffRouteByRecord(recordId: string): Promise<StaffRoute | undefined> {
    const row = await this.db.selectFrom("staff_routes").selectAll().where("record_id", "=", recordId).orderBy("created_ms", "desc").executeTakeFirst();
    return row ? routeOf(row) : undefined;
  }

  async deleteStaffRoute(staffMessageId: string): Promise<void> {
    await this.db.deleteFrom("staff_routes").where("staff_message_id", "=", staffMessageId).execute();
  }

  async pruneStaffRoutes(before: Date): Promise<number> {
    const result = await this.db.deleteFrom("staff_routes").where("created_ms", "<", before.getTime()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async saveStaffAnswer(a: StaffAnswer): Promise<void> {
    await this.db
      .insertInto("staff_answers")
      .values({
        id: a.id,
        record_id: a.recordId,
        question: clean(a.question),
        answer: clean(a.answer),
        topic: a.topic,
        commune: a.commune,
        answered_by: clean(a.answeredBy),
        answered_ms: a.answeredAt.getTime(),
        delivered: a.delivered ? 1 : 0,
        channel: a.channel,
        status: a.status,
        faq_id: a.faqId,
        reviewed_by: a.reviewedBy,
        reviewed_ms: a.reviewedAt?.getTime() ?? null,
      })
      .execute();
  }

  async getStaffAnswer(id: string): Promise<StaffAnswer | undefined> {
    const row = await this.db.selectFrom("staff_answers").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? staffAnswerOf(row) : undefined;
  }

  async listStaffAnswers(options: { status?: StaffAnswerStatus; limit?: number } = {}): Promise<StaffAnswer[]> {
    let query = this.db.selectFrom("staff_answers").selectAll();
    if (options.status) query = query.where("status", "=", options.status);
    const rows = await query.orderBy("answered_ms", "desc").orderBy("id").limit(options.limit ?? 100).execute();
    return rows.map(staffAnswerOf);
  }

  async reviewStaffAnswer(
    id: string,
    review: { status: "approved" | "rejected"; question?: string; answer?: string; topic?: Topic; faqId?: string; reviewedBy: string; at: Date },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable("staff_answers")
      .set({
        status: review.status,
        ...(review.question !== undefined ? { question: clean(review.question) } : {}),
        ...(review.answer !== undefined ? { answer: clean(review.answer) } : {}),
        ...(review.topic !== undefined ? { topic: review.topic } : {}),
        faq_id: review.faqId ?? null,
        reviewed_by: clean(review.reviewedBy),
        reviewed_ms: review.at.getTime(),
      })
      .where("id", "=", id)
      // Only a draft can be reviewed: two staff approving at once write one FAQ entry.
      .where("status", "=", "draft")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async recordQuestion(recordId: string): Promise<RecordQuestion | undefined> {
    const row = await this.db
      .selectFrom("query_records")
      .select(["id", "question", "topic", "commune", "answered", "channel", "reply"])
      .where("id", "=", recordId)
      .executeTakeFirst();
    if (!row) return undefined;
    return { id: row.id, question: row.question, topic: row.topic as Topic, commune: row.commune, answered: Number(row.answered) === 1, channel: row.channel, reply: row.reply };
  }

  // === reports ===

  async announcementTotals(range: { fromMs: number; toMs: number; commune?: string }): Promise<AnnouncementTotals> {
    const announcements = await this.db
      .selectFrom("announcements")
      .select(["id", "topic", "communes"])
      .where("created_ms", ">=", range.fromMs)
      .where("created_ms", "<", range.toMs)
      .execute();
    const chosen = range.commune
      ? announcements.filter((a) => {
          const communes = JSON.parse(a.communes) as string[];
          return communes.length === 0 || communes.includes(range.commune!);
        })
      : announcements;
    const totals: AnnouncementTotals = { announcements: chosen.length, recipients: 0, delivered: 0, failed: 0, blocked: 0, byChannel: {}, byTopic: {} };
    for (const a of chosen) totals.byTopic[a.topic] = (totals.byTopic[a.topic] ?? 0) + 1;
    for (const chunk of chunks(chosen.map((a) => a.id), IN_CHUNK)) {
      let query = this.db
        .selectFrom("announcement_deliveries")
        .select(["channel", "status", (eb) => eb.fn.countAll<number>().as("n")])
        .where("announcement_id", "in", chunk);
      // Reach in a commune: the subscribers who chose it.
      if (range.commune) query = query.where("commune", "=", range.commune);
      const rows = await query.groupBy(["channel", "status"]).execute();
      for (const row of rows) {
        const n = Number(row.n);
        const channel = (totals.byChannel[row.channel] ??= { recipients: 0, delivered: 0, failed: 0, blocked: 0 });
        totals.recipients += n;
        channel.recipients += n;
        if (row.status === "delivered" || row.status === "failed" || row.status === "blocked") {
          totals[row.status] += n;
          channel[row.status] += n;
        }
      }
    }
    return totals;
  }

  async staffAnswerCount(range: { fromMs: number; toMs: number; commune?: string }): Promise<number> {
    let query = this.db
      .selectFrom("staff_answers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("answered_ms", ">=", range.fromMs)
      .where("answered_ms", "<", range.toMs);
    if (range.commune) query = query.where("commune", "=", range.commune);
    const row = await query.executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

/** The outreach store on an opened (and migrated) `KyselyStore`. */
export function createOutreachStore(store: Pick<KyselyStore, "db" | "kind">): OutreachStore {
  return new KyselyOutreachStore(store.db, store.kind);
}

/**
 * The schema's history, in code: one list for both stores, applied in name order by Kysely's
 * Migrator on every start. On PostgreSQL the Migrator holds an advisory lock while it runs, so
 * several replicas starting together apply each migration once; on SQLite the single connection
 * serialises it. Add a migration by appending an entry with a later name; never edit an applied one.
 */
import { sql, type Kysely, type Migration } from "kysely";
import { maskPersonalData } from "../privacy/masking.js";

/** The migration that masks again the texts stored before masking caught every spelling. */
export const REMASK_MIGRATION = "0300_privacy_remask_stored_text";
export const SPOKEN_NUMBERS_REMASK_MIGRATION = "0800_privacy_remask_spoken_numbers";
export const INTRODUCED_NAMES_REMASK_MIGRATION = "0900_privacy_remask_introduced_names";
/** Migrations that mask stored texts again: on SQLite the store VACUUMs after any of them. */
export const REMASK_MIGRATIONS: ReadonlySet<string> = new Set([REMASK_MIGRATION, SPOKEN_NUMBERS_REMASK_MIGRATION, INTRODUCED_NAMES_REMASK_MIGRATION]);

/** Masks the stored questions (records, staff routes and answers, conversation memory) with today's masking. */
async function remaskStoredText(db: Kysely<any>): Promise<void> {
  await remaskColumn(db, "query_records", "id", "question", maskPersonalData);
  await remaskColumn(db, "staff_routes", "staff_message_id", "question", maskPersonalData);
  await remaskColumn(db, "staff_answers", "id", "question", maskPersonalData);
  await remaskColumn(db, "conversation_turns", "user_key", "turn", (json) => {
    try {
      const turn = JSON.parse(json) as { question?: unknown };
      return typeof turn.question === "string" ? JSON.stringify({ ...turn, question: maskPersonalData(turn.question) }) : json;
    } catch {
      return json;
    }
  });
}

/**
 * Masks the text column of every row of `table` again with today's masking (a data migration: it
 * uses today's masking on purpose). Rows are read in key order, a page at a time; only rows whose
 * text changes are written.
 */
async function remaskColumn(db: Kysely<any>, table: string, key: string, column: string, mask: (value: string) => string): Promise<void> {
  let after: string | undefined;
  for (;;) {
    let query = db.selectFrom(table).select([key, column]).orderBy(key).limit(1000);
    if (after !== undefined) query = query.where(key, ">", after);
    const rows = (await query.execute()) as Record<string, string>[];
    if (rows.length === 0) return;
    for (const row of rows) {
      const masked = mask(row[column]!);
      if (masked !== row[column]) await db.updateTable(table).set({ [column]: masked }).where(key, "=", row[key]).execute();
    }
    after = rows.at(-1)![key];
  }
}

export type StoreKind = "sqlite" | "postgres";

/** The migrations by name, for the given dialect (only small DDL details differ). */
export function migrations(kind: StoreKind): Record<string, Migration> {
  return {
    "0001_records_memory_delivery": {
      // Kysely<any>: a migration must not depend on today's table types, which later ones change.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable("query_records")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("at_ms", "bigint", (c) => c.notNull())
          .addColumn("day", "integer", (c) => c.notNull())
          .addColumn("channel", "text", (c) => c.notNull())
          .addColumn("user_key", "text")
          .addColumn("role", "text", (c) => c.notNull())
          .addColumn("commune", "text")
          .addColumn("topic", "text", (c) => c.notNull())
          .addColumn("question", "text", (c) => c.notNull())
          .addColumn("answered", "smallint", (c) => c.notNull())
          .addColumn("confidence", "double precision", (c) => c.notNull())
          .addColumn("sources", "text", (c) => c.notNull())
          .addColumn("answerer", "text", (c) => c.notNull())
          .addColumn("latency_ms", "integer", (c) => c.notNull())
          .addColumn("feedback", "text")
          .addColumn("reviewed", "smallint", (c) => c.notNull().defaultTo(0))
          .execute();
        // Export pages and the retention purge walk records in time order.
        await db.schema.createIndex("query_records_at").on("query_records").columns(["at_ms", "id"]).execute();
        // The unanswered queue: newest unanswered first.
        await db.schema.createIndex("query_records_unanswered").on("query_records").columns(["answered", "at_ms"]).execute();

        await db.schema
          .createTable("stat_dimensions")
          .addColumn("id", kind === "postgres" ? "serial" : "integer", (c) => c.primaryKey())
          .addColumn("channel", "text", (c) => c.notNull())
          .addColumn("commune", "text", (c) => c.notNull())
          .addColumn("topic", "text", (c) => c.notNull())
          .addColumn("role", "text", (c) => c.notNull())
          .addColumn("answered", "smallint", (c) => c.notNull())
          .addUniqueConstraint("stat_dimensions_values", ["channel", "commune", "topic", "role", "answered"])
          .execute();

        await db.schema
          .createTable("daily_counts")
          .addColumn("day", "integer", (c) => c.notNull())
          .addColumn("channel", "text", (c) => c.notNull())
          .addColumn("dimension_id", "integer", (c) => c.notNull())
          .addColumn("count", "integer", (c) => c.notNull())
          .addColumn("feedback_up", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("feedback_down", "integer", (c) => c.notNull().defaultTo(0))
          // The key's order serves both summary queries: a day range, grouped by day and channel.
          .addPrimaryKeyConstraint("daily_counts_pk", ["day", "channel", "dimension_id"])
          // SQLite: store the rows in key order, so a day range is one contiguous read.
          .$call((builder) => (kind === "sqlite" ? builder.modifyEnd(sql`without rowid`) : builder))
          .execute();

        await db.schema
          .createTable("conversation_turns")
          .addColumn("user_key", "text", (c) => c.primaryKey())
          .addColumn("turn", "text", (c) => c.notNull())
          .addColumn("updated_ms", "bigint", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("conversation_turns_updated").on("conversation_turns").column("updated_ms").execute();

        await db.schema
          .createTable("profiles")
          .addColumn("user_key", "text", (c) => c.primaryKey())
          .addColumn("role", "text", (c) => c.notNull())
          .addColumn("commune", "text")
          .addColumn("asked", "smallint", (c) => c.notNull())
          .addColumn("updated_ms", "bigint", (c) => c.notNull())
          .execute();

        await db.schema
          .createTable("delivery_keys")
          .addColumn("key", "text", (c) => c.primaryKey())
          .addColumn("claimed_ms", "bigint", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("delivery_keys_claimed").on("delivery_keys").column("claimed_ms").execute();
      },
      async down(db: Kysely<any>): Promise<void> {
        for (const table of ["delivery_keys", "profiles", "conversation_turns", "daily_counts", "stat_dimensions", "query_records"]) {
          await db.schema.dropTable(table).ifExists().execute();
        }
      },
    },
    "0100_outreach": {
      // Outreach (`kysely-outreach-store.ts`): subscriptions and consent history, announcements and
      // their per-recipient delivery rows (the send queue), the sender lease, dashboard events, and
      // the staff follow-up (routes to users, staff answers as draft FAQ).
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable("subscriptions")
          .addColumn("user_key", "text", (c) => c.primaryKey())
          .addColumn("channel", "text", (c) => c.notNull())
          // The platform chat id, encrypted: the only copy outside staff routes.
          .addColumn("chat_ref", "text", (c) => c.notNull())
          // ",phan_luong,hoc_nghe," so that one LIKE finds a topic on both databases.
          .addColumn("topics", "text", (c) => c.notNull())
          .addColumn("commune", "text")
          .addColumn("consent_version", "text", (c) => c.notNull())
          .addColumn("consented_ms", "bigint", (c) => c.notNull())
          .addColumn("updated_ms", "bigint", (c) => c.notNull())
          .execute();

        await db.schema
          .createTable("consent_events")
          .addColumn("id", kind === "postgres" ? "bigserial" : "integer", (c) => c.primaryKey())
          .addColumn("user_key", "text", (c) => c.notNull())
          .addColumn("action", "text", (c) => c.notNull())
          .addColumn("at_ms", "bigint", (c) => c.notNull())
          .addColumn("channel", "text", (c) => c.notNull())
          .addColumn("topics", "text", (c) => c.notNull())
          .addColumn("commune", "text")
          .addColumn("consent_version", "text", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("consent_events_user").on("consent_events").columns(["user_key", "id"]).execute();

        await db.schema
          .createTable("announcements")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("created_ms", "bigint", (c) => c.notNull())
          .addColumn("author", "text", (c) => c.notNull())
          .addColumn("topic", "text", (c) => c.notNull())
          .addColumn("communes", "text", (c) => c.notNull())
          .addColumn("text", "text", (c) => c.notNull())
          .addColumn("link", "text")
          .addColumn("message", "text", (c) => c.notNull())
          .addColumn("content_hash", "text", (c) => c.notNull())
          .addColumn("event_id", "text")
          .addColumn("status", "text", (c) => c.notNull())
          .addColumn("recipient_count", "integer", (c) => c.notNull())
          .addColumn("finished_ms", "bigint")
          .execute();
        await db.schema.createIndex("announcements_created").on("announcements").column("created_ms").execute();

        await db.schema
          .createTable("announcement_deliveries")
          .addColumn("id", kind === "postgres" ? "bigserial" : "integer", (c) => c.primaryKey())
          .addColumn("announcement_id", "text", (c) => c.notNull())
          .addColumn("user_key", "text", (c) => c.notNull())
          .addColumn("channel", "text", (c) => c.notNull())
          // The subscriber's commune when the announcement was confirmed (reach per commune).
          .addColumn("commune", "text")
          .addColumn("status", "text", (c) => c.notNull())
          .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("next_attempt_ms", "bigint", (c) => c.notNull())
          .addColumn("claimed_by", "text")
          .addColumn("claimed_ms", "bigint")
          .addColumn("sent_ms", "bigint")
          .addColumn("error", "text")
          .addUniqueConstraint("announcement_deliveries_recipient", ["announcement_id", "user_key"])
          .execute();
        // The claim: due rows in queue order.
        await db.schema.createIndex("announcement_deliveries_due").on("announcement_deliveries").columns(["status", "next_attempt_ms", "id"]).execute();

        await db.schema
          .createTable("outreach_leases")
          .addColumn("name", "text", (c) => c.primaryKey())
          .addColumn("holder", "text", (c) => c.notNull())
          .addColumn("until_ms", "bigint", (c) => c.notNull())
          .execute();

        await db.schema
          .createTable("outreach_events")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("date", "text", (c) => c.notNull())
          .addColumn("time", "text")
          .addColumn("place", "text", (c) => c.notNull())
          .addColumn("commune", "text")
          .addColumn("audience", "text")
          .addColumn("organiser", "text")
          .addColumn("contact", "text")
          .addColumn("created_ms", "bigint", (c) => c.notNull())
          .addColumn("author", "text", (c) => c.notNull())
          .execute();

        await db.schema
          .createTable("staff_routes")
          .addColumn("staff_message_id", "text", (c) => c.primaryKey())
          .addColumn("record_id", "text", (c) => c.notNull())
          .addColumn("user_key", "text", (c) => c.notNull())
          .addColumn("channel", "text", (c) => c.notNull())
          .addColumn("chat_ref", "text", (c) => c.notNull())
          .addColumn("question", "text", (c) => c.notNull())
          .addColumn("topic", "text", (c) => c.notNull())
          .addColumn("commune", "text")
          .addColumn("created_ms", "bigint", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("staff_routes_record").on("staff_routes").column("record_id").execute();
        await db.schema.createIndex("staff_routes_user").on("staff_routes").column("user_key").execute();
        await db.schema.createIndex("staff_routes_created").on("staff_routes").column("created_ms").execute();

        await db.schema
          .createTable("staff_answers")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("record_id", "text")
          .addColumn("question", "text", (c) => c.notNull())
          .addColumn("answer", "text", (c) => c.notNull())
          .addColumn("topic", "text", (c) => c.notNull())
          .addColumn("commune", "text")
          .addColumn("answered_by", "text", (c) => c.notNull())
          .addColumn("answered_ms", "bigint", (c) => c.notNull())
          .addColumn("delivered", "smallint", (c) => c.notNull())
          .addColumn("channel", "text")
          .addColumn("status", "text", (c) => c.notNull())
          .addColumn("faq_id", "text")
          .addColumn("reviewed_by", "text")
          .addColumn("reviewed_ms", "bigint")
          .execute();
        await db.schema.createIndex("staff_answers_status").on("staff_answers").columns(["status", "answered_ms"]).execute();
      },
      async down(db: Kysely<any>): Promise<void> {
        for (const table of ["staff_answers", "staff_routes", "outreach_events", "outreach_leases", "announcement_deliveries", "announcements", "consent_events", "subscriptions"]) {
          await db.schema.dropTable(table).ifExists().execute();
        }
      },
    },
    "0200_inbox": {
      // The durable inbox (`inbox-store.ts`): each accepted webhook or polled update until it is
      // answered; then its chat id and text are erased and only the key stays (7 days, for repeats).
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable("inbox")
          // Arrival order; SQLite's INTEGER PRIMARY KEY is the rowid, always above every row present.
          .addColumn("seq", kind === "postgres" ? "bigserial" : "integer", (c) => c.primaryKey())
          .addColumn("key", "text", (c) => c.notNull().unique())
          .addColumn("channel", "text", (c) => c.notNull())
          .addColumn("chat_key", "text", (c) => c.notNull())
          .addColumn("payload", "text", (c) => c.notNull())
          .addColumn("status", "text", (c) => c.notNull())
          .addColumn("replica", "text")
          .addColumn("owner", "text")
          .addColumn("lease_until_ms", "bigint", (c) => c.notNull().defaultTo(0))
          .addColumn("available_ms", "bigint", (c) => c.notNull())
          .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("received_ms", "bigint", (c) => c.notNull())
          .execute();
        // "The oldest unfinished update of this chat" is asked on every claim.
        await db.schema.createIndex("inbox_chat").on("inbox").columns(["chat_key", "seq"]).execute();
        await db.schema.createIndex("inbox_status").on("inbox").columns(["status", "available_ms"]).execute();
      },
      async down(db: Kysely<any>): Promise<void> {
        await db.schema.dropTable("inbox").ifExists().execute();
      },
    },
    "0201_rate_limits": {
      // Fixed-window counters of the abuse limits (`rate-limit-store.ts`), shared by all replicas.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable("rate_limits")
          .addColumn("bucket", "text", (c) => c.primaryKey())
          .addColumn("count", "integer", (c) => c.notNull())
          .addColumn("expires_ms", "bigint", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("rate_limits_expires").on("rate_limits").column("expires_ms").execute();
      },
      async down(db: Kysely<any>): Promise<void> {
        await db.schema.dropTable("rate_limits").ifExists().execute();
      },
    },
    [REMASK_MIGRATION]: {
      // Issue 11: texts stored before masking normalised its input (no-break spaces, full-width
      // digits, "(0912) 345 678", "09l2345692", "lan (a) gmail.com"…) are masked again. On SQLite
      // the store VACUUMs once afterwards (`KyselyStore.migrate`), so the old versions do not stay
      // in free pages.
      up: remaskStoredText,
      async down(): Promise<void> {
        // Masking cannot be undone.
      },
    },
    "0300_privacy_session_revocations": {
      // Dashboard sessions logged out before their expiry (`session-revocation-store.ts`), so that
      // a logged-out cookie stays refused after a restart and on every replica.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable("session_revocations")
          // SHA-256 of the session's nonce.
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("expires_ms", "bigint", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("session_revocations_expires").on("session_revocations").column("expires_ms").execute();
      },
      async down(db: Kysely<any>): Promise<void> {
        await db.schema.dropTable("session_revocations").ifExists().execute();
      },
    },
    "0400_staff_accounts_audit_datasets": {
      // Staff accounts with roles and the audit log (`staff-store.ts`); Labour Office datasets
      // published from the browser, their drafts and the pointer to the live one
      // (`labour-dataset-store.ts`). In the database so that every replica serves the same data.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable("staff_accounts")
          .addColumn("username", "text", (c) => c.primaryKey())
          .addColumn("role", "text", (c) => c.notNull())
          .addColumn("password_hash", "text", (c) => c.notNull())
          // Raised on each password or role change: sessions signed with an older value end.
          .addColumn("session_epoch", "integer", (c) => c.notNull().defaultTo(0))
          .addColumn("created_ms", "bigint", (c) => c.notNull())
          .addColumn("updated_ms", "bigint", (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("staff_audit")
          .addColumn("id", kind === "postgres" ? "bigserial" : "integer", (c) => c.primaryKey())
          .addColumn("at_ms", "bigint", (c) => c.notNull())
          .addColumn("actor", "text", (c) => c.notNull())
          .addColumn("action", "text", (c) => c.notNull())
          .addColumn("detail", "text", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("staff_audit_at").on("staff_audit").column("at_ms").execute();
        await db.schema
          .createTable("labour_datasets")
          .addColumn("version", "integer", (c) => c.primaryKey())
          .addColumn("as_of", "text", (c) => c.notNull())
          .addColumn("publisher", "text", (c) => c.notNull())
          .addColumn("published_ms", "bigint", (c) => c.notNull())
          .addColumn("summary", "text", (c) => c.notNull())
          .addColumn("data", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("labour_active")
          .addColumn("id", "integer", (c) => c.primaryKey())
          .addColumn("version", "integer", (c) => c.notNull())
          .addColumn("changed_ms", "bigint", (c) => c.notNull())
          .addColumn("changed_by", "text", (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("labour_drafts")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("owner", "text", (c) => c.notNull())
          .addColumn("created_ms", "bigint", (c) => c.notNull())
          .addColumn("files", "text", (c) => c.notNull())
          .execute();
      },
      async down(db: Kysely<any>): Promise<void> {
        for (const table of ["labour_drafts", "labour_active", "labour_datasets", "staff_audit", "staff_accounts"]) {
          await db.schema.dropTable(table).ifExists().execute();
        }
      },
    },
    "0500_staff_views_reply_and_flag": {
      // Staff see what the bot said (issue 13): the reply as sent (masked like the question), and
      // staff's verdict on it ("wrong" or "incomplete"), which puts the record in the follow-up queue.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema.alterTable("query_records").addColumn("reply", "text").execute();
        await db.schema.alterTable("query_records").addColumn("flag", "text").execute();
        await db.schema.alterTable("query_records").addColumn("flagged_ms", "bigint").execute();
        // The follow-up queue reads flagged and 👎 records besides the unanswered ones.
        await db.schema.createIndex("query_records_flag").on("query_records").columns(["flag", "at_ms"]).execute();
        await db.schema.createIndex("query_records_feedback").on("query_records").columns(["feedback", "at_ms"]).execute();
      },
      async down(db: Kysely<any>): Promise<void> {
        await db.schema.dropIndex("query_records_feedback").ifExists().execute();
        await db.schema.dropIndex("query_records_flag").ifExists().execute();
        for (const column of ["flagged_ms", "flag", "reply"]) await db.schema.alterTable("query_records").dropColumn(column).execute();
      },
    },
    "0600_leased_deliveries": {
      // Announcement deliveries become leased jobs like the inbox rows (`leased-jobs.ts`): a claim
      // holds a row until `lease_until_ms`, renewed by its sender, instead of guessing from the
      // claim time whether the sender died.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema.alterTable("announcement_deliveries").addColumn("lease_until_ms", "bigint", (c) => c.notNull().defaultTo(0)).execute();
        // Rows being sent at the upgrade: held for one more default lease, as their sender may still run.
        await db
          .updateTable("announcement_deliveries")
          .set({ lease_until_ms: sql`coalesce(claimed_ms, 0) + 30000` })
          .where("status", "=", "sending")
          .execute();
      },
      async down(db: Kysely<any>): Promise<void> {
        await db.schema.alterTable("announcement_deliveries").dropColumn("lease_until_ms").execute();
      },
    },
    "0601_drop_delivery_keys": {
      // Repeated deliveries are recognised by the durable inbox (its unique key, `0200_inbox`); the
      // conversation's own claim, kept for the in-process queue, went with it.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema.dropTable("delivery_keys").ifExists().execute();
      },
      async down(db: Kysely<any>): Promise<void> {
        await db.schema.createTable("delivery_keys").addColumn("key", "text", (c) => c.primaryKey()).addColumn("claimed_ms", "bigint", (c) => c.notNull()).execute();
        await db.schema.createIndex("delivery_keys_claimed").on("delivery_keys").column("claimed_ms").execute();
      },
    },
    "0700_query_records_analysis": {
      // Issue 10: the question analysis reaches the query record (what kind of question, asking
      // for what), so the statistics can show which kinds go unanswered.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema.alterTable("query_records").addColumn("act", "text").execute();
        await db.schema.alterTable("query_records").addColumn("wanted", "text").execute();
      },
      async down(db: Kysely<any>): Promise<void> {
        for (const column of ["wanted", "act"]) await db.schema.alterTable("query_records").dropColumn(column).execute();
      },
    },
    [SPOKEN_NUMBERS_REMASK_MIGRATION]: {
      // Numbers read out in words ("không chín một hai…") were stored as typed until masking learnt
      // them: the same texts are masked again, and SQLite VACUUMs afterwards as for 0300.
      up: remaskStoredText,
      async down(): Promise<void> {
        // Masking cannot be undone.
      },
    },
    [INTRODUCED_NAMES_REMASK_MIGRATION]: {
      // A full name introduced without "tên" ("tôi là Thạch Thị Mai") was stored as typed until
      // masking learnt it: the same texts are masked again, and SQLite VACUUMs afterwards as for 0300.
      up: remaskStoredText,
      async down(): Promise<void> {
        // Masking cannot be undone.
      },
    },
  };
}

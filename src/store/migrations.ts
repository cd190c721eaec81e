/**
 * The schema's history, in code: one list for both stores, applied in name order by Kysely's
 * Migrator on every start. On PostgreSQL the Migrator holds an advisory lock while it runs, so
 * several replicas starting together apply each migration once; on SQLite the single connection
 * serialises it. Add a migration by appending an entry with a later name; never edit an applied one.
 */
import { sql, type Kysely, type Migration } from "kysely";

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
  };
}

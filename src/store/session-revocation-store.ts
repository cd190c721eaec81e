/**
 * Dashboard sessions ended by a logout before their expiry, kept in the store: every replica on
 * one PostgreSQL database refuses a logged-out cookie, and so does the same server after a
 * restart (SQLite). Only a SHA-256 digest of the session's random nonce is kept, until the
 * session would have expired anyway.
 *
 * ```ts
 * const revocations = createSessionRevocationStore({ db: store.db });
 * await revocations.revoke(nonce, expiresMs);
 * await revocations.isRevoked(nonce); // true, here and on every replica
 * ```
 */
import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "./database.js";

/** Table `session_revocations` (migration 0300_privacy_session_revocations). */
export interface SessionRevocationsTable {
  /** SHA-256 (hex) of the session nonce. */
  id: string;
  /** The session's own expiry (epoch ms): the row may go after it. */
  expires_ms: number;
}

type RevocationDatabase = Database & { session_revocations: SessionRevocationsTable };

/** The revocation seam. */
export interface SessionRevocationStore {
  /** Marks the session ended; its row is kept until `expiresMs`. */
  revoke(nonce: string, expiresMs: number): Promise<void>;
  isRevoked(nonce: string): Promise<boolean>;
  /** Deletes rows of sessions expired before `nowMs`; returns how many. */
  prune(nowMs: number): Promise<number>;
}

const idOf = (nonce: string) => crypto.createHash("sha256").update(nonce, "utf8").digest("hex");

export function createSessionRevocationStore(settings: { db: Kysely<Database> }): SessionRevocationStore {
  const db = settings.db.withTables<{ session_revocations: SessionRevocationsTable }>() as Kysely<RevocationDatabase>;
  return {
    async revoke(nonce, expiresMs) {
      await db
        .insertInto("session_revocations")
        .values({ id: idOf(nonce), expires_ms: expiresMs })
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
    },
    async isRevoked(nonce) {
      return (await db.selectFrom("session_revocations").select("id").where("id", "=", idOf(nonce)).executeTakeFirst()) !== undefined;
    },
    async prune(nowMs) {
      const result = await db.deleteFrom("session_revocations").where("expires_ms", "<", nowMs).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** Revocations in this process only (tests, or code built without a store). */
export function createMemorySessionRevocationStore(): SessionRevocationStore {
  const revoked = new Map<string, number>();
  return {
    async revoke(nonce, expiresMs) {
      revoked.set(idOf(nonce), expiresMs);
    },
    async isRevoked(nonce) {
      return revoked.has(idOf(nonce));
    },
    async prune(nowMs) {
      let pruned = 0;
      for (const [id, expires] of revoked) if (expires < nowMs && revoked.delete(id)) pruned += 1;
      return pruned;
    },
  };
}

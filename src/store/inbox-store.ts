/**
 * The durable inbox: every update a channel accepts (webhook or polling) is written here before the
 * platform is told "received", and stays until it has been answered. A process that dies between
 * the two leaves the row behind, and it is answered after the restart (or by another replica).
 *
 * - The row's key (a keyed digest of the delivery key) is unique: a repeated or concurrent delivery of
 *   the same update is stored once, also across replicas. An answered row keeps only its key and
 *   status, for the days a platform may still re-send (pruned after 7 days), so late repeats are
 *   recognised too.
 * - Rows are leased jobs (`leased-jobs.ts`, the mechanism the announcement queue uses too): a row
 *   being answered is `processing`, owned by one process (`owner`) until `lease_until_ms`; the
 *   owner renews the lease while it works. Rows whose lease ran out are taken again by anyone, and
 *   two replicas never answer the same row at the same time.
 * - One chat's updates are answered in arrival order: only a chat's oldest unfinished row can be
 *   taken.
 * - Privacy: the payload holds the platform user and chat ids and the text, because the answer
 *   needs them. It is stored only AES-256-GCM-encrypted (`chat-id-cipher.ts`, key derived from the
 *   statistics salt, which never sits in the database), the text already masked by the dispatcher;
 *   the row's keys are keyed HMACs, so no raw id or text is ever written. The ciphertext is
 *   erased as soon as the row is answered (or given up on); SQLite's `secure_delete` and the
 *   regular WAL truncation (`database.ts`) leave no old copy behind.
 * - Every write is one statement. The rows' "stored" and "answered" writes of the updates under way
 *   are group-committed (`group-writes.ts`): one transaction, one disk sync for many webhooks, and
 *   each caller goes on only once its own row is committed. No transaction waits on anything but
 *   the database, which keeps the moment between "the platform took the reply" and "the row says
 *   so" as short as it can be.
 *
 * ```ts
 * const inbox = createInboxStore({ db: store.db, kind: store.kind, secret: salt });
 * const added = await inbox.add(message, { replica, owner, leaseMs: 60_000 });
 * if (added.status === "stored" && added.item) …   // answer it, then:
 * await inbox.finish(added.item, "done", take);   // erases chat id and text
 * ```
 */
import crypto from "node:crypto";
import type { Expression, Generated, Kysely, Selectable } from "kysely";
import { z } from "zod";
import type { IncomingMessage } from "../conversation/message.js";
import { createChatIdCipher, type ChatIdCipher } from "../privacy/chat-id-cipher.js";
import type { Database } from "./database.js";
import { GroupWrites } from "./group-writes.js";
import { JOB_ALIAS, LeasedJobs, type JobTaker } from "./leased-jobs.js";
import type { StoreKind } from "./migrations.js";

/** Table `inbox` (migration 0200). */
export interface InboxTable {
  seq: Generated<number>;
  /** Keyed HMAC-SHA256 of the delivery key. */
  key: string;
  channel: string;
  /** Keyed HMAC-SHA256 of channel and chat id: one chat's rows are answered in order. Erased once finished. */
  chat_key: string;
  /** JSON of the `IncomingMessage`, AES-256-GCM-encrypted (`v1.<nonce>.<body>`); erased once finished. */
  payload: string;
  status: InboxStatus;
  /** Replica name of the owner, to take back a dead run's rows on restart. */
  replica: string | null;
  /** `<replica>#<run id>` of the process answering the row. */
  owner: string | null;
  lease_until_ms: number;
  /** Not taken before this instant (retry delay). */
  available_ms: number;
  /** Times the row was taken, the current one included. */
  attempts: number;
  received_ms: number;
}

type InboxDatabase = Database & { inbox: InboxTable };

const UNFINISHED: InboxStatus[] = ["pending", "processing"];

/**
 * `pending`: waiting; `processing`: taken by `owner`; `done`: answered; `failed`: given up.
 * Finished rows (`done`, `failed`) keep only their key, to recognise repeats.
 */
export type InboxStatus = "pending" | "processing" | "done" | "failed";

/** An update taken for answering. */
export interface InboxItem {
  /** Arrival order. */
  seq: number;
  message: IncomingMessage;
  /** Times taken, this one included. */
  attempts: number;
  /** When the update was stored (epoch ms). */
  receivedMs: number;
}

/** Who takes rows, and for how long: `owner` is `<replica>#<random>`, unique per process run. */
export interface InboxTaker extends JobTaker {
  /** Replica name (REPLICA_ID). */
  replica: string;
}

export type InboxAddResult = { status: "duplicate" } | { status: "stored"; item?: InboxItem };

/** The inbox seam; `KyselyInboxStore` implements it on the store's SQLite or PostgreSQL database. */
export interface InboxStore {
  /**
   * Stores an accepted update. Resolves `duplicate` for a delivery key seen before. With `take`,
   * the row is then taken by the taker unless an earlier update of the same chat is unfinished
   * (it waits its turn as `pending`). Rejects when the database fails: the update is then not
   * stored and must not be acknowledged.
   */
  add(message: IncomingMessage, take?: InboxTaker): Promise<InboxAddResult>;
  /**
   * Takes up to `limit` rows that are due: pending and past their retry delay, or processing with
   * a lease run out. Only the oldest unfinished row of each chat, oldest first.
   */
  claimDue(take: InboxTaker, limit: number): Promise<InboxItem[]>;
  /**
   * Ends the taker's work on a row, `done` or `failed`: chat id and text are erased, the key stays.
   * Then takes the chat's next row when it is due. `finished` is
   * false when the row was no longer the taker's (its lease ran out and someone else took it).
   * `takeNext` false (shutting down): the chat's next row is left for others.
   */
  finish(item: InboxItem, outcome: "done" | "failed", take: InboxTaker, takeNext?: boolean): Promise<{ finished: boolean; next?: InboxItem }>;
  /** Gives a row back for another try after `delayMs`. */
  retryLater(item: InboxItem, owner: string, delayMs: number): Promise<void>;
  /** Extends the lease of every row the owner holds; returns how many. */
  renew(take: InboxTaker): Promise<number>;
  /** Gives back every row the owner holds, due at once (graceful shutdown); returns how many. */
  release(owner: string): Promise<number>;
  /**
   * Gives back the rows held by earlier runs of this replica (same `replica`, other `owner`): a
   * restarted process knows its previous run is dead and need not wait for the leases.
   */
  recoverReplica(take: InboxTaker): Promise<number>;
  /** Rows not answered yet (pending or processing). */
  depth(): Promise<number>;
  /** Deletes finished rows (`done`, `failed`) received before `before`; returns how many. */
  pruneFinished(before: Date): Promise<number>;
}

/**
 * The neutral message, checked when read back. Loose: a field added to `IncomingMessage` later
 * survives the round trip through the store without a change here.
 */
const incomingSchema = z.looseObject({
  channel: z.enum(["telegram", "zalo"]),
  platformUserId: z.string(),
  chatId: z.string(),
  deliveryKey: z.string(),
  kind: z.enum(["text", "choice", "unsupported"]),
  text: z.string().optional(),
  choice: z.string().optional(),
  unsupported: z.enum(["image", "sticker", "voice", "other"]).optional(),
  // A staff reply in the staff chat names the forward it answers (outreach follow-up).
  replyToMessageId: z.string().optional(),
});

export function digest(text: string): string {
  return crypto.createHash("sha256").update(text, "utf8").digest("hex");
}

export interface KyselyInboxStoreSettings {
  /** The store's database (`KyselyStore.db`). */
  db: Kysely<Database>;
  kind: StoreKind;
  /**
   * The statistics salt (STATS_SALT or DATA_DIR/stats-salt): the payload cipher and the keyed
   * digests derive their keys from it. Required to store updates; reading the depth needs none.
   */
  secret?: string;
  /** Clock, for tests. */
  now?: () => number;
}

export function createInboxStore(settings: KyselyInboxStoreSettings): InboxStore {
  return new KyselyInboxStore(settings);
}

export class KyselyInboxStore implements InboxStore {
  private readonly db: Kysely<InboxDatabase>;
  private readonly now: () => number;
  private readonly cipher?: ChatIdCipher;
  private readonly digestKey?: Buffer;
  private readonly jobs: LeasedJobs;
  /** The rows' "stored" and "answered" writes, group-committed (`group-writes.ts`). */
  private readonly writes: GroupWrites<InboxDatabase>;

  constructor(settings: KyselyInboxStoreSettings) {
    this.db = settings.db.withTables<{ inbox: InboxTable }>();
    this.writes = new GroupWrites(this.db);
    this.now = settings.now ?? Date.now;
    this.jobs = new LeasedJobs({
      db: settings.db,
      kind: settings.kind,
      now: this.now,
      columns: {
        table: "inbox",
        id: "seq",
        status: "status",
        waiting: "pending",
        leased: "processing",
        owner: "owner",
        replica: "replica",
        leaseUntil: "lease_until_ms",
        availableAt: "available_ms",
        attempts: "attempts",
      },
    });
    if (settings.secret) {
      this.cipher = createChatIdCipher(settings.secret, "tracu-inbox-v1");
      this.digestKey = Buffer.from(crypto.hkdfSync("sha256", Buffer.from(settings.secret, "utf8"), Buffer.alloc(0), Buffer.from("tracu-inbox-key-v1"), 32));
    }
  }

  /**
   * Keyed digest: a plain SHA-256 of a Telegram chat id (ten digits) is reversed by trying them
   * all, an HMAC under a key kept out of the database is not.
   */
  private keyed(text: string): string {
    if (!this.digestKey) throw new Error("inbox store opened without its secret: updates cannot be stored");
    return crypto.createHmac("sha256", this.digestKey).update(text, "utf8").digest("hex");
  }

  /** The key one chat's rows share. */
  private chatKeyOf(message: Pick<IncomingMessage, "channel" | "chatId">): string {
    return this.keyed(`${message.channel}\u0000${message.chatId}`);
  }

  async add(message: IncomingMessage, take?: InboxTaker): Promise<InboxAddResult> {
    const key = this.keyed(message.deliveryKey);
    const chatKey = this.chatKeyOf(message);
    const now = this.now();
    // Taken at once unless an earlier update of the chat is unfinished (it goes first). A read
    // costs no disk sync, so it is asked before the one write. (Two updates of one chat arriving in
    // the same instant may both be taken: their order is then not guaranteed, nothing else.)
    const takeNow = take !== undefined && !(await this.db.selectFrom("inbox").select("seq").where("chat_key", "=", chatKey).where("status", "in", UNFINISHED).limit(1).executeTakeFirst());
    // With the other updates arriving now, in one commit: the webhook's "received" waits for it.
    const payload = this.cipher!.encrypt(JSON.stringify(message));
    const initial = this.jobs.initial(takeNow ? take : undefined) as Pick<InboxTable, "status" | "replica" | "owner" | "lease_until_ms" | "available_ms" | "attempts">;
    const inserted = await this.writes.run((db) =>
      db
        .insertInto("inbox")
        .values({
          key,
          channel: message.channel,
          chat_key: chatKey,
          // Encrypted: ids and text never reach the database (nor its WAL) in the clear.
          payload,
          ...initial,
          received_ms: now,
        })
        // The unique key decides: of two concurrent deliveries, one inserts and the other gets nothing back.
        .onConflict((oc) => oc.column("key").doNothing())
        .returning("seq")
        .executeTakeFirst(),
    );
    if (!inserted) return { status: "duplicate" };
    return { status: "stored", item: takeNow ? { seq: Number(inserted.seq), message, attempts: 1, receivedMs: now } : undefined };
  }

  async claimDue(take: InboxTaker, limit: number): Promise<InboxItem[]> {
    // Only a chat's oldest unfinished row: one chat's updates are answered in arrival order.
    const rows = await this.jobs.claim(take, limit, (eb) => eb.not(eb.exists(this.unfinishedBefore(eb.ref(`${JOB_ALIAS}.chat_key`), eb.ref(`${JOB_ALIAS}.seq`)))));
    return this.toItems(rows);
  }

  async finish(item: InboxItem, outcome: "done" | "failed", take: InboxTaker, takeNext = true): Promise<{ finished: boolean; next?: InboxItem }> {
    // With the other rows answered now, in one commit.
    const finished = await this.writes.run((db) => this.jobs.settle(item.seq, take.owner, { status: outcome, payload: "", chat_key: "" }, db));
    if (!takeNext) return { finished };
    // The chat's next update, if it is the oldest unfinished one and due: answered next by this
    // process. Looked for first (a read), taken only when there is one (a write).
    const now = this.now();
    const oldest = await this.db
      .selectFrom("inbox")
      .select(["seq", "status", "available_ms"])
      .where("chat_key", "=", this.chatKeyOf(item.message))
      .where("status", "in", UNFINISHED)
      .orderBy("seq")
      .limit(1)
      .executeTakeFirst();
    if (!oldest || oldest.status !== "pending" || Number(oldest.available_ms) > now) return { finished };
    const seq = Number(oldest.seq);
    const next = this.toItems(await this.jobs.takeWhere(take, (eb) => eb("seq", "=", seq)));
    return { finished, next: next[0] };
  }

  async retryLater(item: InboxItem, owner: string, delayMs: number): Promise<void> {
    await this.jobs.putBack(item.seq, owner, { delayMs });
  }

  renew(take: InboxTaker): Promise<number> {
    return this.jobs.renew(take);
  }

  release(owner: string): Promise<number> {
    return this.jobs.release(owner);
  }

  recoverReplica(take: InboxTaker): Promise<number> {
    return this.jobs.recoverReplica(take);
  }

  async depth(): Promise<number> {
    const row = await this.db
      .selectFrom("inbox")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("status", "in", ["pending", "processing"])
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async pruneFinished(before: Date): Promise<number> {
    const result = await this.db.deleteFrom("inbox").where("status", "in", ["done", "failed"]).where("received_ms", "<", before.getTime()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Rows of the chat `chatKey` that arrived before `seq` and are not finished. */
  private unfinishedBefore(chatKey: Expression<string>, seq: Expression<number>) {
    return this.db
      .selectFrom("inbox as j")
      .select("j.seq")
      .where((eb) => eb.and([eb(eb.ref("j.chat_key"), "=", chatKey), eb(eb.ref("j.seq"), "<", seq), eb("j.status", "in", UNFINISHED)]));
  }

  /** The rows as items, in arrival order; unreadable ones are left out (and given up on). */
  private toItems(rows: Record<string, unknown>[]): InboxItem[] {
    return rows
      .map((row) => this.toItem(row as Selectable<InboxTable>))
      .filter((item): item is InboxItem => item !== undefined)
      .sort((a, b) => a.seq - b.seq);
  }

  /** The row as an item; undefined (and the row left to fail) when its payload does not parse. */
  private toItem(row: Selectable<InboxTable>): InboxItem | undefined {
    let message: IncomingMessage;
    try {
      // A row stored by a version before encryption (an upgrade with updates waiting) is plain JSON.
      const json = row.payload.startsWith("{") ? row.payload : this.cipher ? this.cipher.decrypt(row.payload) : undefined;
      if (json === undefined) return this.unreadable(row);
      const parsed = incomingSchema.safeParse(JSON.parse(json));
      if (!parsed.success) return this.unreadable(row);
      message = parsed.data as IncomingMessage;
    } catch {
      return this.unreadable(row);
    }
    return { seq: Number(row.seq), message, attempts: Number(row.attempts), receivedMs: Number(row.received_ms) };
  }

  /** A payload that cannot be read (edited by hand, or from a future version): given up on. */
  private unreadable(row: Selectable<InboxTable>): undefined {
    void this.db
      .updateTable("inbox")
      .set({ status: "failed", payload: "", chat_key: "", owner: null, replica: null })
      .where("seq", "=", Number(row.seq))
      .execute()
      .catch(() => undefined);
    return undefined;
  }
}

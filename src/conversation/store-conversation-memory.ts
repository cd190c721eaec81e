/**
 * The answering core's `ConversationMemory` kept in the store, so follow-up questions work across
 * restarts and replicas. A turn older than 30 minutes counts as gone: the conversation starts over
 * after half an hour of silence.
 *
 * Writes are cheap for many users at once (group commit): `set` and `setChoices` only note the
 * turn, `record` notes the question's anonymous query record, and one write a moment later stores
 * the newest turn of every user and every record noted meanwhile in one transaction (one commit,
 * one disk sync on SQLite), instead of one or two commits per request. The guarantees stay those of
 * a direct write:
 * - reads see this process's unwritten turns first, so a request reads its own writes;
 * - `flush()` resolves once every turn and record noted before it is stored: the conversation calls
 *   it before a reply leaves, so the next message of the user, on any replica sharing the
 *   database, finds it, and a crash after the reply loses neither the memory nor the record;
 * - a record the group write could not store (the database refused the batch twice) goes to the
 *   `fallback` recorder, which retries through an outage, so a bad record or an outage costs the
 *   turns of that moment their follow-up context at most, never the statistics;
 * - `forget()` (`/xoadulieu`) drops the user's unwritten turn and waits for a write under way, so
 *   nothing is written back after the deletion; `close()` writes what is left at shutdown.
 *
 * ```ts
 * const memory = new StoreConversationMemory(store, { logger, fallback: statsRecorder });
 * const engine = createEngine(config, knowledge, { memory });
 * const conversation = new Conversation({ engine, store, memory, recorder: memory, … });
 * await memory.close(); // on SIGTERM, before the store closes
 * ```
 */
import type { PreviousTurn } from "../answering/answer.js";
import { CONTEXT_TTL_MS, type ConversationMemory } from "../answering/answer-engine.js";
import type { Logger } from "../logger.js";
import { sanitizeRecord } from "../stats/stats-recorder.js";
import type { Profile, QueryRecord, Store } from "../store/store.js";

export interface StoreConversationMemorySettings {
  /** Clock (epoch ms) of the turns' age; tests fix it. */
  now?: () => number;
  /** Where a failed write is reported (no user data); unset = silent. */
  logger?: Logger;
  /**
   * Takes the records of a group write that failed (the batching stats recorder, which retries);
   * unset = such records are counted in the log line and dropped.
   */
  fallback?: { record(record: QueryRecord): void };
}

/** Tries of one write before its turns are given up (the users lose their follow-up context, nothing else). */
const WRITE_ATTEMPTS = 2;
/** A turn read ahead with the profile serves the engine's read of the same message, not later ones. */
const READ_AHEAD_MS = 2000;

export class StoreConversationMemory implements ConversationMemory {
  private readonly now: () => number;
  /** Turns noted and not yet handed to a write, newest per user. */
  private pending = new Map<string, PreviousTurn>();
  /** Query records noted and not yet handed to a write. */
  private pendingRecords: QueryRecord[] = [];
  /** Turns of the write under way, readable until it is done. */
  private writing = new Map<string, PreviousTurn>();
  private current: Promise<void> | undefined;
  private scheduled: Promise<void> | undefined;
  /** Stored turns read with the profile (`readUser`), for the engine's `get` of the same message. */
  private readAhead = new Map<string, { turn: PreviousTurn | undefined; at: number }>();
  /** Turns noted since start, and how many of them a finished write covered. */
  private noted = 0;
  private done = 0;

  constructor(
    private readonly store: Pick<Store, "getTurn" | "setTurns"> & Partial<Pick<Store, "getUserState" | "getProfile" | "commitTurnsAndRecords">>,
    settings: StoreConversationMemorySettings | (() => number) = {},
  ) {
    const options = typeof settings === "function" ? { now: settings } : settings;
    this.now = options.now ?? Date.now;
    this.logger = options.logger;
    this.fallback = options.fallback;
  }

  private readonly logger: Logger | undefined;
  private readonly fallback: StoreConversationMemorySettings["fallback"];

  /** The user's last turn when it is recent and holds a question. */
  async get(userKey: string): Promise<PreviousTurn | undefined> {
    const turn = await this.fresh(userKey);
    // A turn that only carries numbered choices (after a menu, before any question) is no context.
    return turn?.question ? turn : undefined;
  }

  /**
   * The user's profile, read in the same statement as their stored turn, which the engine's `get`
   * for this message then takes without a second read (a turn this process noted is newer still).
   */
  async readUser(userKey: string): Promise<Profile | undefined> {
    if (!this.store.getUserState) return this.store.getProfile?.(userKey);
    const state = await this.store.getUserState<PreviousTurn>(userKey);
    this.readAhead.set(userKey, { turn: state.turn, at: Date.now() });
    // Each entry is taken by the engine's read of the same message; a message that never reaches the
    // engine (a crash in between) leaves one behind, so the map is bounded rather than left to grow.
    if (this.readAhead.size > 10_000) this.readAhead.clear();
    return state.profile;
  }

  async set(userKey: string, turn: PreviousTurn): Promise<void> {
    this.note(userKey, turn);
  }

  /** Numbered-reply choices offered to the user last, when recent. */
  async getChoices(userKey: string): Promise<string[] | undefined> {
    return (await this.fresh(userKey))?.choices;
  }

  /**
   * Remembers what a numbered reply picks next (undefined: nothing). Keeps the question context of
   * the same turn.
   */
  async setChoices(userKey: string, choices: string[] | undefined): Promise<void> {
    const turn = await this.fresh(userKey);
    if (!turn && !choices) return;
    const base: PreviousTurn = turn ?? { question: "", topic: "greeting_smalltalk", at: this.now() };
    const { choices: _old, ...rest } = base;
    this.note(userKey, { ...rest, at: this.now(), ...(choices ? { choices } : {}) });
  }

  /**
   * Notes a question's query record for the next group write (the conversation's `QueryRecorder`).
   * Never throws; a record that cannot be stored (no date, no text) is dropped.
   */
  record(record: QueryRecord): void {
    const clean = sanitizeRecord(record);
    if (!clean) return;
    // Without the combined write (a store of tests), the fallback writes it on its own.
    if (!this.store.commitTurnsAndRecords) {
      this.fallback?.record(clean);
      return;
    }
    this.pendingRecords.push(clean);
    this.noted += 1;
    void this.writeSoon();
  }

  /** Resolves once every turn and record noted before the call is stored (or handed on after a logged failure). */
  async flush(): Promise<void> {
    // Only what was noted before the call: under steady load there is always more.
    const target = this.noted;
    while (this.done < target) await (this.current ?? this.writeSoon());
  }

  /** Drops the user's unwritten turn and waits for a write under way (before deleting their data). */
  async forget(userKey: string): Promise<void> {
    this.pending.delete(userKey);
    this.readAhead.delete(userKey);
    while (this.current && this.writing.has(userKey)) await this.current;
  }

  /** Writes what is left (shutdown). */
  close(): Promise<void> {
    return this.flush();
  }

  private note(userKey: string, turn: PreviousTurn): void {
    this.readAhead.delete(userKey);
    this.pending.set(userKey, turn);
    this.noted += 1;
    void this.writeSoon();
  }

  /**
   * Starts a write on the next turn of the event loop unless one is running (the running one starts
   * the next when done): the turns of every request handled meanwhile go in the same write.
   */
  private writeSoon(): Promise<void> {
    if (this.current) return this.current;
    this.scheduled ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.scheduled = undefined;
      return this.writeAll();
    });
    return this.scheduled;
  }

  private writeAll(): Promise<void> {
    if (this.current) return this.current;
    if (this.pending.size === 0 && this.pendingRecords.length === 0) {
      // Everything noted was forgotten (`forget`) meanwhile: nothing to write.
      this.done = this.noted;
      return Promise.resolve();
    }
    this.writing = this.pending;
    this.pending = new Map();
    const records = this.pendingRecords;
    this.pendingRecords = [];
    const upTo = this.noted;
    this.current = this.write(this.writing, records).finally(() => {
      this.done = upTo;
      this.writing = new Map();
      this.current = undefined;
      if (this.pending.size > 0) void this.writeSoon();
    });
    return this.current;
  }

  private async write(turns: Map<string, PreviousTurn>, records: QueryRecord[]): Promise<void> {
    if (records.length > 0) {
      try {
        await this.store.commitTurnsAndRecords!(turns, records);
        return;
      } catch (error) {
        // One refused record would keep failing the whole batch: the records go to the recorder,
        // which retries them through an outage and drops only a record the database keeps refusing.
        this.logger?.warn({ err: describe(error), users: turns.size, records: records.length }, "group write failed; records handed to the stats recorder");
        if (this.fallback) for (const record of records) this.fallback.record(record);
        else this.logger?.error({ records: records.length }, "query records not written");
      }
    }
    if (turns.size === 0) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.store.setTurns(turns);
        return;
      } catch (error) {
        if (attempt >= WRITE_ATTEMPTS) {
          this.logger?.warn({ err: describe(error), users: turns.size }, "conversation memory not written");
          return;
        }
      }
    }
  }

  private async fresh(userKey: string): Promise<PreviousTurn | undefined> {
    // This process's unwritten turn is newer than the stored one; a turn read ahead with the profile
    // for this message is the stored one.
    const ahead = this.readAhead.get(userKey);
    if (ahead) this.readAhead.delete(userKey);
    const stored = ahead && Date.now() - ahead.at < READ_AHEAD_MS ? async () => ahead.turn : () => this.store.getTurn<PreviousTurn>(userKey);
    const turn = this.pending.get(userKey) ?? this.writing.get(userKey) ?? (await stored());
    if (!turn || this.now() - turn.at > CONTEXT_TTL_MS) return undefined;
    return turn;
  }
}

/** An error's name and code for a log line, never its message (it may quote data). */
function describe(error: unknown): { name?: string; code?: string } {
  return { name: (error as Error)?.name, code: (error as { code?: string })?.code };
}

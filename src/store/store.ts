/**
 * The storage seam. One interface, two implementations on the same schema and migrations:
 * SQLite (better-sqlite3, default, file under DATA_DIR) and PostgreSQL (DATABASE_URL=postgres://…),
 * both through Kysely. Query records, conversation memory, user profiles and the channels'
 * de-duplication keys all live here, so several replicas can share one PostgreSQL database.
 *
 * Nothing stored here may hold a raw platform user id, a name, a phone, ID or e-mail: user keys are
 * HMAC-SHA256 digests (see `stats/user-key.ts`) and question texts are masked before they arrive.
 */
import type { Topic } from "../knowledge/types.js";

export type Role = "student" | "parent" | "unknown";
/** The key `byCommune` uses for questions with no known commune. */
export const UNKNOWN_COMMUNE_KEY = "unknown";
export type Feedback = "up" | "down";
/** Staff's verdict on a reply: "trả lời sai" or "chưa đủ". */
export type ReplyFlag = "wrong" | "incomplete";
export const REPLY_FLAGS: readonly ReplyFlag[] = ["wrong", "incomplete"];
/** Why a question is in the follow-up queue. */
export type QueueReason = "unanswered" | "wrong" | "incomplete" | "down";

/** One question as the Centre sees it. */
export interface QueryRecord {
  /** Random id (UUID), also used to attach feedback. */
  id: string;
  at: Date;
  /** `telegram`, `zalo`, `web` or `api`. */
  channel: string;
  /** HMAC-SHA256 of channel and user id; null when the client sent no user id. */
  userKey: string | null;
  role: Role;
  /** New commune name (e.g. "Xã Long Hiệp") from the profile or the message; null when unknown. */
  commune: string | null;
  topic: Topic;
  /** The question with phone, ID numbers and e-mails masked. */
  question: string;
  answered: boolean;
  /** 0..1 */
  confidence: number;
  /** Source citations as shown to the user ("title, ref"). */
  sources: string[];
  /** `offline`, `llm`, `labour`, `rule`. */
  answerer: string;
  latencyMs: number;
  feedback: Feedback | null;
  /** Staff marked the unanswered question as reviewed. */
  reviewed: boolean;
  /** The bot's reply as sent, masked like the question; null/absent when not kept (older records). */
  reply?: string | null;
  /** Staff marked the reply wrong or incomplete; null/absent = no verdict. */
  flag?: ReplyFlag | null;
  /**
   * The question analysis of the message (answering/question-analysis.ts): its act ("question",
   * "yes_no", "list", …) and the value it asked for ("amount", "date", …), so staff can see what
   * kinds of question go unanswered. Null/absent for replies without one (greetings, refusals) and
   * older records.
   */
  act?: string | null;
  wanted?: string | null;
}

/** A record in the follow-up queue, with why it is there. */
export interface QueueItem extends QueryRecord {
  reasons: QueueReason[];
}

export interface StatsFilter {
  /** Inclusive, `YYYY-MM-DD` (local date of Vietnam, UTC+7). */
  from: string;
  /** Inclusive, `YYYY-MM-DD`. */
  to: string;
  channel?: string;
  commune?: string;
  topic?: Topic;
  role?: Role;
}

/** `GET /api/stats/summary` (CONTRACTS.md). Keys with no question are left out. */
export interface StatsSummary {
  total: number;
  answered: number;
  unanswered: number;
  byChannel: Record<string, number>;
  byTopic: Record<string, number>;
  /** By new commune name; questions with no known commune under `unknown`. */
  byCommune: Record<string, number>;
  byRole: Record<string, number>;
  /** Local dates (UTC+7) with at least one question, oldest first. */
  byDay: { date: string; count: number }[];
}

/** The summary plus what the dashboard draws: questions per day and channel, and feedback. */
export interface StatsBreakdown extends StatsSummary {
  /** Local dates and channels with at least one question, oldest first. */
  byDayChannel: { date: string; channel: string; count: number }[];
  /** 👍 and 👎 given to the questions of the filter. */
  feedback: { up: number; down: number };
}

/** One question text and how many times it was asked. */
export interface QuestionCount {
  question: string;
  count: number;
}

/**
 * One remembered turn of a user, as the store sees it: JSON with a question (masked on the way in)
 * and a time. The rest belongs to the answering core (`PreviousTurn`), which the store does not read.
 */
export interface StoredTurn {
  question: string;
  at: number;
}

/** What a user chose to tell, asked at most once. */
export interface Profile {
  role: Role;
  commune: string | null;
  /** The profile questions were asked (answered or skipped). */
  asked: boolean;
  updatedAt: Date;
}

/** What `Store.deleteUserData` deleted, in rows. */
export interface StoredUserDataDeleted {
  questions: number;
  memory: number;
  profile: number;
}

export interface Store {
  /** `sqlite` or `postgres`. */
  readonly kind: "sqlite" | "postgres";
  /** Applies pending migrations; safe to call on every start and from several replicas. */
  migrate(): Promise<void>;
  /** Cheap round trip, for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;

  // === query records ===
  insertRecords(records: QueryRecord[]): Promise<void>;
  /** Attaches feedback to a record; false when no such record. */
  setFeedback(recordId: string, feedback: Feedback): Promise<boolean>;
  summary(filter: StatsFilter): Promise<StatsSummary>;
  /** Records matching the filter, oldest first, streamed in pages. */
  exportRecords(filter: StatsFilter): AsyncIterable<QueryRecord>;
  /** Unanswered questions, newest first. */
  unanswered(filter: StatsFilter & { reviewed?: boolean; limit?: number }): Promise<QueryRecord[]>;
  markReviewed(recordId: string, reviewed: boolean): Promise<boolean>;
  /**
   * The follow-up queue, newest first: questions the knowledge could not answer, replies staff
   * flagged wrong or incomplete, and replies users rated 👎. Refusals and small talk (answered by a
   * rule) are not in it unless flagged or rated 👎.
   */
  followUpQueue(filter: StatsFilter & { reviewed?: boolean; limit?: number }): Promise<QueueItem[]>;
  /** Sets or clears staff's verdict on a reply; a verdict puts the record back in the queue (not reviewed). False when no such record. */
  setFlag(recordId: string, flag: ReplyFlag | null, at?: Date): Promise<boolean>;
  /** Refusals and "not covered" replies of the filter (answered by a rule, not answered): counted, not queued. */
  refusalCount(filter: StatsFilter): Promise<number>;
  /**
   * Deletes records older than `before`; returns how many. The daily counts already hold them
   * (they are added to with every insert), so summaries keep their totals.
   */
  purgeRecordsBefore(before: Date): Promise<number>;

  // === conversation ===
  /** The user's remembered turn, as `setTurn` wrote it (the conversation memory names its type). */
  getTurn<Turn extends StoredTurn = StoredTurn>(userKey: string): Promise<Turn | undefined>;
  /** Replaces the user's remembered turn; its `question` is masked on the way in. */
  setTurn<Turn extends StoredTurn>(userKey: string, turn: Turn): Promise<void>;
  /** Writes the turns of several users in one statement (one commit); one entry per user key. */
  setTurns<Turn extends StoredTurn>(turns: ReadonlyMap<string, Turn>): Promise<void>;
  /**
   * `setTurns` and `insertRecords` in one transaction (one commit, one disk sync on SQLite): the
   * group commit of the requests under way, whose replies wait for it. All or nothing.
   */
  commitTurnsAndRecords<Turn extends StoredTurn>(turns: ReadonlyMap<string, Turn>, records: QueryRecord[]): Promise<void>;
  getProfile(userKey: string): Promise<Profile | undefined>;
  /** The user's remembered turn and profile in one read (the conversation needs both per message). */
  getUserState<Turn extends StoredTurn = StoredTurn>(userKey: string): Promise<{ turn?: Turn; profile?: Profile }>;
  setProfile(userKey: string, profile: Profile): Promise<void>;
  /**
   * `/xoadulieu`: deletes the user's query records (with their feedback), conversation memory and
   * profile; returns how many rows of each went. The daily counts keep the totals (they hold no
   * user key).
   */
  deleteUserData(userKey: string): Promise<StoredUserDataDeleted>;
}

/**
 * What the dashboard and the daily housekeeping need beyond `Store`. Both stores implement it;
 * it is kept apart so that code which only records, remembers or claims depends on `Store` alone.
 */
export interface StatsStore extends Store {
  /** The summary with per-day-and-channel counts and feedback; read from the daily counts. */
  breakdown(filter: StatsFilter): Promise<StatsBreakdown>;
  /**
   * Distinct question texts of the filter with their counts, most asked first. Only the newest
   * `sample` records (default 20,000) are read, so a year of questions stays fast.
   */
  questionCounts(filter: StatsFilter, options?: { sample?: number; limit?: number }): Promise<QuestionCount[]>;
  /** The newest records of the filter with the bot's replies, newest first (the dashboard's "recent questions"). */
  recentRecords(filter: StatsFilter, limit?: number): Promise<QueryRecord[]>;
  /** Deletes conversation turns saved before `before`; returns how many. */
  pruneTurns(before: Date): Promise<number>;
}

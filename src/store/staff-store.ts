/**
 * Staff accounts (name, role, scrypt hash) and the audit log of staff actions, on the same
 * database as everything else (SQLite or PostgreSQL), so every replica sees the same accounts.
 * The first admin, DASHBOARD_USER / DASHBOARD_PASSWORD, is not stored here: it comes from the
 * settings.
 *
 * ```ts
 * const staff = createStaffStore({ db: store.db });
 * await staff.addAccount({ username: "ldtbxh", role: "du-lieu", passwordHash });
 * await staff.audit("quan-tri-1", "account.add", "ldtbxh (du-lieu)");
 * ```
 */
import type { Generated, Kysely } from "kysely";
import type { StaffRole } from "../staff/staff-roles.js";
import type { Database } from "./database.js";

/** Table `staff_accounts` (migration 0400). */
export interface StaffAccountsTable {
  username: string;
  role: string;
  password_hash: string;
  session_epoch: number;
  created_ms: number;
  updated_ms: number;
}

/** Table `staff_audit` (migration 0400). */
export interface StaffAuditTable {
  id: Generated<number>;
  at_ms: number;
  actor: string;
  action: string;
  detail: string;
}

type StaffDatabase = Database & { staff_accounts: StaffAccountsTable; staff_audit: StaffAuditTable };

export interface StaffAccount {
  username: string;
  role: StaffRole;
  passwordHash: string;
  /** Raised on every password or role change; sessions carry it. */
  sessionEpoch: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What staff did: publish, roll back, approve an FAQ, send an announcement, sign in, account changes. */
export type AuditAction =
  | "sign-in"
  | "labour.publish"
  | "labour.rollback"
  | "faq.approve"
  | "announcement.send"
  | "account.add"
  | "account.remove"
  | "account.password"
  | "account.role";

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  action: AuditAction;
  detail: string;
}

/** The accounts-and-audit seam. */
export interface StaffStore {
  getAccount(username: string): Promise<StaffAccount | undefined>;
  listAccounts(): Promise<StaffAccount[]>;
  /** False when the name is taken. */
  addAccount(account: { username: string; role: StaffRole; passwordHash: string }): Promise<boolean>;
  /** False when there is no such account. */
  removeAccount(username: string): Promise<boolean>;
  setPassword(username: string, passwordHash: string): Promise<boolean>;
  setRole(username: string, role: StaffRole): Promise<boolean>;
  audit(actor: string, action: AuditAction, detail: string): Promise<void>;
  /** Newest first. */
  listAudit(options?: { limit?: number }): Promise<AuditEntry[]>;
}

export function createStaffStore(settings: { db: Kysely<Database>; now?: () => Date }): StaffStore {
  return new KyselyStaffStore(settings.db, settings.now ?? (() => new Date()));
}

/** Account names: what a person types at the login form, and safe in logs and the audit. */
export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{1,49}$/;

export class KyselyStaffStore implements StaffStore {
  private readonly db: Kysely<StaffDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly now: () => Date,
  ) {
    this.db = db.withTables<{ staff_accounts: StaffAccountsTable; staff_audit: StaffAuditTable }>();
  }

  async getAccount(username: string): Promise<StaffAccount | undefined> {
    const row = await this.db.selectFrom("staff_accounts").selectAll().where("username", "=", username).executeTakeFirst();
    return row ? toAccount(row) : undefined;
  }

  async listAccounts(): Promise<StaffAccount[]> {
    const rows = await this.db.selectFrom("staff_accounts").selectAll().orderBy("username").execute();
    return rows.map(toAccount);
  }

  async addAccount(account: { username: string; role: StaffRole; passwordHash: string }): Promise<boolean> {
    const at = this.now().getTime();
    const result = await this.db
      .insertInto("staff_accounts")
      .values({ username: account.username, role: account.role, password_hash: account.passwordHash, session_epoch: 0, created_ms: at, updated_ms: at })
      .onConflict((oc) => oc.column("username").doNothing())
      .returning("username")
      .executeTakeFirst();
    return result !== undefined;
  }

  async removeAccount(username: string): Promise<boolean> {
    const result = await this.db.deleteFrom("staff_accounts").where("username", "=", username).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    const result = await this.db
      .updateTable("staff_accounts")
      .set((eb) => ({ password_hash: passwordHash, session_epoch: eb("session_epoch", "+", 1), updated_ms: this.now().getTime() }))
      .where("username", "=", username)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async setRole(username: string, role: StaffRole): Promise<boolean> {
    const result = await this.db
      .updateTable("staff_accounts")
      .set((eb) => ({ role, session_epoch: eb("session_epoch", "+", 1), updated_ms: this.now().getTime() }))
      .where("username", "=", username)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async audit(actor: string, action: AuditAction, detail: string): Promise<void> {
    // The detail is written by our code (names, versions, counts), never message text; capped anyway.
    await this.db.insertInto("staff_audit").values({ at_ms: this.now().getTime(), actor, action, detail: detail.slice(0, 500) }).execute();
  }

  async listAudit(options: { limit?: number } = {}): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom("staff_audit")
      .selectAll()
      .orderBy("at_ms", "desc")
      .orderBy("id", "desc")
      .limit(Math.min(Math.max(options.limit ?? 200, 1), 1000))
      .execute();
    return rows.map((r) => ({ id: Number(r.id), at: new Date(Number(r.at_ms)), actor: r.actor, action: r.action as AuditAction, detail: r.detail }));
  }
}

function toAccount(row: StaffAccountsTable): StaffAccount {
  return {
    username: row.username,
    role: row.role as StaffRole,
    passwordHash: row.password_hash,
    sessionEpoch: Number(row.session_epoch),
    createdAt: new Date(Number(row.created_ms)),
    updatedAt: new Date(Number(row.updated_ms)),
  };
}

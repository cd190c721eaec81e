/**
 * Labour Office datasets published from the browser (`/dashboard/du-lieu`), kept in the database so
 * that every replica serves the same rows:
 *
 * - a **draft** holds the files uploaded and checked but not yet live (any replica may publish it);
 * - each **publish** writes a new numbered version (the complete set of tables the bot then uses)
 *   and points `labour_active` at it, in one transaction;
 * - a **roll back** points `labour_active` at an earlier version (nothing is deleted).
 *
 * Replicas poll `activeVersion()` (one small row) and load the dataset when it changed.
 */
import type { Kysely } from "kysely";
import type { LabourData, ValidationIssue } from "../knowledge/types.js";
import type { Database } from "./database.js";
import type { StoreKind } from "./migrations.js";

export interface LabourDatasetsTable {
  version: number;
  as_of: string;
  publisher: string;
  published_ms: number;
  /** JSON of `DatasetSummary`. */
  summary: string;
  /** JSON of `LabourData`. */
  data: string;
}

export interface LabourActiveTable {
  /** Always 1: one row. */
  id: number;
  version: number;
  changed_ms: number;
  changed_by: string;
}

export interface LabourDraftsTable {
  id: string;
  owner: string;
  created_ms: number;
  /** JSON of `DraftFile[]`. */
  files: string;
}

type DatasetDatabase = Database & { labour_datasets: LabourDatasetsTable; labour_active: LabourActiveTable; labour_drafts: LabourDraftsTable };

/** One uploaded, checked file of a draft: its good rows and its report. */
export interface DraftFile {
  /** The name as uploaded (shown in citations and the report). */
  name: string;
  kind: "jobs" | "courses" | "demand";
  /** Rows kept (with "chưa rõ" cells counted in). */
  rowCount: number;
  data: LabourData;
  issues: ValidationIssue[];
}

export interface LabourDraft {
  id: string;
  owner: string;
  createdAt: Date;
  files: DraftFile[];
}

/** What a version holds, for the history list. */
export interface DatasetSummary {
  files: { name: string; kind: string; rowCount: number; asOf: string; version: number }[];
  jobs: number;
  courses: number;
  demand: number;
}

export interface LabourDataset {
  version: number;
  asOf: string;
  publisher: string;
  publishedAt: Date;
  summary: DatasetSummary;
  data: LabourData;
}

export type DatasetHeader = Omit<LabourDataset, "data">;

export interface ActivePointer {
  version: number;
  changedAt: Date;
  changedBy: string;
}

export interface LabourDatasetStore {
  saveDraft(draft: LabourDraft): Promise<void>;
  getDraft(id: string): Promise<LabourDraft | undefined>;
  deleteDraft(id: string): Promise<void>;
  /** Deletes drafts started before `before` (abandoned uploads); returns how many. */
  pruneDrafts(before: Date): Promise<number>;
  /** The live version, or undefined before the first publish. */
  activeVersion(): Promise<ActivePointer | undefined>;
  getDataset(version: number): Promise<LabourDataset | undefined>;
  /** Newest first, without the rows. */
  history(limit?: number): Promise<DatasetHeader[]>;
  /**
   * Writes the next version and makes it live, atomically; the draft goes. Returns the version.
   * `build` gets the live dataset (or undefined) read inside the transaction, and the new version's number.
   */
  publish(input: { draftId?: string; publisher: string; asOf: string; at: Date; build: (live: LabourDataset | undefined, version: number) => { summary: DatasetSummary; data: LabourData } }): Promise<number>;
  /** Makes an earlier version live; false when there is no such version. */
  activate(version: number, by: string, at: Date): Promise<boolean>;
}

export function createLabourDatasetStore(settings: { db: Kysely<Database>; kind: StoreKind }): LabourDatasetStore {
  return new KyselyLabourDatasetStore(settings.db, settings.kind);
}

export class KyselyLabourDatasetStore implements LabourDatasetStore {
  private readonly db: Kysely<DatasetDatabase>;

  constructor(
    db: Kysely<Database>,
    private readonly kind: StoreKind,
  ) {
    this.db = db.withTables<{ labour_datasets: LabourDatasetsTable; labour_active: LabourActiveTable; labour_drafts: LabourDraftsTable }>();
  }

  async saveDraft(draft: LabourDraft): Promise<void> {
    const files = JSON.stringify(draft.files);
    await this.db
      .insertInto("labour_drafts")
      .values({ id: draft.id, owner: draft.owner, created_ms: draft.createdAt.getTime(), files })
      .onConflict((oc) => oc.column("id").doUpdateSet({ files }))
      .execute();
  }

  async getDraft(id: string): Promise<LabourDraft | undefined> {
    const row = await this.db.selectFrom("labour_drafts").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? { id: row.id, owner: row.owner, createdAt: new Date(Number(row.created_ms)), files: JSON.parse(row.files) as DraftFile[] } : undefined;
  }

  async deleteDraft(id: string): Promise<void> {
    await this.db.deleteFrom("labour_drafts").where("id", "=", id).execute();
  }

  async pruneDrafts(before: Date): Promise<number> {
    const result = await this.db.deleteFrom("labour_drafts").where("created_ms", "<", before.getTime()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async activeVersion(): Promise<ActivePointer | undefined> {
    const row = await this.db.selectFrom("labour_active").selectAll().where("id", "=", 1).executeTakeFirst();
    return row ? { version: Number(row.version), changedAt: new Date(Number(row.changed_ms)), changedBy: row.changed_by } : undefined;
  }

  async getDataset(version: number): Promise<LabourDataset | undefined> {
    const row = await this.db.selectFrom("labour_datasets").selectAll().where("version", "=", version).executeTakeFirst();
    return row ? { ...toHeader(row), data: JSON.parse(row.data) as LabourData } : undefined;
  }

  async history(limit = 50): Promise<DatasetHeader[]> {
    const rows = await this.db
      .selectFrom("labour_datasets")
      .select(["version", "as_of", "publisher", "published_ms", "summary"])
      .orderBy("version", "desc")
      .limit(limit)
      .execute();
    return rows.map(toHeader);
  }

  async publish(input: Parameters<LabourDatasetStore["publish"]>[0]): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      // Two publishes at once: the second waits for the first's row lock on PostgreSQL (SQLite has
      // one writer), so each builds on the version live when it writes.
      const active = await trx.selectFrom("labour_active").selectAll().where("id", "=", 1).$call((q) => (this.kind === "postgres" ? q.forUpdate() : q)).executeTakeFirst();
      let live: LabourDataset | undefined;
      if (active) {
        const row = await trx.selectFrom("labour_datasets").selectAll().where("version", "=", active.version).executeTakeFirst();
        if (row) live = { ...toHeader(row), data: JSON.parse(row.data) as LabourData };
      }
      const last = await trx.selectFrom("labour_datasets").select((eb) => eb.fn.max("version").as("v")).executeTakeFirst();
      const version = Number(last?.v ?? 0) + 1;
      const built = input.build(live, version);
      await trx
        .insertInto("labour_datasets")
        .values({
          version,
          as_of: input.asOf,
          publisher: input.publisher,
          published_ms: input.at.getTime(),
          summary: JSON.stringify(built.summary),
          data: JSON.stringify(built.data),
        })
        .execute();
      await trx
        .insertInto("labour_active")
        .values({ id: 1, version, changed_ms: input.at.getTime(), changed_by: input.publisher })
        .onConflict((oc) => oc.column("id").doUpdateSet({ version, changed_ms: input.at.getTime(), changed_by: input.publisher }))
        .execute();
      if (input.draftId) await trx.deleteFrom("labour_drafts").where("id", "=", input.draftId).execute();
      return version;
    });
  }

  async activate(version: number, by: string, at: Date): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom("labour_datasets").select("version").where("version", "=", version).executeTakeFirst();
      if (!exists) return false;
      await trx
        .insertInto("labour_active")
        .values({ id: 1, version, changed_ms: at.getTime(), changed_by: by })
        .onConflict((oc) => oc.column("id").doUpdateSet({ version, changed_ms: at.getTime(), changed_by: by }))
        .execute();
      return true;
    });
  }
}

function toHeader(row: Omit<LabourDatasetsTable, "data">): DatasetHeader {
  return {
    version: Number(row.version),
    asOf: row.as_of,
    publisher: row.publisher,
    publishedAt: new Date(Number(row.published_ms)),
    summary: JSON.parse(row.summary) as DatasetSummary,
  };
}

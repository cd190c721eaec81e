/**
 * Real stores for the shared store tests: SQLite in a temporary folder, and PostgreSQL at
 * 127.0.0.1:5432 (user postgres) in a database of the test's own, dropped afterwards. When
 * PostgreSQL cannot be reached the tests fail with a message saying how to start it; they never
 * skip silently.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { createLogger } from "../../src/logger.js";
import { createStore } from "../../src/store/create-store.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import type { QueryRecord } from "../../src/store/store.js";
import { tempDir } from "./test-knowledge.js";

export type StoreKind = "sqlite" | "postgres";
export const STORE_KINDS: StoreKind[] = ["sqlite", "postgres"];

/** Server and role the tests use; TEST_POSTGRES_URL overrides (its database is only used to create others). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function adminClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(POSTGRES_ADMIN_URL);
    throw new Error(
      `PostgreSQL is not reachable at ${where.hostname}:${where.port || 5432} as user ${where.username || "postgres"} ` +
        `(${(error as Error).message}). The store tests run against the real server: start it with .ci/run or ` +
        "`pg_ctlcluster 15 main start`, or set TEST_POSTGRES_URL.",
    );
  }
  return client;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates an empty database `<prefix>_<random>` and returns its URL. */
export async function createPostgresDatabase(prefix = "tracu_test"): Promise<TestDatabase> {
  const name = `${prefix}_${crypto.randomBytes(6).toString("hex")}`;
  const admin = await adminClient();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = await adminClient();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface TestStore {
  kind: StoreKind;
  store: KyselyStore;
  /** The SQLite folder (also used as DATA_DIR for PostgreSQL runs). */
  dataDir: string;
  database?: TestDatabase;
  /** Opens one more store on the same database (another replica). */
  reopen(): KyselyStore;
  cleanup(): Promise<void>;
}

export async function openTestStore(kind: StoreKind): Promise<TestStore> {
  const dataDir = tempDir("tracu-store-");
  const database = kind === "postgres" ? await createPostgresDatabase() : undefined;
  const logger = createLogger("silent");
  const open = () => createStore({ dataDir, databaseUrl: database?.url, logger });
  const store = open();
  await store.migrate();
  const extra: KyselyStore[] = [];
  return {
    kind,
    store,
    dataDir,
    database,
    reopen() {
      const another = open();
      extra.push(another);
      return another;
    },
    async cleanup() {
      for (const s of [store, ...extra]) await s.close().catch(() => undefined);
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let sequence = 0;

/** A complete record with sensible defaults; ids are unique per test run. */
export function makeRecord(overrides: Partial<QueryRecord> = {}): QueryRecord {
  sequence += 1;
  return {
    id: crypto.randomUUID(),
    at: new Date("2026-11-20T03:00:00Z"),
    channel: "telegram",
    userKey: crypto.createHash("sha256").update(`user-${sequence % 7}`).digest("hex"),
    role: "unknown",
    commune: null,
    topic: "vocational_training_options",
    question: `Học nghề ở đâu? (${sequence})`,
    answered: true,
    confidence: 0.8,
    sources: ["Kế hoạch 2023, mục IV.2"],
    answerer: "offline",
    latencyMs: 120,
    feedback: null,
    reviewed: false,
    reply: `Bạn có thể học nghề tại trường trung cấp gần nhà. (${sequence})`,
    flag: null,
    act: "question",
    wanted: "where",
    ...overrides,
  };
}

/** Every record of a store, oldest first. */
export async function allRecords(store: KyselyStore, from = "2000-01-01", to = "2100-12-31"): Promise<QueryRecord[]> {
  const out: QueryRecord[] = [];
  for await (const record of store.exportRecords({ from, to })) out.push(record);
  return out;
}

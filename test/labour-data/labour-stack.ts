/**
 * One complete replica for the Labour Office tests: real store (SQLite in a temporary folder, or a
 * PostgreSQL URL), the knowledge base fed by the published dataset, the engine, the staff login
 * with accounts, the data page and API, the accounts page, and the express app on 127.0.0.1.
 * Nothing is stubbed; the knowledge folder is the shipped one (no Labour Office data in it).
 */
import fs from "node:fs";
import path from "node:path";
import { createEngine, createKnowledgeBase } from "../../src/compose.js";
import { loadConfig, type Config } from "../../src/config.js";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { PublishedLabourSync } from "../../src/labour-data/published-labour-sync.js";
import { createLogger } from "../../src/logger.js";
import { createApp } from "../../src/server/app.js";
import { createDashboardAuth } from "../../src/server/dashboard-auth.js";
import { createLabourDataRouters } from "../../src/server/labour-data-dashboard.js";
import { createStaffAdminRouter } from "../../src/server/staff-admin.js";
import { addStaffAccount } from "../../src/staff/staff-accounts.js";
import { createStatsRecorder, type StatsRecorder } from "../../src/stats/stats-recorder.js";
import { createUserKey } from "../../src/stats/user-key.js";
import { createStore } from "../../src/store/create-store.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { createLabourDatasetStore, type LabourDatasetStore } from "../../src/store/labour-dataset-store.js";
import { createStaffStore, type StaffStore } from "../../src/store/staff-store.js";
import { listen } from "../helpers/http.js";
import { KNOWLEDGE_DIR, ROOT, TEST_NOW, tempDir } from "../helpers/test-knowledge.js";

export const ADMIN = { user: "canbo", password: "mat-khau-quan-tri-dau-tien" };
export const DATA_USER = { user: "ldtbxh", password: "mat-khau-can-bo-lao-dong", role: "du-lieu" };
export const STATS_USER = { user: "thongke", password: "mat-khau-can-bo-thong-ke", role: "thong-ke" };
export const UPLOAD_FIXTURES = path.join(ROOT, "test/fixtures/labour-upload");

export interface LabourStack {
  url: string;
  config: Config;
  store: KyselyStore;
  staff: StaffStore;
  datasets: LabourDatasetStore;
  knowledge: KnowledgeBase;
  sync: PublishedLabourSync;
  recorder: StatsRecorder;
  close(): Promise<void>;
}

export async function startLabourStack(options: { databaseUrl?: string; watchMs?: number; env?: Record<string, string>; accounts?: boolean } = {}): Promise<LabourStack> {
  const dataDir = tempDir("tracu-labour-");
  const config = loadConfig(
    {
      DATA_DIR: dataDir,
      KNOWLEDGE_DIR,
      LOG_LEVEL: "silent",
      DASHBOARD_USER: ADMIN.user,
      DASHBOARD_PASSWORD: ADMIN.password,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
    ROOT,
  );
  const logger = createLogger("silent");
  const store = createStore({ dataDir, databaseUrl: config.databaseUrl, poolSize: 4 });
  await store.migrate();
  const staff = createStaffStore({ db: store.db });
  const datasets = createLabourDatasetStore({ db: store.db, kind: store.kind });
  const sync = new PublishedLabourSync(datasets);
  await sync.poll();
  const knowledge = createKnowledgeBase(config, { published: sync.current, persist: false });
  await knowledge.load();
  const now = () => TEST_NOW;
  const engine = createEngine(config, knowledge, { now });
  const recorder = createStatsRecorder({ store, logger, flushIntervalMs: 20 });
  const auth = createDashboardAuth({ ...config.dashboard!, accounts: staff });
  if (options.accounts !== false) {
    for (const account of [DATA_USER, STATS_USER]) await addStaffAccount(staff, "test", { username: account.user, role: account.role, password: account.password });
  }
  const labour = createLabourDataRouters({
    auth,
    datasets,
    staff,
    knowledge,
    sync,
    previewEngine: (snapshot) => createEngine(config, { current: () => snapshot }, { now }),
    maxAgeDays: config.labourDataMaxAgeDays,
    logger,
    now,
  });
  const app = createApp({
    engine,
    knowledge,
    logger,
    store,
    staff,
    labourDataMaxAgeDays: config.labourDataMaxAgeDays,
    dashboardAuth: auth,
    recorder,
    userKey: createUserKey("labour-test-salt-0123456789abcdef"),
    today: () => TEST_NOW.toISOString().slice(0, 10),
    uploadRouters: [labour.upload],
    staffRouters: [labour.pages, createStaffAdminRouter({ auth, staff, firstAdmin: ADMIN.user, logger })],
    publicDir: path.join(ROOT, "public"),
  });
  const server = await listen(app);
  const stopWatch = options.watchMs ? sync.watch(knowledge, options.watchMs) : undefined;
  return {
    url: server.url,
    config,
    store,
    staff,
    datasets,
    knowledge,
    sync,
    recorder,
    async close() {
      stopWatch?.();
      await server.close();
      await recorder.close({ timeoutMs: 2000 });
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function basic(account: { user: string; password: string }): string {
  return `Basic ${Buffer.from(`${account.user}:${account.password}`).toString("base64")}`;
}

/** Uploads bytes as the page script does (raw body, name in X-File-Name). */
export async function upload(stack: { url: string }, account: { user: string; password: string }, name: string, bytes: Buffer | Uint8Array, draft?: string) {
  const res = await fetch(`${stack.url}/api/labour-data/uploads${draft ? `?draft=${draft}` : ""}`, {
    method: "POST",
    headers: { authorization: basic(account), "content-type": "application/octet-stream", "x-file-name": encodeURIComponent(name) },
    body: new Blob([new Uint8Array(bytes)]),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

export function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(UPLOAD_FIXTURES, name));
}

export async function ask(stack: { url: string }, text: string): Promise<{ answer: string; answered: boolean; topic: string; sources: { title: string; asOf?: string }[]; suggestions?: string[] }> {
  const res = await fetch(`${stack.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text }) });
  if (res.status !== 200) throw new Error(`/api/chat answered ${res.status}`);
  return (await res.json()) as never;
}

/** Publishes a draft through the JSON API. */
export async function publish(stack: { url: string }, account: { user: string; password: string }, draft: string, asOf: string) {
  const res = await fetch(`${stack.url}/api/labour-data/drafts/${draft}/publish`, {
    method: "POST",
    headers: { authorization: basic(account), "content-type": "application/json" },
    body: JSON.stringify({ asOf }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

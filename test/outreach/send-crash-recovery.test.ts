/**
 * A crash in the middle of an announcement: the send job runs in a child process (SQLite file, then
 * PostgreSQL); after some messages were delivered it is killed with SIGKILL while further messages
 * are in flight at the fake API (which never completes those: they are not delivered). A new
 * process takes the sender lease over once the dead one's runs out and finishes the job. Everyone
 * gets the announcement exactly once, and nobody who got it before the crash gets it again.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createChatIdCipher } from "../../src/privacy/chat-id-cipher.js";
import { createUserKey } from "../../src/stats/user-key.js";
import { createStore } from "../../src/store/create-store.js";
import { createOutreachStore } from "../../src/store/kysely-outreach-store.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { ROOT, tempDir } from "../helpers/test-knowledge.js";
import { createPostgresDatabase, STORE_KINDS, type TestDatabase } from "../helpers/test-stores.js";
import { startBroadcastTelegram, startBroadcastZalo, type BroadcastFake } from "./helpers/fake-broadcast-platforms.js";
import { TEST_SALT, until } from "./helpers/outreach-harness.js";
import { chatIds, seedAnnouncement, seedSubscribers } from "./helpers/seed.js";

const CHILD = path.join(ROOT, "test/outreach/helpers/send-job-process.ts");
const TELEGRAM_CHATS = 40;
const ZALO_CHATS = 10;
/** Delivered messages after which the fake holds every further one, and the child is killed. */
const KILL_AFTER = 17;
const ZALO_KILL_AFTER = 4;

describe.each(STORE_KINDS)("crash in the middle of a send (%s)", (kind) => {
  let dataDir: string;
  let database: TestDatabase | undefined;
  let store: KyselyStore;
  let telegram: BroadcastFake;
  let zalo: BroadcastFake;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dataDir = tempDir("tracu-crash-");
    database = kind === "postgres" ? await createPostgresDatabase("tracu_crash") : undefined;
    store = createStore({ dataDir, databaseUrl: database?.url, logger: createLogger("silent") });
    await store.migrate();
    telegram = await startBroadcastTelegram();
    zalo = await startBroadcastZalo();
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await store?.close();
    await telegram?.close();
    await zalo?.close();
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function startChild(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATA_DIR: dataDir,
        ...(database ? { DATABASE_URL: database.url } : {}),
        STATS_SALT: TEST_SALT,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        ZALO_BOT_TOKEN: zalo.token,
        ZALO_API_ROOT: zalo.apiRoot,
        TELEGRAM_SEND_PER_SECOND: "50",
        ZALO_SEND_PER_SECOND: "20",
        OUTREACH_TEST_LEASE_MS: "1500",
        LOG_LEVEL: "silent",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("ready")) resolve(child);
      });
      child.once("exit", (code) => reject(new Error(`send job exited early (${code})`)));
    });
  }

  it("should deliver to everyone exactly once after a SIGKILL and a restart", async () => {
    const outreach = createOutreachStore(store);
    const userKey = createUserKey(TEST_SALT);
    const tgChats = chatIds("64000", TELEGRAM_CHATS);
    const zaChats = chatIds("zalo-crash-", ZALO_CHATS);
    await seedSubscribers({ store: outreach, cipher: createChatIdCipher(TEST_SALT), userKey }, [
      ...tgChats.map((chatId) => ({ channel: "telegram" as const, chatId, topics: ["su_kien" as const] })),
      ...zaChats.map((chatId) => ({ channel: "zalo" as const, chatId, topics: ["su_kien" as const] })),
    ]);
    const { id, recipients } = await seedAnnouncement(outreach, { topic: "su_kien", text: "Ngày hội việc làm" });
    expect(recipients).toBe(TELEGRAM_CHATS + ZALO_CHATS);

    telegram.holdAfter(KILL_AFTER);
    zalo.holdAfter(ZALO_KILL_AFTER);
    const first = await startChild();
    // Killed while messages wait at both platforms, half sent, once every message the platforms
    // took is marked delivered: what is in flight then was never taken.
    const fakeDelivered = () => telegram.succeeded("sendMessage").length + zalo.succeeded("sendMessage").length;
    await until(async () => telegram.holding > 0 && zalo.holding > 0 && (await outreach.getAnnouncement(id))!.counts.delivered === fakeDelivered(), "messages in flight at the crash");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    expect(fakeDelivered()).toBe(KILL_AFTER + ZALO_KILL_AFTER);
    expect((await outreach.getAnnouncement(id))!.counts.waiting).toBeGreaterThan(0);

    // The platforms notice the dead caller and drop what they held (never delivered).
    await until(() => telegram.holding === 0 && zalo.holding === 0, "held messages dropped with their dead caller");
    telegram.release();
    zalo.release();
    await startChild();
    await until(async () => (await outreach.getAnnouncement(id))?.status === "done", "announcement finished after the restart", 60_000);

    const done = (await outreach.getAnnouncement(id))!;
    expect(done.counts).toEqual({ delivered: TELEGRAM_CHATS + ZALO_CHATS, failed: 0, blocked: 0, skipped: 0, waiting: 0 });
    const telegramCounts = telegram.deliveryCounts();
    const zaloCounts = zalo.deliveryCounts();
    for (const chat of tgChats) expect(telegramCounts.get(chat), chat).toBe(1);
    for (const chat of zaChats) expect(zaloCounts.get(chat), chat).toBe(1);
    // The messages in flight at the crash never reached anyone, and were sent after the restart.
    expect(telegram.calls.filter((c) => c.method === "sendMessage" && c.status === 599).length).toBeGreaterThan(0);
    expect(zalo.calls.filter((c) => c.method === "sendMessage" && c.status === 599).length).toBeGreaterThan(0);
  });

  it("should, killed at any moment, reach everyone with at most one duplicate for the few messages in flight", async () => {
    const outreach = createOutreachStore(store);
    const userKey = createUserKey(TEST_SALT);
    const tgChats = chatIds("64100", TELEGRAM_CHATS);
    await seedSubscribers({ store: outreach, cipher: createChatIdCipher(TEST_SALT), userKey }, tgChats.map((chatId) => ({ channel: "telegram" as const, chatId, topics: ["viec_lam" as const] })));
    const { id } = await seedAnnouncement(outreach, { topic: "viec_lam" });
    const before = new Map(telegram.deliveryCounts());
    const first = await startChild();
    // No holding: the kill may fall between a message taken by the platform and its mark.
    await until(() => tgChats.filter((c) => telegram.deliveryCounts().has(c)).length >= 15, "some delivered");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    await startChild();
    await until(async () => (await outreach.getAnnouncement(id))?.status === "done", "announcement finished after the restart", 60_000);
    const counts = telegram.deliveryCounts();
    const got = tgChats.map((chat) => (counts.get(chat) ?? 0) - (before.get(chat) ?? 0));
    expect(got.every((n) => n === 1 || n === 2)).toBe(true);
    // At most the send job's messages in flight at once (4 per channel) can be repeated.
    expect(got.filter((n) => n === 2).length).toBeLessThanOrEqual(4);
  });
});

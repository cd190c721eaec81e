/**
 * Issue 11, item 1, at the level of the store: the inbox keeps an update's ids and text only
 * encrypted and masked, with keyed digests as its keys; SQLite overwrites what it deletes
 * (`secure_delete`), and the WAL, which keeps old page versions, is truncated regularly and at
 * close. Every file under DATA_DIR is grepped for the raw values.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { IncomingMessage } from "../../src/conversation/message.js";
import { InboxDispatcher } from "../../src/channels/inbox-dispatcher.js";
import { createLogger } from "../../src/logger.js";
import { createStore } from "../../src/store/create-store.js";
import { createInboxStore } from "../../src/store/inbox-store.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { tempDir } from "../helpers/test-knowledge.js";

const RAW_USER = "5553219876";
const PHONE = "0912\u00A0345\u00A0687";
const TEXT = `Em tên Canarylan, số em ${PHONE}, học nghề ở đâu?`;
const NEEDLES = [RAW_USER, PHONE, "0912 345 687", "0912345687", "Canarylan", "học nghề ở đâu"];

function grepDir(dir: string): string[] {
  return fs.readdirSync(dir).flatMap((name) => {
    const bytes = fs.readFileSync(path.join(dir, name));
    return NEEDLES.filter((n) => bytes.includes(Buffer.from(n, "utf8"))).map((n) => `${n} in ${name}`);
  });
}

async function until(predicate: () => boolean | Promise<boolean>, label: string): Promise<void> {
  const deadline = Date.now() + 20_000; // a hang guard, not a speed check
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const opened: { store: KyselyStore; dir: string }[] = [];
afterEach(async () => {
  for (const { store, dir } of opened.splice(0)) {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function open(walCheckpointMs?: number): { store: KyselyStore; dir: string } {
  const dir = tempDir("tracu-at-rest-");
  const store = createStore({ dataDir: dir, walCheckpointMs });
  opened.push({ store, dir });
  return { store, dir };
}

const message = (): IncomingMessage => ({ channel: "telegram", platformUserId: RAW_USER, chatId: RAW_USER, deliveryKey: `telegram:${RAW_USER}:77`, kind: "text", text: TEXT });

describe("the SQLite store at rest", () => {
  it("should turn secure_delete on", async () => {
    const { store } = open();
    await store.migrate();
    const row = await sql<{ secure_delete: number }>`pragma secure_delete`.execute(store.db);
    expect(Number(row.rows[0]!.secure_delete)).toBe(1);
  });

  it("should truncate the WAL regularly, not only at close", async () => {
    const { store, dir } = open(50);
    await store.migrate();
    await store.setProfile("k".repeat(64), { role: "parent", commune: null, asked: true, updatedAt: new Date() });
    const wal = path.join(dir, "bot.sqlite-wal");
    await until(() => fs.existsSync(wal) && fs.statSync(wal).size === 0, "WAL truncated by the periodic checkpoint");
  });

  it("should keep an unanswered update encrypted and masked, and nothing of it once answered", async () => {
    const { store, dir } = open(0);
    await store.migrate();
    const inbox = createInboxStore({ db: store.db, kind: store.kind, secret: "at-rest-test-salt" });
    const seen: IncomingMessage[] = [];
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    const dispatcher = new InboxDispatcher({
      inbox,
      logger: createLogger("silent"),
      replicaId: "at-rest",
      onMessage: async (m) => {
        seen.push(m);
        await answered;
        return [{ text: "ok" }];
      },
    });
    dispatcher.attach([{ name: "telegram", supportsButtons: true, send: async () => undefined, typing: async () => undefined } as never]);
    expect(await dispatcher.accept(message())).toBe("accepted");
    await until(() => seen.length === 1, "update handed to the conversation");
    // While it is being answered: the row exists, and no file holds the raw id, name, number or text.
    const row = await store.db.selectFrom("inbox" as never).selectAll().executeTakeFirstOrThrow() as { payload: string; chat_key: string; key: string };
    expect(row.payload).toMatch(/^v1\./);
    expect(grepDir(dir)).toEqual([]);
    // What the conversation got was masked before it was stored.
    expect(seen[0]!.text).not.toContain("345");
    expect(seen[0]!.chatId).toBe(RAW_USER);
    release();
    await dispatcher.stop(5000);
    expect(await inbox.depth()).toBe(0);
    await store.close();
    expect(grepDir(dir)).toEqual([]);
  });
});

/**
 * The durable inbox and the limit counters on both stores (SQLite in a temp folder, PostgreSQL in a
 * database of its own): exactly one row per delivery, one chat in order, leases, take-back after a
 * crash, and two replicas that never take the same row.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncomingMessage } from "../../src/conversation/message.js";
import { createInboxStore, type InboxStore, type InboxTaker } from "../../src/store/inbox-store.js";
import { createRateLimitStore } from "../../src/store/rate-limit-store.js";
import { openTestStore, STORE_KINDS, type TestStore } from "../helpers/test-stores.js";

let next = 1;
function message(chatId: string, text = "Học nghề ở đâu?"): IncomingMessage {
  const id = next++;
  return { channel: "telegram", platformUserId: chatId, chatId, deliveryKey: `telegram:${id}`, kind: "text", text };
}

const taker = (replica: string, run = "a", leaseMs = 60_000): InboxTaker => ({ replica, owner: `${replica}#${run}`, leaseMs });

for (const kind of STORE_KINDS) {
  describe(`inbox on ${kind}`, () => {
    let t: TestStore;
    let clock = 1_000_000;
    let inbox: InboxStore;
    let other: InboxStore;

    beforeAll(async () => {
      t = await openTestStore(kind);
      inbox = createInboxStore({ db: t.store.db, kind: t.store.kind, secret: "inbox-test-salt", now: () => clock });
      // Another replica: its own connection to the same database. (SQLite serves one process; two
      // connections in one thread would only wait on each other.)
      const replica = kind === "postgres" ? t.reopen() : t.store;
      other = createInboxStore({ db: replica.db, kind: replica.kind, secret: "inbox-test-salt", now: () => clock });
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it("should store a delivery once, also when two replicas store it at the same moment", async () => {
      const m = message("c-dup");
      const results = await Promise.all([inbox.add(m, taker("r1")), other.add(m, taker("r2"))]);
      expect(results.map((r) => r.status).sort()).toEqual(["duplicate", "stored"]);
      expect((await inbox.add(m, taker("r1"))).status).toBe("duplicate");
      const stored = results.find((r) => r.status === "stored");
      expect(stored?.status === "stored" && stored.item?.message).toEqual(m);
    });

    it("should store one of 20 concurrent deliveries of the same update, and different updates each", async () => {
      const m = message("c-dup20");
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? other : inbox).add(m)));
      expect(results.filter((r) => r.status === "stored")).toHaveLength(1);
      const distinct = await Promise.all([message("c-dup20-a"), message("c-dup20-b")].map((x) => inbox.add(x)));
      expect(distinct.map((r) => r.status)).toEqual(["stored", "stored"]);
    });

    it("should hand out one chat's updates in arrival order, the next when the previous is done", async () => {
      const r1 = taker("r1");
      const first = await inbox.add(message("c-order", "một"), r1);
      const second = await inbox.add(message("c-order", "hai"), r1);
      expect(first.status === "stored" && first.item).toBeTruthy();
      // The chat's first update is being answered: the second waits its turn.
      expect(second.status === "stored" && second.item).toBeUndefined();
      expect((await other.claimDue(taker("r2"), 10)).filter((i) => i.message.chatId === "c-order")).toEqual([]);
      const done = await inbox.finish((first as { item: NonNullable<unknown> }).item as never, "done", r1);
      expect(done.finished).toBe(true);
      expect(done.next?.message.text).toBe("hai");
      expect((await inbox.finish(done.next!, "done", r1)).next).toBeUndefined();
      // Answered: a late repeat of the first is still recognised.
      expect((await inbox.add((first as { item: { message: IncomingMessage } }).item.message, r1)).status).toBe("duplicate");
    });

    it("should prune finished rows after their days, never unfinished ones", async () => {
      const r1 = taker("r1");
      const pending = await inbox.add(message("c-prune-pending"));
      expect(pending.status).toBe("stored");
      const before = await inbox.depth();
      clock += 8 * 24 * 60 * 60 * 1000;
      expect(await inbox.pruneFinished(new Date(clock - 7 * 24 * 60 * 60 * 1000))).toBeGreaterThan(0);
      expect(await inbox.depth()).toBe(before);
      for (const item of await inbox.claimDue(r1, 100)) await inbox.finish(item, "done", r1);
    });

    it("should give a dead replica's rows to another once their lease ran out, and not before", async () => {
      const dead = taker("r-dead", "x", 5_000);
      const added = await inbox.add(message("c-lease"), dead);
      expect(added.status === "stored" && added.item).toBeTruthy();
      expect((await other.claimDue(taker("r2"), 10)).map((i) => i.message.chatId)).not.toContain("c-lease");
      clock += 5_001;
      const taken = await other.claimDue(taker("r2"), 10);
      const item = taken.find((i) => i.message.chatId === "c-lease");
      expect(item?.attempts).toBe(2);
      // The dead owner's late "done" changes nothing: the row is no longer its.
      expect((await inbox.finish(item!, "done", dead)).finished).toBe(false);
      expect((await other.finish(item!, "done", taker("r2"))).finished).toBe(true);
    });

    it("should let a restarted replica take back its previous run's rows at once", async () => {
      const before = taker("r-restart", "run1");
      await inbox.add(message("c-restart"), before);
      const after = taker("r-restart", "run2");
      expect(await inbox.recoverReplica(after)).toBe(1);
      const taken = await inbox.claimDue(after, 10);
      expect(taken.map((i) => i.message.chatId)).toContain("c-restart");
      for (const item of taken) await inbox.finish(item, "done", after);
    });

    it("should never give one row to two replicas sweeping at the same time", async () => {
      const before = await inbox.depth();
      for (let i = 0; i < 40; i++) await inbox.add(message(`c-sweep-${i}`));
      const [a, b] = await Promise.all([inbox.claimDue(taker("ra"), 40), other.claimDue(taker("rb"), 40)]);
      const seqs = [...a, ...b].map((i) => i.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs.length).toBe(40);
      for (const item of a) await inbox.finish(item, "done", taker("ra"));
      for (const item of b) await other.finish(item, "done", taker("rb"));
      expect(await inbox.depth()).toBe(before);
    });

    it("should erase chat id and text of a finished row, and retry a row after its delay", async () => {
      const r1 = taker("r1");
      const added = await inbox.add(message("c-fail", "0912 345 678"), r1);
      const item = (added as { item: NonNullable<unknown> }).item as never;
      await inbox.finish(item, "failed", r1);
      const rows = await t.store.db.withTables<{ inbox: { payload: string; status: string; chat_key: string } }>().selectFrom("inbox").selectAll().where("status", "in", ["done", "failed"]).execute();
      expect(rows.map((r) => r.status)).toContain("failed");
      expect(rows.map((r) => r.status)).toContain("done");
      for (const row of rows) expect([row.payload, row.chat_key]).toEqual(["", ""]);
      // A finished row still recognises its delivery.
      expect((await inbox.add(message("c-fail-late"), r1)).status).toBe("stored");

      const again = await inbox.add(message("c-retry"), r1);
      const retried = (again as { item: NonNullable<unknown> }).item as never;
      await inbox.retryLater(retried, r1.owner, 1_000);
      expect((await inbox.claimDue(r1, 10)).map((i) => i.message.chatId)).not.toContain("c-retry");
      clock += 1_001;
      const due = await inbox.claimDue(r1, 10);
      expect(due.map((i) => i.message.chatId)).toContain("c-retry");
      for (const i of due) await inbox.finish(i, "done", r1);
    });

    it("should count limit hits atomically across replicas", async () => {
      const a = createRateLimitStore({ db: t.store.db });
      const b = createRateLimitStore({ db: kind === "postgres" ? t.reopen().db : t.store.db });
      const counts = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).hit("user:k:0", clock + 60_000)));
      expect(counts.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await a.prune(clock + 60_001)).toBe(1);
    });
  });
}

/**
 * Two replicas (two complete stacks in this process, each with its own index) on one fresh
 * PostgreSQL database: a dataset published on one is served by the other once its watch timer
 * fires, and so is a roll back; a draft uploaded on one replica may be published on the other.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, type TestDatabase } from "../helpers/test-stores.js";
import { ask, basic, DATA_USER, fixture, publish, startLabourStack, upload, type LabourStack } from "./labour-stack.js";

let database: TestDatabase;
let a: LabourStack;
let b: LabourStack;
/** The replicas' watch interval (KNOWLEDGE_WATCH_SECONDS in production). */
const WATCH_MS = 300;

beforeAll(async () => {
  database = await createPostgresDatabase("tracu_labour_replicas");
  a = await startLabourStack({ databaseUrl: database.url, watchMs: WATCH_MS });
  // The accounts are in the shared database already.
  b = await startLabourStack({ databaseUrl: database.url, watchMs: WATCH_MS, accounts: false });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await database?.drop();
});

/** Asks replica `stack` until the answer satisfies `ok` (the watch timer re-indexes in the background). */
async function askUntil(stack: LabourStack, question: string, ok: (answer: string) => boolean): Promise<string> {
  const deadline = Date.now() + 30_000;
  let last = "";
  while (Date.now() < deadline) {
    last = (await ask(stack, question)).answer;
    if (ok(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`replica never gave the expected answer; last: ${last}`);
}

describe("publishing with two replicas on one PostgreSQL database", () => {
  it("a publish on replica A is served by replica B, with its as-of date", async () => {
    const before = await ask(b, "Việc làm thợ hàn ống lương bao nhiêu?");
    expect(before.answered).toBe(false);
    const draft = await upload(a, DATA_USER, "viec-lam-dot-1.csv", fixture("viec-lam-dot-1.csv"));
    expect((await publish(a, DATA_USER, draft.body.draftId, "2026-11-10")).body.version).toBe(1);
    // A answers from the new rows at once; B within its watch interval.
    expect((await ask(a, "Việc làm thợ hàn ống lương bao nhiêu?")).answer).toContain("Đợt Một");
    const onB = await askUntil(b, "Việc làm thợ hàn ống lương bao nhiêu?", (answer) => answer.includes("Đợt Một"));
    expect(onB).toContain("cập nhật 10/11/2026");
  });

  it("a draft uploaded on B is published on A, and a roll back on B reaches A", async () => {
    const draft = await upload(b, DATA_USER, "viec-lam-dot-2.csv", fixture("viec-lam-dot-2.csv"));
    expect(draft.status).toBe(201);
    expect((await publish(a, DATA_USER, draft.body.draftId, "2026-11-18")).body.version).toBe(2);
    const onB = await askUntil(b, "Việc làm thợ hàn ống lương bao nhiêu?", (answer) => answer.includes("Đợt Hai"));
    expect(onB).not.toContain("Đợt Một");
    const back = await fetch(`${b.url}/api/labour-data/rollback`, {
      method: "POST",
      headers: { authorization: basic(DATA_USER), "content-type": "application/json" },
      body: JSON.stringify({ version: 1 }),
    });
    expect(back.status).toBe(200);
    const onA = await askUntil(a, "Việc làm thợ hàn ống lương bao nhiêu?", (answer) => answer.includes("Đợt Một"));
    expect(onA).not.toContain("Đợt Hai");
  });
});

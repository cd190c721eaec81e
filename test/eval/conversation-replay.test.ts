/**
 * The eval runner asks a follow-up after its whole conversation, oldest turn first, as its user
 * asked it (`conversationBefore` in run-eval.ts); `--previous-only` asks the one turn before it.
 */
import { describe, expect, it } from "vitest";
import { conversationBefore, type EvalQuestion } from "./run-eval.js";

const item = (id: string, after?: string): EvalQuestion => ({ id, text: `text of ${id}`, topic: "labour_market_jobs", ...(after ? { after } : {}) });

describe("the conversation replayed before a follow-up", () => {
  const items = [item("a"), item("b", "a"), item("c", "b"), item("d", "c"), item("x")];
  const byId = new Map(items.map((q) => [q.id, q]));

  it("should ask every earlier turn of the chain, oldest first", () => {
    expect(conversationBefore(byId.get("d")!, byId).map((q) => q.id)).toEqual(["a", "b", "c"]);
  });

  it("should ask only the turn before with previousOnly", () => {
    expect(conversationBefore(byId.get("d")!, byId, true).map((q) => q.id)).toEqual(["c"]);
  });

  it("should ask nothing before a first message", () => {
    expect(conversationBefore(byId.get("x")!, byId)).toEqual([]);
  });

  it("should stop at a loop or an unknown id rather than run forever", () => {
    const loop = new Map([item("p", "q"), item("q", "p")].map((q) => [q.id, q]));
    expect(conversationBefore(loop.get("p")!, loop).map((q) => q.id)).toEqual(["q"]);
    const broken = new Map([item("r", "missing")].map((q) => [q.id, q]));
    expect(conversationBefore(broken.get("r")!, broken)).toEqual([]);
  });
});

/**
 * A slow LLM (the fake answering after 30 s) holds neither the webhook acknowledgement nor other
 * users: the webhook answers before the LLM has replied, and another user's message is answered
 * while the first question still waits for it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChannelHarness, telegramText, zaloText, type ChannelHarness } from "../helpers/channel-harness.js";
import { startFakeOpenAI, type FakeOpenAI } from "../helpers/fake-openai.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

let t: TestKnowledge;
let h: ChannelHarness;
let llm: FakeOpenAI;

beforeAll(async () => {
  t = await buildTestKnowledge();
  llm = await startFakeOpenAI({ kind: "delay", ms: 30_000, content: "Trả lời chậm." });
  h = await startChannelHarness({
    mode: "webhook",
    knowledge: t,
    env: { LLM_BASE_URL: llm.baseUrl, LLM_MODEL: "slow-model", LLM_TIMEOUT_MS: "60000" },
  });
});
afterAll(async () => {
  // Closing the fake first ends the pending LLM call, so the answer under way finishes quickly.
  await llm?.close();
  await h?.close();
  t?.cleanup();
});

describe("slow LLM", () => {
  it("should acknowledge at once and answer another user meanwhile", async () => {
    const slowUser = 7_900_000_001;
    const started = performance.now();
    const ack = await h.postTelegram(telegramText("Học nghề sau lớp 9 có mất học phí không?", slowUser));
    const ackMs = performance.now() - started;
    expect(ack.status).toBe(200);
    // The question is with the LLM, which has not replied: the acknowledgement did not wait for it.
    await h.telegram.waitFor(() => llm.requests.length === 1, "LLM call under way");
    expect(llm.responded).toBe(0);
    expect(ackMs).toBeLessThan(2000);
    // The same chat's next message is acknowledged too (it waits its turn in the inbox).
    expect((await h.postTelegram(telegramText("Cảm ơn", slowUser))).status).toBe(200);

    const other = "c-fast-user";
    expect((await h.postZalo(zaloText("Xin chào", other))).status).toBe(200);
    await h.zalo.waitFor(() => h.zalo.succeeded("sendMessage").some((c) => c.body.chat_id === other), "the other user's answer");
    // Answered while the slow question still waits for the LLM.
    expect(llm.responded).toBe(0);
    expect(h.telegram.succeeded("sendMessage").filter((c) => c.body.chat_id === slowUser)).toHaveLength(0);
  });
});

/**
 * A long answer (from the fake LLM) reaches each platform split under its limit, at sentence ends,
 * with the buttons or the feedback prompt after the last part. Also: an LLM slower than
 * LLM_TIMEOUT_MS still gets the user the offline answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChannelHarness, telegramText, zaloText, type ChannelHarness } from "../helpers/channel-harness.js";
import { startFakeOpenAI, type FakeOpenAI } from "../helpers/fake-openai.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";

// About 9,000 characters and no numbers, so the grounding check accepts it; the model's structured
// reply cites the first passage. The length limit is raised for this test (LLM_MAX_ANSWER_CHARS):
// the guard's own limit is tested in test/answering/llm-answerer.test.ts.
const SENTENCE = "Học nghề là một con đường tốt, bạn nên hỏi giáo viên tư vấn của trường và gia đình trước khi chọn.";
const LONG_REPLY = Array.from({ length: 90 }, () => SENTENCE).join(" ");
const LONG_JSON = JSON.stringify({ answer: LONG_REPLY, cited: ["P1"] });

let t: TestKnowledge;
let llm: FakeOpenAI;
let h: ChannelHarness;

beforeAll(async () => {
  t = await buildTestKnowledge();
  llm = await startFakeOpenAI({ kind: "reply", content: LONG_JSON });
  h = await startChannelHarness({
    mode: "webhook",
    knowledge: t,
    env: { LLM_BASE_URL: llm.baseUrl, LLM_MODEL: "test-model", LLM_TIMEOUT_MS: "2000", LLM_MAX_ANSWER_CHARS: "10000", ANSWER_CACHE_SIZE: "0" },
  });
});
afterAll(async () => {
  await h?.close();
  await llm?.close();
  t?.cleanup();
});

describe("long answers", () => {
  it("should split a long answer for Telegram under 4,096 characters with the buttons on the last part", async () => {
    const user = 7_300_000_001;
    await h.postTelegram(telegramText("Học nghề sau lớp 9 có mất học phí không?", user));
    const sent = () => h.telegram.succeeded("sendMessage").filter((c) => c.body.chat_id === user);
    await h.telegram.waitFor(() => sent().some((c) => c.body.reply_markup), "last part with buttons");
    const parts = sent();
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) expect(String(part.body.text).length).toBeLessThanOrEqual(4096);
    for (const part of parts.slice(0, -1)) {
      expect(String(part.body.text).endsWith(".")).toBe(true);
      expect(part.body.reply_markup).toBeUndefined();
    }
    const whole = parts.map((p) => String(p.body.text)).join(" ");
    expect(whole).toContain(LONG_REPLY);
  });

  it("should split a long answer for Zalo under 2,000 characters with the feedback prompt at the end", async () => {
    const chat = "c-long-answer";
    await h.postZalo(zaloText("Học nghề sau lớp 9 có mất học phí không?", chat));
    const sent = () => h.zalo.succeeded("sendMessage").filter((c) => c.body.chat_id === chat).map((c) => String(c.body.text));
    await h.zalo.waitFor(() => sent().some((text) => text.endsWith("Trả lời 1 nếu hữu ích, 2 nếu chưa.")), "last part");
    const parts = sent();
    expect(parts.length).toBeGreaterThanOrEqual(5);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(2000);
    expect(parts.join(" ")).toContain(LONG_REPLY);
    // The fake refuses longer text: no sendMessage failed.
    expect(h.zalo.calls.filter((c) => c.method === "sendMessage" && c.status !== 200)).toHaveLength(0);
  });

  it("should still answer (offline) when the LLM is slower than LLM_TIMEOUT_MS", async () => {
    llm.behaviour = { kind: "delay", ms: 30_000, content: LONG_JSON };
    try {
      const user = 7_300_000_002;
      await h.postTelegram(telegramText("Mô hình 9+ là gì?", user));
      const sent = () => h.telegram.succeeded("sendMessage").filter((c) => c.body.chat_id === user);
      await h.telegram.waitFor(() => sent().length === 1, "offline answer after the LLM timeout");
      expect(String(sent()[0]!.body.text)).toContain("Nguồn:");
      expect(String(sent()[0]!.body.text)).not.toContain(SENTENCE);
      const record = (await h.records()).find((r) => r.userKey === h.userKey("telegram", String(user)));
      expect(record?.answerer).toBe("offline");
    } finally {
      llm.behaviour = { kind: "reply", content: LONG_JSON };
    }
  });
});

/**
 * The web chat's conversation for tests that serve the page with `createApp`: a real SQLite store,
 * recorder and conversation over the test knowledge, as `main.ts` wires `webChat`.
 */
import { Conversation } from "../../src/conversation/conversation.js";
import { createLogger } from "../../src/logger.js";
import type { WebChatSettings } from "../../src/server/web-chat-api.js";
import { createStatsRecorder } from "../../src/stats/stats-recorder.js";
import { createUserKey } from "../../src/stats/user-key.js";
import type { TestKnowledge } from "./test-knowledge.js";
import { openTestStore, type TestStore } from "./test-stores.js";

export interface TestWebChat {
  webChat: WebChatSettings;
  store: TestStore;
  close(): Promise<void>;
}

export async function startTestWebChat(t: TestKnowledge, links?: WebChatSettings["links"]): Promise<TestWebChat> {
  const store = await openTestStore("sqlite");
  const logger = createLogger("silent");
  const recorder = createStatsRecorder({ store: store.store, logger });
  const userKey = createUserKey("web-chat-test-salt-0123456789abcdef");
  const conversation = new Conversation({ engine: t.engine, store: store.store, recorder, userKey, knowledge: t.knowledge, logger });
  return {
    webChat: { handler: (message, context) => conversation.handleMessage(message, context), links },
    store,
    async close() {
      await recorder.close();
      await store.cleanup();
    },
  };
}

/**
 * Builders shared by the server (`main.ts`) and the command line (`cli.ts`): one place that turns
 * a Config into the knowledge base and the answer engine.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ANSWER_CHECK_MODEL } from "./answering/answer-check.js";
import { AnswerEngine, type ConversationMemory } from "./answering/answer-engine.js";
import type { EventSource } from "./answering/event-answerer.js";
import { LlmAnswerer, loadPrompts } from "./answering/llm-answerer.js";
import type { Config } from "./config.js";
import { createEmbeddings } from "./knowledge/embeddings.js";
import { KnowledgeBase, type PublishedLabour } from "./knowledge/knowledge-base.js";
import { createOpenAIChatModel } from "./providers/openai.js";
import type { ChatModel } from "./providers/provider.js";

/** The project root (where `prompts/` and `public/` live), whatever the working directory. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function createKnowledgeBase(
  config: Config,
  options: {
    extraLabourDirs?: string[];
    persist?: boolean;
    onProgress?: (done: number, total: number) => void;
    /** The Labour Office's dataset published from the dashboard (`PublishedLabourSync.current`). */
    published?: () => PublishedLabour | undefined;
  } = {},
): KnowledgeBase {
  return new KnowledgeBase({
    knowledgeDir: config.knowledgeDir,
    dataDir: config.dataDir,
    loadExamples: config.loadExamples,
    embeddings: createEmbeddings(config.embeddings),
    extraLabourDirs: options.extraLabourDirs,
    persist: options.persist,
    onProgress: options.onProgress,
    published: options.published,
  });
}

export function createEngine(
  config: Config,
  knowledge: Pick<KnowledgeBase, "current">,
  options: {
    memory?: ConversationMemory;
    now?: () => Date;
    onLlmFallback?: (reason: string) => void;
    /** Wraps the chat model, e.g. to count its calls (`observeChatModel`). */
    wrapChatModel?: (model: ChatModel) => ChatModel;
    /** Upcoming events for "sắp tới có hội thảo nào?" (outreach). */
    events?: EventSource;
  } = {},
): AnswerEngine {
  const wrap = options.wrapChatModel ?? ((model: ChatModel) => model);
  const llm = config.llm
    ? new LlmAnswerer(
        wrap(createOpenAIChatModel({ baseUrl: config.llm.baseUrl, apiKey: config.llm.apiKey, model: config.llm.model, timeoutMs: config.llm.timeoutMs })),
        loadPrompts(path.join(PROJECT_ROOT, "prompts")),
        { timeoutMs: config.llm.timeoutMs, maxAnswerChars: config.llm.maxAnswerChars },
      )
    : undefined;
  return new AnswerEngine({
    knowledge,
    llm,
    memory: options.memory,
    now: options.now,
    onLlmFallback: options.onLlmFallback,
    cacheSize: config.answerCacheSize,
    ...(config.answerCheckThreshold !== undefined ? { answerCheck: { ...ANSWER_CHECK_MODEL, threshold: config.answerCheckThreshold } } : {}),
    events: options.events,
    labourMaxAgeDays: config.labourDataMaxAgeDays,
  });
}

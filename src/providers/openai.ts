/**
 * OpenAI-compatible chat and embedding models through LangChain (`ChatOpenAI`,
 * `OpenAIEmbeddings`) with a configurable base URL: OpenAI, Gemini's OpenAI endpoint, Ollama and
 * vLLM all speak this API. LangChain types stay in this file.
 */
import { OpenAIEmbeddings, ChatOpenAI } from "@langchain/openai";
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { ProviderError } from "../errors.js";
import type { ChatMessage, ChatModel, ChatOptions, EmbeddingModel } from "./provider.js";

export interface OpenAICompatibleSettings {
  /** e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  /** Some local servers need none; a placeholder is sent then. */
  apiKey?: string;
  model: string;
  /** Per-call timeout in ms (chat only). */
  timeoutMs?: number;
}

export function createOpenAIChatModel(settings: OpenAICompatibleSettings): ChatModel {
  const model = new ChatOpenAI({
    model: settings.model,
    apiKey: settings.apiKey ?? "not-needed",
    configuration: { baseURL: settings.baseUrl },
    temperature: 0,
    // One try: the caller falls back to the offline answer instead of waiting for retries.
    maxRetries: 0,
    timeout: settings.timeoutMs,
  });
  return {
    id: `openai-compatible:${settings.model}`,
    async complete(messages: ChatMessage[], options: ChatOptions = {}): Promise<string> {
      const langchainMessages: BaseMessage[] = messages.map((m) =>
        m.role === "system" ? new SystemMessage(m.content) : m.role === "user" ? new HumanMessage(m.content) : new AIMessage(m.content),
      );
      try {
        const result = await model.invoke(langchainMessages, { signal: options.signal });
        const content = result.content;
        if (typeof content === "string") return content;
        return content
          .map((part) => (typeof part === "string" ? part : "text" in part && typeof part.text === "string" ? part.text : ""))
          .join("");
      } catch (error) {
        const aborted = options.signal?.aborted || (error as Error).name === "AbortError";
        const status = (error as { status?: number }).status;
        throw new ProviderError(
          aborted ? "provider_timeout" : "provider_failed",
          "openai-compatible",
          `Chat model call failed${status ? ` with HTTP ${status}` : ""}: ${(error as Error).message}`,
          { status, cause: error },
        );
      }
    },
  };
}

export function createOpenAIEmbeddingModel(settings: OpenAICompatibleSettings): EmbeddingModel {
  const embeddings = new OpenAIEmbeddings({
    model: settings.model,
    apiKey: settings.apiKey ?? "not-needed",
    configuration: { baseURL: settings.baseUrl },
    maxRetries: 2,
  });
  return {
    id: `openai-compatible:${settings.baseUrl}:${settings.model}`,
    embedDocuments: (texts) => embeddings.embedDocuments(texts),
    embedQuery: (text) => embeddings.embedQuery(text),
  };
}

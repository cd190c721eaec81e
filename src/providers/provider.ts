/**
 * The seams to model providers. `answering/` and `knowledge/` see only these interfaces; the
 * files beside this one adapt LangChain (or our own code) to them. Adding a provider is one new
 * file implementing `ChatModel` and/or `EmbeddingModel` plus one line in `createProviders`.
 */

/** Turns texts into vectors. Structurally the same as LangChain's `EmbeddingsInterface`. */
export interface EmbeddingModel {
  /** Identifies the model and its settings; a change of id rebuilds the vector index. */
  readonly id: string;
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatOptions {
  /** Aborts the call; the caller falls back to the offline answer. */
  signal?: AbortSignal;
}

/** A chat model reached over an OpenAI-compatible API. */
export interface ChatModel {
  /** e.g. `openai:gpt-4o-mini`, shown in stats as the answerer used. */
  readonly id: string;
  complete(messages: ChatMessage[], options?: ChatOptions): Promise<string>;
}

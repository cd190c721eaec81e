import { Embeddings } from "@langchain/core/embeddings";
import type { EmbeddingModel } from "./provider.js";

/**
 * Embeddings computed locally without model weights: feature hashing of the words, syllable
 * bigrams, character trigrams and concept terms that a `featurize` function returns, weighted
 * sub-linearly and L2-normalised. Deterministic, so an index built once stays valid.
 */
export interface LocalHashEmbeddingsSettings {
  /** Turns a text into weighted features, e.g. `[["hoc_nghe", 1.5], ...]`. */
  featurize: (text: string, kind: "document" | "query") => Array<[feature: string, weight: number]>;
  /** Vector size, default 512. */
  dimensions?: number;
}

export class LocalHashEmbeddings extends Embeddings implements EmbeddingModel {
  readonly id: string;
  readonly dimensions: number;
  private readonly featurize: LocalHashEmbeddingsSettings["featurize"];

  constructor(settings: LocalHashEmbeddingsSettings) {
    super({});
    this.dimensions = settings.dimensions ?? 512;
    this.featurize = settings.featurize;
    this.id = `local-hash-v1:${this.dimensions}`;
  }

  embedSync(text: string, kind: "document" | "query" = "document"): number[] {
    const vector = new Float64Array(this.dimensions);
    const counts = new Map<string, number>();
    for (const [feature, weight] of this.featurize(text, kind)) counts.set(feature, (counts.get(feature) ?? 0) + weight);
    for (const [feature, weight] of counts) {
      const hash = fnv1a(feature);
      // The top bit chooses the sign so colliding features cancel out rather than pile up.
      const sign = hash & 0x80000000 ? -1 : 1;
      vector[hash % this.dimensions]! += sign * Math.log1p(weight);
    }
    let norm = 0;
    for (const v of vector) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    return Array.from(vector, (v) => v / norm);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.embedSync(text, "document"));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embedSync(text, "query");
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

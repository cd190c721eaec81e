/**
 * Hybrid retrieval: BM25 over analysed terms and cosine search over embeddings, fused by
 * reciprocal rank. Works on one immutable `KnowledgeSnapshot`, so a reindex can swap snapshots
 * while questions are being answered.
 */
import { analyze, type Analysis } from "./analyzer.js";
import type { KnowledgeSnapshot } from "./knowledge-base.js";
import type { Chunk } from "./types.js";

export interface RetrievedChunk {
  chunk: Chunk;
  /** Position in the snapshot's chunk list. */
  index: number;
  /** Fused score (reciprocal rank fusion). */
  score: number;
  /** Raw BM25 score, 0 when only the vector search found it. */
  keywordScore: number;
  /** Cosine similarity, 0 when only BM25 found it. */
  similarity: number;
}

export interface RetrieveOptions {
  /** How many chunks to return, default 8. */
  limit?: number;
  /** Keep only chunks for which this is true (e.g. leave out example data). */
  filter?: (chunk: Chunk) => boolean;
}

export interface Retrieval {
  query: Analysis;
  hits: RetrievedChunk[];
}

// Rank constant of reciprocal rank fusion; 60 is the value from the original RRF paper.
const RRF_K = 60;
// BM25 carries exact words and abbreviations; the hashed vectors add recall on near spellings.
const KEYWORD_WEIGHT = 1;
const VECTOR_WEIGHT = 0.5;
const CANDIDATES = 40;

export async function retrieve(snapshot: KnowledgeSnapshot, text: string, options: RetrieveOptions = {}): Promise<Retrieval> {
  const limit = options.limit ?? 8;
  const query = analyze(text, snapshot.lexicon, { query: true });
  const filter = options.filter ? (index: number) => options.filter!(snapshot.chunks[index]!) : undefined;
  const keywordHits = snapshot.keyword.search(query.terms, CANDIDATES, filter);
  const vector = await snapshot.embeddings.embedQuery(text);
  const vectorHits = snapshot.vectors.search(vector, filter ? CANDIDATES * 2 : CANDIDATES).filter((hit) => !filter || filter(hit.index));

  const fused = new Map<number, RetrievedChunk>();
  const entry = (index: number): RetrievedChunk => {
    let hit = fused.get(index);
    if (!hit) {
      hit = { chunk: snapshot.chunks[index]!, index, score: 0, keywordScore: 0, similarity: 0 };
      fused.set(index, hit);
    }
    return hit;
  };
  keywordHits.forEach((hit, rank) => {
    const e = entry(hit.index);
    e.keywordScore = hit.score;
    e.score += KEYWORD_WEIGHT / (RRF_K + rank + 1);
  });
  vectorHits.slice(0, CANDIDATES).forEach((hit, rank) => {
    const e = entry(hit.index);
    e.similarity = hit.similarity;
    e.score += VECTOR_WEIGHT / (RRF_K + rank + 1);
  });
  const hits = [...fused.values()].sort((a, b) => b.score - a.score || a.index - b.index).slice(0, limit);
  return { query, hits };
}

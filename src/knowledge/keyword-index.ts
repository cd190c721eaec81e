/**
 * BM25 over pre-analysed term lists. Terms come from `analyzer.ts` (or `plainTerms` for the
 * baseline), so this file knows nothing about Vietnamese.
 */

export interface KeywordHit {
  /** Position of the document in the list given to the constructor. */
  index: number;
  score: number;
}

export interface Bm25Options {
  /** Term-frequency saturation, default 1.2. */
  k1?: number;
  /** Length normalisation, default 0.75. */
  b?: number;
}

export class KeywordIndex {
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private readonly lengths: Float64Array;
  private readonly averageLength: number;
  private readonly k1: number;
  private readonly b: number;
  readonly size: number;

  constructor(documents: string[][], options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.size = documents.length;
    this.lengths = new Float64Array(documents.length);
    let total = 0;
    documents.forEach((terms, doc) => {
      this.lengths[doc] = terms.length;
      total += terms.length;
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, tf] of counts) {
        let list = this.postings.get(term);
        if (!list) {
          list = [];
          this.postings.set(term, list);
        }
        list.push({ doc, tf });
      }
    });
    this.averageLength = documents.length ? total / documents.length : 0;
  }

  /** Whether any document holds the term. */
  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Inverse document frequency (BM25+ style, never negative). */
  idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Top `limit` documents for the query terms, best first; documents with no shared term are left out. */
  search(queryTerms: string[], limit: number, filter?: (index: number) => boolean): KeywordHit[] {
    const scores = new Map<number, number>();
    const unique = new Map<string, number>();
    for (const term of queryTerms) unique.set(term, (unique.get(term) ?? 0) + 1);
    for (const [term, queryTf] of unique) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      // A repeated query term counts, but sub-linearly.
      const queryWeight = 1 + Math.log(queryTf);
      for (const { doc, tf } of list) {
        const norm = tf + this.k1 * (1 - this.b + (this.b * this.lengths[doc]!) / (this.averageLength || 1));
        const add = queryWeight * idf * ((tf * (this.k1 + 1)) / norm);
        scores.set(doc, (scores.get(doc) ?? 0) + add);
      }
    }
    const hits: KeywordHit[] = [];
    for (const [index, score] of scores) if (!filter || filter(index)) hits.push({ index, score });
    hits.sort((a, b) => b.score - a.score || a.index - b.index);
    return hits.slice(0, limit);
  }

  /** Best score a document could reach for these terms (all terms matched once): scales scores to 0..1. */
  maxScore(queryTerms: string[]): number {
    let total = 0;
    for (const term of new Set(queryTerms)) if (this.postings.has(term)) total += this.idf(term) * (this.k1 + 1) / (1 + this.k1 * (1 - this.b + this.b * 0.5));
    return total;
  }
}

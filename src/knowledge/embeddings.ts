/**
 * Chooses the embedding model: OpenAI-compatible when `EMBEDDINGS_BASE_URL` is set, otherwise
 * local hashed features of the same terms the keyword index uses (no model weights needed).
 */
import type { EmbeddingsSettings } from "../config.js";
import { LocalHashEmbeddings } from "../providers/local-hash-embeddings.js";
import { createOpenAIEmbeddingModel } from "../providers/openai.js";
import type { EmbeddingModel } from "../providers/provider.js";
import { analyze } from "./analyzer.js";
import type { Lexicon } from "./lexicon.js";
import { foldedWords } from "./vietnamese.js";

export function createEmbeddings(settings: EmbeddingsSettings | undefined): (lexicon: Lexicon) => EmbeddingModel {
  if (settings) {
    const model = createOpenAIEmbeddingModel(settings);
    return () => model;
  }
  return (lexicon) => new LocalHashEmbeddings({ featurize: (text, kind) => localFeatures(text, kind, lexicon) });
}

/** Words, syllable bigrams and concepts weigh most; character trigrams catch misspellings. */
export function localFeatures(text: string, kind: "document" | "query", lexicon: Lexicon): Array<[string, number]> {
  const analysis = analyze(text, lexicon, { query: kind === "query" });
  const features: Array<[string, number]> = [];
  for (const term of analysis.terms) {
    // Tone-digit terms are left out: a query typed without diacritics must land in the same place.
    if (term.startsWith("~")) continue;
    if (term.startsWith("§")) features.push([term, 2]);
    else if (term.includes("_")) features.push([term, 1.5]);
    else features.push([term, 1]);
  }
  for (const word of foldedWords(text)) {
    if (word.length < 4) continue;
    const padded = `^${word}$`;
    for (let i = 0; i + 3 <= padded.length; i++) features.push([`#${padded.slice(i, i + 3)}`, 0.3]);
  }
  return features;
}

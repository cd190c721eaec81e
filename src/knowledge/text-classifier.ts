/**
 * A small multinomial naive Bayes text classifier, trained from labelled examples when the index is
 * built (a few hundred examples train in milliseconds). Features are computed by the caller
 * (`questionFeatures`): folded words, word pairs, the words at the start and the end of the
 * message, character n-grams and synonym concepts, so a phrasing never seen still meets its
 * neighbours.
 *
 * ```ts
 * const model = NaiveBayes.train([{ features: ["w:bao", "w:nhieu"], label: "amount" }]);
 * model.predict(["w:bao"]); // { label: "amount", probability: 1, ... }
 * ```
 */

export interface LabelledFeatures {
  features: string[];
  label: string;
}

export interface Prediction {
  label: string;
  /** Posterior probability of the label (0..1). */
  probability: number;
  /** Every label with its posterior probability, best first. */
  ranked: { label: string; probability: number }[];
}

export class NaiveBayes {
  /**
   * Per feature, its log-likelihood under each label (in `labels` order; a label that never saw it
   * gets that label's unseen value). Feature-major so a prediction looks each feature up once,
   * not once per label: the three classifiers run on every message.
   */
  private readonly rows: Map<string, Float64Array>;
  private readonly priors: Float64Array;

  private constructor(
    private readonly labels: string[],
    logPrior: Map<string, number>,
    logLikelihood: Map<string, Map<string, number>>,
    logUnseen: Map<string, number>,
    vocabulary: Set<string>,
  ) {
    this.priors = Float64Array.from(labels, (label) => logPrior.get(label)!);
    this.rows = new Map();
    for (const f of vocabulary) {
      this.rows.set(f, Float64Array.from(labels, (label) => logLikelihood.get(label)!.get(f) ?? logUnseen.get(label)!));
    }
  }

  /** Trains on the examples; `alpha` is the additive smoothing. Throws on an empty set. */
  static train(examples: LabelledFeatures[], alpha = 0.2): NaiveBayes {
    if (!examples.length) throw new Error("NaiveBayes.train: no examples");
    const docCount = new Map<string, number>();
    const featureCount = new Map<string, Map<string, number>>();
    const totalCount = new Map<string, number>();
    const vocabulary = new Set<string>();
    for (const { features, label } of examples) {
      docCount.set(label, (docCount.get(label) ?? 0) + 1);
      let counts = featureCount.get(label);
      if (!counts) featureCount.set(label, (counts = new Map()));
      // Each feature once per example: short messages repeat little, and a repeated word is no stronger.
      for (const f of new Set(features)) {
        counts.set(f, (counts.get(f) ?? 0) + 1);
        totalCount.set(label, (totalCount.get(label) ?? 0) + 1);
        vocabulary.add(f);
      }
    }
    const labels = [...docCount.keys()];
    const logPrior = new Map<string, number>();
    const logLikelihood = new Map<string, Map<string, number>>();
    const logUnseen = new Map<string, number>();
    for (const label of labels) {
      // Priors flattened (square root): the bank has more examples of some labels than users do.
      logPrior.set(label, 0.5 * Math.log(docCount.get(label)! / examples.length));
      const denominator = totalCount.get(label)! + alpha * (vocabulary.size + 1);
      const table = new Map<string, number>();
      for (const [f, c] of featureCount.get(label)!) table.set(f, Math.log((c + alpha) / denominator));
      logLikelihood.set(label, table);
      logUnseen.set(label, Math.log(alpha / denominator));
    }
    return new NaiveBayes(labels, logPrior, logLikelihood, logUnseen, vocabulary);
  }

  predict(features: string[]): Prediction {
    const scores = Float64Array.from(this.priors);
    const seen = new Set<string>();
    let known = 0;
    for (const f of features) {
      if (seen.has(f)) continue;
      seen.add(f);
      const row = this.rows.get(f);
      if (!row) continue;
      known += 1;
      for (let i = 0; i < scores.length; i++) scores[i]! += row[i]!;
    }
    // Naive Bayes multiplies correlated features (a word and its pairs) as if independent and is
    // overconfident; a temperature growing with the number of features keeps probabilities usable.
    const temperature = Math.max(1, known / 8);
    const max = Math.max(...scores);
    const exp = this.labels.map((label, i) => ({ label, e: Math.exp((scores[i]! - max) / temperature) }));
    const sum = exp.reduce((a, b) => a + b.e, 0);
    const ranked = exp.map((s) => ({ label: s.label, probability: s.e / sum })).sort((a, b) => b.probability - a.probability);
    return { label: ranked[0]!.label, probability: ranked[0]!.probability, ranked };
  }
}

/**
 * k-fold cross-validated accuracy. Each group is one written example with its variants (the same
 * text without diacritics): groups are dealt into k folds in a fixed order (every k-th group), a
 * fold's first variants are predicted by a model trained on every variant of the other folds, so
 * no variant of a tested example is ever trained on.
 */
export function crossValidate(groups: LabelledFeatures[][], k = 5): { accuracy: number; n: number } {
  const usable = groups.filter((g) => g.length > 0);
  if (usable.length < k) return { accuracy: NaN, n: usable.length };
  let right = 0;
  for (let fold = 0; fold < k; fold++) {
    const train = usable.filter((_, i) => i % k !== fold).flat();
    const test = usable.filter((_, i) => i % k === fold).map((g) => g[0]!);
    const model = NaiveBayes.train(train);
    for (const e of test) if (model.predict(e.features).label === e.label) right += 1;
  }
  return { accuracy: right / usable.length, n: usable.length };
}

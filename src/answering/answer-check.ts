/**
 * The last check before a reply drawn from knowledge goes out as an answer: how likely it is that
 * it answers what was asked, learned from labelled replies rather than written as one more rule.
 *
 * - `answerFeatures` describes a (question, reply) pair by what can be read from both: whether the
 *   reply holds the kind of value asked for, agrees with the question's key slots, contains the
 *   question's rare words, how sure the question analysis and the retrieval were, and so on.
 * - `answerCheckScore` is a small boosted-tree model over those features (trees, because what a
 *   feature means depends on others: a high retrieval confidence says less for a follow-up read
 *   against a table than for a question answered by a passage). It is trained by
 *   `npm run train:answer-check` (`test/eval/train-answer-check.ts`) from the verdicts of the
 *   evaluation sets one tunes on (right or wrong, for every reply sent as answered), never from the
 *   newest blind set, and kept in `answer-check-model.json` beside this file.
 * - Below the model's threshold the engine sends the honest "chưa có thông tin" with who to ask
 *   instead, and counts the question as unanswered: a parent who gets a confident wrong answer
 *   stops trusting the bot.
 *
 * ```ts
 * const features = answerFeatures({ asked, reply, answerer, confidence, qa, followUp, snapshot });
 * if (answerCheckScore(features, ANSWER_CHECK_MODEL) < ANSWER_CHECK_MODEL.threshold) … // not sent as an answer
 * ```
 */
import { z } from "zod";
import { analyze } from "../knowledge/analyzer.js";
import type { KnowledgeSnapshot } from "../knowledge/knowledge-base.js";
import { ACTS, WANTED } from "../knowledge/question-bank.js";
import { foldedKey, foldedWords, foldWord, hasDiacritics, sentences, tonedWord, words as wordsOf } from "../knowledge/vietnamese.js";
import model from "./answer-check-model.json" with { type: "json" };
import type { Answer } from "./answer.js";
import { AGREEMENT_SLOTS, type EntityKind, contradicts, givesWanted, providesOf, slotAgreement, unknownSlot } from "./candidate-fit.js";
import { isInformative, saysNotKnown } from "./extractive-answerer.js";
import { tableAsked } from "./labour-answerer.js";
import { repliesVi } from "../messages-vi.js";
import type { QuestionAnalysis } from "./question-analysis.js";

export interface AnswerCheckInput {
  /** The user's message (masked), as matched. */
  asked: string;
  /** Its index terms as the engine analysed it for retrieval (`analyze(asked, lexicon, { query: true })`), so it is not analysed twice. */
  askedTerms?: string[];
  /** The reply's text, with or without its source line. */
  reply: string;
  answerer: Answer["answerer"];
  confidence: number;
  /** The reply's topic. */
  topic: Answer["topic"];
  qa: QuestionAnalysis;
  /** The message was read as continuing the previous turn. */
  followUp: boolean;
  /** The Labour Office table the reply lists rows of, and how many rows it shows. */
  table?: "job" | "course" | "demand";
  rowsShown?: number;
  /** How many sources the reply cites. */
  sources: number;
  /** The previous turn's topic and table, when the user had one. */
  previousTopic?: Answer["topic"];
  previousTable?: "job" | "course" | "demand";
  /** The reply is word for word the one sent for the previous turn. */
  repeatsPrevious?: boolean;
  snapshot: KnowledgeSnapshot;
}

/** The kinds of value a reply may hold, each one feature. */
const ENTITY_KINDS: readonly EntityKind[] = ["amount", "count", "date", "duration", "office", "place", "contact"];

/** idf is capped as in the coverage gate: beyond this a word is simply rare. */
const IDF_CAP = 6;

/** What the features read of a reply's text, computed once per text. */
interface Reading {
  terms: Set<string>;
  /** Words as written, lower case, tones kept; and folded. */
  toned: Set<string>;
  folded: Set<string>;
  /** The folded key, padded with spaces (for whole-word search). */
  key: string;
  numbers: Set<string>;
}

const readings = new WeakMap<KnowledgeSnapshot, Map<string, Reading>>();

/** A reply's (or sentence's) reading, memoised per snapshot: replies are drawn from few passages and rows, again and again. */
function readingOf(text: string, snapshot: KnowledgeSnapshot): Reading {
  let cache = readings.get(snapshot);
  if (!cache) readings.set(snapshot, (cache = new Map()));
  let reading = cache.get(text);
  if (!reading) {
    if (cache.size > 5000) cache.clear();
    const key = foldedKey(text);
    reading = {
      terms: new Set(analyze(text, snapshot.lexicon).terms),
      toned: new Set(wordsOf(text.toLocaleLowerCase("vi")).map(tonedWord)),
      folded: new Set(foldedWords(text)),
      key: ` ${key} `,
      numbers: new Set(key.match(/\d+/g) ?? []),
    };
    cache.set(text, reading);
  }
  return reading;
}

/** A commune's name without "xã" or "thị trấn" before it, folded: replies often leave the word out. */
function withoutUnitWord(name: string): string {
  const words = foldedKey(name).split(" ");
  const skip = words[0] === "xa" ? 1 : words[0] === "thi" && words[1] === "tran" ? 2 : 0;
  return words.slice(skip).join(" ");
}

/** The features of one (question, reply) pair, by name; every value is a number, most 0..1. */
export function answerFeatures(input: AnswerCheckInput): Record<string, number> {
  const { qa, snapshot } = input;
  const at = input.reply.indexOf(`\n${repliesVi.sourcePrefix}`);
  const body = at >= 0 ? input.reply.slice(0, at) : input.reply;
  const provides = providesOf(body, snapshot);
  const askedTerms = input.askedTerms ?? analyze(input.asked, snapshot.lexicon, { query: true }).terms;
  const reading = readingOf(body, snapshot);
  const replyTerms = reading.terms;
  // The question's informative words: how much of their weight the reply holds, the rarest one it
  // lacks, and how many the knowledge never uses at all (a subject it has nothing on).
  let total = 0;
  let held = 0;
  let rarestMissing = 0;
  let missingWords = 0;
  let missingKnown = 0;
  let missingKnownWeight = 0;
  let unknown = 0;
  let informative = 0;
  const weighed: [string, number][] = [];
  for (const term of new Set(askedTerms)) {
    if (!isInformative(term) || term.includes("_") || term.startsWith("~")) continue;
    informative += 1;
    const idf = Math.min(snapshot.keyword.idf(term), IDF_CAP);
    weighed.push([term, idf]);
    total += idf;
    if (replyTerms.has(term)) held += idf;
    else {
      rarestMissing = Math.max(rarestMissing, idf);
      missingWords += 1;
      // A word the knowledge does hold somewhere, left out of the reply: the knowledge speaks of
      // it, so a reply without it is likely about something else ("Dừa Ngãi Xuyên" answered with
      // the garment rows).
      if (snapshot.keyword.has(term)) {
        missingKnown += 1;
        missingKnownWeight += idf;
      }
    }
    if (!snapshot.keyword.has(term)) unknown += 1;
  }
  // The reply's sentence that holds most of the question: whether it alone holds the value asked
  // for (a body may hold an amount somewhere, not beside what was asked).
  let best = { share: 0, gives: false, at: 0 };
  const bodySentences = sentences(body);
  bodySentences.forEach((sentence, at) => {
    const terms = readingOf(sentence, snapshot).terms;
    let share = 0;
    for (const [term, idf] of weighed) if (terms.has(term)) share += idf;
    share = total > 0 ? share / total : 0;
    if (share > best.share) best = { share, gives: givesWanted(providesOf(sentence, snapshot), qa.wanted), at };
  });
  // The clauses that ask, when the message also tells ("con tui 16 tuổi, … học nghề gì"): how much
  // of their weight the reply holds, since the telling part need not be answered.
  let askingTotal = 0;
  let askingHeld = 0;
  // The same clause's rarest word it lacks: the detail asked ("tăng ca", "ký túc xá") beside words
  // the reply does hold (the company, the trade).
  let askingRarestMissing = 0;
  if (qa.asking) {
    for (const term of new Set(qa.asking.split(" "))) {
      if (!isInformative(term)) continue;
      const idf = Math.min(snapshot.keyword.idf(term), IDF_CAP);
      askingTotal += idf;
      if (replyTerms.has(term)) askingHeld += idf;
      else askingRarestMissing = Math.max(askingRarestMissing, idf);
    }
  }
  // Key slot kinds the reply names, and those of them the question names none of: a reply about
  // countries to a question that names none may answer another question.
  let replyKinds = 0;
  let extraKinds = 0;
  for (const kind of AGREEMENT_SLOTS) {
    if (!provides.slots.get(kind)?.size) continue;
    replyKinds += 1;
    if (!qa.slots[kind].length) extraKinds += 1;
  }
  // Word pairs of the question found as pairs in the reply ("vay vốn", not "vay" and "vốn" apart).
  const pairs = [...new Set(askedTerms.filter((t) => t.includes("_") && t.split("_").every(isInformative)))];
  const pairsHeld = pairs.filter((t) => replyTerms.has(t)).length;

  // Numbers the question names (an age, a grade, a year) said again in the reply.
  const numbers = [...new Set(qa.folded.match(/\d+/g) ?? [])];
  const replyNumbers = reading.numbers;
  // Words the user typed with tones that the reply holds only with other tones: folding made
  // "máy" (engine) and "may" (sewing) one word, the user wrote one of them.
  const replyToned = reading.toned;
  const replyFolded = reading.folded;
  const typed = wordsOf(input.asked.toLocaleLowerCase("vi")).filter((w) => hasDiacritics(w) && isInformative(foldWord(w)));
  const toneClashes = typed.filter((w) => replyFolded.has(foldWord(w)) && !replyToned.has(tonedWord(w))).length;
  // A commune, company or year the question names that the reply never says.
  const folded = reading.key;
  const says = (name: string) => folded.includes(` ${foldedKey(name)} `);
  const communeMissed = qa.slots.commune.length > 0 && !qa.slots.commune.some((c) => says(withoutUnitWord(c.name)) || (c.old !== undefined && says(withoutUnitWord(c.old))));
  const companyMissed = qa.slots.company.length > 0 && !qa.slots.company.some(says);
  const yearMissed = qa.slots.year !== undefined && !folded.includes(` ${qa.slots.year} `) && !folded.includes(`/${qa.slots.year} `);
  const keyAsked = AGREEMENT_SLOTS.reduce((n, kind) => n + qa.slots[kind].length, 0);
  const keyMet = slotAgreement(provides, qa);
  const features: Record<string, number> = {
    confidence: Math.min(input.confidence, 1.5),
    labour: input.answerer === "labour" ? 1 : 0,
    followUp: input.followUp ? 1 : 0,
    actConfidence: qa.actConfidence,
    wantedConfidence: qa.wantedConfidence,
    topicConfidence: qa.topicConfidence,
    givesWanted: givesWanted(provides, qa.wanted) ? 1 : 0,
    keyAsked: Math.min(keyAsked, 3) / 3,
    keyMissed: Math.min(Math.max(0, keyAsked - keyMet), 3) / 3,
    contradicts: contradicts(provides, qa) ? 1 : 0,
    replyHolds: total > 0 ? held / total : 0,
    rarestMissing: rarestMissing / IDF_CAP,
    unknownWords: informative > 0 ? unknown / informative : 0,
    questionWords: Math.min(qa.folded.split(" ").length, 40) / 40,
    replyLength: Math.min(body.length, 800) / 800,
    commune: qa.slots.commune.length ? 1 : 0,
    company: qa.slots.company.length ? 1 : 0,
    age: qa.slots.age !== undefined ? 1 : 0,
    year: qa.slots.year !== undefined ? 1 : 0,
    unknownOrganisation: qa.slots.unknownOrganisation ? 1 : 0,
    negated: qa.negated ? 1 : 0,
    present: qa.present ? 1 : 0,
    bestSentenceHolds: best.share,
    bestSentenceGivesWanted: best.gives ? 1 : 0,
    pairsHeld: pairs.length ? pairsHeld / pairs.length : 1,
    numbersHeld: numbers.length ? numbers.filter((n) => replyNumbers.has(n)).length / numbers.length : 1,
    unknownSlot: unknownSlot(snapshot, qa) ? 1 : 0,
    topicAgrees: qa.topic === input.topic ? 1 : 0,
    confidenceHolds: Math.min(input.confidence, 1.5) * (total > 0 ? held / total : 0),
    toneClashes: typed.length ? toneClashes / typed.length : 0,
    communeMissed: communeMissed ? 1 : 0,
    companyMissed: companyMissed ? 1 : 0,
    yearMissed: yearMissed ? 1 : 0,
    table: input.table === "job" ? 1 : input.table === "course" ? 2 : input.table === "demand" ? 3 : 0,
    rowsShown: Math.min(input.rowsShown ?? 0, 10) / 10,
    sources: Math.min(input.sources, 4) / 4,
    // A reply that hedges (its sentences saying what the knowledge does not hold) or lists many lines.
    hedges: Math.min(bodySentences.filter(saysNotKnown).length, 3) / 3,
    listLines: Math.min((body.match(/\n- /g) ?? []).length, 10) / 10,
    // The question classifier's probability for the reply's topic (finer than topicAgrees).
    topicProbability: qa.topicScores.get(input.topic) ?? 0,
    askingPart: qa.asking ? 1 : 0,
    askingHolds: askingTotal > 0 ? askingHeld / askingTotal : total > 0 ? held / total : 0,
    replyKinds: replyKinds / AGREEMENT_SLOTS.length,
    extraKinds: extraKinds / AGREEMENT_SLOTS.length,
    // Where the sentence holding most of the question sits: deep in a long passage, the passage
    // may be about something else.
    bestSentenceAt: bodySentences.length > 1 ? best.at / (bodySentences.length - 1) : 0,
    carried: Math.min(qa.carried.length, 3) / 3,
    // What the reply lacks in absolute terms: a share hides two missing words in a long message.
    missingWeight: Math.min(total - held, 3 * IDF_CAP) / (3 * IDF_CAP),
    missingWords: Math.min(missingWords, 5) / 5,
    missingKnown: Math.min(missingKnown, 5) / 5,
    missingKnownWeight: Math.min(missingKnownWeight, 3 * IDF_CAP) / (3 * IDF_CAP),
    pairsMissing: Math.min(pairs.length - pairsHeld, 4) / 4,
    askingRarestMissing: (qa.asking ? askingRarestMissing : rarestMissing) / IDF_CAP,
    repeatsPrevious: input.repeatsPrevious ? 1 : 0,
    // A follow-up answered in another topic or table than the turn before it.
    previousTopicAgrees: input.previousTopic === undefined ? 0.5 : input.previousTopic === input.topic ? 1 : 0,
    previousTableAgrees: input.previousTable === undefined ? 0.5 : input.previousTable === input.table ? 1 : 0,
    // The table the message's own words ask of against the one the reply lists: "có khóa học hàn
    // nào" answered with openings, "năm 2027 cần mấy người" with courses.
    tableWordsAgree: tableWordsAgree(input),
    // How much of its table the reply lists: every row ("Các việc làm đang tuyển: …") answers "có
    // việc gì" but not a question whose trade, age or complaint no row matched.
    tableShare: tableShare(input),
  };
  for (const kind of ENTITY_KINDS) features[`provides:${kind}`] = provides.entities.has(kind) ? 1 : 0;
  for (const act of ACTS) features[`act:${act}`] = qa.act === act ? 1 : 0;
  for (const wanted of WANTED) features[`wanted:${wanted}`] = qa.wanted === wanted ? 1 : 0;
  return features;
}

/** Rows the reply lists over the rows of its table, both counted up to 15 (a reply names at most 15). */
function tableShare(input: AnswerCheckInput): number {
  if (!input.table || !input.rowsShown) return 0;
  const labour = input.snapshot.labour;
  const size = input.table === "job" ? labour.jobs.length : input.table === "course" ? labour.courses.length : labour.demand.length;
  return size ? Math.min(input.rowsShown, 15) / Math.min(size, 15) : 0;
}

/** 1 when the table the message names is the reply's, 0 when another, 0.25 when the reply lists no table, 0.5 when none is named. */
function tableWordsAgree(input: AnswerCheckInput): number {
  const asked = tableAsked(foldedKey(input.asked), input.asked, input.snapshot.lexicon, input.qa.slots.year !== undefined);
  if (asked === undefined) return 0.5;
  if (input.table === undefined) return 0.25;
  return asked === input.table ? 1 : 0;
}

/** A regression tree: a leaf's value, or a split on a feature (by its index in `features`). */
export type CheckTree = number | { f: number; t: number; l: CheckTree; r: CheckTree };

const treeSchema: z.ZodType<CheckTree> = z.lazy(() => z.union([z.number(), z.object({ f: z.number().int().min(0), t: z.number(), l: treeSchema, r: treeSchema })]));

const modelSchema = z.object({
  /** Feature names, in the order the trees index them. */
  features: z.array(z.string()),
  /** Log-odds before any tree. */
  base: z.number(),
  /** Each tree's contribution is scaled by this (the learning rate it was trained with). */
  rate: z.number(),
  /** Boosted trees: their scaled sum, added to `base`, is the log-odds of the reply being right. */
  trees: z.array(treeSchema),
  /** Below this probability of being right, a reply is not sent as an answer. 0 = the check is off. */
  threshold: z.number().min(0).max(1),
  /** What it was trained on, for the record. */
  trainedOn: z.string(),
});
export type AnswerCheckModel = z.infer<typeof modelSchema>;

/** The trained model shipped with the code (checked against its schema once, at load). */
export const ANSWER_CHECK_MODEL: AnswerCheckModel = modelSchema.parse(model);

/** The value of the leaf a feature vector reaches in one tree (the trainer scores with it too). */
export function leafOf(tree: CheckTree, x: number[]): number {
  let node = tree;
  while (typeof node !== "number") node = (x[node.f] ?? 0) < node.t ? node.l : node.r;
  return node;
}

/**
 * The trees laid out flat: node k splits on `feature[k]` at `value[k]` and goes to `left[k]` or
 * `right[k]`, or is a leaf (`feature[k]` = -1) worth `value[k]`. Walking nested objects of two
 * shapes cost about a tenth of an answer with 300 trees; typed arrays make it a tight loop.
 */
interface FlatTrees {
  roots: Int32Array;
  feature: Int32Array;
  value: Float64Array;
  left: Int32Array;
  right: Int32Array;
}

const flattened = new WeakMap<CheckTree[], FlatTrees>();

function flatTrees(trees: CheckTree[]): FlatTrees {
  let flat = flattened.get(trees);
  if (flat) return flat;
  const feature: number[] = [];
  const value: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const add = (node: CheckTree): number => {
    const k = feature.length;
    feature.push(-1);
    value.push(0);
    left.push(-1);
    right.push(-1);
    if (typeof node === "number") value[k] = node;
    else {
      feature[k] = node.f;
      value[k] = node.t;
      left[k] = add(node.l);
      right[k] = add(node.r);
    }
    return k;
  };
  const roots = Int32Array.from(trees, add);
  flat = { roots, feature: Int32Array.from(feature), value: Float64Array.from(value), left: Int32Array.from(left), right: Int32Array.from(right) };
  flattened.set(trees, flat);
  return flat;
}

/** Probability (0..1) that the reply answers the question, by the model. */
export function answerCheckScore(features: Record<string, number>, m: Pick<AnswerCheckModel, "features" | "base" | "rate" | "trees">): number {
  const x = new Float64Array(m.features.length);
  m.features.forEach((name, i) => (x[i] = features[name] ?? 0));
  const { roots, feature, value, left, right } = flatTrees(m.trees);
  let z = m.base;
  for (let i = 0; i < roots.length; i++) {
    let k = roots[i]!;
    // Same rule as `leafOf`: below the threshold goes left.
    while (feature[k]! >= 0) k = x[feature[k]!]! < value[k]! ? left[k]! : right[k]!;
    z += m.rate * value[k]!;
  }
  return 1 / (1 + Math.exp(-z));
}

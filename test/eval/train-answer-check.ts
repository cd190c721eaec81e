/**
 * Trains the answer check (`src/answering/answer-check.ts`) from evaluation dumps: every reply sent
 * as answered, with the features the engine read and the verdict (right or wrong).
 *
 * 1. Dump the sets one tunes on with the check off:
 *    `ANSWER_CHECK_THRESHOLD=0 npm run eval -- --set holdout-20 --dump dumps/holdout-20.json` (each set);
 * 2. `npx tsx test/eval/train-answer-check.ts --dumps dumps [--folds 10] [--ratio 1.5] [--write]`.
 *
 * It prints, by leave-sets-out cross-validation (each set scored by a model trained without it; one
 * model per set, or per fold of sets with `--folds`), what each threshold would change: right
 * answers lost, wrong answers withheld (unanswerable ones then become right), and picks the highest threshold reached in steps of 0.05 that each withhold
 * at least `ratio` wrong replies for each right one lost (default 1.5: a right reply withheld still
 * says who to ask, a wrong one sent costs the parent's trust, and the withheld right ones must stay
 * few). `--fresh SET,SET` chooses it on those sets' scores alone (the sets written last, nearest to
 * wording the bot has never seen). `--write` stores the model trained on every set, with that threshold, in
 * `answer-check-model.json`. Dumps of the sets asked `--in-context` (`NAME.ctx.json`) join their set.
 * Never give it the newest blind set: its figures would no longer be blind.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ANSWER_CHECK_MODEL, answerCheckScore, leafOf, type AnswerCheckModel, type CheckTree } from "../../src/answering/answer-check.js";

export interface Item {
  set: string;
  features: Record<string, number>;
  right: boolean;
  /** Withheld, the item becomes right (an unanswerable question or a refusal answered). */
  rightIfWithheld: boolean;
}

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

function loadItems(dir: string): Item[] {
  const items: Item[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const dump = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as { verdict: string; check?: { features: Record<string, number> }; unanswerable?: boolean; refusal?: boolean }[];
    for (const d of dump) {
      if (!d.check || (d.verdict !== "right" && d.verdict !== "wrong")) continue;
      items.push({ set: file.replace(/(\.ctx)?\.json$/, ""), features: d.check.features, right: d.verdict === "right", rightIfWithheld: Boolean(d.unanswerable || d.refusal) });
    }
  }
  return items;
}

type Model = Pick<AnswerCheckModel, "features" | "base" | "rate" | "trees">;

/** Cut points tried for each feature: up to 15 quantiles of its values over the training items. */
function cutPoints(x: number[][], feature: number): number[] {
  const values = [...new Set(x.map((row) => row[feature]!))].sort((a, b) => a - b);
  if (values.length <= 16) return values.slice(1);
  return [...new Set(Array.from({ length: 15 }, (_, k) => values[Math.floor(((k + 1) * values.length) / 16)]!))];
}

/**
 * The training rows as bins: for each feature, each row's bin is the number of its cut points at or
 * below the row's value, so "value < cuts[j]" is "bin ≤ j". Split search then sums gradients per bin
 * once per node instead of once per cut point.
 */
interface Binned {
  /** bins[f][row] */
  bins: Uint8Array[];
  cuts: number[][];
}

function binned(x: number[][], names: string[]): Binned {
  const cuts = names.map((_, f) => cutPoints(x, f));
  const bins = cuts.map((points, f) =>
    Uint8Array.from(x, (row) => {
      let b = 0;
      while (b < points.length && row[f]! >= points[b]!) b += 1;
      return b;
    }),
  );
  return { bins, cuts };
}

/** One regression tree on the gradient (second-order gain, as in gradient boosting), leaves of ≥ 20 items. */
function fitTree(data: Binned, grad: Float64Array, hess: Float64Array, rows: number[], depth: number): CheckTree {
  let g = 0;
  let h = 0;
  for (const i of rows) {
    g += grad[i]!;
    h += hess[i]!;
  }
  const leaf = +(g / (h + 1)).toFixed(5);
  if (depth === 0 || rows.length < 40) return leaf;
  let best = { gain: 0, f: -1, t: 0 };
  data.cuts.forEach((points, f) => {
    if (!points.length) return;
    const bin = data.bins[f]!;
    const gs = new Float64Array(points.length + 1);
    const hs = new Float64Array(points.length + 1);
    const ns = new Uint32Array(points.length + 1);
    for (const i of rows) {
      const b = bin[i]!;
      gs[b]! += grad[i]!;
      hs[b]! += hess[i]!;
      ns[b]! += 1;
    }
    let gl = 0;
    let hl = 0;
    let n = 0;
    for (let j = 0; j < points.length; j++) {
      gl += gs[j]!;
      hl += hs[j]!;
      n += ns[j]!;
      if (n < 20 || rows.length - n < 20) continue;
      const gain = (gl * gl) / (hl + 1) + ((g - gl) * (g - gl)) / (h - hl + 1) - (g * g) / (h + 1);
      if (gain > best.gain) best = { gain, f, t: points[j]! };
    }
  });
  if (best.f < 0) return leaf;
  const cut = data.cuts[best.f]!.indexOf(best.t);
  const bin = data.bins[best.f]!;
  const left = rows.filter((i) => bin[i]! <= cut);
  const right = rows.filter((i) => bin[i]! > cut);
  return { f: best.f, t: best.t, l: fitTree(data, grad, hess, left, depth - 1), r: fitTree(data, grad, hess, right, depth - 1) };
}

/** What the script trains: leave-one-set-out AUC 0.867 at depth 6, against 0.849 at depth 4 and 0.835 at depth 3. */
export const TRAINING = { rounds: 300, rate: 0.05, depth: 6, ratio: 1.5 } as const;

/** Gradient-boosted trees for P(right). */
export function train(items: Item[], names: string[], rounds: number = TRAINING.rounds, rate: number = TRAINING.rate, depth: number = TRAINING.depth): Model {
  const x = items.map((i) => names.map((n) => i.features[n] ?? 0));
  const y = items.map((i) => (i.right ? 1 : 0));
  const positives = y.reduce<number>((a, b) => a + b, 0);
  const base = +Math.log(positives / Math.max(1, y.length - positives)).toFixed(5);
  const data = binned(x, names);
  const logit = new Float64Array(items.length).fill(base);
  const grad = new Float64Array(items.length);
  const hess = new Float64Array(items.length);
  const trees: CheckTree[] = [];
  const all = x.map((_, k) => k);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < items.length; k++) {
      const p = 1 / (1 + Math.exp(-logit[k]!));
      grad[k] = y[k]! - p;
      hess[k] = p * (1 - p);
    }
    const tree = fitTree(data, grad, hess, all, depth);
    trees.push(tree);
    x.forEach((row, k) => (logit[k]! += rate * leafOf(tree, row)));
  }
  return { features: names, base, rate, trees };
}

/** What withholding every item scored below `t` changes: right lost, wrong withheld, right gained (unanswerable). */
function effect(scored: { p: number; item: Item }[], t: number) {
  let lost = 0;
  let withheld = 0;
  let gained = 0;
  for (const { p, item } of scored) {
    if (p >= t) continue;
    if (item.right) lost += 1;
    else {
      withheld += 1;
      if (item.rightIfWithheld) gained += 1;
    }
  }
  return { lost, withheld, gained };
}

/** Area under the ROC curve: how often a right reply scores above a wrong one. */
function auc(scored: { p: number; item: Item }[]): number {
  const sorted = [...scored].sort((a, b) => a.p - b.p);
  let rank = 0;
  let rightRanks = 0;
  let rights = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.p === sorted[i]!.p) j += 1;
    const mid = rank + (j - i + 1) / 2;
    for (let k = i; k < j; k++) if (sorted[k]!.item.right) {
      rightRanks += mid;
      rights += 1;
    }
    rank += j - i;
    i = j;
  }
  const wrongs = sorted.length - rights;
  return (rightRanks - (rights * (rights + 1)) / 2) / Math.max(1, rights * wrongs);
}

function logLoss(scored: { p: number; item: Item }[]): number {
  let sum = 0;
  for (const { p, item } of scored) sum -= Math.log(Math.min(1 - 1e-9, Math.max(1e-9, item.right ? p : 1 - p)));
  return sum / Math.max(1, scored.length);
}

/**
 * The threshold, raised from 0.2 in steps of 0.025 while the last 0.05 withholds at least `ratio`
 * wrong replies for each right one it loses: judged step by step, not on the total, so a step that
 * trades one right reply for one wrong one (a common question's list withheld) is not taken.
 * 0 (the check off) when the first step already fails.
 */
export function chooseThreshold(scored: { p: number; item: Item }[], ratio: number = TRAINING.ratio): number {
  let best = 0;
  for (let t = 0.2; t < 0.86; t += 0.025) {
    const e = effect(scored, t);
    const before = effect(scored, t - 0.05);
    const withheld = e.withheld - before.withheld;
    const lost = e.lost - before.lost;
    // A step no reply scores in says nothing either way (few replies score below 0.2 on a small
    // set): it is passed over, neither chosen nor a stop.
    if (withheld === 0 && lost === 0) continue;
    if (withheld > 0 && withheld >= ratio * lost) best = +t.toFixed(3);
    else break;
  }
  return best;
}

/** The scores of the sets named (all when none is): those the threshold is chosen on (`--fresh`). */
function scoredOf(scored: { p: number; item: Item }[], fresh: Set<string>): { p: number; item: Item }[] {
  return fresh.size ? scored.filter((s) => fresh.has(s.item.set)) : scored;
}

/** `chooseThreshold` on the scores of the sets named alone (`--fresh`), or on all when none is. */
export function chooseThresholdOn(scored: { p: number; item: Item }[], fresh: Set<string>, ratio: number = TRAINING.ratio): number {
  return chooseThreshold(scoredOf(scored, fresh), ratio);
}

function main(): void {
  const dir = arg("--dumps");
  if (!dir) throw new Error("usage: train-answer-check.ts --dumps DIR [--folds K] [--ratio 1.5] [--threshold T] [--fresh SET,SET] [--rounds 300] [--rate 0.05] [--depth 6] [--no-cv] [--write]");
  const ratio = Number(arg("--ratio") ?? TRAINING.ratio);
  const rounds = Number(arg("--rounds") ?? TRAINING.rounds);
  const rate = Number(arg("--rate") ?? TRAINING.rate);
  const depth = Number(arg("--depth") ?? TRAINING.depth);
  const items = loadItems(dir);
  // `--shipped-features`: only the features the shipped model reads (to compare a new feature set against it).
  const names = process.argv.includes("--shipped-features") ? [...ANSWER_CHECK_MODEL.features] : Object.keys(items[0]?.features ?? {}).sort();
  const sets = [...new Set(items.map((i) => i.set))];
  console.log(`${items.length} replies sent as answered (${items.filter((i) => !i.right).length} wrong) from ${sets.length} sets; ${names.length} features`);
  // Leave sets out: each set is scored by a model that never saw it (`--no-cv` skips it, with
  // `--threshold`). `--folds K` groups the sets into K folds (set i in fold i mod K), K models
  // instead of one per set; each set stays whole in one fold, so no set is scored by a model that
  // saw its sheets or its conversations.
  const folds = Math.min(Number(arg("--folds") ?? sets.length), sets.length);
  const foldOf = new Map(sets.map((set, i) => [set, i % folds]));
  const scored: { p: number; item: Item }[] = [];
  for (let fold = 0; fold < (process.argv.includes("--no-cv") ? 0 : folds); fold++) {
    const model = train(items.filter((i) => foldOf.get(i.set) !== fold), names, rounds, rate, depth);
    for (const item of items.filter((i) => foldOf.get(i.set) === fold)) scored.push({ p: answerCheckScore(item.features, model), item });
  }
  if (scored.length) console.log(`leave-sets-out (${folds} folds) AUC ${auc(scored).toFixed(4)}, log-loss ${logLoss(scored).toFixed(4)}`);
  console.log("threshold  right lost  wrong withheld  of them now right  net right  net wrong");
  for (let t = 0.2; t < 0.86; t += 0.025) {
    const e = effect(scored, t);
    console.log(`${t.toFixed(3).padStart(9)}  ${String(e.lost).padStart(10)}  ${String(e.withheld).padStart(14)}  ${String(e.gained).padStart(17)}  ${String(e.gained - e.lost).padStart(9)}  ${String(-e.withheld).padStart(9)}`);
  }
  // `--fresh holdout-60,holdout-61`: the threshold is chosen on these sets' scores alone. Sets tuned
  // on for many rounds have few wrong replies left, which makes a low threshold look best; the sets
  // written last (tuned on for a round at most) are the nearest to wording the bot has never seen,
  // which is what it meets in use.
  const fresh = new Set((arg("--fresh") ?? "").split(",").filter(Boolean));
  const missing = [...fresh].filter((set) => !sets.includes(set));
  if (missing.length) throw new Error(`--fresh names sets without dumps: ${missing.join(", ")}`);
  const judged = scoredOf(scored, fresh);
  if (fresh.size) {
    console.log(`on the fresh sets alone (${[...fresh].join(", ")}; ${judged.length} replies):`);
    for (let t = 0.2; t < 0.86; t += 0.025) {
      const e = effect(judged, t);
      console.log(`${t.toFixed(3).padStart(9)}  ${String(e.lost).padStart(10)}  ${String(e.withheld).padStart(14)}  ${String(e.gained).padStart(17)}  ${String(e.gained - e.lost).padStart(9)}  ${String(-e.withheld).padStart(9)}`);
    }
    console.log(`(on every set: ${chooseThreshold(scored, ratio)})`);
  }
  const best = chooseThresholdOn(scored, fresh, ratio);
  console.log(`highest threshold whose every 0.05 step withholds at least ${ratio} wrong replies for each right one lost${fresh.size ? " on the fresh sets" : ""}: ${best}`);
  const model = train(items, names, rounds, rate, depth);
  if (process.argv.includes("--write")) {
    const out: AnswerCheckModel = { ...model, threshold: Number(arg("--threshold") ?? best), trainedOn: `${sets.length} evaluation sets (${sets[0]} … ${sets.at(-1)}), ${items.length} replies, ${new Date().toISOString().slice(0, 10)}` };
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../src/answering/answer-check-model.json");
    // One line: a model is read by the code, not reviewed line by line.
    fs.writeFileSync(file, `${JSON.stringify(out)}\n`);
    console.log(`written ${file} (threshold ${out.threshold})`);
  }
}

// Run as a script; imported (the tests train on their own items), nothing runs.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();

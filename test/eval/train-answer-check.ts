/**
 * Trains the answer check (`src/answering/answer-check.ts`) from evaluation dumps: every reply sent
 * as answered, with the features the engine read and the verdict (right or wrong).
 *
 * 1. Dump the sets one tunes on with the check off:
 *    `ANSWER_CHECK_THRESHOLD=0 npm run eval -- --set holdout-20 --dump dumps/holdout-20.json` (each set);
 * 2. `npx tsx test/eval/train-answer-check.ts --dumps dumps [--ratio 2] [--write]`.
 *
 * It prints, by leave-one-set-out cross-validation (each set scored by a model trained without it),
 * what each threshold would change: right answers lost, wrong answers withheld (unanswerable ones
 * then become right), and picks the highest threshold at which at least `ratio` wrong replies
 * are withheld for each right one lost (default 2: a right reply withheld still says who to ask,
 * a wrong one sent costs the parent's trust, and the withheld right ones must stay few). `--write`
 * stores the model trained on every set, with that threshold, in `answer-check-model.json`.
 * Never give it the newest blind set: its figures would no longer be blind.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { answerCheckScore, leafOf, type AnswerCheckModel, type CheckTree } from "../../src/answering/answer-check.js";

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

/** One regression tree on the gradient (second-order gain, as in gradient boosting), leaves of ≥ 20 items. */
function fitTree(x: number[][], grad: number[], hess: number[], rows: number[], cuts: number[][], depth: number): CheckTree {
  const g = rows.reduce((sum, i) => sum + grad[i]!, 0);
  const h = rows.reduce((sum, i) => sum + hess[i]!, 0);
  const leaf = +(g / (h + 1)).toFixed(5);
  if (depth === 0 || rows.length < 40) return leaf;
  let best = { gain: 0, f: -1, t: 0 };
  cuts.forEach((points, f) => {
    for (const t of points) {
      let gl = 0;
      let hl = 0;
      let n = 0;
      for (const i of rows) {
        if (x[i]![f]! >= t) continue;
        gl += grad[i]!;
        hl += hess[i]!;
        n += 1;
      }
      if (n < 20 || rows.length - n < 20) continue;
      const gain = (gl * gl) / (hl + 1) + ((g - gl) * (g - gl)) / (h - hl + 1) - (g * g) / (h + 1);
      if (gain > best.gain) best = { gain, f, t };
    }
  });
  if (best.f < 0) return leaf;
  const left = rows.filter((i) => x[i]![best.f]! < best.t);
  const right = rows.filter((i) => x[i]![best.f]! >= best.t);
  return { f: best.f, t: best.t, l: fitTree(x, grad, hess, left, cuts, depth - 1), r: fitTree(x, grad, hess, right, cuts, depth - 1) };
}

/** Gradient-boosted trees for P(right): 150 trees of depth 3, learning rate 0.1. */
export function train(items: Item[], names: string[], rounds = 150, rate = 0.1, depth = 3): Model {
  const x = items.map((i) => names.map((n) => i.features[n] ?? 0));
  const y = items.map((i) => (i.right ? 1 : 0));
  const positives = y.reduce<number>((a, b) => a + b, 0);
  const base = +Math.log(positives / Math.max(1, y.length - positives)).toFixed(5);
  const cuts = names.map((_, f) => cutPoints(x, f));
  const logit = new Array<number>(items.length).fill(base);
  const trees: CheckTree[] = [];
  const all = x.map((_, k) => k);
  for (let round = 0; round < rounds; round++) {
    const p = logit.map((z) => 1 / (1 + Math.exp(-z)));
    const tree = fitTree(x, p.map((pk, k) => y[k]! - pk), p.map((pk) => pk * (1 - pk)), all, cuts, depth);
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

function main(): void {
  const dir = arg("--dumps");
  if (!dir) throw new Error("usage: train-answer-check.ts --dumps DIR [--ratio 2] [--threshold T] [--no-cv] [--write]");
  const ratio = Number(arg("--ratio") ?? 2);
  const items = loadItems(dir);
  const names = Object.keys(items[0]?.features ?? {}).sort();
  const sets = [...new Set(items.map((i) => i.set))];
  console.log(`${items.length} replies sent as answered (${items.filter((i) => !i.right).length} wrong) from ${sets.length} sets; ${names.length} features`);
  // Leave one set out: each set is scored by a model that never saw it (`--no-cv` skips it, with `--threshold`).
  const scored: { p: number; item: Item }[] = [];
  for (const set of process.argv.includes("--no-cv") ? [] : sets) {
    const model = train(items.filter((i) => i.set !== set), names);
    for (const item of items.filter((i) => i.set === set)) scored.push({ p: answerCheckScore(item.features, model), item });
  }
  let best = 0;
  console.log("threshold  right lost  wrong withheld  of them now right  net right  net wrong");
  for (let t = 0.2; t < 0.86; t += 0.025) {
    const e = effect(scored, t);
    if (e.withheld > 0 && e.withheld >= ratio * e.lost) best = +t.toFixed(3);
    console.log(`${t.toFixed(3).padStart(9)}  ${String(e.lost).padStart(10)}  ${String(e.withheld).padStart(14)}  ${String(e.gained).padStart(17)}  ${String(e.gained - e.lost).padStart(9)}  ${String(-e.withheld).padStart(9)}`);
  }
  console.log(`highest threshold withholding at least ${ratio} wrong replies for each right one lost: ${best}`);
  const model = train(items, names);
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

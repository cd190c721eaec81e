/**
 * The question bank (`knowledge/question-bank/*.yaml`): example questions in users' own words,
 * labelled with what they are (the act), what they ask for (the wanted value), their topic and the
 * entry that answers them. Staff extend it: `approved.yaml` holds staff-approved questions
 * (text, topic, faqId, source: staff). The act, wanted-value and topic classifiers are trained from
 * it whenever the index is built.
 *
 * ```ts
 * const bank = loadQuestionBank("knowledge");          // examples + issues
 * const models = trainQuestionModels(bank.examples, lexicon);
 * models.act.predict(questionFeatures("học phí bao nhiêu", lexicon)).label; // "question"
 * ```
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { analyze } from "./analyzer.js";
import type { Lexicon } from "./lexicon.js";
import { crossValidate, NaiveBayes, type LabelledFeatures } from "./text-classifier.js";
import { TOPICS, type Topic, type ValidationIssue } from "./types.js";
import { foldDiacritics, hasDiacritics } from "./vietnamese.js";

/** What a message does. `comparison` covers "which is highest / earliest / better". */
export const ACTS = ["question", "yes_no", "list", "comparison", "summary", "follow_up", "command"] as const;
export type Act = (typeof ACTS)[number];

/** What the question asks for. `contact` is a phone number, address or person to call. */
export const WANTED = [
  "amount",
  "count",
  "date",
  "duration",
  "who",
  "where",
  "which_trades",
  "eligibility",
  "how_to_apply",
  "definition",
  "contact",
  "none",
] as const;
export type Wanted = (typeof WANTED)[number];

const exampleSchema = z.object({
  text: z.coerce.string().min(1),
  act: z.enum(ACTS).optional(),
  wanted: z.enum(WANTED).optional(),
  topic: z.enum(TOPICS).optional(),
  /** The FAQ id or document id that answers it. */
  key: z.string().optional(),
  /** Staff-approved examples name their FAQ entry this way. */
  faqId: z.string().optional(),
  source: z.string().optional(),
});
export type BankExample = z.infer<typeof exampleSchema>;

export interface QuestionBank {
  examples: BankExample[];
  issues: ValidationIssue[];
}

/** Reads every `*.yaml` in `<knowledgeDir>/question-bank`; bad entries are reported and skipped. */
export function loadQuestionBank(knowledgeDir: string): QuestionBank {
  const dir = path.join(knowledgeDir, "question-bank");
  const examples: BankExample[] = [];
  const issues: ValidationIssue[] = [];
  if (!fs.existsSync(dir)) return { examples, issues };
  for (const name of fs.readdirSync(dir).sort()) {
    if (!/\.ya?ml$/i.test(name)) continue;
    const file = path.join("question-bank", name);
    let list: unknown;
    try {
      list = parseYaml(fs.readFileSync(path.join(dir, name), "utf8")) ?? [];
    } catch (error) {
      issues.push({ severity: "error", file, message: `not valid YAML: ${(error as Error).message}` });
      continue;
    }
    // `approved.yaml` may be a list or `{ examples: [...] }`.
    const items = Array.isArray(list) ? list : Array.isArray((list as { examples?: unknown }).examples) ? (list as { examples: unknown[] }).examples : [];
    items.forEach((item, index) => {
      const parsed = exampleSchema.safeParse(item);
      if (parsed.success) examples.push(parsed.data);
      else issues.push({ severity: "warning", file, row: index + 1, message: `question bank entry skipped: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` });
    });
  }
  return { examples, issues };
}

/**
 * Features of a message for the classifiers: folded words and word pairs (teencode expanded),
 * the first two and last three words (Vietnamese puts "bao nhiêu", "ở đâu", "không" at the end)
 * and synonym concepts. (Character trigrams were tried: cross-validated accuracy fell by 3–4 points.)
 */
export function questionFeatures(text: string, lexicon: Lexicon): string[] {
  const analysis = analyze(text, lexicon, { query: true });
  const words = analysis.folded;
  const out: string[] = [];
  for (const w of words) out.push(`w:${w}`);
  for (let i = 0; i + 1 < words.length; i++) out.push(`b:${words[i]}_${words[i + 1]}`);
  words.slice(0, 2).forEach((w, i) => out.push(`s${i}:${w}`));
  const tail = words.slice(-3);
  tail.forEach((w) => out.push(`e:${w}`));
  if (tail.length >= 2) out.push(`e2:${tail.slice(-2).join("_")}`);
  for (const c of analysis.concepts) out.push(`k:${c}`);
  if (words.length <= 4) out.push("len:short");
  if (/\?\s*$/.test(text)) out.push("q:mark");
  return out;
}

export interface QuestionModels {
  act?: NaiveBayes;
  wanted?: NaiveBayes;
  topic?: NaiveBayes;
  /** How many labelled examples each model was trained on. */
  counts: { act: number; wanted: number; topic: number };
}

type Field = "act" | "wanted" | "topic";

/** Each labelled example as a group: its text, plus the same text without diacritics when it has them. */
function groupsFor(examples: BankExample[], field: Field, lexicon: Lexicon): LabelledFeatures[][] {
  const groups: LabelledFeatures[][] = [];
  for (const e of examples) {
    const label = e[field];
    if (!label) continue;
    const variants = [e.text, ...(hasDiacritics(e.text) ? [foldDiacritics(e.text)] : [])];
    groups.push(variants.map((t) => ({ features: questionFeatures(t, lexicon), label })));
  }
  return groups;
}

/** Trains the three classifiers; a field with too few labelled examples gets no model. */
export function trainQuestionModels(examples: BankExample[], lexicon: Lexicon): QuestionModels {
  const models: QuestionModels = { counts: { act: 0, wanted: 0, topic: 0 } };
  for (const field of ["act", "wanted", "topic"] as Field[]) {
    const groups = groupsFor(examples, field, lexicon);
    models.counts[field] = groups.length;
    const labels = new Set(groups.map((g) => g[0]!.label));
    if (groups.length >= 10 && labels.size >= 2) models[field] = NaiveBayes.train(groups.flat());
  }
  return models;
}

/** k-fold cross-validated accuracy of each classifier over the bank (printed by `npm run eval`). */
export function crossValidateQuestionModels(examples: BankExample[], lexicon: Lexicon, k = 5): Record<Field, { accuracy: number; n: number }> {
  const out = {} as Record<Field, { accuracy: number; n: number }>;
  for (const field of ["act", "wanted", "topic"] as Field[]) out[field] = crossValidate(groupsFor(examples, field, lexicon), k);
  return out;
}

export function isTopic(value: string): value is Topic {
  return (TOPICS as readonly string[]).includes(value);
}

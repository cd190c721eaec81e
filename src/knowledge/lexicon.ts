/**
 * The word lists staff keep as data (`knowledge/synonyms.yaml`, `knowledge/communes.yaml`,
 * `knowledge/referrals.yaml`), loaded and prepared for matching on the shadow (diacritics-free)
 * form.
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { KnowledgeError } from "../errors.js";
import type { Topic } from "./types.js";
import { foldedWords, foldWord, hasDiacritics, tonedWord, words } from "./vietnamese.js";

const synonymsSchema = z.object({
  groups: z.array(z.object({ id: z.string().min(1), terms: z.array(z.coerce.string().min(1)).min(1) })).default([]),
  teencode: z.record(z.string(), z.coerce.string()).default({}),
});

const oldUnitSchema = z.object({
  name: z.string(),
  short: z.string().optional(),
  ascii: z.array(z.string()).default([]),
});
const communesSchema = z.object({
  province: z.string().optional(),
  effective: z.union([z.string(), z.date()]).optional(),
  source: z.object({ title: z.string(), confidence: z.string().optional(), note: z.string().optional() }).optional(),
  communes: z
    .array(
      z.object({
        name: z.string(),
        short: z.string().optional(),
        ascii: z.array(z.string()).default([]),
        formed_from: z.array(oldUnitSchema).default([]),
      }),
    )
    .default([]),
  /** Places outside former Trà Cú that users name ("Cầu Kè", "Bình Dương"). */
  elsewhere: z.array(z.object({ name: z.string(), ascii: z.array(z.string()).default([]) })).default([]),
});

const slotEntrySchema = z.object({ id: z.string().min(1), label: z.string().min(1), terms: z.array(z.coerce.string().min(1)).min(1) });
/** A list of words or phrases in `slots.yaml` (numbers read as text), empty when left out. */
const wordList = z.array(z.coerce.string().min(1)).default([]);

const slotsSchema = z.object({
  levels: z.array(slotEntrySchema).default([]),
  audiences: z.array(slotEntrySchema).default([]),
  countries: z.array(slotEntrySchema).default([]),
  regions: z.array(slotEntrySchema).default([]),
  trades: z.array(slotEntrySchema).default([]),
  schools: z.array(slotEntrySchema).default([]),
  conditions: z.array(slotEntrySchema).default([]),
  parents: wordList,
  continuations: wordList,
  not_continuations: wordList,
  corrections: wordList,
  self_corrections: wordList.default([]),
  waived_requirements: z.record(z.string(), z.object({ says: wordList, needs: wordList })).default({}),
  contrasts: wordList,
  back_references: wordList,
  bare_value_fillers: wordList,
  quantities: z.record(z.string(), z.array(z.coerce.string().min(1))).default({}),
  entities: z.record(z.string(), z.array(z.coerce.string().min(1))).default({}),
  strict_units: z.array(z.array(z.coerce.string().min(1)).min(1)).default([]),
  row_columns: z.partialRecord(z.enum(["job", "course", "demand"]), z.record(z.string(), z.array(z.coerce.string().min(1)))).default({}),
  unstated: z.record(z.string(), z.array(z.coerce.string().min(1))).default({}),
  unstated_in_documents: z.array(z.string().min(1)).default([]),
  unstated_priced: z.array(z.string().min(1)).default([]),
  unstated_outside_rows: z.array(z.string().min(1)).default([]),
  stated_by: z.record(z.string(), z.array(z.coerce.string().min(1))).default({}),
  stated_by_name: z.record(z.string(), z.array(z.coerce.string().min(1))).default({}),
  polar_answers: wordList.default([]),
  sum_asked: wordList.default([]),
  ranked_elsewhere: wordList,
  leave_out: wordList,
  asks_update: wordList,
  asks_present: wordList,
  states_present: wordList,
  table_words: z
    .object({
      takes_group: wordList,
      of_position: wordList,
      which_rows: wordList,
      wage_start: wordList,
      wage_top: wordList,
      row_nouns: wordList,
      others: wordList,
      legal_minimum: wordList,
      lists: wordList,
      after_course: wordList.default([]),
      hires: wordList.default([]),
      years_ahead: wordList.default([]),
      course_kinds: wordList.default([]),
      goes_to: wordList.default([]),
      trend: wordList.default([]),
      compares: wordList.default([]),
      needs_people: wordList.default([]),
      openings: wordList.default([]),
      openings_plain: wordList.default([]),
      companies: wordList.default([]),
      institutions: wordList.default([]),
      course_asked: wordList.default([]),
      course_nouns: wordList.default([]),
    })
    .default({ takes_group: [], of_position: [], which_rows: [], wage_start: [], wage_top: [], row_nouns: [], others: [], legal_minimum: [], lists: [], after_course: [], hires: [], years_ahead: [], course_kinds: [], goes_to: [], trend: [], compares: [], needs_people: [], openings: [], openings_plain: [], companies: [], institutions: [], course_asked: [], course_nouns: [] }),
  bounds: z.object({ above: wordList, below: wordList, inclusive: wordList }).default({ above: [], below: [], inclusive: [] }),
  asking: z
    .object({ words: wordList, final: wordList, particles: wordList, joins: z.object({ toned: wordList, plain: wordList }).default({ toned: [], plain: [] }) })
    .default({ words: [], final: [], particles: [], joins: { toned: [], plain: [] } }),
  acts_for_user: z.object({ verbs: wordList, for_me: wordList }).default({ verbs: [], for_me: [] }),
  commune_questions: z
    .object({
      mapping: wordList,
      named_mapping: wordList,
      list: wordList,
      checks: wordList,
      property: wordList,
      rows: wordList,
    })
    .default({ mapping: [], named_mapping: [], list: [], checks: [], property: [], rows: [] }),
});

/** The kinds of slot read from `knowledge/slots.yaml`. */
export const SLOT_KINDS = ["level", "audience", "country", "region", "trade", "school", "condition"] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];

/** One entry of a slot word list. */
export interface SlotEntry {
  kind: SlotKind;
  id: string;
  /** As users read it: "Chưa có thông tin về <label>". */
  label: string;
  /** Folded word sequences. */
  phrases: string[][];
}

/** One term of a slot entry, for matching: its folded words and its words in tone-digit form. */
export interface SlotPhrase {
  words: string[];
  toned: string[];
  entry: SlotEntry;
}

/**
 * The words that carry one trade of the word list: a word (with its tones) in two or more of the
 * entry's terms and in no other trade's ("móng" of "làm móng", "sơn móng"; "may" of "thợ may",
 * "nghề may"). A row label no term matches ("Chăm sóc móng") belongs to the trade its last word carries.
 */
function tradeHeadWords(trades: z.infer<typeof slotEntrySchema>[]): Map<string, string> {
  const owners = new Map<string, Map<string, number>>();
  for (const e of trades) {
    for (const term of e.terms) {
      for (const w of new Set(words(term.toLocaleLowerCase("vi")).map(tonedWord))) {
        const byEntry = owners.get(w) ?? new Map<string, number>();
        byEntry.set(e.id, (byEntry.get(e.id) ?? 0) + 1);
        owners.set(w, byEntry);
      }
    }
  }
  const heads = new Map<string, string>();
  for (const [w, byEntry] of owners) {
    const [only] = [...byEntry];
    if (byEntry.size === 1 && only![1] >= 2) heads.set(w, only![0]);
  }
  return heads;
}

/**
 * The trade slot ids a row label belongs to: the terms it holds, else the trade its last word
 * carries (a label ends with what the work is done to: "Chăm sóc móng"), unless that word is an
 * everyday word of the question bank (`everyday`, folded), which tells no trade apart.
 */
export function labelTradeSlots(lexicon: Lexicon, label: string, everyday?: Set<string>): string[] {
  const ids = [...new Set(findSlots(lexicon, foldedWords(label)).filter((m) => m.entry.kind === "trade").map((m) => m.entry.id))];
  if (ids.length) return ids;
  const last = words(label.toLocaleLowerCase("vi")).at(-1);
  if (!last || everyday?.has(foldWord(last))) return [];
  const head = lexicon.slots.tradeHeadWords.get(tonedWord(last));
  return head ? [head] : [];
}

/** A phrase that asks: its folded words, and its words in tone-digit form ("mấy" is not "may"). */
export interface AskingPhrase {
  words: string[];
  toned: string[];
}

/** The slot word lists, prepared for matching. */
export interface SlotLists {
  entries: SlotEntry[];
  /** Toned word → the one trade it carries (`labelTradeSlots`). */
  tradeHeadWords: Map<string, string>;
  /** Folded phrases by first word, longest first. */
  byFirstWord: Map<string, SlotPhrase[]>;
  /** Folded phrases that say the asker speaks for a child. */
  parentPhrases: string[][];
  /** Folded phrases that open a message continuing the previous one. */
  continuationPhrases: string[][];
  /** Their first words as written (lower case, with diacritics), for messages typed with them. */
  continuationFirstWords: Set<string>;
  /** Folded openings that correct the previous message ("ý em là …"). */
  correctionPhrases: string[][];
  /** Phrases after which a message corrects itself ("à nhầm"): what follows is what it asks. */
  selfCorrectionPhrases: string[][];
  /** Per condition that waives a requirement ("no_degree"): what a row says to waive it, and what needing it says. */
  waivedRequirements: Map<string, { says: string[][]; needs: string[][] }>;
  /** Folded phrases after which a correction says what it did not mean ("chứ không phải …"). */
  contrastPhrases: string[][];
  /** Folded openings that look like a continuation but are not ("con tôi": my child). */
  notContinuationPhrases: string[][];
  /** Wanted value (`count`, `amount`…) → folded unit phrases that follow "bao nhiêu" / "mấy". */
  quantities: Map<string, string[][]>;
  /** Entity kind (`office`, `place`) → lower-case words as written (with diacritics). */
  entities: Map<string, string[]>;
  /** Words pointing back at the rows just listed (`back_references`), folded. */
  backReferences: string[][];
  /** Words that name no subject, around a value asked alone ("lương thì sao", `bare_value_fillers`), folded. */
  bareValueFillers: string[][];
  /** Words after which a message names what it leaves out of a table query (`leave_out`), folded. */
  leaveOut: string[][];
  /** Words asking for a level after a change ("đã tăng lên", "mức mới nhất") (`asks_update`), folded. */
  asksUpdate: string[][];
  /** Words asking how things stand now ("giờ còn không", "hiện nay") (`asks_present`), folded. */
  asksPresent: string[][];
  /** Words of a sentence saying how things stand now ("hiện nay", "từ ngày 1/7/2025") (`states_present`), folded. */
  statesPresent: string[][];
  /** How table questions are worded (`table_words`), folded: see knowledge/slots.yaml. */
  tableWords: { takesGroup: string[][]; ofPosition: string[][]; whichRows: string[][]; wageStart: string[][]; wageTop: string[][]; rowNouns: string[][]; others: string[][]; legalMinimum: string[][]; lists: string[][]; afterCourse: string[][]; hires: string[][]; yearsAhead: string[][]; courseKinds: string[][]; goesTo: string[][]; trend: string[][]; compares: string[][]; needsPeople: string[][]; openings: string[][]; openingsPlain: string[][]; companies: string[][]; institutions: string[][]; courseAsked: string[][]; courseNouns: string[][] };
  /**
   * How a clause asks (`asking` in slots.yaml): question words anywhere in it, words that ask only
   * at its end ("không", "chưa"), and the particles that may follow them ("ạ", "ad", "vậy").
   */
  asking: { words: AskingPhrase[]; final: AskingPhrase[]; particles: Set<string>; joins: { toned: string[]; plain: string[] } };
  /** Asking the bot to act for the user (`acts_for_user`): the verbs, and the words saying "for me". */
  actsForUser: { verbs: string[][]; forMe: string[][] };
  /** Words putting a bound on a number ("trên", "không quá") (`bounds`), folded (`numeric-bound.ts`). */
  bounds: { above: string[]; below: string[]; inclusive: string[] };
  /** How questions about the communes are worded (`commune_questions`): kind → folded phrases. */
  communeQuestions: Record<"mapping" | "namedMapping" | "list" | "checks" | "property" | "rows", string[][]>;
  /** Units a reply must name beside its number (`strict_units`): groups of synonym phrases, folded. */
  strictUnits: string[][][];
  /** Words naming a column of each Labour Office table (`row_columns`): table → column → folded phrases. */
  rowColumns: Map<string, Map<string, string[][]>>;
  /** What no Labour Office column holds and documents seldom state (`unstated`): the reply's label → folded phrases. */
  unstated: Map<string, string[][]>;
  /** The `unstated` labels a document passage is checked for too (`unstated_in_documents`). */
  unstatedInDocuments: Set<string>;
  /** The `unstated` labels that cost or pay a sum (`unstated_priced`): "ký túc xá bao nhiêu tiền". */
  unstatedPriced: Set<string>;
  /** The `unstated` labels of a thing outside the rows (`unstated_outside_rows`): "vay vốn ở đâu". */
  unstatedOutsideRows: Set<string>;
  /** Words asking a sum of something named (`sum_asked`): "bao nhiêu tiền", "được bao nhiêu". */
  sumAsked: string[][];
  /** Phrases that state an `unstated` label without its own words (`stated_by`), folded. */
  statedBy: Map<string, string[][]>;
  /** Words that state an `unstated` label when a name or a number follows them (`stated_by_name`: "Ấp Chợ"), folded. */
  statedByName: Map<string, Set<string>>;
  /** Words a reply opens with to say yes or no before a comma (`polar_answers`), folded. */
  polarAnswers: string[][];
  /** Nouns of "… nào … nhất" that no Labour Office row is (`ranked_elsewhere`: vùng, tỉnh, nước…), folded. */
  rankedElsewhere: string[][];
}

const referralsSchema = z.object({
  default: z.string(),
  by_topic: z.record(z.string(), z.string()).default({}),
  district_offices_note: z.string().optional(),
});

/** A new commune (from 1/7/2025) and the old units it replaced. */
export interface Commune {
  /** e.g. "Xã Long Hiệp" */
  name: string;
  /** e.g. "Long Hiệp" */
  short: string;
  formedFrom: { name: string; short: string }[];
}

export interface Referrals {
  defaultText: string;
  byTopic: Partial<Record<Topic, string>>;
  districtOfficesNote?: string;
}

export interface Lexicon {
  /** Folded single word → replacement words (folded). */
  teencode: Map<string, string[]>;
  /** Folded single word → replacement as written (with diacritics). */
  teencodeFull: Map<string, string>;
  /**
   * Abbreviations of the synonym groups (terms of one or two words with no vowel: "LĐTBXH",
   * "GD&ĐT", "THCS"), folded and joined by a space → the group's first term spelled out, when
   * that term has vowels and more than one word. An abbreviation two groups share is left out.
   */
  abbreviations: Map<string, string[]>;
  /** Phrases (folded word sequences) by their first word, each naming its concept group. */
  phrasesByFirstWord: Map<string, { words: string[]; concept: string }[]>;
  communes: Commune[];
  /** Where the commune list comes from, and since when it applies. */
  communeSource?: { title: string; effective?: string; note?: string };
  /** Folded phrase → index in `communes`, for names old and new. */
  communePhrases: { words: string[]; commune: number; old?: string }[];
  /** Places outside former Trà Cú, each with its spellings as folded words. */
  placesElsewhere: { name: string; spellings: string[][] }[];
  referrals: Referrals;
  /** Word lists for question slots (`knowledge/slots.yaml`). */
  slots: SlotLists;
}

function readYaml(file: string): unknown {
  try {
    return parseYaml(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new KnowledgeError("knowledge_invalid", `Cannot read ${file}: ${(error as Error).message}`, file);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new KnowledgeError("knowledge_invalid", `${file} is not valid: ${detail}`, file);
  }
  return result.data;
}

/** Loads the lexicon files from the knowledge folder; a missing file gives an empty part. */
export function loadLexicon(knowledgeDir: string): Lexicon {
  const synonymsFile = path.join(knowledgeDir, "synonyms.yaml");
  const communesFile = path.join(knowledgeDir, "communes.yaml");
  const referralsFile = path.join(knowledgeDir, "referrals.yaml");
  const slotsFile = path.join(knowledgeDir, "slots.yaml");
  const synonyms = fs.existsSync(synonymsFile)
    ? parseWith(synonymsSchema, readYaml(synonymsFile) ?? {}, synonymsFile)
    : { groups: [], teencode: {} };
  const communes = fs.existsSync(communesFile)
    ? parseWith(communesSchema, readYaml(communesFile) ?? {}, communesFile)
    : { communes: [], elsewhere: [] };
  const referrals = fs.existsSync(referralsFile)
    ? parseWith(referralsSchema, readYaml(referralsFile), referralsFile)
    : { default: "Bạn có thể hỏi UBND xã nơi bạn ở hoặc giáo viên tư vấn của trường.", by_topic: {} };
  const slots = fs.existsSync(slotsFile) ? parseWith(slotsSchema, readYaml(slotsFile) ?? {}, slotsFile) : slotsSchema.parse({});
  return buildLexicon(synonyms, communes, referrals, slots);
}

/** Words naming an office before its name, folded ("phòng LĐTBXH", "Sở GD&ĐT", "Bộ …"). */
export const OFFICE_WORDS: ReadonlySet<string> = new Set(["phong", "so", "bo"]);

/** A folded word holding a vowel: abbreviations ("ldtbxh", "thcs") hold none. */
const VOWEL_RE = /[aeiouy]/;

function buildLexicon(
  synonyms: z.infer<typeof synonymsSchema>,
  communes: z.infer<typeof communesSchema>,
  referrals: z.infer<typeof referralsSchema>,
  slots: z.infer<typeof slotsSchema> = slotsSchema.parse({}),
): Lexicon {
  const teencode = new Map<string, string[]>();
  const teencodeFull = new Map<string, string>();
  for (const [key, value] of Object.entries(synonyms.teencode)) {
    const keyWords = foldedWords(key);
    // Only single-word keys: teencode is a per-token substitution.
    if (keyWords.length !== 1 || !keyWords[0]) continue;
    teencode.set(keyWords[0], foldedWords(value));
    teencodeFull.set(keyWords[0], value);
  }

  const phrasesByFirstWord = new Map<string, { words: string[]; concept: string }[]>();
  for (const group of synonyms.groups) {
    for (const term of group.terms) {
      const termWords = foldedWords(term);
      const first = termWords[0];
      if (!first) continue;
      const list = phrasesByFirstWord.get(first) ?? [];
      list.push({ words: termWords, concept: group.id });
      phrasesByFirstWord.set(first, list);
    }
  }
  const abbreviations = new Map<string, string[]>();
  const sharedAbbreviations = new Set<string>();
  for (const group of synonyms.groups) {
    const full = foldedWords(group.terms[0] ?? "");
    if (full.length < 2 || full.every((w) => !VOWEL_RE.test(w))) continue;
    for (const term of group.terms.slice(1)) {
      const termWords = foldedWords(term);
      if (!termWords.length || termWords.length > 2 || termWords.some((w) => VOWEL_RE.test(w))) continue;
      const key = termWords.join(" ");
      if (abbreviations.has(key) && abbreviations.get(key)!.join(" ") !== full.join(" ")) sharedAbbreviations.add(key);
      abbreviations.set(key, full);
    }
  }
  for (const key of sharedAbbreviations) abbreviations.delete(key);
  // Longest phrases first so "trung cap nghe" wins over "trung cap".
  for (const list of phrasesByFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);

  const communeList: Commune[] = [];
  const communePhrases: Lexicon["communePhrases"] = [];
  communes.communes.forEach((c, index) => {
    const short = c.short ?? c.name.replace(/^(xã|thị trấn)\s+/i, "");
    communeList.push({
      name: c.name,
      short,
      formedFrom: c.formed_from.map((o) => ({ name: o.name, short: o.short ?? o.name.replace(/^(xã|thị trấn)\s+/i, "") })),
    });
    for (const spelling of [c.name, short, ...c.ascii]) {
      communePhrases.push({ words: foldedWords(spelling), commune: index });
    }
    for (const old of c.formed_from) {
      const oldShort = old.short ?? old.name;
      for (const spelling of [old.name, oldShort, ...old.ascii]) {
        communePhrases.push({ words: foldedWords(spelling), commune: index, old: old.name });
      }
    }
  });
  communePhrases.sort((a, b) => b.words.length - a.words.length);

  return {
    teencode,
    teencodeFull,
    abbreviations,
    phrasesByFirstWord,
    communes: communeList,
    communeSource: communes.source
      ? {
          title: communes.source.title,
          effective: communes.effective instanceof Date ? communes.effective.toISOString().slice(0, 10) : communes.effective,
          note: communes.source.note,
        }
      : undefined,
    communePhrases,
    placesElsewhere: communes.elsewhere.map((p) => ({ name: p.name, spellings: [p.name, ...p.ascii].map(foldedWords) })),
    referrals: {
      defaultText: referrals.default,
      byTopic: referrals.by_topic as Partial<Record<Topic, string>>,
      districtOfficesNote: referrals.district_offices_note,
    },
    slots: buildSlotLists(slots),
  };
}

function buildSlotLists(slots: z.infer<typeof slotsSchema>): SlotLists {
  const entries: SlotEntry[] = [];
  const lists: [SlotKind, z.infer<typeof slotEntrySchema>[]][] = [
    ["level", slots.levels],
    ["audience", slots.audiences],
    ["country", slots.countries],
    ["region", slots.regions],
    ["trade", slots.trades],
    ["school", slots.schools],
    ["condition", slots.conditions],
  ];
  const byFirstWord = new Map<string, SlotPhrase[]>();
  for (const [kind, list] of lists) {
    for (const e of list) {
      // Terms only: a label such as "dược" or "hàn" is also an everyday word once folded.
      const terms = e.terms.map((term) => ({ folded: foldedWords(term), toned: words(term).map(tonedWord) })).filter((t) => t.folded.length > 0);
      const entry: SlotEntry = { kind, id: e.id, label: e.label, phrases: terms.map((t) => t.folded) };
      entries.push(entry);
      for (const t of terms) {
        const phrases = byFirstWord.get(t.folded[0]!) ?? [];
        phrases.push({ words: t.folded, toned: t.toned, entry });
        byFirstWord.set(t.folded[0]!, phrases);
      }
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  const headWords = tradeHeadWords(slots.trades);
  const entities = new Map<string, string[]>();
  for (const [kind, words] of Object.entries(slots.entities)) entities.set(kind, words.map((w) => w.normalize("NFC").toLowerCase()));
  const phrases = (list: string[]) => list.map(foldedWords).filter((p) => p.length > 0);
  const askingPhrases = (list: string[]) => list.map((p) => ({ words: foldedWords(p), toned: words(p.toLocaleLowerCase("vi")).map(tonedWord) })).filter((p) => p.words.length > 0 && p.words.length === p.toned.length);
  const quantities = new Map(Object.entries(slots.quantities).map(([wanted, list]) => [wanted, phrases(list)] as const));
  // "%" folds to nothing: a group naming it keeps its other spellings ("phần trăm") and is matched as a sign too.
  const rowColumns = new Map(Object.entries(slots.row_columns).map(([table, columns]) => [table, new Map(Object.entries(columns ?? {}).map(([column, list]) => [column, phrases(list)] as const))] as const));
  const strictUnits = slots.strict_units.map((group) => phrases(group)).filter((group) => group.length > 0);
  const unstated = new Map(Object.entries(slots.unstated).map(([label, list]) => [label, phrases(list)] as const));
  return { tradeHeadWords: headWords, unstated, unstatedInDocuments: new Set(slots.unstated_in_documents), unstatedPriced: new Set(slots.unstated_priced), unstatedOutsideRows: new Set(slots.unstated_outside_rows), sumAsked: phrases(slots.sum_asked), statedBy: new Map(Object.entries(slots.stated_by).map(([label, list]) => [label, phrases(list)])), statedByName: new Map(Object.entries(slots.stated_by_name).map(([label, list]) => [label, new Set(list.map((w) => foldedWords(w).join(" ")))])), polarAnswers: phrases(slots.polar_answers), entries, byFirstWord, parentPhrases: phrases(slots.parents), continuationPhrases: phrases(slots.continuations), continuationFirstWords: new Set(slots.continuations.map((c) => words(c)[0]!).filter(Boolean)), notContinuationPhrases: phrases(slots.not_continuations), correctionPhrases: phrases(slots.corrections), selfCorrectionPhrases: phrases(slots.self_corrections), waivedRequirements: new Map(Object.entries(slots.waived_requirements).map(([id, w]) => [id, { says: phrases(w.says), needs: phrases(w.needs) }])), contrastPhrases: phrases(slots.contrasts), quantities, entities, strictUnits, rowColumns, backReferences: phrases(slots.back_references), bareValueFillers: phrases(slots.bare_value_fillers), rankedElsewhere: phrases(slots.ranked_elsewhere), leaveOut: phrases(slots.leave_out), asksUpdate: phrases(slots.asks_update), asksPresent: phrases(slots.asks_present), statesPresent: phrases(slots.states_present), tableWords: { takesGroup: phrases(slots.table_words.takes_group), ofPosition: phrases(slots.table_words.of_position), whichRows: phrases(slots.table_words.which_rows), wageStart: phrases(slots.table_words.wage_start), wageTop: phrases(slots.table_words.wage_top), rowNouns: phrases(slots.table_words.row_nouns), others: phrases(slots.table_words.others), legalMinimum: phrases(slots.table_words.legal_minimum), lists: phrases(slots.table_words.lists), afterCourse: phrases(slots.table_words.after_course), hires: phrases(slots.table_words.hires), yearsAhead: phrases(slots.table_words.years_ahead), courseKinds: phrases(slots.table_words.course_kinds), goesTo: phrases(slots.table_words.goes_to), trend: phrases(slots.table_words.trend), compares: phrases(slots.table_words.compares), needsPeople: phrases(slots.table_words.needs_people), openings: phrases(slots.table_words.openings), openingsPlain: phrases(slots.table_words.openings_plain), companies: phrases(slots.table_words.companies), institutions: phrases(slots.table_words.institutions), courseAsked: phrases(slots.table_words.course_asked), courseNouns: phrases(slots.table_words.course_nouns) }, asking: { words: askingPhrases(slots.asking.words), final: askingPhrases(slots.asking.final), particles: new Set(slots.asking.particles.map((w) => foldedWords(w).join(" "))), joins: { toned: slots.asking.joins.toned.map((w) => w.toLocaleLowerCase("vi").normalize("NFC")), plain: slots.asking.joins.plain.map((w) => w.toLowerCase()) } }, actsForUser: { verbs: phrases(slots.acts_for_user.verbs), forMe: phrases(slots.acts_for_user.for_me) }, bounds: { above: slots.bounds.above.map((w) => foldedWords(w).join(" ")), below: slots.bounds.below.map((w) => foldedWords(w).join(" ")), inclusive: slots.bounds.inclusive.map((w) => foldedWords(w).join(" ")) }, communeQuestions: { mapping: phrases(slots.commune_questions.mapping), namedMapping: phrases(slots.commune_questions.named_mapping), list: phrases(slots.commune_questions.list), checks: phrases(slots.commune_questions.checks), property: phrases(slots.commune_questions.property), rows: phrases(slots.commune_questions.rows) } };
}

/** A slot named in a folded word sequence, with where it starts and ends (word indexes). */
export interface SlotMention {
  entry: SlotEntry;
  start: number;
  end: number;
}

/**
 * Slots named in the folded words: at each word the longest phrase wins, and words inside a match
 * are not matched again ("điện công nghiệp" is not also "điện").
 */
export function findSlots(lexicon: Lexicon, folded: string[], written?: string[]): SlotMention[] {
  const found: SlotMention[] = [];
  // A word typed with its diacritics is that word: "lớp mấy" is not "may" (sewing), "làm giấy tờ"
  // is not "làm giày". Words typed without them match every spelling that folds alike.
  const toned = written?.map((w) => (hasDiacritics(w) ? tonedWord(w) : undefined));
  const asWritten = (i: number, c: SlotPhrase) => !toned || c.toned.length !== c.words.length || c.toned.every((t, k) => toned[i + k] === undefined || toned[i + k] === t);
  const hitAt = (i: number) => lexicon.slots.byFirstWord.get(folded[i]!)?.find((c) => matchesAt(folded, i, c.words) && asWritten(i, c));
  for (let i = 0; i < folded.length; ) {
    let start = i;
    let hit = hitAt(i);
    // Overlapping phrases of one kind: the one reaching further right wins. A Vietnamese head word
    // comes first and its modifiers follow, so "học điện lạnh" is "điện lạnh" (refrigeration), not
    // "học điện". Across kinds the first stays ("lên đại học được" is a level, not a trade).
    for (let j = i + 1; hit && j < start + hit.words.length; j++) {
      const later = hitAt(j);
      if (later && later.entry.kind === hit.entry.kind && j + later.words.length > start + hit.words.length) {
        hit = later;
        start = j;
      }
    }
    if (hit) {
      found.push({ entry: hit.entry, start, end: start + hit.words.length });
      i = start + hit.words.length;
    } else i += 1;
  }
  return found;
}

/** Whether the folded words at `start` begin with one of the phrases. */
export function phraseAt(folded: string[], start: number, phrases: string[][]): boolean {
  return phrases.some((p) => matchesAt(folded, start, p));
}

/** Whether a folded word sequence starts with one of the phrases. */
export function startsWithPhrase(folded: string[], phrases: string[][]): boolean {
  return phrases.some((p) => matchesAt(folded, 0, p));
}

/**
 * What a correction of the previous message means: "Ý em là học hàn chứ không phải đi làm" →
 * "học hàn" (knowledge/slots.yaml `corrections`, `contrasts`), the words as written. Undefined when
 * the message does not open with a correction or leaves nothing once the opening and the part it
 * rules out are taken away.
 */
/**
 * What a message asks once it has corrected itself: "việc ca chiều ở cty may, à nhầm, ý em là ca
 * sáng ở lò bánh, lương sao" asks "ca sáng ở lò bánh, lương sao" (after the last `self_corrections`
 * phrase of knowledge/slots.yaml, and after a `corrections` opening that follows it), the words as
 * written. Undefined when the message holds no such phrase or nothing follows it.
 */
export function afterSelfCorrection(text: string, slots: Pick<SlotLists, "selfCorrectionPhrases" | "correctionPhrases" | "contrastPhrases">): string | undefined {
  const written = text.split(/\s+/).filter(Boolean);
  const folded = written.map((w) => foldedWords(w).join(" "));
  let cut = -1;
  for (let i = 0; i < written.length; i++) for (const p of slots.selfCorrectionPhrases) if (matchesAt(folded, i, p)) cut = Math.max(cut, i + p.length);
  if (cut < 0) return undefined;
  const rest = written.slice(cut).join(" ").replace(/^[\s,.;:!?-]+/, "");
  if (!foldedWords(rest).length) return undefined;
  return correctedMeaning(rest, slots) ?? rest;
}

export function correctedMeaning(text: string, slots: Pick<SlotLists, "correctionPhrases" | "contrastPhrases">): string | undefined {
  const written = text.split(/\s+/).filter(Boolean);
  const folded = written.map((w) => foldedWords(w).join(" "));
  const opening = slots.correctionPhrases.find((p) => matchesAt(folded, 0, p));
  if (!opening) return undefined;
  let end = written.length;
  for (let i = opening.length; i < written.length; i++) {
    if (slots.contrastPhrases.some((p) => matchesAt(folded, i, p))) {
      end = i;
      break;
    }
  }
  const meant = written.slice(opening.length, end).join(" ").replace(/[,.;:!?]+$/, "");
  return foldedWords(meant).length ? meant : undefined;
}

/**
 * Whether a message opens by continuing the previous one ("còn…", "vậy…"). Folding makes "Con tôi"
 * (my child) look like "Còn": a message typed with diacritics must spell the opening word as the
 * list does, and one typed without them must not open with a listed exception (`not_continuations`).
 */
export function opensWithContinuation(text: string, folded: string[], slots: SlotLists): boolean {
  if (!startsWithPhrase(folded, slots.continuationPhrases) || startsWithPhrase(folded, slots.notContinuationPhrases)) return false;
  if (!hasDiacritics(text)) return true;
  const first = words(text)[0];
  // A first word of other letters ("z" for "vậy") was expanded from teencode: nothing to compare.
  if (!first || foldWord(first) !== folded[0]) return true;
  return slots.continuationFirstWords.has(first);
}

/** Whether a folded word sequence contains one of the phrases. */
export function containsPhrase(folded: string[], phrases: string[][]): boolean {
  for (let i = 0; i < folded.length; i++) for (const p of phrases) if (matchesAt(folded, i, p)) return true;
  return false;
}

/** An empty lexicon, for tests and the plain baseline. */
export function emptyLexicon(): Lexicon {
  return buildLexicon({ groups: [], teencode: {} }, { communes: [], elsewhere: [] }, { default: "", by_topic: {} });
}

/** Concept ids whose phrases occur in the folded word sequence. */
export function findConcepts(lexicon: Lexicon, folded: string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < folded.length; i++) {
    const candidates = lexicon.phrasesByFirstWord.get(folded[i]!);
    if (!candidates) continue;
    for (const candidate of candidates) {
      if (matchesAt(folded, i, candidate.words)) found.push(candidate.concept);
    }
  }
  return found;
}

/** Communes named in a text (new names, old names, with or without diacritics). */
export function findCommunes(lexicon: Lexicon, text: string): { commune: Commune; old?: string }[] {
  const folded = foldedWords(text);
  const byFirst = communePhrasesByFirstWord(lexicon);
  const found: { commune: Commune; old?: string }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < folded.length; i++) {
    for (const phrase of byFirst.get(folded[i]!) ?? []) {
      if (!matchesAt(folded, i, phrase.words)) continue;
      const commune = lexicon.communes[phrase.commune]!;
      const key = `${commune.name}|${phrase.old ?? ""}`;
      if (!seen.has(key)) {
        seen.add(key);
        found.push({ commune, old: phrase.old });
      }
    }
  }
  return found;
}

/** The places outside former Trà Cú the text names ("co viec o cau ke khong" → "Cầu Kè"). */
export function findPlacesElsewhere(lexicon: Lexicon, text: string): string[] {
  const folded = foldedWords(text);
  return lexicon.placesElsewhere.filter((p) => p.spellings.some((words) => folded.some((_, i) => matchesAt(folded, i, words)))).map((p) => p.name);
}

const communeIndexCache = new WeakMap<Lexicon, Map<string, Lexicon["communePhrases"]>>();

/** Commune phrases of two words or more by their first word (a bare one-word match would catch ordinary words). */
function communePhrasesByFirstWord(lexicon: Lexicon): Map<string, Lexicon["communePhrases"]> {
  let index = communeIndexCache.get(lexicon);
  if (!index) {
    index = new Map();
    for (const phrase of lexicon.communePhrases) {
      if (phrase.words.length < 2) continue;
      const list = index.get(phrase.words[0]!) ?? [];
      list.push(phrase);
      index.set(phrase.words[0]!, list);
    }
    communeIndexCache.set(lexicon, index);
  }
  return index;
}

function matchesAt(words: string[], start: number, phrase: string[]): boolean {
  if (start + phrase.length > words.length) return false;
  for (let j = 0; j < phrase.length; j++) if (words[start + j] !== phrase[j]) return false;
  return true;
}

/** "Trà Cú", the former district, as words. */
const FORMER_DISTRICT = ["tra", "cu"];
/** Words that make the name that follows a commune ("xã Trà Cú", "thị trấn Trà Cú", "tt Trà Cú"). */
const COMMUNE_MARKERS = new Set(["xa", "tran", "tt"]);

/**
 * The folded text with each "Trà Cú" not preceded by a commune marker blanked out: "ở Trà Cú" is
 * the whole former district (any of its six communes), "xã Trà Cú" the commune.
 */
export function withoutBareDistrict(text: string): string {
  const words = foldedWords(text);
  for (let i = 0; i + FORMER_DISTRICT.length <= words.length; i++) {
    if (FORMER_DISTRICT.every((w, j) => words[i + j] === w) && !COMMUNE_MARKERS.has(words[i - 1] ?? "")) {
      for (let j = 0; j < FORMER_DISTRICT.length; j++) words[i + j] = "huyen";
    }
  }
  return words.join(" ");
}

/**
 * One analysis of a message, computed once and used by every answerer, follow-ups, the LLM
 * request and the query record:
 * - the act (a question, yes/no, list, comparison or "which is highest", summary, follow-up,
 *   command) and what is wanted (an amount, a count, a date, who, where…), from classifiers trained
 *   on the question bank (`knowledge/question-bank/`);
 * - the slots (trade, level, school, company, commune, audience, country, age, grade, year, month,
 *   document number) from the word lists in `knowledge/` and the Labour Office rows;
 * - negations and conditions ("không cần kinh nghiệm"), and whether the asker speaks for a child.
 *
 * ```ts
 * const a = analyzeQuestion("còn học phí thì sao?", snapshot);
 * const merged = withPrevious(a, previous.slots, previous.wanted); // a follow-up keeps the earlier slots
 * ```
 */
import { analyze } from "../knowledge/analyzer.js";
import type { KnowledgeSnapshot } from "../knowledge/knowledge-base.js";
import { containsPhrase, findCommunes, findSlots, opensWithContinuation, phraseAt, type AskingPhrase, type Lexicon, type SlotKind } from "../knowledge/lexicon.js";
import { questionFeatures, type Act, type Wanted } from "../knowledge/question-bank.js";
import type { Topic } from "../knowledge/types.js";
import { foldedKey, foldedWords, foldWord, hasDiacritics, tonedWord, words as wordsOf } from "../knowledge/vietnamese.js";
import { localIsoDate } from "../time/local-date.js";

export type { Act, Wanted };

/** A slot value named in the message. */
export interface SlotValue {
  id: string;
  /** As users read it ("nghề sửa điện thoại" is said as "sửa điện thoại"). */
  label: string;
}

export interface QuestionSlots {
  trade: SlotValue[];
  level: SlotValue[];
  school: SlotValue[];
  audience: SlotValue[];
  country: SlotValue[];
  /** A region of Vietnam ("Đồng bằng sông Cửu Long", "cả nước", "nông thôn"). */
  region: SlotValue[];
  condition: SlotValue[];
  /** New communes named (by old or new name), with the old name when the message used one. */
  commune: { name: string; old?: string }[];
  /** Companies of the Labour Office rows named in the message. */
  company: string[];
  age?: number;
  grade?: number;
  year?: number;
  /** "tháng 12" → 12. */
  month?: number;
  /**
   * The unit of the number asked ("bao nhiêu tuổi", "mấy học kỳ", "tuổi bao nhiêu"), as the first
   * phrase of its `strict_units` group (folded): a reply must name it beside a number.
   */
  unit?: string;
  /** "Nghị định 238", "4993/QĐ-UBND". */
  documentNumber?: string;
  /**
   * An organisation named by its own name that neither the spreadsheets nor the knowledge know
   * ("Công ty TNHH Bao Bì Sóc Trăng", "cty pouyuen"), as the user wrote it: a reply about other
   * organisations would not answer.
   */
  unknownOrganisation?: string;
}

export interface QuestionAnalysis {
  act: Act;
  actConfidence: number;
  /** Probability the message is a follow-up, even when another act wins. */
  followUpScore: number;
  wanted: Wanted;
  wantedConfidence: number;
  /** The classifier's topic (undefined without a model). */
  topic?: Topic;
  topicConfidence: number;
  /** Every topic with its probability (for topic votes). */
  topicScores: Map<Topic, number>;
  slots: QuestionSlots;
  /** The message negates something ("không cần kinh nghiệm", "chưa có bằng"). */
  negated: boolean;
  /** The asker speaks for a child ("con tôi…", "phụ huynh"): replies say "anh/chị". */
  parent: boolean;
  /** The message opens with a word that continues the previous one ("còn…", "vậy…"). */
  continues: boolean;
  /** The message asks how things stand now ("phòng đó giờ còn không", "hiện nay hỏi ai": `asks_present`). */
  present: boolean;
  /** Set by the engine: the message leans on the previous turn. */
  followUp: boolean;
  /** Slot kinds taken from the previous turn rather than this message. */
  carried: SlotKind[];
  /** The company named is the previous turn's ("có cần kinh nghiệm không" after a company's openings). */
  companyCarried?: boolean;
  /** Synonym groups named (knowledge/synonyms.yaml): the message's own subject words. */
  concepts: string[];
  /** Shadow form of the message, teencode expanded. */
  folded: string;
  /**
   * The clauses that ask, folded like `folded`, when the message also has clauses that only tell
   * ("Có chỗ nào tuyển làm ca đêm không, ban ngày tui phải đưa đón con" asks its first clause):
   * what a reply must give is read from them. Undefined when every clause asks, or none does.
   */
  asking?: string;
}

/** A wanted value counts only when the classifier is at least this sure. */
export const WANTED_MIN_CONFIDENCE = 0.5;

const EMPTY_SLOTS = (): QuestionSlots => ({ trade: [], level: [], school: [], audience: [], country: [], region: [], condition: [], commune: [], company: [] });

/** Analyses one message (no previous turn: see `withPrevious`). */
export function analyzeQuestion(text: string, snapshot: KnowledgeSnapshot): QuestionAnalysis {
  const { lexicon, questionModels } = snapshot;
  const analysis = analyze(text, lexicon, { query: true });
  const words = analysis.folded;
  const folded = words.join(" ");
  const features = questionFeatures(text, lexicon);
  const act = questionModels.act?.predict(features);
  const wanted = questionModels.wanted?.predict(features);
  const topic = questionModels.topic?.predict(features);

  const slots = EMPTY_SLOTS();
  // The words as typed, when teencode left them one for one with the folded ones.
  const written = wordsOf(text);
  for (const mention of findSlots(lexicon, words, written.length === words.length ? written : undefined)) {
    const list = slots[mention.entry.kind];
    if (!list.some((s) => s.id === mention.entry.id)) list.push({ id: mention.entry.id, label: mention.entry.label });
  }
  // Khmer are a minority people: a rule for "dân tộc thiểu số" covers them.
  if (slots.audience.some((a) => a.id === "khmer") && !slots.audience.some((a) => a.id === "dtts")) {
    slots.audience.push({ id: "dtts", label: "người dân tộc thiểu số" });
  }
  for (const { commune, old } of findCommunes(lexicon, text)) {
    // "Đại An" is the new commune and an old one of the same name: once, as the new one.
    if (slots.commune.some((c) => c.name === commune.name && (!old || foldedKey(old).endsWith(foldedKey(commune.short))))) continue;
    slots.commune.push({ name: commune.name, ...(old && !foldedKey(old).endsWith(foldedKey(commune.short)) ? { old } : {}) });
  }
  // Names are read before teencode: "E" in "Thủy Sản E" is a letter, not "em".
  const raw = written.map(foldWord);
  const keys = nameKeys(snapshot);
  // A name's last two words alone must be told from everyday words ("chưa có" is no "Chùa Cổ"): by
  // their tones when the message has them, else by being words every kind of question uses.
  const tails: TailCheck = { everyday: everydayWords(snapshot), ...(hasDiacritics(text) ? { toned: written.map((w) => tonedWord(w.toLowerCase())) } : {}) };
  slots.company = organisationsNamed(raw, keys.companies, keys.documents, keys.places, keys.shared, true, tails);
  // A school's name shared with the documents ("GDNN-GDTX", "Trà Cú") names the kind, not that school.
  for (const name of organisationsNamed(raw, keys.institutions, keys.documents, keys.places, keys.shared, false, tails)) slots.school.push({ id: `row:${name}`, label: name });
  if (!slots.company.length && !slots.school.length) {
    const unknown = unknownOrganisation(text, snapshot);
    if (unknown) slots.unknownOrganisation = unknown;
  }
  Object.assign(slots, numbers(folded));
  const unit = unitAsked(words, snapshot);
  if (unit) slots.unit = unit;

  return {
    act: (act?.label as Act) ?? "question",
    actConfidence: act?.probability ?? 0,
    followUpScore: act?.ranked.find((r) => r.label === "follow_up")?.probability ?? 0,
    wanted: quantityAsked(words, snapshot) ?? (wanted && wanted.probability >= WANTED_MIN_CONFIDENCE ? (wanted.label as Wanted) : "none"),
    wantedConfidence: wanted?.probability ?? 0,
    topic: topic?.label as Topic | undefined,
    topicConfidence: topic?.probability ?? 0,
    topicScores: new Map((topic?.ranked ?? []).map((r) => [r.label as Topic, r.probability])),
    slots,
    negated: negates(words),
    parent: containsPhrase(words, lexicon.slots.parentPhrases),
    continues: opensWithContinuation(text, words, lexicon.slots),
    present: containsPhrase(words, lexicon.slots.asksPresent),
    followUp: false,
    carried: [],
    concepts: analysis.concepts,
    folded,
    ...askingPart(text, snapshot),
  };
}

/** Clause breaks: punctuation, and " - " between clauses. */
const CLAUSE_BREAK = /[,;:.!?\n]+|\s[-–]\s/;

/** `asking` of `QuestionAnalysis`: the message's asking clauses, when some clause only tells. */
function askingPart(text: string, snapshot: KnowledgeSnapshot): { asking?: string } {
  if (!CLAUSE_BREAK.test(text.trim().replace(/[.!?\s]+$/, ""))) return {};
  const { asking } = snapshot.lexicon.slots;
  // A clause followed by "?" asks, whatever its words.
  const parts = text.split(/(?<=[,;:.!?\n])|(?=\s[-–]\s)/);
  const clauses = parts.map((p) => ({ text: p.replace(/^\s*[-–]\s/, ""), marked: /\?\s*$/.test(p) })).filter((c) => foldedWords(c.text).length > 0);
  if (clauses.length < 2) return {};
  // In a message typed with diacritics a word without them is written as meant ("học may").
  const toned = hasDiacritics(text);
  const asks = clauses.map((c) => c.marked || clauseAsks(c.text, asking, toned));
  if (asks.every(Boolean) || !asks.some(Boolean)) return {};
  const askingText = clauses.filter((_, i) => asks[i]).map((c) => c.text.trim()).join(" ");
  return { asking: analyze(askingText, snapshot.lexicon, { query: true }).folded.join(" ") };
}

/**
 * The clauses of a message that ask, cut at punctuation and at the words joining two questions
 * (knowledge/slots.yaml `asking.joins`: "lớp làm móng học phí bao nhiêu và học xong tiệm nào đang
 * tuyển thợ?"): two or more, else none. (Typed without tones only "va" joins: "con" is also a child.)
 */
export function askingClauses(text: string, snapshot: KnowledgeSnapshot): string[] {
  const { asking } = snapshot.lexicon.slots;
  const toned = hasDiacritics(text);
  const joins = new Set(toned ? asking.joins.toned : asking.joins.plain);
  const pieces = text.split(CLAUSE_BREAK).flatMap((part) => {
    const out: string[][] = [[]];
    for (const word of part.split(" ")) {
      if (joins.has(word.toLocaleLowerCase("vi").normalize("NFC"))) out.push([]);
      else out.at(-1)!.push(word);
    }
    return out.map((w) => w.join(" "));
  });
  const clauses = pieces.map((p) => p.trim()).filter((p) => foldedWords(p).length >= 2 && clauseAsks(p, asking, toned));
  return clauses.length >= 2 ? clauses : [];
}

/**
 * Whether a clause asks: a question word in it, or a word that asks only at its end ("… không ạ").
 * A word typed with its diacritics must be the phrase's word: "học may" (sewing) is no "mấy".
 */
function clauseAsks(text: string, asking: Lexicon["slots"]["asking"], toned: boolean): boolean {
  const folded = foldedWords(text);
  const written = wordsOf(text.toLocaleLowerCase("vi"));
  const typed = toned && written.length === folded.length ? written.map(tonedWord) : [];
  const at = (p: AskingPhrase, start: number) => p.words.every((w, k) => folded[start + k] === w && (typed[start + k] === undefined || typed[start + k] === p.toned[k]));
  if (asking.words.some((p) => folded.some((_, i) => i + p.words.length <= folded.length && at(p, i)))) return true;
  let end = folded.length;
  while (end > 0 && asking.particles.has(folded[end - 1]!)) end -= 1;
  return asking.final.some((p) => p.words.length <= end && at(p, end - p.words.length));
}

/** Whether the message names any slot of its own (then it stands on its own more often). */
export function namesOwnSlots(a: QuestionAnalysis): boolean {
  const s = a.slots;
  return [s.trade, s.country, s.company, s.commune, s.school, s.audience].some((l) => l.length > 0);
}

/** Key slots: a reply must agree with the question on these. */
export const KEY_SLOTS: SlotKind[] = ["country", "trade", "audience", "level"];

/**
 * A follow-up's analysis: this message's wanted value and slots, and the earlier turn's slots for
 * the kinds this message does not name ("còn học phí thì sao?" after a welding question asks the
 * welding course's fee). A message naming its own trade replaces the earlier trade.
 */
export function withPrevious(
  current: QuestionAnalysis,
  previous: Partial<QuestionSlots> | undefined,
  previousWanted?: Wanted,
  /** Whether a company has rows in one of these communes (the Labour Office's openings): see below. */
  companyIn?: (company: string, communes: QuestionSlots["commune"]) => boolean,
): QuestionAnalysis {
  const slots: QuestionSlots = { ...current.slots };
  const carried: SlotKind[] = [];
  let companyCarried = false;
  if (previous) {
    for (const kind of ["trade", "level", "school", "audience", "country", "region", "condition"] as SlotKind[]) {
      const earlier = previous[kind];
      if (!slots[kind].length && earlier?.length) {
        slots[kind] = earlier;
        carried.push(kind);
      }
    }
    // "Còn thợ hàn ở Tập Sơn thì sao" after a shipyard's openings asks that place's rows, whoever
    // the employer: a commune of its own where the earlier company has no opening ends that company
    // ("làm ở Phước Hưng là vị trí nào" after its openings still asks the company's).
    const ownCommunes = slots.commune;
    const companyThere = !ownCommunes.length || !companyIn || (previous.company ?? []).some((c) => companyIn(c, ownCommunes));
    if (!slots.commune.length && previous.commune?.length) slots.commune = previous.commune;
    if (!slots.company.length && previous.company?.length && companyThere) {
      slots.company = previous.company;
      companyCarried = true;
    }
    for (const key of ["age", "grade", "year", "month", "documentNumber"] as const) {
      if (slots[key] === undefined && previous[key] !== undefined) (slots as unknown as Record<string, unknown>)[key] = previous[key];
    }
  }
  const wanted = current.wanted === "none" && previousWanted ? previousWanted : current.wanted;
  return { ...current, slots, carried, ...(companyCarried ? { companyCarried } : {}), wanted, followUp: true };
}

/** The slots worth keeping for the next turn (small: stored with the conversation turn). */
export function slotsToKeep(slots: QuestionSlots): Partial<QuestionSlots> {
  const out: Partial<QuestionSlots> = {};
  for (const [key, value] of Object.entries(slots) as [keyof QuestionSlots, unknown][]) {
    if (Array.isArray(value) ? value.length : value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/**
 * The analysis as a short text block for the LLM request (`analysisBlock`): what is asked, for
 * what, about what. No message text.
 */
export function renderAnalysis(a: QuestionAnalysis): string {
  const lines = [`act: ${a.act}`, `wanted: ${a.wanted}`];
  if (a.topic) lines.push(`topic: ${a.topic}`);
  const named = (list: SlotValue[]) => list.map((s) => s.label).join(", ");
  const s = a.slots;
  if (s.trade.length) lines.push(`trade: ${named(s.trade)}`);
  if (s.level.length) lines.push(`level: ${named(s.level)}`);
  if (s.school.length) lines.push(`school: ${named(s.school)}`);
  if (s.audience.length) lines.push(`audience: ${named(s.audience)}`);
  if (s.country.length) lines.push(`country: ${named(s.country)}`);
  if (s.region.length) lines.push(`region: ${named(s.region)}`);
  if (s.condition.length) lines.push(`condition: ${named(s.condition)}`);
  if (s.commune.length) lines.push(`commune: ${s.commune.map((c) => (c.old ? `${c.old} (cũ, nay ${c.name})` : c.name)).join(", ")}`);
  if (s.company.length) lines.push(`company: ${s.company.join(", ")}`);
  for (const key of ["age", "grade", "year", "month", "documentNumber"] as const) if (s[key] !== undefined) lines.push(`${key}: ${s[key]}`);
  if (a.negated) lines.push("negated: yes");
  if (a.followUp) lines.push(`follow-up: yes${a.carried.length ? ` (kept from the previous turn: ${a.carried.join(", ")})` : ""}`);
  if (a.parent) lines.push("asker: parent");
  return lines.join("\n");
}

// === slots read from the words ===

/**
 * "bao nhiêu người", "mấy tháng", "ngày mấy": the unit next to the question word says what is
 * wanted (word lists in knowledge/slots.yaml); undefined when no unit is there.
 */
/** Where the noun counted by a number word at `i` stands ("mấy chỗ", "bao nhiêu người"): i + 1, or -1. */
export function nounAfterNumberWord(words: string[], i: number): number {
  return words[i] === "may" || (words[i] === "nhieu" && words[i - 1] === "bao") ? i + 1 : -1;
}

function quantityAsked(words: string[], snapshot: KnowledgeSnapshot): Wanted | undefined {
  const units = snapshot.lexicon.slots.quantities;
  for (let i = 0; i < words.length; i++) {
    // (A message opening with "may" is more often the trade than "mấy".)
    const after = i > 0 || words[i] !== "may" ? nounAfterNumberWord(words, i) : -1;
    // "mấy chỗ đó" points back at rows ("those places"); it asks no number.
    if (after >= 0 && !["do", "nay", "kia", "day"].includes(words[after + 1] ?? "")) {
      for (const wanted of ["count", "amount", "duration"] as const) if (phraseAt(words, after, units.get(wanted) ?? [])) return wanted;
    }
    // "ngày mấy", "ngày nào": the unit comes first.
    if ((words[i] === "may" || words[i] === "nao") && i > 0 && phraseAt(words, i - 1, units.get("date") ?? [])) return "date";
  }
  return undefined;
}

/** Words that ask for a number: "bao nhiêu", "mấy", "nhiêu". */
function asksNumberAt(words: string[], i: number): number {
  if (words[i] === "bao" && words[i + 1] === "nhieu") return 2;
  if (words[i] === "may" || words[i] === "nhieu") return 1;
  return 0;
}

/**
 * The strict unit of the number asked: right after the question word ("mấy học kỳ") or up to three
 * words before it ("giới hạn tuổi là bao nhiêu"). Undefined when none is named.
 */
function unitAsked(words: string[], snapshot: KnowledgeSnapshot): string | undefined {
  const groups = snapshot.lexicon.slots.strictUnits;
  if (!groups.length) return undefined;
  const unitAt = (at: number) => groups.find((group) => phraseAt(words, at, group));
  for (let i = 0; i < words.length; i++) {
    const span = asksNumberAt(words, i);
    if (!span) continue;
    // "mấy" alone is also "máy" (a machine) without diacritics: only a unit right after it counts.
    const after = unitAt(i + span);
    if (after) return after[0]!.join(" ");
    if (words[i] === "may") continue;
    for (let back = i - 1; back >= Math.max(0, i - 3); back--) {
      const before = unitAt(back);
      if (before) return before[0]!.join(" ");
    }
  }
  return undefined;
}

const DOCUMENT_KINDS = new Set(["nghi dinh", "quyet dinh", "chi thi", "nghi quyet", "thong tu", "luat", "ke hoach", "nd", "qd", "kh", "ct", "nq", "tt"]);

/** Words after a number that make it a count of something, not a person's age ("mới 20 ngày"). */
const COUNTED_AFTER = new Set(["thang", "nam", "ngay", "tuan", "trieu", "tr", "nghin", "ngan", "k", "dong", "d", "gio", "h", "phut", "nguoi", "lan", "km", "cay", "m", "phan", "diem", "lop", "kg", "ky", "buoi", "ca", "cho", "suat", "tieng", "con", "dua", "chau", "nha", "ho", "xa", "cong", "ty"]);

/**
 * The asker's (or their child's) age: "17 tuổi", or a bare number after "mới", "nay" ("con gái tôi
 * mới 17 thì sao", "năm nay 19") that no unit follows. "Đủ 18 tuổi", "từ 18 tuổi" quote a rule.
 */
export function ageStated(folded: string): number | undefined {
  const words = folded.split(" ");
  for (let i = 0; i < words.length; i++) {
    if (!/^\d{2}$/.test(words[i]!)) continue;
    const n = Number(words[i]);
    if (n < 14 || n > 70) continue;
    const before = words[i - 1] ?? "";
    const after = words[i + 1] ?? "";
    if (after === "tuoi" && !["du", "tu", "tren", "duoi"].includes(before)) return n;
    if ((before === "moi" || before === "nay") && !COUNTED_AFTER.has(after) && after !== "tuoi") return n;
  }
  return undefined;
}

/** Numbers with their unit word: an age, a grade, a year, a month, a document number. */
function numbers(folded: string): Partial<QuestionSlots> {
  const out: Partial<QuestionSlots> = {};
  const words = folded.split(" ");
  const age = ageStated(folded);
  if (age !== undefined) out.age = age;
  words.forEach((w, i) => {
    if (!/^\d+$/.test(w)) return;
    const n = Number(w);
    const before = words[i - 1] ?? "";
    const before2 = `${words[i - 2] ?? ""} ${before}`;
    const after = words[i + 1] ?? "";
    // "18 tuổi" after "đủ", "từ", "trên", "dưới" quotes a rule, not the asker's age.
    if (after === "tuoi") return;
    if (before === "lop" && n >= 1 && n <= 12) out.grade ??= n;
    else if (before === "thang" && n >= 1 && n <= 12) out.month ??= n;
    else if (n >= 1990 && n <= 2100 && w.length === 4) out.year ??= n;
    else if ((DOCUMENT_KINDS.has(before) || DOCUMENT_KINDS.has(before2) || before === "so") && n >= 2) out.documentNumber ??= w;
  });
  return out;
}

/** "không cần", "chưa có", "không phải": a negation inside the message, not the closing "…không?". */
function negates(words: string[]): boolean {
  return words.some((w, i) => (w === "khong" || w === "chua") && i < words.length - 1 && !["a", "ad", "ban", "vay", "nhi", "ha"].includes(words[i + 1]!));
}

/** Words of a company or school name that say only what kind of organisation it is. */
/**
 * Legal forms and kinds of organisation, as phrases taken out of a name as a whole: "đại học" goes,
 * the "Đại" of "Đại An" stays ("Trường Trung cấp Thử Nghiệm Đại An" is named by "Thử Nghiệm Đại An").
 */
const LEGAL_FORMS: string[][] = [
  "mot thanh vien", "hop tac xa", "doanh nghiep", "cong ty", "co phan", "tu nhan", "thanh vien", "trung cap nghe", "cao dang nghe", "trung tam", "trung cap",
  "cao dang", "dai hoc", "day nghe", "nha hang", "cua hang", "sieu thi", "co so", "tnhh", "cp", "mtv", "truong", "xuong",
].map((p) => p.split(" ")).sort((a, b) => b.length - a.length);

/** A name's folded words without its legal form and kind (`LEGAL_FORMS`). */
function withoutLegalForms(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    const form = LEGAL_FORMS.find((p) => p.every((w, k) => words[i + k] === w));
    if (form) i += form.length;
    else out.push(words[i++]!);
  }
  return out;
}
/** Kinds of administrative place written before a place's name ("phường Duyên Hải", "tỉnh Bến Tre"). */
const PLACE_KINDS = ["phuong", "xa", "huyen", "tinh", "thi xa", "thi tran", "thanh pho", "tp"];
/** Words that introduce an organisation's own name: "cty giày da", "nhà hàng Bến Sông Hậu". */
const ORGANISATION_LEADS = ["cong ty", "ty", "cty", "cua hang", "nha hang", "sieu thi", "xuong", "hop tac xa", "htx", "co so", "truong", "trung tam", "doanh nghiep"];
/** Words that say the question is about work: then a name shared with a place still names the employer. */
const JOB_WORDS = new Set(["tuyen", "viec", "lam", "luong", "nhan", "cty", "ty", "xin", "nop"]);

interface NameKey {
  name: string;
  words: string[];
}

/** Names by each of their distinctive words: a question is checked only against names sharing a word. */
type NameIndex = Map<string, NameKey[]>;

interface NameKeys {
  companies: NameIndex;
  institutions: NameIndex;
  documents: string;
  /** Folded commune and district names. */
  places: Set<string>;
  /** Word pairs found in two or more organisations' names ("Trà Vinh", "Cửu Long"): they name none. */
  shared: Set<string>;
}

const nameKeysCache = new WeakMap<KnowledgeSnapshot, NameKeys>();

function indexNames(names: string[]): NameIndex {
  const index: NameIndex = new Map();
  for (const name of new Set(names)) {
    const key: NameKey = { name, words: withoutKindPairs(withoutLegalForms(foldedWords(name))) };
    for (const w of new Set(key.words)) {
      const list = index.get(w) ?? [];
      list.push(key);
      index.set(w, list);
    }
  }
  return index;
}

/** Pairs of a name that say what the organisation does in general ("Dịch vụ", "Thương mại"): "trung tâm dịch vụ việc làm" names no "Công ty Dịch vụ Bảo vệ". */
const KIND_PAIRS = new Set(["dich vu", "thuong mai", "san xuat", "xuat nhap", "nhap khau", "dau tu"]);

function withoutKindPairs(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (i + 1 < words.length && KIND_PAIRS.has(`${words[i]} ${words[i + 1]}`)) {
      i++;
      continue;
    }
    out.push(words[i]!);
  }
  return out;
}

/** Word pairs that occur in the names of two or more different organisations. */
function sharedPairs(names: string[]): Set<string> {
  const seen = new Map<string, number>();
  for (const name of new Set(names)) {
    const words = withoutLegalForms(foldedWords(name));
    const pairs = new Set(words.slice(1).map((w, i) => `${words[i]} ${w}`));
    for (const pair of pairs) seen.set(pair, (seen.get(pair) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, n]) => n >= 2).map(([pair]) => pair));
}

function nameKeys(snapshot: KnowledgeSnapshot): NameKeys {
  let keys = nameKeysCache.get(snapshot);
  if (!keys) {
    keys = {
      companies: indexNames(snapshot.labour.jobs.map((j) => j.company)),
      institutions: indexNames(snapshot.labour.courses.map((c) => c.institution)),
      // Word pairs the documents use ("Định An", "Cửu Long") are places before they are employers.
      documents: ` ${snapshot.chunks.filter((c) => c.kind !== "labour").map((c) => foldedKey(c.text)).join(" ")} `,
      // "Garage … Trà Cú" is not named by "Trà Cú": a place name identifies no organisation.
      shared: sharedPairs([...snapshot.labour.jobs.map((j) => j.company), ...snapshot.labour.courses.map((c) => c.institution)]),
      // A place of three words is named by its last two as well ("… Thử Nghiệm An Quảng Hữu" ends in "Quảng Hữu").
      places: new Set(
        ["tra cu", ...snapshot.lexicon.communes.flatMap((c) => [c.short, ...c.formedFrom.map((o) => o.short)]).map((n) => foldedKey(n))].flatMap((n) => {
          const w = n.split(" ");
          return w.length >= 3 ? [n, w.slice(-2).join(" ")] : [n];
        }),
      ),
    };
    nameKeysCache.set(snapshot, keys);
  }
  return keys;
}

/** How a name's words are told from everyday words: the everyday words, and the message's toned words when it has diacritics. */
interface TailCheck {
  everyday: Set<string>;
  toned?: string[];
}

/** Whether the tail found is the name's own: as written with its tones, or (typed without) not two everyday words. */
function tailIsName(name: string, tail: string[], check: TailCheck | undefined): boolean {
  if (!check) return true;
  if (!check.toned) return !tail.every((w) => check.everyday.has(w));
  const own = wordsOf(name).map((w) => tonedWord(w.toLowerCase())).slice(-2).join(" ");
  return ` ${check.toned.join(" ")} `.includes(` ${own} `);
}

/** Longest message read for a name by one word after its lead and its place: longer ones tell a story ("tôi làm công ty giày ở Bình Dương 8 năm…"). */
const NAME_BY_LEAD_AND_PLACE_MAX_WORDS = 12;

/**
 * Organisations named, by the distinctive words of their name: two words of the name right after
 * "công ty", "nhà hàng", "trường"… ("cty giày da"), or the name's last two words in order ("Sao Mai",
 * "May A") when they are not a phrase the documents use for something else, or the question is about
 * work; the whole distinctive name; or, in a short message, one word after the lead and the name's
 * place ("cty giày ở Định An"). `tails` tells a name's words from everyday ones (`TailCheck`).
 */
function organisationsNamed(words: string[], index: NameIndex, documents: string, places: Set<string>, shared: Set<string>, workCounts = true, tails?: TailCheck): string[] {
  const found: string[] = [];
  const text = ` ${words.join(" ")} `;
  const aboutWork = workCounts && words.some((w) => JOB_WORDS.has(w));
  const candidates = new Set<NameKey>();
  for (const w of new Set(words)) for (const key of index.get(w) ?? []) candidates.add(key);
  // Typed with its tones, a word after the lead is the name's only as the name writes it: "Nhà hàng
  // ở Đại An" is no "Garage Ô tô … Đại Phát", though "ở" folds like "Ô".
  const writtenAsName = (name: string, lead: string, next: string[]) => {
    if (!tails?.toned) return true;
    const leadWords = lead.split(" ");
    const at = words.findIndex((_, i) => leadWords.every((w, k) => words[i + k] === w));
    // (A word typed without tones in a message with some, "Xưởng co khi", may still be the name's.)
    return next.every((w, k) => {
      const written = tails.toned![at + leadWords.length + k];
      const own = wordsOf(name).find((n) => foldWord(n.toLowerCase()) === w);
      return own !== undefined && (written === w || tonedWord(own.toLowerCase()) === written);
    });
  };
  for (const { name, words: key } of candidates) {
    if (key.length < 2) continue;
    const keySet = new Set(key);
    const afterLead = ORGANISATION_LEADS.some((lead) => {
      const at = text.indexOf(` ${lead} `);
      if (at < 0) return false;
      const next = text.slice(at + lead.length + 2).split(" ").slice(0, 2);
      // (A pair the documents use for something else, "sông Hậu" the river, still names it after the
      // lead, "trường Sông Hậu", unless the documents write the lead before it too.)
      return next.length === 2 && next.every((w) => keySet.has(w)) && !places.has(next.join(" ")) && !shared.has(next.join(" ")) && (aboutWork || !documents.includes(` ${lead} ${next.join(" ")} `)) && writtenAsName(name, lead, next);
    });
    const tail = ` ${key.slice(-2).join(" ")} `;
    // "Cty giày ở Định An": one word of the name after the lead, and the name's last two words (a
    // place, alone no name) elsewhere in a short message. The word must be the name's as written ("giày",
    // not "giấy") or, typed without diacritics, no word of every kind of question; and the lead and
    // word no kind the documents name ("trung tâm GDNN").
    const leadAndPlace = () =>
      key.length >= 3 &&
      words.length <= NAME_BY_LEAD_AND_PLACE_MAX_WORDS &&
      text.includes(tail) &&
      tailIsName(name, key.slice(-2), tails) &&
      ORGANISATION_LEADS.some((lead) => {
        const leadWords = lead.split(" ");
        const at = words.findIndex((_, i) => leadWords.every((w, k) => words[i + k] === w));
        const next = at < 0 ? undefined : words[at + leadWords.length];
        if (next === undefined || !key.slice(0, -2).includes(next) || documents.includes(` ${lead} ${next} `)) return false;
        if (!tails) return true;
        if (!tails.toned) return !tails.everyday.has(next);
        const own = wordsOf(name).find((w) => foldWord(w) === next);
        return own !== undefined && tonedWord(own.toLowerCase()) === tails.toned[at + leadWords.length];
      });
    // ("Ở phường Duyên Hải" writes a place, not "Công ty … Duyên Hải": a kind of place before it.)
    const byTail = text.includes(tail) && !places.has(tail.trim()) && !shared.has(tail.trim()) && !PLACE_KINDS.some((kind) => text.includes(` ${kind}${tail}`)) && (aboutWork || !documents.includes(tail)) && tailIsName(name, key.slice(-2), tails);
    // The whole distinctive name written out ("Tiệm Sửa xe Thử Nghiệm Tân Hiệp") names it, even when
    // it ends in a place or a pair other names share: three words or more in order are no accident.
    const whole = key.length >= 3 && text.includes(` ${key.join(" ")} `);
    if (afterLead || byTail || whole || leadAndPlace()) found.push(name);
  }
  return found;
}

/** Words after an organisation's lead that say its kind or level, not its name ("trung cấp", "TNHH"). */
const KIND_WORDS = new Set(["nghe", "thpt", "thcs", "gdtx", "gdnn", "pt", "dtnt", "xkld", "ubnd"]);

/**
 * How many words at `j` say an organisation's kind: a whole legal form ("cổ phần", "cơ sở") or one
 * kind word ("nghề", "THPT"); 0 when none. Legal forms are matched whole, never word by word: "có"
 * and "đang" alone are everyday words ("ở trường có nghe …" names no school "có nghe").
 */
function kindWordsAt(folded: string[], j: number): number {
  const form = LEGAL_FORMS.find((p) => p.every((w, k) => folded[j + k] === w));
  if (form) return form.length;
  return KIND_WORDS.has(folded[j] ?? "") ? 1 : 0;
}

const organisationWordsCache = new WeakMap<KnowledgeSnapshot, { names: Set<string>; namePairs: Set<string>; vocabulary: Set<string> }>();

/**
 * `names`: words that stand in a known organisation's name or describe one (the spreadsheets'
 * companies, schools and positions, the slot lists' schools and trades, the communes and provinces,
 * and the capitalised names in the documents: "Trung tâm Lao động ngoài nước"). `vocabulary`: every
 * word of the knowledge and of those names.
 */
function organisationWords(snapshot: KnowledgeSnapshot): { names: Set<string>; namePairs: Set<string>; vocabulary: Set<string> } {
  let words = organisationWordsCache.get(snapshot);
  if (!words) {
    const { labour, lexicon } = snapshot;
    const texts = [
      ...labour.jobs.flatMap((j) => [j.company, j.position]),
      ...labour.courses.flatMap((c) => [c.institution, c.trade]),
      ...labour.demand.map((d) => d.trade),
      ...lexicon.slots.entries.filter((e) => e.kind === "school" || e.kind === "trade").map((e) => e.label),
      ...lexicon.communes.flatMap((c) => [c.name, c.short, ...c.formedFrom.map((o) => o.short)]),
      "Trà Vinh Vĩnh Long Bến Tre Trà Cú Cửu Long Sóc Trăng",
    ];
    const documents = snapshot.chunks.filter((c) => c.kind !== "labour").map((c) => c.text);
    // Names in the documents: capitalised words inside a sentence ("Trung tâm Lao động ngoài
    // nước"), not the first word of a sentence or heading ("Kinh phí thực hiện…").
    const capitalisedInDocuments = documents.flatMap((t) => [...t.matchAll(/(?<![.!?:\n]\s*|^\s*)(?<=[\p{L}\p{N},)\]-]\s+)\p{Lu}[\p{L}\p{N}]*/gu)].map((m) => m[0]));
    // Names are compared as written (lower case, with diacritics): "Bì" is not "bị" of "thiết bị".
    const written = (t: string) => t.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const names = new Set([...texts, ...capitalisedInDocuments].flatMap(written));
    const vocabulary = new Set([...texts, ...documents].flatMap((t) => foldedWords(t)));
    // Two neighbouring words of a known name, folded: "Song Hau" typed without diacritics is the
    // known "Sông Hậu"; "Phu Vinh", each word known alone, names nothing known.
    // (The documents' runs of capitalised words are names too: "Bộ Giáo dục", "Cửu Long".)
    const capitalisedRuns = documents.flatMap((t) => [...t.matchAll(/\p{Lu}[\p{L}\p{N}]*(?:\s+\p{Lu}[\p{L}\p{N}]*)+/gu)].map((m) => m[0]));
    const namePairs = new Set([...texts, ...capitalisedRuns].flatMap((t) => {
      const w = foldedWords(t);
      return w.slice(1).map((x, k) => `${w[k]} ${x}`);
    }));
    words = { names, namePairs, vocabulary };
    organisationWordsCache.set(snapshot, words);
  }
  return words;
}

/**
 * The organisation a message names by a name nothing in the knowledge has: after a lead ("công
 * ty", "trường", "cty"…) and its kind words, the words of its name, up to a punctuation mark:
 * capitalised words the known names (spreadsheets, slot lists, communes, names in the documents)
 * never use, or words typed in lower case that no document, name or common question has
 * ("cty pouyuen"). "Xưởng mộc nào tuyển" names a kind of workshop, not one: no name.
 */
function unknownOrganisation(text: string, snapshot: KnowledgeSnapshot): string | undefined {
  const matches = [...text.normalize("NFC").matchAll(/[\p{L}\p{N}]+/gu)];
  const tokens = matches.map((m) => m[0]);
  const folded = tokens.map((t) => foldWord(t.toLowerCase()));
  // A punctuation mark between two words ends a name ("trường nghề. Vậy…").
  const breakBefore = (k: number) => k > 0 && /[.,;:!?()[\]]/.test(text.normalize("NFC").slice(matches[k - 1]!.index! + tokens[k - 1]!.length, matches[k]!.index!));
  const everyday = everydayWords(snapshot);
  const { names, namePairs, vocabulary } = organisationWords(snapshot);
  const capitalised = (t: string) => t[0] !== t[0]!.toLowerCase();
  // A capitalised word typed without diacritics ("Song Hau").
  const plain = (k: number) => k >= 0 && k < folded.length && capitalised(tokens[k]!) && /^[a-z0-9]+$/i.test(tokens[k]!);
  for (let i = 0; i < folded.length; i++) {
    const lead = ORGANISATION_LEADS.find((l) => l.split(" ").every((w, k) => folded[i + k] === w));
    if (!lead) continue;
    let j = i + lead.split(" ").length;
    // Its kind words ("trường trung cấp nghề …"), a whole legal form at a time, up to a punctuation mark.
    while (j < folded.length) {
      const n = kindWordsAt(folded, j);
      if (!n || Array.from({ length: n }, (_, k) => breakBefore(j + k)).some(Boolean)) break;
      j += n;
    }
    let unknown = false;
    const start = j;
    while (j < folded.length && j - start < 6 && !breakBefore(j)) {
      const word = folded[j]!;
      // Another lead starts no name of this one: "ra trường cty nào tuyển" asks which company.
      if (ORGANISATION_LEADS.includes(word)) break;
      // (A word typed without diacritics is known with its capitalised neighbour as a pair of a known name.)
      const pairKnown = plain(j) && ((plain(j - 1) && namePairs.has(`${folded[j - 1]} ${word}`)) || (plain(j + 1) && namePairs.has(`${word} ${folded[j + 1]}`)));
      if (capitalised(tokens[j]!)) unknown ||= !names.has(tokens[j]!.toLowerCase()) && !pairKnown;
      else if (!everyday.has(word) && !vocabulary.has(word) && !/\d/.test(word) && word.length >= 3) unknown = true;
      else break;
      j++;
    }
    if (unknown) {
      // The name as written runs on through its capitalised words ("Kinh tế - Kỹ thuật Trà Cú").
      const named = (k: number) => k < folded.length && !breakBefore(k) && capitalised(tokens[k]!);
      while (j - start < 8 && (named(j) || (j + 1 < folded.length && !breakBefore(j) && named(j + 1)))) j++;
      return tokens.slice(i, j).join(" ");
    }
    i = Math.max(i, j - 1);
  }
  return undefined;
}

/** How many question-bank examples use a word for it to be a word of asking. */
const EVERYDAY_EXAMPLES = 4;

interface BankVocabulary {
  /** Every word of the examples but their place names. */
  common: Set<string>;
  /** Words of four or more examples, and the pairs of them the examples or documents write. */
  everyday: Set<string>;
}

const bankVocabularyCache = new WeakMap<KnowledgeSnapshot, BankVocabulary>();

/** The question bank's words, read once per knowledge snapshot for both uses below. */
function bankVocabulary(snapshot: KnowledgeSnapshot): BankVocabulary {
  let vocabulary = bankVocabularyCache.get(snapshot);
  if (!vocabulary) {
    const common = new Set<string>();
    const counts = new Map<string, number>();
    for (const e of snapshot.questionBank) {
      const words = analyze(e.text, snapshot.lexicon, { query: true }).folded;
      // Without the place names of the examples ("ở Tập Sơn"): "thợ sơn" is not a common way of asking.
      const places = new Set(findCommunes(snapshot.lexicon, e.text).flatMap(({ commune, old }) => foldedWords(`${commune.short} ${old ?? ""}`)));
      for (const w of words) if (!places.has(w)) common.add(w);
      for (const w of new Set(words)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    const everyday = new Set([...counts].filter(([, n]) => n >= EVERYDAY_EXAMPLES).map(([w]) => w));
    // Pairs of such words that the examples or the documents write together ("tiếng Khmer", "cảm
    // ơn") are everyday too; a pair written nowhere ("cắm hoa": "cam" of "cảm ơn", "hoa" of "văn
    // hóa") may still name a trade.
    const texts = [...snapshot.questionBank.map((e) => e.text), ...snapshot.chunks.filter((c) => c.kind !== "labour").map((c) => c.text)];
    for (const text of texts) {
      const words = foldedWords(text);
      for (let i = 0; i + 1 < words.length; i++) if (everyday.has(words[i]!) && everyday.has(words[i + 1]!)) everyday.add(`${words[i]} ${words[i + 1]}`);
    }
    vocabulary = { common, everyday };
    bankVocabularyCache.set(snapshot, vocabulary);
  }
  return vocabulary;
}

/** The words of the question bank's examples, folded: how users commonly ask ("mức lương", "ra sao"). */
export function questionWords(snapshot: KnowledgeSnapshot): Set<string> {
  return bankVocabulary(snapshot).common;
}

/**
 * Words of many question-bank examples (four or more): the words of asking itself ("cấp" of "học
 * cấp 3", "đại" of "đại học"), which name no trade or organisation even when a label has them.
 */
export function everydayWords(snapshot: KnowledgeSnapshot): Set<string> {
  return bankVocabulary(snapshot).everyday;
}

/** Folded label of a slot value, for matching it in text. */
export function slotKey(value: SlotValue): string {
  return foldedKey(value.label);
}

/** "năm sau", "sang năm", "năm tới": the year after this one; "năm ngoái", "năm trước": the one before. */
const RELATIVE_YEARS: [RegExp, number][] = [
  [/\bnam (nay|hien tai)\b/, 0],
  [/\b(nam (sau|toi|ke tiep|ke)|sang nam)\b/, 1],
  [/\bnam (ngoai|truoc|roi|vua roi|qua)\b/, -1],
];

/** Every year a message names, written or said, in order and once ("còn 2025 với 2027" → [2025, 2027]). */
export function yearsSaid(folded: string, now: Date): number[] {
  const years = [...folded.matchAll(/\b(20\d\d)\b/g)].map((m) => Number(m[1]));
  const current = Number(localIsoDate(now).slice(0, 4));
  for (const [re, offset] of RELATIVE_YEARS) if (re.test(folded)) years.push(current + offset);
  return [...new Set(years)];
}

/**
 * The year a message names, written ("năm 2026", "còn 2027") or said ("năm nay", "năm sau"), in
 * Vietnam's calendar on `now`; undefined when it names none. A written year comes first.
 */
export function yearSaid(folded: string, now: Date): number | undefined {
  return yearsSaid(folded, now)[0];
}

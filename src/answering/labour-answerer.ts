/**
 * Answers questions about the Labour Office spreadsheets from the rows themselves: filters by
 * trade, company, commune and start month, and ranks labour demand. Figures are quoted as written
 * in the file, and the file and its date are the source.
 */
import { formatDateVi } from "../knowledge/labour/dates.js";
import { UNCLEAR_CELL } from "../knowledge/labour/labour-loader.js";
import { labourFileTitle } from "../knowledge/labour-chunks.js";
import { containsPhrase, findCommunes, findConcepts, findPlacesElsewhere, labelTradeSlots, phraseAt, withoutBareDistrict, type Lexicon } from "../knowledge/lexicon.js";
import { cueText, withoutPurpose } from "./intents.js";
import { unstatedAsked, unstatedLabelsAsked, unstatedSumAsked } from "./candidate-fit.js";
import { isInformative } from "./extractive-answerer.js";
import { findSlots } from "../knowledge/lexicon.js";
import { ageStated, nounAfterNumberWord, yearSaid, yearsSaid, type QuestionAnalysis } from "./question-analysis.js";
import { columnNamesVi, repliesVi, slotPhrasesVi } from "../messages-vi.js";
import type { JobOpening, LabourData, LabourDemand, Money, SourceRef, Topic, TrainingCourse } from "../knowledge/types.js";
import { amountPerPeriod } from "../knowledge/labour/money.js";
import { boundAsked, withinBound, type NumericBound } from "./numeric-bound.js";
import { foldDiacritics, foldedKey, foldedWords, foldWord, hasDiacritics, tonedWord, words } from "../knowledge/vietnamese.js";
import { localIsoDate } from "../time/local-date.js";

export interface LabourAnswer {
  text: string;
  topic: Topic;
  sources: SourceRef[];
  /** Some rows came from example data: the reply must say so. */
  example: boolean;
  /** Trade the question was about, kept for follow-ups. */
  trade?: string;
  /** No row matches a slot the question names: the text says which; counted as unanswered. */
  notFound?: boolean;
  /** Which table answered (kept for follow-ups). */
  table?: "job" | "course" | "demand";
  /** The rows shown (`file#row`), kept for a follow-up about them ("hạn nộp khi nào?"). */
  rowKeys?: string[];
}

export interface LabourQuestion {
  /** Shadow form of the question, teencode expanded. */
  folded: string;
  /** Original text (for commune names). */
  text: string;
  /** Shadow form of the current message alone (differs from `folded` for follow-ups). */
  asked?: string;
  /** The current message alone as typed (masked), for its clauses. */
  ownText?: string;
  /** Today, for "tháng này" and open deadlines. */
  now: Date;
  /** The question analysis (act, wanted value, slots), when the engine made one. */
  analysis?: QuestionAnalysis;
  /** The previous turn was answered from these rows (a follow-up stays in them). */
  previousLabour?: "job" | "course" | "demand";
  /** The rows the previous reply showed (`file#row`). */
  previousRows?: string[];
  /** Words users' questions commonly use (the question bank's examples), folded: never "words no row has". */
  commonWords?: Set<string>;
  /** Words of many question-bank examples (the words of asking): alone, they name no trade. */
  everydayWords?: Set<string>;
  /** Slot values the documents mention (`kind:id`): a trade they name may be answered there, not by "no course". */
  documentSlots?: Set<string>;
  /** `asked` and `folded` for matching trades, without the words typed as another word ("lớp mấy"). */
  tradeAsked?: string;
  tradeFolded?: string;
}

const MAX_ITEMS = 5;
/** Openings past the first MAX_ITEMS named in short (position and company) before the rest are counted. */
const MORE_NAMED = 10;
const GENERIC_PREFIXES = ["cong nhan", "nhan vien", "ky thuat vien", "ky thuat", "lao dong", "tho", "nghe", "nganh"];
/**
 * Trade words that are also everyday words once diacritics are gone: "may" (sewing / "mấy"),
 * "han" (welding / "hạn", "Hàn Quốc"), "dien" (electric / "diện"), "tien" (lathe "tiện" / "tiền",
 * money). Alone they count only after a word that announces a trade ("thợ hàn", "học may", "nghề điện").
 */
const AMBIGUOUS_KEYS = new Set(["may", "han", "dien", "ban", "xe", "lai", "tien"]);
// "ty": "công ty may" is a garment company.
const TRADE_LEADS = new Set(["tho", "nghe", "hoc", "nganh", "nhan", "lam", "khoa", "lop", "viec", "cong", "ty"]);

const CUE = {
  abroad: /\b(di han|han quoc|eps|di nhat|nhat ban|dai loan|nuoc ngoai|xuat khau)\b/,
  // "Đã được hỗ trợ rồi, học thêm có được hỗ trợ nữa không?" is about the support rules, not a course list.
  policy: /\b(luong toi thieu|toi thieu vung|ho tro (tien )?(nua|them|lan (2|hai|nua))|ho tro (may|bao nhieu) lan)\b/,
  graduateJob: /\b(xong|ra truong|tot nghiep)\b.*\b(lam o dau|lam gi|xin viec|viec lam|lam viec)\b/,
  ranking: /\b(nganh|nghe|viec) (nao|gi) .*\b(can|thieu|tuyen|nhu cau)\b.*\b(nhieu|nhat|dang)\b|\bcan nhieu (nguoi|lao dong)\b|\bnhu cau (lao dong )?(cao|lon) nhat\b|\b(nganh|nghe) nao (dang )?can (nguoi|lao dong)\b|\bdang can nguoi\b/,
  // Not "tổ trưởng" (a team leader): "trường" is a school.
  // "Có dạy sửa xe máy không", "chỗ nào dạy nấu ăn": teaching is a course ("dạy" folds like "đây", hence the lead word).
  // ("Lớp 12" is a grade, not a class; "lớp 9" may be "lớp 9+", folded alike.)
  course: /\b(hoc|khoa|dao tao|khai giang|hoc phi|(?<!to )truong|lop(?! 1[0-2]\b)|(co|noi|cho|nao|ai) day|day nghe)\b/,
  startMonth: /\bkhai giang\b/,
  jobs: /\b(viec nao|tuyen dung|tuyen (nguoi|cong nhan|lao dong|nhan vien|tho|lam)|dang tuyen|co tuyen|(cho|noi|dau) (nao )?tuyen|hoc viec|nhan (vo|vao) (lam|hoc viec)|viec lam|cong viec|viec gi|co viec|cong ty|doanh nghiep|can nguoi|lam o dau|xin viec|luong|thu nhap|lam gi|cho lam)\b/,
  wage: /\b(luong|thu nhap|tien cong)\b/,
  demandWhich: /\b(nganh|nghe) nao\b.*\bcan\b|\bbinh quan\b/,
  openingsWhich: /\b(viec|cho|cong ty) nao\b/,
  courseWord: /\b(khoa|lop)\b/,
  /** What a plan, decree or programme says: answered from the documents. */
  // "quyết định" alone is also the verb ("em đã quyết định đi làm"): only a numbered decision counts.
  document: /\b(ke hoach 4993|ke hoach (cua )?huyen|theo ke hoach|trong ke hoach|nghi dinh|thong tu|(theo )?quyet dinh (so )?\d+|theo quyet dinh|de an|nha nuoc ho tro|ho tro toi da|muc ho tro|chuong trinh muc tieu|ty le|phan tram)\b/,
  /** Looking for work. */
  seeksJob: /\b(cong ty|cty|doanh nghiep|tuyen|nhan (nguoi|hoc viec)|xin viec|xin (vo|vao) lam|vo lam|di lam|(vo|vao) hoc viec|viec (nao|gi|lam)|co viec)\b/,
  /** Asking which courses there are: "lớp học nghề nào", "khóa gì", "có khóa nào". */
  // Up to two words may qualify it ("lớp nghề miễn phí nào"); "lớp 9 học gì" is a grade, not a course.
  whichCourse: /\b(lop|khoa)(?! \d)( hoc| dao tao| day)?( nghe)?( (?!\d)\w+){0,2} (nao|gi)\b/,
  /** Words only a training question uses. */
  courseOnly: /\b(khoa hoc|khoa dao tao|khai giang|hoc phi|dao tao)\b/,
  /** The demand table's figures for one trade: "nghề hàn cần khoảng bao nhiêu người", "lương bình quân". */
  demand: /\b(nhu cau|can (khoang )?bao nhieu (nguoi|lao dong|tho)|thieu (bao nhieu|nhieu) (nguoi|lao dong)|luong (binh quan|trung binh|tb))\b/,
};

const WAGE_WORDS = new RegExp(CUE.wage.source, "g");

/** "Việc nào", "khóa nào": which row. Not "khi nào", "thế nào", "lúc nào", "ngày nào" (a time or a manner). */
export const WHICH_RE = /\b(?<!(?:khi|the|luc|hoi|bao gio|ngay|thang|hom|bua) )nao\b/;

/**
 * Whether the question speaks of courses. Folding makes "đội trưởng" (a team leader) read "trường"
 * (a school): in a message typed with diacritics, "truong" counts only when written "trường".
 */
function namesCourse(q: string, text: string): boolean {
  const written = hasDiacritics(text) && !words(text).includes("trường") ? q.split(" ").filter((w) => w !== "truong").join(" ") : q;
  return CUE.course.test(written);
}

/**
 * "Muốn học nấu ăn để sau này đi làm phụ bếp, có khóa nào không": the clause that asks names
 * courses ("khóa nào"), and the work told elsewhere is only what the course is for.
 */
function asksCoursesOnly(question: LabourQuestion, lexicon: Lexicon): boolean {
  // "Có trường cao đẳng nào đang tuyển không": a school that "tuyển" takes students.
  if (schoolEnrols(cueText(question.asked ?? question.folded), lexicon)) return true;
  const asking = question.analysis?.asking;
  if (asking === undefined) return false;
  const clause = cueText(asking);
  return CUE.whichCourse.test(clause) && !CUE.seeksJob.test(clause) && !CUE.wage.test(clause);
}

/** Who a place hires, after "tuyển": then a school "tuyển" staff, not students. */
const HIRED_WORDS = new Set(["nguoi", "cong", "lao", "nhan", "tho", "giao"]);

/**
 * "Có trường cao đẳng nào đang tuyển không", "khóa trung cấp nào đang tuyển": a training
 * institution or a course (knowledge/slots.yaml `institutions`, `course_nouns`) followed within five
 * words by "tuyển", with no company between, takes students.
 * Not "ra trường cty nào tuyển" (leaving school, then a company that hires), nor "trường tuyển
 * giáo viên".
 */
function schoolEnrols(folded: string, lexicon: Lexicon): boolean {
  const words = folded.split(" ");
  const { institutions, courseNouns, companies } = lexicon.slots.tableWords;
  return words.some((_, i) => {
    if (words[i - 1] === "ra" || !(phraseAt(words, i, institutions) || phraseAt(words, i, courseNouns))) return false;
    const hire = words.indexOf("tuyen", i + 1);
    if (hire < 0 || hire - i > 5 || HIRED_WORDS.has(words[hire + 1] ?? "")) return false;
    return !words.slice(i + 1, hire).some((_, k) => phraseAt(words, i + 1 + k, companies));
  });
}

/**
 * The Labour Office table a message names by its own words ("có việc gì" → jobs, "khóa nào" →
 * courses), if it names one: a filter after a course list that asks for jobs is a new question.
 */
export function tableNamed(folded: string, text?: string): "job" | "course" | undefined {
  // A wage alone ("lương bình quân bao nhiêu") is also the labour-demand table's column.
  const job = CUE.seeksJob.test(folded) || CUE.jobs.test(folded.replace(WAGE_WORDS, ""));
  const course = text === undefined ? CUE.course.test(folded) : namesCourse(folded, text);
  if (job) return course && !CUE.seeksJob.test(folded) ? undefined : "job";
  return course ? "course" : undefined;
}

/**
 * The Labour Office table a message's own words ask of, if they name one: the demand table's
 * figures ("nhu cầu", "cần bao nhiêu người", "lương bình quân", `needs_people`, `years_ahead`), the
 * table its words name (`tableNamed`), or the one whose column words it uses (`tableByColumns`).
 * The answer check compares it with the table a reply lists rows of.
 */
export function tableAsked(folded: string, text: string, lexicon: Lexicon, yearNamed = false): "job" | "course" | "demand" | undefined {
  const q = cueText(folded);
  const words = q.split(" ");
  // A need over the years ("năm 2027 cần mấy người", "sau này có cần người không").
  const demand = CUE.demand.test(q) || containsPhrase(words, lexicon.slots.tableWords.needsPeople) || containsPhrase(words, lexicon.slots.tableWords.yearsAhead) || (yearNamed && words.includes("can"));
  if (demand && !CUE.seeksJob.test(q)) return "demand";
  // "Có khóa nào đang tuyển": a course asked by name is the course table's, though "tuyển" is said.
  if (CUE.whichCourse.test(q) || CUE.courseOnly.test(q)) return "course";
  return tableNamed(q, text) ?? tableByColumns(q, lexicon);
}

/** Words that begin a trade's name ("thợ …", "công nhân …"); "lao động", "kỹ thuật" also stand alone. */
const TRADE_LEADS_NAMED = GENERIC_PREFIXES.filter((p) => p !== "lao dong" && p !== "ky thuat");

/**
 * Whether the message names some trade by a word that begins one and a word after it ("thợ sơn
 * nước", "nhân viên bảo vệ"), known or not: openings asked for that trade are not all openings.
 */
function namesSomeTrade(folded: string): boolean {
  const padded = ` ${folded} `;
  return TRADE_LEADS_NAMED.some((lead) => {
    const at = padded.indexOf(` ${lead} `);
    const next = padded.charAt(at + lead.length + 2);
    return at >= 0 && next >= "a" && next <= "z";
  });
}

/**
 * "Có việc gì đang tuyển không": openings asked for in plain words (`table_words.openings_plain`),
 * naming no trade (known or not), no group and no school or course, so every open row answers.
 */
function openingsPlain(question: LabourQuestion, q: string, tradeWithoutRows: boolean, lexicon: Lexicon): boolean {
  // The message's own words: "lương cơ bản bao nhiêu" after "có chỗ nào tuyển giáo viên" asks no openings.
  return containsPhrase((question.asked ?? q).split(" "), lexicon.slots.tableWords.openingsPlain) && !tradeWithoutRows && !namesSomeTrade(question.asked ?? q) && !namesCourse(q, question.text) && !question.analysis?.slots.audience.length;
}

/** Returns a structured answer, or undefined when the question is not about the spreadsheets. */
export function answerFromLabour(question: LabourQuestion, data: LabourData, lexicon: Lexicon): LabourAnswer | undefined {
  // No spreadsheet loaded (a fresh install): "no openings" would be a claim without a source; the
  // knowledge says where wages and openings come from instead.
  if (!data.files.length) return undefined;
  // "Không tính tài xế thì việc nào lương cao nhất", "khóa nào rẻ nhất, trừ mấy lớp miễn phí": the
  // rows left out are taken out of the tables, and their words out of the question.
  const typed = withTypedTrades(question, data);
  const asked = leftOut(typed, data, lexicon) ?? { question: typed, data };
  const answer = answerFromTables(asked.question, asked.data, lexicon);
  return answer && ofLevelAsked(asked.question, answer, asked.data, lexicon);
}

/**
 * Course levels a row's cells can name (`namesLevel`). The other level slots (GDTX, trung học nghề)
 * are no course level, and "đại học" in a question about courses is the other road ("không đậu đh
 * thì học cđ …", "học đại học hay học nghề"), not a level asked of the Labour Office's courses.
 */
const COURSE_LEVELS = new Set(["so_cap", "trung_cap", "cao_dang", "9plus"]);

/**
 * The course levels the question asks for ("khóa nấu ăn trung cấp", carried into its follow-ups).
 * A level inside a school's name ("trường trung cấp", a school the question names) asks for the school.
 */
function levelsAsked(question: LabourQuestion): { id: string; label: string }[] {
  const qa = question.analysis;
  if (!qa) return [];
  const folded = ` ${question.folded} `;
  const schools = qa.slots.school.map((s) => ` ${foldedKey(s.label)} `);
  return qa.slots.level.filter((l) => {
    const key = foldedKey(l.label);
    return COURSE_LEVELS.has(l.id) && !folded.includes(` truong ${key} `) && !schools.some((s) => s.includes(` ${key} `));
  });
}

/**
 * A course reply must be of the level asked. When none of the courses it lists is, the question is
 * answered again from the courses of that level; when they hold no answer either, the reply says
 * that the level has no course and names the courses found as the nearest known, labelled as such,
 * and counts as unanswered (the question goes to the staff queue).
 */
function ofLevelAsked(question: LabourQuestion, answer: LabourAnswer, data: LabourData, lexicon: Lexicon): LabourAnswer {
  const levels = levelsAsked(question);
  if (!levels.length || answer.table !== "course" || !answer.rowKeys?.length || answer.notFound) return answer;
  const index = rowsByKey(data).courses;
  const shown = answer.rowKeys.map((key) => index.get(key)).filter((c): c is TrainingCourse => c !== undefined);
  const atLevel = (c: TrainingCourse) => levels.some((l) => namesLevel(`${c.trade} ${c.level} ${c.support ?? ""} ${c.audience ?? ""}`, l.id));
  if (!shown.length || shown.every(atLevel)) return answer;
  const courses = data.courses.filter(atLevel);
  if (courses.length) {
    const again = answerFromTables(question, { ...data, courses }, lexicon);
    if (again && !again.notFound && again.table === "course" && again.rowKeys?.length) return again;
  }
  // Some of the courses are of the level: the reply stands (they are among those it lists). A unit
  // asked ("mấy học kỳ") that the rows may not give is the engine's to judge: it asks the documents.
  if (shown.some(atLevel) || question.analysis?.slots.unit) return answer;
  // The nearest known: the courses found, at other levels, then courses of the level whose trade
  // shares a word with theirs ("điện" asked at 9+: "Điện công nghiệp (mô hình 9+)").
  const tradeWords = new Set(foldedWords(answer.trade ?? "").filter((w) => !GENERIC_WORDS.has(w)));
  const akin = courses.filter((c) => foldedWords(c.trade).some((w) => tradeWords.has(w)));
  const nearest = [...new Set([...shown.slice(0, NEAREST_SHOWN), ...akin])].slice(0, NEAREST_SHOWN + 1);
  const what = `khóa ${answer.trade ? `${slotPhrasesVi.trade!(answer.trade)} ` : ""}trình độ ${levels.map((l) => l.label).join(", ")}`;
  const text = `${repliesVi.noRowsFor(what)}\n${repliesVi.nearestKnown(nearest.map(courseName).join("; "))}`;
  return { ...finish(text, "vocational_training_options", data, nearest), notFound: true };
}

/** Courses at other levels named as the nearest known; one course of the level asked may follow. */
const NEAREST_SHOWN = 2;

/** Words of a trade label that name no trade of their own. */
const GENERIC_WORDS = new Set(GENERIC_PREFIXES.flatMap((p) => p.split(" ")));

/**
 * A trade word that is also an everyday word once folded ("may", "hàn", "lái") typed with other
 * diacritics than any row label writes it ("cần tốt nghiệp lớp mấy" is no "lớp may") names no
 * trade: it is left out of the words trades are matched on (the rest still reads it: "mấy người").
 */
const tonedLabels = new WeakMap<LabourData, Set<string>>();

/** The words of every row label, as typed with their tones (built once per loaded data). */
function tonedLabelWords(data: LabourData): Set<string> {
  let set = tonedLabels.get(data);
  if (!set) {
    set = new Set([...data.jobs.map((j) => j.position), ...data.courses.map((c) => c.trade), ...data.demand.map((d) => d.trade)].flatMap((n) => words(n.toLocaleLowerCase("vi")).map(tonedWord)));
    tonedLabels.set(data, set);
  }
  return set;
}

function withTypedTrades(question: LabourQuestion, data: LabourData): LabourQuestion {
  const written = words(question.text);
  // Most messages type none of these words with diacritics: nothing to look up.
  if (!written.some((w) => hasDiacritics(w) && AMBIGUOUS_KEYS.has(foldWord(w)))) return question;
  const labelWords = tonedLabelWords(data);
  const readsOtherwise = (w: string) => hasDiacritics(w) && !labelWords.has(tonedWord(w.toLocaleLowerCase("vi")));
  // Only a key every occurrence of which is typed otherwise: "học may … lớp mấy" keeps "may".
  const keys = [...AMBIGUOUS_KEYS].filter((key) => {
    const typed = written.filter((w) => foldWord(w) === key);
    return typed.length > 0 && typed.every(readsOtherwise);
  });
  if (!keys.length) return question;
  const mask = (folded: string) => folded.split(" ").map((w) => (keys.includes(w) ? `_${w}` : w)).join(" ");
  return { ...question, tradeFolded: mask(question.folded), ...(question.asked ? { tradeAsked: mask(question.asked) } : {}) };
}

/** "Đã hết hạn", "hết hạn rồi", "quá hạn": a deadline that has passed. */
const PAST_DEADLINE_RE = /\b(da (het|qua) han|(het|qua) han (nop )?(ho so )?roi|qua han)\b/;

/** Words that close what is left out: "không tính tài xế thì …", "ngoài may ra …". */
const LEAVE_OUT_ENDS = new Set(["thi", "con", "ra", "va", "nha", "nhe", "di"]);

/**
 * The words a message leaves out, after a `leave_out` phrase of knowledge/slots.yaml ("không tính",
 * "trừ") up to five words or a closing word, or between "ngoài" and "ra"; with where they stand.
 */
function leftOutSpan(words: string[], lexicon: Lexicon): { start: number; end: number; words: string[] } | undefined {
  for (let i = 0; i < words.length; i++) {
    const marker = lexicon.slots.leaveOut.find((p) => p.every((w, k) => words[i + k] === w));
    if (marker) {
      const from = i + marker.length;
      let to = from;
      while (to < words.length && to - from < 5 && !LEAVE_OUT_ENDS.has(words[to]!)) to++;
      if (to > from) return { start: i, end: to, words: words.slice(from, to) };
    }
    // "Ngoài may ra": not "nước ngoài", which has no closing "ra" within four words.
    if (words[i] === "ngoai" && words[i - 1] !== "nuoc") {
      const ra = words.indexOf("ra", i + 1);
      if (ra > i + 1 && ra - i <= 5) return { start: i, end: ra + 1, words: words.slice(i + 1, ra) };
    }
  }
  return undefined;
}
/** Words that only point at rows ("mấy lớp", "các việc"): they name nothing to leave out. */
const POINTING_WORDS = new Set(["may", "cac", "nhung", "lop", "khoa", "viec", "cho", "nghe", "nganh", "cong", "viec", "hoc", "dong", "cai", "ben", "thang", "con", "lam"]);

/** The question without the phrases of the conditions it names ("buổi tối", "không cần kinh nghiệm"). */
function withoutConditionWords(question: LabourQuestion, lexicon: Lexicon): LabourQuestion {
  const cut = (text: string) => {
    const words = text.split(" ");
    const spans = findSlots(lexicon, words).filter((m) => m.entry.kind === "condition");
    return spans.length ? words.filter((_, i) => !spans.some((m) => i >= m.start && i < m.end)).join(" ") : text;
  };
  return {
    ...question,
    folded: cut(question.folded),
    ...(question.asked !== undefined ? { asked: cut(question.asked) } : {}),
    ...(question.tradeFolded !== undefined ? { tradeFolded: cut(question.tradeFolded) } : {}),
    ...(question.tradeAsked !== undefined ? { tradeAsked: cut(question.tradeAsked) } : {}),
  };
}

/**
 * The question and tables without what the message leaves out: rows of a trade or company named
 * after "không tính", or rows meeting a condition named there ("miễn phí", "không cần kinh nghiệm").
 * Undefined when nothing is left out or the words match no row.
 */
function leftOut(question: LabourQuestion, data: LabourData, lexicon: Lexicon): { question: LabourQuestion; data: LabourData } | undefined {
  const own = (question.asked ?? question.folded).split(" ");
  const span = leftOutSpan(own, lexicon);
  if (!span) return undefined;
  const spanWords = span.words;
  const conditions = new Set(findSlots(lexicon, spanWords).filter((m) => m.entry.kind === "condition").map((m) => m.entry.id));
  // One word alone is what it names ("ngoài may ra": sewing, not "mấy").
  // "lớp may": an ambiguous word after a word announcing a trade is the trade.
  const named = spanWords.length === 1 ? spanWords : spanWords.filter((w, i) => !POINTING_WORDS.has(w) || (AMBIGUOUS_KEYS.has(w) && i > 0 && TRADE_LEADS.has(spanWords[i - 1]!)));
  if (!named.length) return undefined;
  const says = (text: string) => {
    const words = ` ${foldedWords(text).join(" ")} `;
    return words.includes(` ${named.join(" ")} `);
  };
  const noExperience = conditions.has("no_experience") ? waivedRequirement("no_experience", lexicon) : undefined;
  const jobs = data.jobs.filter((j) => !(says(`${j.position} ${j.company}`) || noExperience?.says(j)));
  const courses = data.courses.filter((c) => !(says(`${c.trade} ${c.institution}`) || (conditions.has("free") && c.fee?.free)));
  const demand = data.demand.filter((d) => !says(d.trade));
  if (jobs.length === data.jobs.length && courses.length === data.courses.length && demand.length === data.demand.length) return undefined;
  const said = own.slice(span.start, span.end).join(" ");
  const cut = (text: string) => ` ${text} `.replace(` ${said} `, " ").trim();
  const qa = question.analysis;
  const spanSlots = new Set(findSlots(lexicon, spanWords).map((m) => `${m.entry.kind}:${m.entry.id}`));
  const analysis = qa && {
    ...qa,
    slots: {
      ...qa.slots,
      trade: qa.slots.trade.filter((t) => !spanSlots.has(`trade:${t.id}`)),
      condition: qa.slots.condition.filter((c) => !spanSlots.has(`condition:${c.id}`)),
    },
  };
  return {
    question: {
      ...question,
      folded: cut(question.folded),
      ...(question.asked ? { asked: cut(question.asked) } : {}),
      ...(question.tradeFolded ? { tradeFolded: cut(question.tradeFolded) } : {}),
      ...(question.tradeAsked ? { tradeAsked: cut(question.tradeAsked) } : {}),
      ...(analysis ? { analysis } : {}),
    },
    data: { ...data, jobs, courses, demand },
  };
}

/**
 * The communes a message asks about: its own, when it names some ("còn bên Lưu Nghiệp Anh thì
 * sao" after openings near Hàm Giang asks Lưu Nghiệp Anh's, not both), else the earlier turn's.
 */
function communesAsked(question: LabourQuestion, lexicon: Lexicon): ReturnType<typeof findCommunes> {
  const own = question.asked !== undefined ? findCommunes(lexicon, withoutBareDistrict(question.asked)) : [];
  // "Còn ở Cầu Ngang thì sao" after Hàm Giang's openings: a place of its own outside Trà Cú replaces the earlier commune.
  if (!own.length && question.asked !== undefined && question.asked !== question.folded && placesElsewhereAsTyped(lexicon, question.ownText ?? question.asked).length) return [];
  return own.length ? own : findCommunes(lexicon, withoutBareDistrict(question.text));
}

/** The places outside Trà Cú a message names, with their tones when it was typed with them ("cần thợ" is no "Cần Thơ"). */
function placesElsewhereAsTyped(lexicon: Lexicon, text: string): string[] {
  const places = findPlacesElsewhere(lexicon, text);
  if (!places.length || !hasDiacritics(text)) return places;
  const typed = ` ${words(text).join(" ")} `;
  return places.filter((place) => typed.includes(` ${words(place).join(" ")} `));
}

function answerFromTables(question: LabourQuestion, data: LabourData, lexicon: Lexicon): LabourAnswer | undefined {
  const q = cueText(withoutPurpose(question.text, question.folded));
  // "Có lớp tiếng Nhật không, em tính đi Nhật": a class the course table lists by name is the
  // table's, though the country sends other questions to the documents.
  if (leftToDocuments(q) && !namesListedCourse(q, data, lexicon, question.everydayWords)) return undefined;
  // "Ở Trà Cú" is the whole former district: it filters nothing (withoutBareDistrict).
  const communes = communesAsked(question, lexicon);
  const communeKeys = communeKeysOf(communes);

  const qa = question.analysis;
  const elsewhere = communes.length ? undefined : placeAskedElsewhere(question, q, data, lexicon);
  if (elsewhere) return elsewhere;
  // "Vùng nào thu nhập bình quân cao nhất": a ranking of what no row is, left to the documents.
  if (ranksElsewhere(q, lexicon)) return undefined;
  const others = otherRows(question, data, lexicon);
  if (others) return others;
  const followed = followUpOnRows(question, data, lexicon);
  if (followed) return followed;
  // A company named alone ("cty may A tuyển bao nhiêu người"): its rows. Not when the message asks a
  // course's columns ("hợp tác xã dệt chiếu có mở lớp…, học có mất tiền không, học bao lâu").
  const courseAsked = (CUE.courseOnly.test(q) || tableByColumns(q, lexicon) === "course") && !CUE.seeksJob.test(q);
  // A school of the course table named in full ("Trường Trung cấp Thử Nghiệm Trà Cú liên hệ thầy nào")
  // is that school, though a company's name shares some of its words.
  const schoolNamed = Boolean(qa?.slots.school.some((s) => s.id.startsWith("row:"))) && data.courses.length > 0 && !CUE.seeksJob.test(q);
  // "Nghề nhà hàng, khách sạn lương bình quân bao nhiêu": a figure only the demand table holds, of a
  // trade it lists, is that trade's, though a company's name ("Nhà hàng Khách sạn …") holds its words.
  const demandOfTrade = CUE.demand.test(q) && data.demand.length > 0 && tradeOf(question, data.demand.map((d) => d.trade), lexicon) !== undefined;
  const company = qa?.slots.company.length && data.jobs.length && !(courseAsked && data.courses.length) && !schoolNamed && !demandOfTrade ? companyAnswer(question, data, qa, lexicon) : undefined;
  if (company) return company;
  // "Hàn với tiện, bên nào trả cao hơn": the two trades' rows side by side, not a ranking of all.
  const pair = pairCompared(question, data, communeKeys, lexicon);
  if (pair) return pair;
  // "Which pays most", "which starts first", "không cần kinh nghiệm": sorted or filtered rows.
  const table = qa ? tableQuery(question, data, qa, communeKeys, lexicon) : undefined;
  if (table) return table;

  // One named trade in the demand table ("ngành may năm 2026 cần nhiều người hơn năm 2025 không"):
  // its rows, every year, rather than the ranking of all trades.
  // "Nghề ít người học mà xã hội đang cần người thì được miễn học phí không?" is about tuition.
  const ranking = CUE.ranking.test(q) && !(/\b(hoc phi|mien phi)\b/.test(q) && !/\b(nganh|nghe|viec) nao\b/.test(q));
  // "Chế biến dừa năm 2026 bao nhiêu người, 2027 bao nhiêu": people counted by year are the demand table's.
  // "Điện dân dụng 2027 cần nhiều không", "năm tới có cần nhiều người không": a year's need is the demand table's.
  const yearAsked = qa?.slots.year ?? yearSaid(question.asked ?? q, question.now);
  // "Điện công nghiệp dự báo năm 2027 cần bao nhiêu": a need by year, whatever noun follows.
  // "Nghề lắp điện mặt trời mấy năm tới có cần người không": years ahead asked without a number.
  const yearsAhead = containsPhrase((question.asked ?? q).split(" "), lexicon.slots.tableWords.yearsAhead);
  const countByYear = (yearAsked !== undefined || yearsAhead) && (/\b((bao nhieu|may) (nguoi|lao dong)|can nhieu|can (khoang )?bao nhieu|du bao)\b/.test(q) || containsPhrase(q.split(" "), lexicon.slots.tableWords.needsPeople)) && !/\btuyen\b/.test(q);
  // A trade's course over the years ("chế biến thủy sản năm 2027 tăng hay giảm", knowledge/slots.yaml `trend`).
  const trend = containsPhrase(q.split(" "), lexicon.slots.tableWords.trend) && !CUE.jobs.test(q) && !namesCourse(q, question.text);
  // A follow-up whose own words seek openings ("vậy công ty may ở Đại An đang tuyển trả lương bao
  // nhiêu" after the demand figures) asks the job table, whatever the earlier words said.
  // (The clauses that ask, when a clause only tells: "nghề hàn sau này có cần người nhiều không, tôi
  // tính cho con học" asks the need, not a course.)
  const ownWords = question.asked === undefined ? undefined : cueText(question.analysis?.asking ?? question.asked);
  // "Tin học văn phòng năm 2027 cần mấy người": a need asked in the message's own words is the demand table's.
  const ownAsksNeed = ownWords !== undefined && (CUE.demand.test(ownWords) || containsPhrase(ownWords.split(" "), lexicon.slots.tableWords.needsPeople));
  const ownSeeksJobs = ownWords !== undefined && CUE.seeksJob.test(ownWords) && !ownAsksNeed && !CUE.ranking.test(ownWords);
  // "Có lớp dạy nghề này không" after the demand figures asks the course table.
  const ownSeeksCourses = ownWords !== undefined && namesCourse(ownWords, question.text) && !ownAsksNeed && !CUE.ranking.test(ownWords);
  if ((ranking || CUE.demand.test(q) || countByYear || trend) && data.demand.length && !ownSeeksJobs && !ownSeeksCourses) {
    // "Nhu cầu năm 2028": a year the table has no figures for is said, not answered with another year's.
    const year = qa?.slots.year;
    if (year !== undefined && !data.demand.some((d) => d.year === year)) {
      return { ...finish(repliesVi.noRowsFor(`số liệu nhu cầu lao động năm ${year}`), "labour_market_jobs", data, []), notFound: true };
    }
    // "cntt năm 2026 cần nhiều người": a trade named by its word list's short form is the row it labels.
    const demandNames = data.demand.map((d) => d.trade);
    // (Only a row whose label is the trade's own name: "du lịch" is no "Nấu ăn, phục vụ nhà hàng", though one word list holds both.)
    const slotRow = slotTrade(qa, demandNames, lexicon, question.everydayWords);
    // (Its words in any order: "sửa xe máy" is the row "Sửa chữa ô tô - xe máy".)
    const labelsRow = (label: string) => foldedWords(label).every((w) => foldedWords(slotRow!).includes(w));
    const demandTrade = tradeOf(question, demandNames, lexicon) ?? (slotRow && qa?.slots.trade.some((t) => labelsRow(t.label)) ? slotRow : undefined);
    // One year asked reads that year; two years or a comparison ("năm 2026 … hơn năm 2025") reads every year.
    const written = new Set(q.match(/\b20\d\d\b/g) ?? []).size;
    const oneYear = /\b(hon|so voi)\b/.test(q) || yearsAhead ? undefined : written === 1 ? year : written === 0 ? yearAsked : undefined;
    // "Chăn nuôi thú y có cần nhiều người không" names its trade and asks no "which": that trade's rows.
    const ownTradeNeed = ranking && !WHICH_RE.test(q) && !q.split(" ").includes("nhat");
    if (demandTrade && (CUE.demand.test(q) || countByYear || ownTradeNeed || /\b(nam \d{4}|hon|so voi)\b/.test(q))) {
      // "So sánh nhu cầu may với chế biến thủy sản": every trade named, each with its rows.
      const named = demandTradesNamed(question, demandNames, lexicon);
      if (named.length > 1) return demandForTrades(data, named, lexicon, trend ? undefined : oneYear);
      return demandForTrade(data, demandTrade, lexicon, trend ? undefined : oneYear);
    }
    // A trade asked that the demand table does not list ("nhu cầu thợ hàn"): say so, not every trade's figures.
    // (A wage asked of a trade with openings is answered from the openings below.)
    const askedTrade = ownTradeSlot(qa);
    const countAsked = /\b(nhu cau|can (khoang )?bao nhieu (nguoi|lao dong|tho))\b/.test(q) && !CUE.wage.test(q);
    if (askedTrade && !demandTrade && countAsked) return { ...finish(repliesVi.noRowsFor(`số liệu nhu cầu lao động nghề ${askedTrade.label}`), "labour_market_jobs", data, []), notFound: true };
    if (ranking) return demandRanking(data, year, ranksLowest(q.split(" ")));
  }

  // The slot word lists name a trade the rows spell otherwise ("cắt tóc" → "Kỹ thuật làm tóc"), when
  // the question asks for what the rows hold.
  const asksRows = qa !== undefined && qa.act !== "comparison" && ["where", "amount", "date", "duration", "which_trades", "eligibility", "contact", "who", "count"].includes(qa.wanted);
  const courseTrade = tradeOf(question, data.courses.map((c) => c.trade), lexicon) ?? (asksRows || asksCoursesOnly(question, lexicon) ? slotTrade(qa, data.courses.map((c) => c.trade), lexicon, question.everydayWords) : undefined);
  // A school of the course table named ("trường trung cấp Phương Nam có ngành gì"): its courses.
  const school = qa?.slots.school.find((s) => s.id.startsWith("row:"))?.label;
  // A level asked with a course question ("lớp 9+ vừa học nghề vừa học văn hóa"): the courses at that level.
  // "Trường Cao đẳng … có những ngành gì": the level in a school's own name asks no level.
  const levels = (qa?.slots.level ?? []).filter((l) => !school || !` ${foldedKey(school)} `.includes(` ${foldedKey(l.label)} `));
  // (The course's name may say its level: "Cắt may thời trang (mô hình 9+)".)
  const levelRows = levels.length ? data.courses.filter((c) => levels.some((l) => namesLevel(`${c.trade} ${c.level} ${c.support} ${c.audience}`, l.id))) : [];
  const hiredAfterCourse = question.previousLabour === "course" && ownWords !== undefined && hiredAfter(ownWords, lexicon);
  // (The openings may spell the course's trade otherwise: "Cắt, uốn tóc" is learnt, "Thợ phụ làm tóc"
  // hired, one trade of the slot word lists.)
  const jobTradeFirst =
    CUE.graduateJob.test(q) || hiredAfterCourse
      ? (jobOrDemandTrade(question, data, lexicon) ?? (hiredAfterCourse ? slotTrade(qa, data.jobs.map((j) => j.position), lexicon, question.everydayWords) : undefined))
      : undefined;
  if (jobTradeFirst) return jobsAnswer(question, data, jobTradeFirst, communeKeys, lexicon);
  // "Công ty may nào nhận người…", "xin vô làm thợ điện": a job, even if "học" is said too.
  // "…muốn đi bán thuốc thì lương bao nhiêu": a wage is an opening's, not a course's (whatever "học" the story says).
  // A follow-up asking to learn ("học nấu ăn ở đâu" after openings) is judged on its own words, not the earlier "tuyển".
  const ownWordsOnly = question.asked !== undefined && question.asked !== question.folded ? cueText(question.asked) : undefined;
  const learnsNow = ownWordsOnly !== undefined && namesCourse(ownWordsOnly, question.text) && !CUE.seeksJob.test(ownWordsOnly) && !CUE.wage.test(ownWordsOnly);
  const seeksJob = (CUE.seeksJob.test(q) || CUE.wage.test(q)) && !CUE.courseOnly.test(q) && !learnsNow && !asksCoursesOnly(question, lexicon);
  const listsCourses = (qa !== undefined && qa.topic === "vocational_training_options" && (qa.act === "list" || qa.wanted === "which_trades" || qa.wanted === "where")) || CUE.whichCourse.test(q) || schoolEnrols(q, lexicon);
  if (!seeksJob && (school || (levelRows.length && listsCourses && namesCourse(q, question.text) && !courseTrade)) && data.courses.length) {
    const ofSchool = data.courses.filter((c) => (!school || c.institution === school) && (!levelRows.length || levelRows.includes(c)));
    let rows = ofSchool.filter((c) => !courseTrade || sameTrade(c.trade, courseTrade, lexicon));
    // "Cháu học trường Sông Hậu nghề nuôi tôm": the school named has no course of that exact name but
    // one of its trade group ("Nuôi trồng thủy sản"); that course, not another school's "Nuôi tôm".
    if (!rows.length && school && courseTrade) {
      const groups = new Set(tradeGroupsOf(courseTrade, lexicon));
      const slots = new Set((qa?.slots.trade ?? []).map((t) => t.id));
      rows = ofSchool.filter((c) => tradeGroupsOf(c.trade, lexicon).some((g) => groups.has(g)) || tradeSlotsOf(c.trade, lexicon, question.everydayWords).some((id) => slots.has(id)));
    }
    if (rows.length) {
      const lead = school ? `Các khóa của ${school}:` : `Các khóa trình độ ${levels.map((l) => l.label).join(", ")}:`;
      // Rows past the first few are named, not dropped: "có mấy lớp" next counts them all.
      return finish(`${lead}\n${rows.slice(0, MAX_ITEMS).map((c) => `- ${courseLine(c)}`).join("\n")}${moreRows(rows, courseName, "khóa")}`, "vocational_training_options", data, rows.slice(0, MAX_ITEMS + MORE_NAMED), courseTrade);
    }
  }
  // A follow-up to a spreadsheet answer ("học phí bao nhiêu", "hạn nộp khi nào") stays in the rows.
  // Not when it names a new audience ("vậy người Khmer thì được bao nhiêu?"): that is policy, not rows.
  const ownAudience = qa !== undefined && qa.slots.audience.length > 0 && !qa.carried.includes("audience");
  const tableFollowUp = qa?.followUp && question.previousLabour && !ownAudience;
  // "Ở Hàm Giang có lớp học nghề nào không": the courses held in that commune.
  // A long message tells a story around its commune; only a short one asking for courses lists them.
  const coursesIn = communeKeys.length > 0 && CUE.whichCourse.test(q) && (question.asked ?? q).split(" ").length <= 15;
  // A course asked for a trade no course row teaches ("học điện lạnh ở đâu" when only "Điện dân dụng"
  // is taught): say there is none, never list the courses of another trade.
  const askedTrade = ownTradeSlot(qa);
  const asksCourseRows = CUE.courseOnly.test(q) || (qa !== undefined && ["where", "date", "duration", "which_trades", "contact", "who"].includes(qa.wanted)) || (tableFollowUp && question.previousLabour === "course");
  // A trade the documents speak of ("giáo viên tiếng Khmer" at a university) is left to them, unless
  // the message asks for a course in so many words ("có khóa học tiếng Hàn không") or follows a course list.
  // "Có lớp dạy tiếng Hàn không" asks for a course as plainly as "khóa nào".
  const namesCourseTable = CUE.courseOnly.test(q) || CUE.whichCourse.test(q) || /\bco (lop|khoa)\b/.test(q) || (tableFollowUp && question.previousLabour === "course");
  const leftToPassages = askedTrade !== undefined && question.documentSlots?.has(`trade:${askedTrade.id}`) && !namesCourseTable;
  if (!seeksJob && askedTrade && !leftToPassages && !courseTrade && asksCourseRows && namesCourse(q, question.text) && !CUE.jobs.test(q) && data.courses.length && !data.courses.some((c) => tradeSlotsOf(c.trade, lexicon, question.everydayWords).includes(askedTrade.id))) {
    return { ...finish(repliesVi.noRowsFor(`khóa đào tạo ${slotPhrasesVi.trade!(askedTrade.label)}`), "vocational_training_options", data, []), notFound: true };
  }
  // "Có lớp nào nhận người khuyết tật không": the courses whose audience or support names that group
  // ("lớp nào" asks for courses, whatever "nhận người" says).
  const groupsNamed = (text: string) => new Set(findSlots(lexicon, foldedWords(text)).filter((m) => m.entry.kind === "audience" && qa!.slots.audience.some((a) => a.id === m.entry.id)).map((m) => m.entry.id)).size;
  if (ownAudience && !courseTrade && CUE.whichCourse.test(q) && data.courses.length) {
    const named = new Map(data.courses.map((c) => [c, groupsNamed(`${c.audience}. ${c.support}`)]));
    // "Ưu tiên phụ nữ người Khmer": courses naming every group asked come before those naming one.
    const rows = data.courses.filter((c) => named.get(c)! > 0 && inCommune(`${c.location} ${c.institution}`, communeKeys)).sort((a, b) => named.get(b)! - named.get(a)!);
    if (rows.length) {
      const label = qa!.slots.audience.map((a) => a.label).join(", ");
      return finish(`${repliesVi.coursesForGroup(label)}\n${rows.slice(0, MAX_ITEMS).map((c) => `- ${courseLine(c)}`).join("\n")}`, "vocational_training_options", data, rows.slice(0, MAX_ITEMS));
    }
  }
  // "Bộ đội xuất ngũ thì có công ty nào ưu tiên tuyển", "việc nào nhận người khuyết tật": the open
  // rows whose position or requirements name that group, when a job is sought and no trade is named.
  // (Asked as whether a place takes the group: "nhận", "ưu tiên", "dành cho"; a group in a story is not.)
  const tableWords = lexicon.slots.tableWords;
  // A course's name matched by a group's words ("Tin học văn phòng cho người khuyết tật") is no
  // course asked when the message names no course ("việc nào nhận người khuyết tật").
  const courseTradeAsked = courseTrade !== undefined && namesCourse(q, question.text);
  if (ownAudience && CUE.seeksJob.test(q) && !learnsNow && containsPhrase(q.split(" "), tableWords.takesGroup) && !ownTradeSlot(qa) && !courseTradeAsked && data.jobs.length) {
    const today = localIsoDate(question.now);
    const ids = new Set(qa!.slots.audience.map((a) => a.id));
    const taking = data.jobs.filter((j) => takesGroup(`${j.position}; ${j.requirements}`, ids, lexicon) && inCommune(j.workplace, communeKeys) && (!j.deadline || j.deadline >= today));
    // Openings naming every group asked come first, newest first within each.
    const named = new Map(taking.map((j) => [j, groupsNamed(`${j.position}; ${j.requirements}`)]));
    const rows = newestFirst(taking, data).sort((a, b) => named.get(b)! - named.get(a)!);
    if (rows.length) {
      const label = qa!.slots.audience.map((a) => a.label).join(", ");
      return finish(`${repliesVi.jobsForGroup(label)}\n${rows.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`).join("\n")}`, "labour_market_jobs", data, rows.slice(0, MAX_ITEMS));
    }
  }
  // "Có chỗ nào có ký túc xá không", "việc nào làm ca đêm", "nhận hàng về nhà làm": a job sought by
  // what its row says, in words no trade or group list holds. The rows saying those words are the answer.
  const asksForJobs = seeksJob || ((CUE.jobs.test(q) || containsPhrase(q.split(" "), lexicon.slots.tableWords.whichRows)) && !learnsNow && !namesCourse(q, question.text));
  // (A wage asked, "lương cao cao xíu", is ranked or filtered by the paths below.)
  if (asksForJobs && !CUE.wage.test(q) && !ownTradeSlot(qa) && !courseTrade && !qa?.slots.company.length && data.jobs.length) {
    const saying = jobsSaying(question, data, communeKeys, lexicon);
    if (saying) return saying;
  }
  // "Tháng này còn lớp nào kịp vô học": the courses starting in the month asked.
  const startsInMonth = CUE.whichCourse.test(q) && requestedMonth(q, question.now) !== undefined;
  // "Có lớp học nghề nào không?" said alone: the courses there are (a short message naming nothing else).
  const anyCourse = CUE.whichCourse.test(q) && !qa?.followUp && (question.asked ?? q).split(" ").length <= 8;
  if (!seeksJob && (namesCourse(q, question.text) || (tableFollowUp && question.previousLabour === "course")) && (courseTrade || CUE.startMonth.test(q) || coursesIn || startsInMonth || anyCourse) && data.courses.length) {
    // "Có lớp hàn 6G không" when only "Hàn điện (hàn 3G)" is taught: none of the kind asked.
    const clash = courseTrade ? labelClash(question.text, question.tradeAsked ?? question.asked ?? q, courseTrade) : undefined;
    if (clash) return { ...finish(repliesVi.noRowsFor(`khóa đào tạo ${clash}`), "vocational_training_options", data, []), notFound: true };
    const answer = courseAnswer(question, data, courseTrade, communeKeys, lexicon);
    if (answer) return answer;
  }

  const jobTrade = jobOrDemandTrade(question, data, lexicon) ?? (asksRows ? slotTrade(qa, data.jobs.map((j) => j.position), lexicon, question.everydayWords) : undefined);
  // A value asked about a trade that has openings ("hạn nộp hồ sơ xay xát khi nào"): the openings.
  const asksRowValue = qa !== undefined && ["date", "where", "contact", "eligibility", "count", "amount"].includes(qa.wanted) && qa.topic === "labour_market_jobs";
  const jobFollowUp = tableFollowUp && question.previousLabour === "job";
  // "Tôi 45 tuổi có việc gì làm được không": the openings, filtered by the age stated.
  const agePresent = ageStated(question.asked ?? q) !== undefined;
  if ((CUE.jobs.test(q) || ((asksRowValue || jobFollowUp) && jobTrade)) && (jobTrade || communeKeys.length || agePresent || containsPhrase(q.split(" "), tableWords.openings) || openingsPlain(question, q, askedTrade !== undefined && !jobTrade, lexicon))) {
    // "Có chỗ nào tuyển người chăn bò không", "vô làm trại heo": words of its own that together name
    // a few openings ("Công nhân chăn nuôi bò", the rows of "Trại Heo …"), whatever else it tells.
    const named = jobTrade || jobFollowUp ? undefined : jobsNamedByWords(question, data, communeKeys, lexicon);
    if (named) return named;
    // "Công ty may nào ở Đại An đang tuyển": a trade of its own that no opening is of. The openings
    // of the place are not the answer; say there is none of that trade.
    if (askedTrade && !jobTrade && !jobFollowUp && !data.jobs.some((j) => tradeSlotsOf(j.position, lexicon, question.everydayWords).includes(askedTrade.id)) && !tradeWordsInRows(question, askedTrade.id, data, lexicon)) {
      return { ...finish(repliesVi.noRowsFor(`chỗ tuyển nghề ${askedTrade.label}`), "labour_market_jobs", data, []), notFound: true };
    }
    // "Có công ty nào tuyển hướng dẫn viên du lịch không?": words of its own that no row has. The
    // openings of other trades are not the answer; say there is none.
    if (!jobTrade && !jobFollowUp && residualWords(question, lexicon).some((w) => !rowVocabulary(data).has(w) && !question.commonWords?.has(w))) {
      return { ...finish(repliesVi.noRowsFor("chỗ tuyển đúng như bạn hỏi"), "labour_market_jobs", data, []), notFound: true };
    }
    return jobsAnswer(question, data, jobTrade, communeKeys, lexicon);
  }
  // A job asked by a trade no row has: say so, never list other jobs as if they answered.
  if (CUE.jobs.test(q) && askedTrade && !jobTrade) {
    return { ...finish(repliesVi.noRowsFor(`chỗ tuyển nghề ${askedTrade.label}`), "labour_market_jobs", data, []), notFound: true };
  }
  if (ranking && data.jobs.length) return jobRanking(data);
  return undefined;
}

/** Longest run of a message's words looked for in the rows' text, and the share of rows it may match. */
const SAYING_MAX_WORDS = 4;
const SAYING_MAX_SHARE = 1 / 3;
/** Words that negate the words after them. */
const NEGATIONS = new Set(["khong", "chua", "chang", "cha", "ko", "k", "hong", "hok"]);

/**
 * The openings whose position or requirements say a run of the message's own words ("ký túc xá",
 * "ca đêm", "không cần bằng cấp"): the longest run that some rows, but not most, say; it must hold
 * a word that is neither an everyday word of the question bank, a generic row word, nor a commune.
 * Open rows answer; when only closed rows say it they are shown as closed, and the question stays
 * unanswered unless it asks something of them. Undefined when no run picks rows out.
 */
function jobsSaying(question: LabourQuestion, data: LabourData, communeKeys: string[], lexicon: Lexicon): LabourAnswer | undefined {
  // The runs are looked for in the clauses that ask: "tốt nghiệp cấp 3 rồi, có chỗ nào tuyển không"
  // tells what the asker has, it seeks no row saying "tốt nghiệp".
  const words = (question.analysis?.asking ?? question.asked ?? question.folded).split(" ").filter(Boolean);
  const generic = genericRowWords(lexicon);
  const communeWords = communeWordsOf(findCommunes(lexicon, question.text));
  // The words that ask whether a place takes a group ("ưu tiên", "nhận") say how, not what.
  const asksGroup = new Set(lexicon.slots.tableWords.takesGroup.flat());
  const telling = (w: string) => isInformative(w) && !question.everydayWords?.has(w) && !generic.has(w) && !communeWords.has(w) && !asksGroup.has(w) && !/^\d+$/.test(w);
  // A word of the question that no row has ("biết tiếng Khmer") is a condition no row can meet:
  // rows that share its other words ("ưu tiên") would not answer it.
  const vocabulary = rowVocabulary(data);
  if (words.some((w) => telling(w) && !vocabulary.has(w))) return undefined;
  const rows = data.jobs.filter((j) => inCommune(j.workplace, communeKeys));
  const texts = rows.map((j) => sayingText(j));
  const pairs = sayingPairs(data);
  const limit = Math.max(1, Math.floor(data.jobs.length * SAYING_MAX_SHARE));
  for (let n = SAYING_MAX_WORDS; n >= 2; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const run = words.slice(i, i + n);
      // "chưa có chứng chỉ hàn": a run the message negates is what the asker lacks, not what is sought.
      if (!run.some(telling) || words.slice(Math.max(0, i - 2), i).some((w) => NEGATIONS.has(w))) continue;
      // (Most runs share no word pair with any row: skipped before the rows are searched.)
      if (!run.slice(1).every((w, k) => pairs.has(`${run[k]} ${w}`))) continue;
      const key = ` ${run.join(" ")} `;
      const matched = rows.filter((_, k) => texts[k]!.includes(key));
      if (!matched.length || matched.length > limit) continue;
      const phrase = writtenRun(`${matched[0]!.position} ; ${matched[0]!.requirements}`, run);
      return openOrClosed(question, data, lexicon, matched, repliesVi.jobsSaying(phrase), (today) => repliesVi.jobsSayingClosed(phrase, today));
    }
  }
  return undefined;
}

/**
 * The openings whose own name (position and employer) holds two or more words the message adds to
 * the generic words of asking, close together and in the same order (`closeRunHeld`): "người chăn bò" is "Công nhân
 * chăn nuôi bò", "muốn vô làm trại heo" the rows of "Trại Heo …" (what the message tells around it,
 * "bán cá khô ở chợ", names no row). The rows holding most such words, if only a few, as for the runs
 * of `jobsSaying`; undefined otherwise.
 */
function jobsNamedByWords(question: LabourQuestion, data: LabourData, communeKeys: string[], lexicon: Lexicon): LabourAnswer | undefined {
  // (The question bank's words are not left out here, as they are for "a word no row has": "chăn",
  // "bò" are in it. Its everyday words count only beside a word of the message's own: "bò" is one.)
  const asked = residualWords(question, lexicon);
  if (!asked.some((w) => !question.everydayWords?.has(w))) return undefined;
  const rows = data.jobs.filter((j) => inCommune(j.workplace, communeKeys));
  let best: { rows: JobOpening[]; words: string[] } = { rows: [], words: [] };
  for (const j of rows) {
    const name = foldedWords(`${j.position} ; ${withoutPlaceWords(j.company, lexicon)}`);
    const held = closeRunHeld(asked, name, (w) => !question.everydayWords?.has(w));
    if (held.length < 2 || held.length < best.words.length) continue;
    if (held.length > best.words.length) best = { rows: [], words: held };
    best.rows.push(j);
  }
  const matched = best.rows;
  const words = best.words;
  if (!matched.length || matched.length > Math.max(1, Math.floor(data.jobs.length * SAYING_MAX_SHARE))) return undefined;
  const phrase = writtenRun(question.text, words);
  return openOrClosed(question, data, lexicon, matched, repliesVi.jobsNamed(phrase), (today) => repliesVi.jobsNamedClosed(phrase, today));
}

/**
 * The openings a message picked out, open ones first under `lead`; when all have closed, the closed
 * ones under `leadClosed(today)`, unanswered unless the message asks something of them.
 */
function openOrClosed(question: LabourQuestion, data: LabourData, lexicon: Lexicon, matched: JobOpening[], lead: string, leadClosed: (today: string) => string): LabourAnswer {
  const today = localIsoDate(question.now);
  const open = newestFirst(matched.filter((j) => !j.deadline || j.deadline >= today), data);
  if (open.length) return finish(`${lead}\n${open.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`).join("\n")}`, "labour_market_jobs", data, open.slice(0, MAX_ITEMS));
  const closed = newestFirst(matched, data);
  const answer = finish(`${leadClosed(formatDateVi(today))}\n${closed.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`).join("\n")}`, "labour_market_jobs", data, closed.slice(0, MAX_ITEMS));
  return asksOfRows(question, lexicon) ? answer : { ...answer, notFound: true };
}

/**
 * The longest run of `words` that a name writes in the same order, each word at most one word from
 * the one before it, both in the message and in the name ("chăn bò": "chăn nuôi bò"; "giáo viên" is
 * not "Nhân viên giao hàng", "văn hóa" not "hàng hóa … Kho vận"), holding a word `own` accepts; []
 * when no run holds two words.
 */
function closeRunHeld(words: string[], name: string[], own: (w: string) => boolean): string[] {
  let best: string[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let at = name.indexOf(words[i]!); at >= 0; at = name.indexOf(words[i]!, at + 1)) {
      const run = [words[i]!];
      let q = i;
      let n = at;
      for (;;) {
        // The next word of the message, one or two places on, at most two places on in the name.
        const next = [q + 1, q + 2].find((k) => k < words.length && [n + 1, n + 2].some((m) => name[m] === words[k]));
        if (next === undefined) break;
        n = [n + 1, n + 2].find((m) => name[m] === words[next])!;
        q = next;
        run.push(words[q]!);
      }
      if (run.length > best.length && run.some(own)) best = run;
    }
  }
  return best.length >= 2 ? best : [];
}

const sayingTexts = new WeakMap<JobOpening, string>();
const sayingPairCache = new WeakMap<LabourData, Set<string>>();

/** Every pair of adjacent words in the openings' positions and requirements (once per loaded data). */
function sayingPairs(data: LabourData): Set<string> {
  let pairs = sayingPairCache.get(data);
  if (!pairs) {
    pairs = new Set();
    for (const j of data.jobs) {
      const words = sayingText(j).trim().split(" ");
      for (let i = 0; i + 1 < words.length; i++) pairs.add(`${words[i]} ${words[i + 1]}`);
    }
    sayingPairCache.set(data, pairs);
  }
  return pairs;
}

/** A row's position and requirements, folded, clause by clause, padded for whole-word search (once per row). */
function sayingText(j: JobOpening): string {
  let text = sayingTexts.get(j);
  // Clauses stay apart ("ưu tiên nữ; không cần kinh nghiệm" does not say "nữ không"): a run is
  // sought within one clause of the row.
  if (text === undefined) sayingTexts.set(j, (text = ` ${`${j.position};${j.requirements}`.split(/[;,.()/\n]+/).map((part) => foldedWords(part).join(" ")).filter(Boolean).join(" | ")} `));
  return text;
}

/** The words of a row's text that fold to `run`, as the row writes them ("ký túc xá"). */
function writtenRun(text: string, run: string[]): string {
  const written = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const folded = written.map((w) => foldedKey(w));
  for (let i = 0; i + run.length <= folded.length; i++) {
    if (run.every((w, k) => folded[i + k] === w)) return written.slice(i, i + run.length).join(" ").toLocaleLowerCase("vi");
  }
  return run.join(" ");
}

/** The folded words of the communes a text names, new and old names ("Long Hiệp", "Ngọc Biên"). */
const withoutPlaceCache = new WeakMap<Lexicon, Map<string, string>>();

/** A name's words without those of the communes it holds ("Cơ sở Sửa xe Thử Nghiệm Tập Sơn" → "… Sửa xe Thử Nghiệm"). */
function withoutPlaceWords(name: string, lexicon: Lexicon): string {
  let known = withoutPlaceCache.get(lexicon);
  if (!known) withoutPlaceCache.set(lexicon, (known = new Map()));
  let text = known.get(name);
  if (text === undefined) {
    const place = communeWordsOf(findCommunes(lexicon, name));
    text = place.size ? foldedWords(name).filter((w) => !place.has(w)).join(" ") : name;
    known.set(name, text);
  }
  return text;
}

function communeWordsOf(communes: ReturnType<typeof findCommunes>): Set<string> {
  return new Set(communes.flatMap(({ commune, old }) => foldedWords(`${commune.short} ${old ?? ""}`)));
}

/**
 * Whether the message asks something of the rows it names (their wage, deadline, contact, place,
 * "còn nộp được không"), rather than whether anyone is hiring.
 */
function asksOfRows(question: LabourQuestion, lexicon: Lexicon): boolean {
  const own = (question.asked ?? question.folded).split(" ");
  const tableWords = lexicon.slots.tableWords;
  // A column of the openings named ("cần bằng gì", "nhận người bao nhiêu tuổi") asks of the rows too.
  return !containsPhrase(own, tableWords.whichRows) && (["amount", "date", "contact", "how_to_apply", "where"].includes(question.analysis?.wanted ?? "none") || containsPhrase(own, tableWords.ofPosition) || columnsNamed(own, "job", lexicon).length > 0);
}

/**
 * The trade the message names among the openings' and the demand table's labels; when those tie
 * ("lái xe nâng": the opening "Lái xe nâng hàng" and the demand row "Vận hành xe nâng"), among the
 * openings' alone, as the openings are what is listed.
 */
function jobOrDemandTrade(question: LabourQuestion, data: LabourData, lexicon: Lexicon): string | undefined {
  const positions = data.jobs.map((j) => j.position);
  const both = tradeOf(question, [...positions, ...data.demand.map((d) => d.trade)], lexicon);
  if (both || !data.demand.length) return both;
  // (Only an opening whose label holds two neighbouring words of the message: "nhận hàng về nhà làm"
  // names no "Nhân viên bán hàng" by "hàng" alone. The pairs no row holds are dropped first, so most
  // messages end here without a second search of the labels.)
  const known = sayingPairs(data);
  const pairs = wordPairs(question.asked ?? question.folded).filter((pair) => known.has(pair));
  if (!pairs.length) return undefined;
  const opening = tradeOf(question, positions, lexicon);
  const label = opening ? ` ${foldedKey(opening)} ` : "";
  return opening && pairs.some((pair) => label.includes(` ${pair} `)) ? opening : undefined;
}

/**
 * The trade of the current message first: in a follow-up ("còn bảo vệ thì sao?") the earlier
 * question's trade is only the fallback.
 */
function tradeOf(question: LabourQuestion, names: string[], lexicon: Lexicon): string | undefined {
  const asked = question.tradeAsked ?? question.asked;
  const named = asked ? matchTrade(cueText(asked), names, lexicon, question.everydayWords) : undefined;
  // A row named only in what the message tells ("chị có tiếng Trung rồi") gives way to the trade it
  // wants learnt ("học thêm tiếng Hàn"), named by the slot word lists.
  // (Not a row the learnt words name themselves: "khóa học hàn" is the row "Hàn".)
  const learnt = named ? learntTrades(question.analysis, lexicon) : undefined;
  const namedWords = named ? foldedWords(named) : [];
  const told = learnt && !tradeSlotsOf(named!, lexicon, question.everydayWords).some((id) => learnt.ids.has(id)) && !learnt.phrases.some((p) => p.every((w) => namedWords.includes(w) || LEARN_LEADS.has(w) || TRADE_LEADS.has(w)));
  const own = told ? (slotTrade(question.analysis, names, lexicon, question.everydayWords) ?? named) : named;
  // Not a follow-up: the message alone was just searched. A follow-up naming a trade of its own
  // ("còn học hàn thì sao?") asks that trade, even when no row has it: never the earlier one.
  if (own || question.asked === question.folded || ownTradeSlot(question.analysis)) return own;
  const earlier = matchTrade(cueText(question.tradeFolded ?? question.folded), names, lexicon, question.everydayWords);
  return earlier && asked ? (variantNamed(earlier, asked, question.ownText, names, lexicon) ?? earlier) : earlier;
}

/**
 * "Còn ca đêm thì sao?" after "lái xe nâng ca ngày": the label of the earlier trade's kin that holds
 * every telling word of the follow-up ("Lái xe nâng ca đêm"), the one sharing most of the earlier
 * label's words (at least two). Undefined when the earlier label holds them itself, or none does.
 */
function variantNamed(earlier: string, ownText: string, written: string | undefined, names: string[], lexicon: Lexicon): string | undefined {
  const telling = ownTellingWords(ownText, lexicon);
  const earlierWords = foldedWords(earlier);
  if (!telling.length || telling.every((w) => earlierWords.includes(w))) return undefined;
  let best: { name: string; shared: number } | undefined;
  for (const name of new Set(names)) {
    const nameWords = foldedWords(name);
    if (!labelHolds(name, telling, written)) continue;
    const shared = earlierWords.filter((w) => nameWords.includes(w) && !telling.includes(w)).length;
    if (shared >= 2 && (!best || shared > best.shared)) best = { name, shared };
  }
  return best?.name;
}

const columnPhrasesCache = new WeakMap<Lexicon, string[]>();

/** Words that ask a value of the word beside them: "làm ca mấy giờ", "ca nào" ask the hours, naming no row. */
const ASKS_OF_NEIGHBOUR = new Set(["may", "nao", "gi", "j"]);

/**
 * The run of a message's own words that names a row: its telling words (not the table's generic
 * words, "việc", "công nhân", nor a column's, "ở đâu", "ngày mấy", nor a word asked of, "ca" in "ca
 * mấy giờ") with the generic words beside them ("nhận hàng", "công nhân may"). Empty when it has
 * none, or when they stand apart.
 */
function ownTellingWords(ownText: string, lexicon: Lexicon): string[] {
  let phrases = columnPhrasesCache.get(lexicon);
  if (!phrases) {
    const columns = [...lexicon.slots.rowColumns.values()].flatMap((c) => [...c.values()].flat().map((p) => p.join(" ")));
    columnPhrasesCache.set(lexicon, (phrases = [...new Set(columns)].sort((a, b) => b.length - a.length)));
  }
  const all = ownText.split(" ").filter(Boolean);
  // The words inside a column's phrase, longest phrase first.
  const column = new Array<boolean>(all.length).fill(false);
  for (const p of phrases) {
    const pw = p.split(" ");
    for (let i = 0; i + pw.length <= all.length; i++) if (pw.every((w, k) => all[i + k] === w && !column[i + k])) pw.forEach((_, k) => (column[i + k] = true));
  }
  const generic = genericRowWords(lexicon);
  const asked = new Set(all.flatMap((w, i) => (ASKS_OF_NEIGHBOUR.has(w) ? [i - 1, i, i + 1] : [])));
  // (A commune's words say where, not which row: "ca đêm ở Tập Sơn".)
  const place = communeWordsOf(findCommunes(lexicon, ownText));
  const telling = all.map((w, i) => !column[i] && !asked.has(i) && !place.has(w) && isInformative(w) && !generic.has(w) && !/^\d+$/.test(w));
  const first = telling.indexOf(true);
  if (first < 0) return [];
  const last = telling.lastIndexOf(true);
  // (Not "còn", "em" and the like: they lead or close a message, they name nothing.)
  const joins = (w: string) => generic.has(w) && isInformative(w) && !lexicon.slots.continuationFirstWords.has(w) && !lexicon.slots.asking.particles.has(w);
  const runWord = (i: number) => !column[i] && !asked.has(i) && !place.has(all[i]!) && (telling[i] || joins(all[i]!));
  for (let i = first; i <= last; i++) if (!runWord(i)) return [];
  let from = first;
  let to = last;
  while (from > 0 && runWord(from - 1)) from--;
  while (to < all.length - 1 && runWord(to + 1)) to++;
  return all.slice(from, to + 1);
}

/**
 * "Chị có tiếng Trung rồi, giờ muốn học thêm tiếng Hàn…", "nhà làm lúa với nuôi tôm… có lớp nào dạy
 * nuôi tôm không": of the trades named, the ones written right after a word of learning ("học",
 * "học thêm", "dạy", "lớp", "khóa") are asked, the others only told. Undefined when no trade of the
 * slot word lists follows such a word.
 */
function learntTrades(qa: QuestionAnalysis | undefined, lexicon: Lexicon): { ids: Set<string>; phrases: string[][] } | undefined {
  if (!qa?.slots.trade.length) return undefined;
  // Asked once per analysis: tradeOf and slotTrade read it for every table's names.
  if (learntCache.has(qa)) return learntCache.get(qa);
  const found = learntTradesOf(qa, lexicon);
  learntCache.set(qa, found);
  return found;
}

const learntCache = new WeakMap<QuestionAnalysis, { ids: Set<string>; phrases: string[][] } | undefined>();

function learntTradesOf(qa: QuestionAnalysis, lexicon: Lexicon): { ids: Set<string>; phrases: string[][] } | undefined {
  const words = qa.folded.split(" ");
  const asked = new Set(qa.slots.trade.map((t) => t.id));
  const learnt = findSlots(lexicon, words).filter((m) => {
    if (m.entry.kind !== "trade" || !asked.has(m.entry.id)) return false;
    const before = words[m.start - 1] ?? "";
    return LEARN_LEADS.has(before) || (before === "them" && LEARN_LEADS.has(words[m.start - 2] ?? ""));
  });
  return learnt.length ? { ids: new Set(learnt.map((m) => m.entry.id)), phrases: learnt.map((m) => words.slice(m.start, m.end)) } : undefined;
}

/** Words that say what follows is to be learnt: "học (thêm)", "dạy", "lớp", "khóa". */
const LEARN_LEADS = new Set(["hoc", "day", "lop", "khoa"]);

/** A row name of the trade the analysis names from the slot word list ("lột tôm" → "Công nhân chế biến thủy sản"). */
function slotTrade(qa: QuestionAnalysis | undefined, names: string[], lexicon: Lexicon, everyday?: Set<string>): string | undefined {
  const ids = learntTrades(qa, lexicon)?.ids ?? new Set((qa?.slots.trade ?? []).map((t) => t.id));
  if (!ids.size) return undefined;
  // The row name holding most of the trades named wins ("học lái xe ô tô" is "Lái xe ô tô hạng B",
  // not "Công nghệ ô tô"); on a tie, the one sharing most words with the question ("lái xe hạng B"
  // is "Lái xe ô tô hạng B", not "… hạng C", whatever their order), then the first row.
  const asked = new Set(qa?.folded.split(" ") ?? []);
  let best: { name: string; held: number; shared: number } | undefined;
  for (const name of new Set(names)) {
    const held = tradeSlotsOf(name, lexicon, everyday).filter((id) => ids.has(id)).length;
    if (!held) continue;
    const shared = foldedWords(name).filter((w) => asked.has(w)).length;
    if (!best || held > best.held || (held === best.held && shared > best.shared)) best = { name, held, shared };
  }
  return best?.name;
}

const tradeSlotsCache = new WeakMap<Lexicon, Map<string, string[]>>();

/** The trade slot ids a row's name belongs to (knowledge/slots.yaml, `labelTradeSlots`), once per name. */
function tradeSlotsOf(name: string, lexicon: Lexicon, everyday?: Set<string>): string[] {
  let byName = tradeSlotsCache.get(lexicon);
  if (!byName) tradeSlotsCache.set(lexicon, (byName = new Map()));
  let ids = byName.get(name);
  if (!ids) {
    ids = labelTradeSlots(lexicon, name, everyday);
    if (byName.size > 20_000) byName.clear();
    byName.set(name, ids);
  }
  return ids;
}

// === table queries ===

/** Rows of the companies the question names; a count question gets the total. */
function companyAnswer(question: LabourQuestion, data: LabourData, qa: QuestionAnalysis, lexicon: Lexicon): LabourAnswer | undefined {
  const today = localIsoDate(question.now);
  const rows = newestFirst(data.jobs.filter((j) => qa.slots.company.includes(j.company) && (!j.deadline || j.deadline >= today)), data);
  // "Em 16 tuổi có chỗ nào nhận không" after a company's openings: when none of its rows takes that
  // age, the question is the whole table's (answered below), not the earlier company's.
  const ownAge = question.asked !== undefined ? ageStated(question.asked) : undefined;
  // (Rows that state no age do not count as taking it.)
  if (qa.companyCarried && ownAge !== undefined && rows.length && !byAge(rows, ownAge, (j) => j.requirements).fit.some((j) => statesAge(j.requirements))) return undefined;
  const names = qa.slots.company.join(", ");
  if (!rows.length) {
    // "Công ty Tây Đô còn nhận hồ sơ không", "chỗ giày da Thuận An có ký túc xá không": the company
    // asked is in the list, its deadlines passed. Its rows, said to be closed, answer what was asked
    // of it (whether it still takes applications, its wage, its conditions) better than "none".
    // Only for a company this message names: "còn chỗ nào khác tuyển may không" after it asks elsewhere.
    const all = qa.companyCarried ? [] : newestFirst(data.jobs.filter((j) => qa.slots.company.includes(j.company)), data);
    // "Tân Tiến tuyển phụ hàn có cần kinh nghiệm": the position named, of the company's rows.
    const position = all.length > 1 ? tradeOf(question, all.map((j) => j.position), lexicon) : undefined;
    const closed = position ? all.filter((j) => j.position === position) : all;
    if (closed.length) return finish(`${repliesVi.companyClosed(names, formatDateVi(today))}\n${closed.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`).join("\n")}`, "labour_market_jobs", data, closed.slice(0, MAX_ITEMS));
    return { ...finish(repliesVi.noRowsFor(`chỗ tuyển còn hạn của ${names}`), "labour_market_jobs", data, []), notFound: true };
  }
  // "Siêu thị X còn nhận hồ sơ bảo vệ không": a position of the company named in this message is
  // what is asked. Open, it comes first among the company's rows; closed, it is said closed before
  // the open ones.
  if (!qa.companyCarried) {
    const all = newestFirst(data.jobs.filter((j) => qa.slots.company.includes(j.company)), data);
    // Only in words that are not the company's name ("Thủy Sản Thử Nghiệm E còn tuyển gì" names no
    // "Công nhân chế biến thủy sản").
    const nameWords = new Set(qa.slots.company.flatMap((c) => foldedWords(c)));
    const asked = withoutNameRun((question.asked ?? question.folded).split(" ").filter(Boolean), nameWords).join(" ");
    const position = new Set(all.map((j) => j.position)).size > 1 && asked ? matchTrade(cueText(asked), all.map((j) => j.position), lexicon, question.everydayWords) : undefined;
    if (position) {
      const open = rows.filter((j) => j.position === position);
      const closed = all.filter((j) => j.position === position && j.deadline !== null && j.deadline < today);
      // Open: the company's rows, the one named first (the others may suit the asker better).
      if (open.length) rows.sort((a, b) => Number(b.position === position) - Number(a.position === position));
      else if (closed.length) {
        const openText = `${names} đang tuyển:\n${rows.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`).join("\n")}`;
        return finish(`${closedRowsText(position, closed)}\n${openText}`, "labour_market_jobs", data, [...closed.slice(0, MAX_ITEMS), ...rows.slice(0, MAX_ITEMS)]);
      }
    }
  }
  const total = rows.reduce((sum, j) => sum + (j.quantity ?? 0), 0);
  const lines = rows.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`);
  const lead = qa.wanted === "count" && total ? `${names} đang tuyển tổng cộng ${total.toLocaleString("vi-VN")} người:` : `${names} đang tuyển:`;
  // "Cty may Tập Sơn còn nhận hồ sơ công nhân may không": whether the company named still takes
  // applications is asked; its rows already closed are named as closed after the open ones rather
  // than left out (the open row shown may not be the one the asker means).
  // (Not "còn tuyển gì không", which asks what is open.)
  const ownStatus = cueText(question.asked ?? question.folded);
  const asksStatus = !qa.companyCarried && containsPhrase(ownStatus.split(" "), lexicon.slots.tableWords.ofPosition) && !WHICH_RE.test(ownStatus) && qa.wanted !== "which_trades";
  const closed = asksStatus ? newestFirst(data.jobs.filter((j) => qa.slots.company.includes(j.company) && j.deadline !== null && j.deadline < today), data).slice(0, MAX_ITEMS) : [];
  const closedText = closed.length ? `\n${repliesVi.closedOfCompany(formatDateVi(today))}\n${closed.map((j) => `- ${jobLine(j)}`).join("\n")}` : "";
  return finish(`${lead}\n${lines.join("\n")}${closedText}`, "labour_market_jobs", data, [...rows.slice(0, MAX_ITEMS), ...closed]);
}

/**
 * The words without the longest run of the name's words, where the message names the company:
 * "cty may Long Hiệp tuyển kỹ thuật sửa máy may" keeps the position's "máy may", which the name's
 * "May" would otherwise take away wherever it stands.
 */
function withoutNameRun(words: string[], nameWords: Set<string>): string[] {
  let best = { start: 0, length: 0 };
  for (let i = 0; i < words.length; ) {
    let j = i;
    while (j < words.length && nameWords.has(words[j]!)) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j > i ? j : i + 1;
  }
  return [...words.slice(0, best.start), ...words.slice(best.start + best.length)];
}

/** Words that "nhất" grades into a ranking. */
const GRADED = new Set(["cao", "thap", "nhieu", "it", "som", "muon", "tre", "re", "mac", "dat", "gan", "xa", "lon", "nho", "nhanh", "lau", "ngan", "tot", "dai", "dong"]);
/** What a graded word itself ranks, when it says ("mắc nhất" is a price, "đông người nhất" a count); "cao" may be either. */
/** Grades that count people when the message names no measure: "nhiều nhất", "ít nhất", "đông nhất". */
const COUNTING_GRADES = new Set(["nhieu", "it", "dong"]);
const GRADED_MEASURE: Partial<Record<string, QuestionAnalysis["wanted"]>> = { mac: "amount", dat: "amount", re: "amount", som: "date", muon: "date", tre: "date", dong: "count", nhanh: "duration", lau: "duration" };

/**
 * Where "nhất" ranks: after a word that grades ("hợp nhất" merges, it ranks nothing); "đông người
 * nhất": the graded word may come before the noun it grades. -1 when none.
 */
function gradedAt(words: string[], comparative = false): number {
  // "Chỗ nào lương cao hơn" after rows were shown compares those rows ("hơn" with a "which"); "cao
  // hơn 7 triệu" is a bound (a number follows), read elsewhere.
  const grades = (w: string, i: number) => w === "nhat" || (comparative && w === "hon" && !/^\d/.test(words[i + 1] ?? "") && words.some((x, k) => x === "nao" && k < i));
  return words.findIndex((w, i) => grades(w, i) && i > 0 && (GRADED.has(words[i - 1]!) || (i > 1 && GRADED.has(words[i - 2]!) && words[i - 1] === "nguoi")));
}

/** "Học xong có chỗ nào nhận không": a word of finishing the course and a word of hiring (knowledge/slots.yaml). */
function hiredAfter(text: string, lexicon: Lexicon): boolean {
  const words = text.split(" ");
  return containsPhrase(words, lexicon.slots.tableWords.afterCourse) && containsPhrase(words, lexicon.slots.tableWords.hires);
}

/**
 * "Chỗ nào lương cao hơn", "cái nào khai giảng sớm hơn": a comparative asked with "which" and
 * nothing to compare with (no number, no second thing), so of a set already named.
 */
export function comparesUnnamed(words: string[]): boolean {
  const at = gradedAt(words, true);
  // "Học nghề hay học đại học, cái nào tốt hơn" names what it compares ("hay", "với", "và").
  const namesBoth = words.slice(0, at).some((w) => ["hay", "voi", "va", "hoac"].includes(w));
  return at > 0 && words[at] === "hon" && !namesBoth && words.slice(at + 1).every((w) => !/^\d/.test(w) && !["voi", "so"].includes(w));
}

/**
 * The wage an opening is ranked by: its lowest figure when the lowest pay is asked ("lương khởi
 * điểm thấp nhất" is where pay starts), its highest when the highest is.
 */
function wageRankedBy(j: JobOpening, lowest: boolean): number | undefined {
  return (lowest ? (j.wageMin?.value ?? j.wageMax?.value) : (j.wageMax?.value ?? j.wageMin?.value)) ?? undefined;
}

/** Words that turn "nhất" into the lowest: "thấp nhất", "ít nhất", "rẻ nhất". */
const LOWEST = new Set(["thap", "it", "re", "ngan", "muon", "cham"]);
/** Words that rank dates and lengths latest or longest first: "hạn nộp muộn nhất", "còn hạn lâu nhất", "học lâu nhất". */
const LATEST = new Set(["muon", "tre", "lau", "dai"]);

/**
 * Whether "nhất" ranks from the lowest: a word of LOWEST shortly before it, with the nouns and verbs
 * between ("ít người cần nhất", "nghề nào ít lao động nhất", "lương thấp nhất").
 */
function ranksLowest(words: string[]): boolean {
  return words.some((w, i) => w === "nhat" && words.slice(Math.max(0, i - 4), i).some((x) => LOWEST.has(x)));
}

/** "Vùng nào … cao nhất", "tỉnh nào … nhiều nhất": the noun before "nào" is one no row is (knowledge/slots.yaml). */
function ranksElsewhere(q: string, lexicon: Lexicon): boolean {
  const words = q.split(" ");
  const nao = words.indexOf("nao");
  if (nao < 1 || !words.slice(nao).includes("nhat")) return false;
  return lexicon.slots.rankedElsewhere.some((p) => p.length <= nao && p.every((w, k) => words[nao - p.length + k] === w));
}

/**
 * The trade this message itself names from the slot word lists: not one carried from an earlier
 * turn, and none when it names a school or company, whose rows or passages answer it ("Trung tâm
 * Tin học …" names no trade; "Đại học Trà Vinh có đào tạo giáo viên…" is in the documents).
 */
function ownTradeSlot(qa: QuestionAnalysis | undefined): { id: string; label: string } | undefined {
  if (!qa || qa.carried.includes("trade") || qa.slots.school.length || qa.slots.company.length) return undefined;
  return qa.slots.trade[0];
}

/**
 * Sorting and filtering over the rows: "cao nhất" (wage, demand), "sớm nhất" (start, deadline),
 * "không cần kinh nghiệm", "bao nhiêu chỗ". Undefined when the question is not one of these.
 */
function tableQuery(question: LabourQuestion, data: LabourData, qa: QuestionAnalysis, communeKeys: string[], lexicon: Lexicon): LabourAnswer | undefined {
  // "phân luồng" is not a wage ("lương"): the cue form keeps it one word.
  const allWords = cueText(qa.folded).split(" ");
  // "Thấp nhất thì sao?" after "ngành nào lương cao nhất": the message's own grade ranks, the
  // earlier question's words say what.
  const ownWords = cueText(question.asked ?? qa.folded).split(" ");
  const words = gradedAt(ownWords) > 0 ? ownWords : allWords;
  const nhat = gradedAt(words);
  // "nhiều người nhất", "đông người nhất", "tuyển nhiều nhất": a number of people, unless the
  // message names a measure ("lương nhiều nhất"), which wins below (`measure`).
  const graded = nhat > 0 ? (words[nhat - 1] === "nguoi" || COUNTING_GRADES.has(words[nhat - 1]!) ? "count" : (GRADED_MEASURE[words[nhat - 1]!] ?? GRADED_MEASURE[words[nhat - 2] ?? ""])) : undefined;
  // What a ranking ranks, when the message names it ("lương", "hạn nộp", "nhiều người"): read once,
  // by the "không cần kinh nghiệm mà lương cao nhất" branch and by the ranking at the end.
  const measureNamed = measureOf(words, lexicon.slots.tableWords.courseKinds) ?? graded ?? measureOf(allWords, lexicon.slots.tableWords.courseKinds);
  // "Việc nào lương cao nhất" ranks rows; "ít nhất phải trả bao nhiêu" asks a rule, not a ranking.
  // "Khi nào", "thế nào", "lúc nào" ask a time or a manner, not which row.
  // "Thấp nhất thì sao?" takes its "nào" from the ranking it follows.
  const which = WHICH_RE.test(qa.folded) || /\bgi\b/.test(qa.folded) || (qa.followUp && words === ownWords && WHICH_RE.test(question.folded));
  // A month named ("khóa nào khai giảng trong tháng 1") filters; it ranks nothing unless "nhất" is said.
  // "Phân luồng là gì" asks a definition, whatever the act classifier leans to.
  const superlative = which && (nhat > 0 || (qa.act === "comparison" && qa.actConfidence >= 0.6 && !qa.slots.month && qa.wanted !== "definition"));
  const lowest = nhat > 0 && (LOWEST.has(words[nhat - 1]!) || (words[nhat - 1] === "nguoi" && LOWEST.has(words[nhat - 2]!)));
  const latest = nhat > 0 && LATEST.has(words[nhat - 1]!);
  const today = localIsoDate(question.now);
  const q = cueText(question.folded);
  // The words of a condition name no trade: "việc buổi tối" is not the row "Thợ nail bán thời gian buổi tối".
  const named = withoutConditionWords(question, lexicon);
  const trade = tradeOf(named, data.jobs.map((j) => j.position), lexicon) ?? slotTrade(qa, data.jobs.map((j) => j.position), lexicon, question.everydayWords);
  // The course trade the message names, read by the branches that ask the course table.
  const courseTradeNamed = () => tradeOf(named, data.courses.map((c) => c.trade), lexicon);
  // "Bao nhiêu chỗ tuyển thợ điện": every label holding the words asked (`sharedTrade`).
  const shared = trade ? sharedTrade(question.asked ?? q, trade) : undefined;
  const ofTrade = (j: JobOpening) => !trade || sameTrade(j.position, trade, lexicon) || (shared !== undefined && holdsShared(j.position, shared));
  const openJobs = () => newestFirst(data.jobs.filter((j) => ofTrade(j) && inCommune(j.workplace, communeKeys) && (!j.deadline || j.deadline >= today)), data);

  // "Chỗ nào hết hạn nộp trong tháng 12": openings whose deadline falls in that month.
  // "Tháng này còn chỗ nào nhận hồ sơ": a month said relative to today counts too.
  const relative = requestedMonth(question.asked ?? q, question.now);
  const monthAsked = qa.slots.month ?? (relative ? Number(relative.slice(5, 7)) : undefined);
  const deadlineMonth = monthAsked && /\b(han nop|het han|han chot|nhan ho so|sap het)\b/.test(q) ? monthAsked : undefined;
  if (deadlineMonth) {
    const inMonth = (j: JobOpening) => j.deadline !== null && Number(j.deadline.slice(5, 7)) === deadlineMonth;
    const rows = openJobs().filter(inMonth).sort((a, b) => a.deadline!.localeCompare(b.deadline!));
    // The month's deadlines already passed are named too when what expires is asked ("tháng này có
    // việc nào hết hạn" on the 20th), not where one can still apply ("tháng này còn chỗ nào nhận hồ sơ").
    const expiresAsked = ` ${q} `.includes(" het han ");
    const closed = !expiresAsked ? [] : data.jobs.filter((j) => ofTrade(j) && inCommune(j.workplace, communeKeys) && inMonth(j) && j.deadline! < today).sort((a, b) => a.deadline!.localeCompare(b.deadline!));
    const closedNote = closed.length ? `\n${repliesVi.closedInMonth(deadlineMonth, closed.slice(0, MORE_NAMED).map((j) => `${jobName(j)} (${formatDateVi(j.deadline!)})`).join("; "))}` : "";
    if (!rows.length && !closed.length) return { ...finish(repliesVi.noRowsFor(`chỗ tuyển hết hạn nộp trong tháng ${deadlineMonth}`), "labour_market_jobs", data, []), notFound: true };
    if (!rows.length) return finish(closedNote.trim(), "labour_market_jobs", data, closed.slice(0, MAX_ITEMS), trade);
    // Rows past the first few are named, not dropped.
    return finish(`Các chỗ tuyển hết hạn nộp trong tháng ${deadlineMonth}:\n${rows.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`).join("\n")}${moreRows(rows, (j) => `${jobName(j)} (hạn nộp ${formatDateVi(j.deadline!)})`, "chỗ tuyển")}${closedNote}`, "labour_market_jobs", data, [...rows.slice(0, MAX_ITEMS + MORE_NAMED), ...closed.slice(0, MAX_ITEMS)], trade);
  }
  // "Các vị trí có hạn nộp sau ngày 01/01/2027", "khóa nào khai giảng trước 15/12": rows on one
  // side of a date the message writes.
  const bound = /\b(sau|trước|truoc|từ|tu|đến|den|tới|toi)\s+(?:ngày\s+|ngay\s+)?(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?/iu.exec(question.text);
  if (bound && !qa.followUp) {
    const [, side, d, m, y] = bound;
    const year = y ? Number(y) : Number(today.slice(0, 4)) + (Number(m) < Number(today.slice(5, 7)) ? 1 : 0);
    const iso = `${year}-${m!.padStart(2, "0")}-${d!.padStart(2, "0")}`;
    const sideWord = foldWord(side!.toLowerCase());
    const after = sideWord === "sau" || sideWord === "tu";
    const inclusive = ["tu", "den", "toi"].includes(sideWord);
    const fits = (date: string | null | undefined) => Boolean(date) && (after ? (inclusive ? date! >= iso : date! > iso) : inclusive ? date! <= iso : date! < iso);
    const said = `${after ? (inclusive ? "từ" : "sau") : inclusive ? "đến" : "trước"} ngày ${formatDateVi(iso)}`;
    if (/\b(han nop|het han|han chot|nhan ho so|han)\b/.test(q) && data.jobs.length && !CUE.startMonth.test(q)) {
      const rows = openJobs().filter((j) => fits(j.deadline)).sort((a, b) => a.deadline!.localeCompare(b.deadline!));
      if (!rows.length) return { ...finish(repliesVi.noRowsFor(`chỗ tuyển có hạn nộp ${said}`), "labour_market_jobs", data, []), notFound: true };
      return finish(`Các chỗ tuyển có hạn nộp ${said}:\n${rows.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`).join("\n")}${moreRows(rows, jobName, "chỗ tuyển")}`, "labour_market_jobs", data, rows.slice(0, MAX_ITEMS + MORE_NAMED), trade);
    }
    if (CUE.startMonth.test(q) && data.courses.length) {
      const courseTrade = courseTradeNamed();
      const rows = data.courses.filter((c) => fits(c.startDate) && (!courseTrade || sameTrade(c.trade, courseTrade, lexicon))).sort((a, b) => a.startDate!.localeCompare(b.startDate!));
      if (!rows.length) return { ...finish(repliesVi.noRowsFor(`khóa đào tạo khai giảng ${said}`), "vocational_training_options", data, []), notFound: true };
      return finish(`Các khóa khai giảng ${said}:\n${rows.slice(0, MAX_ITEMS).map((c) => `- ${courseLine(c)}`).join("\n")}${moreRows(rows, courseName, "khóa")}`, "vocational_training_options", data, rows.slice(0, MAX_ITEMS + MORE_NAMED), courseTrade);
    }
  }
  // "Việc nào lương trên 12 triệu", "khóa nào học phí dưới 2 triệu", "năm 2026 nghề nào cần trên
  // 100 người", "khóa nào học dưới 3 tháng": the rows on that side of the number written.
  const numeric = qa.followUp ? undefined : boundAsked(question.text, lexicon.slots.bounds);
  if (numeric) {
    const boundAnswer = rowsWithinBound(question, data, qa, numeric, { trade, openJobs, communeKeys, lexicon });
    if (boundAnswer) return boundAnswer;
  }
  // "Tin tuyển dụng nào hết hạn rồi": the openings whose deadline has passed (the rest of the bot
  // shows only open ones), the latest first. Said as past ("đã hết hạn", "hết hạn rồi", "quá hạn"):
  // "hết hạn sớm nhất", "sắp hết hạn", "hết hạn chưa" ask about open ones.
  // The "nào" asks which are past: it comes first ("tin nào hết hạn rồi"), unlike "hết hạn rồi hả,
  // vậy chỗ nào nhận…", which asks something else.
  const pastAt = q.search(PAST_DEADLINE_RE);
  // "Cho tôi danh sách các việc đã hết hạn" asks for them as "việc nào" does.
  const listAt = lexicon.slots.tableWords.lists.map((p) => ` ${q} `.indexOf(` ${p.join(" ")} `)).filter((i) => i >= 0);
  const whichAt = Math.min(...[q.search(WHICH_RE), ...listAt].map((i) => (i < 0 ? Infinity : i)));
  // (The ranking words are this message's: "việc nào hết hạn nộp rồi" after "việc nào lương cao nhất".)
  if (pastAt > 0 && whichAt < pastAt && !/\b(chua|sap|nhat|truoc)\b/.test(cueText(question.asked ?? q)) && data.jobs.length) {
    const rows = data.jobs.filter((j) => ofTrade(j) && inCommune(j.workplace, communeKeys) && j.deadline && j.deadline < today).sort((a, b) => b.deadline!.localeCompare(a.deadline!));
    if (!rows.length) return { ...finish(repliesVi.noRowsFor("chỗ tuyển đã hết hạn nộp"), "labour_market_jobs", data, []), notFound: true };
    return finish(`Các chỗ tuyển đã hết hạn nộp (tính đến ${formatDateVi(today)}):\n${rows.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`).join("\n")}${moreRows(rows, jobName, "chỗ tuyển")}`, "labour_market_jobs", data, rows.slice(0, MAX_ITEMS + MORE_NAMED), trade);
  }
  // "Khóa nào được miễn học phí": the courses whose fee cell says free.
  const free = qa.slots.condition.some((c) => c.id === "free") && !qa.carried.includes("condition");
  // (Judged on this message's words: an earlier "nhận người…" does not make it a job question.)
  if (free && CUE.whichCourse.test(q) && !CUE.seeksJob.test(cueText(question.asked ?? q)) && data.courses.length) {
    const courseTrade = courseTradeNamed();
    const near = data.courses.filter((c) => (!courseTrade || sameTrade(c.trade, courseTrade, lexicon)) && inCommune(`${c.location} ${c.institution}`, communeKeys));
    // "Lớp nào miễn học phí cho người khuyết tật": the courses free for that group, by their fee or
    // by their support ("Miễn học phí cho người khuyết tật"), when some are; else the free courses.
    const freeFee = near.filter((c) => c.fee?.free);
    const freeByFee = ofGroupAsked(freeFee, (c) => `${c.audience}; ${c.support}`, qa, lexicon);
    // (Of a course with a fee, only the clause of its support that frees it counts.)
    const freeingClauses = (c: TrainingCourse) => (c.support ?? "").split(/[;.]/).filter((clause) => / mien (hoc phi|phi) /.test(` ${foldedKey(clause)} `)).join("; ");
    const feeSome = near.filter((c) => !c.fee?.free && freeingClauses(c));
    const freeBySupport = ofGroupAsked(feeSome, freeingClauses, qa, lexicon);
    const forGroup = [...(freeByFee !== freeFee ? freeByFee : []), ...(freeBySupport !== feeSome ? freeBySupport : [])];
    const grouped = forGroup.length > 0;
    const rows = grouped ? forGroup : near.filter((c) => c.fee?.free);
    if (!rows.length) return { ...finish(repliesVi.noRowsFor("khóa đào tạo miễn học phí"), "tuition_and_support", data, []), notFound: true };
    const more = moreRows(rows, courseName, "khóa");
    const lead = grouped ? `Các khóa miễn học phí cho ${qa.slots.audience.map((a) => a.label).join(", ")}:` : "Các khóa miễn học phí:";
    return finish(`${lead}\n${rows.slice(0, MAX_ITEMS).map((c) => `- ${courseLine(c)}`).join("\n")}${more}`, "tuition_and_support", data, rows.slice(0, MAX_ITEMS + MORE_NAMED), courseTrade);
  }
  // "Có lớp nấu ăn học cuối tuần không", "lớp nào học buổi tối": the courses whose row says so, in
  // the words of a condition that only a row's own text can meet (`waived_requirements` with nothing
  // "needed": the hours of a class are no column).
  const saysCondition = qa.carried.includes("condition")
    ? undefined
    : qa.slots.condition.map((c) => ({ does: repliesVi.coursesMeeting[c.id], words: lexicon.slots.waivedRequirements.get(c.id) })).find((c) => c.does && c.words && metByRowWordsOnly(c.words));
  // Judged on the clause that asks ("tôi đi làm cả tuần" only tells why), which must ask for a
  // course ("có lớp … không", "lớp nào"), not about one ("học GDTX buổi tối có tốn học phí không").
  const askingClause = cueText(qa.asking ?? question.asked ?? q);
  if (saysCondition?.words && saysCondition.does && !qa.followUp && (CUE.whichCourse.test(q) || containsPhrase(askingClause.split(" "), lexicon.slots.tableWords.courseAsked)) && !CUE.seeksJob.test(askingClause) && data.courses.length) {
    const courseTrade = courseTradeNamed();
    const says = (c: TrainingCourse) => containsPhrase(foldedWords(`${c.trade}; ${c.duration}; ${c.support}; ${c.audience}`), saysCondition.words!.says);
    const rows = data.courses.filter((c) => (!courseTrade || sameTrade(c.trade, courseTrade, lexicon)) && inCommune(`${c.location} ${c.institution}`, communeKeys) && says(c));
    const what = `khóa ${courseTrade ? `nghề ${courseTrade} ` : ""}${saysCondition.does}`;
    if (!rows.length) return { ...finish(repliesVi.noRowsFor(what), "vocational_training_options", data, []), notFound: true };
    return finish(`Các ${what}:\n${rows.slice(0, MAX_ITEMS).map((c) => `- ${courseLine(c)}`).join("\n")}${moreRows(rows, courseName, "khóa")}`, "vocational_training_options", data, rows.slice(0, MAX_ITEMS + MORE_NAMED), courseTrade);
  }
  // "Việc nào trả lương theo ngày", "… theo giờ": the openings whose wage cell is written per that period.
  // (Not "tính lương theo giờ thì tối thiểu 1 giờ bao nhiêu": the legal minimum, in the documents.)
  const asksMinimum = containsPhrase(q.split(" "), lexicon.slots.tableWords.legalMinimum) && !containsPhrase(q.split(" "), lexicon.slots.tableWords.whichRows);
  const paidPer = qa.carried.includes("condition") || asksMinimum ? undefined : qa.slots.condition.map((c) => PAID_PER[c.id]).find(Boolean);
  if (paidPer && data.jobs.length) {
    const rows = openJobs().filter((j) => j.wageMin?.per === paidPer || j.wageMax?.per === paidPer);
    if (!rows.length) return { ...finish(repliesVi.noRowsFor(`chỗ tuyển trả lương theo ${paidPer}`), "labour_market_jobs", data, []), notFound: true };
    return finish(`Chỗ tuyển trả lương theo ${paidPer}:\n${rows.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`).join("\n")}${moreRows(rows, jobName, "chỗ tuyển")}`, "labour_market_jobs", data, rows.slice(0, MAX_ITEMS + MORE_NAMED), trade);
  }
  // "Việc nào không cần kinh nghiệm", "… không cần bằng cấp": the rows that say so, else those that
  // ask for none of it.
  // (Of the whole table: a trade named, "nuôi heo tuyển người không cần bằng được không", is asked of
  // its own rows, whose requirements answer it.)
  // (A condition only a row's words meet, "làm buổi tối", filters the table a message asks for, not
  // a follow-up on rows shown or "làm bán thời gian thì tối thiểu 1 giờ bao nhiêu"; a follow-up asking
  // for rows in its own words, "việc nào làm ca tối", asks for the table's.)
  const asksRowsItself = containsPhrase(cueText(question.asked ?? q).split(" "), lexicon.slots.tableWords.whichRows);
  const waived = qa.slots.condition
    .map((c) => ({ id: c.id, label: c.label, rule: waivedRequirement(c.id, lexicon) }))
    .find((c) => c.rule && (c.id === "no_experience" || (!trade && !qa.carried.includes("condition"))) && !(c.rule.rowWordsOnly && ((qa.followUp && !asksRowsItself) || asksMinimum)));
  // "Việc nào không cần kinh nghiệm mà lương cao nhất": those rows are ranked below, not listed.
  let waivedRows: { rows: JobOpening[]; label: string } | undefined;
  if (waived?.rule && CUE.jobs.test(q)) {
    const { says, needs } = waived.rule;
    const open = openJobs();
    const rows = open.some(says) ? open.filter(says) : open.filter((j) => !needs(j));
    if (!rows.length) return { ...finish(repliesVi.noRowsFor(`chỗ tuyển ${waived.label}`), "labour_market_jobs", data, []), notFound: true };
    const listed = finish(`Chỗ tuyển ${waived.label}:\n${rows.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`).join("\n")}${moreRows(rows, jobName, "chỗ tuyển")}`, "labour_market_jobs", data, rows.slice(0, MAX_ITEMS + MORE_NAMED), trade);
    if (!superlative || !measureNamed || !["amount", "date", "count"].includes(measureNamed)) return listed;
    waivedRows = { rows, label: waived.label };
  }
  // "Tổng cộng có bao nhiêu công ty đang tuyển", "có mấy cơ sở đào tạo trong danh sách": the
  // organisations are counted, each once, and named.
  // (Of the whole table, unless the message points back at rows just shown: "mấy công ty đó".)
  const ownCounted = cueText(question.asked ?? q).split(" ");
  const organisations = containsPhrase(ownCounted, lexicon.slots.backReferences) ? undefined : organisationsCounted(ownCounted, lexicon);
  if (organisations === "company" && data.jobs.length && (CUE.jobs.test(q) || containsPhrase(q.split(" "), lexicon.slots.tableWords.lists))) {
    const rows = openJobs();
    const names = [...new Set(rows.map((j) => j.company))];
    if (!names.length) return { ...finish(repliesVi.noRowsFor("chỗ tuyển còn hạn"), "labour_market_jobs", data, []), notFound: true };
    return finish(`${repliesVi.organisationsCounted(names.length, "doanh nghiệp, cơ sở đang tuyển (còn hạn nộp)")}\n${names.map((n) => `- ${n}`).join("\n")}`, "labour_market_jobs", data, rows.slice(0, MAX_ITEMS), trade);
  }
  if (organisations === "institution" && data.courses.length && (namesCourse(q, question.text) || containsPhrase(q.split(" "), lexicon.slots.tableWords.lists))) {
    const courseTrade = courseTradeNamed();
    const rows = data.courses.filter((c) => (!courseTrade || sameTrade(c.trade, courseTrade, lexicon)) && inCommune(`${c.location} ${c.institution}`, communeKeys));
    const names = [...new Set(rows.map((c) => c.institution))];
    if (!names.length) return { ...finish(repliesVi.noRowsFor("khóa đào tạo"), "vocational_training_options", data, []), notFound: true };
    return finish(`${repliesVi.organisationsCounted(names.length, "cơ sở đào tạo")}\n${names.map((n) => `- ${n}`).join("\n")}`, "vocational_training_options", data, rows.slice(0, MAX_ITEMS), courseTrade);
  }
  // "Bao nhiêu chỗ": the total of the matching openings, with the rows.
  // (A year the demand table has, other than this one, asks its figures: "lái xe tải năm 2027 cần bao nhiêu người".)
  const laterYear = qa.slots.year !== undefined && qa.slots.year > Number(localIsoDate(question.now).slice(0, 4)) && data.demand.some((d) => d.year === qa.slots.year);
  if (qa.wanted === "count" && !superlative && !laterYear && CUE.jobs.test(q) && !CUE.demand.test(q) && (trade || communeKeys.length || /\b(?:bao nhieu|may) (?:cho|vi tri|tin)\b|\b(tong|tat ca)\b/.test(q))) {
    const rows = openJobs();
    if (!rows.length) return undefined;
    const total = rows.reduce((sum, j) => sum + (j.quantity ?? 0), 0);
    const lines = rows.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`);
    const label = shared?.label ?? trade;
    return finish(`Tổng cộng ${total.toLocaleString("vi-VN")} người cần tuyển${label ? ` (${label})` : ""}, ${rows.length} chỗ tuyển:\n${lines.join("\n")}`, "labour_market_jobs", data, rows.slice(0, MAX_ITEMS), trade);
  }
  // "Ngành nào cần nhiều người nhất" is the demand ranking, answered below.
  const openingsAsked = /\b(viec|cho|vi tri|cong ty|doanh nghiep)\b/.test(q) && /\btuyen\b/.test(q) && !CUE.demand.test(q);
  if (qa.wanted === "count" && !(superlative && openingsAsked) && (CUE.ranking.test(q) || CUE.demand.test(q))) return undefined;
  if (!superlative) return undefined;
  // "Vị trí nào lương cao nhất" may be read as asking for a position: the measure says what is ranked.
  const measure = measureNamed ?? qa.wanted;
  // "Ngành nào cần nhiều người nhất" ranks the demand table, answered below; "việc nào tuyển đông
  // người nhất", "chỗ nào tuyển nhiều người nhất" rank the openings.
  if (measure === "count" && !openingsAsked && (CUE.ranking.test(q) || CUE.demand.test(q))) return undefined;
  if (!(measure === "amount" || measure === "date" || measure === "count" || measure === "duration")) return undefined;
  qa = { ...qa, wanted: measure };
  const sign = lowest ? 1 : -1;

  // The demand table: "ngành nào lương bình quân cao nhất".
  // (Not "ngành nào học phí rẻ nhất": a fee is the courses'.)
  if (!waivedRows && /\b(binh quan|nhu cau|nganh nao)\b/.test(q) && !CUE.courseOnly.test(cueText(question.asked ?? q)) && data.demand.length && qa.wanted === "amount") {
    // The year asked ("thấp nhất năm 2026"), else the latest; a year the table lacks is said.
    const askedYear = qa.slots.year ?? yearSaid(question.asked ?? q, question.now);
    if (askedYear !== undefined && !data.demand.some((d) => d.year === askedYear)) {
      return { ...finish(repliesVi.noRowsFor(`số liệu nhu cầu lao động năm ${askedYear}`), "labour_market_jobs", data, []), notFound: true };
    }
    const { rows: yearRows, year: shownYear } = demandRowsToRank(data.demand, askedYear);
    const rows = yearRows.filter((d) => d.avgWage?.value).sort((a, b) => sign * (a.avgWage!.value! - b.avgWage!.value!));
    if (rows.length) {
      const lines = rows.slice(0, 3).map((d) => `- ${d.trade}${shownYear ? "" : ` (năm ${d.year})`}: lương bình quân ${d.avgWage!.text} (nhu cầu ${d.demand.toLocaleString("vi-VN")} người)`);
      return finish(`Theo số liệu nhu cầu lao động ${shownYear ? `năm ${shownYear}` : "mới nhất của mỗi ngành"}, ngành có lương bình quân ${lowest ? "thấp" : "cao"} nhất:\n${lines.join("\n")}`, "labour_market_jobs", data, rows.slice(0, 3));
    }
  }
  // Courses: "khóa nào khai giảng sớm nhất", "học phí rẻ nhất", "học nhanh nhất".
  if (!waivedRows && (CUE.courseOnly.test(q) || (namesCourse(q, question.text) && !CUE.seeksJob.test(q) && qa.topic !== "labour_market_jobs"))) {
    // The course table's own labels name the trade ("sửa xe máy" is "Sửa chữa xe máy", whatever the openings call it).
    const courseTrade = courseTradeNamed() ?? trade;
    // "Khóa cao đẳng nào rẻ nhất", or "ngành nào học phí rẻ nhất" after the cao đẳng courses: that level's.
    const ofLevel = (c: TrainingCourse) => !qa.slots.level.length || qa.slots.level.some((l) => namesLevel(`${c.trade} ${c.level} ${c.support} ${c.audience}`, l.id));
    const courses = ofGroupAsked(
      data.courses.filter((c) => (!courseTrade || sameTrade(c.trade, courseTrade, lexicon)) && inCommune(`${c.location} ${c.institution}`, communeKeys) && ofLevel(c)),
      (c) => `${c.audience}; ${c.support}`,
      qa,
      lexicon,
    );
    const key = (c: TrainingCourse) => courseRankKey(c, qa.wanted);
    // "Rẻ nhất" ranks what is paid; the free courses are said apart, not ranked as the cheapest fee.
    const lowestFee = qa.wanted === "amount" && lowest;
    const freeCount = lowestFee ? courses.filter((c) => c.fee?.free).length : 0;
    const ranked = courses
      .filter((c) => key(c) !== undefined && !(lowestFee && c.fee?.free))
      .sort((a, b) => (qa.wanted === "date" || qa.wanted === "duration" ? (latest ? -1 : 1) : sign) * (key(a)! - key(b)!));
    if (ranked.length) {
      const freeNote = freeCount ? `\n${repliesVi.freeCoursesToo(freeCount)}` : "";
      const word = qa.wanted === "date" ? `khai giảng ${latest ? "muộn" : "sớm"} nhất` : qa.wanted === "duration" ? `học ${latest ? "lâu" : "ngắn"} nhất` : lowest ? "học phí thấp nhất" : "học phí cao nhất";
      return finish(`Các khóa ${word}:\n${ranked.slice(0, 3).map((c) => `- ${courseLine(c)}`).join("\n")}${freeNote}`, "vocational_training_options", data, ranked.slice(0, 3), courseTrade);
    }
    return undefined;
  }
  // "Trong mấy việc nhận người khuyết tật, việc nào lương cao nhất": the rows that take the group
  // asked are ranked, when some do.
  const open = ofGroupAsked(waivedRows?.rows ?? openJobs(), (j) => `${j.position}; ${j.requirements}`, qa, lexicon);
  if (!open.length) return undefined;
  const wageOf = (j: JobOpening) => wageRankedBy(j, lowest);
  const key = (j: JobOpening): number | undefined =>
    qa.wanted === "amount" ? wageOf(j) : qa.wanted === "date" ? (j.deadline ? Date.parse(j.deadline) : undefined) : (j.quantity ?? undefined);
  // "Hạn nộp sớm nhất": the nearest deadline first; "muộn nhất", "còn hạn lâu nhất": the furthest.
  const ranked = open.filter((j) => key(j) !== undefined).sort((a, b) => (qa.wanted === "date" ? (latest ? -1 : 1) : sign) * (key(a)! - key(b)!));
  if (!ranked.length) return undefined;
  const word = qa.wanted === "amount" ? `lương ${lowest ? "thấp" : "cao"} nhất` : qa.wanted === "date" ? `hạn nộp ${latest ? "muộn" : "sớm"} nhất` : `${lowest ? "ít" : "nhiều"} người nhất`;
  return finish(`Các chỗ tuyển ${waivedRows ? `${waivedRows.label} có ` : ""}${word}:\n${ranked.slice(0, 3).map((j) => `- ${jobLine(j)}`).join("\n")}`, "labour_market_jobs", data, ranked.slice(0, 3), trade);
}

/**
 * The rows that take the group the message itself names ("nhận người khuyết tật", "ưu tiên phụ
 * nữ"): a clause of the row names it and does not turn it away ("không nhận …"). All the rows when
 * no group is named, or when none names it (a group in the asker's story is no filter then).
 */
function ofGroupAsked<T>(rows: T[], text: (row: T) => string, qa: QuestionAnalysis, lexicon: Lexicon): T[] {
  if (!qa.slots.audience.length || qa.carried.includes("audience")) return rows;
  const ids = new Set(qa.slots.audience.map((a) => a.id));
  const taking = rows.filter((row) => takesGroup(text(row), ids, lexicon));
  return taking.length ? taking : rows;
}

/**
 * Whether a row's text takes one of the groups (audience ids): a clause names it and does not turn
 * it away ("không nhận người khuyết tật", the `takes_group` words after "không").
 */
function takesGroup(text: string, ids: Set<string>, lexicon: Lexicon): boolean {
  const turnsAway = lexicon.slots.tableWords.takesGroup.map((p) => ["khong", ...p]);
  return text.split(/[;.]/).some((clause) => {
    const words = foldedWords(clause);
    return findSlots(lexicon, words).some((m) => m.entry.kind === "audience" && ids.has(m.entry.id)) && !containsPhrase(words, turnsAway);
  });
}

/** Two things joined for a comparison ("hàn với điện", "cắt tóc hay spa"). */
const PAIR_SPLIT_RE = /\s(?:so voi|voi|hay|hoac|va)\s/;

/**
 * "Thợ hàn với thợ tiện, bên nào trả cao hơn?", "học cắt tóc với học spa cái nào rẻ hơn": two
 * trades of one table compared. Each side's rows are shown with their figures, so both values are
 * there to compare; a ranking of the whole table could leave one side out. Undefined unless each
 * side of the "với/hay" names a different trade that has rows.
 */
function pairCompared(question: LabourQuestion, data: LabourData, communeKeys: string[], lexicon: Lexicon): LabourAnswer | undefined {
  const asked = cueText(question.asked ?? question.folded);
  // "Hàn với tiện, bên nào trả cao hơn", or a comparison the analysis reads ("phân vân … hay …, so
  // giùm tôi học phí với thời gian").
  if (!containsPhrase(asked.split(" "), lexicon.slots.tableWords.compares) && question.analysis?.act !== "comparison") return undefined;
  // A year named: only the demand table has years ("may với chế biến thủy sản năm 2027 ngành nào lương cao hơn").
  // So does a year said as "năm sau", and "ngành nào cần nhiều người hơn" (the need of a trade).
  const demandAsked = CUE.demand.test(asked) || (data.demand.length > 0 && (/\b20\d\d\b/.test(asked) || yearSaid(asked, question.now) !== undefined || (CUE.demandWhich.test(asked) && CUE.ranking.test(asked))));
  const table: "job" | "course" | "demand" = demandAsked ? "demand" : CUE.courseOnly.test(asked) || (/\b(hoc|khoa|lop)\b/.test(asked) && !CUE.seeksJob.test(asked)) ? "course" : "job";
  const today = localIsoDate(question.now);
  const names = table === "job" ? data.jobs.map((j) => j.position) : table === "course" ? data.courses.map((c) => c.trade) : data.demand.map((d) => d.trade);
  // A side names a row's trade in its words ("thợ hàn"), or by a trade word of the lists ("học hàn" → Hàn điện).
  const bySlots = (side: string) => {
    const ids = findSlots(lexicon, side.split(" ")).filter((m) => m.entry.kind === "trade").map((m) => m.entry.id);
    return ids.length ? names.find((n) => tradeSlotsOf(n, lexicon, question.everydayWords).some((id) => ids.includes(id))) : undefined;
  };
  // The two sides are split at the joining word whose both sides name a different row's trade
  // ("… chăm sóc sắc đẹp hay khóa trang điểm …, so học phí với thời gian": at "hay", not "với").
  // The word after "với"/"hay" is what is set beside the other side, as after "ngành": "da giày
  // với may, ngành nào…" sets sewing beside leather shoes.
  const tradeOfSide = (side: string) => matchTrade(side, names, lexicon, question.everydayWords) ?? bySlots(side) ?? matchTrade(`nganh ${side}`, names, lexicon, question.everydayWords);
  let trades: (string | undefined)[] = [];
  for (const joint of asked.matchAll(new RegExp(PAIR_SPLIT_RE.source, "g"))) {
    const pair = [asked.slice(0, joint.index), asked.slice(joint.index! + joint[0].length)].map(tradeOfSide);
    if (pair[0] && pair[1] && pair[0] !== pair[1]) {
      trades = pair;
      break;
    }
  }
  // "So với ngành ô tô thì ngành nào rẻ hơn" after a reply on accounting courses: one side is this
  // message's, the other the trade of the rows just shown (one trade only).
  if ((!trades[0] || !trades[1]) && question.analysis?.followUp && question.previousLabour === table && question.previousRows?.length) {
    const shownRows = rowsShown(data, question.previousRows);
    const shownNames = new Set(table === "job" ? shownRows.jobs.map((j) => j.position) : table === "course" ? shownRows.courses.map((c) => c.trade) : shownRows.demand.map((d) => d.trade));
    const own = tradeOfSide(asked);
    const before = shownNames.size === 1 ? [...shownNames][0] : undefined;
    if (own && before && !sameTrade(own, before, lexicon)) trades = [before, own];
  }
  if (!trades[0] || !trades[1]) return undefined;
  const lines: string[] = [];
  const shown: (JobOpening | TrainingCourse | LabourDemand)[] = [];
  for (const trade of trades as string[]) {
    if (table === "job") {
      const rows = data.jobs.filter((j) => sameTrade(j.position, trade, lexicon) && inCommune(j.workplace, communeKeys) && (!j.deadline || j.deadline >= today)).slice(0, 3);
      if (!rows.length) return undefined;
      lines.push(...rows.map((j) => `- ${jobLine(j)}`));
      shown.push(...rows);
    } else if (table === "course") {
      const rows = data.courses.filter((c) => sameTrade(c.trade, trade, lexicon) && inCommune(`${c.location} ${c.institution}`, communeKeys)).slice(0, 3);
      if (!rows.length) return undefined;
      lines.push(...rows.map((c) => `- ${courseLine(c)}`));
      shown.push(...rows);
    } else {
      const year = yearSaid(asked, question.now);
      const all = data.demand.filter((d) => sameTrade(d.trade, trade, lexicon));
      const latest = Math.max(...all.map((d) => d.year));
      const rows = all.filter((d) => d.year === (year ?? latest));
      if (!rows.length) return undefined;
      lines.push(...rows.map((d) => `- ${demandLine(d)}`));
      shown.push(...rows);
    }
  }
  const topic: Topic = table === "course" ? "vocational_training_options" : "labour_market_jobs";
  return finish(`${repliesVi.sideBySide(trades[0], trades[1])}
${lines.join("\n")}`, topic, data, shown);
}

/** Words naming what a superlative ranks, from the rows' columns. */
const MEASURES: [string, QuestionAnalysis["wanted"]][] = [
  ["luong", "amount"], ["thu nhap", "amount"], ["hoc phi", "amount"], ["tien", "amount"],
  ["han nop", "date"], ["khai giang", "date"], ["som", "date"],
  ["nhieu nguoi", "count"], ["so luong", "count"], ["nhu cau", "count"],
  ["thoi gian", "duration"], ["nhanh", "duration"], ["ngan", "duration"],
];

function measureOf(words: string[], courseKinds: string[][] = []): QuestionAnalysis["wanted"] | undefined {
  // "Khóa ngắn hạn nào mắc nhất": "ngắn hạn" is a kind of course (knowledge/slots.yaml), not a length asked.
  const padded = courseKinds.reduce((text, kind) => text.split(` ${kind.join(" ")} `).join(" "), ` ${words.join(" ")} `);
  // "Số lượng" holds "lượng" once folded ("so luong"): a word inside a longer measure phrase of
  // the question is that phrase's, not its own.
  const alone = (w: string) => {
    let text = padded;
    for (const [longer] of MEASURES) if (longer !== w && ` ${longer} `.includes(` ${w} `)) text = text.split(` ${longer} `).join(" ");
    return text.includes(` ${w} `);
  };
  return MEASURES.find(([w]) => alone(w))?.[1];
}

/** "18 tháng" → 18, "2 năm" → 24, "6 tuần" → 1.4, "15 ngày" → 0.5: short courses are counted in weeks and days. */
function monthsOf(duration: string): number | undefined {
  const m = /(\d+(?:[.,]\d+)?)\s*(tháng|năm|tuần)/iu.exec(duration);
  if (!m) {
    // A length in days ("15 ngày"): the word after a whole number.
    const w = words(duration);
    const at = w.findIndex((x, i) => x === "ngày" && i > 0 && [...w[i - 1]!].every((c) => c >= "0" && c <= "9"));
    return at > 0 ? Number(w[at - 1]) / 30 : undefined;
  }
  const n = Number(m[1]!.replace(",", "."));
  const unit = m[2]!.toLowerCase();
  return unit === "năm" ? n * 12 : unit === "tuần" ? (n * 7) / 30 : n;
}

// === trades ===

/**
 * The trade named in the question, as written in the data, longest match first. Synonym groups
 * whose id starts with `nghe_` (e.g. "điện lạnh" ~ "máy lạnh và điều hòa") also count.
 */
export function matchTrade(foldedQuestion: string, names: string[], lexicon?: Lexicon, everydayWords?: Set<string>): string | undefined {
  const whole = matchTradeWords(foldedQuestion, names);
  if (whole) return whole;
  // A synonym group the question names comes before a label named by a part only: "bằng lái xe máy
  // A1" is the group's "Lái xe mô tô hạng A1", not "Nâng hạng bằng lái B lên C" for "bằng lái".
  const grouped = lexicon ? matchTradeGroup(foldedQuestion, names, lexicon) : undefined;
  return grouped ?? (everydayWords ? matchTradeParts(` ${foldedQuestion} `, names, everydayWords) : undefined);
}

/** Of the rows in the `nghe_` synonym group the question names, the one sharing most words with it. */
function matchTradeGroup(foldedQuestion: string, names: string[], lexicon: Lexicon): string | undefined {
  // A word masked as typed with other tones than the labels' ("_may": "xe máy" where no label says
  // "máy", `withTypedTrades`) is still that word in the groups, which are written with their tones.
  const asked = new Set(findConcepts(lexicon, foldedQuestion.replace(/(^| )_/g, "$1").split(" ")).filter((c) => c.startsWith("nghe_")));
  if (!asked.size) return undefined;
  // ("đầu bếp" is "Đầu bếp nhà hàng" before "Phụ bếp".)
  const words = new Set(foldedQuestion.split(" "));
  const overlap = (name: string) => foldedWords(name).filter((w) => words.has(w)).length;
  const inGroup = [...new Set(names)].filter((name) => tradeGroupsOf(name, lexicon).some((c) => asked.has(c)));
  return inGroup.sort((a, b) => overlap(b) - overlap(a))[0];
}

function matchTradeWords(foldedQuestion: string, names: string[], everydayWords?: Set<string>): string | undefined {
  const padded = ` ${foldedQuestion} `;
  let best: { name: string; length: number } | undefined;
  for (const name of new Set(names)) {
    for (const key of tradeKeys(name)) {
      if (key.length < 3 || !padded.includes(` ${key} `)) continue;
      // A one-word trade that is also a common word ("Dược" is "được" without diacritics) counts
      // only after a word that announces a trade, like the listed ambiguous keys.
      if ((AMBIGUOUS_KEYS.has(key) || (!key.includes(" ") && !isInformative(key))) && !ledByTradeWord(padded, key)) continue;
      if (!best || key.length > best.length) best = { name, length: key.length };
    }
  }
  return best?.name ?? matchTradeCoverage(foldedQuestion.split(" "), names) ?? (everydayWords ? matchTradeParts(padded, names, everydayWords) : undefined);
}

/** Share of a label's core words a question must write, close together and in order, to name it. */
const COVERAGE_MIN = 3 / 4;

/**
 * A trade asked with most of its label's words, in order and close together, but not all of them:
 * "sửa xe máy" for "Sửa chữa xe máy", "lái xe ô tô bằng B" for "Lái xe ô tô hạng B". The label
 * covered best wins; a tie between different trades names none of them.
 */
function matchTradeCoverage(questionWords: string[], names: string[]): string | undefined {
  let best: { name: string; share: number; matched: number; core: string } | undefined;
  let tied = false;
  for (const name of new Set(names)) {
    const core = tradeKeys(name).at(-1)!;
    const coreWords = core.split(" ").filter(Boolean);
    // Shorter labels are named whole or by their pairs (matchTradeParts): "sửa máy lạnh" is not "sửa xe máy".
    if (coreWords.length < 4) continue;
    // The question's positions of the label's words, in the label's order.
    const positions: number[] = [];
    let from = 0;
    for (const w of coreWords) {
      const at = questionWords.indexOf(w, from);
      if (at < 0) continue;
      positions.push(at);
      from = at + 1;
    }
    const matched = positions.length;
    const share = matched / coreWords.length;
    if (share < COVERAGE_MIN || positions.filter((p) => questionWords[p]!.length >= 2).length < 2) continue;
    // Close together: no more than one stray word per missing label word, plus one.
    const compact = positions.at(-1)! - positions[0]! + 1 <= coreWords.length + 1;
    // The word left out is inside the label ("chữa" of "sửa chữa", "hạng" of "hạng B"): its first
    // word and its last, which tell trades apart, are written.
    const ends = questionWords[positions[0]!] === coreWords[0] && questionWords[positions.at(-1)!] === coreWords.at(-1);
    if (!compact || !ends) continue;
    if (!best || share > best.share || (share === best.share && matched > best.matched)) {
      best = { name, share, matched, core };
      tied = false;
    } else if (share === best.share && matched === best.matched && core !== best.core) tied = true;
  }
  return tied ? undefined : best?.name;
}

/**
 * A trade asked by part of its label ("pha chế" for "Pha chế đồ uống", "ống nước" for "Thợ lắp đặt
 * ống nước", "học mộc" for "Mộc dân dụng"): two neighbouring words of the label, or one word after
 * a word that announces a trade, if it is not one of the words of asking ("cấp" in "học cấp 3",
 * "đại" in "đại học" are not "Tiếng Hàn sơ cấp" or "tổng đài"). The label sharing most words with
 * the question wins; a tie between different trades names none of them.
 */
function matchTradeParts(padded: string, names: string[], everydayWords: Set<string>): string | undefined {
  let best: { name: string; score: number; core: string } | undefined;
  let tied = false;
  for (const name of new Set(names)) {
    let score = 0;
    for (const part of tradeParts(name)) {
      if (!padded.includes(` ${part} `)) continue;
      // A pair of words of asking ("tiếng Khmer" of "Phiên dịch tiếng Khmer") names no trade either.
      if (part.includes(" ") ? everydayWords.has(part) : everydayWords.has(part) || !ledByTradeWord(padded, part)) continue;
      score += part.split(" ").length;
    }
    if (score === 0) continue;
    const core = tradeKeys(name).at(-1)!;
    if (!best || score > best.score) {
      best = { name, score, core };
      tied = false;
    } else if (score === best.score && core !== best.core) tied = true;
  }
  return tied ? undefined : best?.name;
}

const tradePartsCache = new Map<string, string[]>();

/** The parts of a label's core that may name it: its word pairs and its words (see `matchTradeParts`). */
function tradeParts(name: string): string[] {
  let parts = tradePartsCache.get(name);
  if (!parts) {
    // A pair may hold an ambiguous word ("xe nâng", "hàn tàu": the other word settles it); a word alone may not.
    const all = tradeKeys(name)
      .at(-1)!
      .split(" ")
      .filter((w) => w.length >= 2 && !ROLE_WORDS.has(w));
    const words = all.filter((w) => isInformative(w));
    const core = ` ${tradeKeys(name).at(-1)!} `;
    // A pair may hold a stop word ("cắm hoa": "cam" is the "cảm" of "cảm ơn") when the other word is not one.
    const pairs = all
      .slice(0, -1)
      .map((w, i) => `${w} ${all[i + 1]}`)
      .filter((pair) => core.includes(` ${pair} `) && pair.split(" ").some((w) => isInformative(w)));
    parts = [...pairs, ...words.filter((w) => w.length >= 3 && !AMBIGUOUS_KEYS.has(w))];
    if (tradePartsCache.size > 20_000) tradePartsCache.clear();
    tradePartsCache.set(name, parts);
  }
  return parts;
}

/** Words of a label that say the role, not the trade ("phụ", "học việc", "chính"). */
const ROLE_WORDS = new Set(["cong", "nhan", "vien", "tho", "phu", "hoc", "viec", "chinh", "truong", "lao", "dong", "ky", "thuat", "nghe", "nganh", "quan", "ly", "giam", "sat", "to"]);

// Units of time, age, people or money: after "may" and any trade lead they make it "mấy" ("làm mấy
// năm"), never a trade word. ("May cho công ty" is sewing for a company: "chỗ" is not one of them.)
const TIME_AND_PEOPLE_UNITS = new Set(["nam", "thang", "tuan", "ngay", "gio", "tuoi", "nguoi", "lan", "buoi", "tien"]);

// "học mấy năm" is "how many years", not "learn sewing": after "học", a unit word undoes the lead.
const COUNTED_UNITS = new Set([...TIME_AND_PEOPLE_UNITS, "truong", "xa", "con", "cho", "khoa"]);

// "bắt buộc tới lớp mấy" is "up to which grade": after these words "lớp" is a school grade.
const GRADE_LEADS = new Set(["toi", "den", "het", "len", "thu"]);

function ledByTradeWord(padded: string, key: string): boolean {
  const words = padded.trim().split(" ");
  return words.some((w, i) => {
    if (w !== key || i === 0) return false;
    const lead = words[i - 1]!;
    if (!TRADE_LEADS.has(lead)) return false;
    if (lead === "lop" && GRADE_LEADS.has(words[i - 2] ?? "")) return false;
    // "Học xong xin vô đâu làm được" ("làm dc"): after "làm" a common word is what one can do, not a
    // trade ("Dược"); so after any lead when the message ends there or asks "không" ("con trai học
    // được không").
    if (!isInformative(key) && (lead === "lam" || i === words.length - 1 || NEGATIONS.has(words[i + 1]!))) return false;
    // ("Làm mấy năm", "thợ mấy người": after "may" a unit of time, age, people or money undoes any
    // lead; "nghề hàn năm 2027" is a year after the trade.)
    return !(lead === "hoc" ? COUNTED_UNITS.has(words[i + 1] ?? "") : key === "may" && TIME_AND_PEOPLE_UNITS.has(words[i + 1] ?? ""));
  });
}

const tradeKeysCache = new Map<string, string[]>();

/** `Công nhân may công nghiệp` → [`cong nhan may cong nghiep`, `may cong nghiep`, `may`]. */
function tradeKeys(name: string): string[] {
  let keys = tradeKeysCache.get(name);
  if (!keys) {
    keys = computeTradeKeys(name);
    // Trade names come from the spreadsheets: bounded, but a reindex may bring new ones.
    if (tradeKeysCache.size > 20_000) tradeKeysCache.clear();
    tradeKeysCache.set(name, keys);
  }
  return keys;
}

function computeTradeKeys(name: string): string[] {
  // "Nhân viên kiểm hàng (QC)", "Thợ hàn phụ (học việc)": the words in brackets qualify the
  // trade; asked as "kiểm hàng" or "học việc".
  // In the cue form the questions are matched in ("kiểm tra chất lượng" is one word there too).
  const bracketed = [...name.matchAll(/\(([^)]*)\)/g)].map((m) => cueText(foldedKey(m[1]!))).filter((k) => k.length >= 3);
  const full = cueText(foldedKey(name.replace(/\([^)]*\)/g, " ")));
  const keys = [full, ...bracketed];
  let core = full;
  for (const prefix of GENERIC_PREFIXES) {
    if (core.startsWith(`${prefix} `)) {
      core = core.slice(prefix.length + 1);
      break;
    }
  }
  // "Tin học văn phòng cho người khuyết tật": whom a course is for is no part of its trade (a
  // question naming the group, "việc nào nhận người khuyết tật", names no such course).
  const coreWords = core.split(" ");
  const forWhom = coreWords.indexOf("cho");
  const trade = forWhom > 0 && coreWords[forWhom - 1] === "danh" ? forWhom - 1 : forWhom;
  if (trade >= 2) core = coreWords.slice(0, trade).join(" ");
  keys.push(core);
  // "may cong nghiep" is also asked as "may"; "dien cong nghiep" must not shrink to "dien" (too broad).
  const first = core.split(" ")[0]!;
  if (core.endsWith(" cong nghiep") && first !== "dien") keys.push(core.slice(0, -" cong nghiep".length));
  return keys;
}

/** The first words of a trade label a message writes without the rest ("thợ điện" of "Thợ điện dân dụng"). */
interface SharedTrade {
  /** Those words folded, as matched in labels. */
  words: string;
  /** Those words as the label writes them, for the reply's lead ("Thợ điện"). */
  label: string;
}

/**
 * The leading words of a trade label that the message writes when it does not write the whole
 * label: two words or more, the label's first ones, more than a generic head ("công nhân").
 * Undefined when the message writes the label whole, or fewer of its words.
 */
function sharedTrade(asked: string, trade: string): SharedTrade | undefined {
  const label = cueText(foldedKey(trade.replace(/\([^)]*\)/g, " "))).split(" ").filter(Boolean);
  const padded = ` ${cueText(asked)} `;
  if (padded.includes(` ${label.join(" ")} `)) return undefined;
  for (let n = label.length - 1; n >= 2; n--) {
    const head = label.slice(0, n).join(" ");
    // "công nhân", "nhân viên" alone name no trade: a word of the trade itself must be among them.
    if (GENERIC_PREFIXES.includes(head)) continue;
    if (padded.includes(` ${head} `)) return { words: head, label: trade.split(" ").slice(0, n).join(" ") };
  }
  return undefined;
}

/** Whether an opening's label begins with, or holds, the words a message shares with several labels. */
function holdsShared(position: string, shared: SharedTrade): boolean {
  return ` ${cueText(foldedKey(position))} `.includes(` ${shared.words} `);
}

/**
 * Whether a row's trade is the asked trade: the same words, or (with the lexicon) the same `nghe_`
 * synonym group, so "thợ lắp máy lạnh" also finds "Thợ lắp đặt máy lạnh" beside "Kỹ thuật viên điện lạnh".
 */
function sameTrade(a: string, trade: string, lexicon?: Lexicon): boolean {
  if (a === trade) return true;
  const keys = tradeKeys(trade);
  const value = ` ${cueText(foldedKey(a))} `;
  // Labels are written with diacritics: "may" of "Công nhân may" is not "máy" of "Thợ sửa xe máy".
  const written = (key: string) => !AMBIGUOUS_KEYS.has(key) || words(trade).some((w) => foldWord(w) === key && words(a).includes(w));
  if (keys.some((k) => k.length >= 3 && value.includes(` ${k} `) && written(k))) return true;
  // "Lắp ráp điện tử" is "Công nhân lắp ráp linh kiện điện tử": every word of a two-word-or-longer core.
  const core = keys.at(-1)!.split(" ");
  if (core.length >= 2 && core.every((w) => value.includes(` ${w} `))) return true;
  if (!lexicon) return false;
  const tradeGroups = tradeGroupsOf(trade, lexicon);
  return tradeGroups.length > 0 && tradeGroupsOf(a, lexicon).some((c) => tradeGroups.includes(c));
}

const tradeGroupsCache = new WeakMap<Lexicon, Map<string, string[]>>();

/** The `nghe_` synonym groups a trade name belongs to, computed once per name and lexicon (rows are filtered often). */
function tradeGroupsOf(name: string, lexicon: Lexicon): string[] {
  let byName = tradeGroupsCache.get(lexicon);
  if (!byName) tradeGroupsCache.set(lexicon, (byName = new Map()));
  let groups = byName.get(name);
  if (!groups) {
    groups = findConcepts(lexicon, foldedWords(name)).filter((c) => c.startsWith("nghe_"));
    if (byName.size > 20_000) byName.clear();
    byName.set(name, groups);
  }
  return groups;
}

const fileDates = new WeakMap<LabourData, Map<string, string>>();

/**
 * Rows of the newest file first (stable within a file): when several sheets of one kind are loaded,
 * the latest the Labour Office published is what a list should show before the cut.
 */
function newestFirst<T extends { file: string }>(rows: T[], data: LabourData): T[] {
  let dates = fileDates.get(data);
  if (!dates) fileDates.set(data, (dates = new Map(data.files.map((f) => [f.file, f.asOf]))));
  const d = dates;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => (d.get(b.row.file) ?? "").localeCompare(d.get(a.row.file) ?? "") || a.i - b.i)
    .map((x) => x.row);
}

/** A class asked for ("có lớp", "khóa nào", "khai giảng") by a course row's own name ("tiếng Nhật"). */
function namesListedCourse(q: string, data: LabourData, lexicon: Lexicon, everyday?: Set<string>): boolean {
  if (!data.courses.length || !(/\bco (lop|khoa)\b/.test(q) || CUE.whichCourse.test(q) || CUE.courseOnly.test(q))) return false;
  return matchTrade(q, data.courses.map((c) => c.trade), lexicon, everyday) !== undefined;
}

/**
 * Left to the documents: work abroad (but "thợ hàn" is a welder), policy amounts (minimum wage,
 * short-course support), and what a plan or a decree says, even when a company or commune is named.
 */
function leftToDocuments(q: string): boolean {
  return (CUE.abroad.test(q) && !/\btho han\b|\bnghe han\b/.test(q)) || CUE.policy.test(q) || CUE.document.test(q);
}

/**
 * "Có việc làm nào ở Cầu Kè không": openings or courses asked in a place outside former Trà Cú
 * that no row names. The rows of Trà Cú's communes do not answer it; say there is none there.
 * Only a short message: a long one tells a story around the place ("tôi làm ở Bình Dương về…").
 */
function placeAskedElsewhere(question: LabourQuestion, q: string, data: LabourData, lexicon: Lexicon): LabourAnswer | undefined {
  // Only a search for openings or courses is answered by a place (decided first: it is the cheap part).
  const course = CUE.courseOnly.test(q) || CUE.whichCourse.test(q);
  if (!course && !CUE.jobs.test(q)) return undefined;
  // The clauses that ask, when the message also tells: a place in the story is not where work is asked.
  const asked = question.analysis?.asking ?? question.asked ?? question.text;
  // "Muốn lên Bình Dương làm công nhân, có chỗ nào tuyển": a place the story goes to (after a word
  // of going, knowledge/slots.yaml `goes_to`) is where the work is asked, in whatever clause.
  // (Not in a wage or income question, nor after a "không": "không muốn đi xa lên Sài Gòn".)
  const told = ` ${foldedWords(question.asked ?? question.text).join(" ")} `;
  const goesTo = (place: string) =>
    lexicon.slots.tableWords.goesTo.some((go) => {
      const at = told.indexOf(` ${go.join(" ")} ${foldedWords(place).join(" ")} `);
      return at >= 0 && !told.slice(Math.max(0, at - 24), at).split(" ").some((w) => NEGATIONS.has(w));
    });
  // (Places are looked for only when a word of going is said at all: the common case costs nothing.)
  const saysGoing = lexicon.slots.tableWords.goesTo.some((go) => told.includes(` ${go.join(" ")} `));
  const goneTo = CUE.wage.test(q) || !saysGoing ? [] : findPlacesElsewhere(lexicon, question.asked ?? question.text).filter(goesTo);
  if (asked.split(/\s+/).length > 15 && !goneTo.length) return undefined;
  // "Ở Bình Dương về" is where the user came back from, not where the work is asked.
  const places = [...new Set([...goneTo, ...findPlacesElsewhere(lexicon, asked)])].filter((place) => !` ${foldedWords(asked).join(" ")} `.includes(` ${foldedWords(place).join(" ")} ve `));
  if (!places.length) return undefined;
  const cells = [...data.jobs.map((j) => `${j.workplace ?? ""} ${j.company}`), ...data.courses.map((c) => `${c.location ?? ""} ${c.institution}`)].map((cell) => ` ${foldedWords(cell).join(" ")} `);
  const named = places.filter((place) => cells.some((cell) => cell.includes(` ${foldedWords(place).join(" ")} `)));
  // Rows of that place answer a search for openings or courses there, not a wage asked of it ("công
  // nhân Bình Dương thu nhập bao nhiêu, theo báo") nor a company named with the place in its name.
  if (named.length) return !question.analysis?.slots.company.length && !CUE.wage.test(q) && (course || CUE.seeksJob.test(q)) ? inPlaceNamed(question, data, lexicon, named, course) : undefined;
  const what = course ? `khóa đào tạo ở ${places.join(", ")}` : `chỗ tuyển ở ${places.join(", ")}`;
  return { ...finish(repliesVi.noRowsFor(what), course ? "vocational_training_options" : "labour_market_jobs", data, []), notFound: true };
}

/**
 * "Lên Bình Dương làm công nhân, có chỗ nào tuyển": a place outside Trà Cú that some rows name is
 * where the work (or the course) is asked: those rows, open, of the trade named if one is. Undefined
 * when a trade is named that none of them has (the trade's own answer says where it is found).
 */
function inPlaceNamed(question: LabourQuestion, data: LabourData, lexicon: Lexicon, places: string[], course: boolean): LabourAnswer | undefined {
  const keys = places.map((place) => ` ${foldedWords(place).join(" ")} `);
  const has = (cell: string) => keys.some((key) => ` ${foldedWords(cell).join(" ")} `.includes(key));
  const where = places.join(", ");
  const age = ageStated(question.asked ?? question.folded);
  if (course) {
    let rows = data.courses.filter((c) => has(`${c.location ?? ""} ${c.institution}`));
    const trade = tradeOf(question, rows.map((c) => c.trade), lexicon);
    if (trade) rows = rows.filter((c) => sameTrade(c.trade, trade, lexicon));
    else if (ownTradeSlot(question.analysis)) return undefined;
    const { fit } = byAge(rows, age, (c) => c.audience);
    if (!fit.length) return undefined;
    return finish(`Các khóa đào tạo ở ${where}:\n${fit.slice(0, MAX_ITEMS).map((c) => `- ${courseLine(c)}`).join("\n")}${moreRows(fit, courseName, "khóa")}`, "vocational_training_options", data, fit.slice(0, MAX_ITEMS));
  }
  const today = localIsoDate(question.now);
  // Where the work is, when rows write the place there; else a company bearing its name.
  const open = data.jobs.filter((j) => !j.deadline || j.deadline >= today);
  const there = open.filter((j) => has(j.workplace ?? ""));
  let rows = newestFirst(there.length ? there : open.filter((j) => has(j.company)), data);
  const trade = tradeOf(question, rows.map((j) => j.position), lexicon);
  if (trade) rows = rows.filter((j) => sameTrade(j.position, trade, lexicon));
  else if (ownTradeSlot(question.analysis)) return undefined;
  const { fit } = byAge(rows, age, (j) => j.requirements);
  if (!fit.length) return undefined;
  return finish(`Các chỗ tuyển còn hạn ở ${where}:\n${fit.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`).join("\n")}${moreRows(fit, jobName, "chỗ tuyển")}`, "labour_market_jobs", data, fit.slice(0, MAX_ITEMS));
}

/** The folded names a place cell may use for the communes found: the new short name and the old one. */
/**
 * Keys a row's place is matched with: the new commune's name, or for a former commune asked by
 * name "new>old" (see `inCommune`).
 */
function communeKeysOf(communes: ReturnType<typeof findCommunes>): string[] {
  return communes.map(({ commune, old }) => (old ? `${foldedKey(commune.short)}>${foldedKey(old.replace(/^(xã|thị trấn)\s+/i, ""))}` : foldedKey(commune.short)));
}

/**
 * A condition that waives a requirement ("không cần kinh nghiệm", "không cần bằng cấp"): the rows
 * saying so (in their requirements or their position: "Học việc sửa xe máy"), and the rows needing
 * it; `rowWordsOnly` when nothing says a row needs it (`metByRowWordsOnly`). The words are in knowledge/slots.yaml (`waived_requirements`), matched on a row's folded text:
 * sheets write "không cần", "không yêu cầu", "được kèm nghề" and more.
 */
function waivedRequirement(id: string, lexicon: Lexicon): { says: (j: JobOpening) => boolean; needs: (j: JobOpening) => boolean; rowWordsOnly: boolean } | undefined {
  const words = lexicon.slots.waivedRequirements.get(id);
  if (!words) return undefined;
  const says = (j: JobOpening) => containsPhrase(foldedWords(`${j.requirements} ; ${j.position}`), words.says);
  // With no words for needing it ("làm buổi tối hoặc cuối tuần"), a row that does not say so does not offer it.
  if (metByRowWordsOnly(words)) return { says, needs: (j) => !says(j), rowWordsOnly: true };
  return { says, needs: (j) => !says(j) && containsPhrase(foldedWords(j.requirements), words.needs), rowWordsOnly: false };
}

/** A condition (`waived_requirements`) with no words for needing it: only a row's own words meet it ("làm buổi tối"). */
function metByRowWordsOnly(words: { needs: string[][] }): boolean {
  return words.needs.length === 0;
}

/** For a filter on "không cần kinh nghiệm": the rows that say so, or ask for no experience. */
function takesWithoutExperience(lexicon: Lexicon): (j: JobOpening) => boolean {
  const rule = waivedRequirement("no_experience", lexicon);
  return (j) => !rule || !rule.needs(j);
}

/**
 * "Hàn 6G" of the course "Hàn điện (hàn 3G)", "bằng C1" of "Lái xe hạng B": the question writes a
 * run of the row's label followed by a code of its own (letters and digits) where the label writes
 * another code. The asked words as written, or undefined when they agree.
 */
function labelClash(text: string, asked: string, name: string): string | undefined {
  const q = asked.split(" ").filter(Boolean);
  const n = foldedWords(name);
  const code = (w: string | undefined) => w !== undefined && [...w].some((c) => c >= "0" && c <= "9") && [...w].some((c) => c >= "a" && c <= "z");
  // (Most messages write no code: nothing to compare.)
  if (!q.some(code)) return undefined;
  for (let i = 0; i < q.length; i++) {
    for (let j = 0; j < n.length; j++) {
      let k = 0;
      while (j + k < n.length && q[i + k] === n[j + k]) k++;
      const next = q[i + k];
      if (k === 0 || !code(next) || !code(n[j + k]) || n.includes(next!)) continue;
      // Shown as written, when the message's words line up with its folded ones.
      const toned = words(text);
      const folded = toned.map(foldWord);
      const at = folded.findIndex((_, m) => q.slice(i, i + k + 1).every((w, x) => folded[m + x] === w));
      return at >= 0 ? toned.slice(at, at + k + 1).join(" ") : q.slice(i, i + k + 1).join(" ");
    }
  }
  return undefined;
}

/**
 * Whether some opening writes the words the message names a trade with, though its label is of no
 * trade of the slot lists ("Công nhân may giày" for "làm giày"): as typed, with tones when the
 * message has them ("may" is not "máy").
 */
function tradeWordsInRows(question: LabourQuestion, id: string, data: LabourData, lexicon: Lexicon): boolean {
  const own = question.ownText ?? question.text;
  const written = words(own);
  const folded = written.map(foldWord);
  const mention = findSlots(lexicon, folded, written).find((m) => m.entry.kind === "trade" && m.entry.id === id);
  if (!mention) return false;
  const toned = hasDiacritics(own);
  // The words of the mention that name the trade ("giày" of "làm giày"), not the generic ones.
  const generic = genericRowWords(lexicon);
  const named = (toned ? written : folded).slice(mention.start, mention.end).filter((_, k) => !generic.has(folded[mention.start + k]!));
  if (!named.length) return false;
  return data.jobs.some((j) => {
    const text = new Set(toned ? words(`${j.position} ${j.company} ${j.requirements}`) : foldedWords(`${j.position} ${j.company} ${j.requirements}`));
    return named.every((w) => text.has(w));
  });
}

/** Whether a company has an opening whose workplace is in one of these communes (by new or old name, as `inCommune` reads them). */
export function companyHasRowsIn(data: LabourData, lexicon: Lexicon, company: string, communes: Array<{ name: string; old?: string }>): boolean {
  const found = communes.flatMap(({ name, old }) => {
    const commune = lexicon.communes.find((c) => c.name === name);
    return commune ? [{ commune, ...(old ? { old } : {}) }] : [];
  });
  const keys = communeKeysOf(found);
  return keys.length > 0 && data.jobs.some((j) => j.company === company && inCommune(j.workplace, keys));
}

/**
 * Whether a row's place is in one of the communes asked. A former commune asked by name ("Ngãi
 * Xuyên") takes rows in it and rows that name only the new commune it joined ("Xã Trà Cú"), not
 * rows in another former commune of that new one ("Xã Thanh Sơn (nay thuộc Xã Trà Cú)").
 */
function inCommune(place: string, communeKeys: string[]): boolean {
  if (!communeKeys.length) return true;
  const value = ` ${foldedKey(place)} `;
  return communeKeys.some((k) => {
    const [newName, old] = k.split(">");
    if (!old) return value.includes(` ${newName} `);
    return value.includes(` ${old} `) || (value.includes(` ${newName} `) && !value.includes(" nay thuoc "));
  });
}

/**
 * The rows on the asked side of a bound (`numeric-bound.ts`): the demand table for people needed by a
 * trade or its average wage, the courses for a fee or a length, else the open job rows (people
 * wanted, or pay: "tối thiểu"/"khởi điểm" compares where pay starts, "tối đa" where it ends, and
 * otherwise "trên" the top of the range and "dưới" its start). Undefined when the bound fits no table.
 */
function rowsWithinBound(
  question: LabourQuestion,
  data: LabourData,
  qa: QuestionAnalysis,
  bound: NumericBound,
  scope: { trade: string | undefined; openJobs: () => JobOpening[]; communeKeys: string[]; lexicon: Lexicon },
): LabourAnswer | undefined {
  const q = cueText(question.asked ?? question.folded);
  const said = bound.phrase;
  const order = (a: number, b: number) => (bound.side === "above" ? b - a : a - b);
  // "Nghề nào cần …", "lương bình quân …": the demand table; "việc nào", "chỗ nào" ask for openings.
  const demandAsked = data.demand.length > 0 && (CUE.demand.test(q) || CUE.demandWhich.test(q)) && !CUE.openingsWhich.test(q);
  if (demandAsked && (bound.measure === "count" || bound.measure === "amount")) {
    const { rows: yearRows, year } = demandRowsToRank(data.demand, qa.slots.year ?? yearSaid(q, question.now));
    const value = (d: LabourDemand) => (bound.measure === "count" ? d.demand : d.avgWage?.value ?? undefined);
    const rows = yearRows.filter((d) => value(d) !== undefined && withinBound(value(d)!, bound)).sort((a, b) => order(value(a)!, value(b)!));
    const what = `ngành ${bound.measure === "count" ? "cần" : "có lương bình quân"} ${said}${year ? ` năm ${year}` : ""}`;
    if (!rows.length) return { ...finish(repliesVi.noRowsFor(what), "labour_market_jobs", data, []), notFound: true };
    const lines = rows.slice(0, MAX_ITEMS).map((d) => rankedDemandLine(d, year === undefined));
    return finish(`Theo số liệu nhu cầu lao động, các ${what}:\n${lines.join("\n")}`, "labour_market_jobs", data, rows.slice(0, MAX_ITEMS));
  }
  const courseAsked = data.courses.length > 0 && (CUE.courseOnly.test(q) || CUE.whichCourse.test(q) || CUE.courseWord.test(q)) && !CUE.seeksJob.test(q);
  if (courseAsked && (bound.measure === "amount" || bound.measure === "duration")) {
    const courseTrade = tradeOf(question, data.courses.map((c) => c.trade), scope.lexicon);
    const key = (c: TrainingCourse) => courseRankKey(c, bound.measure);
    const rows = data.courses
      .filter((c) => (!courseTrade || sameTrade(c.trade, courseTrade, scope.lexicon)) && inCommune(`${c.location} ${c.institution}`, scope.communeKeys))
      .filter((c) => key(c) !== undefined && withinBound(key(c)!, bound))
      .sort((a, b) => order(key(a)!, key(b)!));
    const what = `khóa đào tạo ${bound.measure === "amount" ? "có học phí" : "học"} ${said}`;
    if (!rows.length) return { ...finish(repliesVi.noRowsFor(what), "vocational_training_options", data, []), notFound: true };
    return finish(`Các ${what}:\n${rows.slice(0, MAX_ITEMS).map((c) => `- ${courseLine(c)}`).join("\n")}${moreRows(rows, courseName, "khóa")}`, "vocational_training_options", data, rows.slice(0, MAX_ITEMS + MORE_NAMED), courseTrade);
  }
  if (!data.jobs.length || !(CUE.jobs.test(q) || CUE.wage.test(q) || CUE.seeksJob.test(q))) return undefined;
  if (bound.measure !== "amount" && bound.measure !== "count") return undefined;
  const words = q.split(" ");
  const saysStart = containsPhrase(words, scope.lexicon.slots.tableWords.wageStart);
  const saysTop = containsPhrase(words, scope.lexicon.slots.tableWords.wageTop);
  const column = saysStart ? "min" : saysTop ? "max" : bound.side === "above" ? "max" : "min";
  const value = (j: JobOpening) => (bound.measure === "count" ? j.quantity ?? undefined : (column === "min" ? j.wageMin?.value ?? j.wageMax?.value : j.wageMax?.value ?? j.wageMin?.value) ?? undefined);
  const within = scope.openJobs().filter((j) => value(j) !== undefined && withinBound(value(j)!, bound)).sort((a, b) => order(value(a)!, value(b)!));
  // "Tôi 45 tuổi, có việc nào lương trên 7 triệu": rows whose age limits leave the asker out are named apart.
  const age = ageStated(q);
  const { fit: rows, excluded } = byAge(within, age, (j) => j.requirements);
  const note = excludedNote(age, excluded.map((j) => `${jobName(j)} (${j.requirements})`));
  const what = `chỗ tuyển còn hạn ${bound.measure === "count" ? "tuyển" : saysStart ? "có lương khởi điểm" : saysTop ? "có lương tối đa" : "có lương"} ${said}${bound.measure === "count" && !foldDiacritics(said).split(" ").some((w) => w === "nguoi" || w === "cho") ? " người" : ""}${age !== undefined ? ` nhận người ${age} tuổi` : ""}`;
  if (!rows.length) return { ...finish(`${repliesVi.noRowsFor(what)}${note ? `\n${note}` : ""}`, "labour_market_jobs", data, []), notFound: true };
  return finish(`Các ${what}:\n${rows.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`).join("\n")}${moreRows(rows, jobName, "chỗ tuyển")}${note ? `\n${note}` : ""}`, "labour_market_jobs", data, rows.slice(0, MAX_ITEMS + MORE_NAMED), scope.trade);
}

/** Rows in the former commune asked by name before those that name only the new commune (stable). */
function closestFirst<T>(rows: T[], place: (row: T) => string, communeKeys: string[]): T[] {
  const olds = communeKeys.flatMap((k) => k.split(">")[1] ?? []);
  if (!olds.length) return rows;
  const first: T[] = [];
  const rest: T[] = [];
  for (const row of rows) {
    const value = ` ${foldedKey(place(row))} `;
    (olds.some((o) => value.includes(` ${o} `)) ? first : rest).push(row);
  }
  return [...first, ...rest];
}

// === answers ===

/**
 * The demand rows a ranking compares: those of the year asked; else those of the latest year when it
 * has a row for every trade (`year` says which); else each trade's newest row (`year` undefined: each
 * line names its own), so that a trade forecast for one later year alone does not stand for the table.
 */
function demandRowsToRank(demand: LabourDemand[], asked?: number): { rows: LabourDemand[]; year?: number } {
  if (asked !== undefined) return { rows: demand.filter((d) => d.year === asked), year: asked };
  const newest = new Map<string, LabourDemand>();
  for (const d of demand) {
    const key = foldedKey(d.trade);
    const kept = newest.get(key);
    if (!kept || d.year > kept.year) newest.set(key, d);
  }
  const latest = Math.max(...demand.map((d) => d.year));
  const rows = [...newest.values()];
  return rows.every((d) => d.year === latest) ? { rows, year: latest } : { rows };
}

/** A demand row in a ranking or a bounded list: people needed and the average wage, its year only when rows of several years are listed (`demandLine` always names the year and the note). */
function rankedDemandLine(d: LabourDemand, withYear: boolean): string {
  return `- ${d.trade}${withYear ? ` (năm ${d.year})` : ""}: ${d.demand.toLocaleString("vi-VN")} người${d.avgWage ? `, lương bình quân ${d.avgWage.text}` : ""}`;
}

/** The demand table's trades by demand, of the year asked (else the newest), most first or fewest first. */
function demandRanking(data: LabourData, year?: number, fewest = false): LabourAnswer {
  const { rows: yearRows, year: shownYear } = demandRowsToRank(data.demand, year);
  const rows = [...yearRows].sort((a, b) => (fewest ? a.demand - b.demand : b.demand - a.demand));
  const lines = rows.slice(0, MAX_ITEMS).map((d) => rankedDemandLine(d, shownYear === undefined));
  return finish(
    `Theo số liệu nhu cầu lao động ${shownYear ? `năm ${shownYear}` : "mới nhất của mỗi ngành"}, các ngành cần ${fewest ? "ít" : "nhiều"} lao động nhất là:\n${lines.join("\n")}`,
    "labour_market_jobs",
    data,
    rows.slice(0, MAX_ITEMS),
  );
}

function demandForTrade(data: LabourData, trade: string, lexicon: Lexicon, year?: number): LabourAnswer {
  const all = data.demand.filter((d) => sameTrade(d.trade, trade, lexicon)).sort((a, b) => b.year - a.year);
  // "Chế biến thủy sản năm 2026 cần bao nhiêu": that year's row, or say it is not there (never another year's figure).
  const rows = year === undefined ? all : all.filter((d) => d.year === year);
  if (!rows.length) return { ...finish(repliesVi.noRowsFor(`số liệu nhu cầu lao động năm ${year} của ngành ${all[0]?.trade ?? trade}`), "labour_market_jobs", data, []), notFound: true };
  // The office's note ("Cần người có chứng chỉ nghề") belongs to the figure.
  const lines = rows.map((d) => `- Năm ${d.year}: ${d.demand.toLocaleString("vi-VN")} người${d.avgWage ? `, lương bình quân ${d.avgWage.text}` : ""}${d.note ? ` (ghi chú: ${d.note})` : ""}`);
  return finish(`Theo số liệu nhu cầu lao động, ngành ${rows[0]?.trade ?? trade} cần:\n${lines.join("\n")}`, "labour_market_jobs", data, rows, trade);
}

/**
 * The demand table's trades a message names: for each trade of the slot lists it names, the row
 * label of that trade sharing most words with the message.
 */
function demandTradesNamed(question: LabourQuestion, names: string[], lexicon: Lexicon): string[] {
  const qa = question.analysis;
  if (!qa || qa.carried.includes("trade")) return [];
  const asked = new Set((question.asked ?? question.folded).split(" "));
  const found = new Set<string>();
  for (const slot of qa.slots.trade) {
    let best: { name: string; shared: number } | undefined;
    for (const name of new Set(names)) {
      if (!tradeSlotsOf(name, lexicon, question.everydayWords).includes(slot.id)) continue;
      const shared = foldedWords(name).filter((w) => asked.has(w)).length;
      if (!best || shared > best.shared) best = { name, shared };
    }
    if (best) found.add(best.name);
  }
  // And the labels written out whole ("bảo mẫu"), of two words or more.
  const padded = ` ${question.asked ?? question.folded} `;
  for (const name of new Set(names)) if (tradeKeys(name).some((key) => key.includes(" ") && padded.includes(` ${key} `))) found.add(name);
  return [...found];
}

/** The demand rows of two trades or more, trade by trade (a year asked: that year's rows). */
function demandForTrades(data: LabourData, trades: string[], lexicon: Lexicon, year?: number): LabourAnswer {
  const parts = trades.map((trade) => demandForTrade(data, trade, lexicon, year));
  const found = parts.filter((p) => !p.notFound);
  if (!found.length) return parts[0]!;
  const rows = data.demand.filter((d) => trades.some((t) => sameTrade(d.trade, t, lexicon)) && (year === undefined || d.year === year));
  return finish(parts.map((p) => p.text).join("\n"), "labour_market_jobs", data, rows);
}

function jobRanking(data: LabourData): LabourAnswer {
  const totals = new Map<string, number>();
  for (const job of data.jobs) totals.set(job.position, (totals.get(job.position) ?? 0) + (job.quantity ?? 0));
  const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, MAX_ITEMS);
  const lines = top.map(([position, count]) => `- ${position}: ${count.toLocaleString("vi-VN")} người`);
  const rows = data.jobs.filter((j) => top.some(([p]) => p === j.position));
  return finish(`Các vị trí đang tuyển nhiều người nhất:\n${lines.join("\n")}`, "labour_market_jobs", data, rows);
}

function courseAnswer(question: LabourQuestion, data: LabourData, trade: string | undefined, communeKeys: string[], lexicon?: Lexicon): LabourAnswer | undefined {
  const q = question.folded;
  let rows = data.courses.filter((c) => (!trade || sameTrade(c.trade, trade, lexicon)) && inCommune(`${c.location} ${c.institution}`, communeKeys));
  // "Còn tháng sau?" after "tháng này có lớp nào": the message's own month replaces the earlier one.
  const month = requestedMonth(question.asked ?? q, question.now) ?? requestedMonth(q, question.now);
  // A course of the month that has already started is not one to join now: the month's courses
  // still to start are listed; when all have started, they are listed as started, not said to be
  // none ("tháng này có khóa nào khai giảng" on the 20th, after one began on the 16th).
  const today = localIsoDate(question.now);
  let started = false;
  if (month) {
    const inMonth = rows.filter((c) => c.startDate?.startsWith(month));
    const ahead = inMonth.filter((c) => c.startDate!.length === 7 || c.startDate! >= today);
    started = !ahead.length && inMonth.length > 0;
    rows = started ? inMonth : ahead;
  }
  // "e 16t…": courses whose audience's age limits leave the asker out are named apart.
  const age = ageStated(question.asked ?? q);
  const { fit, excluded } = byAge(rows, age, (c) => c.audience);
  rows = fit;
  const note = excludedNote(age, excluded.map((c) => `${c.trade} tại ${c.institution} (${c.audience})`));
  const ageNote = note ? `\n${note}` : "";
  if (!rows.length) {
    const what = [trade ? `nghề ${trade}` : "", month ? `khai giảng tháng ${formatDateVi(month)}` : ""].filter(Boolean).join(", ");
    const none = `Hiện trong dữ liệu của cơ quan lao động chưa có khóa đào tạo ${what}${age !== undefined ? ` nhận người ${age} tuổi` : ""}.${ageNote}`;
    // "Tháng 12 có khóa tiếng Hàn không": none that month, but the trade's next course is worth
    // naming, labelled as another month's.
    const nextOfTrade = month && trade ? data.courses.filter((c) => sameTrade(c.trade, trade, lexicon) && inCommune(`${c.location} ${c.institution}`, communeKeys) && c.startDate && c.startDate >= today && byAge([c], age, (x) => x.audience).fit.length > 0).sort((a, b) => a.startDate!.localeCompare(b.startDate!)) : [];
    if (nextOfTrade.length) return finish(`${none}\n${repliesVi.nearestOtherMonth}\n${nextOfTrade.slice(0, 3).map((c) => `- ${courseLine(c)}`).join("\n")}`, "vocational_training_options", data, nextOfTrade.slice(0, 3), trade);
    return finish(none, "vocational_training_options", data, excluded, trade);
  }
  rows = closestFirst(
    rows.sort((a, b) => (a.startDate ?? "9999").localeCompare(b.startDate ?? "9999")),
    (c) => c.location,
    communeKeys,
  );
  const asksFee = /\b(hoc phi|bao nhieu tien|mat tien|ton tien|chi phi|mien phi)\b/.test(q);
  const lines = rows.slice(0, MAX_ITEMS).map((c) => `- ${courseLine(c)}`);
  const more = moreRows(rows, courseName, "khóa");
  const lead = month
    ? started
      ? repliesVi.startedInMonth(formatDateVi(month))
      : `Các khóa khai giảng tháng ${formatDateVi(month)}:`
    : trade
      ? `Các khóa đào tạo nghề ${trade}${asksFee ? " và học phí" : ""}:`
      : communeKeys.length
        ? "Các khóa đào tạo ở khu vực bạn hỏi:"
        : "Các khóa đào tạo hiện có:";
  // "Where can I learn X, how much?" is about training; "is X free?" is about tuition.
  const own = question.asked ?? q;
  const feeOnly = /\b(hoc phi|bao nhieu tien|mat tien|ton tien|chi phi|mien phi)\b/.test(own) && !/\b(o dau|khai giang|bao lau|thoi gian)\b/.test(own);
  const topic = feeOnly ? "tuition_and_support" : "vocational_training_options";
  return finish(`${lead}\n${lines.join("\n")}${more}${ageNote}`, topic, data, rows.slice(0, MAX_ITEMS + MORE_NAMED), trade);
}

/** A start date as people say it: a month alone reads "tháng 12/2026". */
function startText(startDate: string): string {
  return `${/^\d{4}-\d{2}$/.test(startDate) ? "tháng " : ""}${formatDateVi(startDate)}`;
}

function courseLine(c: TrainingCourse): string {
  const parts = [`${c.trade}${c.level ? ` (${c.level})` : ""} tại ${c.institution}${c.location ? `, ${c.location}` : ""}`];
  if (c.fee) parts.push(`học phí: ${c.fee.text}`);
  if (c.duration) parts.push(`thời gian: ${c.duration}`);
  if (c.startDate) parts.push(`khai giảng: ${startText(c.startDate)}`);
  else if (c.startNote) parts.push(`khai giảng: ${c.startNote}`);
  else if (c.unclear?.includes("startDate")) parts.push(`khai giảng: ${UNCLEAR_CELL}`);
  // Who may enrol: "từ 18 tuổi", "hộ nghèo, cận nghèo".
  if (c.audience) parts.push(`dành cho: ${c.audience}`);
  if (c.support) parts.push(`hỗ trợ: ${c.support}`);
  // As an opening's line does: who to ask is what a reader acts on.
  if (c.contact) parts.push(`liên hệ: ${c.contact}`);
  return parts.join("; ");
}

/** A demand row with its trade and year: "May công nghiệp, năm 2027: 180 người, lương bình quân 7,5 triệu". */
function demandLine(d: LabourDemand): string {
  // The office's note ("giảm nhẹ so với năm trước", "theo mùa vụ") is part of the row's meaning.
  return `${d.trade}, năm ${d.year}: ${d.demand.toLocaleString("vi-VN")} người${d.avgWage ? `, lương bình quân ${d.avgWage.text}` : ""}${d.note ? ` (ghi chú: ${d.note})` : ""}`;
}

/** An opening named in short: its position and company. */
function jobName(j: JobOpening): string {
  return `${j.position} tại ${j.company}`;
}

/** A course named in short: its trade, level and school. */
function courseName(c: TrainingCourse): string {
  return `${c.trade}${c.level ? ` (${c.level})` : ""} tại ${c.institution}`;
}

/**
 * Rows past the first MAX_ITEMS shown in full: the next MORE_NAMED named in short, so a list of
 * the places hiring or teaching is whole; only past that are they counted. "" when none.
 */
function moreRows<T>(rows: T[], name: (row: T) => string, noun: "chỗ tuyển" | "khóa"): string {
  const more = rows.slice(MAX_ITEMS, MAX_ITEMS + MORE_NAMED);
  const parts = more.length ? [`\n${noun === "khóa" ? repliesVi.moreCourses : repliesVi.moreOpenings}\n${more.map((r) => `- ${name(r)}`).join("\n")}`] : [];
  if (rows.length > MAX_ITEMS + MORE_NAMED) parts.push(`\n(và ${rows.length - MAX_ITEMS - MORE_NAMED} ${noun} khác)`);
  return parts.join("");
}

function jobsAnswer(question: LabourQuestion, data: LabourData, trade: string | undefined, communeKeys: string[], lexicon?: Lexicon): LabourAnswer {
  const q = question.folded;
  const today = localIsoDate(question.now);
  // A trade named as the demand table spells it ("làm bánh tráng") may be an opening's label spelled
  // otherwise ("Thợ tráng bánh tráng"): the openings' own labels are asked before saying there is none.
  let fits = (j: JobOpening) => !trade || sameTrade(j.position, trade, lexicon);
  if (trade && lexicon && !data.jobs.some(fits)) {
    const own = tradeOf(question, data.jobs.map((j) => j.position), lexicon);
    // Several labels share the words ("Thợ tráng bánh tráng", "Nhân viên … bánh tráng"): the
    // openings whose label holds a pair of the question's words.
    const pairs = wordPairs(question.asked ?? q).filter((pair) => !question.everydayWords?.has(pair));
    fits = own ? (j) => sameTrade(j.position, own, lexicon) : (j) => pairs.some((pair) => ` ${foldedKey(j.position)} `.includes(` ${pair} `));
    if (own || data.jobs.some(fits)) trade = own ?? trade;
  }
  // "Có chỗ nào tuyển thợ điện": the words asked name every opening whose label holds them
  // ("Thợ điện dân dụng", "Thợ điện công nghiệp"), not the one label the match settled on.
  const shared = trade ? sharedTrade(question.asked ?? q, trade) : undefined;
  if (shared) {
    const named = fits;
    fits = (j) => named(j) || holdsShared(j.position, shared);
  }
  // "Hàn 6G" asked of the trade "Hàn": the openings of it whose label writes another code ("Thợ hàn
  // 3G") are not of the kind asked; none left, there is none.
  if (trade && lexicon) {
    const asked = question.tradeAsked ?? question.asked ?? q;
    const kin = data.jobs.filter((j) => fits(j) && inCommune(j.workplace, communeKeys));
    const clashes = new Map(kin.map((j) => [j.position, labelClash(question.text, asked, j.position)] as const));
    const clash = [...clashes.values()].find(Boolean);
    if (clash && kin.every((j) => clashes.get(j.position))) return { ...finish(repliesVi.noRowsFor(`chỗ tuyển ${clash}`), "labour_market_jobs", data, []), notFound: true };
  }
  let open = closestFirst(
    newestFirst(
      data.jobs.filter((j) => fits(j) && inCommune(j.workplace, communeKeys) && (!j.deadline || j.deadline >= today)),
      data,
    ),
    (j) => j.workplace,
    communeKeys,
  );
  // "Còn thợ sửa vỏ tàu thì sao?" after "thợ mộc Thanh Sơn": the place came from the earlier turn.
  // None there: the trade's openings elsewhere, said to be elsewhere.
  let elsewhere = false;
  const ownPlace = question.asked === undefined || !lexicon || findCommunes(lexicon, withoutBareDistrict(question.asked)).length > 0;
  if (!open.length && trade && communeKeys.length && lexicon && !ownPlace) {
    open = newestFirst(data.jobs.filter((j) => fits(j) && (!j.deadline || j.deadline >= today)), data);
    elsewhere = open.length > 0;
  }
  // "Tôi 43 tuổi…": openings whose age limits leave the asker out are named apart, not listed.
  const age = ageStated(question.asked ?? q);
  const { fit: rows, excluded } = byAge(open, age, (j) => j.requirements);
  const demandRows = trade ? data.demand.filter((d) => sameTrade(d.trade, trade)) : [];
  const asksWage = CUE.wage.test(q);
  const lines = rows.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`);
  const parts: string[] = [];
  const where = elsewhere ? repliesVi.elsewhereThanBefore : communeKeys.length ? " ở khu vực bạn hỏi" : "";
  const closedLabel = rows.length && !elsewhere ? closedOfNamedLabel(question.asked ?? q, data.jobs.filter((j) => fits(j) && inCommune(j.workplace, communeKeys)), rows, today, data) : undefined;
  if (closedLabel) {
    const more = moreRows(rows, jobName, "chỗ tuyển");
    parts.push(closedThenOpen(closedLabel, `${lines.join("\n")}${more}`));
  } else if (rows.length) {
    // Broadened to the words asked ("thợ điện"), the lead names those words, not one label.
    const label = shared?.label ?? trade;
    parts.push(`${label ? `Việc làm ${label}` : "Các việc làm đang tuyển"}${where}${asksWage ? " và mức lương" : ""}:\n${lines.join("\n")}`);
    const more = moreRows(rows, jobName, "chỗ tuyển");
    if (more) parts.push(more.slice(1));
  }
  // "Tuyển tư vấn bán hàng qua điện thoại còn nộp được không", "công nhân chăn nuôi heo lương bao
  // nhiêu": the position asked is in the list, closed. Its rows are what the asker wants to know,
  // said to be closed, rather than "none".
  // Answered when the message asks something of the position (its wage, deadline, contact, "còn nộp
  // được không"); asked whether anyone is hiring ("có chỗ nào đang tuyển thợ điện"), the closed rows
  // are shown but the question stays unanswered. A year asked ("dự báo năm 2028") is not about them.
  const yearNamed = (question.analysis?.slots.year ?? yearSaid(question.asked ?? q, question.now)) !== undefined;
  const asksOfPosition = lexicon !== undefined && asksOfRows(question, lexicon);
  const closed = !rows.length && !excluded.length && trade && !elsewhere && !yearNamed ? newestFirst(data.jobs.filter((j) => fits(j) && inCommune(j.workplace, communeKeys) && j.deadline !== null && j.deadline < today), data) : [];
  if (closed.length) parts.push(closedRowsText(shared?.label ?? trade!, closed));
  else if (!rows.length) parts.push(`Hiện trong dữ liệu của cơ quan lao động chưa có chỗ tuyển ${trade ? `vị trí ${trade}` : ""}${where} còn hạn.`.replace(/\s+/g, " "));
  // No opening fits: an honest "none", counted unanswered (it goes to the staff queue) unless it
  // names the openings that leave the asker out by age, or the closed rows of the position asked.
  const none = !rows.length && !excluded.length && !(closed.length && asksOfPosition);
  const note = excludedNote(age, excluded.map((j) => `${jobName(j)} (${j.requirements})`));
  if (note) parts.push(note);
  // (A question about the demand table itself is answered by demandForTrade before this.)
  // This year's row when the table has it ("có cần người không" asks about now), else the latest.
  const thisYear = Number(localIsoDate(question.now).slice(0, 4));
  const latestDemand = demandRows.find((d) => d.year === thisYear) ?? demandRows.sort((a, b) => b.year - a.year)[0];
  // "Điều dưỡng có cần người không": whether the trade needs people is the demand table's figure too,
  // beside the openings.
  // (The trade's demand row is cited even when its figure is not shown: the answer check's model was
  // trained on replies citing it, and reads the number of sources.)
  const asksNeed = /\b(can (them )?(nguoi|tho|lao dong)|nhu cau)\b/.test(q);
  if (latestDemand && asksNeed) {
    parts.push(`Nhu cầu lao động ngành ${demandLine(latestDemand)}.`);
  } else if (latestDemand?.avgWage && asksWage) {
    parts.push(`Lương bình quân ngành ${latestDemand.trade} năm ${latestDemand.year}: ${latestDemand.avgWage.text}.`);
  }
  const answer = finish(parts.join("\n"), "labour_market_jobs", data, [...(closedLabel?.rows.slice(0, MAX_ITEMS) ?? []), ...rows.slice(0, MAX_ITEMS + MORE_NAMED), ...closed.slice(0, MAX_ITEMS), ...(latestDemand ? [latestDemand] : [])], trade);
  return none ? { ...answer, notFound: true } : answer;
}

/** Neighbouring word pairs of a folded text, both words informative. */
function wordPairs(folded: string): string[] {
  const words = folded.split(" ").filter(Boolean);
  return words.slice(0, -1).map((w, i) => `${w} ${words[i + 1]}`).filter((pair) => pair.split(" ").every((w) => isInformative(w) && w.length >= 2));
}

/** Rows whose written age limits (`limits`) admit the stated age, and the rest; all fit when no age is stated. */
function byAge<T>(rows: T[], age: number | undefined, limits: (row: T) => string): { fit: T[]; excluded: T[] } {
  if (age === undefined) return { fit: rows, excluded: [] };
  const fit: T[] = [];
  const excluded: T[] = [];
  for (const row of rows) (fitsAge(limits(row), age) ? fit : excluded).push(row);
  return { fit, excluded };
}

/** "Không nhận người 43 tuổi: …." naming what the asker's age leaves out, or "" when nothing is. */
function excludedNote(age: number | undefined, names: string[]): string {
  if (age === undefined || !names.length) return "";
  return `Không nhận người ${age} tuổi: ${[...new Set(names)].slice(0, MAX_ITEMS).join("; ")}.`;
}

/** Whether the age fits the limits written in a row's requirements ("từ 18 đến 40 tuổi", "từ 18 tuổi", "dưới 35 tuổi"). */
function fitsAge(requirements: string, age: number): boolean {
  const limits = ageLimits(requirements);
  return !limits || ((limits.min === undefined || age >= limits.min) && (limits.max === undefined || age <= limits.max));
}

/** The age limits a row writes ("từ 18 đến 40 tuổi", "từ 18 tuổi", "dưới 35 tuổi"), or undefined when it names none. */
function ageLimits(requirements: string): { min?: number; max?: number } | undefined {
  const text = foldedKey(requirements);
  const range = /\btu (\d{2}) (?:(?:den|toi) )?(\d{2}) tuoi\b/.exec(text);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  const min = /\b(?:tu|du|tren) (\d{2}) tuoi\b/.exec(text);
  const max = /\b(?:duoi|khong qua|toi da) (\d{2}) tuoi\b/.exec(text);
  if (!min && !max) return undefined;
  return { ...(min ? { min: Number(min[1]) } : {}), ...(max ? { max: Number(max[1]) } : {}) };
}

/** "7.000.000 - 9.000.000", or the one figure written. */
function wageText(j: JobOpening): string | undefined {
  return j.wageMin && j.wageMax && j.wageMin.text !== j.wageMax.text ? `${j.wageMin.text} - ${j.wageMax.text}` : (j.wageMin ?? j.wageMax)?.text;
}

function jobLine(j: JobOpening): string {
  const wage = wageText(j);
  const parts = [jobName(j)];
  if (j.quantity !== null) parts.push(`${j.quantity} người`);
  else if (j.unclear?.includes("quantity")) parts.push(`số lượng: ${UNCLEAR_CELL}`);
  if (wage) parts.push(`lương: ${wage}`);
  if (j.workplace) parts.push(`nơi làm: ${j.workplace}`);
  // Age, licence, schooling: what a student needs to know before applying.
  if (j.requirements) parts.push(`yêu cầu: ${j.requirements}`);
  if (j.deadline) parts.push(`hạn nộp: ${formatDateVi(j.deadline)}`);
  else if (j.deadlineNote) parts.push(`hạn nộp: ${j.deadlineNote}`);
  else if (j.unclear?.includes("deadline")) parts.push(`hạn nộp: ${UNCLEAR_CELL}`);
  if (j.contact) parts.push(`liên hệ: ${j.contact}`);
  return parts.join("; ");
}

/** `YYYY-MM` asked for: "tháng này", "tháng sau", "tháng 12" (this year, or next if past). */
function requestedMonth(q: string, now: Date): string | undefined {
  // The month in Trà Cú: at 01:00 on 1/12 (18:00 UTC on 30/11) "tháng này" is December.
  const today = localIsoDate(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const pad = (y: number, m: number) => `${y}-${String(m).padStart(2, "0")}`;
  if (/\bthang (nay|ni)\b/.test(q)) return pad(year, month);
  if (/\bthang (sau|toi)\b/.test(q)) return month === 12 ? pad(year + 1, 1) : pad(year, month + 1);
  const m = /\bthang (\d{1,2})(?:\s*(?:nam\s*)?(\d{4}))?\b/.exec(q);
  if (m) {
    const asked = Number(m[1]);
    if (asked < 1 || asked > 12) return undefined;
    const askedYear = m[2] ? Number(m[2]) : asked < month ? year + 1 : year;
    return pad(askedYear, asked);
  }
  return undefined;
}

function finish(
  text: string,
  topic: Topic,
  data: LabourData,
  rows: Array<JobOpening | TrainingCourse | LabourDemand>,
  trade?: string,
): LabourAnswer {
  const files = new Set(rows.map((r) => r.file));
  const sources: SourceRef[] = data.files
    .filter((f) => files.has(f.file))
    .map((f) => ({ title: labourFileTitle(f), asOf: f.asOf }));
  if (!sources.length) {
    // No row matched: cite the tables that were searched, so the "no data" reply has its source.
    for (const f of data.files) sources.push({ title: labourFileTitle(f), asOf: f.asOf });
  }
  const first = rows[0];
  const table = !first ? undefined : "company" in first ? "job" : "institution" in first ? "course" : "demand";
  const rowKeys = rows.map((r) => `${r.file}#${r.row}`);
  return { text, topic, sources, example: rows.some((r) => r.example), trade, ...(table ? { table, rowKeys } : {}) };
}

/** Whether a course's level cell is the level asked ("Sơ cấp", "Dưới 3 tháng", "9+"). */
function namesLevel(cell: string, id: string): boolean {
  const value = foldedKey(cell);
  const words: Record<string, string[]> = { so_cap: ["so cap", "duoi 3 thang"], trung_cap: ["trung cap"], cao_dang: ["cao dang"], "9plus": ["9plus", "9 cong"], dai_hoc: ["dai hoc"] };
  return (words[id] ?? []).some((w) => ` ${value} `.includes(` ${w} `));
}


// === rows found by retrieval ===

const rowIndexCache = new WeakMap<LabourData, { jobs: Map<string, JobOpening>; courses: Map<string, TrainingCourse>; demand: Map<string, LabourDemand> }>();

/** Whether a course row among `rowKeys` names one of the groups in its audience or support ("Giảm 50% học phí cho hộ nghèo"). */
export function coursesNameGroup(data: LabourData, lexicon: Lexicon, rowKeys: string[], audienceIds: string[]): boolean {
  const index = rowsByKey(data).courses;
  return rowKeys.some((key) => {
    const row = index.get(key);
    return row !== undefined && findSlots(lexicon, foldedWords(`${row.audience ?? ""}. ${row.support ?? ""}`)).some((m) => m.entry.kind === "audience" && audienceIds.includes(m.entry.id));
  });
}

/**
 * The fee and support the course rows among `rowKeys` write, one line each ("- Sửa chữa xe máy (Sơ cấp)
 * tại …: học phí 3.200.000; hỗ trợ …"), at most `max`: what the courses themselves say beside the
 * policy a group is asked about.
 */
export function courseTermsLines(data: LabourData, rowKeys: string[], max: number): string[] {
  const index = rowsByKey(data).courses;
  const rows = rowKeys.flatMap((key) => (index.has(key) ? [index.get(key)!] : []));
  return rows.slice(0, max).map((c) => `- ${courseName(c)}: ${columnNamesVi.fee!.toLowerCase()} ${courseCell(c, "fee") ?? repliesVi.cellNotInData}; ${columnNamesVi.support!.toLowerCase()} ${courseCell(c, "support") ?? repliesVi.cellNotInData}`);
}

/** Each table's rows by `file#row`, built once per data set (a sheet may hold 10,000 rows; the answers run per message). */
function rowsByKey(data: LabourData) {
  let index = rowIndexCache.get(data);
  if (!index) {
    const byKey = <T extends { file: string; row: number }>(rows: T[]) => new Map(rows.map((r) => [`${r.file}#${r.row}`, r] as const));
    index = { jobs: byKey(data.jobs), courses: byKey(data.courses), demand: byKey(data.demand) };
    rowIndexCache.set(data, index);
  }
  return index;
}

/** The rows of each table a reply showed (`file#row` keys), in the order shown: looked up, not searched for. */
function rowsShown(data: LabourData, keys: string[]): { jobs: JobOpening[]; courses: TrainingCourse[]; demand: LabourDemand[] } {
  const index = rowsByKey(data);
  const pick = <T>(map: Map<string, T>) => keys.flatMap((k) => (map.has(k) ? [map.get(k)!] : []));
  return { jobs: pick(index.jobs), courses: pick(index.courses), demand: pick(index.demand) };
}

const columnCueCache = new WeakMap<Lexicon, Map<"job" | "course" | "demand", string[][]>>();

/**
 * The table whose column words (`row_columns` in knowledge/slots.yaml) the question uses, counting
 * only words no other table's columns have ("kinh nghiệm" is an opening's, "khai giảng" a course's);
 * undefined when none or a tie.
 */
export function tableByColumns(folded: string, lexicon: Lexicon): "job" | "course" | "demand" | undefined {
  let own = columnCueCache.get(lexicon);
  if (!own) {
    const all = [...lexicon.slots.rowColumns].map(([table, columns]) => [table, [...columns.values()].flat()] as const);
    own = new Map(all.map(([table, phrases]) => [table as "job" | "course" | "demand", phrases.filter((p) => !all.some(([other, o]) => other !== table && o.some((q) => q.join(" ") === p.join(" "))))]));
    columnCueCache.set(lexicon, own);
  }
  const padded = ` ${folded} `;
  const counts = [...own].map(([table, phrases]) => [table, phrases.filter((p) => padded.includes(` ${p.join(" ")} `)).length] as const).sort((a, b) => b[1] - a[1]);
  return counts[0] && counts[0][1] > 0 && counts[0][1] > (counts[1]?.[1] ?? 0) ? counts[0][0] : undefined;
}

/** A retrieved Labour Office row: its file, row number and fused retrieval score. */
export interface RowHit {
  file: string;
  row: number;
  score: number;
}

/** Rows scoring at least this share of the best row's score are taken as what the question names. */
const ROW_HIT_SHARE = 0.75;
/** Acts and wanted values that ask for a list of rows rather than the value of named rows. */
const LIST_ACTS = new Set(["list", "comparison"]);
const LIST_WANTED = new Set(["which_trades", "where", "none"]);


/**
 * "Thợ hàn ở Định An yêu cầu gì" when the "Thợ hàn" row has closed and only "Phụ hàn" (the same
 * trade) is open: the rows of the very label named, closed, are what was asked; the open rows of the
 * trade follow, labelled. Undefined when no label is named whole or an open row has it.
 */
function closedOfNamedLabel(asked: string, candidates: JobOpening[], open: JobOpening[], today: string, data: LabourData): { label: string; rows: JobOpening[] } | undefined {
  const label = matchTradeWords(cueText(asked), candidates.map((j) => j.position));
  if (!label || !wholeLabelIn(label, asked)) return undefined;
  const key = foldedKey(label);
  if (open.some((j) => foldedKey(j.position) === key)) return undefined;
  const rows = newestFirst(candidates.filter((j) => foldedKey(j.position) === key && j.deadline !== null && j.deadline < today), data);
  return rows.length ? { label, rows } : undefined;
}

/** A position's closed rows under the lead saying so ("Việc làm Thợ tiện … đã hết hạn nộp hồ sơ:"). */
function closedRowsText(position: string, rows: JobOpening[]): string {
  return `${repliesVi.closedOnly(position)}\n${rows.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`).join("\n")}`;
}

/** The closed rows of the label named, then the open rows of its trade under their own lead. */
function closedThenOpen(closed: { label: string; rows: JobOpening[] }, openText: string): string {
  return `${closedRowsText(closed.label, closed.rows)}\n${repliesVi.openOfSameTrade}\n${openText}`;
}

/** Does the folded message hold the label's words whole, two words or more ("thợ tiện")? */
function wholeLabelIn(label: string, folded: string): boolean {
  const key = foldedWords(label).join(" ");
  return key.split(" ").length >= 2 && ` ${cueText(folded)} `.includes(` ${key} `);
}

/**
 * Does the message name an opening found by retrieval by its whole label, of two words or more
 * ("thợ tiện ở khu kinh tế Định An còn nộp được không"), that the passage ranked first does not
 * name? Then the openings found (their hits, returned) answer it, not a passage about the place.
 */
export function openingHitsNamed(question: LabourQuestion, data: LabourData, hits: RowHit[], passage: string): RowHit[] | undefined {
  const { jobs } = rowsByKey(data);
  const jobHits = hits.filter((h) => jobs.has(`${h.file}#${h.row}`));
  const own = cueText(question.asked ?? question.folded);
  const label = jobHits.length ? matchTradeWords(own, jobHits.map((h) => jobs.get(`${h.file}#${h.row}`)!.position)) : undefined;
  if (!label || !wholeLabelIn(label, own)) return undefined;
  return ` ${foldedWords(passage).join(" ")} `.includes(` ${foldedWords(label).join(" ")} `) ? undefined : jobHits;
}

/**
 * When retrieval's best passages are spreadsheet rows but no table query above caught the
 * question ("vận hành máy ép dầu dừa cần bằng cấp gì", "em 16 tuổi có chỗ nào nhận làm không"),
 * the answer is the rows themselves, whole (every column, so the asked value is there whatever
 * its name), filtered by the question's slots (commune, age, "không cần kinh nghiệm", month),
 * never sentences cut out of one row. A question naming nothing in particular gets the matching
 * rows of the whole table; one naming a trade or a position gets the rows retrieval found for it.
 */
export function answerFromRowHits(question: LabourQuestion, data: LabourData, lexicon: Lexicon, hits: RowHit[]): LabourAnswer | undefined {
  if (!hits.length || !data.files.length) return undefined;
  const q = cueText(question.folded);
  // "Khóa tiếng Hàn ôn EPS học phí bao nhiêu": a course asked, though its words are of working abroad.
  if (leftToDocuments(q) && !CUE.courseOnly.test(q) && !CUE.whichCourse.test(q)) return undefined;
  const qa = question.analysis;
  const key = (file: string, row: number) => `${file}#${row}`;
  const { jobs, courses, demand } = rowsByKey(data);
  const tableOf = (h: RowHit): "job" | "course" | "demand" => (jobs.has(key(h.file, h.row)) ? "job" : courses.has(key(h.file, h.row)) ? "course" : "demand");
  // Courses asked by the clause that asks ("có lớp nào dạy làm kẹo dừa"), none found by retrieval:
  // said so, unanswered, rather than answered with the openings for that work as if they were the
  // courses (the passages would cut the same rows into sentences).
  const coursesOnly = asksCoursesOnly(question, lexicon);
  if (coursesOnly && !hits.some((h) => tableOf(h) === "course")) {
    return { ...finish(repliesVi.noRowsFor("khóa đào tạo đúng như bạn hỏi"), "vocational_training_options", data, []), notFound: true };
  }
  // The table the question's own words name ("đòi kinh nghiệm mấy năm" is an opening's requirement)
  // wins over the table of retrieval's best row, when it has rows among the hits.
  const named = (coursesOnly ? "course" : tableNamed(q, question.text)) ?? tableByColumns(q, lexicon);
  // "Lắp ráp điện tử có nhận con trai không": who is taken is an opening's or a course's, never
  // the demand table's.
  const takes = !named && containsPhrase(q.split(" "), lexicon.slots.tableWords.takesGroup);
  const first = (named && hits.find((h) => tableOf(h) === named)) || (takes && hits.find((h) => tableOf(h) !== "demand")) || hits[0]!;
  const table = tableOf(first);
  const found = hits.filter((h) => h.score >= first.score * ROW_HIT_SHARE).map((h) => key(h.file, h.row));

  // Does the message name what it asks about (a trade, a company, a school, a level), or ask for a list?
  const names = Boolean(qa && (ownSlot(qa, "trade") || ownSlot(qa, "school") || ownSlot(qa, "level") || qa.slots.company.length));
  // "Có chỗ nào nhận người 16 tuổi không" shares only generic words with any row: the whole table,
  // filtered. "Có chỗ nào tuyển người chăm sóc ông bà già không" is about the rows that match it.
  const asksList = !names && !ownWords(question, lexicon) && (!qa || LIST_ACTS.has(qa.act) || LIST_WANTED.has(qa.wanted) || qa.act === "yes_no");
  const communes = communesAsked(question, lexicon);
  const communeKeys = communeKeysOf(communes);
  const age = ageStated(question.asked ?? question.folded);
  const today = localIsoDate(question.now);
  const noExperience = qa?.slots.condition.some((c) => c.id === "no_experience") ?? false;

  // Rows found by the question's words must share one of its own words in what they say about the
  // work, not only a place ("thợ sơn nhà" is not every opening in Kim Sơn): none left, none found.
  const ownWithColumns = residualWords(question, lexicon).filter((w) => !question.everydayWords?.has(w));
  // When the message names a row by its label ("thợ điện dân dụng yêu cầu gì"), words naming a column
  // ("yêu cầu", "liên hệ thầy nào") say what is asked of it, not which rows: they need not be in them.
  const columnWords = columnVocabulary(lexicon);
  const ownFor = (labels: string[]) => (!asksList && matchTradeWords(cueText(question.asked ?? q), labels) ? ownWithColumns.filter((w) => !columnWords.has(w)) : ownWithColumns);
  if (table === "job") {
    const own = ownFor(found.flatMap((k) => jobs.get(k)?.position ?? []));
    const namesWork = (text: string) => !own.length || foldedWords(text).some((w) => own.includes(w));
    const foundRows = found.map((k) => jobs.get(k)).filter((r): r is JobOpening => r !== undefined);
    // "Nhân viên giao hàng phải có xe máy không": a position the message names whole narrows the rows
    // found to it, whatever else the message says ("thợ tiện ở khu kinh tế …": a place, not the work).
    // (A company's name says its work without the place in it: "thợ sơn nước" is no "Sửa xe … Tập Sơn".)
    const worded = foundRows.filter((r) => namesWork(`${r.position} ${withoutPlaceWords(r.company, lexicon)} ${r.requirements}`));
    const namedPosition = asksList ? undefined : matchTradeWords(cueText(question.asked ?? q), foundRows.filter((r) => worded.includes(r) || wholeLabelIn(r.position, question.asked ?? q)).map((r) => r.position));
    let rows = asksList ? newestFirst(data.jobs, data) : namedPosition ? foundRows.filter((r) => sameTrade(r.position, namedPosition, lexicon)) : worded;
    if (!asksList && !rows.length) return { ...finish(repliesVi.noRowsFor("chỗ tuyển đúng như bạn hỏi"), "labour_market_jobs", data, []), notFound: true };
    // "Thợ tiện ở Đại An còn nộp được không": the position named is in the list, closed. Its rows,
    // said to be closed, answer what was asked of it rather than "none" (as jobsAnswer does).
    const inPlace = rows.filter((j) => inCommune(j.workplace, communeKeys));
    const closedNamed = namedPosition ? newestFirst(inPlace.filter((j) => j.deadline !== null && j.deadline < today), data) : [];
    rows = inPlace.filter((j) => !j.deadline || j.deadline >= today);
    const closedLabel = rows.length ? closedOfNamedLabel(question.asked ?? q, inPlace, rows, today, data) : undefined;
    if (!rows.length && closedNamed.length) {
      const answer = finish(closedRowsText(namedPosition!, closedNamed), "labour_market_jobs", data, closedNamed.slice(0, MAX_ITEMS));
      return asksOfRows(question, lexicon) ? answer : { ...answer, notFound: true };
    }
    if (noExperience) rows = rows.filter(takesWithoutExperience(lexicon));
    const { fit, excluded } = byAge(rows, age, (j) => j.requirements);
    // Rows that state an age range including the asker's come before rows that state none.
    if (age !== undefined) fit.sort((a, b) => Number(statesAge(b.requirements)) - Number(statesAge(a.requirements)));
    const note = excludedNote(age, excluded.map((j) => `${jobName(j)} (${j.requirements})`));
    if (!fit.length) {
      const what = [age !== undefined ? `nhận người ${age} tuổi` : "", communeKeys.length ? "ở khu vực bạn hỏi" : "", noExperience ? "không cần kinh nghiệm" : ""].filter(Boolean).join(", ");
      return { ...finish(`${repliesVi.noRowsFor(`chỗ tuyển còn hạn${what ? ` ${what}` : ""}`)}${note ? `\n${note}` : ""}`, "labour_market_jobs", data, []), notFound: true };
    }
    const listed = rowsForAge(fit, age, (j) => j.requirements, jobLine);
    const more = moreRows(fit, jobName, "chỗ tuyển");
    const lead = asksList ? `Các chỗ tuyển còn hạn${communeKeys.length ? " ở khu vực bạn hỏi" : ""}${noExperience ? " không cần kinh nghiệm" : ""}:` : "Chỗ tuyển trong dữ liệu của cơ quan lao động:";
    if (closedLabel && !asksList) return finish(`${closedThenOpen(closedLabel, `${listed.text}${more}`)}${note ? `\n${note}` : ""}`, "labour_market_jobs", data, [...closedLabel.rows.slice(0, MAX_ITEMS), ...listed.shown]);
    return finish(`${lead}\n${listed.text}${more}${note ? `\n${note}` : ""}`, "labour_market_jobs", data, [...listed.shown, ...fit.slice(MAX_ITEMS, MAX_ITEMS + MORE_NAMED)]);
  }
  if (table === "course") {
    const own = ownFor(found.flatMap((k) => courses.get(k)?.trade ?? []));
    const namesWork = (text: string) => !own.length || foldedWords(text).some((w) => own.includes(w));
    let rows = asksList ? data.courses : found.map((k) => courses.get(k)).filter((r): r is TrainingCourse => r !== undefined && namesWork(`${r.trade} ${r.institution} ${r.level} ${r.audience} ${r.support}`));
    if (!asksList && !rows.length) return { ...finish(repliesVi.noRowsFor("khóa đào tạo đúng như bạn hỏi"), "vocational_training_options", data, []), notFound: true };
    rows = rows.filter((c) => inCommune(`${c.location} ${c.institution}`, communeKeys));
    const month = requestedMonth(question.asked ?? question.folded, question.now) ?? requestedMonth(question.folded, question.now);
    if (month) rows = rows.filter((c) => c.startDate?.startsWith(month));
    const { fit, excluded } = byAge(rows, age, (c) => c.audience);
    const note = excludedNote(age, excluded.map((c) => `${c.trade} tại ${c.institution} (${c.audience})`));
    if (age !== undefined) fit.sort((a, b) => Number(statesAge(b.audience)) - Number(statesAge(a.audience)));
    if (!fit.length) {
      const what = [age !== undefined ? `nhận người ${age} tuổi` : "", communeKeys.length ? "ở khu vực bạn hỏi" : "", month ? `khai giảng tháng ${formatDateVi(month)}` : ""].filter(Boolean).join(", ");
      return { ...finish(`${repliesVi.noRowsFor(`khóa đào tạo${what ? ` ${what}` : ""}`)}${note ? `\n${note}` : ""}`, "vocational_training_options", data, []), notFound: true };
    }
    fit.sort((a, b) => (a.startDate ?? "9999").localeCompare(b.startDate ?? "9999"));
    const listed = rowsForAge(fit, age, (c) => c.audience, courseLine);
    const more = moreRows(fit, courseName, "khóa");
    return finish(`Các khóa đào tạo trong dữ liệu của cơ quan lao động:\n${listed.text}${more}${note ? `\n${note}` : ""}`, "vocational_training_options", data, [...listed.shown, ...fit.slice(MAX_ITEMS, MAX_ITEMS + MORE_NAMED)]);
  }
  let rows = (asksList ? data.demand : found.map((k) => demand.get(k)).filter((r): r is LabourDemand => r !== undefined)).slice();
  // The trade and the year the message names narrow the rows found ("ghi chú dòng chế biến thủy
  // sản năm 2026"), when some row has them: the others only share words with it.
  const namedTrade = tradeOf(question, rows.map((d) => d.trade), lexicon);
  if (namedTrade) rows = rows.filter((d) => sameTrade(d.trade, namedTrade, lexicon));
  const namedYear = qa?.slots.year ?? yearSaid(question.asked ?? q, question.now);
  if (namedYear !== undefined && rows.some((d) => d.year === namedYear)) rows = rows.filter((d) => d.year === namedYear);
  if (!rows.length) return undefined;
  rows.sort((a, b) => b.year - a.year || b.demand - a.demand);
  const lines = rows.slice(0, MAX_ITEMS).map((d) => `- ${demandLine(d)}`);
  return finish(`Theo số liệu nhu cầu lao động:\n${lines.join("\n")}`, "labour_market_jobs", data, rows.slice(0, MAX_ITEMS));
}

/**
 * The message's informative words that are not generic row words (knowledge/slots.yaml
 * `entities.generic_row`), numbers, or commune names: what it names of its own.
 */
function residualWords(question: LabourQuestion, lexicon: Lexicon): string[] {
  const generic = genericRowWords(lexicon);
  const communeWords = communeWordsOf(findCommunes(lexicon, question.text));
  const words = (question.asked ?? question.folded).split(" ").filter(Boolean);
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const two = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : "";
    if (two && generic.has(two)) {
      i++;
      continue;
    }
    const w = words[i]!;
    if (generic.has(w) || /^\d+$/.test(w) || communeWords.has(w) || !isInformative(w)) continue;
    rest.push(w);
  }
  return rest;
}

/** Longest message checked for an attribute the rows lack (longer ones tell a story around the question). */
const ATTRIBUTE_MAX_WORDS = 12;

/**
 * What a short question asks of the rows shown that none of them says: its own words found in no
 * column of those rows, in no other row, in no column name and in no question of the question bank
 * ("có xe đưa rước công nhân không", "có bao cơm trưa không"). Empty when the rows may cover it.
 * The rows' names come with it, for the reply.
 */
export function unsaidInRows(question: LabourQuestion, data: LabourData, lexicon: Lexicon, rowKeys: string[]): { words: string[]; names: string[] } {
  const asked = (question.asked ?? question.folded).split(" ").filter(Boolean);
  if (asked.length > ATTRIBUTE_MAX_WORDS) return { words: [], names: [] };
  const index = rowsByKey(data);
  const lines: string[] = [];
  const names: string[] = [];
  for (const key of rowKeys) {
    const job = index.jobs.get(key);
    const course = index.courses.get(key);
    if (job) {
      lines.push(jobLine(job));
      names.push(`${job.position} tại ${job.company}`);
    } else if (course) {
      lines.push(courseLine(course));
      names.push(`${course.trade} tại ${course.institution}`);
    }
  }
  if (!lines.length) return { words: [], names: [] };
  const said = new Set(lines.flatMap((l) => foldedWords(l)));
  const columnWords = columnVocabulary(lexicon);
  const anyRow = allRowsVocabulary(data);
  const slotWords = new Set(findSlots(lexicon, asked).flatMap((m) => m.entry.phrases.flat()));
  const words = residualWords(question, lexicon).filter(
    (w) => w.length >= 3 && !said.has(w) && !columnWords.has(w) && !slotWords.has(w) && !anyRow.has(w) && !question.commonWords?.has(w) && !question.everydayWords?.has(w),
  );
  return { words, names: [...new Set(names)].slice(0, 3) };
}

/** What the rows shown hold of what the message asks (`rowFit`). */
export interface RowFit {
  /** `unstated` labels the message asks that none of the rows states ("bảo hiểm", "chỗ ở"). */
  unsaid: string[];
  /** Columns the message names, all empty in every row shown ("Học phí", "Số lượng"). */
  emptyColumns: string[];
  /** Whether the message names a column some row shown does fill. */
  namesHeldColumn: boolean;
  /** The rows' names, for the reply. */
  names: string[];
}

/**
 * Scores the rows shown by what the message asks of them: the columns it names (`row_columns`) and
 * the things no column holds (`unstated`: insurance, lodging, shift hours, a certificate, a street
 * address, a phone number…). Rows of the right trade are no answer to "có đóng bảo hiểm không" or
 * to "học phí bao nhiêu" when their fee cell is empty.
 */
export function rowFit(question: LabourQuestion, data: LabourData, lexicon: Lexicon, rowKeys: string[]): RowFit {
  const asked = (question.asked ?? question.folded).split(" ").filter(Boolean);
  const { jobs, courses, demand } = rowsShown(data, rowKeys);
  const table = jobs.length ? "job" : courses.length ? "course" : demand.length ? "demand" : undefined;
  const none: RowFit = { unsaid: [], emptyColumns: [], namesHeldColumn: false, names: [] };
  if (!table) return none;
  const names = [...new Set([...jobs.map((j) => `${j.position} tại ${j.company}`), ...courses.map((c) => `${c.trade} tại ${c.institution}`), ...demand.map((d) => `ngành ${d.trade}`)])].slice(0, 3);
  const lines = [...jobs.map(jobLine), ...courses.map(courseLine), ...demand.map((d) => `${d.trade} ${d.year} ${d.note ?? ""}`)];
  // A sum asked of a thing the rows name without one ("ký túc xá bao nhiêu tiền" of "có ký túc
  // xá") is as unsaid as the thing itself, and the money words ask no fee or wage column then.
  const sums = unstatedSumAsked(asked, lines.join(" | "), lexicon);
  const unstated = unstatedAsked(asked, lines.join(" | "), lexicon);
  const unsaid = [...unstated, ...sums.map(repliesVi.sumOf)];
  // So is a column asked of a thing outside the rows: "vay vốn ở đâu" asks where the loan is given,
  // "khóa sau khai giảng khi nào" the start of a course no row lists.
  if (sums.length || unstated.some((label) => lexicon.slots.unstatedOutsideRows.has(label))) return { unsaid, emptyColumns: [], namesHeldColumn: false, names };
  const named = columnsNamed(asked, table, lexicon);
  // When the message asks what no row says, a column counts as asked only in words that are not
  // the unsaid thing itself ("địa chỉ cụ thể" is the street, not the commune column) and not the
  // name of the trade, the rows or their organisation ("thợ hàn" is no "hạn nộp", "Cao đẳng Kỹ
  // thuật" no "đăng ký"): those only say which rows.
  const askedOfRows = unsaid.length ? columnsNamed(asked, table, lexicon, namingSpans(asked, lexicon, [...jobs.flatMap((j) => [j.position, j.company]), ...courses.flatMap((c) => [c.trade, c.institution]), ...demand.map((d) => d.trade)])) : named;
  const cell = (column: string) =>
    table === "job" ? jobs.map((j) => jobCell(j, column)) : table === "course" ? courses.map((c) => courseCell(c, column)) : demand.map((d) => (column === "avgWage" ? d.avgWage?.text || undefined : String(d.demand)));
  const filled = named.filter((c) => cell(c).some((v) => v !== undefined && v !== ""));
  const emptyColumns = named.length && !filled.length ? named.map((c) => (columnNamesVi[c] ?? c).toLowerCase()) : [];
  return { unsaid, emptyColumns, namesHeldColumn: askedOfRows.some((c) => filled.includes(c)), names };
}

/**
 * The positions of the message's words that name something: the unstated things it asks
 * (`unstated` phrases), the trades it names (slot phrases of kind trade) and the rows' own names.
 */
function namingSpans(words: string[], lexicon: Lexicon, rowNames: string[]): Set<number> {
  const covered = new Set<number>();
  const cover = (start: number, end: number) => {
    for (let k = start; k < end; k++) covered.add(k);
  };
  const phrases = [...[...lexicon.slots.unstated.values()].flat(), ...rowNames.map((n) => foldedWords(n))];
  for (const phrase of phrases) {
    if (!phrase.length) continue;
    for (let i = 0; i + phrase.length <= words.length; i++) if (phrase.every((p, k) => words[i + k] === p)) cover(i, i + phrase.length);
  }
  for (const m of findSlots(lexicon, words)) if (m.entry.kind === "trade") cover(m.start, m.end);
  return covered;
}

const allRowsCache = new WeakMap<LabourData, Set<string>>();

/** Every word of every row of the job and course tables, folded. */
function allRowsVocabulary(data: LabourData): Set<string> {
  let words = allRowsCache.get(data);
  if (!words) {
    words = new Set([...data.jobs.map(jobLine), ...data.courses.map(courseLine)].flatMap((l) => foldedWords(l)));
    allRowsCache.set(data, words);
  }
  return words;
}

const columnVocabularyCache = new WeakMap<Lexicon, Set<string>>();

/** Every word that names a column of a table (`row_columns` in knowledge/slots.yaml). */
function columnVocabulary(lexicon: Lexicon): Set<string> {
  let words = columnVocabularyCache.get(lexicon);
  if (!words) {
    words = new Set([...lexicon.slots.rowColumns.values()].flatMap((columns) => [...columns.values()].flat(2)));
    columnVocabularyCache.set(lexicon, words);
  }
  return words;
}

function ownWords(question: LabourQuestion, lexicon: Lexicon): boolean {
  return residualWords(question, lexicon).length > 0;
}

const vocabularyCache = new WeakMap<LabourData, Set<string>>();

/**
 * Every word the job rows use for the work itself (positions, companies, requirements), folded.
 * Not the places: "thợ sơn" is not an opening in Kim Sơn (a place the question names is read apart).
 */
function rowVocabulary(data: LabourData): Set<string> {
  let words = vocabularyCache.get(data);
  if (!words) {
    words = new Set(data.jobs.flatMap((j) => foldedWords(`${j.position} ${j.company} ${j.requirements}`)));
    vocabularyCache.set(data, words);
  }
  return words;
}

const genericCache = new WeakMap<Lexicon, Set<string>>();

function genericRowWords(lexicon: Lexicon): Set<string> {
  let set = genericCache.get(lexicon);
  if (!set) genericCache.set(lexicon, (set = new Set((lexicon.slots.entities.get("generic_row") ?? []).map((w) => foldedKey(w)))));
  return set;
}

/**
 * Rows listed for an asker's age: those whose limits name an age range including it, then those
 * that name no age ("không ghi giới hạn tuổi"), said apart so no row is claimed to take the asker.
 */
function rowsForAge<T>(rows: T[], age: number | undefined, limits: (row: T) => string, line: (row: T) => string): { text: string; shown: T[] } {
  const shown = rows.slice(0, MAX_ITEMS);
  if (age === undefined) return { text: shown.map((r) => `- ${line(r)}`).join("\n"), shown };
  const stated = shown.filter((r) => statesAge(limits(r)));
  const unstated = shown.filter((r) => !statesAge(limits(r)));
  const parts: string[] = [];
  if (stated.length) parts.push(`${repliesVi.rowsTakeAge(age)}\n${stated.map((r) => `- ${line(r)}`).join("\n")}`);
  if (unstated.length) parts.push(`${repliesVi.rowsNoAgeLimit}\n${unstated.map((r) => `- ${line(r)}`).join("\n")}`);
  return { text: parts.join("\n"), shown };
}

function statesAge(text: string): boolean {
  return ageLimits(text) !== undefined;
}

function ownSlot(qa: QuestionAnalysis, kind: "trade" | "school" | "level"): boolean {
  return qa.slots[kind].length > 0 && !qa.carried.includes(kind);
}

// === follow-ups on the rows just shown ===

/** The column a wanted value reads, per table, when no word names one. */
const COLUMN_BY_WANTED: Record<"job" | "course" | "demand", Partial<Record<string, string>>> = {
  job: { amount: "wage", date: "deadline", eligibility: "requirements", contact: "contact", where: "workplace", count: "quantity", how_to_apply: "contact" },
  course: { amount: "fee", date: "startDate", duration: "duration", eligibility: "audience", where: "location", contact: "contact", how_to_apply: "contact" },
  demand: { amount: "avgWage", count: "demand" },
};

/**
 * The columns the message names (knowledge/slots.yaml `row_columns`), in the order it names them;
 * longest phrase first where phrases overlap ("học phí" is the fee, not "học"). `inside`: positions
 * whose words name something else; a column phrase wholly inside them is not asked.
 */
function columnsNamed(words: string[], table: "job" | "course" | "demand", lexicon: Lexicon, inside?: Set<number>): string[] {
  const columns = lexicon.slots.rowColumns.get(table);
  if (!columns) return [];
  const found: { column: string; at: number; length: number }[] = [];
  for (const [column, phrases] of columns) {
    for (const phrase of phrases) {
      for (let i = 0; i + phrase.length <= words.length; i++) {
        // "Chưa làm bao giờ" is "never done it": after "chưa", "bao giờ" asks no time.
        if (phrase.length === 2 && phrase[0] === "bao" && phrase[1] === "gio" && words.slice(Math.max(0, i - 3), i).includes("chua")) continue;
        if (phrase.every((p, k) => words[i + k] === p) && !(inside && phrase.every((_, k) => inside.has(i + k)))) found.push({ column, at: i, length: phrase.length });
      }
    }
  }
  // A phrase holding a shorter one of its own column says no more of which column, and its other
  // words may name another: "học mấy năm, ở đâu" is the length and the place, though "năm ở đâu"
  // folds like "nằm ở đâu".
  const within = (inner: (typeof found)[number], outer: (typeof found)[number]) => inner.length < outer.length && inner.at >= outer.at && inner.at + inner.length <= outer.at + outer.length;
  const kept = found.filter((f) => !found.some((g) => g.column === f.column && within(g, f)));
  kept.sort((a, b) => b.length - a.length || a.at - b.at);
  const taken = new Set<number>();
  const chosen: { column: string; at: number }[] = [];
  for (const f of kept) {
    const span = Array.from({ length: f.length }, (_, k) => f.at + k);
    if (span.some((i) => taken.has(i))) continue;
    span.forEach((i) => taken.add(i));
    if (!chosen.some((c) => c.column === f.column)) chosen.push({ column: f.column, at: f.at });
  }
  return chosen.sort((a, b) => a.at - b.at).map((c) => c.column);
}

/** An opening's cell as a reply writes it; with `today`, a deadline already passed says so ("còn nộp được không"). */
function jobCell(j: JobOpening, column: string, today?: string): string | undefined {
  switch (column) {
    case "wage":
      return wageText(j);
    case "requirements":
      return j.requirements || undefined;
    case "deadline":
      if (j.deadline) return `${formatDateVi(j.deadline)}${today && j.deadline < today ? repliesVi.deadlinePassed : ""}`;
      return j.deadlineNote ?? (j.unclear?.includes("deadline") ? UNCLEAR_CELL : undefined);
    case "contact":
      return j.contact || undefined;
    case "workplace":
      return j.workplace || undefined;
    case "quantity":
      return j.quantity !== null ? `${j.quantity} người` : undefined;
    default:
      return undefined;
  }
}

function courseCell(c: TrainingCourse, column: string): string | undefined {
  switch (column) {
    case "fee":
      return c.fee?.text;
    case "support":
      return c.support || undefined;
    case "startDate":
      return c.startDate ? startText(c.startDate) : c.startNote;
    case "duration":
      return c.duration || undefined;
    case "audience":
      return c.audience || undefined;
    case "location":
      return [c.institution, c.location].filter(Boolean).join(", ") || undefined;
    case "contact":
      return c.contact || undefined;
    default:
      return undefined;
  }
}

/** What a course is ranked by for a measure: its start, its fee (free counts as 0), its length in months. */
function courseRankKey(c: TrainingCourse, measure: QuestionAnalysis["wanted"] | undefined): number | undefined {
  if (measure === "date") return c.startDate ? Date.parse(c.startDate.length === 7 ? `${c.startDate}-01` : c.startDate) : undefined;
  if (measure === "amount") return c.fee?.free ? 0 : (c.fee?.value ?? (c.fee ? feePerPeriod(c.fee) : undefined));
  return measure === "duration" ? monthsOf(c.duration) : undefined;
}

/** The text columns a pair of the message's words may name by their content. */
const CONTENT_COLUMNS = { job: ["requirements", "workplace"], course: ["support", "audience", "location"] } as const;

/**
 * The text columns of the rows shown in which a pair of the message's informative words stands, in
 * that order ("đồ thực hành" → the support cell "Được cấp nguyên liệu thực hành"). Pairs of column
 * words ("học phí", "hạn nộp") are the columns' names, read by `columnsNamed`, not content.
 */
function columnsHolding(words: string[], table: "job" | "course", shown: { jobs: JobOpening[]; courses: TrainingCourse[] }, lexicon: Lexicon): string[] {
  const columnWords = columnVocabulary(lexicon);
  const pairs: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i]!;
    const b = words[i + 1]!;
    // A pair counts as the index counts it (`isInformative` of "a_b"): not two stop words ("thì
    // sao"), though one may be ("máy ảnh", "chứng chỉ": "ảnh", "chỉ" fold like pronouns).
    if (isInformative(`${a}_${b}`) && !(columnWords.has(a) && columnWords.has(b))) pairs.push(` ${a} ${b} `);
  }
  if (!pairs.length) return [];
  const cells = (column: string) => (table === "job" ? shown.jobs.map((j) => jobCell(j, column)) : shown.courses.map((c) => courseCell(c, column)));
  return CONTENT_COLUMNS[table].filter((column) => cells(column).some((cell) => cell !== undefined && pairs.some((p) => ` ${foldedWords(cell).join(" ")} `.includes(p))));
}

/** Periods a course fee may be counted per. */
const FEE_PERIODS = new Set(["năm", "học kỳ", "kỳ"]);

/**
 * A fee counted per year or term ("9.500.000/năm"), ranked by the amount written: what one period
 * costs, the least the course costs (its length may not be all paid the same). Undefined for
 * periods a course is not paid by.
 */
function feePerPeriod(fee: Money): number | undefined {
  return fee.per && FEE_PERIODS.has(fee.per) ? amountPerPeriod(fee) : undefined;
}

/** The course column read beside one asked alone (`followUpOnRows`). */
const COURSE_COMPANIONS: Partial<Record<string, string>> = { fee: "support", support: "fee", duration: "startDate", startDate: "duration" };

/**
 * "Cái nào lương cao nhất?", "vị trí nào trong đó tuyển nhiều nhất?" after a list: the rows the
 * list showed, ranked by what the message grades (the earlier question's filters stay: a commune, a
 * trade). After a ranking, "thấp nhất thì sao?" ranks the table again the other way: `null`, for
 * the table query. Undefined when the message ranks nothing.
 */
function rankShownRows(question: LabourQuestion, data: LabourData, table: "job" | "course" | "demand", keys: string[], lexicon: Lexicon): LabourAnswer | null | undefined {
  const ownText = question.asked ?? question.folded;
  const own = cueText(ownText).split(" ");
  const nhat = gradedAt(own, true);
  if (nhat < 0) return undefined;
  // "Nghề nào cần nhiều người hơn" compares trades by their need: the demand table's, not the places
  // of the openings shown.
  if (own[nhat] === "hon" && own.includes("can")) return undefined;
  // The earlier question's words: the combined text without this message's own.
  const prior = question.asked && question.asked !== question.folded ? question.folded.split(question.asked).join(" ") : "";
  if (gradedAt(cueText(prior).split(" ")) >= 0) return null;
  const grade = own[nhat - 1] === "nguoi" ? own[nhat - 2]! : own[nhat - 1]!;
  const lowest = LOWEST.has(grade);
  const latest = LATEST.has(grade);
  // What is ranked: a measure the message names, the one its grade implies ("đông", "nhiều" with
  // nothing else: people), else the earlier question's.
  const kinds = lexicon.slots.tableWords.courseKinds;
  const measure = measureOf(own, kinds) ?? GRADED_MEASURE[grade] ?? (COUNTING_GRADES.has(grade) ? "count" : undefined) ?? measureOf(cueText(question.folded).split(" "), kinds) ?? question.analysis?.wanted;
  const shown = rowsShown(data, keys);
  const order = (a: number, b: number) => (measure === "date" || measure === "duration" ? (latest ? b - a : a - b) : lowest ? a - b : b - a);
  const top = <T>(rows: T[], key: (row: T) => number | null | undefined) =>
    rows.filter((r) => typeof key(r) === "number").sort((a, b) => order(key(a)!, key(b)!)).slice(0, 3);
  const gradeWord = measure === "date" ? `${latest ? "muộn" : "sớm"} nhất` : `${lowest ? "thấp" : "cao"} nhất`;
  if (table === "job") {
    const key = (j: JobOpening) => (measure === "amount" ? wageRankedBy(j, lowest) : measure === "date" ? (j.deadline ? Date.parse(j.deadline) : undefined) : measure === "count" ? j.quantity : undefined);
    const rows = top(shown.jobs, key);
    if (!rows.length) return undefined;
    const what = measure === "amount" ? `lương ${gradeWord}` : measure === "date" ? `hạn nộp ${gradeWord}` : `tuyển ${lowest ? "ít" : "nhiều"} người nhất`;
    return finish(`Trong các chỗ tuyển vừa nêu, ${what}:\n${rows.map((j) => `- ${jobLine(j)}`).join("\n")}`, "labour_market_jobs", data, rows);
  }
  if (table === "course") {
    const rows = top(shown.courses, (c) => courseRankKey(c, measure));
    if (!rows.length) return undefined;
    const what = measure === "amount" ? `học phí ${gradeWord}` : measure === "date" ? `khai giảng ${gradeWord}` : `học ${latest ? "lâu" : "ngắn"} nhất`;
    return finish(`Trong các khóa vừa nêu, ${what}:\n${rows.map((c) => `- ${courseLine(c)}`).join("\n")}`, "vocational_training_options", data, rows);
  }
  const key = (d: LabourDemand) => (measure === "amount" ? d.avgWage?.value : measure === "count" ? d.demand : undefined);
  const rows = top(shown.demand, key);
  if (!rows.length) return undefined;
  const what = measure === "amount" ? `lương bình quân ${gradeWord}` : `cần ${lowest ? "ít" : "nhiều"} người nhất`;
  return finish(`Trong các ngành vừa nêu, ${what}:\n${rows.map((d) => `- ${demandLine(d)}`).join("\n")}`, "labour_market_jobs", data, rows);
}

/**
 * A follow-up about the rows the previous reply showed: "hạn nộp khi nào?", "có được hỗ trợ gì
 * không?", "lương bình quân bao nhiêu?" read that column of those rows; "ở Tập Sơn có không?",
 * "con tôi 15 tuổi thì sao?" filter the same table again by the new commune or age. A message
 * naming a trade, company or school of its own is a new question (undefined).
 */
/**
 * "Còn lớp nào khác ở Tập Sơn không", "ngoài chỗ đó còn chỗ nào trả theo ngày nữa", "bên đó còn vị
 * trí nào khác": after rows were shown, the same table's open rows other than those, in the commune,
 * group and words this message names. The earlier trade is not kept (another is asked for); the
 * earlier company is, when the message points back at it ("bên đó"). Undefined when the message
 * asks for no other rows.
 */
function otherRows(question: LabourQuestion, data: LabourData, lexicon: Lexicon): LabourAnswer | undefined {
  const qa = question.analysis;
  const table = question.previousLabour;
  const shownKeys = new Set(question.previousRows ?? []);
  if (!qa?.followUp || !shownKeys.size || (table !== "job" && table !== "course")) return undefined;
  const own = (question.asked ?? question.folded).split(" ").filter(Boolean);
  const tableWords = lexicon.slots.tableWords;
  if (!containsPhrase(own, tableWords.others) || !containsPhrase(own, tableWords.whichRows.concat(tableWords.rowNouns))) return undefined;
  // A trade of its own ("còn lớp hàn nào khác") is a new question, answered as one.
  if (ownSlot(qa, "trade")) return undefined;
  const today = localIsoDate(question.now);
  const ownText = own.join(" ");
  const communesNamed = findCommunes(lexicon, withoutBareDistrict(ownText));
  const communeKeys = communeKeysOf(communesNamed);
  const audience = qa.slots.audience.length && !qa.carried.includes("audience") ? qa.slots.audience.map((a) => a.id) : [];
  const namesGroup = (text: string) => !audience.length || findSlots(lexicon, foldedWords(text)).some((m) => m.entry.kind === "audience" && audience.includes(m.entry.id));
  // The message's own words that name what the rows must say ("trả tiền theo ngày"): not words of
  // asking, places, groups, columns, or the words of "other" themselves.
  const skip = new Set([...findSlots(lexicon, own).flatMap((m) => m.entry.phrases.flat()), ...[...tableWords.others, ...tableWords.rowNouns, ...tableWords.whichRows].flat(), ...columnVocabulary(lexicon)]);
  const communeWords = communeWordsOf(communesNamed);
  const wanted = own.filter((w) => isInformative(w) && !question.everydayWords?.has(w) && !skip.has(w) && !communeWords.has(w) && !/^\d+$/.test(w));
  const says = (line: string) => {
    const words = new Set(foldedWords(line));
    return wanted.every((w) => words.has(w));
  };
  const keyOf = (r: { file: string; row: number }) => `${r.file}#${r.row}`;
  if (table === "job") {
    const shown = data.jobs.filter((j) => shownKeys.has(keyOf(j)));
    const company = qa.companyCarried && containsPhrase(own, lexicon.slots.backReferences) ? new Set(shown.map((j) => j.company)) : undefined;
    const rows = newestFirst(
      data.jobs.filter((j) => !shownKeys.has(keyOf(j)) && (!j.deadline || j.deadline >= today) && inCommune(j.workplace, communeKeys) && (!company || company.has(j.company)) && namesGroup(`${j.position}; ${j.requirements}`) && says(jobLine(j))),
      data,
    );
    if (!rows.length) return { ...finish(repliesVi.noOtherRows("chỗ tuyển"), "labour_market_jobs", data, []), notFound: true };
    return finish(`${repliesVi.otherRows("chỗ tuyển")}\n${rows.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`).join("\n")}${moreRows(rows, jobName, "chỗ tuyển")}`, "labour_market_jobs", data, rows.slice(0, MAX_ITEMS + MORE_NAMED));
  }
  const rows = data.courses.filter((c) => !shownKeys.has(keyOf(c)) && inCommune(`${c.location} ${c.institution}`, communeKeys) && namesGroup(`${c.trade}; ${c.audience}; ${c.support}`) && says(courseLine(c)));
  if (!rows.length) return { ...finish(repliesVi.noOtherRows("khóa đào tạo"), "vocational_training_options", data, []), notFound: true };
  return finish(`${repliesVi.otherRows("khóa đào tạo")}\n${rows.slice(0, MAX_ITEMS).map((c) => `- ${courseLine(c)}`).join("\n")}${moreRows(rows, courseName, "khóa")}`, "vocational_training_options", data, rows.slice(0, MAX_ITEMS + MORE_NAMED));
}

/**
 * "Đó là việc gì", "chỗ đó sao": a follow-up that points back at the rows the previous reply showed
 * and asks no column of them is answered by those rows, in full. (Read against the documents, the
 * earlier question's words, "hết hạn", "tuyển", would pick a passage about something else.)
 * Undefined when no rows were shown or they are gone from the data.
 */
export function rowsShownAgain(question: LabourQuestion, data: LabourData): LabourAnswer | undefined {
  const table = question.previousLabour;
  const keys = question.previousRows;
  if (!table || !keys?.length) return undefined;
  const shown = rowsShown(data, keys);
  const [rows, lines, what, topic]: [Array<JobOpening | TrainingCourse | LabourDemand>, string[], string, Topic] =
    table === "job"
      ? [shown.jobs, shown.jobs.map(jobLine), "chỗ tuyển", "labour_market_jobs"]
      : table === "course"
        ? [shown.courses, shown.courses.map(courseLine), "khóa đào tạo", "vocational_training_options"]
        : [shown.demand, shown.demand.map(demandLine), "ngành", "labour_market_jobs"];
  if (!rows.length) return undefined;
  return finish(`${repliesVi.rowsShownAgain(what)}\n${lines.map((line) => `- ${line}`).join("\n")}`, topic, data, rows);
}

/** "Bao nhiêu công ty", "mấy cơ sở đào tạo": which organisations a number is asked of, if any. */
function organisationsCounted(words: string[], lexicon: Lexicon): "company" | "institution" | undefined {
  const { companies, institutions } = lexicon.slots.tableWords;
  for (let i = 1; i < words.length; i++) {
    const after = nounAfterNumberWord(words, i);
    if (after < 0) continue;
    if (phraseAt(words, after, companies)) return "company";
    if (phraseAt(words, after, institutions)) return "institution";
  }
  return undefined;
}

/** "Mấy chỗ", "bao nhiêu lớp": a number asked of a noun that names the rows themselves. */
function countsRows(words: string[], lexicon: Lexicon): boolean {
  // "Trong mấy chỗ đó chỗ nào…" picks or ranks rows; it counts nothing.
  if (words.includes("nao") || words.includes("nhat")) return false;
  const nouns = lexicon.slots.tableWords.rowNouns;
  return words.some((_, i) => {
    const after = nounAfterNumberWord(words, i);
    // "mấy chỗ (còn hạn) đó" points back at the rows.
    return after > 0 && phraseAt(words, after, nouns) && !words.slice(after + 1, after + 4).some((x) => ["do", "nay", "kia"].includes(x));
  });
}

/** Conditions that ask for a wage written per a period (knowledge/slots.yaml), and that period. */
const PAID_PER: Partial<Record<string, string>> = { paid_by_day: "ngày", paid_by_hour: "giờ" };

/**
 * Whether a follow-up's own telling words (not the table's generic words nor a column's) are all in
 * the names of rows of the table that were not shown, and not all in the name of any row shown:
 * "ca đêm" after the day shift's opening names the night shift's.
 */
function namesOtherRows(ownText: string, written: string | undefined, table: "job" | "course" | "demand", data: LabourData, keys: string[], lexicon: Lexicon): boolean {
  if (table === "demand") return false;
  const telling = ownTellingWords(ownText, lexicon);
  if (!telling.length) return false;
  const shownKeys = new Set(keys);
  // (An opening is named by its position, or by its employer as typed with tones: "trại gà Thanh
  // Sơn" is the farm's, while "bao an" without them may be any "Bảo An" company, not "bao ăn".)
  const byEmployer = written !== undefined && hasDiacritics(written);
  const rows: Array<{ key: string; name: string }> =
    table === "job" ? data.jobs.flatMap((j) => (byEmployer ? [j.position, j.company] : [j.position]).map((name) => ({ key: `${j.file}#${j.row}`, name }))) : data.courses.map((c) => ({ key: `${c.file}#${c.row}`, name: c.trade }));
  const holds = (name: string) => labelHolds(name, telling, written);
  return rows.some((r) => !shownKeys.has(r.key) && holds(r.name)) && !rows.some((r) => shownKeys.has(r.key) && holds(r.name));
}

/**
 * Whether a row's label writes these words together, in this order; as the user wrote them when they
 * typed tones ("kiếm được" names no "Kiểm nghiệm"), else folded.
 */
function labelHolds(name: string, telling: string[], written: string | undefined): boolean {
  const forms = labelForms(name);
  if (written && hasDiacritics(written)) {
    const toned = words(written);
    const asWritten = telling.map((w) => toned.find((t) => foldWord(t) === w));
    if (asWritten.every(Boolean)) return forms.toned.includes(` ${asWritten.join(" ")} `);
  }
  return forms.folded.includes(` ${telling.join(" ")} `);
}

const labelFormsCache = new Map<string, { toned: string; folded: string }>();

/** A row label's words as written (lower case) and folded, padded with spaces; once per label (a follow-up reads every row's). */
function labelForms(name: string): { toned: string; folded: string } {
  let forms = labelFormsCache.get(name);
  if (!forms) {
    forms = { toned: ` ${words(name).join(" ")} `, folded: ` ${foldedKey(name)} ` };
    // Labels come from the spreadsheets: bounded, but a reindex may bring new ones.
    if (labelFormsCache.size > 20_000) labelFormsCache.clear();
    labelFormsCache.set(name, forms);
  }
  return forms;
}

/** A follow-up naming a year and little else ("qua 2027 thì sao") has at most this many words. */
const YEAR_ONLY_MAX_WORDS = 6;

function followUpOnRows(question: LabourQuestion, data: LabourData, lexicon: Lexicon): LabourAnswer | undefined {
  const qa = question.analysis;
  const table = question.previousLabour;
  const keys = question.previousRows;
  if (!qa?.followUp || !table || !keys?.length) return undefined;
  if (ownSlot(qa, "trade") || ownSlot(qa, "school") || (qa.slots.company.length && !qa.companyCarried && !qa.carried.includes("trade"))) return undefined;
  const ownText = question.asked ?? question.folded;
  // "Có bao nhiêu cơ sở đào tạo trong danh sách": the organisations of the whole table are counted.
  if (organisationsCounted(ownText.split(" "), lexicon) && !containsPhrase(ownText.split(" "), lexicon.slots.backReferences)) return undefined;
  // "Còn hạn chót tháng 1 năm sau" after November's openings names another month: a question over
  // the whole table again (with the earlier turn's other slots), unless every row shown falls in it.
  const ownMonth = requestedMonth(ownText, question.now);
  if (ownMonth && (table === "job" || table === "course")) {
    const index = rowsByKey(data);
    const dates = keys.map((k) => (table === "job" ? index.jobs.get(k)?.deadline : index.courses.get(k)?.startDate));
    if (!dates.every((d) => d?.startsWith(ownMonth))) return undefined;
  }
  const ranked = rankShownRows(question, data, table, keys, lexicon);
  if (ranked !== undefined) return ranked ?? undefined;
  // "Những khóa nào được miễn học phí" lists the whole table, unless it points back at these rows.
  // ("Khi nào", "thế nào" ask a time or a manner, not which row.)
  // ("Ở xã nào?", "ngày nào?" ask a column of these rows, "học giờ nào?", "ấp nào?" something no
  // column holds: a "nào" inside such a phrase asks no row.)
  const columnPhrases = [...(lexicon.slots.rowColumns.get(table)?.values() ?? []), ...lexicon.slots.unstated.values()].flat().filter((p) => p.includes("nao"));
  const outsideColumns = columnPhrases.reduce((text, p) => text.split(` ${p.join(" ")} `).join(" "), ` ${ownText} `);
  if (WHICH_RE.test(outsideColumns) && !containsPhrase(ownText.split(" "), lexicon.slots.backReferences)) return undefined;
  // "Còn khóa mộc thì sao?" names another row's trade: a new question, not one about these rows.
  // Each table alone: "nước mắm" names an opening, a course and a demand row, a tie across tables
  // that would name none.
  const tableNames = [data.jobs.map((j) => j.position), data.courses.map((c) => c.trade), data.demand.map((d) => d.trade)];
  if (tableNames.some((names) => matchTrade(cueText(question.tradeAsked ?? ownText), names, lexicon, question.everydayWords))) return undefined;
  // "Còn ca đêm thì sao?" after "lái xe nâng ca ngày": the message's own words name other rows of
  // this table, not the rows shown: a new question about those rows.
  if (namesOtherRows(ownText, question.ownText, table, data, keys, lexicon)) return undefined;
  // "Học phí sao?" after openings names another table's column: the course of that trade, not these
  // rows; "học nấu ăn ở đâu" after openings names the course table by its own words.
  const otherTable = tableByColumns(ownText, lexicon) ?? (table === "job" ? tableNamed(ownText, question.text) : undefined);
  if (otherTable && otherTable !== table) return undefined;
  // "Nghề đó đi làm lương sao" after courses asks the openings of that trade: another table.
  if (table === "course" && (CUE.wage.test(ownText) || tableNamed(ownText) === "job" || hiredAfter(ownText, lexicon))) return undefined;
  // "Có lớp dạy nghề này không" after a trade's demand figures asks the courses of that trade.
  if (table === "demand" && tableNamed(ownText, question.text) !== undefined) return undefined;
  // "Lương trung bình" after openings is the demand table's average wage for that trade.
  if (table === "job" && CUE.demand.test(ownText) && data.demand.length) return undefined;
  const words = ownText.split(" ").filter(Boolean);
  const shown = rowsShown(data, keys);
  const today = localIsoDate(question.now);

  // "Việc nào trong đó đã hết hạn nộp?": the rows shown whose deadline has passed, or none.
  if (table === "job" && PAST_DEADLINE_RE.test(ownText) && !words.includes("chua") && !words.includes("sap")) {
    const past = shown.jobs.filter((j) => j.deadline && j.deadline < today);
    if (!past.length) {
      // The list showed open rows only: the rows of the same place that have closed, if any.
      const earlier = communeKeysOf(findCommunes(lexicon, withoutBareDistrict(question.folded)));
      const closed = data.jobs.filter((j) => j.deadline && j.deadline < today && inCommune(j.workplace, earlier)).sort((a, b) => b.deadline!.localeCompare(a.deadline!));
      const none = repliesVi.noneOfShownPast(formatDateVi(today));
      if (!closed.length) return finish(none, "labour_market_jobs", data, shown.jobs);
      return finish(`${none} Những chỗ tuyển${earlier.length ? " cùng nơi" : ""} đã hết hạn nộp:\n${closed.slice(0, MAX_ITEMS).map((j) => `- ${jobLine(j)}`).join("\n")}`, "labour_market_jobs", data, closed.slice(0, MAX_ITEMS));
    }
    return finish(`Trong các chỗ tuyển vừa nêu, đã hết hạn nộp (tính đến ${formatDateVi(today)}):\n${past.map((j) => `- ${jobLine(j)}`).join("\n")}`, "labour_market_jobs", data, past);
  }

  // A new commune or age: the same table again, filtered.
  const communes = findCommunes(lexicon, withoutBareDistrict(ownText));
  const communeKeys = communeKeysOf(communes);
  const ownAge = ageStated(ownText);
  // The age stated earlier ("em 16 tuổi…") still holds when only a commune is added.
  const age = ownAge ?? qa.slots.age;
  const noExperience = qa.slots.condition.some((c) => c.id === "no_experience") && !qa.carried.includes("condition");
  if ((communeKeys.length || ownAge !== undefined || (noExperience && table === "job")) && table !== "demand") {
    // "Mấy chỗ đó có nhận 17 tuổi không", "chưa có kinh nghiệm thì sao": the rows just shown; a new
    // commune: the whole table (in the same trade when the earlier question named one).
    const thoseRows = !communeKeys.length && containsPhrase(words, lexicon.slots.backReferences);
    const previousNames = new Set(table === "job" ? shown.jobs.map((j) => j.position) : shown.courses.map((c) => c.trade));
    // The earlier question named a trade: stay in it; else the whole table. (A trade the rows
    // name but no slot list does, "vá lưới tại nhà", is named too.)
    const earlierName = matchTrade(cueText(question.tradeFolded ?? question.folded), [...previousNames], lexicon, question.everydayWords);
    const earlierTrade = !communeKeys.length && earlierName !== undefined;
    const stayInTrade = qa.carried.includes("trade") || earlierTrade;
    // "Còn ở Tập Sơn thì sao" after "nhà thuốc nào tuyển người bán thuốc": the earlier trade, named in
    // the rows' words (no slot list carries it), in the new commune, under any of its labels ("Phụ bán thuốc").
    // ("Còn ở Phước Hưng có việc gì không" asks the whole table there.)
    const asksAnyRow = containsPhrase(words, lexicon.slots.tableWords.whichRows) || containsPhrase(words, lexicon.slots.tableWords.openingsPlain) || containsPhrase(words, lexicon.slots.tableWords.openings);
    const inNewPlace = communeKeys.length > 0 && !qa.carried.includes("trade") && earlierName !== undefined && !asksAnyRow ? (name: string) => sameTrade(name, earlierName, lexicon) : undefined;
    if (table === "job") {
      const takes = takesWithoutExperience(lexicon);
      const base = newestFirst(data.jobs, data).filter(
        (j) =>
          (thoseRows ? previousNames.has(j.position) : inNewPlace ? inNewPlace(j.position) : !stayInTrade || previousNames.has(j.position)) &&
          (!j.deadline || j.deadline >= today) &&
          inCommune(j.workplace, communeKeys) &&
          (!noExperience || takes(j)),
      );
      const { fit, excluded } = byAge(base, age, (j) => j.requirements);
      const note = excludedNote(age, excluded.map((j) => `${jobName(j)} (${j.requirements})`));
      const where = communeKeys.length ? ` ở ${[...new Set(communes.map((c) => c.old ?? c.commune.name))].join(", ")}` : "";
      // "Mấy chỗ đó có nhận 17 tuổi không?", "tôi 52 tuổi được không" after a trade's openings: rows
      // that say why not answer it ("Không, …").
      if (!fit.length && excluded.length && (thoseRows || (stayInTrade && !communeKeys.length))) return finish(note, "labour_market_jobs", data, excluded.slice(0, MAX_ITEMS));
      // (The earlier trade's rows there that have closed are shown as closed, still unanswered.)
      const closedThere = !fit.length && inNewPlace ? data.jobs.filter((j) => inNewPlace(j.position) && inCommune(j.workplace, communeKeys) && j.deadline && j.deadline < today) : [];
      if (closedThere.length) return { ...finish(closedRowsText(closedThere[0]!.position, closedThere), "labour_market_jobs", data, closedThere.slice(0, MAX_ITEMS)), notFound: true };
      if (!fit.length) return { ...finish(`${repliesVi.noRowsFor(`chỗ tuyển còn hạn${where}${age !== undefined ? ` nhận người ${age} tuổi` : ""}${noExperience ? " không cần kinh nghiệm" : ""}`)}${note ? `\n${note}` : ""}`, "labour_market_jobs", data, []), notFound: true };
      const listed = rowsForAge(fit, age, (j) => j.requirements, jobLine);
      return finish(`Các chỗ tuyển còn hạn${where}${noExperience ? " không cần kinh nghiệm" : ""}:\n${listed.text}${note ? `\n${note}` : ""}`, "labour_market_jobs", data, listed.shown);
    }
    const base = data.courses.filter((c) => (thoseRows ? previousNames.has(c.trade) : inNewPlace ? inNewPlace(c.trade) : !stayInTrade || previousNames.has(c.trade)) && inCommune(`${c.location} ${c.institution}`, communeKeys));
    const { fit, excluded } = byAge(base, age, (c) => c.audience);
    const note = excludedNote(age, excluded.map((c) => `${c.trade} tại ${c.institution} (${c.audience})`));
    const where = communeKeys.length ? ` ở ${[...new Set(communes.map((c) => c.old ?? c.commune.name))].join(", ")}` : "";
    if (!fit.length && excluded.length && (thoseRows || (stayInTrade && !communeKeys.length))) return finish(note, "vocational_training_options", data, excluded.slice(0, MAX_ITEMS));
    if (!fit.length) return { ...finish(`${repliesVi.noRowsFor(`khóa đào tạo${where}${age !== undefined ? ` nhận người ${age} tuổi` : ""}`)}${note ? `\n${note}` : ""}`, "vocational_training_options", data, []), notFound: true };
    const listed = rowsForAge(fit, age, (c) => c.audience, courseLine);
    return finish(`Các khóa đào tạo${where}:\n${listed.text}${note ? `\n${note}` : ""}`, "vocational_training_options", data, listed.shown);
  }

  // "Tất cả có mấy chỗ", "có mấy lớp": the rows shown are counted, not the people a row asks for.
  // (One row shown: "bao nhiêu chỗ" asks how many it takes, its quantity.)
  if (countsRows(words, lexicon)) {
    const names = table === "job" ? shown.jobs.map(jobName) : table === "course" ? shown.courses.map(courseName) : [...new Set(shown.demand.map((d) => d.trade))];
    const rows = table === "job" ? shown.jobs : table === "course" ? shown.courses : shown.demand;
    const what = table === "job" ? "chỗ tuyển" : table === "course" ? "khóa" : "ngành";
    if (names.length > 1) return finish(`${repliesVi.rowsCounted(names.length, what)}\n${names.map((n) => `- ${n}`).join("\n")}`, table === "course" ? "vocational_training_options" : "labour_market_jobs", data, rows);
  }
  // Columns of the rows shown: those the message names, else the one its wanted value reads.
  const named = columnsNamed(words, table, lexicon);
  // "Qua 2027 thì sao?" after openings or courses: a year is no column of theirs; it asks the demand
  // table for the same trades, in that year.
  const yearsOnly = table !== "demand" && !named.length ? yearsSaid(ownText, question.now) : [];
  if (yearsOnly.length && words.length <= YEAR_ONLY_MAX_WORDS) {
    const names = table === "job" ? shown.jobs.map((j) => j.position) : shown.courses.map((c) => c.trade);
    const trades = new Set(data.demand.filter((d) => names.some((n) => sameTrade(d.trade, n, lexicon) || sameTrade(n, d.trade, lexicon))).map((d) => d.trade));
    if (trades.size) {
      const rows = data.demand.filter((d) => trades.has(d.trade) && yearsOnly.includes(d.year)).sort((a, b) => a.trade.localeCompare(b.trade) || a.year - b.year);
      if (!rows.length) return { ...finish(repliesVi.noRowsFor(`số liệu nhu cầu lao động năm ${yearsOnly.join(", ")} của ${[...trades].join(", ")}`), "labour_market_jobs", data, []), notFound: true };
      return finish(`Theo số liệu nhu cầu lao động:\n${rows.map((d) => `- ${demandLine(d)}`).join("\n")}`, "labour_market_jobs", data, rows);
    }
  }
  // "Có chỗ ở không", "có bao cơm không": a thing no column is for, which a row may still write in
  // its support or requirements ("Ở ký túc xá miễn phí"). The rows that write it answer; when none
  // does, the reply says so, unanswered (showing the same rows again would read as a yes).
  // ("Học buổi nào, ở đâu" names a column too: the rows that write the hours are given whole, with it.)
  const unstated = unstatedLabelsAsked(words, lexicon);
  if (unstated.length && table !== "demand") {
    const lines = table === "job" ? shown.jobs.map((j) => ({ row: j as JobOpening | TrainingCourse, line: jobLine(j) })) : shown.courses.map((c) => ({ row: c as JobOpening | TrainingCourse, line: courseLine(c) }));
    if (!lines.length) return undefined;
    const stating = lines.filter(({ line }) => unstatedAsked(words, line, lexicon).length < unstated.length);
    const topic: Topic = table === "job" ? "labour_market_jobs" : "vocational_training_options";
    const what = table === "job" ? "chỗ tuyển" : "khóa";
    if (stating.length) return finish(`Trong các ${what} vừa nêu, ${stating.length > 1 ? "những nơi" : "nơi"} có ghi ${unstated.join(", ")}:\n${stating.map(({ line }) => `- ${line}`).join("\n")}`, topic, data, stating.map(({ row }) => row));
    // (With a column named too, that column is answered below, and what no row writes said there.)
    if (!named.length) {
      const names = lines.map(({ row }) => ("position" in row ? jobName(row) : courseName(row)));
      return { ...finish(repliesVi.rowsDoNotSay(names.slice(0, 3).join("; "), unstated.join(", ")), topic, data, []), notFound: true };
    }
  }
  const fallback = COLUMN_BY_WANTED[table][qa.wanted];
  // "Nhà em hộ nghèo thì sao?" after courses: whether that group gets anything is in the support
  // column, and who the course takes in the audience column; both are shown.
  const ownAudience = qa.slots.audience.length > 0 && !qa.carried.includes("audience");
  // "Còn năm 2026?" after "năm 2027 cần bao nhiêu người, lương bình quân bao nhiêu": only the year
  // changes; the columns asked before are asked again.
  const ownYear = yearSaid(ownText, question.now);
  const changesYearOnly = table === "demand" && !named.length && ownYear !== undefined && question.asked !== undefined && question.folded !== question.asked;
  const carriedColumns = changesYearOnly ? columnsNamed(question.folded.split(" ").filter(Boolean), table, lexicon) : [];
  // "Có phải tự mua đồ thực hành không": a column is named by its content, when a pair of the
  // message's own words stands in that column of a row shown ("Được cấp nguyên liệu thực hành").
  const heldIn = !named.length && !carriedColumns.length && table !== "demand" ? columnsHolding(words, table, shown, lexicon) : [];
  const asked = named.length ? named : carriedColumns.length ? carriedColumns : table === "course" && ownAudience ? ["support", "audience"] : heldIn.length ? heldIn : fallback ? [fallback] : [];
  // One column asked of courses brings the one read with it: "có tốn tiền không" is answered by the
  // fee and the support ("Miễn phí; hỗ trợ giống lúa"), "học bao lâu" by the length and the start.
  const companion = table === "course" && asked.length === 1 ? COURSE_COMPANIONS[asked[0]!] : undefined;
  const columns = companion ? [...asked, companion] : asked;
  // A demand row is read whole (below): "so với năm 2025 thì tăng hay giảm" names no column and is still about these rows.
  if (!columns.length && table !== "demand") return undefined;
  const names = columns.map((c) => columnNamesVi[c] ?? c);
  const lead = columns.length ? names.map((n, i) => (i ? n.toLowerCase() : n)).join(", ") : "Số liệu";
  const cells = (cell: (column: string) => string | undefined) =>
    columns.length === 1 ? (cell(columns[0]!) ?? repliesVi.cellNotInData) : columns.map((c, i) => `${names[i]!.toLowerCase()} ${cell(c) ?? repliesVi.cellNotInData}`).join("; ");
  if (table === "job") {
    const rows = shown.jobs;
    if (!rows.length) return undefined;
    if (rows.every((j) => columns.every((c) => jobCell(j, c) === undefined))) return { ...finish(repliesVi.noRowsFor(`${lead.toLowerCase()} của các chỗ tuyển vừa nêu`), "labour_market_jobs", data, []), notFound: true };
    const lines = rows.map((j) => `- ${jobName(j)}: ${cells((c) => jobCell(j, c, today))}`);
    // The places of several rows asked ("tổng cộng mấy người", "tuyển bao nhiêu người"): their sum too.
    const counted = rows.filter((j) => j.quantity !== null && j.quantity !== undefined);
    const total = columns.length === 1 && columns[0] === "quantity" && counted.length > 1 ? `\n${repliesVi.placesTotal(counted.reduce((sum, j) => sum + j.quantity!, 0))}` : "";
    return finish(`${lead} của các chỗ tuyển vừa nêu:\n${lines.join("\n")}${total}`, "labour_market_jobs", data, rows);
  }
  if (table === "course") {
    const rows = shown.courses;
    if (!rows.length) return undefined;
    // "Nhà nghèo có được giảm không": rows whose support and audience never name the group say
    // nothing of it; the policy documents answer for the group instead.
    if (ownAudience && !coursesNameGroup(data, lexicon, keys, qa.slots.audience.map((a) => a.id))) return undefined;
    if (rows.every((r) => columns.every((c) => courseCell(r, c) === undefined))) return { ...finish(repliesVi.noRowsFor(`${lead.toLowerCase()} của các khóa vừa nêu`), "vocational_training_options", data, []), notFound: true };
    const lines = rows.map((r) => `- ${courseName(r)}: ${cells((c) => courseCell(r, c))}`);
    const topic: Topic = columns.every((c) => c === "fee" || c === "support") ? "tuition_and_support" : "vocational_training_options";
    return finish(`${lead} của các khóa vừa nêu:\n${lines.join("\n")}`, topic, data, rows);
  }
  // "Thế năm 2026 thì cần bao nhiêu?", "còn 2025 với 2027": the same trades, in the years the message names.
  const shownTrades = new Set(shown.demand.map((d) => d.trade));
  // "So với năm 2025 thì tăng hay giảm": the years shown stay beside the one named, to compare.
  const compares = /\b(so voi|hon|tang|giam)\b/.test(ownText);
  const ownYears = yearsSaid(ownText, question.now);
  const years = compares ? [...new Set([...ownYears, ...shown.demand.map((d) => d.year)])] : ownYears;
  const rows = ownYears.length ? data.demand.filter((d) => shownTrades.has(d.trade) && years.includes(d.year)).sort((a, b) => a.trade.localeCompare(b.trade) || a.year - b.year) : shown.demand;
  if (ownYears.length && shown.demand.length && !rows.length) return { ...finish(repliesVi.noRowsFor(`số liệu năm ${ownYears.join(", ")} của các ngành vừa nêu`), "labour_market_jobs", data, []), notFound: true };
  if (!rows.length) return undefined;
  // A demand row is short: the whole row (need, average wage, note) rather than one cell of it.
  const lines = rows.map((d) => `- ${demandLine(d)}`);
  return finish(`${lead} của các ngành vừa nêu:\n${lines.join("\n")}`, "labour_market_jobs", data, rows);
}

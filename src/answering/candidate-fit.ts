/**
 * What a candidate reply provides, computed from its text (never hand-annotated), and whether it
 * fits the question: it must hold the kind of value asked for (an amount, a date, an office…) and
 * agree with the question's key slots (a passage about Japan does not answer a question about
 * Korea). Every FAQ answer, document sentence and spreadsheet line goes through the same test.
 */
import type { KnowledgeSnapshot } from "../knowledge/knowledge-base.js";
import { containsPhrase, findSlots, labelTradeSlots, OFFICE_WORDS, phraseAt, type Lexicon, type SlotKind } from "../knowledge/lexicon.js";
import { canonical, foldedKey, foldedWords, foldWord } from "../knowledge/vietnamese.js";
import { everydayWords, type QuestionAnalysis, type Wanted } from "./question-analysis.js";

/** Kinds of entity a text can hold. */
export type EntityKind = "amount" | "count" | "date" | "duration" | "office" | "place" | "contact";

export interface Provides {
  entities: Set<EntityKind>;
  /** Slot ids by kind that the text names (countries, trades, audiences, levels…). */
  slots: Map<SlotKind, Set<string>>;
}

// Values as written in the knowledge: "17.800 đồng/giờ", "6,6 triệu", "10.320 won", "100%", "miễn học phí".
// The unit must end its word: "1.000 ngành" is a count of trades, not "1.000 ngàn".
const AMOUNT_RE = /\d[\d.,]*\s*(?:(?:đồng|đ|triệu|nghìn|ngàn|tỷ|won|usd|yên|tr)(?!\p{L})|%)|miễn (học phí|phí|tiền)|miễn phí|thỏa thuận|không (mất|thu|phải đóng|phải trả) (tiền|học phí|phí)/iu;
const COUNT_RE = /\d[\d.,]*\s*(?:(?:người|học sinh|lao động|chỉ tiêu|xã|lớp|học viên|ha|đơn vị|thị trấn|chỗ)(?!\p{L})|%)/iu;
const DATE_RE = /\d{1,2}\/\d{1,2}|(?<!\p{L})(ngày|tháng|năm) \d{1,4}(?!\d)|\b(19|20)\d\d\b/iu;
const DURATION_RE = /\d+([.,]\d+)?\s*(tháng|năm|học kỳ|tuần|ngày|giờ|buổi)(?!\s*\d)|khoảng \d+ năm/iu;
const CONTACT_RE = /(?:\+84|\b0)\d{2,3}[ .]?\d{3}[ .]?\d{3,4}\b|@[a-z0-9-]+\.|https?:\/\/|liên hệ:/iu;

const providesCache = new Map<string, Provides>();

/** What a text provides; memoised (passages are few, and asked about again and again). */
export function providesOf(text: string, snapshot: KnowledgeSnapshot): Provides {
  let p = providesCache.get(text);
  if (p) return p;
  const entities = new Set<EntityKind>();
  if (AMOUNT_RE.test(text)) entities.add("amount");
  if (COUNT_RE.test(text)) entities.add("count");
  if (DATE_RE.test(text)) entities.add("date");
  if (DURATION_RE.test(text)) entities.add("duration");
  if (CONTACT_RE.test(text)) entities.add("contact");
  const lower = ` ${canonical(text).replace(/[^\p{L}\d]+/gu, " ")} `;
  const has = (words: string[] | undefined) => (words ?? []).some((w) => lower.includes(` ${w} `));
  if (has(snapshot.lexicon.slots.entities.get("office"))) entities.add("office");
  if (has(snapshot.lexicon.slots.entities.get("place"))) entities.add("place");
  const slots = new Map<SlotKind, Set<string>>();
  for (const m of findSlots(snapshot.lexicon, foldedWords(text))) {
    const set = slots.get(m.entry.kind) ?? new Set<string>();
    set.add(m.entry.id);
    slots.set(m.entry.kind, set);
  }
  p = { entities, slots };
  if (providesCache.size > 5000) providesCache.clear();
  providesCache.set(text, p);
  return p;
}

/** The entity kinds that give each wanted value; wanted values not listed need no entity. */
const WANTED_ENTITIES: Partial<Record<Wanted, EntityKind[]>> = {
  amount: ["amount"],
  count: ["count"],
  date: ["date"],
  duration: ["duration"],
  who: ["office"],
  where: ["place", "office"],
  contact: ["contact"],
};

/** Whether the text holds the kind of value the question wants (true when it wants no value). */
export function givesWanted(p: Provides, wanted: Wanted): boolean {
  const kinds = WANTED_ENTITIES[wanted];
  return !kinds || kinds.some((k) => p.entities.has(k));
}

/** Kinds of slot on which a reply must not contradict the question (a country, a region of Vietnam, a school: "Cao đẳng Nghề Trà Vinh" is not "Đại học Trà Vinh"). */
const STRICT_SLOTS: SlotKind[] = ["country", "region", "school"];

/**
 * The key slot on which the text contradicts the question, if any: it names values of that kind
 * and none of those asked (a passage about Japan for a question about Korea).
 */
export function contradicts(p: Provides, a: QuestionAnalysis): SlotKind | undefined {
  for (const kind of STRICT_SLOTS) {
    const asked = a.slots[kind];
    const named = p.slots.get(kind);
    if (asked.length && named?.size && !asked.some((s) => named.has(s.id))) return kind;
  }
  return undefined;
}

/** Groups a support rule is written for: one named instead of the group asked answers for another group. */
const POLICY_GROUPS = new Set(["ho_ngheo", "can_ngheo", "dtts", "khmer", "khuyet_tat", "bo_doi", "thu_hoi_dat"]);

/**
 * Whether a text names only policy groups other than the one asked: "hộ cận nghèo vay ở đâu" is not
 * answered by a curated answer on poor households ("hộ nghèo … vay tại Ngân hàng Chính sách xã hội");
 * the passage's own sentence on the near-poor is. A text naming no group, or the group asked, does
 * not count. (Used for curated answers given whole: as a penalty on every sentence it lost answers
 * that read the two groups' sentences together, and let another passage win for some questions.)
 */
export function namesOtherGroupOnly(p: Provides, a: QuestionAnalysis): boolean {
  const asked = new Set(a.slots.audience.map((s) => s.id).filter((id) => POLICY_GROUPS.has(id)));
  if (!asked.size) return false;
  const named = [...(p.slots.get("audience") ?? [])].filter((id) => POLICY_GROUPS.has(id));
  return named.length > 0 && !named.some((id) => asked.has(id));
}

/**
 * Whether a text speaks of the other school-leaving grade than the one asked: "học xong lớp 12 thì
 * có những hướng nào" is not answered by "không đậu lớp 10 …" (after grade 9), nor "sau lớp 9" by
 * what grade-12 leavers do. A text naming the asked grade, or no grade, does not clash. For grade 9,
 * grade 10 (the entrance exam) is its own subject.
 */
export function gradeClash(text: string, a: QuestionAnalysis): boolean {
  const asked = a.slots.grade;
  if (asked !== 9 && asked !== 12) return false;
  const folded = ` ${foldedKey(text)} `;
  const named = new Set([...folded.matchAll(/ lop (\d{1,2})(?= )/g)].map((m) => Number(m[1])));
  if (/ (tot nghiep|het|xong) (thpt|cap 3) /.test(folded)) named.add(12);
  if (/ (tot nghiep|het|xong) (thcs|cap 2) /.test(folded)) named.add(9);
  if (!named.size || named.has(asked)) return false;
  return asked === 12 ? named.has(9) || named.has(10) : !named.has(10) && named.has(12);
}

/**
 * A value asked about one country ("lương ở Đài Loan bao nhiêu?") is given only by a text that names
 * that country: Vietnam's minimum wage does not answer it.
 */
export function missesAskedCountry(p: Provides, a: QuestionAnalysis): boolean {
  if (!["amount", "count", "date", "duration"].includes(a.wanted)) return false;
  return (["country", "region"] as SlotKind[]).some((kind) => {
    const named = p.slots.get(kind);
    return a.slots[kind].length > 0 && !a.slots[kind].some((c) => named?.has(c.id));
  });
}

/** The slot kinds on which a text's agreement with the question is counted. */
export const AGREEMENT_SLOTS: readonly SlotKind[] = ["trade", "audience", "level", "country", "school", "region"];

/** How well a text agrees with the question's slots (0..n): each asked value it names counts. */
export function slotAgreement(p: Provides, a: QuestionAnalysis): number {
  let score = 0;
  for (const kind of AGREEMENT_SLOTS) {
    const named = p.slots.get(kind);
    if (named) for (const s of a.slots[kind]) if (named.has(s.id)) score += 1;
  }
  return score;
}

const knownCache = new WeakMap<KnowledgeSnapshot, Set<string>>();

/**
 * Slot values the knowledge mentions anywhere (documents, FAQ, spreadsheet rows), as `kind:id`.
 * A value asked about that is not here has no answer: the reply says so for that value.
 */
export function knownSlotValues(snapshot: KnowledgeSnapshot): Set<string> {
  let known = knownCache.get(snapshot);
  if (!known) {
    // The documents' values (computed once, see documentSlotValues), then the sheets' chunks and labels.
    known = new Set(documentSlotValues(snapshot));
    const texts = [
      ...snapshot.chunks.filter((c) => c.kind === "labour").map((c) => c.text),
      ...snapshot.labour.jobs.map((j) => `${j.position}. ${j.company}`),
      ...snapshot.labour.courses.map((c) => `${c.trade}. ${c.institution}`),
      ...snapshot.labour.demand.map((d) => d.trade),
    ];
    addSlotIds(known, texts, snapshot.lexicon);
    // A row names a trade by its plain label too ("Dược", "Nấu ăn"), without the phrases users say.
    const rowNames = [...snapshot.labour.jobs.map((j) => j.position), ...snapshot.labour.courses.map((c) => c.trade), ...snapshot.labour.demand.map((d) => d.trade)].map((n) => ` ${foldedKey(n)} `);
    for (const entry of snapshot.lexicon.slots.entries) {
      if (entry.kind !== "trade") continue;
      const label = ` ${foldedKey(entry.label)} `;
      if (rowNames.some((n) => n.includes(label))) known.add(`trade:${entry.id}`);
    }
    // A label holding no term is the trade its last word carries ("Chăm sóc móng" is nail care).
    const everyday = everydayWords(snapshot);
    for (const name of [...snapshot.labour.jobs.map((j) => j.position), ...snapshot.labour.courses.map((c) => c.trade), ...snapshot.labour.demand.map((d) => d.trade)]) {
      for (const id of labelTradeSlots(snapshot.lexicon, name, everyday)) known.add(`trade:${id}`);
    }
    knownCache.set(snapshot, known);
  }
  return known;
}

/** Adds the slot values (`kind:id`) the texts name to `into`. */
function addSlotIds(into: Set<string>, texts: string[], lexicon: Lexicon): void {
  for (const text of texts) for (const m of findSlots(lexicon, foldedWords(text))) into.add(`${m.entry.kind}:${m.entry.id}`);
}

const documentCache = new WeakMap<KnowledgeSnapshot, Set<string>>();

/**
 * Slot values the documents and FAQ mention (not the spreadsheet rows), as `kind:id`: a trade no
 * course row teaches may still be answered by a passage ("giáo viên tiếng Khmer" at a university).
 */
export function documentSlotValues(snapshot: KnowledgeSnapshot): Set<string> {
  let named = documentCache.get(snapshot);
  if (!named) {
    named = new Set();
    addSlotIds(named, snapshot.chunks.filter((c) => c.kind !== "labour").map((c) => c.text), snapshot.lexicon);
    documentCache.set(snapshot, named);
  }
  return named;
}

/** The first key slot value asked about that the knowledge never mentions (trade or country). */
export function unknownSlot(snapshot: KnowledgeSnapshot, a: QuestionAnalysis): { kind: SlotKind; label: string } | undefined {
  const known = knownSlotValues(snapshot);
  // The country first: "đi Đức làm điều dưỡng" is unknown for Germany before any trade.
  for (const kind of ["country", "school", "trade"] as SlotKind[]) {
    // Only what this message asks: a value carried from an earlier turn was handled there.
    if (a.carried.includes(kind)) continue;
    // Schools of the spreadsheets ("row:…") are known by definition.
    const isKnown = (s: { id: string }) => s.id.startsWith("row:") || known.has(`${kind}:${s.id}`);
    const missing = a.slots[kind].find((s) => !isKnown(s));
    // Several values named ("may hay hàn"): the known ones are answered.
    if (missing && a.slots[kind].every((s) => !isKnown(s))) return { kind, label: missing.label };
  }
  return undefined;
}

/** Whether a folded text names a slot value by its label or a term (for row filters). */
export function namesSlot(foldedText: string, label: string): boolean {
  return ` ${foldedText} `.includes(` ${foldedKey(label)} `);
}

/**
 * Whether the text names a number with the asked unit ("18 tuổi", "6 học kỳ", "39%"): "giới hạn
 * tuổi bao nhiêu" is not answered by "tuyển 4.200 người". `unit` is the first phrase of its
 * `strict_units` group (QuestionSlots.unit).
 */
/** Numbers written as words ("một lần", "hai học kỳ"), folded. */
const NUMBER_WORDS = new Set(["mot", "hai", "ba", "bon", "tu", "nam", "sau", "bay", "tam", "chin", "muoi", "nhieu"]);

export function namesNumberWith(text: string, unit: string, snapshot: KnowledgeSnapshot): boolean {
  const group = snapshot.lexicon.slots.strictUnits.find((g) => g[0]!.join(" ") === unit);
  if (!group) return true;
  if (unit === "phan tram" && /\d\s*%/.test(text)) return true;
  const words = foldedWords(text);
  return words.some((w, i) => (/^\d+$/.test(w) || NUMBER_WORDS.has(w)) && group.some((phrase) => phrase.every((p, k) => words[i + 1 + k] === p)));
}

/** The period a sum is counted by: per hour, day, month, course or year. */
export type Rate = "hour" | "day" | "month" | "course" | "year";

const RATE_WORDS: [Rate, string][] = [["hour", "gio|tieng"], ["day", "ngay"], ["month", "thang"], ["course", "khoa"], ["year", "nam"]];
// "đồng/giờ", "30.000 đồng/ngày", "won/giờ": a sum followed by "/" and its period.
const RATE_IN_TEXT = RATE_WORDS.map(([rate, words]) => [rate, new RegExp(`\\/\\s*(?:${words})\\b`)] as const);
// "mỗi tháng", "1 giờ", "một ngày", "theo giờ", "hàng tháng": the period a question counts by.
// ("vùng 1 năm 2026", "quý 1 năm 2023": a year follows, no period is asked.)
const RATE_ASKED = RATE_WORDS.map(([rate, words]) => [rate, new RegExp(`\\b(?:moi|1|mot|theo|hang|tren) (?:${words})\\b(?! \\d{4}\\b)`)] as const);

const ratesCache = new Map<string, Set<Rate>>();

/** The periods the sums of a text are counted by ("20.000 đồng/giờ" → hour). Kept per sentence: the same sentences are scored for many questions. */
export function ratesIn(text: string): Set<Rate> {
  const kept = ratesCache.get(text);
  if (kept) return kept;
  const out = computeRates(text);
  if (ratesCache.size > 5000) ratesCache.clear();
  ratesCache.set(text, out);
  return out;
}

function computeRates(text: string): Set<Rate> {
  const folded = foldedKey(text.replace(/\//g, " / ")).replace(/ \/ /g, "/");
  const plain = canonical(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");
  const out = new Set<Rate>();
  for (const [rate, re] of RATE_IN_TEXT) if (re.test(plain) || re.test(folded)) out.add(rate);
  return out;
}

/** The period the question counts by, if it names one ("lương 1 giờ", "mỗi tháng được bao nhiêu"). */
export function rateAsked(folded: string): Rate | undefined {
  return RATE_ASKED.find(([, re]) => re.test(folded))?.[0];
}

/**
 * How a sentence's sums fit the period asked: the period named → favoured; another named → unlikely;
 * none named → sums per hour or per day (not the usual monthly figure) count a little less.
 */
export function rateFit(text: string, asked: Rate | undefined): number {
  const rates = ratesIn(text);
  if (!rates.size) return 1;
  if (asked) return rates.has(asked) ? 1.3 : 0.6;
  return [...rates].every((r) => r === "hour" || r === "day") ? 0.8 : 1;
}

/** Values that state some `unstated` labels without their words: a phone number, an hour ("7 giờ", "17h30"). */
// ("\b" does not end a word in "giờ": its last letter is not an ASCII word character.)
const HOUR_RE = /\b\d{1,2} ?(giờ|h)(\d{2})?(?![\p{L}\d])/iu;
const STATED_BY: Record<string, RegExp> = { "số điện thoại": /\b0\d(?:[ .]?\d){8,9}\b/, "giờ làm việc": HOUR_RE, "lịch học theo buổi": HOUR_RE };

/**
 * Whether a text states an `unstated` label in other words (knowledge/slots.yaml `stated_by`: "thứ
 * bảy, chủ nhật" are the times of a class or a job), by a value (`STATED_BY`), or by a word followed
 * by a name or a number (`stated_by_name`: "Ấp Chợ", "đường 30/4").
 */
function statesLabel(label: string, text: string, said: string, lexicon: Lexicon): boolean {
  if (STATED_BY[label]?.test(text)) return true;
  if (lexicon.slots.statedBy.get(label)?.some((p) => said.includes(` ${p.join(" ")} `))) return true;
  const naming = lexicon.slots.statedByName.get(label);
  if (!naming) return false;
  // (As written: the case tells a name.)
  const written = text.normalize("NFC").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return written.some((w, i) => {
    const next = written[i + 1];
    // A name is capitalised; a number starts with a digit.
    const first = next?.[0];
    if (!first || (first === first.toLowerCase() && !(first >= "0" && first <= "9"))) return false;
    return naming.has(foldWord(w.toLowerCase())) || (i > 0 && naming.has(`${foldWord(written[i - 1]!.toLowerCase())} ${foldWord(w.toLowerCase())}`));
  });
}

/**
 * The `unstated` labels (knowledge/slots.yaml) the question asks that a reply's text does not state
 * ("có đóng bảo hiểm không" of rows that never say "bảo hiểm"; "UBND xã làm việc mấy giờ" of a
 * passage with no hour).
 */
export function unstatedAsked(askedWords: string[], text: string, lexicon: Lexicon): string[] {
  const said = ` ${foldedWords(text).join(" ")} `;
  return unstatedLabelsAsked(askedWords, lexicon).filter((label) => {
    const phrases = lexicon.slots.unstated.get(label) ?? [];
    return !phrases.some((p) => said.includes(` ${p.join(" ")} `)) && !statesLabel(label, text, said, lexicon);
  });
}

/**
 * The `unstated` labels a message's folded words ask, whatever any text says. A phrase counts only
 * where it does not start inside a column's phrase or a slot's begun before it: folded, "bao giờ
 * học" holds "giờ học" and "học phí thì sao" holds "phí thi", which the columns' "bao giờ" and "học
 * phí" have already taken, and "hướng dẫn du lịch học phí" holds "lịch học" inside the trade.
 */
export function unstatedLabelsAsked(askedWords: string[], lexicon: Lexicon): string[] {
  // Read once per message: the rows' fit asks it again for every row line.
  let cache = labelsAskedCache.get(lexicon);
  if (!cache) labelsAskedCache.set(lexicon, (cache = new Map()));
  const key = askedWords.join(" ");
  let labels = cache.get(key);
  if (!labels) {
    const inside = columnPhraseInsides(askedWords, lexicon);
    const asks = (p: string[]) => askedWords.some((_, i) => !inside.has(i) && phraseAt(askedWords, i, [p]));
    labels = [...lexicon.slots.unstated].filter(([, phrases]) => phrases.some(asks)).map(([label]) => label);
    if (cache.size > 2000) cache.clear();
    cache.set(key, labels);
  }
  return labels;
}

const labelsAskedCache = new WeakMap<Lexicon, Map<string, string[]>>();

/**
 * The word positions inside a phrase of some table's column (knowledge/slots.yaml `row_columns`) or
 * of a slot named (a trade: "du lịch" of "hướng dẫn du lịch học phí…"), not its first word.
 */
function columnPhraseInsides(words: string[], lexicon: Lexicon): Set<number> {
  const inside = new Set<number>();
  for (const m of findSlots(lexicon, words)) for (let k = m.start + 1; k < m.end; k++) inside.add(k);
  for (const columns of lexicon.slots.rowColumns.values()) {
    for (const phrases of columns.values()) {
      for (const p of phrases) {
        if (p.length < 2) continue;
        for (let i = 0; i + p.length <= words.length; i++) if (p.every((w, k) => words[i + k] === w)) for (let k = 1; k < p.length; k++) inside.add(i + k);
      }
    }
  }
  return inside;
}

// "Ký túc xá bao nhiêu tiền một tháng", "phụ cấp ca đêm được bao nhiêu": a sum asked of the thing named.
/**
 * The `unstated` labels the question asks a sum of ("ký túc xá bao nhiêu tiền") that the text
 * names only without one: no clause naming the thing holds a sum ("có ký túc xá", "có phụ cấp ca
 * đêm"). Rows that say the thing exists do not say what it costs or pays. The words asking a sum
 * are knowledge/slots.yaml's `sum_asked`; the labels that cost or pay, its `unstated_priced`.
 */
export function unstatedSumAsked(askedWords: string[], text: string, lexicon: Lexicon): string[] {
  if (!containsPhrase(askedWords, lexicon.slots.sumAsked)) return [];
  const asked = unstatedLabelsAsked(askedWords, lexicon);
  const clauses = text.split(/[;,|\n]/).map((c) => foldedWords(c));
  const amountUnits = lexicon.slots.quantities.get("amount") ?? [];
  return [...lexicon.slots.unstated]
    .filter(([label]) => lexicon.slots.unstatedPriced.has(label) && asked.includes(label))
    .filter(([, phrases]) => {
      const naming = clauses.filter((c) => containsPhrase(c, phrases));
      return naming.length > 0 && !naming.some((c) => holdsSum(c, amountUnits));
    })
    .map(([label]) => label);
}

/** Whether folded words hold a sum: "300 000", "8tr", "500k", "2 triệu" (not the "9" of "9+" or "lớp 6–9"). */
function holdsSum(words: string[], amountUnits: string[][]): boolean {
  const digits = (w: string | undefined) => w !== undefined && w.length > 0 && [...w].every((ch) => ch >= "0" && ch <= "9");
  return words.some((w, i) => {
    if (digits(w) && (w.length >= 4 || (digits(words[i + 1]) && words[i + 1]!.length === 3))) return true;
    if ((w.endsWith("tr") && digits(w.slice(0, -2))) || (w.endsWith("k") && digits(w.slice(0, -1)))) return true;
    return digits(w) && phraseAt(words, i + 1, amountUnits);
  });
}

/** Words that lead an office's name: "phòng", "sở", "bộ" (the lexicon's), and "trưởng" of "trưởng phòng". */
const OFFICE_LEADS = new Set([...OFFICE_WORDS, "truong"]);
/** Words before an office that make it a partner or an addressee of the task, not the one given it. */
const PARTNER_MARKERS = [["phoi", "hop", "voi"], ["ve"], ["cho"], ["voi"]];

/**
 * Each office named in folded words (a synonym group written after "phòng", "sở"… or starting with
 * it: "phòng LĐTBXH"), with whether it stands as a partner ("phối hợp với Phòng …", "báo cáo về
 * Phòng …") rather than as the one that acts.
 */
function officesIn(words: string[], lexicon: Lexicon): { concept: string; partner: boolean; byRoom: boolean }[] {
  const spans: { start: number; end: number; concept: string }[] = [];
  // The longest name from a word or the word after it: "Phòng Giáo dục và Đào tạo" is one office,
  // not "phòng giáo dục" and some words after it.
  const longestAt = (at: number) => (lexicon.phrasesByFirstWord.get(words[at] ?? "") ?? []).find((p) => p.words.every((w, k) => words[at + k] === w));
  for (let i = 0; i < words.length; i++) {
    const here = longestAt(i);
    const next = OFFICE_LEADS.has(words[i]!) ? longestAt(i + 1) : undefined;
    const phrase = next && (!here || next.words.length + 1 > here.words.length) ? { ...next, from: i + 1 } : here ? { ...here, from: i } : undefined;
    if (!phrase) continue;
    let start = phrase.from;
    while (start > 0 && OFFICE_LEADS.has(words[start - 1]!)) start--;
    if (start === phrase.from && !OFFICE_LEADS.has(phrase.words[0]!)) continue;
    spans.push({ start, end: phrase.from + phrase.words.length, concept: phrase.concept });
    i = phrase.from + phrase.words.length - 1;
  }
  // "Phối hợp với Phòng A, Phòng B": a marker governs the offices listed after it.
  const partner: boolean[] = [];
  spans.forEach((span, k) => {
    const listed = k > 0 && (span.start === spans[k - 1]!.end || (span.start === spans[k - 1]!.end + 1 && words[span.start - 1] === "va"));
    if (listed) return partner.push(partner[k - 1]!);
    const before = words.slice(Math.max(0, span.start - 3), span.start);
    partner.push(PARTNER_MARKERS.some((m) => m.every((w, j) => before[before.length - m.length + j] === w)));
  });
  // "Phòng …" (or "Trưởng phòng …") names a district office; "sở", "bộ" fold like "cơ sở", "bổ túc".
  return spans.map((span, k) => ({ concept: span.concept, partner: partner[k]!, byRoom: words.slice(span.start, span.start + 2).includes("phong") }));
}

/**
 * "Kế hoạch giao Phòng GD&ĐT làm gì", "Phòng LĐTBXH được giao những gì": the offices a question asks
 * about as the ones that act (computed once per question).
 */
export function officesAsked(askedFolded: string, lexicon: Lexicon): Set<string> {
  return new Set(officesIn(askedFolded.split(" "), lexicon).filter((o) => !o.partner).map((o) => o.concept));
}

/**
 * The offices a question asks about as the ones that act, named as a "phòng" ("còn phòng LĐTBXH được
 * giao gì"): a "sở" or "bộ" folds like "cơ sở", "bổ túc" (computed once per question).
 */
export function roomsAsked(askedFolded: string, lexicon: Lexicon): Set<string> {
  return new Set(officesIn(askedFolded.split(" "), lexicon).filter((o) => !o.partner && o.byRoom).map((o) => o.concept));
}

/**
 * A candidate whose acting offices ("phòng" only, as in `roomsAsked`) are all other than the ones
 * asked ("Trưởng phòng Giáo dục và Đào tạo chủ trì …" for "còn phòng LĐTBXH được giao gì") tells
 * another office's task: true. A candidate naming no office, or the asked one, is not judged here.
 */
export function namesOtherOfficeOnly(candidate: string, rooms: Set<string>, lexicon: Lexicon): boolean {
  if (!rooms.size) return false;
  const named = officesIn(foldedWords(candidate), lexicon);
  return named.some((o) => !o.partner && o.byRoom) && !named.some((o) => rooms.has(o.concept));
}

/**
 * A candidate naming an office asked about only as a partner or an addressee ("Trưởng phòng Nội vụ
 * phối hợp với Phòng LĐTBXH …", "báo cáo kết quả về Phòng GD&ĐT") is about another office's task: true.
 */
export function namesAskedOfficeOnlyAsPartner(candidate: string, asked: Set<string>, lexicon: Lexicon): boolean {
  if (!asked.size) return false;
  const named = officesIn(foldedWords(candidate), lexicon).filter((o) => asked.has(o.concept));
  return named.length > 0 && named.every((o) => o.partner);
}

/**
 * The offline answerer: picks the sentences of the retrieved chunks that best match the question
 * and cites where they come from. No network, no generated words: every sentence of knowledge in
 * the reply is a sentence of the sources.
 */
import { analyze, type Analysis } from "../knowledge/analyzer.js";
import type { KnowledgeSnapshot } from "../knowledge/knowledge-base.js";
import { containsPhrase, findConcepts, type Lexicon } from "../knowledge/lexicon.js";
import { formatDateVi } from "../knowledge/labour/dates.js";
import type { RetrievedChunk } from "../knowledge/retriever.js";
import type { Chunk, SourceRef } from "../knowledge/types.js";
import { foldedWords, sentences } from "../knowledge/vietnamese.js";
import { contradicts, givesWanted, gradeClash, missesAskedCountry, namesAskedOfficeOnlyAsPartner, namesOtherGroupOnly, namesOtherOfficeOnly, officesAsked, providesOf, rateAsked, rateFit, roomsAsked, slotAgreement } from "./candidate-fit.js";
import type { QuestionAnalysis } from "./question-analysis.js";

export interface DraftAnswer {
  /** The reply body, without the "Nguồn:" line. */
  body: string;
  sources: SourceRef[];
  /** The chunks the body was drawn from. */
  used: Chunk[];
  /**
   * The sentence that best answers the question says the data has no answer ("chưa xác minh",
   * "không có số điện thoại…"): the reply is honest but the question counts as unanswered.
   */
  declaresUnknown: boolean;
  /** A FAQ answer given whole whose first sentence says the data has no answer. */
  opensWithNoData?: boolean;
  /**
   * A FAQ answer given whole to one of its own questions, the same informative words (an answer
   * staff approved for the very question asked).
   */
  askedAsWritten?: boolean;
}

/** Sentences of the knowledge that say an answer is not available. */
const NO_DATA_RE =
  /(chưa (được )?xác minh|không có (số điện thoại|số liệu|thông tin|dữ liệu|lịch)|chưa có (số điện thoại|số liệu|thông tin|dữ liệu|lịch)|không nêu (số liệu|con số)|không cung cấp số)/iu;

/**
 * The ways the knowledge names what it does not hold: "<what> chưa có trong dữ liệu", "<what> chưa
 * xác minh được", "chưa xác minh được <what>", "mình chưa rõ <what>", "không thể kết luận <what>",
 * "<what> cần xem hướng dẫn chính thức". The words the marker leaves in its clause are the gap.
 */
const GAP_RE = /(chưa|không) có trong dữ liệu|chưa (được )?xác minh( được)?|chưa rõ|cần xem (hướng dẫn|thông báo) chính thức/iu;
/** The marker that says the knowledge holds nothing on the point, unlike "chưa rõ <which of two>". */
const HARD_GAP_RE = /(chưa|không) có trong dữ liệu/iu;

/** Whether a sentence says the knowledge does not hold something ("chưa xác minh", "chưa có trong dữ liệu", "chưa rõ"). */
export function saysNotKnown(sentence: string): boolean {
  return NO_DATA_RE.test(sentence) || GAP_RE.test(sentence);
}

/** Where the clause holding `at` starts and ends: clauses end at ";", ":" and a comma outside brackets. */
function clauseAround(sentence: string, at: number, length: number): { start: number; end: number } {
  // "Dự thảo này (mình chưa rõ đã được ban hành hay chưa) đề xuất …": a bracket is its own clause.
  const open = sentence.lastIndexOf("(", at);
  const close = sentence.indexOf(")", at + length);
  if (open >= 0 && close >= 0 && sentence.lastIndexOf(")", at) < open) return { start: open + 1, end: close };
  const isBreak = (ch: string) => ch === ";" || ch === "," || ch === ":";
  let depth = 0;
  let start = 0;
  for (let i = 0; i < at; i++) {
    const ch = sentence[i]!;
    if (ch === "(") depth += 1;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0 && isBreak(ch)) start = i + 1;
  }
  depth = 0;
  let end = sentence.length;
  for (let i = at + length; i < sentence.length; i++) {
    const ch = sentence[i]!;
    if (ch === "(") depth += 1;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0 && (isBreak(ch) || ch === ".")) {
      end = i;
      break;
    }
  }
  return { start, end };
}

/**
 * What a gap sentence says is not known: the rest of the marker's own clause ("Học bổng của từng
 * trường và vay vốn để đi học chưa có trong dữ liệu" → "Học bổng của từng trường và vay vốn để đi
 * học"; "Chưa xác minh được xã nào … là xã đặc biệt khó khăn" → "xã nào … là xã đặc biệt khó khăn").
 */
export function gapSubject(sentence: string): string | undefined {
  return gapClause(sentence)?.subject;
}

function gapClause(sentence: string): { subject: string; start: number; end: number; hard: boolean } | undefined {
  const match = GAP_RE.exec(sentence);
  if (!match) return undefined;
  const { start, end } = clauseAround(sentence, match.index, match[0].length);
  // "mình chưa rõ …": who does not know, not what.
  const beforeWords = sentence.slice(start, match.index).trim().split(/\s+/);
  if (beforeWords.at(-1)?.toLowerCase() === "mình") beforeWords.pop();
  const before = beforeWords.join(" ");
  // After the marker: "của mình" says whose data, not what is missing.
  const afterText = sentence.slice(match.index + match[0].length, end).trim();
  const after = afterText.toLowerCase().startsWith("của mình") ? afterText.slice("của mình".length).trim() : afterText;
  const subject = [before, after].filter(Boolean).join(" ");
  return subject ? { subject, start, end, hard: HARD_GAP_RE.test(match[0]) } : undefined;
}

/**
 * Whether the question asks for what the reply's own knowledge says it does not hold: a curated
 * answer lists what is known, then "vay vốn để đi học chưa có trong dữ liệu". Weighed by the
 * question's informative words: the gap's subject must hold some the rest of the reply lacks, and
 * at least as much of the question as the rest of the reply does, unless the rest lacks the value
 * asked for ("được vay bao nhiêu" beside a list of exemptions with no amount). Then the reply is still sent
 * (it says what is known and where to ask) but the question counts as unanswered.
 */
export function asksForGap(
  snapshot: KnowledgeSnapshot,
  asked: Analysis,
  body: string,
  headings: string[],
  restGivesWanted?: (text: string) => boolean,
  amountAsked = false,
): boolean {
  const all = sentences(body);
  const found = all.map(gapClause);
  if (!found.some(Boolean)) return false;
  // "… vùng III 4.140.000 đồng, vùng IV 3.700.000 đồng; mình chưa rõ các xã … áp dụng vùng III hay
  // vùng IV": an uncertainty beside the value asked for qualifies it; only "chưa có trong dữ liệu"
  // still names a gap there.
  const restOf = (clauses: typeof found) => all.map((s, i) => (clauses[i] ? s.slice(0, clauses[i]!.start) + s.slice(clauses[i]!.end) : s)).join(" ");
  const clauses = amountAsked && restGivesWanted?.(restOf(found)) ? found.map((c) => (c?.hard ? c : undefined)) : found;
  const subjects = clauses.map((c) => c?.subject);
  if (!subjects.some(Boolean)) return false;
  const termsOf = (text: string) => new Set(analyze(text, snapshot.lexicon).terms);
  const gap = new Set(subjects.flatMap((s) => (s ? [...termsOf(s)] : [])));
  // The rest: sentences without a gap, and what a gap sentence says before its gap clause ("Trong
  // giai đoạn 2021–2025, … hỗ trợ …; chương trình cho giai đoạn tiếp theo chưa có trong dữ liệu").
  const restText = restOf(clauses);
  const restTerms = termsOf(restText);
  // "Nội dung các văn bản này": a noun pointed back to with "này"/"đó" is one the rest names.
  for (const s of subjects) {
    const pointed = s ? /(\p{L}+(?: \p{L}+)?) (?:này|đó|trên)\b/u.exec(s) : null;
    if (pointed) for (const term of termsOf(pointed[1]!)) restTerms.add(term);
  }
  // The passage's heading names what all its sentences are about ("Trường Phổ thông Dân tộc nội
  // trú tỉnh"): "của trường" in the gap sentence means it too, so those words tell nothing apart.
  const shared = new Set(headings.flatMap((h) => [...termsOf(h)]));
  const weigh = (skipShared: boolean) => {
    let gapOnly = 0;
    let restOnly = 0;
    for (const term of new Set(asked.terms)) {
      // Synonym groups ("§dot_tiep_theo": "đợt sau" is "đợt tiếp theo") count; word pairs do not.
      if (!isInformative(term) || (term.includes("_") && !term.startsWith("§"))) continue;
      // A word that alone names a group ("GDNN") counts through its group, which the spelled-out
      // form in the rest ("giáo dục nghề nghiệp") also carries.
      if (!term.startsWith("§") && findConcepts(snapshot.lexicon, [term]).some((c) => gap.has(`§${c}`) && restTerms.has(`§${c}`))) continue;
      if (skipShared && shared.has(term)) continue;
      const weight = Math.min(snapshot.keyword.idf(term), 6);
      if (gap.has(term) && !restTerms.has(term)) gapOnly += weight;
      if (restTerms.has(term) && !gap.has(term)) restOnly += weight;
    }
    return { gapOnly, restOnly };
  };
  const whole = weigh(false);
  if (whole.gapOnly <= 0) return false;
  if (whole.gapOnly >= whole.restOnly) return true;
  const own = weigh(true);
  if (own.gapOnly > own.restOnly) return true;
  // Only a gap the knowledge names outright ("chưa có trong dữ liệu") stands in for a value the rest
  // lacks; "… chưa xác minh được" beside the document asked for ("lập theo thông tư nào") does not.
  return clauses.some((c) => c?.hard) && restGivesWanted !== undefined && !restGivesWanted(restText);
}

/** Whether a reply says, somewhere, that the data has no answer ("không có số điện thoại…"). */
export function declaresNoData(text: string): boolean {
  return NO_DATA_RE.test(text);
}

/** Words that say little about what is asked; left out of matching scores. */
const STOPWORDS = new Set(
  (
    "la gi j nao sao the thi co khong ko k duoc dc cua va cho voi o dau ai bao nhieu nhu vay v z a ah oi nhe ha hay hoac em minh toi ban ad anh chi " +
    "con cac nhung mot ve tu den khi neu phai biet hoi xin giup nua roi chua da se dang bi boi ra vao len nay do kia day ak nha nhi luon lai " +
    "thoi vs ma rat qua moi tat ca hien gio bay chau xong tiep muon nen chao hello hi alo bot cam on soc sa bai sok sabay ghe tai"
  ).split(" "),
);

/**
 * Pairs of stopwords that mean something together once diacritics are gone: "tối đa" (at most)
 * folds to "toi da", two stopwords ("tôi", "đã"), yet it is what "hỗ trợ tối đa bao nhiêu" asks.
 */
const MEANINGFUL_PAIRS = new Set(["toi_da", "it_nhat"]);

export function isInformative(term: string): boolean {
  if (term.startsWith("~")) return false;
  if (term.startsWith("§")) return true;
  if (term.includes("_")) {
    if (MEANINGFUL_PAIRS.has(term)) return true;
    const [a, b] = term.split("_");
    return !(STOPWORDS.has(a!) && STOPWORDS.has(b!));
  }
  return !STOPWORDS.has(term);
}

/** Sum of idf over the question's informative terms that the text shares; 0..1 when divided by the total. */
export function matchWeight(snapshot: KnowledgeSnapshot, query: Analysis, terms: Set<string>): { matched: number; total: number } {
  let matched = 0;
  let total = 0;
  for (const term of new Set(query.terms)) {
    if (!isInformative(term) || term.includes("_")) continue;
    const weight = Math.min(snapshot.keyword.idf(term), 6);
    total += weight;
    if (terms.has(term)) matched += weight;
  }
  return { matched, total };
}

/** Whether the question's informative words (two or more) are exactly those of one of the entry's questions. */
function askedAsWritten(snapshot: KnowledgeSnapshot, query: Analysis, chunk: Chunk): boolean {
  const own = (terms: Iterable<string>) => new Set([...terms].filter((t) => isInformative(t) && !t.includes("_")));
  const asked = own(query.terms);
  if (asked.size < 2) return false;
  return variantTermsOf(snapshot, chunk).some((terms) => {
    const written = own(terms);
    return written.size === asked.size && [...asked].every((t) => written.has(t));
  });
}

/** Values asked that a yes or a no never gives: which trades, how many, how much, when, how long. */
const THING_WANTED = new Set(["which_trades", "count", "amount", "date", "duration"]);
/** Weight of a sentence that says yes or no to a question asking for a thing. */
const POLAR_FIT = 0.3;

/**
 * A reply that opens by saying yes or no (knowledge/slots.yaml `polar_answers` before a comma:
 * "Không, phân luồng là tự nguyện…", "Được, người học có thể liên thông…") answers a yes/no
 * question. A question asking which, how many, how much or when ("lớp 9 học nghề gì") is not
 * answered by it, however many words it shares.
 */
function polarForThing(text: string, qa: QuestionAnalysis, lexicon: Lexicon): boolean {
  if (qa.act === "yes_no" || !THING_WANTED.has(qa.wanted)) return false;
  const comma = text.indexOf(",");
  if (comma < 0) return false;
  const opening = foldedWords(text.slice(0, comma));
  return lexicon.slots.polarAnswers.some((p) => p.length === opening.length && p.every((w, i) => w === opening[i]));
}

const MAX_BODY_CHARS = 620;
/** Weight of a sentence saying how things stand now, for a question about the present. */
const PRESENT_FIT = 1.6;
/** A sentence naming the office asked about only as a partner or an addressee: another office's task. */
const PARTNER_FIT = 0.4;
/** Share of the question's informative words that a FAQ variant must contain for the FAQ answer to be given whole. */
const FAQ_MIN_VARIANT_COVERAGE = 0.6;

const variantTermsCache = new WeakMap<Chunk, Set<string>[]>();

/** The terms of each of a FAQ entry's questions (once per chunk). */
function variantTermsOf(snapshot: KnowledgeSnapshot, chunk: Chunk): Set<string>[] {
  let variants = variantTermsCache.get(chunk);
  if (!variants) {
    variants = (chunk.faqQuestions ?? []).map((v) => new Set(analyze(v, snapshot.lexicon, { query: true }).terms));
    variantTermsCache.set(chunk, variants);
  }
  return variants;
}

function faqVariantCoverage(snapshot: KnowledgeSnapshot, query: Analysis, chunk: Chunk): number {
  let best = 0;
  for (const terms of variantTermsOf(snapshot, chunk)) {
    const { matched, total } = matchWeight(snapshot, query, terms);
    if (total > 0) best = Math.max(best, matched / total);
  }
  return best;
}



/**
 * Builds the reply from the best sentences. A matching FAQ entry is given whole; otherwise the
 * best sentence of the best chunks, with its neighbours when they also match.
 */
export function extractiveAnswer(snapshot: KnowledgeSnapshot, query: Analysis, hits: RetrievedChunk[], qa?: QuestionAnalysis): DraftAnswer {
  const top = hits[0];
  if (!top) return { body: "", sources: [], used: [], declaresUnknown: false };
  // How a candidate fits what is asked: it holds the wanted value, agrees on the key slots.
  const asked = qa ? rateAsked(qa.folded) : undefined;
  const offices = qa ? officesAsked(qa.folded, snapshot.lexicon) : new Set<string>();
  const rooms = qa ? roomsAsked(qa.folded, snapshot.lexicon) : new Set<string>();
  const fit = (text: string) => {
    if (!qa) return 1;
    const p = providesOf(text, snapshot);
    let factor = 1 + 0.25 * slotAgreement(p, qa);
    if (qa.wanted !== "none") factor *= givesWanted(p, qa.wanted) ? 1.25 : 0.85;
    if (contradicts(p, qa) || missesAskedCountry(p, qa) || gradeClash(text, qa)) factor *= 0.2;
    // "Lương tối thiểu vùng III" is the monthly figure unless an hour is asked.
    factor *= rateFit(text, asked);
    // "Phòng đó giờ còn không": the sentence on how things stand now, before the 2023 plan's.
    if (qa.present && statesPresent(snapshot, text)) factor *= PRESENT_FIT;
    // The office asked about must act in the sentence, not only be worked with or reported to.
    if (namesAskedOfficeOnlyAsPartner(text, offices, snapshot.lexicon)) factor *= PARTNER_FIT;
    // …and a sentence where only other offices act tells their task, not the one asked.
    else if (namesOtherOfficeOnly(text, rooms, snapshot.lexicon)) factor *= PARTNER_FIT;
    if (polarForThing(text, qa, snapshot.lexicon)) factor *= POLAR_FIT;
    return factor;
  };
  const faqFits = (answer: string) => {
    if (!qa) return true;
    const p = providesOf(answer, snapshot);
    // A curated answer counting by another period (per hour for a monthly question) is a neighbour,
    // and so is one whose rule is written for another group ("hộ nghèo" when the near-poor are asked):
    // the passages are read sentence by sentence instead.
    return !contradicts(p, qa) && !missesAskedCountry(p, qa) && !gradeClash(answer, qa) && !namesOtherGroupOnly(p, qa) && givesWanted(p, qa.wanted) && rateFit(answer, asked) >= 1 && !polarForThing(answer, qa, snapshot.lexicon);
  };
  // A FAQ entry is given whole when one of its question variants says what the user asked, and its
  // answer holds what is wanted (a neighbouring entry must not win over the passage that answers).
  if (top.chunk.faqAnswer && faqVariantCoverage(snapshot, query, top.chunk) >= FAQ_MIN_VARIANT_COVERAGE && faqFits(top.chunk.faqAnswer)) {
    // A curated answer that opens with "no data" is an honest non-answer.
    const first = sentences(top.chunk.faqAnswer)[0] ?? "";
    const noData = NO_DATA_RE.test(first);
    const asWritten = askedAsWritten(snapshot, query, top.chunk);
    return { body: top.chunk.faqAnswer, sources: [sourceOf(top.chunk)], used: [top.chunk], declaresUnknown: noData, opensWithNoData: noData, ...(asWritten ? { askedAsWritten: true } : {}) };
  }

  // Score every sentence of the top chunks; prefer the top chunk's document.
  const candidates: { chunk: Chunk; rank: number; position: number; text: string; score: number }[] = [];
  hits.slice(0, 4).forEach((hit, rank) => {
    sentenceTerms(snapshot, hit.index).forEach(({ text, terms }, position) => {
      const { matched } = matchWeight(snapshot, query, terms);
      let bigrams = 0;
      for (const term of new Set(query.terms)) if (term.includes("_") && isInformative(term) && terms.has(term)) bigrams += 1;
      // Rank decay keeps the answer in the best chunk unless another sentence is clearly better.
      const score = (matched + bigrams * 0.8) * (1 - rank * 0.15) * fit(text);
      candidates.push({ chunk: hit.chunk, rank, position, text, score });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.rank - b.rank || a.position - b.position);
  const best = candidates[0];
  if (!best || best.score <= 0) {
    return {
      body: withHeading(top.chunk, sentences(top.chunk.text).slice(0, 2).join(" ")),
      sources: [sourceOf(top.chunk)],
      used: [top.chunk],
      declaresUnknown: false,
    };
  }

  // Keep the best sentence, then others from the same chunk that also score well, in text order.
  const chosen = [best];
  let length = best.text.length;
  for (const c of candidates.slice(1)) {
    if (c.chunk !== best.chunk || c.score < best.score * 0.35) continue;
    if (length + c.text.length > MAX_BODY_CHARS) continue;
    chosen.push(c);
    length += c.text.length;
    if (chosen.length >= 4) break;
  }
  // A very short extract reads better with the sentence that follows it.
  if (length < 160) {
    const all = sentences(best.chunk.text);
    const next = all[best.position + 1];
    if (next && !chosen.some((c) => c.position === best.position + 1) && length + next.length <= MAX_BODY_CHARS) {
      chosen.push({ ...best, position: best.position + 1, text: next, score: 0 });
    }
  }
  // A question about now ("phòng đó giờ còn không") is answered with what holds now: the passage's
  // sentence saying it joins the extract when the words of the earlier question outweighed it.
  if (qa?.present) {
    const all = sentences(best.chunk.text);
    const at = chosen.some((c) => statesPresent(snapshot, c.text)) ? -1 : all.findIndex((text) => statesPresent(snapshot, text));
    if (at >= 0) chosen.push({ ...best, position: at, text: all[at]!, score: 0 });
  }
  // A sentence cut from a spreadsheet row ("Yêu cầu: … ưu tiên người về nước từ Đài Loan") says
  // nothing of which row: the row's first sentence, naming the position and the company, goes with it.
  if (best.chunk.kind === "labour" && !chosen.some((c) => c.position === 0)) {
    const opening = sentences(best.chunk.text)[0];
    if (opening) chosen.push({ ...best, position: 0, text: opening, score: 0 });
  }
  chosen.sort((a, b) => a.position - b.position);
  const body = withHeading(best.chunk, chosen.map((c) => c.text).join(" "));
  return { body, sources: [sourceOf(best.chunk)], used: [best.chunk], declaresUnknown: NO_DATA_RE.test(best.text) };
}

/** Whether a text says how things stand now ("từ ngày 1/7/2025 … không còn", "hiện nay hỏi …": `states_present`). */
export function statesPresent(snapshot: KnowledgeSnapshot, text: string): boolean {
  return containsPhrase(foldedWords(text), snapshot.lexicon.slots.statesPresent);
}

/** Plan sentences often omit who they are about ("Chủ trì, phối hợp…"): the heading says it. */
function withHeading(chunk: Chunk, text: string): string {
  if (chunk.kind !== "plan") return text;
  const heading = chunk.trail.at(-1);
  const label = chunk.ref ? `mục ${chunk.ref}` : "";
  if (heading && /^(\d+|[a-zđ])[.)]\s/u.test(heading)) {
    // For lettered points the owner is the numbered item above.
    const owner = chunk.trail.find((t) => /^\d+\.\s/.test(t));
    const who = owner ? owner.replace(/^\d+\.\s*/, "") : "";
    return `Theo Kế hoạch năm 2023 của UBND huyện Trà Cú (${label}${who ? `, ${who}` : ""}): ${text}`;
  }
  return `Theo Kế hoạch năm 2023 của UBND huyện Trà Cú${label ? ` (${label})` : ""}: ${text}`;
}

/**
 * A chunk's sentences with their terms, computed once per snapshot. The heading's terms are added
 * to every sentence: it names the subject the sentences leave implicit ("4. Trưởng phòng Nội vụ").
 */
function sentenceTerms(snapshot: KnowledgeSnapshot, index: number): { text: string; terms: Set<string> }[] {
  let list = snapshot.sentenceCache.get(index);
  if (!list) {
    const chunk = snapshot.chunks[index]!;
    // Every heading above the passage ("I. MỤC ĐÍCH, YÊU CẦU" over "1. Triển khai…") says what its
    // sentences are about, though they never repeat it.
    const heading = analyze(chunk.trail.join("\n"), snapshot.lexicon).terms;
    list = sentences(chunk.text).map((text) => ({ text, terms: new Set([...analyze(text, snapshot.lexicon).terms, ...heading]) }));
    snapshot.sentenceCache.set(index, list);
  }
  return list;
}

/** Values a clause may be asked for by who receives them. */
const CLAUSE_WANTED = new Set(["amount", "count", "duration"]);

/**
 * Where a passage lists a value per group ("người khuyết tật … 6 triệu đồng; người thuộc hộ cận
 * nghèo tối đa 2,5 triệu đồng; …"), the clauses naming the group asked, with the passage's
 * attribution ("Theo mức năm 2015 của Quyết định 46/2015 …"): a parent asking for the near-poor
 * gets that line first, not the whole list or a summary that leaves the group out. Undefined when
 * no sentence of the hits lists values by group, or none names the asked one with a value.
 */
export function clausesForAudience(snapshot: KnowledgeSnapshot, hits: RetrievedChunk[], qa: QuestionAnalysis, current: string): DraftAnswer | undefined {
  // The group this message names (a carried one was answered in the earlier turn).
  const asked = new Set(qa.carried.includes("audience") ? [] : qa.slots.audience.map((a) => a.id));
  if (!asked.size || !CLAUSE_WANTED.has(qa.wanted)) return undefined;
  const namesAsked = (clause: string) => {
    const p = providesOf(clause, snapshot);
    return [...(p.slots.get("audience") ?? [])].some((id) => asked.has(id)) && givesWanted(p, qa.wanted);
  };
  // The reply already gives the group's value in a sentence of its own (not one line of a list): kept.
  if (sentences(current).some((sentence) => sentence.split(";").length < 3 && namesAsked(sentence))) return undefined;
  let best: { chunk: Chunk; clauses: string[]; lead: string; named: number; rank: number } | undefined;
  hits.slice(0, 8).forEach((hit, rank) => {
    for (const { text } of sentenceTerms(snapshot, hit.index)) {
      // Only a list at the sentence's own level: "(người khuyết tật 6 triệu; hộ cận nghèo 2,5 triệu)" is an aside.
      if (/\([^)]*;/.test(text)) continue;
      const clauses = text.replace(/[.。]\s*$/, "").split(/;\s*/);
      if (clauses.length < 3) continue;
      const matching = clauses.flatMap((clause) => {
        const p = providesOf(clause, snapshot);
        const named = [...(p.slots.get("audience") ?? [])].filter((id) => asked.has(id)).length;
        return named && givesWanted(p, qa.wanted) ? [{ clause, named }] : [];
      });
      if (!matching.length) continue;
      const named = Math.max(...matching.map((m) => m.named));
      const chosen = matching.filter((m) => m.named === named).map((m) => m.clause.trim());
      // "Theo mức năm 2015 của Quyết định 46/2015 (…)," opens the list: it goes before any clause but the first.
      const lead = /^(Theo [^,]*(?:\([^)]*\))?[^,]*),/u.exec(clauses[0]!)?.[1] ?? "";
      if (!best || named > best.named || (named === best.named && rank < best.rank)) best = { chunk: hit.chunk, clauses: chosen, lead, named, rank };
    }
  });
  if (!best) return undefined;
  const joined = best.clauses.map((c) => (best!.lead && c.startsWith(best!.lead) ? c.slice(best!.lead.length).replace(/^,\s*/, "") : c)).join("; ");
  const body = best.lead ? `${best.lead}, ${joined}.` : `${joined.charAt(0).toUpperCase()}${joined.slice(1)}.`;
  return { body, sources: [sourceOf(best.chunk)], used: [best.chunk], declaresUnknown: false };
}

export function sourceOf(chunk: Chunk): SourceRef {
  return { title: chunk.docTitle, ref: chunk.ref, asOf: chunk.asOf, url: chunk.url };
}

/** "Nguồn: Kế hoạch 4993/QĐ-UBND (2023), mục IV.2 (21/11/2023)". */
export function sourceLine(sources: SourceRef[]): string {
  const parts = sources.map((s) => {
    const ref = !s.ref ? "" : /^[IVX\d]/.test(s.ref) ? `, mục ${s.ref}` : s.ref.startsWith("dòng") ? `, ${s.ref}` : `, phần "${s.ref}"`;
    const date = s.asOf ? ` (${formatDateVi(s.asOf)})` : "";
    return `${s.title}${ref}${date}`;
  });
  return `Nguồn: ${parts.join("; ")}`;
}

/**
 * The answering core: one call from a question to a reply, the same for every channel.
 *
 * Order: refuse what must be refused → small talk → follow-up context → spreadsheet rows →
 * hybrid retrieval → confidence check → LLM (when configured, grounded, with fallback) or the
 * offline extractive answer → sources and suggestions.
 *
 * ```ts
 * const engine = new AnswerEngine({ knowledge: kb, llm: undefined });
 * const reply = await engine.answer({ text: "hoc nghe o dau", userKey: "web:abc" });
 * ```
 */
import { analyze } from "../knowledge/analyzer.js";
import { labourRowOf } from "../knowledge/labour-chunks.js";
import { afterSelfCorrection, containsPhrase, correctedMeaning, type Lexicon } from "../knowledge/lexicon.js";
import type { KnowledgeBase, KnowledgeSnapshot } from "../knowledge/knowledge-base.js";
import { validOn } from "../knowledge/expiry.js";
import { retrieve, type RetrievedChunk } from "../knowledge/retriever.js";
import { canonical, foldedWords, sentences } from "../knowledge/vietnamese.js";
import type { Chunk, Topic } from "../knowledge/types.js";
import { InputError } from "../errors.js";
import { columnNamesVi, repliesVi, slotPhrasesVi, suggestionsNoLabourDataVi, suggestionsVi } from "../messages-vi.js";
import { maskPersonalData, stripMasks } from "../privacy/masking.js";
import { localIsoDate } from "../time/local-date.js";
import { ANSWER_CHECK_MODEL, answerCheckScore, answerFeatures, type AnswerCheckModel } from "./answer-check.js";
import type { Answer, PreviousTurn } from "./answer.js";
import { contradicts, documentSlotValues, givesWanted, missesAskedCountry, namesNumberWith, providesOf, rateAsked, ratesIn, unknownSlot, unstatedAsked } from "./candidate-fit.js";
import { asksForGap, clausesForAudience, declaresNoData, extractiveAnswer, isInformative, matchWeight, sourceLine, sourceOf, statesPresent } from "./extractive-answerer.js";
import { asksBareValue } from "./bare-value.js";
import { answerAbbreviation, asksMoreThanAbbreviation } from "./abbreviation-answerer.js";
import { answerFromCommunes } from "./commune-answerer.js";
import { asksFortune, detectIntents, REFUSAL_ORDER, type SpecialIntent } from "./intents.js";
import { answerFromEvents, type EventSource } from "./event-answerer.js";
import { answerFromLabour, answerFromRowHits, companyHasRowsIn, comparesUnnamed, courseTermsLines, coursesNameGroup, openingHitsNamed, rowFit, rowsShownAgain, tableByColumns, tableNamed, unsaidInRows, WHICH_RE, type LabourAnswer, type LabourQuestion } from "./labour-answerer.js";
import { hasLabourData, labourDataQuestion, labourNoDataText, staleLabourNote } from "./labour-data-state.js";
import type { LlmAnswerer } from "./llm-answerer.js";
import { analyzeQuestion, askingClauses, everydayWords, namesOwnSlots, questionWords, renderAnalysis, slotsToKeep, withPrevious, yearSaid, type QuestionAnalysis } from "./question-analysis.js";
import { replyHash, styleReply } from "./reply-style.js";

/** The knowledge's note that a level it gives may be out of date. */
const DATED_RE = /có thể đã (được )?(điều chỉnh|thay đổi)/iu;

/** Longest question accepted, in characters. */
export const MAX_QUESTION_CHARS = 2000;
/** A follow-up is linked to the previous turn only within this time. */
export const CONTEXT_TTL_MS = 30 * 60 * 1000;
/** Below this share of the question's informative words found in the best passage, say "don't know". */
export const MIN_COVERAGE = 0.4;
/** Concepts (knowledge/synonyms.yaml) of a message asking what a fee or a support is. */
const FEE_OR_SUPPORT_CONCEPTS = new Set(["hoc_phi", "mien_hoc_phi", "ho_tro"]);
/** Of those, the ones asking what a group is given rather than what a course costs. */
const GROUP_BENEFIT_CONCEPTS = new Set(["mien_hoc_phi", "ho_tro"]);
/** Course rows whose fee and support follow the policy for a group. */
const GROUP_POLICY_COURSES = 2;

/** Per-user memory of the previous turn. The channels issue keeps it in the store. */
export interface ConversationMemory {
  get(userKey: string): Promise<PreviousTurn | undefined>;
  set(userKey: string, turn: PreviousTurn): Promise<void>;
}

/** Memory in this process only, expiring after 30 minutes of silence. */
export class InMemoryConversationMemory implements ConversationMemory {
  private readonly turns = new Map<string, PreviousTurn>();
  constructor(private readonly maxUsers = 10_000) {}
  async get(userKey: string): Promise<PreviousTurn | undefined> {
    const turn = this.turns.get(userKey);
    if (!turn) return undefined;
    if (Date.now() - turn.at > CONTEXT_TTL_MS) {
      this.turns.delete(userKey);
      return undefined;
    }
    return turn;
  }
  async set(userKey: string, turn: PreviousTurn): Promise<void> {
    this.turns.delete(userKey);
    this.turns.set(userKey, turn);
    // Oldest first in a Map: drop from the front when full.
    if (this.turns.size > this.maxUsers) this.turns.delete(this.turns.keys().next().value!);
  }
}

export interface AnswerEngineSettings {
  /** Where the snapshot comes from (the preview of new Labour Office data passes its own). */
  knowledge: Pick<KnowledgeBase, "current">;
  /** Present when LLM_BASE_URL and LLM_MODEL are set. */
  llm?: LlmAnswerer;
  memory?: ConversationMemory;
  /** Clock, for spreadsheet dates ("tháng này"); tests pass a fixed one. */
  now?: () => Date;
  /** Called when the LLM answer was rejected (for logs and metrics); never receives message text. */
  onLlmFallback?: (reason: string) => void;
  /**
   * How many answers to questions asked without context to keep (default 1000; 0 = off). Many
   * students send the same menu questions; the answer depends only on the knowledge and the day.
   */
  cacheSize?: number;
  /** Upcoming events (knowledge/events and the dashboard); unset = event questions go to the knowledge. */
  events?: EventSource;
  /** Labour Office data older than this many days is answered with its date and "số liệu cũ" (LABOUR_DATA_MAX_AGE_DAYS); unset = never. */
  labourMaxAgeDays?: number;
  /** The answer check's model and threshold (`answer-check.ts`); unset = the trained model shipped with the code. */
  answerCheck?: AnswerCheckModel;
}

export interface AnswerRequest {
  text: string;
  /** Anonymous key of the user (never a raw platform id); enables follow-ups. */
  userKey?: string;
  /** The user's commune from their profile, when known: events there are listed first. */
  commune?: string | null;
}

/** An answer given without context, kept for the same words today. */
interface CachedAnswer {
  answer: Answer;
  /** Rows of a table answer, remembered for a follow-up about them. */
  table?: PreviousTurn["table"];
  /** The question's analysis (it depends on the words and the knowledge only). */
  qa?: QuestionAnalysis;
  /** The rows that answer showed (`file#row`), remembered for a follow-up about them. */
  rows?: string[];
  /** `replyHash` of the answer, once computed. */
  hash?: string;
}

export class AnswerEngine {
  private readonly memory: ConversationMemory;
  private readonly now: () => Date;
  /** Context-free answers, with the table rows a follow-up may ask about and the question's analysis. */
  private readonly cache = new Map<string, CachedAnswer>();
  private cacheSnapshot: KnowledgeSnapshot | undefined;
  private readonly answerCheck: AnswerCheckModel;

  constructor(private readonly settings: AnswerEngineSettings) {
    this.memory = settings.memory ?? new InMemoryConversationMemory();
    this.now = settings.now ?? (() => new Date());
    this.answerCheck = settings.answerCheck ?? ANSWER_CHECK_MODEL;
  }

  /** A cached answer for this exact question today, unless the knowledge changed since. */
  private cached(snapshot: KnowledgeSnapshot, key: string): CachedAnswer | undefined {
    if (this.cacheSnapshot !== snapshot) {
      this.cache.clear();
      this.cacheSnapshot = snapshot;
      return undefined;
    }
    const hit = this.cache.get(key);
    return hit ? { ...hit, answer: { ...hit.answer } } : undefined;
  }

  /** Keeps the reply hash with the cached entry (`cached` hands out copies). */
  private keepHash(key: string, hash: string): void {
    const entry = this.cache.get(key);
    if (entry) entry.hash = hash;
  }

  /** Caches a context-free reply and returns it. */
  private keep(key: string, previous: PreviousTurn | undefined, answer: Answer): Answer {
    if (!previous) this.remember(key, answer);
    return { ...answer };
  }

  private remember(key: string, answer: Answer, extra: Omit<CachedAnswer, "answer"> = {}): void {
    const size = this.settings.cacheSize ?? 1000;
    // LLM replies vary and cost money per call, but are not reused: each user gets a fresh one.
    if (size <= 0 || answer.answerer === "llm") return;
    if (this.cache.size >= size) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { ...extra, answer: { ...answer } });
  }

  /** Answers one message. Throws InputError for empty or over-long text; never for content. */
  async answer(request: AnswerRequest): Promise<Answer> {
    const text = request.text.normalize("NFC").trim();
    if (!text) throw new InputError("text_empty", "text is empty");
    if (text.length > MAX_QUESTION_CHARS) throw new InputError("text_too_long", `text is longer than ${MAX_QUESTION_CHARS} characters`);
    const snapshot = this.settings.knowledge.current();
    // Personal numbers are masked before anything else sees the text.
    const masked = maskPersonalData(text);
    const previous = request.userKey ? await this.memory.get(request.userKey) : undefined;
    // Without an earlier turn there is no context: the same words get the same answer today.
    const cacheKey = `${localIsoDate(this.now())}|${canonical(masked)}`;
    const hit = this.cached(snapshot, cacheKey);
    let hitQa: QuestionAnalysis | undefined;
    if (hit) {
      const asked = stripMasks(masked);
      // The analysis depends on the words alone: kept with the answer, made here for older entries.
      hitQa = request.userKey || previous ? (hit.qa ?? analyzeQuestion(asked, snapshot)) : undefined;
      // A message that is not a follow-up is answered as without context: by the cached answer
      // (real users nearly always have an earlier turn; without this, none of them would hit it).
      // (An unanswered reply is not reused for a short message that may continue the earlier turn: see below.)
      if (!previous || (!looksLikeFollowUp(hitQa!, cueScore(hitQa!), previous, snapshot.lexicon) && !(!hit.answer.answered && mayContinue(hitQa!)))) {
        let reply = hit.answer;
        if (reply.answerer !== "rule") {
          // Hashing a long reply costs more than the rest of a cached answer: done once per entry.
          let hash = hit.hash ?? replyHash(reply.answer);
          if (!hit.hash) this.keepHash(cacheKey, hash);
          // The same reply twice in a row helps no one (as below).
          if (previous?.answerHash && previous.answerHash === hash) {
            reply = this.repeated(snapshot, reply, asked, hitQa!, previous);
            hash = replyHash(reply.answer);
          }
          if (request.userKey) await this.memory.set(request.userKey, { ...turnOf(asked, reply, hitQa!, hash), ...(hit.table ? { table: hit.table } : {}), ...(hit.rows?.length ? { rows: hit.rows } : {}) });
        }
        return reply;
      }
    }
    // Matching works on the words alone; the masked question is what the LLM and the records get.
    // "Ý em là học hàn chứ không phải đi làm": a correction asks what it means in the earlier
    // question's place, with that question as context (a follow-up), the part ruled out dropped.
    // "…, à nhầm, ca sáng ở lò bánh": a message that corrects itself asks what follows the correction.
    const selfCorrected = afterSelfCorrection(stripMasks(masked), snapshot.lexicon.slots);
    const corrected = previous ? correctedMeaning(selfCorrected ?? stripMasks(masked), snapshot.lexicon.slots) : undefined;
    const meant = corrected ?? selfCorrected;
    const matchable = meant ?? stripMasks(masked);
    const analysis = analyze(matchable, snapshot.lexicon, { query: true });
    const folded = analysis.folded.join(" ");
    // Refusal phrases are read clause by clause: "lương sao, hạn nộp khi nào" is no "sao hạn"
    // (fortune telling) once the comma that parts them is kept.
    // (A message of one clause, most of them, is not analysed again.)
    const parts = matchable.split(CLAUSE_BREAK_RE).filter((c) => c.trim());
    const clauses = parts.length > 1 ? parts.map((c) => analyze(c, snapshot.lexicon, { query: true }).folded.join(" ")).filter(Boolean) : [folded];
    const intents = new Set(clauses.flatMap((clause) => [...detectIntents(clause, snapshot.lexicon.slots)]));

    const refusal = REFUSAL_ORDER.find((intent) => intents.has(intent));
    // The one analysis of this message (act, wanted value, topic, slots).
    let qa = (meant === undefined ? hitQa : undefined) ?? analyzeQuestion(matchable, snapshot);
    const cues = { score: cueScore(qa) };
    // "Lớp nấu ăn ngắn hạn" names a trade: not the cooking recipes the off-topic list refuses.
    const namesTrade = refusal === "off_topic" && qa.slots.trade.length > 0;
    if (refusal && !(refusal === "off_topic" && (cues.score >= 3 || namesTrade) && !clauses.some(asksFortune))) return this.keep(cacheKey, previous, this.refuse(refusal));
    // The topic classifier, trained on the question bank's out-of-scope examples, is sure the message
    // is about none of our topics ("làm sao để giảm cân nhanh") and it names nothing of ours: refused
    // as off topic rather than answered from whichever passage shares a word.
    // (Not a greeting, and not a message naming a year, a document, or a column of the Labour Office's tables.)
    const sureOffTopic = !refusal && (qa.topicScores.get("out_of_scope") ?? 0) >= OUT_OF_SCOPE_MIN;
    const social = intents.has("greeting") || intents.has("khmer_greeting") || intents.has("thanks") || intents.has("farewell") || intents.has("identity");
    const namesOurs = () => namesOwnSlots(qa) || qa.concepts.length > 0 || qa.slots.year !== undefined || qa.slots.documentNumber !== undefined || tableByColumns(qa.folded, snapshot.lexicon) !== undefined;
    if (sureOffTopic && !social && !namesOurs() && !(previous && looksLikeFollowUp(qa, cues.score, previous, snapshot.lexicon))) {
      return this.keep(cacheKey, previous, this.refuse("off_topic"));
    }

    if (intents.has("own_case")) {
      const reply = this.withSuggestions({ answer: repliesVi.ownCase, answered: false, topic: qa.topic ?? "labour_market_jobs", sources: [], confidence: 0, answerer: "rule" });
      return this.keep(cacheKey, previous, reply);
    }
    if (intents.has("not_covered")) {
      const reply = this.withSuggestions({ answer: repliesVi.notCovered, answered: false, topic: "out_of_scope", sources: [], confidence: 0, answerer: "rule" });
      return this.keep(cacheKey, previous, reply);
    }

    const greeting = smallTalk(intents, hasLabourData(snapshot.labour));
    // Greeting or thanks alone gets small talk; with a real question, the answer follows the greeting.
    // A long message after "Chào ad" ("…, có chỗ nào cần người biết tiếng Trung không em?") tells and
    // asks something, though in words no slot names: it goes to the answering below.
    // (Asking who answers, "bot là người thật hay máy", is answered by the small talk, however long.)
    const greetingOnly = intents.has("identity") || intents.has("thanks") || folded.split(" ").length <= GREETING_SMALL_TALK_MAX_WORDS;
    if (greeting && cues.score < 2 && greetingOnly) {
      const reply = this.withSuggestions({ answer: greeting, answered: true, topic: "greeting_smalltalk", sources: [], confidence: 1, answerer: "rule" });
      return this.keep(cacheKey, previous, reply);
    }

    // Upcoming events change with the day, the user's commune and the dashboard: never cached.
    if (this.settings.events) {
      // A long message that mentions an event ("giáo viên tư vấn hướng nghiệp", "mời người về nói
      // chuyện chuyên đề") asks about events only if its question sentence does.
      const eventText = masked.split(/\s+/).length > EVENT_FOCUS_WORDS ? (questionFocus(masked) ?? masked) : masked;
      const events = await answerFromEvents({ text: eventText, profileCommune: request.commune, now: this.now() }, this.settings.events, snapshot.lexicon);
      if (events) return events;
    }

    // A follow-up keeps the earlier turn's slots.
    const groupOfCourses = previous ? asksGroupOfShownCourses(qa, previous, snapshot) : undefined;
    let isFollowUp = previous !== undefined && (corrected !== undefined || (groupOfCourses ?? looksLikeFollowUp(qa, cues.score, previous, snapshot.lexicon)));
    if (isFollowUp) qa = withPrevious(qa, previous!.slots, previous!.wanted, (company, communes) => companyHasRowsIn(snapshot.labour, snapshot.lexicon, company, communes));
    // "Lương?", "hạn nộp", "học phí bao nhiêu" with no earlier turn that named what they are of: which
    // trade, course or place is meant is asked back (unanswered), rather than guessed.
    // Only the openings' columns: a course's start, fee or length asked alone is answered with the
    // courses listed by it, which is what it asks.
    const bare = hasLabourData(snapshot.labour) && !namesOwnSlots(qa) ? asksBareValue(qa.folded.split(" ").filter(Boolean), snapshot.lexicon) : undefined;
    if (bare && bare.table !== "course" && (!previous || !carriesSubject(previous))) {
      const reply = this.withSuggestions({ answer: repliesVi.asksWhichRow(columnNamesVi[bare.column] ?? bare.column), answered: false, topic: "labour_market_jobs", sources: [], confidence: 0, answerer: "rule" });
      return this.keep(cacheKey, previous, { ...reply, analysis: { act: qa.act, wanted: qa.wanted } });
    }
    // The new message is said twice so that its words outweigh the earlier question's.
    const effective = isFollowUp ? `${matchable} ${matchable} ${previous!.question}` : matchable;

    let result = await this.answerKnowledge(snapshot, effective, matchable, isFollowUp ? previous : undefined, masked, qa, previous?.question);
    // The message read alone, without the earlier turn: its analysis and its answer, each worked out
    // at most once, when one of the two checks below needs it.
    let aloneAnalysis: QuestionAnalysis | undefined;
    let aloneAnswer: ReturnType<AnswerEngine["answerKnowledge"]> | undefined;
    const qaAlone = () => (aloneAnalysis ??= analyzeQuestion(matchable, snapshot));
    const answerAlone = () => (aloneAnswer ??= this.answerKnowledge(snapshot, matchable, matchable, undefined, masked, qaAlone()));
    // A long message opened by "vậy…" may stand on its own ("Vậy tiền ăn có được hỗ trợ không, nhà em
    // ở xa trường"): answered alone with a better match, its own answer wins.
    if (isFollowUp && qa.continues && qa.act !== "follow_up" && qa.folded.split(" ").length >= 8) {
      const alone = await answerAlone();
      if (alone.answered && alone.confidence > result.confidence) result = alone;
    }
    // Read as a follow-up, the message would get the previous reply again, word for word. When it
    // asks another table than the rows shown ("vậy học điện lạnh ở đâu, chừng nào khai giảng" after
    // the openings for that trade), or stands alone and the reminder would say nothing new, it asks
    // what that reading cannot give: read alone, its own answer (answered, new, and from the table
    // it names) goes out instead. Otherwise the reminder below stands: the earlier reply held it.
    if (isFollowUp && previous?.answerHash !== undefined && previous.answerHash === replyHash(result.answer)) {
      const aloneQa = qaAlone();
      const ownTable = tableNamed(aloneQa.folded, matchable);
      const otherTable = previous.table !== undefined && ownTable !== undefined && ownTable !== previous.table;
      // (A short message, "còn ở Long Hiệp thì sao", or one naming nothing of its own, "học phí trường
      // đó 1 năm bao nhiêu", leans on the earlier turn: alone it asks nothing.)
      const standsAlone = aloneQa.folded.split(" ").filter(Boolean).length > CONTINUING_MAX_WORDS && namesOwnSlots(aloneQa);
      if (otherTable || (standsAlone && !this.repeated(snapshot, result, matchable, qa, previous).answered)) {
        const alone = await answerAlone();
        if (alone.answered && previous.answerHash !== replyHash(alone.answer) && (!otherTable || alone.table === ownTable)) {
          result = alone;
          qa = aloneQa;
          isFollowUp = false;
        }
      }
    }
    if (!result.answered && !isFollowUp && !result.precise) {
      // A long message tells a story before it asks ("nhà em làm ruộng, ba mẹ muốn… Có cách nào…?"):
      // the story's words dilute the match, so the question sentence is tried on its own.
      const focus = questionFocus(matchable);
      if (focus) {
        const focusQa = analyzeQuestion(focus, snapshot);
        const retry = await this.answerKnowledge(snapshot, focus, focus, undefined, masked, { ...focusQa, parent: qa.parent || focusQa.parent });
        if (retry.answered) result = retry;
      }
    }
    // "ngành ngư nghiệp bao nhiêu" after a question about EPS: a short message naming nothing of its
    // own that the knowledge cannot answer alone is read as continuing the earlier turn; the
    // standalone reply stays the cached one for these words.
    if (!result.answered && !result.precise && !isFollowUp && previous && mayContinue(qa)) {
      const continued = withPrevious(qa, previous.slots, previous.wanted);
      const retry = await this.answerKnowledge(snapshot, `${matchable} ${matchable} ${previous.question}`, matchable, previous, masked, continued);
      if (retry.answered) {
        this.remember(cacheKey, { ...result, analysis: { act: qa.act, wanted: qa.wanted } }, { qa });
        result = retry;
        qa = continued;
        isFollowUp = true;
      }
    }
    // "XKLĐ là viết tắt gì, đi XKLĐ phải đủ mấy tuổi": what the abbreviation stands for, before the
    // answer to the rest; asked alone (or the rest unanswered), it is the answer.
    const abbreviation = answerAbbreviation(matchable, folded, snapshot);
    if (abbreviation) {
      const withRest = result.answered && asksMoreThanAbbreviation(matchable);
      const sources = withRest ? [...abbreviation.sources, ...result.sources] : abbreviation.sources;
      // The rest's answer without its source line: one source line, for both, follows.
      const at = result.answer.lastIndexOf(`\n${repliesVi.sourcePrefix}`);
      const rest = at >= 0 ? result.answer.slice(0, at) : result.answer;
      const body = withRest ? `${abbreviation.text}\n${rest}` : abbreviation.text;
      result = { ...result, answer: `${body}\n${sourceLine(sources)}`, answered: true, sources, topic: withRest ? result.topic : (abbreviation.topic ?? result.topic), confidence: Math.max(result.confidence, 1), answerer: withRest ? result.answerer : "offline" };
      delete result.table;
      delete result.rows;
    }
    // "Alo alo có ai không": a greeting whose few other words the knowledge cannot answer is small talk.
    if (greeting && !result.answered && folded.split(" ").length <= GREETING_ONLY_MAX_WORDS) {
      return this.keep(cacheKey, previous, this.withSuggestions({ answer: greeting, answered: true, topic: "greeting_smalltalk", sources: [], confidence: 1, answerer: "rule" }));
    }
    const table = result.table;
    const rows = result.rows;
    const asWritten = result.asWritten === true;
    delete result.asWritten;
    delete result.precise;
    delete result.table;
    delete result.rows;
    if (result.answerer !== "llm") result.answer = styleReply(result.answer, qa);
    if (greeting && result.answered) result.answer = `${greeting.split(/(?<=!)/)[0]} ${result.answer}`;
    // What was asked goes with the reply to the query record.
    result.analysis = { act: qa.act, wanted: qa.wanted };
    // The last check (learned from labelled replies): a reply from knowledge it doubts answers what
    // was asked goes out as "no information, ask …", counted as unanswered.
    // Whether the reply is word for word the previous turn's (hashed once: the check reads it too).
    const repeats = (reply: string) => previous?.answerHash !== undefined && previous.answerHash === replyHash(reply);
    let repeated = repeats(result.answer);
    if (result.answered && (result.answerer === "offline" || result.answerer === "labour")) {
      const features = answerFeatures({ asked: matchable, askedTerms: analysis.terms, reply: result.answer, answerer: result.answerer, confidence: result.confidence, topic: result.topic, qa, followUp: isFollowUp, table, rowsShown: rows?.length, sources: result.sources.length, ...(previous ? { previousTopic: previous.topic, ...(previous.table ? { previousTable: previous.table } : {}), repeatsPrevious: repeated } : {}), snapshot });
      const check = { p: answerCheckScore(features, this.answerCheck), features };
      // A curated answer to the question exactly as its entry writes it is scored, not withheld.
      if (check.p < this.answerCheck.threshold && !asWritten) {
        result = { ...this.notKnown(snapshot, result.topic, result.confidence), analysis: result.analysis, check };
        repeated = repeats(result.answer);
      } else result = { ...result, check };
    }
    // Cached before the reminder below, which is this user's alone.
    if (!isFollowUp) this.remember(cacheKey, result, { qa, ...(table ? { table } : {}), ...(rows?.length ? { rows } : {}) });
    // The same reply twice in a row helps no one: the part of it that answers the new message, said
    // as a reminder, or that nothing new is known.
    if (repeated) result = this.repeated(snapshot, result, matchable, qa, previous!);
    if (request.userKey) {
      // Remembered answered or not: a follow-up may rephrase, and an unanswered reply is not repeated.
      const remembered = isFollowUp ? `${previous!.question} ${matchable}` : matchable;
      // A follow-up on rows that the rows could not answer ("thầy dạy có nhiệt tình không") leaves the
      // conversation on those rows: "khai giảng ngày nào" next is still about them.
      const kept = !table && isFollowUp && !result.answered && previous?.table ? { table: previous.table, rows: previous.rows } : { table, rows };
      await this.memory.set(request.userKey, { ...turnOf(remembered, result, qa), ...(kept.table ? { table: kept.table } : {}), ...(kept.rows?.length ? { rows: kept.rows } : {}) });
    }
    return { ...result };
  }

  private async answerKnowledge(
    snapshot: KnowledgeSnapshot,
    effective: string,
    asked: string,
    previous: PreviousTurn | undefined,
    maskedQuestion: string,
    qa: QuestionAnalysis,
    /** The user's last question, follow-up or not: "gồm những xã nào" has no subject of its own. */
    lastQuestion?: string,
    /** Answer from the documents alone: no spreadsheet row, found by slots or by retrieval. */
    documentsOnly = false,
  ): Promise<Answer & { precise?: boolean; asWritten?: boolean; table?: PreviousTurn["table"]; rows?: string[] }> {
    const analysis = analyze(effective, snapshot.lexicon, { query: true });
    const folded = analysis.folded.join(" ");
    const askedAnalysis = analyze(asked, snapshot.lexicon, { query: true });
    const askedFolded = askedAnalysis.folded.join(" ");

    // "Còn ở Tập Sơn thì sao?" continues a commune question only after one.
    const communes = answerFromCommunes(askedFolded, asked, snapshot.lexicon, previous?.topic === "contact_and_events", lastQuestion);
    if (communes) {
      return this.withSuggestions({
        answer: `${communes.text}\n${sourceLine(communes.sources)}`,
        answered: true,
        topic: "contact_and_events",
        sources: communes.sources,
        confidence: 1,
        answerer: "offline",
      });
    }

    // Nothing from the Labour Office to answer from: say so, and who to ask, rather than let an
    // old document that shares the question's words pass for an answer.
    const labourTopic = hasLabourData(snapshot.labour) ? undefined : labourDataQuestion(folded);
    if (labourTopic) {
      const referral = snapshot.lexicon.referrals.byTopic[labourTopic] ?? snapshot.lexicon.referrals.defaultText;
      return this.withSuggestions({ answer: labourNoDataText(referral), answered: false, topic: labourTopic, sources: [], confidence: 0, answerer: "rule" });
    }

    // A trade or a country the knowledge never mentions: say so for it, never answer another one.
    const missing = unknownSlot(snapshot, qa);
    // (A group's fee or support asked beside such a trade is the same policy for every trade.)
    const groupPolicy = missing?.kind === "trade" && !documentsOnly ? await this.policyForGroup(snapshot, undefined, asked, previous, maskedQuestion, qa, lastQuestion) : undefined;
    if (groupPolicy) return groupPolicy;
    if (missing) return this.slotNotKnown(snapshot, qa, slotPhrasesVi[missing.kind]?.(missing.label) ?? missing.label, missing.kind === "trade");
    // An organisation the knowledge does not know ("cty pouyuen"): other companies do not answer.
    if (qa.slots.unknownOrganisation) return this.slotNotKnown(snapshot, qa, qa.slots.unknownOrganisation, false);

    const labourQuestion: LabourQuestion = { folded, text: effective, asked: askedFolded, ownText: asked, now: this.now(), analysis: qa, previousLabour: previous?.table, previousRows: previous?.rows, commonWords: questionWords(snapshot), everydayWords: everydayWords(snapshot), documentSlots: documentSlotValues(snapshot) };
    // "Lớp làm móng học phí bao nhiêu và học xong tiệm nào đang tuyển thợ?": a clause asking the
    // courses and one asking the openings are each answered from their own table.
    // (Only when the rows answer both: else the message is read whole, as one question.)
    const twoTables = documentsOnly ? undefined : this.fromTwoTables(snapshot, asked, labourQuestion);
    const bothAnswered = twoTables ? this.labourReply(snapshot, twoTables, labourQuestion) : undefined;
    if (bothAnswered?.answered) return bothAnswered;
    const labour = documentsOnly ? undefined : answerFromLabour(labourQuestion, snapshot.labour, snapshot.lexicon);
    // "Cao đẳng học mấy học kỳ?" is not answered by course rows that give months: the unit asked
    // must be in the rows' reply, else the documents are asked.
    if (labour && !(qa.slots.unit && !labour.notFound && !namesNumberWith(labour.text, qa.slots.unit, snapshot))) {
      const forGroup = await this.policyForGroup(snapshot, labour, asked, previous, maskedQuestion, qa, lastQuestion);
      return forGroup ?? this.labourReply(snapshot, labour, labourQuestion);
    }

    // "Đó là việc gì", "chỗ đó sao" after rows: a follow-up pointing back at them, naming nothing of
    // its own and asking no column, is about those rows, never about a passage that shares a word of
    // the earlier question.
    if (!documentsOnly && previous?.rows?.length && qa.followUp && containsPhrase(askedAnalysis.folded, snapshot.lexicon.slots.backReferences) && !namesOwnSlots(qa) && qa.slots.documentNumber === undefined && qa.concepts.length === 0) {
      const again = rowsShownAgain(labourQuestion, snapshot.labour);
      if (again) return this.labourReply(snapshot, again, labourQuestion);
    }
    // Expiry hook (knowledge/expiry.ts): a dated fact past its window gives way to its "has passed" text.
    const valid = validOn(this.now());
    const retrieved = await retrieve(snapshot, effective, { limit: 8, filter: documentsOnly ? (chunk) => chunk.kind !== "labour" && valid(chunk) : valid });
    const query = retrieved.query;
    // A follow-up that continues the earlier message ("còn…", "vậy…") stays on its subject: passages on
    // the earlier topic that match nearly as well as the best come first, in retrieval order ("còn hộ
    // cận nghèo thì vay ở đâu?" after loans to work abroad is about those loans, not school fees). A
    // message naming its own subject ("xã Lưu Nghiệp Anh có bao nhiêu dân") is not pulled back.
    const continues = qa.continues || qa.act === "follow_up";
    const close = (h: RetrievedChunk) => previous !== undefined && continues && h.chunk.topic === previous.topic && h.score >= (retrieved.hits[0]?.score ?? 0) * FOLLOW_UP_TOPIC_SHARE;
    const inOrder = previous ? [...retrieved.hits.filter(close), ...retrieved.hits.filter((h) => !close(h))] : retrieved.hits;
    const hits = qa.present ? presentFirst(snapshot, inOrder) : inOrder;
    const top = hits[0];
    const conversationTopics = previous ? analyzeQuestion(effective, snapshot).topicScores : qa.topicScores;
    const topic = chooseTopic(qa.topicScores, conversationTopics, hits, previous);
    // A follow-up is judged on its own words too: "còn học phí thì sao?" is covered by the passage even
    // when the earlier question's words are not.
    const confidence = top ? Math.max(coverage(snapshot, query, top), previous ? coverage(snapshot, askedAnalysis, top) : 0) : 0;
    // Issue 10, item 8: with an LLM configured no coverage gate stands in front of it. It reads the
    // passages and rows and may answer, or say there is no information (the referral, unanswered).
    // A reply the guard rejects falls through to the offline answer below, gate included.
    if (this.settings.llm && top) {
      // The question analysis goes with it as its own block (read, never cited).
      const llm = await this.settings.llm.answer({ question: maskedQuestion, hits, previousQuestion: previous?.question, analysisBlock: renderAnalysis(qa) });
      if (llm.kind === "no_information") return { ...this.notKnown(snapshot, topic, confidence), answerer: "llm" };
      if (llm.kind === "answer") {
        const note = llm.answer.example ? [repliesVi.exampleData] : [];
        const answer = [llm.answer.body, ...note, sourceLine(llm.answer.sources)].join("\n");
        return this.withSuggestions({ answer, answered: true, topic, sources: llm.answer.sources, confidence, answerer: "llm" });
      }
      this.settings.onLlmFallback?.(llm.reason);
    }
    // Spreadsheet rows found by retrieval are answered as rows (whole, filtered by the slots), not
    // by sentences cut from one row.
    const rowHits = hits.flatMap((h) => {
      const row = labourRowOf(h.chunk);
      return row ? [{ ...row, score: h.score }] : [];
    });
    // A message naming a found opening by its whole label ("thợ tiện … còn nộp được không") is about
    // that row, however little else of it the row covers, and whatever passage ranked first.
    const namedOpenings = top !== undefined && rowHits.length > 0 ? openingHitsNamed(labourQuestion, snapshot.labour, rowHits, top.chunk.kind === "labour" ? "" : top.chunk.text) : undefined;
    if (!top || (confidence < MIN_COVERAGE && !namedOpenings)) return this.notKnown(snapshot, topic, confidence);
    if (top.chunk.kind === "labour" || namedOpenings) {
      const rows = answerFromRowHits(labourQuestion, snapshot.labour, snapshot.lexicon, namedOpenings ?? rowHits);
      if (rows) return this.labourReply(snapshot, rows, labourQuestion);
    }

    let extractive = extractiveAnswer(snapshot, query, hits, qa);
    // The sentences that fit best were cut from a row ("Siêu thị tuyển bán hàng Tết có cần bằng cấp
    // gì"), though a passage ranked first: once they pass the checks below, the row is answered as
    // a row, with the column asked.
    const rowsInstead = top.chunk.kind !== "labour" && extractive.used[0]?.kind === "labour" ? answerFromRowHits(labourQuestion, snapshot.labour, snapshot.lexicon, rowHits) : undefined;
    // "Lệ phí bao nhiêu?" answered by a passage with no amount is not an answer. (The LLM, when
    // configured, was asked above; from here on the answer is offline.)
    const wanted = qa.wanted;
    const gives = (body: string) => givesWanted(providesOf(body, snapshot), wanted);
    if (previous && !gives(extractive.body)) {
      // A follow-up ("vậy dân số bao nhiêu?") may be answered by another sentence of the same
      // passages, which the earlier question's words outweighed.
      const own = extractiveAnswer(snapshot, askedAnalysis, hits, qa);
      if (gives(own.body)) extractive = own;
    }
    // "Quyết định 522 ban hành ngày nào": a passage about another document does not answer it; a
    // retrieved sentence that names the number asked does. Only for a value of the document (its
    // date, an amount, a share), and not when the passage is that document's own ("Kế hoạch 4993"
    // in its title): "kế hoạch 4993 … ai chủ trì" is answered by the plan's passages.
    const docNo = qa.slots.documentNumber;
    const namesDoc = (text: string) => docNo !== undefined && new RegExp(`(?<!\\d)${docNo}(?!\\d)`).test(text);
    if (docNo !== undefined && ["date", "amount", "count", "duration"].includes(qa.wanted) && !namesDoc(extractive.body) && !extractive.used.some((c) => namesDoc(c.docTitle))) {
      // Of the retrieved sentences that name the document and hold the value asked, the one matching
      // the question best; one that opens with the document ("Quyết định 522/QĐ-TTg ngày 14/5/2018…")
      // is about it rather than naming it in passing.
      const fitting = (text: string) => namesDoc(text) && givesWanted(providesOf(text, snapshot), qa.wanted);
      let best: { chunk: RetrievedChunk["chunk"]; sentence: string; matched: number } | undefined;
      const pick = (chunks: RetrievedChunk["chunk"][], code?: RegExp) => {
        for (const chunk of chunks) {
          for (const sentence of sentences(chunk.text).filter((t) => fitting(t) && (!code || code.test(t)))) {
            const about = /\d+/.exec(sentence.slice(0, 40))?.[0] === docNo ? 1 : 0;
            const matched = matchWeight(snapshot, query, new Set(analyze(sentence, snapshot.lexicon).terms)).matched + about;
            if (!best || matched > best.matched) best = { chunk, sentence, matched };
          }
        }
      };
      pick(hits.map((h) => h.chunk));
      // A document number is an exact key: "có hiệu lực từ ngày nào" after "Nghị định 238…" shares
      // few words with the sentence that holds the date, which the words alone may not retrieve.
      // (Written as a document's code there, "238/2025", "60-NQ/TW": not a share such as "40/60".)
      const codeOf = new RegExp(`(?<![\\d/])${docNo}[/-]`);
      if (!best) pick(snapshot.chunks.filter((c) => c.kind !== "labour" && codeOf.test(c.text)), codeOf);
      if (best) extractive = { body: best.sentence, sources: [sourceOf(best.chunk)], used: [best.chunk], declaresUnknown: declaresNoData(best.sentence) };
    }
    // "Kế hoạch 90/KH-UBND ngày nào, thực hiện chỉ thị nào": a reply that names the document only in
    // a list says little of it; the clause of a retrieved sentence that is about it ("Kế hoạch số
    // 90/KH-UBND ngày 13/10/2021 của UBND tỉnh về triển khai thực hiện Chỉ thị số 06-CT/TU…") does.
    // Not a document the passages are from ("kế hoạch 4993 … ai chủ trì" is answered by the plan), and
    // only when the document itself is asked about (its date, what it carries out).
    if (docNo !== undefined && ["date", "none", "definition"].includes(qa.wanted) && !extractive.used.some((c) => namesDoc(c.docTitle)) && !hits.slice(0, 1).some((h) => namesDoc(h.chunk.docTitle))) {
      // A document number is an exact key: the clause may sit in a passage the words did not rank high.
      const clause = documentClause([...hits.slice(0, 4).map((h) => h.chunk), ...snapshot.chunks], docNo, documentKindAsked(effective, folded));
      const opening = sentences(extractive.body)[0]?.slice(0, 80) ?? "";
      if (clause && !namesDoc(opening) && !extractive.body.includes(clause.text)) {
        extractive = { body: `Theo ${clause.chunk.docTitle}: ${clause.text}.`, sources: [sourceOf(clause.chunk)], used: [clause.chunk], declaresUnknown: false };
      }
    }
    // "Hộ cận nghèo học nghề ngắn hạn được hỗ trợ bao nhiêu": where a passage lists the value by
    // group, the clauses for the group asked.
    const byGroup = clausesForAudience(snapshot, hits, qa, extractive.body);
    if (byGroup) extractive = byGroup;
    // "Còn người khuyết tật thì sao?": a follow-up naming an audience, level or country of its own is
    // answered by a passage that names it, never by the earlier answer again; none names it: say so.
    if (previous) {
      const own = FOLLOW_UP_OWN_SLOTS.filter((kind) => qa.slots[kind].length > 0 && !qa.carried.includes(kind));
      const namesOwn = (text: string) => {
        const p = providesOf(text, snapshot);
        return own.every((kind) => qa.slots[kind].some((s) => p.slots.get(kind)?.has(s.id)));
      };
      if (own.length && !namesOwn(extractive.body)) {
        const fitting = hits.filter((h) => namesOwn(h.chunk.text));
        const alternative = fitting.length ? extractiveAnswer(snapshot, query, fitting, qa) : undefined;
        if (alternative && namesOwn(alternative.body)) extractive = alternative;
        else return this.slotNotKnown(snapshot, qa, own.flatMap((kind) => qa.slots[kind].map((s) => slotPhrasesVi[kind]?.(s.label) ?? s.label)).join(", "), false, topic);
      }
    }
    // "UBND xã làm việc mấy giờ", "đi Hàn có được đóng bảo hiểm không": a passage that states no
    // hour, or never names the insurance, does not answer; say what is not known.
    const unstated = unstatedAsked(askedAnalysis.folded, extractive.body, snapshot.lexicon).filter((label) => snapshot.lexicon.slots.unstatedInDocuments.has(label));
    if (unstated.length) return this.slotNotKnown(snapshot, qa, unstated.join(", "), false, topic);
    // A passage about another country does not answer: say what is not known, for that country.
    const provided = providesOf(extractive.body, snapshot);
    const clash = contradicts(provided, qa) ?? (missesAskedCountry(provided, qa) ? "country" : undefined);
    if (clash) {
      const asked = qa.slots[clash].map((s) => slotPhrasesVi[clash]?.(s.label) ?? s.label).join(", ");
      return this.slotNotKnown(snapshot, qa, asked, false, topic);
    }
    // "Lương bn" about work here is not answered by Korea's minimum wage: a sum of a country the
    // message (and its conversation) never named, on a question not about working abroad.
    if (qa.wanted === "amount" && !qa.slots.country.length && qa.topic !== "work_abroad" && topic !== "work_abroad" && (provided.slots.get("country")?.size ?? 0) > 0) {
      return this.notKnown(snapshot, topic, confidence);
    }
    // "Chưa có danh sách các trường…" is a fair reply to "học nghề ở đâu", but says nothing about a
    // trade, school, company or country the message names: then it counts as not knowing.
    if (NO_LIST_RE.test(sentences(extractive.body)[0] ?? "") && [qa.slots.trade, qa.slots.school, qa.slots.company, qa.slots.country].some((l) => l.length > 0)) {
      extractive = { ...extractive, declaresUnknown: true, opensWithNoData: true };
    }
    const givesValue = wanted !== "none" && gives(extractive.body);
    // A yes/no question ("có được vay không?") is answered by "Có, …" without the amount.
    const valueMissing = wanted !== "none" && qa.act !== "yes_no" && !gives(extractive.body) && !extractive.declaresUnknown;
    // A passage that itself says the value is not known ("không có số điện thoại…") is an honest
    // reply worth sending with its source; any other passage would only look like an answer.
    if (valueMissing && !declaresNoData(extractive.body)) return this.notKnown(snapshot, topic, confidence);
    // "Trợ cấp hàng tháng bao nhiêu" is not answered by sums counted per course: a period asked for
    // a sum must be the period of some sum in the reply (when its sums name periods at all).
    const periodAsked = wanted === "amount" ? rateAsked(askedAnalysis.folded.join(" ")) : undefined;
    const periods = ratesIn(extractive.body);
    if (periodAsked && periods.size && !periods.has(periodAsked) && !extractive.declaresUnknown) return this.notKnown(snapshot, topic, confidence);
    // "Giới hạn tuổi bao nhiêu?" is not answered by a number of people: the asked unit must be there.
    if (qa.slots.unit && !extractive.declaresUnknown && !namesNumberWith(extractive.body, qa.slots.unit, snapshot)) return this.notKnown(snapshot, topic, confidence);
    // "Năm 2027 lương tối thiểu tăng lên bao nhiêu?" is not answered by the 2026 figures: a year
    // asked with a value wanted must be in the reply ("năm 2026 còn áp dụng không?" is answered by what holds now).
    // ("Bây giờ … thành mấy xã" after a question on the 2023 plan asks about now: the earlier year is not asked.)
    const yearAsked = qa.slots.year !== undefined && !(qa.present && !askedAnalysis.folded.includes(String(qa.slots.year)));
    if (yearAsked && ["amount", "count", "date", "duration"].includes(wanted) && qa.act !== "yes_no" && !extractive.declaresUnknown && !foldedWords(extractive.body).includes(String(qa.slots.year))) return this.notKnown(snapshot, topic, confidence);
    // "Vay vốn đi học được bao nhiêu?" answered by a passage that lists what is known and says
    // "vay vốn để đi học chưa có trong dữ liệu": an honest reply, sent, but not an answer.
    if (!extractive.opensWithNoData && asksForGap(snapshot, askedAnalysis, extractive.body, extractive.used.map((c) => c.trail.at(-1) ?? c.docTitle), wanted === "none" ? undefined : gives, wanted === "amount")) {
      extractive = { ...extractive, declaresUnknown: true, opensWithNoData: true };
    }
    if (rowsInstead && extractive.used[0]?.kind === "labour") return this.labourReply(snapshot, rowsInstead, labourQuestion);
    // "Mức hỗ trợ theo QĐ 46 giờ đã tăng lên bao nhiêu": the passage gives the older level and says it
    // may have been adjusted since; the new amount asked is what the knowledge does not hold.
    if (wanted === "amount" && DATED_RE.test(extractive.body) && containsPhrase(askedAnalysis.folded, snapshot.lexicon.slots.asksUpdate)) {
      extractive = { ...extractive, declaresUnknown: true, opensWithNoData: true };
    }
    const body = extractive.body;
    const sources = extractive.sources;
    const answerer: Answer["answerer"] = "offline";
    const notes: string[] = [];
    if (extractive.used.some((c) => c.status === "historical") && snapshot.lexicon.referrals.districtOfficesNote && answerer === "offline") {
      notes.push(snapshot.lexicon.referrals.districtOfficesNote);
    }
    if (extractive.used.some((c) => c.example)) notes.push(repliesVi.exampleData);
    const staleRows = staleLabourNote(
      extractive.used.filter((c) => c.kind === "labour").map((c) => ({ title: c.docTitle, asOf: c.asOf })),
      localIsoDate(this.now()),
      this.settings.labourMaxAgeDays,
    );
    if (staleRows) notes.push(staleRows);
    const answer = [body, ...notes, sourceLine(sources)].join("\n");
    // An honest "the data does not say" is sent with its source but counted as unanswered.
    // "Chưa xác minh vùng nào áp dụng" beside the amounts asked for still answers "bao nhiêu?".
    // A curated FAQ answer that opens with "no data" stays unanswered whatever dates it names.
    // Only an amount beside the no-data sentence still answers ("vùng nào áp dụng chưa xác minh" beside
    // the amounts); a date elsewhere in the passage is not the date asked for.
    const answered = !(((extractive.declaresUnknown && (!givesValue || wanted !== "amount" || extractive.opensWithNoData)) || valueMissing) && answerer === "offline");
    // (An answer staff wrote for the very question asked, as a first message, is not second-guessed.)
    return { ...this.withSuggestions({ answer, answered, topic, sources, confidence, answerer }), ...(extractive.askedAsWritten && !previous ? { asWritten: true } : {}) };
  }

  /**
   * Two asking clauses of one message, one naming the courses and the other the openings (`tableNamed`),
   * each answered from its table, the replies one after the other. The second clause takes the trade
   * of the first's rows when it names none. Undefined unless both have rows.
   */
  private fromTwoTables(snapshot: KnowledgeSnapshot, asked: string, base: LabourQuestion): LabourAnswer | undefined {
    const clauses = askingClauses(asked, snapshot);
    if (clauses.length !== 2) return undefined;
    const folded = clauses.map((c) => analyze(c, snapshot.lexicon, { query: true }).folded.join(" "));
    const tables = clauses.map((c, i) => tableNamed(folded[i]!, c));
    if (!tables[0] || !tables[1] || tables[0] === tables[1]) return undefined;
    // The clause of the openings must ask for openings ("tiệm nào đang tuyển", "chỗ nào nhận"): a bare
    // "tuyển đối tượng nào" asks whom the course takes.
    const { openings, openingsPlain, hires, whichRows, companies } = snapshot.lexicon.slots.tableWords;
    const jobClause = folded[tables.indexOf("job")];
    if (jobClause !== undefined && ![openings, openingsPlain, hires, whichRows, companies].some((list) => containsPhrase(jobClause.split(" "), list))) return undefined;
    const { previousLabour: _table, previousRows: _rows, ...rest } = base;
    const ask = (text: string, words: string, analysis = analyzeQuestion(text, snapshot)) =>
      answerFromLabour({ ...rest, folded: words, text, asked: words, analysis }, snapshot.labour, snapshot.lexicon);
    const a = ask(clauses[0]!, folded[0]!);
    // The second clause naming no trade asks of the first's ("… và học xong tiệm nào đang tuyển thợ").
    const second = analyzeQuestion(clauses[1]!, snapshot);
    const withTrade = a?.trade && !second.slots.trade.length ? `${clauses[1]} ${a.trade}` : undefined;
    const b = withTrade ? ask(withTrade, analyze(withTrade, snapshot.lexicon, { query: true }).folded.join(" ")) : ask(clauses[1]!, folded[1]!, second);
    // Each clause answered from the table it names: "phân vân học hàn hay học điện, năm 2027 nghề nào
    // cần người nhiều hơn" compares two trades in the demand table, one question.
    if (!a || !b || a.notFound || b.notFound || a.table !== tables[0] || b.table !== tables[1]) return undefined;
    const sources = [...a.sources, ...b.sources.filter((s) => !a.sources.some((t) => t.title === s.title))];
    return { text: `${a.text}\n\n${b.text}`, topic: b.topic, sources, example: a.example || b.example, table: b.table, rowKeys: [...(a.rowKeys ?? []), ...(b.rowKeys ?? [])], ...(b.trade ? { trade: b.trade } : {}) };
  }

  /**
   * "Con tôi bị khuyết tật, học nghề may có được miễn học phí không": what the state gives a group
   * (a fee waived, a support) is policy, which course rows that never name the group do not answer,
   * however well they match the trade. The documents answer for the group; the fee and support the
   * courses write follow, labelled as theirs. Undefined (the rows answer) when the message asks no
   * fee or support for a group, a row names the group itself, or the documents have no answer.
   */
  private async policyForGroup(
    snapshot: KnowledgeSnapshot,
    /** The rows' answer; undefined when the trade is one no row or passage names. */
    labour: LabourAnswer | undefined,
    asked: string,
    previous: PreviousTurn | undefined,
    maskedQuestion: string,
    qa: QuestionAnalysis,
    lastQuestion: string | undefined,
  ): Promise<(Answer & { table?: PreviousTurn["table"]; rows?: string[] }) | undefined> {
    // A group named earlier in the conversation counts only for a support or a waiver asked now:
    // "học phí 1 năm bao nhiêu" after "em là nữ, muốn học điều dưỡng" asks the course's fee.
    const ownGroup = !qa.carried.includes("audience");
    const groups = ownGroup || qa.concepts.some((c) => GROUP_BENEFIT_CONCEPTS.has(c)) ? qa.slots.audience.map((a) => a.id) : [];
    // (No course of the trade in the rows: the policy for the group still answers.)
    const none = !labour || labour.notFound === true;
    const rowKeys = none ? [] : (labour.rowKeys ?? []);
    const ofCourses = !labour || labour.table === "course" || (none && labour.topic !== "labour_market_jobs");
    if (!ofCourses || (!none && !rowKeys.length) || !groups.length) return undefined;
    if (!qa.concepts.some((c) => FEE_OR_SUPPORT_CONCEPTS.has(c))) return undefined;
    // About a course the message names, not which courses are free ("nhà nghèo, có lớp may nào miễn
    // phí không" lists the rows: a question over the table).
    if (!(qa.slots.trade.length || tradeTyped(labour?.trade, qa.folded)) || qa.wanted === "which_trades" || WHICH_RE.test(qa.folded)) return undefined;
    if (coursesNameGroup(snapshot.labour, snapshot.lexicon, rowKeys, groups)) return undefined;
    // The policy is the same whatever the trade, and whatever else the message tells ("em trai em
    // … muốn học nghề may"): the documents are asked for the group, the level and the fee or
    // support named, which is what a policy passage is written about.
    const query = policyQuery(qa, foldedWords(asked), snapshot.lexicon);
    const documents = await this.answerKnowledge(snapshot, query, query, previous, maskedQuestion, policyReading(qa), lastQuestion, true);
    if (!documents.answered || documents.answerer !== "offline") return undefined;
    const at = documents.answer.lastIndexOf(`\n${repliesVi.sourcePrefix}`);
    const body = at >= 0 ? documents.answer.slice(0, at) : documents.answer;
    // The policy said must be the group's, and of a fee or a support: a passage naming no group
    // asked is about someone else, one naming no fee or support (the group's income) about something else.
    const named = providesOf(body, snapshot).slots.get("audience");
    const speaksOf = analyze(body, snapshot.lexicon).concepts;
    if (!groups.some((g) => named?.has(g)) || !speaksOf.some((c) => FEE_OR_SUPPORT_CONCEPTS.has(c))) return undefined;
    if (!labour || !rowKeys.length) return documents;
    const lines = courseTermsLines(snapshot.labour, rowKeys, GROUP_POLICY_COURSES);
    const sources = [...documents.sources, ...labour.sources.filter((s) => !documents.sources.some((d) => d.title === s.title))];
    const notes = labour.example ? [repliesVi.exampleData] : [];
    return { ...documents, answer: [body, repliesVi.courseTermsOwn, ...lines, ...notes, sourceLine(sources)].join("\n"), sources, table: "course", rows: rowKeys };
  }

  /** A reply from the Labour Office rows: with its notes and source, or "no rows for …" counted unanswered. */
  private labourReply(snapshot: KnowledgeSnapshot, labour: LabourAnswer, question: LabourQuestion): Answer & { precise?: boolean; table?: PreviousTurn["table"]; rows?: string[] } {
    if (labour.notFound) {
      return { ...this.withSuggestions({ answer: `${labour.text}\n${referralFor(snapshot, labour.topic)}`.trim(), answered: false, topic: labour.topic, sources: [], confidence: 0, answerer: "labour" }), precise: true };
    }
    // The rows must hold what was asked of them: a column named but empty in every row ("học phí
    // bao nhiêu" where the fee cell is blank), or a thing no column holds ("có đóng bảo hiểm không").
    // What is asked of the rows is read from the clauses that ask: "ban ngày tui phải đưa đón con"
    // beside "có chỗ nào làm ca đêm không" tells why, it asks for no transport.
    // (The columns named are read from the whole message: "lương cao cao xíu" asks for wages in a
    // clause without a question word.)
    const asking = question.analysis?.asking;
    const wholeFit = labour.rowKeys?.length ? rowFit(question, snapshot.labour, snapshot.lexicon, labour.rowKeys) : undefined;
    let fit = wholeFit && asking ? { ...wholeFit, unsaid: rowFit({ ...question, asked: asking }, snapshot.labour, snapshot.lexicon, labour.rowKeys!).unsaid } : wholeFit;
    // A column the rows fill counts as asked only in a clause that asks nothing they leave unsaid:
    // "lương bao nhiêu, có bao ăn không" asks the wage apart (answered, the meals said unknown), but
    // "tăng ca tính lương sao" asks the overtime's pay and "học phí có trả góp được không" the
    // instalments, which no row states (unanswered, said so).
    if (fit?.unsaid.length && fit.namesHeldColumn && question.ownText) {
      const clauses = askingClauses(question.ownText, snapshot);
      const heldApart = (clauses.length ? clauses : [question.ownText]).some((clause) => {
        const own = rowFit({ ...question, asked: analyze(clause, snapshot.lexicon, { query: true }).folded.join(" ") }, snapshot.labour, snapshot.lexicon, labour.rowKeys!);
        return own.namesHeldColumn && !own.unsaid.length;
      });
      if (!heldApart) fit = { ...fit, namesHeldColumn: false };
    }
    if (fit && (fit.emptyColumns.length || (fit.unsaid.length && !fit.namesHeldColumn))) {
      const what = [...fit.emptyColumns, ...fit.unsaid].join(", ");
      return { ...this.withSuggestions({ answer: repliesVi.rowsDoNotSay(fit.names.join("; "), what), answered: false, topic: labour.topic, sources: [], confidence: 0, answerer: "labour" }), precise: true };
    }
    // Rows of the trade asked, but none says what a short question asks of them in words no row,
    // column or example uses ("có xe đưa rước không"): say so, unanswered, without a source line
    // that would read like an answer. Not when it also names a column the rows fill.
    const unsaid = labour.rowKeys?.length && !fit?.namesHeldColumn ? unsaidInRows(question, snapshot.labour, snapshot.lexicon, labour.rowKeys) : undefined;
    if (unsaid?.words.length) {
      return { ...this.withSuggestions({ answer: repliesVi.rowsDoNotSay(unsaid.names.join("; ")), answered: false, topic: labour.topic, sources: [], confidence: 0, answerer: "labour" }), precise: true };
    }
    const stale = staleLabourNote(labour.sources, localIsoDate(this.now()), this.settings.labourMaxAgeDays);
    const alsoUnsaid = fit?.unsaid.length ? `\n${repliesVi.rowsAlsoDoNotSay(fit.unsaid.join(", "))}` : "";
    const note = `${alsoUnsaid}${labour.example ? `\n${repliesVi.exampleData}` : ""}${stale ? `\n${stale}` : ""}`;
    return {
      ...this.withSuggestions({
        answer: `${labour.text}${note}\n${sourceLine(labour.sources)}`,
        answered: true,
        topic: labour.topic,
        sources: labour.sources,
        confidence: 1,
        answerer: "labour",
      }),
      table: labour.table,
      ...(labour.rowKeys?.length ? { rows: labour.rowKeys } : {}),
    };
  }

  /** A reply that would repeat the previous one: its sentences that answer this message, else "nothing new". */
  private repeated(snapshot: KnowledgeSnapshot, result: Answer, asked: string, qa: QuestionAnalysis, previous: PreviousTurn): Answer {
    // "No information" again: said in other words, with whom to ask, never "I just sent this".
    if (!result.answered) {
      return this.withSuggestions({ answer: `${repliesVi.stillNotKnown} ${referralFor(snapshot, result.topic)}`.trim(), answered: false, topic: result.topic, sources: [], confidence: result.confidence, answerer: "rule" });
    }
    const at = result.answer.lastIndexOf(`\n${repliesVi.sourcePrefix}`);
    const body = at >= 0 ? result.answer.slice(0, at) : result.answer;
    const source = at >= 0 ? result.answer.slice(at) : "";
    const words = new Set(analyze(asked, snapshot.lexicon, { query: true }).terms.filter((t) => isInformative(t) && !t.includes("_")));
    // A year this message names that the earlier turn did not ("năm sau thì sao", "còn 2027") must
    // be in the reply: one that names none of it answers the earlier question again, not this one.
    const year = yearSaid(qa.folded, this.now());
    if (year !== undefined && year !== previous.slots?.year && !body.includes(String(year))) {
      return this.withSuggestions({ answer: repliesVi.nothingNew, answered: false, topic: result.topic, sources: [], confidence: result.confidence, answerer: "rule" });
    }
    const parts = body.split(/(?<=[.!?])\s+|\n/).filter((p) => p.trim().length > 0);
    const scored = parts
      .map((text, i) => {
        const terms = new Set(analyze(text, snapshot.lexicon).terms);
        const overlap = [...words].filter((w) => terms.has(w)).length;
        return { text, i, score: overlap + (qa.wanted !== "none" && givesWanted(providesOf(text, snapshot), qa.wanted) ? 2 : 0) };
      })
      .filter((p) => p.score > 0)
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, 2)
      .sort((a, b) => a.i - b.i);
    const focus = scored.map((p) => p.text.trim()).join(" ");
    // "Thu ngân thì sao" after a company's rows: the rows holding every word of this message's own,
    // when they are some of those listed and not all, are its answer, whatever the earlier turn asked.
    const rowLines = parts.filter((p) => p.startsWith("- "));
    const namedRows = rowLines.filter((line) => {
      const terms = new Set(analyze(line, snapshot.lexicon).terms);
      return words.size > 0 && [...words].every((w) => terms.has(w));
    });
    if (result.answered && result.answerer === "labour" && namedRows.length > 0 && namedRows.length < rowLines.length) {
      return { ...result, answer: `${repliesVi.repeatFocus(namedRows.join("\n"))}${source}` };
    }
    const gives = focus !== "" && (qa.wanted === "none" || givesWanted(providesOf(focus, snapshot), qa.wanted));
    if (!gives || !result.answered) {
      return this.withSuggestions({ answer: repliesVi.nothingNew, answered: false, topic: result.topic, sources: [], confidence: result.confidence, answerer: "rule" });
    }
    return { ...result, answer: `${repliesVi.repeatFocus(focus)}${source}` };
  }

  /**
   * "Chưa có thông tin về <what>." with who to ask, counted as unanswered and without sources. For
   * a trade, the trades that do have courses follow, labelled as not the answer.
   */
  private slotNotKnown(snapshot: KnowledgeSnapshot, qa: QuestionAnalysis, what: string, nearestTrades: boolean, topic?: Topic): Answer & { precise: boolean } {
    const chosen = topic ?? (qa.topic && qa.topic !== "greeting_smalltalk" ? qa.topic : "out_of_scope");
    const parts = [repliesVi.slotNotKnown(what)];
    if (nearestTrades) {
      // Nearest for a job question are the positions open; otherwise the courses.
      const names = chosen === "labour_market_jobs" ? snapshot.labour.jobs.map((j) => j.position) : snapshot.labour.courses.map((c) => c.trade);
      const trades = [...new Set(names)].slice(0, 5);
      if (trades.length) parts.push(repliesVi.nearestKnown(trades.join(", ")));
    }
    parts.push(referralFor(snapshot, chosen));
    return { ...this.withSuggestions({ answer: parts.filter(Boolean).join(" "), answered: false, topic: chosen, sources: [], confidence: 0, answerer: "offline" }), precise: true };
  }

  private notKnown(snapshot: KnowledgeSnapshot, topic: Topic, confidence: number): Answer {
    return this.withSuggestions({
      answer: `${repliesVi.notKnown} ${referralFor(snapshot, topic)}`.trim(),
      answered: false,
      topic,
      sources: [],
      confidence,
      answerer: "offline",
    });
  }

  private refuse(intent: SpecialIntent): Answer {
    const texts: Partial<Record<SpecialIntent, string>> = {
      injection: repliesVi.refuseInjection,
      personal_data: repliesVi.refusePersonalData,
      politics: repliesVi.refusePolitics,
      exam: repliesVi.refuseExam,
      insult: repliesVi.insult,
      acts_for_user: repliesVi.refuseActsForUser,
    };
    const text = texts[intent] ?? repliesVi.refuseOffTopic;
    return this.withSuggestions({ answer: text, answered: false, topic: "out_of_scope", sources: [], confidence: 0, answerer: "rule", refusal: intent });
  }

  private withSuggestions(answer: Answer): Answer {
    // No suggestion may promise Labour Office data that is not there.
    const noLabour = !hasLabourData(this.settings.knowledge.current().labour);
    const suggestions = (noLabour && suggestionsNoLabourDataVi[answer.topic]) || suggestionsVi[answer.topic];
    return suggestions ? { ...answer, suggestions: suggestions.slice(0, 3) } : answer;
  }
}

function smallTalk(intents: Set<SpecialIntent>, labourData: boolean): string | undefined {
  if (intents.has("identity")) return labourData ? repliesVi.identity : repliesVi.identityNoLabourData;
  if (intents.has("khmer_greeting")) return `${repliesVi.khmerGreeting} ${repliesVi.greeting}`;
  if (intents.has("thanks")) return repliesVi.thanks;
  if (intents.has("farewell")) return repliesVi.farewell;
  if (intents.has("greeting")) return repliesVi.greeting;
  return undefined;
}

/**
 * How clearly the message is about one of the knowledge topics (0..5): the topic classifier, when
 * the message also names a subject of the knowledge (a synonym group or a slot). The classifier
 * alone is sure of itself on words it never saw ("Sơn Tùng ra MV mới khi nào").
 */
/**
 * What a message asking what a group gets asks the policy documents: the groups and levels it names,
 * the fee or support words it uses ("miễn học phí", "hỗ trợ"), and "bao nhiêu" when it asks an amount.
 */
function policyQuery(qa: QuestionAnalysis, words: string[], lexicon: Lexicon): string {
  const said: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrase = lexicon.phrasesByFirstWord.get(words[i]!)?.find((p) => FEE_OR_SUPPORT_CONCEPTS.has(p.concept) && p.words.every((w, k) => words[i + k] === w));
    if (phrase) said.push(phrase.words.join(" "));
  }
  const parts = [...qa.slots.audience.map((a) => a.label), ...qa.slots.level.map((l) => l.label), ...new Set(said)];
  return [...parts, ...(qa.wanted === "amount" ? ["bao nhiêu"] : [])].join(" ");
}

/**
 * Whether the message writes the rows' trade, not a word of it that says something else ("học hòa
 * nhập" is not "điều hòa không khí"): two of its words, or its one word.
 */
function tradeTyped(trade: string | undefined, folded: string): boolean {
  if (!trade) return false;
  const words = new Set(folded.split(" "));
  const own = [...new Set(foldedWords(trade))].filter((w) => isInformative(w));
  return own.length > 0 && own.filter((w) => words.has(w)).length >= Math.min(2, own.length);
}

/**
 * The analysis a group's policy is read with: no trade (the policy is the same for every trade) and
 * no unit, which the message gives of the course ("lớp xe nâng 1 tháng"), not of the support asked.
 */
function policyReading(qa: QuestionAnalysis): QuestionAnalysis {
  const slots = { ...qa.slots, trade: [] };
  delete slots.unit;
  return { ...qa, slots };
}

function cueScore(qa: QuestionAnalysis): number {
  const namesSubject = qa.concepts.length > 0 || [qa.slots.trade, qa.slots.country, qa.slots.level, qa.slots.school].some((l) => l.length > 0);
  return namesSubject ? 5 * inScope(qa.topicScores) : Math.min(1.5, 5 * inScope(qa.topicScores));
}

/** Words up to which a greeting with an unanswerable rest ("alo alo có ai không") is small talk. */
const GREETING_ONLY_MAX_WORDS = 6;

/** Words up to which a message opening with a greeting that names nothing of ours is small talk; a longer one is read as a question. */
const GREETING_SMALL_TALK_MAX_WORDS = 20;

/**
 * Whether an earlier turn gave a follow-up something to be about: rows shown, a slot, or an answer on
 * one of the knowledge topics ("được bao nhiêu tiền 1 tháng" after the boarding support).
 */
function carriesSubject(previous: PreviousTurn): boolean {
  if (previous.table || previous.rows?.length) return true;
  if (previous.topic !== "greeting_smalltalk" && previous.topic !== "out_of_scope") return true;
  return Object.values(previous.slots ?? {}).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== null));
}

/**
 * The classifier says it is a follow-up, or a short message with no topic of its own leans on the
 * previous one. Real users nearly always have an earlier turn, so a message that stands on its own
 * (its own subject and value asked, a document number, a long sentence, a ranking over the whole
 * table) is not read against it: `npm run eval -- --in-context` measures this.
 */
function looksLikeFollowUp(qa: QuestionAnalysis, cueScore: number, previous: PreviousTurn, lexicon: Lexicon): boolean {
  // "Học nấu ăn ở đâu", "xưởng tiện Minh Trí lương bao nhiêu": a subject of its own and a value of its own.
  const asksAnew = qa.wanted !== "none" && namesNewSubject(qa, previous);
  const named = tableNamed(qa.folded);
  // "Cái nào lương cao nhất" after rows ranks those rows: "cái nào" asks which of a set already named.
  const pointsBack = containsPhrase(qa.folded.split(" "), lexicon.slots.backReferences) || (previous.table !== undefined && (/\bcai nao\b.*\bnhat\b/.test(qa.folded) || comparesUnnamed(qa.folded.split(" "))));
  // "Chỗ nào tuyển nhiều người nhất" after the demand figures: a ranking over another table, new.
  const ranksAnotherTable = previous.table !== undefined && /\b(nao|gi)\b.*\bnhat\b/.test(qa.folded) && (named ?? previous.table) !== previous.table;
  if (ranksAnotherTable && !qa.continues && !pointsBack) return false;
  if (qa.act === "follow_up" && qa.actConfidence >= 0.5 && !asksAnew) return true;
  // "Còn văn bản của tỉnh… thì số mấy?": opened with a word that continues (knowledge/slots.yaml).
  if (qa.continues) return true;
  const words = qa.folded.split(" ").filter(Boolean).length;
  // "Có việc gì ở Long Hiệp" after a list of courses asks another table.
  const otherTable = previous.table !== undefined && named !== undefined && named !== previous.table;
  // After rows of a table, a value asked with nothing named ("hạn nộp hồ sơ tới khi nào") is about
  // those rows; a ranking ("việc nào lương cao nhất") is over the whole table unless it points back,
  // and a long sentence or a document number ("ND 238 hiệu lực từ ngày nào") asks something else.
  if (
    previous.table &&
    !otherTable &&
    ["date", "amount", "where", "eligibility", "contact", "count", "duration"].includes(qa.wanted) &&
    !namesOwnSlots(qa) &&
    qa.slots.documentNumber === undefined &&
    words <= TABLE_FOLLOW_UP_MAX_WORDS &&
    (qa.act !== "comparison" || pointsBack)
  )
    return true;
  // After a document named by its number ("Nghị định 238/2025 quy định gì"), a short value asked
  // with no subject of its own ("có hiệu lực từ ngày nào", "bao nhiêu nhóm") is that document's.
  if (
    previous.slots?.documentNumber !== undefined &&
    qa.slots.documentNumber === undefined &&
    ["date", "amount", "count", "duration"].includes(qa.wanted) &&
    !namesOwnSlots(qa) &&
    qa.folded.split(" ").filter((w) => w && isInformative(w) && !/^\d+$/.test(w)).length <= DOCUMENT_FOLLOW_UP_OWN_WORDS &&
    qa.slots.year === undefined
  )
    return true;
  // After rows, a short message naming only a place, an age or a condition filters them ("ở Tập Sơn có không?").
  // "Có cần kinh nghiệm không" after openings: a column of the rows just shown (knowledge/slots.yaml
  // row_columns), asked with nothing of its own named.
  // Not "khóa nào khai giảng sớm nhất", "những khóa nào được miễn học phí": a "which" question ranks or
  // lists the whole table, unless it points back.
  const asksWhich = (WHICH_RE.test(qa.folded) || /\bnhat\b/.test(qa.folded)) && !pointsBack;
  if (previous.table && !otherTable && !asksWhich && words <= TABLE_FOLLOW_UP_MAX_WORDS && !namesOwnSlots(qa) && qa.slots.documentNumber === undefined && tableByColumns(qa.folded, lexicon) === previous.table) return true;
  const s = qa.slots;
  const onlyFilters = (s.commune.length > 0 || s.age !== undefined || s.condition.length > 0) && [s.trade, s.country, s.company, s.school, s.audience, s.level].every((l) => l.length === 0);
  if (previous.table && !otherTable && onlyFilters && words <= 8) return true;
  // "Ở đó có chỗ nào tuyển người không": a word pointing back (knowledge/slots.yaml back_references)
  // at an earlier turn that named something.
  if (words <= 12 && ((previous.slots && Object.keys(previous.slots).length > 0) || previous.rows?.length) && !namesOwnSlots(qa) && pointsBack) return true;
  // "Em là người Khmer" after a question: who the asker is, said with no question of its own, adds a
  // group to the earlier question.
  const ownOther = [s.trade, s.country, s.company, s.school, s.level].some((l) => l.length > 0);
  if (words <= 8 && s.audience.length > 0 && !ownOther && !FOLDED_QUESTION_WORD_RE.test(qa.folded)) return true;
  // "Vay được tối đa bao nhiêu" after loans: a value asked with nothing named, not even a concept.
  if (words <= 6 && !namesOwnSlots(qa) && qa.concepts.length === 0 && ["amount", "count", "date", "duration"].includes(qa.wanted)) return true;
  // "trong mấy chỗ đó việc nào lương cao nhất": a fair chance of a follow-up and nothing of its own.
  if (qa.followUpScore >= 0.2 && words <= 12 && !namesOwnSlots(qa)) return true;
  return words <= 4 && cueScore < 2;
}

/**
 * "Nhà nghèo có được giảm không" after courses: a group asked of the rows' own column (support),
 * with no trade, school or country of its own. A row just shown that names the group ("Giảm 50%
 * học phí cho hộ nghèo") answers it: a follow-up (true). Rows that never name it say nothing of the
 * group, and showing their support again would read as a no: the policy documents answer (false).
 * Undefined when the message is not such a question.
 */
function asksGroupOfShownCourses(qa: QuestionAnalysis, previous: PreviousTurn, snapshot: KnowledgeSnapshot): boolean | undefined {
  const s = qa.slots;
  if (previous.table !== "course" || !previous.rows?.length || !s.audience.length) return undefined;
  if ([s.trade, s.country, s.company, s.school].some((l) => l.length > 0)) return undefined;
  // The rows must name the group asked, so a longer message ("học phí bao nhiêu, nhà tôi cận nghèo
  // có giảm không") is still read against them; only one telling a story of its own is left out.
  if (WHICH_RE.test(qa.folded) || qa.folded.split(" ").length > GROUP_FOLLOW_UP_MAX_WORDS) return undefined;
  if (tableByColumns(qa.folded, snapshot.lexicon) !== "course") return undefined;
  return coursesNameGroup(snapshot.labour, snapshot.lexicon, previous.rows, s.audience.map((a) => a.id));
}

/** Kinds of legal document as written before their number. */
const DOCUMENT_KIND_RE = "(?:Kế hoạch|Quyết định|Chỉ thị|Nghị quyết|Nghị định|Thông tư|Luật|Đề án)";

/**
 * The clause of a retrieved sentence that is about document `number`: from "Kế hoạch số 90/KH-UBND"
 * to the next document listed beside it (" và Kế hoạch số 02/…"), a ";" or the sentence's end.
 * Only a clause that says more than the number and its date (what it carries out, what it is about).
 */
function documentClause(chunks: RetrievedChunk["chunk"][], number: string, kind: { word?: string; suffix?: string }): { chunk: RetrievedChunk["chunk"]; text: string } | undefined {
  // "Kế hoạch 90/KH-UBND" is not "Quyết định 90/QĐ-TTg": the kind or the code after the number must agree.
  if (!kind.word && !kind.suffix) return undefined;
  const start = new RegExp(`${kind.word ?? DOCUMENT_KIND_RE}(?: số)? ${number}/${kind.suffix ?? ""}`, "iu");
  const next = new RegExp(`(?: và |; )${DOCUMENT_KIND_RE}(?: số)? \\d+/`, "u");
  for (const chunk of chunks) {
    if (chunk.kind === "labour" || !chunk.text.includes(`${number}/`)) continue;
    for (const sentence of sentences(chunk.text)) {
      const at = start.exec(sentence);
      if (!at) continue;
      const rest = sentence.slice(at.index);
      const end = next.exec(rest.slice(at[0].length));
      const text = (end ? rest.slice(0, at[0].length + end.index) : rest).replace(/[.;,\s]+$/u, "");
      // "Kế hoạch 90/KH-UBND ngày 13/10/2021" alone, in a list, adds nothing.
      if (text.split(/\s+/).length >= 12) return { chunk, text };
    }
  }
  return undefined;
}

/** Folded names and abbreviations of document kinds, as users type them. */
const DOCUMENT_KINDS_ASKED: [RegExp, string][] = [
  [/\b(ke hoach|kh)\b/, "Kế hoạch"],
  [/\b(quyet dinh|qd)\b/, "Quyết định"],
  [/\b(chi thi|ct)\b/, "Chỉ thị"],
  [/\b(nghi quyet|nq)\b/, "Nghị quyết"],
  [/\b(nghi dinh|nd)\b/, "Nghị định"],
  [/\b(thong tu|tt)\b/, "Thông tư"],
];

/** The kind of document the question names, by its word ("kế hoạch 90") or its code as typed ("90/KH-UBND"). */
function documentKindAsked(text: string, folded: string): { word?: string; suffix?: string } {
  const code = /\d+\/([\p{L}]+)/u.exec(text)?.[1];
  const word = DOCUMENT_KINDS_ASKED.find(([re]) => re.test(folded))?.[1];
  return { ...(word ? { word } : {}), ...(code ? { suffix: code } : {}) };
}

/** Slots a follow-up may name of its own that the reply must then name too. */
const FOLLOW_UP_OWN_SLOTS = ["audience", "level", "country"] as const;

/** The topic classifier's out-of-scope probability at which a message naming nothing of ours is refused. */
const OUT_OF_SCOPE_MIN = 0.8;

/** A passage that opens by saying it has no list ("Mình chưa có danh sách đã xác minh các trường…"). */
const NO_LIST_RE = /chưa có danh sách/iu;

/** A follow-up's passages on the earlier turn's topic come first when they score at least this share of the best. */
const FOLLOW_UP_TOPIC_SHARE = 0.9;

/** Share of the best score a passage on what holds now needs to go before a 2023 one, for a question about the present. */
const PRESENT_SHARE = 0.5;

/**
 * "Phòng đó giờ còn không", "hiện nay hỏi ai": passages on what holds now that fit about as well as
 * the best go before those speaking for the 2023 plan (`speaksForPast`), in retrieval order.
 */
function presentFirst(snapshot: KnowledgeSnapshot, hits: RetrievedChunk[]): RetrievedChunk[] {
  if (!hits[0] || !speaksForPast(snapshot, hits[0].chunk)) return hits;
  const best = hits[0].score;
  const now = (h: RetrievedChunk) => h.chunk.kind !== "labour" && h.score >= best * PRESENT_SHARE && !speaksForPast(snapshot, h.chunk);
  return hits.some(now) ? [...hits.filter(now), ...hits.filter((h) => !now(h))] : hits;
}

const pastTitles = new WeakMap<KnowledgeSnapshot, Set<string>>();

/**
 * A passage of a historical document (the 2023 plan), or a FAQ answer citing one that says nothing
 * of how things stand now.
 */
function speaksForPast(snapshot: KnowledgeSnapshot, chunk: Chunk): boolean {
  if (chunk.status === "historical") return true;
  if (chunk.kind !== "faq") return false;
  let titles = pastTitles.get(snapshot);
  if (!titles) pastTitles.set(snapshot, (titles = new Set(snapshot.chunks.filter((c) => c.status === "historical").map((c) => sourceOf(c).title))));
  return titles.has(chunk.docTitle) && !statesPresent(snapshot, chunk.text);
}

/** Most words of its own (not question words) in a value asked of the document the earlier turn named. */
const DOCUMENT_FOLLOW_UP_OWN_WORDS = 3;

/** Longest message that may continue the earlier turn when it cannot be answered alone. */
const CONTINUING_MAX_WORDS = 8;

/** Short, naming no subject of its own: a message that may lean on the earlier turn. */
function mayContinue(qa: QuestionAnalysis): boolean {
  return qa.folded.split(" ").filter(Boolean).length <= CONTINUING_MAX_WORDS && !namesOwnSlots(qa) && qa.slots.documentNumber === undefined && !qa.slots.unknownOrganisation;
}

/** Longest message read as a question about the rows just listed (the tuning sets' longest is 9 words). */
const TABLE_FOLLOW_UP_MAX_WORDS = 9;
/** Punctuation that ends a clause: refusal phrases never run across it. */
const CLAUSE_BREAK_RE = /[,.;:!?\n]+/u;
/** Most words of a group asked of the courses just shown whose rows name that group. */
const GROUP_FOLLOW_UP_MAX_WORDS = 16;
/** Words that ask, in the folded form: a message without one states something ("em là người Khmer"). */
const FOLDED_QUESTION_WORD_RE = /\b(bao nhieu|may|nao|gi|dau|khong|ko|chua|sao|ai|ha|hong|hok|the nao|khi nao|bao gio|duoc khong)\b|\?/;

/** The message names a trade, company, school or country the previous turn did not. */
function namesNewSubject(qa: QuestionAnalysis, previous: PreviousTurn): boolean {
  return (["trade", "company", "school", "country"] as const).some((kind) => {
    const key = (v: string | { id: string }) => (typeof v === "string" ? v : v.id);
    const before = new Set<string>((previous.slots?.[kind] ?? []).map(key));
    return qa.slots[kind].some((v) => !before.has(key(v)));
  });
}

/** The turn remembered for the next message: its question, topic, slots, wanted value and reply. */
function turnOf(question: string, answer: Answer, qa: QuestionAnalysis, hash = replyHash(answer.answer)): PreviousTurn {
  return {
    question: question.slice(-600),
    topic: answer.topic,
    at: Date.now(),
    slots: slotsToKeep(qa.slots),
    wanted: qa.wanted,
    answerHash: hash,
  };
}

/** Who to ask about a topic (referrals.yaml). */
function referralFor(snapshot: KnowledgeSnapshot, topic: Topic): string {
  const referrals = snapshot.lexicon.referrals;
  return (topic !== "out_of_scope" && referrals.byTopic[topic]) || referrals.defaultText;
}

/** The seven knowledge topics (not small talk, not out of scope). */
function isKnowledgeTopic(topic: Topic): boolean {
  return topic !== "greeting_smalltalk" && topic !== "out_of_scope";
}

/** Probability that the message is about one of the knowledge topics: the best of them. */
function inScope(scores: Map<Topic, number>): number {
  let best = 0;
  for (const [topic, p] of scores) if (isKnowledgeTopic(topic) && p > best) best = p;
  return best;
}

/**
 * Topic by vote: the topic classifier (trained on the question bank) on the message itself weighs
 * most, then the topics of the retrieved passages (FAQ and documents declare theirs), then the
 * classifier on the whole conversation.
 */
function chooseTopic(
  askedScores: Map<Topic, number>,
  conversationScores: Map<Topic, number>,
  hits: RetrievedChunk[],
  previous: PreviousTurn | undefined,
): Topic {
  const votes = new Map<Topic, number>();
  const add = (topic: Topic | undefined, weight: number) => {
    if (topic) votes.set(topic, (votes.get(topic) ?? 0) + weight);
  };
  for (const [topic, p] of askedScores) if (isKnowledgeTopic(topic)) add(topic, p * 4);
  for (const [topic, p] of conversationScores) if (isKnowledgeTopic(topic)) add(topic, p * 1.2);
  hits.slice(0, 3).forEach((hit, rank) => add(hit.chunk.topic, [2.5, 1.2, 0.6][rank]!));
  if (previous) add(previous.topic, 0.5);
  let best: Topic = "out_of_scope";
  let bestScore = 0;
  for (const [topic, score] of votes) if (score > bestScore) [best, bestScore] = [topic, score];
  return best;
}

/** Messages shorter than this many words are asked whole. */
const FOCUS_MIN_WORDS = 20;
// Word edges by letter class: \b does not see "gì" or "ạ" as words.
const QUESTION_WORD_RE = /(?<![\p{L}\d])(không|ko|k|chưa|sao|nào|gì|j|bao nhiêu|bn|mấy|ở đâu|đâu|được không|hả|ạ)(?![\p{L}\d])|\?/iu;

/** Longer messages are checked for an events question by their question sentence. */
const EVENT_FOCUS_WORDS = 20;

/**
 * The question sentences of a long message (the last one or two ending in "?", else the last with
 * a question word), or undefined when the message is short, unpunctuated or all question.
 */
export function questionFocus(text: string): string | undefined {
  if (text.split(/\s+/).length < FOCUS_MIN_WORDS) return undefined;
  const parts = text.split(/(?<=[.!?])\s+/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return undefined;
  // Sentences ending in "?" say best what is asked; else the last one with a question word ("không"
  // also negates statements, so only the last such sentence is taken).
  const marked = parts.filter((p) => p.endsWith("?"));
  const focus = marked.length ? marked.slice(-2).join(" ") : (parts.filter((p) => QUESTION_WORD_RE.test(p)).at(-1) ?? "");
  return focus && focus !== text && focus.split(/\s+/).length >= 3 ? focus : undefined;
}

/** Share (by idf weight) of the question's informative words found in the best passage. */
function coverage(snapshot: KnowledgeSnapshot, query: ReturnType<typeof analyze>, top: RetrievedChunk): number {
  const { matched, total } = matchWeight(snapshot, query, snapshot.chunkTerms[top.index]!);
  return total === 0 ? 0 : matched / total;
}


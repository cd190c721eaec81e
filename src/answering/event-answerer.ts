/**
 * Answers "sắp tới có hội thảo / ngày hội việc làm nào?" from the upcoming events: the ones staff
 * keep in `knowledge/events/*.yaml` and add in the dashboard, read through an `EventSource` the
 * engine receives (the answering core does not know where events are stored). Events of the
 * user's commune (named in the message, else the profile) come with those for the whole area;
 * an event whose start has passed is never offered. With none upcoming the reply says so and
 * points to the school and the UBND xã.
 */
import { findCommunes, type Lexicon } from "../knowledge/lexicon.js";
import type { SourceRef } from "../knowledge/types.js";
import { foldedKey } from "../knowledge/vietnamese.js";
import { eventRepliesVi, repliesVi } from "../messages-vi.js";
import type { Answer } from "./answer.js";
import { localDateTime } from "../time/local-date.js";

/** One event, wherever it was entered. */
export interface EventInfo {
  id: string;
  name: string;
  /** `YYYY-MM-DD`, Vietnam time. */
  date: string;
  /** `HH:MM` (24 h), when known. */
  time?: string | null;
  place: string;
  /** New commune name ("Xã Long Hiệp"); null or absent = the whole area. */
  commune?: string | null;
  audience?: string | null;
  organiser?: string | null;
  contact?: string | null;
  /** From `knowledge/events/examples/` (LOAD_EXAMPLES=true): answers say it is example data. */
  example?: boolean;
}

/** Where the engine reads events. */
export interface EventSource {
  /** Events that have not started at `now`, soonest first. */
  upcoming(now: Date): Promise<EventInfo[]>;
}

export interface EventQuestion {
  /** The message as typed (for commune names). */
  text: string;
  /** The user's commune from their profile, when they told it. */
  profileCommune?: string | null;
  now: Date;
}

/** Events listed in one answer at most. */
const MAX_EVENTS = 5;
/** "hội thảo", "ngày hội (việc làm)", "sự kiện", "tư vấn tuyển sinh / hướng nghiệp"… on the shadow form. */
const EVENT_WORDS = /\b(hoi thao|ngay hoi|su kien|tu van tuyen sinh|tu van huong nghiep|buoi tu van|hoi cho viec lam|phien giao dich viec lam|san giao dich viec lam|toa dam|noi chuyen chuyen de)\b/;
/** Asking about what is on, when or where — not what the word means. */
/** ("Ngày hội việc làm tháng 12 ở xã Trà Cú tổ chức ngày mấy": a month, a day or a place asked.) */
const ASKS_WHEN = /\b(sap toi|sap|toi day|nao|khi nao|bao gio|luc nao|lich|o dau|co khong|co ko|co k|khong|ko|thang nay|tuan nay|nam nay|hom nao|ngay nao|moi nhat|dang ky tham gia|tham gia|ngay may|hom may|may gio|to chuc|dien ra|thang \d{1,2}|o xa)\b/;
const DEFINITION = /\b(la gi|la j|nghia la|dinh nghia)\b/;
/** About the 2023 plan's duties ("ai chịu trách nhiệm tổ chức hội thảo"), answered from the plan. */
const PLAN_WORDS = /\b(ke hoach|trach nhiem|chu tri|phoi hop|nhiem vu)\b/;
/** A message this short that names an event kind ("ngày hội việc làm") asks for the dates. */
const SHORT_WORDS = 6;

/** True when the event has not started at `now` (an event without a time runs to the end of its day). */
export function isUpcoming(event: Pick<EventInfo, "date" | "time">, now: Date): boolean {
  const local = localDateTime(now);
  const today = local.slice(0, 10);
  if (event.date !== today) return event.date > today;
  return !event.time || event.time > local.slice(11, 16);
}

/** True when the message asks which events are coming. */
export function asksForEvents(text: string): boolean {
  const folded = foldedKey(text);
  if (!EVENT_WORDS.test(folded) || DEFINITION.test(folded) || PLAN_WORDS.test(folded)) return false;
  return ASKS_WHEN.test(folded) || folded.split(" ").length <= SHORT_WORDS;
}

/** The answer from the events, or undefined when the message is not about upcoming events. */
export async function answerFromEvents(question: EventQuestion, source: EventSource, lexicon: Lexicon): Promise<Answer | undefined> {
  if (!asksForEvents(question.text)) return undefined;
  const named = new Set(findCommunes(lexicon, question.text).map((m) => m.commune.name));
  const commune = named.size === 1 ? [...named][0]! : (question.profileCommune ?? undefined);
  // Checked again here: a source that forgot a past event must still not offer it.
  const upcoming = (await source.upcoming(question.now)).filter((e) => isUpcoming(e, question.now));
  const suggestions = [eventRepliesVi.suggestionSubscribe];
  if (upcoming.length === 0) {
    return { answer: eventRepliesVi.none, answered: false, topic: "contact_and_events", sources: [], confidence: 1, answerer: "events", suggestions };
  }
  const local = commune ? upcoming.filter((e) => !e.commune || e.commune === commune) : upcoming;
  const shown = (local.length > 0 ? local : upcoming).slice(0, MAX_EVENTS);
  const heading = !commune ? eventRepliesVi.headingAll : local.length > 0 ? eventRepliesVi.headingCommune(commune) : eventRepliesVi.noneInCommune(commune);
  const lines = [heading, ...shown.map((event, i) => describe(event, i + 1))];
  if (shown.some((e) => e.example)) lines.push(repliesVi.exampleData);
  lines.push(eventRepliesVi.subscribeHint);
  const cited: SourceRef = { title: eventRepliesVi.sourceTitle };
  lines.push(`${repliesVi.sourcePrefix} ${cited.title}`);
  return { answer: lines.join("\n"), answered: true, topic: "contact_and_events", sources: [cited], confidence: 1, answerer: "events", suggestions };
}

function describe(event: EventInfo, n: number): string {
  const [y, m, d] = event.date.split("-");
  const when = `${event.time ? `${event.time}, ` : ""}${eventRepliesVi.weekday(event.date)} ${d}/${m}/${y}`;
  const parts = [
    `${n}. ${event.name}`,
    `   ${eventRepliesVi.when}: ${when}`,
    `   ${eventRepliesVi.where}: ${event.place}${event.commune && !event.place.includes(event.commune) ? `, ${event.commune}` : ""}`,
  ];
  if (event.audience) parts.push(`   ${eventRepliesVi.audience}: ${event.audience}`);
  if (event.organiser) parts.push(`   ${eventRepliesVi.organiser}: ${event.organiser}`);
  if (event.contact) parts.push(`   ${eventRepliesVi.contact}: ${event.contact}`);
  return parts.join("\n");
}

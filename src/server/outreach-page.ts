/**
 * Server-rendered HTML of the dashboard's outreach pages: announcements (compose, preview, confirm,
 * progress), events (form and lists), the follow-up of unanswered questions (answer, approve FAQ
 * drafts) and the printable report. Everything typed by users or staff is HTML-escaped; the pages'
 * script (`dashboard-assets/outreach.js`) reads its texts from a JSON element, so the strict CSP of
 * the dashboard (no inline script or style) holds.
 */
import { channelLabelsVi, dashboardVi, outreachDashboardVi, outreachTopicLabelsVi, queueReasonLabelsVi, topicLabelsVi } from "../messages-vi.js";
import type { CatalogEvent } from "../outreach/event-catalog.js";
import type { OutreachReport } from "../outreach/outreach-report.js";
import { reportSections, reportTitle } from "../outreach/report-sections.js";
import { TOPICS } from "../knowledge/types.js";
import { localDateTimeVi } from "../store/local-date.js";
import { OUTREACH_TOPICS, type AnnouncementWithCounts, type StaffAnswer } from "../store/outreach-store.js";
import type { QueueItem } from "../store/store.js";
import type { StaffIdentity } from "../staff/staff-roles.js";
import { renderDashboardNav } from "./dashboard-nav.js";
import { escapeHtml, staffPageHead } from "./dashboard-page.js";

const T = outreachDashboardVi;
const e = escapeHtml;

function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/** The texts the page script shows; templates carry `{n}` where the script puts a number. */
function clientTexts(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(T)) {
    if (typeof value === "string") out[key] = value;
    else if (key === "recipients" || key === "queued" || key === "confirmDeleteEvent") out[key] = (value as (n: string) => string)("{n}");
  }
  return out;
}

function layout(title: string, current: string, body: string, data: Record<string, unknown> = {}, who?: StaffIdentity): string {
  return `${staffPageHead(title, { styles: ["outreach.css"], scripts: ["outreach.js"] })}
<body>
<header class="top">
<h1>${e(title)}</h1>
<form method="post" action="/dashboard/logout"><button type="submit" class="secondary">${e(dashboardVi.logout)}</button></form>
</header>
${renderDashboardNav(current, who)}
<main>
${body}
</main>
<script type="application/json" id="outreach-data">${scriptJson({ text: clientTexts(), ...data })}</script>
</body>
</html>
`;
}

function formatNumber(n: number): string {
  return n.toLocaleString("vi-VN");
}

function formatDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** "2026-11-20 10:05:00" → "20/11/2026 10:05". */
function isoLocalToVi(local: string): string {
  const [date, time] = local.split(" ");
  return `${formatDate(date ?? "")} ${(time ?? "").slice(0, 5)}`.trim();
}

function option(value: string, label: string, selected = false): string {
  return `<option value="${e(value)}"${selected ? " selected" : ""}>${e(label)}</option>`;
}

// === announcements

export interface AnnouncementsView {
  /** The signed-in staff member: the bar shows only the pages their role may use. */
  who?: StaffIdentity;
  communes: string[];
  subscribers: { total: number; byChannel: Record<string, number> };
  announcements: AnnouncementWithCounts[];
  /** Prefill from an event. */
  prefill?: { text: string; topic: string; communes: string[]; eventId: string };
}

export function renderAnnouncementsPage(view: AnnouncementsView): string {
  const prefill = view.prefill;
  const byChannel = Object.entries(view.subscribers.byChannel)
    .map(([c, n]) => `${channelLabelsVi[c] ?? c} ${formatNumber(n)}`)
    .join(", ");
  const rows = view.announcements
    .map((a) => {
      const communes = a.communes.length ? a.communes.join(", ") : T.allCommunes;
      return `<tr data-id="${e(a.id)}">
<td data-label="${e(T.createdAt)}">${e(localDateTimeVi(a.createdAt))}</td>
<td data-label="${e(T.topic)}">${e(outreachTopicLabelsVi[a.topic] ?? a.topic)}</td>
<td data-label="${e(T.communes)}">${e(communes)}</td>
<td data-label="${e(T.text)}" class="message">${e(a.text)}</td>
<td data-label="${e(T.author)}">${e(a.author)}</td>
<td data-label="${e(T.recipientCount)}" class="num">${formatNumber(a.recipientCount)}</td>
<td data-label="${e(T.delivered)}" class="num delivered">${formatNumber(a.counts.delivered)}</td>
<td data-label="${e(T.failed)}" class="num failed">${formatNumber(a.counts.failed)}</td>
<td data-label="${e(T.blocked)}" class="num blocked">${formatNumber(a.counts.blocked)}</td>
<td data-label="${e(T.waiting)}" class="num waiting">${formatNumber(a.counts.waiting)}</td>
<td data-label="${e(T.status)}" class="status">${e(a.status === "done" ? T.statusDone : T.statusQueued)}</td>
</tr>`;
    })
    .join("");
  const table = view.announcements.length
    ? `<div class="table-scroll"><table id="announcements" class="phone-cards">
<thead><tr><th scope="col">${e(T.createdAt)}</th><th scope="col">${e(T.topic)}</th><th scope="col">${e(T.communes)}</th><th scope="col">${e(T.text)}</th><th scope="col">${e(T.author)}</th><th scope="col" class="num">${e(T.recipientCount)}</th><th scope="col" class="num">${e(T.delivered)}</th><th scope="col" class="num">${e(T.failed)}</th><th scope="col" class="num">${e(T.blocked)}</th><th scope="col" class="num">${e(T.waiting)}</th><th scope="col">${e(T.status)}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
    : `<p class="empty" id="no-announcements">${e(T.noAnnouncements)}</p>`;
  const body = `<p class="lead" id="subscriber-count">${e(T.subscribers)}: <strong>${formatNumber(view.subscribers.total)}</strong>${byChannel ? ` (${e(byChannel)})` : ""}</p>
<section class="panel" aria-labelledby="compose-title">
<h2 id="compose-title">${e(prefill ? T.fromEvent : T.newAnnouncement)}</h2>
<form id="announcement-form" class="stack" novalidate>
<input type="hidden" id="a-event" name="eventId" value="${e(prefill?.eventId ?? "")}">
<div class="field"><label for="a-text">${e(T.text)}</label><textarea id="a-text" name="text" rows="7" maxlength="1500" required aria-describedby="a-text-hint">${e(prefill?.text ?? "")}</textarea><span class="hint" id="a-text-hint">${e(T.textHint)}</span></div>
<div class="field"><label for="a-topic">${e(T.topic)}</label><select id="a-topic" name="topic">${OUTREACH_TOPICS.map((t) => option(t, outreachTopicLabelsVi[t] ?? t, prefill?.topic === t)).join("")}</select></div>
<fieldset class="choices"><legend>${e(T.communes)}</legend>
${view.communes.map((c, i) => `<label for="a-commune-${i}"><input type="checkbox" id="a-commune-${i}" name="communes" value="${e(c)}"${prefill?.communes.includes(c) ? " checked" : ""}> ${e(c)}</label>`).join("\n")}
<p class="hint">${e(T.communesHint)}</p></fieldset>
<div class="field"><label for="a-link">${e(T.link)}</label><input type="url" id="a-link" name="link" maxlength="300" placeholder="https://"></div>
<div class="actions"><button type="button" id="a-preview">${e(T.preview)}</button></div>
</form>
<section id="a-preview-box" class="preview" hidden aria-labelledby="a-preview-title">
<h3 id="a-preview-title">${e(T.previewTitle)}</h3>
<pre id="a-preview-text"></pre>
<p id="a-recipients"></p>
<div class="actions"><button type="button" id="a-confirm">${e(T.confirm)}</button><button type="button" id="a-edit" class="secondary">${e(T.edit)}</button></div>
</section>
<p id="a-status" role="status"></p>
<p class="error" role="alert" id="a-error" hidden></p>
</section>
<section class="panel" aria-labelledby="history-title">
<h2 id="history-title">${e(T.history)}</h2>
${table}
</section>`;
  return layout(T.announcementsTitle, "/dashboard/announcements", body, {}, view.who);
}

// === events

export interface EventsView {
  /** The signed-in staff member: the bar shows only the pages their role may use. */
  who?: StaffIdentity;
  communes: string[];
  upcoming: CatalogEvent[];
  past: CatalogEvent[];
}

function eventRows(events: CatalogEvent[], withActions: boolean): string {
  return events
    .map((ev) => {
      const source = ev.source === "file" ? T.sourceFile : T.sourceDashboard;
      const actions = withActions
        ? `<td class="row-actions"><a class="button secondary make-announcement" href="/dashboard/announcements?event=${encodeURIComponent(ev.id)}">${e(T.makeAnnouncement)}</a>${
            ev.source === "dashboard" ? ` <button type="button" class="secondary delete-event" data-id="${e(ev.id)}" data-name="${e(ev.name)}">${e(T.deleteEvent)}</button>` : ""
          }</td>`
        : "";
      return `<tr data-id="${e(ev.id)}">
<td data-label="${e(T.eventDate)}">${e(formatDate(ev.date))}${ev.time ? ` ${e(ev.time)}` : ""}</td>
<td data-label="${e(T.eventName)}">${e(ev.name)}${ev.example ? ` <em>(${e(T.example)})</em>` : ""}</td>
<td data-label="${e(T.eventPlace)}">${e(ev.place)}</td>
<td data-label="${e(T.eventCommune)}">${e(ev.commune ?? T.wholeArea)}</td>
<td data-label="${e(T.eventAudience)}">${e(ev.audience ?? "")}</td>
<td data-label="${e(T.source)}">${e(source)}</td>
${actions}</tr>`;
    })
    .join("");
}

export function renderEventsPage(view: EventsView): string {
  const head = (actions: boolean) =>
    `<thead><tr><th scope="col">${e(T.eventDate)}</th><th scope="col">${e(T.eventName)}</th><th scope="col">${e(T.eventPlace)}</th><th scope="col">${e(T.eventCommune)}</th><th scope="col">${e(T.eventAudience)}</th><th scope="col">${e(T.source)}</th>${actions ? "<th scope=\"col\"></th>" : ""}</tr></thead>`;
  const body = `<p class="hint">${e(T.eventsHint)}</p>
<section class="panel" aria-labelledby="new-event-title">
<h2 id="new-event-title">${e(T.newEvent)}</h2>
<form id="event-form" class="grid-form" novalidate>
<div class="field wide"><label for="e-name">${e(T.eventName)}</label><input id="e-name" name="name" required maxlength="200"></div>
<div class="field"><label for="e-date">${e(T.eventDate)}</label><input type="date" id="e-date" name="date" required></div>
<div class="field"><label for="e-time">${e(T.eventTime)}</label><input type="time" id="e-time" name="time"></div>
<div class="field wide"><label for="e-place">${e(T.eventPlace)}</label><input id="e-place" name="place" required maxlength="300"></div>
<div class="field"><label for="e-commune">${e(T.eventCommune)}</label><select id="e-commune" name="commune">${option("", T.wholeArea)}${view.communes.map((c) => option(c, c)).join("")}</select></div>
<div class="field"><label for="e-audience">${e(T.eventAudience)}</label><input id="e-audience" name="audience" maxlength="300"></div>
<div class="field"><label for="e-organiser">${e(T.eventOrganiser)}</label><input id="e-organiser" name="organiser" maxlength="300"></div>
<div class="field"><label for="e-contact">${e(T.eventContact)}</label><input id="e-contact" name="contact" maxlength="300"></div>
<div class="actions"><button type="submit" id="e-save">${e(T.addEvent)}</button></div>
</form>
<p id="e-status" role="status"></p>
<p class="error" role="alert" id="e-error" hidden></p>
</section>
<section class="panel" aria-labelledby="upcoming-title">
<h2 id="upcoming-title">${e(T.upcoming)}</h2>
${view.upcoming.length ? `<div class="table-scroll"><table id="events-upcoming" class="phone-cards">${head(true)}<tbody>${eventRows(view.upcoming, true)}</tbody></table></div>` : `<p class="empty">${e(T.noEvents)}</p>`}
</section>
<section class="panel" aria-labelledby="past-title">
<h2 id="past-title">${e(T.past)}</h2>
${view.past.length ? `<div class="table-scroll"><table id="events-past" class="phone-cards">${head(false)}<tbody>${eventRows(view.past, false)}</tbody></table></div>` : `<p class="empty">${e(T.noData)}</p>`}
</section>`;
  return layout(T.eventsTitle, "/dashboard/events", body, {}, view.who);
}

// === follow-up

export interface FollowUpView {
  /** The signed-in staff member: the bar shows only the pages their role may use. */
  who?: StaffIdentity;
  drafts: StaffAnswer[];
  /** The follow-up queue: unanswered, flagged wrong or incomplete, rated 👎. */
  unanswered: QueueItem[];
  /** Record ids whose asker can still be reached. */
  reachable: Set<string>;
  /** Draft id → the bot's reply to its question, when still kept. */
  botReplies?: Map<string, string>;
}

function topicSelect(className: string, selected: string): string {
  return `<select class="${className}">${TOPICS.map((t) => option(t, topicLabelsVi[t] ?? t, t === selected)).join("")}</select>`;
}

export function renderFollowUpPage(view: FollowUpView): string {
  const drafts = view.drafts
    .map(
      (d, i) => `<article class="draft card-block" data-id="${e(d.id)}">
<p class="meta">${e(localDateTimeVi(d.answeredAt))} · ${e(T.answeredBy)}: ${e(d.answeredBy)}${d.commune ? ` · ${e(d.commune)}` : ""}</p>
<div class="field"><label for="d-question-${i}">${e(T.question)}</label><input id="d-question-${i}" class="d-question" value="${e(d.question)}" maxlength="2000"></div>
${view.botReplies?.has(d.id) ? `<div class="bot-reply"><span class="label">${e(dashboardVi.reply)}:</span> ${e(view.botReplies.get(d.id)!)}</div>` : ""}
<div class="field"><label for="d-answer-${i}">${e(T.answer)}</label><textarea id="d-answer-${i}" class="d-answer" rows="4" maxlength="4000">${e(d.answer)}</textarea></div>
<div class="field"><label for="d-topic-${i}">${e(T.topic)}</label>${topicSelect("d-topic", d.topic).replace('<select class="d-topic">', `<select class="d-topic" id="d-topic-${i}">`)}</div>
<div class="actions"><button type="button" class="approve">${e(T.approve)}</button><button type="button" class="secondary reject">${e(T.reject)}</button></div>
<p class="d-status" role="status"></p>
</article>`,
    )
    .join("\n");
  const questions = view.unanswered
    .map(
      (q, i) => `<article class="question card-block" data-id="${e(q.id)}">
<p class="meta">${e(localDateTimeVi(q.at))} · ${e(channelLabelsVi[q.channel] ?? q.channel)}${q.commune ? ` · ${e(q.commune)}` : ""} · ${e(topicLabelsVi[q.topic] ?? q.topic)} · <span class="${view.reachable.has(q.id) ? "reachable" : "unreachable"}">${e(view.reachable.has(q.id) ? T.reachable : T.notReachable)}</span></p>
<p class="reasons">${e(q.reasons.map((r) => queueReasonLabelsVi[r] ?? r).join("; "))}</p>
<p class="asked">${e(q.question)}</p>
<div class="bot-reply"><span class="label">${e(dashboardVi.reply)}:</span> ${q.reply ? e(q.reply) : `<span class="muted">${e(dashboardVi.noReply)}</span>`}</div>
<div class="field"><label for="q-answer-${i}">${e(T.answer)}</label><textarea id="q-answer-${i}" class="q-answer" rows="3" maxlength="4000"></textarea></div>
<div class="actions"><label class="inline" for="q-approve-${i}"><input type="checkbox" class="q-approve" id="q-approve-${i}"> ${e(T.approveNow)}</label><button type="button" class="answer">${e(T.reply)}</button></div>
<p class="q-status" role="status"></p>
</article>`,
    )
    .join("\n");
  const body = `<section class="panel" id="drafts" aria-labelledby="drafts-title">
<h2 id="drafts-title">${e(T.drafts)}</h2>
<p class="hint">${e(T.draftsHint)}</p>
${drafts || `<p class="empty">${e(T.noDrafts)}</p>`}
</section>
<section class="panel" id="unanswered" aria-labelledby="unanswered-title">
<h2 id="unanswered-title">${e(T.unanswered)}</h2>
<p class="hint">${e(T.unansweredHint)}</p>
${questions || `<p class="empty">${e(T.noUnanswered)}</p>`}
</section>`;
  return layout(T.followUpTitle, "/dashboard/follow-up", body, {}, view.who);
}

// === report

export interface ReportView {
  /** The signed-in staff member: the bar shows only the pages their role may use. */
  who?: StaffIdentity;
  report: OutreachReport;
  communes: string[];
  /** The query string of this report (for the download link). */
  query: string;
}

export function renderReportPage(view: ReportView): string {
  const { report } = view;
  const year = report.request.year;
  const years = Array.from({ length: 7 }, (_, i) => year + 1 - i);
  const form = `<form id="report-form" class="filters no-print" method="get" action="/dashboard/report">
<fieldset><legend>${e(T.reportTitle)}</legend>
<div class="field"><label for="r-year">${e(T.reportYear)}</label><select id="r-year" name="year">${years.map((y) => option(String(y), String(y), y === year)).join("")}</select></div>
<div class="field"><label for="r-month">${e(T.reportMonth)}</label><select id="r-month" name="month">${option("", T.wholeYear, !report.request.month)}${Array.from({ length: 12 }, (_, i) => option(String(i + 1), String(i + 1), report.request.month === i + 1)).join("")}</select></div>
<div class="field"><label for="r-commune">${e(T.reportCommune)}</label><select id="r-commune" name="commune">${option("", T.wholeArea, !report.request.commune)}${view.communes.map((c) => option(c, c, c === report.request.commune)).join("")}</select></div>
<div class="actions"><button type="submit">${e(T.show)}</button>
<a class="button secondary" id="report-xlsx" href="/api/reports/report.xlsx?${e(view.query)}" download>${e(T.downloadXlsx)}</a>
<button type="button" class="secondary" id="report-print">${e(T.print)}</button></div>
</fieldset></form>`;
  const sections = reportSections(report)
    .map((section) => {
      const table = section.rows.length
        ? `<div class="table-scroll"><table>
<thead><tr>${section.columns.map((c, i) => `<th scope="col"${i > 0 && typeof section.rows[0]?.[i] === "number" ? ' class="num"' : ""}>${e(c)}</th>`).join("")}</tr></thead>
<tbody>${section.rows.map((row) => `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${e(String(cell))}</th>` : `<td${typeof cell === "number" ? ' class="num"' : ""}>${e(typeof cell === "number" ? formatNumber(cell) : cell)}</td>`)).join("")}</tr>`).join("")}</tbody>
</table></div>`
        : `<p class="empty">${e(section.empty ?? T.noData)}</p>`;
      return `<section class="panel report-section" id="r-${e(section.id)}" aria-labelledby="r-${e(section.id)}-title">
<h2 id="r-${e(section.id)}-title">${e(section.title)}</h2>
${table}
</section>`;
    })
    .join("\n");
  const body = `${form}
<h2 id="report-title" class="report-title">${e(reportTitle(report))}</h2>
<p class="range">${e(`${formatDate(report.from)} – ${formatDate(report.to)}`)}</p>
${sections}
<p class="note">${e(T.generatedAt(isoLocalToVi(report.generatedAt)))}</p>`;
  return layout(T.reportTitle, "/dashboard/report", body, { totals: { total: report.questions.total, answered: report.questions.answered } }, view.who);
}

/**
 * Server-rendered HTML of the dashboard and its login page. Everything a user typed (questions)
 * is HTML-escaped; the chart data travels as JSON in a non-executed script element, read by
 * `dashboard-assets/dashboard.js`. Each chart has a table beside it (inside "Xem dạng bảng") so the
 * numbers are readable without the canvas, by screen readers and without JavaScript.
 */
import { channelLabelsVi, dashboardVi, queueReasonLabelsVi, roleLabelsVi, topicLabelsVi } from "../messages-vi.js";
import type { PeriodSeries } from "../stats/period-series.js";
import type { QuestionGroup } from "../stats/top-questions.js";
import { localDateTimeVi } from "../store/local-date.js";
import { UNKNOWN_COMMUNE_KEY, type QueryRecord, type QueueItem, type StatsBreakdown, type StatsFilter } from "../store/store.js";
import { TOPICS } from "../knowledge/types.js";
import type { StaffIdentity } from "../staff/staff-roles.js";
import { renderDashboardNav } from "./dashboard-nav.js";
import { CHANNELS, filterToQuery, ROLES } from "./stats-filter.js";

const T = dashboardVi;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** JSON safe inside <script>: no "</script>", no HTML comment openers. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

function formatNumber(n: number): string {
  return n.toLocaleString("vi-VN");
}

/** `2026-11-20` → `20/11/2026` (or `20/11` when short). */
function formatDate(iso: string, short = false): string {
  const [y, m, d] = iso.split("-");
  return short ? `${d}/${m}` : `${d}/${m}/${y}`;
}

/**
 * The head every staff page shares (no indexing, no favicon request, the dashboard's styles), then
 * the page's own style sheets and deferred scripts from `/dashboard/assets/`.
 */
export function staffPageHead(title: string, assets: { styles?: string[]; scripts?: string[] } = {}): string {
  const styles = ["dashboard.css", ...(assets.styles ?? [])].map((s) => `<link rel="stylesheet" href="/dashboard/assets/${s}">`);
  const scripts = (assets.scripts ?? []).map((s) => `<script src="/dashboard/assets/${s}" defer></script>`);
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
${[...styles, ...scripts].join("\n")}
</head>`;
}

function layout(title: string, body: string, options: { scripts?: boolean } = {}): string {
  return `${staffPageHead(title, options.scripts ? { scripts: ["chart.umd.js", "dashboard.js"] } : {})}
<body>
${body}
</body>
</html>
`;
}

export function renderLoginPage(options: { error?: string } = {}): string {
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : "";
  return layout(
    T.loginTitle,
    `<main class="login">
<h1>${escapeHtml(T.loginTitle)}</h1>
${error}
<form method="post" action="/dashboard/login" class="login-form">
<div class="field"><label for="login-user">${escapeHtml(T.user)}</label><input id="login-user" name="user" autocomplete="username" required maxlength="200"></div>
<div class="field"><label for="login-password">${escapeHtml(T.password)}</label><input id="login-password" name="password" type="password" autocomplete="current-password" required maxlength="200"></div>
<button type="submit">${escapeHtml(T.login)}</button>
</form>
<p class="note">${escapeHtml(T.privacyNote)}</p>
</main>`,
  );
}

export interface DashboardView {
  /** The signed-in staff member: the bar shows only the pages their role may use. */
  who?: StaffIdentity;
  /** The Labour Office's data is missing or old (the bot says so to users). */
  labourWarning?: string;
  filter: StatsFilter;
  /** The six new communes, in the order of communes.yaml. */
  communes: string[];
  breakdown: StatsBreakdown;
  series: PeriodSeries;
  topQuestions: QuestionGroup[];
  /** The follow-up queue: unanswered, flagged, 👎. */
  queue: QueueItem[];
  /** The newest questions with the bot's replies. */
  recent: QueryRecord[];
  /** Refusals of the filter: counted, not queued. */
  refusals: number;
  /** A rejected filter: the message is shown and no data. */
  error?: string;
}

function options(values: readonly string[], labels: Record<string, string>, selected: string | undefined): string {
  const all = `<option value="">${escapeHtml(T.all)}</option>`;
  return (
    all +
    values
      .map((v) => `<option value="${escapeHtml(v)}"${v === selected ? " selected" : ""}>${escapeHtml(labels[v] ?? v)}</option>`)
      .join("")
  );
}

function filterForm(filter: StatsFilter, communes: string[]): string {
  const communeLabels = Object.fromEntries(communes.map((c) => [c, c]));
  return `<form class="filters" method="get" action="/dashboard">
<fieldset>
<legend>${escapeHtml(T.filters)}</legend>
<div class="field"><label for="f-from">${escapeHtml(T.from)}</label><input type="date" id="f-from" name="from" value="${escapeHtml(filter.from)}" required></div>
<div class="field"><label for="f-to">${escapeHtml(T.to)}</label><input type="date" id="f-to" name="to" value="${escapeHtml(filter.to)}" required></div>
<div class="field"><label for="f-channel">${escapeHtml(T.channel)}</label><select id="f-channel" name="channel">${options(CHANNELS, channelLabelsVi, filter.channel)}</select></div>
<div class="field"><label for="f-commune">${escapeHtml(T.commune)}</label><select id="f-commune" name="commune">${options(communes, communeLabels, filter.commune)}</select></div>
<div class="field"><label for="f-topic">${escapeHtml(T.topic)}</label><select id="f-topic" name="topic">${options(TOPICS, topicLabelsVi, filter.topic)}</select></div>
<div class="field"><label for="f-role">${escapeHtml(T.role)}</label><select id="f-role" name="role">${options(ROLES, roleLabelsVi, filter.role)}</select></div>
<div class="actions">
<button type="submit">${escapeHtml(T.apply)}</button>
<a class="button secondary" href="/dashboard">${escapeHtml(T.reset)}</a>
<a class="button secondary" id="csv-link" href="/api/stats/export.csv?${escapeHtml(filterToQuery(filter))}" download>${escapeHtml(T.downloadCsv)}</a>
</div>
</fieldset>
</form>`;
}

function header(who?: StaffIdentity): string {
  return `<header class="top">
<h1>${escapeHtml(T.title)}</h1>
<form method="post" action="/dashboard/logout"><button type="submit" class="secondary">${escapeHtml(T.logout)}</button></form>
</header>
${renderDashboardNav("/dashboard", who)}`;
}

/** A simple two-column table: label → count. */
function countTable(caption: string, rows: [string, number][], labelHeader: string): string {
  return `<details><summary>${escapeHtml(T.asTable)}</summary><div class="table-scroll"><table>
<caption class="visually-hidden">${escapeHtml(caption)}</caption>
<thead><tr><th scope="col">${escapeHtml(labelHeader)}</th><th scope="col" class="num">${escapeHtml(T.count)}</th></tr></thead>
<tbody>${rows.map(([label, n]) => `<tr><th scope="row">${escapeHtml(label)}</th><td class="num">${formatNumber(n)}</td></tr>`).join("")}</tbody>
</table></div></details>`;
}

function chartFigure(id: string, title: string, table: string, wide = false): string {
  return `<figure class="chart${wide ? " wide" : ""}" aria-labelledby="${id}-title">
<figcaption><h2 id="${id}-title">${escapeHtml(title)}</h2></figcaption>
<div class="canvas-box"><canvas id="${id}" role="img" aria-label="${escapeHtml(`${title}: ${T.asTable.toLowerCase()} ở dưới`)}"></canvas></div>
${table}
</figure>`;
}

/** Chart data for dashboard.js: labels in Vietnamese, one dataset per series. */
function chartData(view: DashboardView) {
  const b = view.breakdown;
  const periodLabels = view.series.periods.map((p) => formatDate(p, true));
  const topicKeys = TOPICS.filter((t) => (b.byTopic[t] ?? 0) > 0);
  const communeRows: [string, number][] = [
    ...view.communes.map((c): [string, number] => [c, b.byCommune[c] ?? 0]),
    [T.unknownCommune, b.byCommune[UNKNOWN_COMMUNE_KEY] ?? 0],
  ];
  return {
    periods: {
      unit: view.series.unit,
      labels: periodLabels,
      datasets: view.series.channels.map((c) => ({ key: c, label: channelLabelsVi[c] ?? c, data: view.series.counts[c] })),
    },
    topics: { labels: topicKeys.map((t) => topicLabelsVi[t] ?? t), data: topicKeys.map((t) => b.byTopic[t] ?? 0) },
    communes: { labels: communeRows.map(([l]) => l), data: communeRows.map(([, n]) => n) },
    roles: { labels: ROLES.map((r) => roleLabelsVi[r] ?? r), data: ROLES.map((r) => b.byRole[r] ?? 0) },
    answered: { labels: [T.answered, T.unanswered], data: [b.answered, b.unanswered] },
    feedback: { labels: [T.feedbackUp, T.feedbackDown], data: [b.feedback.up, b.feedback.down] },
    text: {
      reviewed: T.reviewed,
      notReviewed: T.notReviewed,
      markReviewed: T.markReviewed,
      markNotReviewed: T.markNotReviewed,
      toggleFailed: T.toggleFailed,
      count: T.count,
      flagSaved: T.flagSaved,
      flagCleared: T.flagCleared,
    },
  };
}

function periodTable(view: DashboardView): string {
  const s = view.series;
  const head = `<tr><th scope="col">${escapeHtml(s.unit === "week" ? T.weekColumn : T.dayColumn)}</th>${s.channels.map((c) => `<th scope="col" class="num">${escapeHtml(channelLabelsVi[c] ?? c)}</th>`).join("")}</tr>`;
  const rows = s.periods
    .map((p, i) => {
      const cells = s.channels.map((c) => `<td class="num">${formatNumber(s.counts[c]![i]!)}</td>`).join("");
      return `<tr><th scope="row">${formatDate(p)}</th>${cells}</tr>`;
    })
    .join("");
  return `<details><summary>${escapeHtml(T.asTable)}</summary><div class="table-scroll"><table>
<caption class="visually-hidden">${escapeHtml(s.unit === "week" ? T.perWeek : T.perDay)}</caption>
<thead>${head}</thead><tbody>${rows}</tbody></table></div></details>`;
}

/** A cell that keeps its column name for phones, where rows are shown as stacked cards. */
function cell(label: string, content: string, className = ""): string {
  return `<td data-label="${escapeHtml(label)}"${className ? ` class="${className}"` : ""}>${content}</td>`;
}

/** The bot's reply as stored (masked), or a note for records from before replies were kept. */
function replyCell(record: QueryRecord): string {
  return cell(T.reply, record.reply ? escapeHtml(record.reply) : `<span class="muted">${escapeHtml(T.noReply)}</span>`, "reply");
}

/** "Trả lời sai" / "Chưa đủ" buttons (one pressed when set) and "Bỏ đánh dấu". */
export function flagButtons(record: QueryRecord): string {
  const flag = record.flag ?? null;
  const button = (value: "wrong" | "incomplete", label: string) =>
    `<button type="button" class="flag secondary" data-id="${escapeHtml(record.id)}" data-flag="${value}" aria-pressed="${flag === value}">${escapeHtml(label)}</button>`;
  return `<div class="flag-buttons" data-id="${escapeHtml(record.id)}">${button("wrong", T.flagWrong)}${button("incomplete", T.flagIncomplete)}<button type="button" class="flag-clear secondary" data-id="${escapeHtml(record.id)}"${flag ? "" : " hidden"}>${escapeHtml(T.flagClear)}</button></div>`;
}

function queueTable(queue: QueueItem[]): string {
  if (queue.length === 0) return `<p class="empty">${escapeHtml(T.emptyQueue)}</p>`;
  const rows = queue
    .map((r) => {
      const state = r.reviewed ? T.reviewed : T.notReviewed;
      return `<tr class="${r.reviewed ? "is-reviewed" : ""}" data-id="${escapeHtml(r.id)}">
${cell(T.time, escapeHtml(localDateTimeVi(r.at)), "when")}
${cell(T.channel, escapeHtml(channelLabelsVi[r.channel] ?? r.channel))}
${cell(T.commune, escapeHtml(r.commune ?? T.unknownCommune))}
${cell(T.topic, escapeHtml(topicLabelsVi[r.topic] ?? r.topic))}
${cell(T.question, escapeHtml(r.question), "question")}
${replyCell(r)}
${cell(T.reason, escapeHtml(r.reasons.map((reason) => queueReasonLabelsVi[reason] ?? reason).join("; ")), "reasons")}
${cell(T.status, `<button type="button" class="toggle" data-id="${escapeHtml(r.id)}" aria-pressed="${r.reviewed}" title="${escapeHtml(r.reviewed ? T.markNotReviewed : T.markReviewed)}">${escapeHtml(state)}</button>`)}
</tr>`;
    })
    .join("");
  return `<div class="table-scroll"><table id="queue" class="phone-cards">
<thead><tr><th scope="col">${escapeHtml(T.time)}</th><th scope="col">${escapeHtml(T.channel)}</th><th scope="col">${escapeHtml(T.commune)}</th><th scope="col">${escapeHtml(T.topic)}</th><th scope="col">${escapeHtml(T.question)}</th><th scope="col">${escapeHtml(T.reply)}</th><th scope="col">${escapeHtml(T.reason)}</th><th scope="col">${escapeHtml(T.status)}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function recentTable(records: QueryRecord[]): string {
  if (records.length === 0) return `<p class="empty">${escapeHtml(T.empty)}</p>`;
  const rows = records
    .map(
      (r) => `<tr data-id="${escapeHtml(r.id)}"${r.flag ? ` data-flag="${escapeHtml(r.flag)}"` : ""}>
${cell(T.time, escapeHtml(localDateTimeVi(r.at)), "when")}
${cell(T.channel, escapeHtml(channelLabelsVi[r.channel] ?? r.channel))}
${cell(T.commune, escapeHtml(r.commune ?? T.unknownCommune))}
${cell(T.question, escapeHtml(r.question), "question")}
${replyCell(r)}
${cell(T.status, `${escapeHtml(r.answered ? T.answered : T.unanswered)}${r.feedback === "down" ? " · 👎" : r.feedback === "up" ? " · 👍" : ""}`)}
${cell(T.flagged, flagButtons(r))}
</tr>`,
    )
    .join("");
  return `<div class="table-scroll"><table id="recent" class="phone-cards">
<thead><tr><th scope="col">${escapeHtml(T.time)}</th><th scope="col">${escapeHtml(T.channel)}</th><th scope="col">${escapeHtml(T.commune)}</th><th scope="col">${escapeHtml(T.question)}</th><th scope="col">${escapeHtml(T.reply)}</th><th scope="col">${escapeHtml(T.status)}</th><th scope="col">${escapeHtml(T.flagged)}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function topTable(groups: QuestionGroup[]): string {
  if (groups.length === 0) return `<p class="empty">${escapeHtml(T.empty)}</p>`;
  return `<div class="table-scroll"><table id="top-questions" class="phone-cards">
<thead><tr><th scope="col" class="num">${escapeHtml(T.times)}</th><th scope="col">${escapeHtml(T.example)}</th><th scope="col" class="num">${escapeHtml(T.variants)}</th></tr></thead>
<tbody>${groups.map((g) => `<tr>${cell(T.times, formatNumber(g.count), "num")}${cell(T.example, escapeHtml(g.example), "question")}${cell(T.variants, formatNumber(g.variants), "num")}</tr>`).join("")}</tbody>
</table></div>`;
}

export function renderDashboardPage(view: DashboardView): string {
  if (view.error) {
    return layout(
      T.title,
      `${header(view.who)}
<main>
${filterForm(view.filter, view.communes)}
<p class="error" role="alert">${escapeHtml(`${T.badFilter}: ${view.error}`)}</p>
</main>`,
    );
  }
  const b = view.breakdown;
  const data = chartData(view);
  const cards = [
    ["total", T.total, b.total],
    ["answered", T.answered, b.answered],
    ["unanswered", T.unanswered, b.unanswered],
    ["refusals", T.refusals, view.refusals],
    ["feedback-up", T.feedbackUp, b.feedback.up],
    ["feedback-down", T.feedbackDown, b.feedback.down],
  ] as const;
  const pairs = (labels: string[], values: number[]) => labels.map((l, i): [string, number] => [l, values[i] ?? 0]);
  const body = `${header(view.who)}
<main>
${view.labourWarning ? `<p class="error" id="labour-warning">${escapeHtml(view.labourWarning)}</p>` : ""}
${filterForm(view.filter, view.communes)}
<p class="range">${escapeHtml(`${formatDate(view.filter.from)} – ${formatDate(view.filter.to)}`)}</p>
<section class="cards" aria-label="${escapeHtml(T.total)}">
${cards.map(([id, label, n]) => `<div class="card"><span class="card-label">${escapeHtml(label)}</span><span class="card-value" id="card-${id}">${formatNumber(n)}</span></div>`).join("\n")}
</section>
${b.total === 0 ? `<p class="empty">${escapeHtml(T.empty)}</p>` : ""}
<section class="charts">
${chartFigure("chart-periods", view.series.unit === "week" ? T.perWeek : T.perDay, periodTable(view), true)}
${chartFigure("chart-topics", T.topics, countTable(T.topics, pairs(data.topics.labels, data.topics.data), T.topic))}
${chartFigure("chart-communes", T.communes, countTable(T.communes, pairs(data.communes.labels, data.communes.data), T.commune))}
${chartFigure("chart-roles", T.roles, countTable(T.roles, pairs(data.roles.labels, data.roles.data), T.role))}
${chartFigure("chart-answered", T.answeredChart, countTable(T.answeredChart, pairs(data.answered.labels, data.answered.data), T.status))}
${chartFigure("chart-feedback", T.feedback, countTable(T.feedback, pairs(data.feedback.labels, data.feedback.data), T.feedback))}
</section>
<section class="panel" aria-labelledby="top-title">
<h2 id="top-title">${escapeHtml(T.topQuestions)}</h2>
${topTable(view.topQuestions)}
</section>
<section class="panel" aria-labelledby="queue-title">
<h2 id="queue-title">${escapeHtml(T.queue)}</h2>
<p class="hint">${escapeHtml(T.queueHint)}</p>
<p class="hint" id="refusals-hint">${escapeHtml(`${T.refusalsHint} ${T.refusals}: ${formatNumber(view.refusals)}.`)}</p>
<p class="error" role="alert" id="queue-error" hidden></p>
${queueTable(view.queue)}
</section>
<section class="panel" aria-labelledby="recent-title">
<h2 id="recent-title">${escapeHtml(T.recent)}</h2>
<p class="hint">${escapeHtml(T.recentHint)}</p>
<p class="status-line" role="status" id="flag-status"></p>
<p class="error" role="alert" id="flag-error" hidden></p>
${recentTable(view.recent)}
</section>
<footer><p class="note">${escapeHtml(T.privacyNote)}</p></footer>
</main>
<script type="application/json" id="dashboard-data">${scriptJson(data)}</script>`;
  return layout(T.title, body, { scripts: true });
}

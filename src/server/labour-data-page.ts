/**
 * Server-rendered HTML of `/dashboard/du-lieu`, the Labour Office's page: templates, upload, the
 * Vietnamese validation report of the draft, the preview of sample answers with the new data, the
 * publish form, and the history with roll back. Everything from files or staff is HTML-escaped; the
 * page script (`dashboard-assets/labour-data.js`) only sends the chosen files and reads its texts
 * from a JSON element, so the dashboard's strict CSP (no inline script) holds.
 */
import { LABOUR_TABLES } from "../knowledge/labour/headers.js";
import { formatDateVi } from "../knowledge/labour/dates.js";
import { dashboardVi, labourDataVi } from "../messages-vi.js";
import type { StaffIdentity } from "../staff/staff-roles.js";
import { localDateTime } from "../store/local-date.js";
import type { DatasetHeader, LabourDraft } from "../store/labour-dataset-store.js";
import { reportLineVi } from "../labour-data/report-vi.js";
import { renderDashboardNav } from "./dashboard-nav.js";
import { escapeHtml as e, staffPageHead } from "./dashboard-page.js";

const T = labourDataVi;

export interface LabourDataPageModel {
  who: StaffIdentity;
  today: string;
  draft?: LabourDraft;
  /** Sample questions and what the bot would answer with the draft. */
  preview?: { question: string; answer: string; answered: boolean }[];
  previewQuestion?: string;
  asOf?: string;
  history: DatasetHeader[];
  liveVersion?: number;
  /** Data older than LABOUR_DATA_MAX_AGE_DAYS: its date. */
  staleSince?: string;
  maxAgeDays: number;
  /** Nothing published and no folder data: the bot says so to users. */
  nothingLive: boolean;
  notice?: string;
  error?: string;
}

function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

const LEVEL_LABELS = { loi: T.levelError, "chua-ro": T.levelUnclear, "canh-bao": T.levelWarning } as const;

export function renderLabourDataPage(m: LabourDataPageModel): string {
  const banners = [
    m.notice ? `<p class="notice" role="status" id="notice">${e(m.notice)}</p>` : "",
    m.error ? `<p class="error" role="alert" id="page-error">${e(m.error)}</p>` : "",
    m.nothingLive ? `<p class="warning" id="no-data">${e(T.none)}</p>` : "",
    m.staleSince ? `<p class="warning" id="stale-data">${e(T.stale(formatDateVi(m.staleSince), m.maxAgeDays))}</p>` : "",
  ].join("\n");
  const templates = LABOUR_TABLES.map(
    (t) => `<li><a href="/dashboard/du-lieu/mau/${t.kind}.xlsx" download="${e(t.templateFile)}">${e(T.templateNames[t.kind] ?? t.title)} (${e(t.templateFile)})</a></li>`,
  ).join("");
  const upload = `<section aria-labelledby="h-upload"><h2 id="h-upload">${e(T.step1)}</h2>
<p>${e(T.intro)}</p>
<p class="hint">${e(T.folderNote)}</p>
<h3>${e(T.templates)}</h3><ul id="templates">${templates}</ul>
<label for="files">${e(T.step1)}</label>
<input type="file" id="files" multiple accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
<button type="button" id="upload">${e(T.upload)}</button>
<div id="upload-result" aria-live="polite"></div>
</section>`;
  return `${staffPageHead(T.title, { styles: ["outreach.css", "labour-data.css"], scripts: ["labour-data.js"] })}
<body>
<header class="top">
<h1>${e(T.title)}</h1>
<form method="post" action="/dashboard/logout"><button type="submit" class="secondary">${e(dashboardVi.logout)}</button></form>
</header>
${renderDashboardNav("/dashboard/du-lieu", m.who)}
<main>
${banners}
${upload}
${m.draft ? draftSections(m) : ""}
${historySection(m)}
</main>
<script type="application/json" id="labour-data">${scriptJson({ draft: m.draft?.id ?? null })}</script>
</body>
</html>`;
}

function draftSections(m: LabourDataPageModel): string {
  const draft = m.draft!;
  const files = draft.files
    .map((f) => {
      const lines = f.issues.map(reportLineVi);
      const rows = lines.length
        ? `<div class="table-scroll"><table class="report"><thead><tr><th>Mức</th><th>Dòng</th><th>Cột</th><th>Nội dung</th></tr></thead><tbody>${lines
            .map((l) => `<tr class="level-${l.level}"><td>${e(LEVEL_LABELS[l.level])}</td><td>${l.row ?? ""}</td><td>${e(l.column ?? "")}</td><td>${e(l.text)}</td></tr>`)
            .join("")}</tbody></table></div>`
        : `<p>${e(T.noProblems)}</p>`;
      return `<article class="report-file"><h3>${e(T.fileAccepted(f.name, f.rowCount, T.kinds[f.kind] ?? f.kind))}</h3>${rows}</article>`;
    })
    .join("\n");
  const preview = (m.preview ?? [])
    .map(
      (p) => `<li class="preview-item"><p class="preview-question"><strong>${e(p.question)}</strong></p><pre class="preview-answer">${e(p.answer)}</pre></li>`,
    )
    .join("");
  const asOf = m.asOf ?? m.today;
  return `<section aria-labelledby="h-report" id="report"><h2 id="h-report">${e(T.step2)}</h2>${files}</section>
<section aria-labelledby="h-preview" id="preview"><h2 id="h-preview">${e(T.step3)}</h2>
<ol id="preview-list">${preview}</ol>
<form method="get" action="/dashboard/du-lieu">
<input type="hidden" name="draft" value="${e(draft.id)}">
<input type="hidden" name="asOf" value="${e(asOf)}">
<label for="q">${e(T.previewQuestion)}</label>
<input type="text" id="q" name="q" maxlength="300" value="${e(m.previewQuestion ?? "")}">
<button type="submit" id="preview-button">${e(T.preview)}</button>
</form>
</section>
<section aria-labelledby="h-publish" id="publish-section"><h2 id="h-publish">${e(T.step4)}</h2>
<form method="post" action="/dashboard/du-lieu/publish" id="publish-form">
<input type="hidden" name="draft" value="${e(draft.id)}">
<label for="asOf">${e(T.asOf)}</label>
<input type="date" id="asOf" name="asOf" required max="${e(m.today)}" value="${e(asOf)}">
<button type="submit" id="publish">${e(T.publish)}</button>
</form>
<form method="post" action="/dashboard/du-lieu/discard">
<input type="hidden" name="draft" value="${e(draft.id)}">
<button type="submit" class="secondary" id="discard">${e(T.discard)}</button>
</form>
</section>`;
}

function historySection(m: LabourDataPageModel): string {
  if (!m.history.length) return `<section aria-labelledby="h-history"><h2 id="h-history">${e(T.history)}</h2><p>—</p></section>`;
  const rows = m.history
    .map((h) => {
      const contents = h.summary.files.map((f) => `${f.name} (${T.kinds[f.kind] ?? f.kind}, ${f.rowCount} dòng, ${formatDateVi(f.asOf)})`).join("; ");
      const live = h.version === m.liveVersion;
      const action = live
        ? `<strong>${e(T.live)}</strong>`
        : `<form method="post" action="/dashboard/du-lieu/rollback"><input type="hidden" name="version" value="${h.version}"><button type="submit" class="secondary" data-version="${h.version}">${e(T.rollback)}</button></form>`;
      return `<tr data-version="${h.version}"${live ? ' class="live"' : ""}><td>${h.version}</td><td>${e(formatDateVi(h.asOf))}</td><td>${e(localDateTime(h.publishedAt))}</td><td>${e(h.publisher)}</td><td>${e(contents)}</td><td>${action}</td></tr>`;
    })
    .join("");
  return `<section aria-labelledby="h-history"><h2 id="h-history">${e(T.history)}</h2>
<div class="table-scroll"><table id="history"><thead><tr><th>${e(T.version)}</th><th>${e(T.asOf)}</th><th>${e(T.publishedAt)}</th><th>${e(T.publisher)}</th><th>${e(T.contents)}</th><th></th></tr></thead><tbody>${rows}</tbody></table></div>
</section>`;
}

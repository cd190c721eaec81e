/**
 * The Labour Office publishes its spreadsheets from the browser: `/dashboard/du-lieu` and its API,
 * for the roles `du-lieu` and `quan-tri` (others get 403).
 *
 * | route | does |
 * | --- | --- |
 * | `GET /dashboard/du-lieu` | the page; `?draft=<id>` adds the draft's report and preview (`&q=` a question of one's own, `&asOf=`) |
 * | `GET /dashboard/du-lieu/mau/<jobs\|courses\|demand>.xlsx` | the blank templates |
 * | `POST /api/labour-data/uploads[?draft=<id>]` | raw file bytes, name in `X-File-Name` (URI-encoded) → 201 `{ draftId, file, report }`; a refused file 400/413 `{ error, report }` and nothing changes |
 * | `POST /dashboard/du-lieu/publish` (form) or `POST /api/labour-data/drafts/<id>/publish` (`{ asOf }`) | one atomic publish; every replica re-indexes within the watch interval, this one at once |
 * | `POST /dashboard/du-lieu/rollback` (form) or `POST /api/labour-data/rollback` (`{ version }`) | an earlier version live again |
 * | `POST /dashboard/du-lieu/discard` (form) | drop the draft |
 * | `GET /api/labour-data/history` | versions, newest first, and the live one |
 *
 * The upload route takes bodies up to `MAX_UPLOAD_BYTES`, above the app's general bound, so it is a
 * router of its own mounted before that bound; it checks the login and the site before reading a byte.
 */
import crypto from "node:crypto";
import express, { type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import type { AnswerEngine } from "../answering/answer-engine.js";
import type { KnowledgeBase, KnowledgeSnapshot } from "../knowledge/knowledge-base.js";
import { annotateOldCommunes } from "../knowledge/labour/commune-names.js";
import { LABOUR_TABLES } from "../knowledge/labour/headers.js";
import { buildTemplate } from "../knowledge/labour/templates.js";
import { labourDataState } from "../labour-data/data-warning.js";
import { checkUpload, MAX_UPLOAD_BYTES } from "../labour-data/upload-check.js";
import { mergeDataset } from "../labour-data/merge-dataset.js";
import type { PublishedLabourSync } from "../labour-data/published-labour-sync.js";
import type { Logger } from "../logger.js";
import { dashboardVi, labourDataVi, labourUploadVi } from "../messages-vi.js";
import type { StaffIdentity } from "../staff/staff-roles.js";
import type { LabourDatasetStore, LabourDraft } from "../store/labour-dataset-store.js";
import { isIsoDate, localIsoDate } from "../store/local-date.js";
import type { StaffStore } from "../store/staff-store.js";
import { isCrossSite } from "./csrf-guard.js";
import type { DashboardAuth } from "./dashboard-auth.js";
import { renderLabourDataPage } from "./labour-data-page.js";
import { staffPageHeaders } from "./security-headers.js";
import { staffOf, staffPageGuard } from "./staff-guard.js";
import { requireStaffJson } from "./stats-api.js";

export interface LabourDataHttpSettings {
  auth: DashboardAuth;
  datasets: LabourDatasetStore;
  /** The audit log (publish, roll back). */
  staff?: StaffStore;
  knowledge: KnowledgeBase;
  sync: PublishedLabourSync;
  /** An engine answering from the given snapshot, for the preview. */
  previewEngine: (snapshot: KnowledgeSnapshot) => AnswerEngine;
  /** LABOUR_DATA_MAX_AGE_DAYS. */
  maxAgeDays: number;
  logger: Logger;
  now?: () => Date;
}

/** Files one draft may hold. */
const MAX_DRAFT_FILES = 20;
/** A draft not published or discarded within this time is deleted (its rows may hold contacts). */
const DRAFT_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const draftIdSchema = z.uuid();
const formSchema = z.object({ draft: z.string().max(100).optional(), asOf: z.string().max(20).optional(), version: z.string().max(12).optional() });

/** A date typed on the page: `YYYY-MM-DD` (date input) or `dd/mm/yyyy`, real, not after today. */
export function parseAsOf(text: string | undefined, today: string): string | undefined {
  const value = (text ?? "").trim();
  let iso: string | undefined;
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (vn) iso = `${vn[3]}-${vn[2]!.padStart(2, "0")}-${vn[1]!.padStart(2, "0")}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) iso = value;
  if (!iso || !isIsoDate(iso) || iso > today) return undefined;
  return iso;
}

class PublishError extends Error {
  constructor(
    readonly status: number,
    readonly messageVi: string,
  ) {
    super(messageVi);
  }
}

export function createLabourDataRouters(settings: LabourDataHttpSettings): { upload: express.Router; pages: express.Router } {
  const { auth, datasets, knowledge, sync } = settings;
  const now = () => settings.now?.() ?? new Date();
  const today = () => localIsoDate(now());

  // === the upload (mounted before the app's body bound) ===
  const upload = express.Router();
  upload.post("/api/labour-data/uploads", async (req, res, next) => {
    try {
      res.setHeader("Cache-Control", "no-store");
      if (isCrossSite(req)) {
        res.status(403).json({ error: { code: "forbidden", message: "Cross-origin request refused", messageVi: dashboardVi.unauthorized } });
        return;
      }
      // The login and role first: nothing of the body is read for anyone else.
      let allowed: unknown = false;
      await requireStaffJson(auth, "labour-data")(req, res, (error?: unknown) => (allowed = error ?? true));
      if (allowed !== true) {
        if (allowed) throw allowed;
        return;
      }
      const declared = Number(req.headers["content-length"] ?? 0);
      if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES) return tooLarge(res);
      const bytes = await readBody(req, MAX_UPLOAD_BYTES);
      if (!bytes) return tooLarge(res);
      const name = headerName(req);
      const checked = await checkUpload(bytes, name);
      if (!checked.ok) {
        settings.logger.info({ code: checked.code, bytes: bytes.length }, "labour upload refused");
        res.status(400).json({ error: { code: checked.code, message: `upload refused: ${checked.code}`, messageVi: checked.messageVi }, report: checked.report });
        return;
      }
      const who = staffOf(req)!;
      const draftParam = typeof req.query.draft === "string" ? req.query.draft : undefined;
      let draft: LabourDraft | undefined;
      if (draftParam) {
        draft = draftIdSchema.safeParse(draftParam).success ? await datasets.getDraft(draftParam) : undefined;
        if (!draft) {
          res.status(404).json({ error: { code: "not_found", message: "No such draft", messageVi: labourUploadVi.draftMissing } });
          return;
        }
      }
      if (!draft) {
        await datasets.pruneDrafts(new Date(now().getTime() - DRAFT_TTL_MS));
        draft = { id: crypto.randomUUID(), owner: who.user, createdAt: now(), files: [] };
      }
      // The same name again replaces the earlier upload of that name.
      draft.files = [...draft.files.filter((f) => f.name !== checked.file.name), checked.file].slice(-MAX_DRAFT_FILES);
      await datasets.saveDraft(draft);
      settings.logger.info({ kind: checked.file.kind, rows: checked.file.rowCount, problems: checked.file.issues.length }, "labour upload checked");
      res.status(201).json({ draftId: draft.id, file: { name: checked.file.name, kind: checked.file.kind, rowCount: checked.file.rowCount }, report: checked.report });
    } catch (error) {
      next(error);
    }
  });

  // === pages and the rest of the API ===
  const pages = express.Router();
  const form = express.urlencoded({ extended: false, limit: "4kb" });

  /** Page guard: the role `du-lieu` or `quan-tri`; others get the login page or 403. */
  const pageGuard = staffPageGuard(auth, "labour-data", labourDataVi.forbidden);

  pages.get("/dashboard/du-lieu/mau/:kind.xlsx", pageGuard, async (req, res, next) => {
    try {
      const table = LABOUR_TABLES.find((t) => t.kind === req.params.kind);
      if (!table) {
        res.status(404).json({ error: { code: "not_found", message: "No such template" } });
        return;
      }
      const buffer = Buffer.from(await buildTemplate(table).xlsx.writeBuffer());
      res.setHeader("Cache-Control", "no-store");
      res.setHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      res.setHeader("Content-Disposition", `attachment; filename="${table.templateFile}"`);
      res.send(buffer);
    } catch (error) {
      next(error);
    }
  });

  const renderPage = async (req: Request, extra: { notice?: string; error?: string; draftId?: string; status?: number } = {}) => {
    const who = staffOf(req)!;
    const query = req.query as Record<string, unknown>;
    const draftId = extra.draftId ?? (typeof query.draft === "string" ? query.draft : undefined);
    const draft = draftId && draftIdSchema.safeParse(draftId).success ? await datasets.getDraft(draftId) : undefined;
    const day = today();
    const asOf = parseAsOf(typeof query.asOf === "string" ? query.asOf : undefined, day) ?? day;
    const previewQuestion = typeof query.q === "string" ? query.q.trim().slice(0, 300) : "";
    const [history, active] = await Promise.all([datasets.history(), datasets.activeVersion()]);
    const snapshot = knowledge.current();
    const state = labourDataState(snapshot.labour, day, settings.maxAgeDays);
    let preview: { question: string; answer: string; answered: boolean }[] | undefined;
    if (draft) preview = await previewAnswers(draft, previewQuestion, asOf, who);
    let error = extra.error;
    if (draftId && !draft && !error) error = labourUploadVi.draftMissing;
    return renderLabourDataPage({
      who,
      today: day,
      draft,
      preview,
      previewQuestion,
      asOf,
      history,
      liveVersion: active?.version,
      staleSince: state.staleSince,
      maxAgeDays: settings.maxAgeDays,
      nothingLive: state.none,
      notice: extra.notice ?? noticeOf(query),
      error,
    });
  };

  const previewAnswers = async (draft: LabourDraft, own: string, asOf: string, who: StaffIdentity) => {
    const snapshot = knowledge.current();
    const active = await datasets.activeVersion();
    const live = active ? await datasets.getDataset(active.version) : undefined;
    const merged = mergeDataset(live ? structuredClone(live.data) : undefined, structuredClone(draft.files), { version: (active?.version ?? 0) + 1, by: who.user, asOf });
    // The rows as the index would hold them: with the folder's tables of other kinds, old commune names annotated.
    const kinds = new Set(merged.data.files.map((f) => f.kind));
    const labour = {
      files: [...snapshot.labour.files.filter((f) => !f.published && !kinds.has(f.kind)), ...merged.data.files],
      jobs: [...snapshot.labour.jobs.filter((r) => keepFolderRow(snapshot, r.file, kinds)), ...merged.data.jobs],
      courses: [...snapshot.labour.courses.filter((r) => keepFolderRow(snapshot, r.file, kinds)), ...merged.data.courses],
      demand: [...snapshot.labour.demand.filter((r) => keepFolderRow(snapshot, r.file, kinds)), ...merged.data.demand],
    };
    annotateOldCommunes(labour, snapshot.lexicon);
    const engine = settings.previewEngine({ ...snapshot, labour });
    const questions = sampleQuestions(draft);
    if (own) questions.unshift(own);
    const out: { question: string; answer: string; answered: boolean }[] = [];
    for (const question of questions.slice(0, 5)) {
      const reply = await engine.answer({ text: question });
      out.push({ question, answer: reply.answer, answered: reply.answered });
    }
    return out;
  };

  pages.get("/dashboard/du-lieu", pageGuard, async (req, res, next) => {
    try {
      const html = await renderPage(req);
      staffPageHeaders(res);
      res.send(html);
    } catch (error) {
      next(error);
    }
  });

  const publish = async (req: Request, draftId: string | undefined, asOfText: string | undefined): Promise<number> => {
    const who = staffOf(req)!;
    const draft = draftId && draftIdSchema.safeParse(draftId).success ? await datasets.getDraft(draftId) : undefined;
    if (!draft || draft.files.length === 0) throw new PublishError(404, labourUploadVi.draftMissing);
    const asOf = parseAsOf(asOfText, today());
    if (!asOf) throw new PublishError(400, labourUploadVi.badDate);
    const version = await datasets.publish({
      draftId: draft.id,
      publisher: who.user,
      asOf,
      at: now(),
      build: (live, next) => mergeDataset(live?.data, draft.files, { version: next, by: who.user, asOf }),
    });
    const names = draft.files.map((f) => `${f.name} (${f.kind}, ${f.rowCount})`).join(", ");
    await settings.staff?.audit(who.user, "labour.publish", `version ${version}, as of ${asOf}: ${names}`);
    settings.logger.info({ version, files: draft.files.length }, "labour data published");
    await syncNow();
    return version;
  };

  const rollback = async (req: Request, versionText: string | undefined): Promise<number> => {
    const who = staffOf(req)!;
    const version = Number(versionText);
    if (!Number.isInteger(version) || version < 1 || !(await datasets.activate(version, who.user, now()))) throw new PublishError(404, labourUploadVi.noVersion);
    await settings.staff?.audit(who.user, "labour.rollback", `version ${version}`);
    settings.logger.info({ version }, "labour data rolled back");
    await syncNow();
    return version;
  };

  /** This replica answers from the new version before the reply; the others follow on their timer. */
  const syncNow = async () => {
    try {
      await sync.refresh(knowledge);
    } catch (error) {
      settings.logger.error({ err: (error as Error).message }, "re-index after publish failed; the timer retries");
    }
  };

  const pageAction = (action: (req: Request, body: z.infer<typeof formSchema>) => Promise<string>) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const body = formSchema.safeParse(req.body ?? {});
      const target = await action(req, body.success ? body.data : {});
      res.redirect(303, target);
    } catch (error) {
      if (error instanceof PublishError) {
        const html = await renderPage(req, { error: error.messageVi, draftId: typeof req.body?.draft === "string" ? req.body.draft : undefined });
        staffPageHeaders(res);
        res.status(error.status).send(html);
        return;
      }
      next(error);
    }
  };

  pages.post("/dashboard/du-lieu/publish", pageGuard, form, pageAction(async (req, body) => `/dashboard/du-lieu?published=${await publish(req, body.draft, body.asOf)}`));
  pages.post("/dashboard/du-lieu/rollback", pageGuard, form, pageAction(async (req, body) => `/dashboard/du-lieu?rolledBack=${await rollback(req, body.version)}`));
  pages.post(
    "/dashboard/du-lieu/discard",
    pageGuard,
    form,
    pageAction(async (_req, body) => {
      if (body.draft && draftIdSchema.safeParse(body.draft).success) await datasets.deleteDraft(body.draft);
      return "/dashboard/du-lieu";
    }),
  );

  const json = requireStaffJson(auth, "labour-data");
  const apiError = (res: Response, error: unknown, next: NextFunction) => {
    if (error instanceof PublishError) {
      res.status(error.status).json({ error: { code: error.status === 404 ? "not_found" : "bad_request", message: error.status === 404 ? "No such draft or version" : "asOf must be a real date, not after today", messageVi: error.messageVi } });
      return;
    }
    next(error);
  };
  pages.post("/api/labour-data/drafts/:id/publish", json, async (req, res, next) => {
    try {
      const asOf = typeof req.body?.asOf === "string" ? req.body.asOf : undefined;
      res.status(201).json({ version: await publish(req, String(req.params.id), asOf) });
    } catch (error) {
      apiError(res, error, next);
    }
  });
  pages.post("/api/labour-data/rollback", json, async (req, res, next) => {
    try {
      res.json({ version: await rollback(req, String(req.body?.version ?? "")) });
    } catch (error) {
      apiError(res, error, next);
    }
  });
  pages.get("/api/labour-data/history", json, async (_req, res, next) => {
    try {
      const [history, active] = await Promise.all([datasets.history(), datasets.activeVersion()]);
      res.setHeader("Cache-Control", "no-store");
      res.json({ live: active?.version ?? null, items: history.map((h) => ({ ...h, publishedAt: h.publishedAt.toISOString() })) });
    } catch (error) {
      next(error);
    }
  });

  return { upload, pages };
}

function keepFolderRow(snapshot: KnowledgeSnapshot, file: string, kinds: Set<string>): boolean {
  const meta = snapshot.labour.files.find((f) => f.file === file);
  return meta !== undefined && !meta.published && !kinds.has(meta.kind);
}

function noticeOf(query: Record<string, unknown>): string | undefined {
  const published = Number(query.published);
  if (Number.isInteger(published) && published > 0) return labourDataVi.published(published);
  const rolledBack = Number(query.rolledBack);
  if (Number.isInteger(rolledBack) && rolledBack > 0) return labourDataVi.rolledBack(rolledBack);
  return undefined;
}

/** A few questions users ask, about the draft's own rows. */
function sampleQuestions(draft: LabourDraft): string[] {
  const out: string[] = [];
  for (const file of draft.files) {
    const job = file.data.jobs[0];
    if (job) out.push(`Việc làm ${job.position} lương bao nhiêu?`);
    const course = file.data.courses[0];
    if (course) out.push(`Học nghề ${course.trade} ở đâu, khi nào khai giảng?`);
    if (file.data.demand.length) out.push("Ngành nghề nào đang cần nhiều lao động nhất?");
  }
  return [...new Set(out)];
}

function headerName(req: Request): string {
  const raw = req.headers["x-file-name"];
  const text = typeof raw === "string" ? raw : typeof req.query.name === "string" ? req.query.name : "";
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function tooLarge(res: Response): void {
  res.status(413).set("Connection", "close").json({
    error: { code: "payload_too_large", message: `Upload is larger than ${MAX_UPLOAD_BYTES} bytes`, messageVi: labourUploadVi.tooLarge(MAX_UPLOAD_BYTES / (1024 * 1024)) },
    report: [],
  });
}

/** The body, or undefined once it passes `limit` bytes (the rest is not kept). */
function readBody(req: Request, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        parts.length = 0;
        resolve(undefined);
        return;
      }
      parts.push(chunk);
    });
    req.on("end", () => {
      if (!over) resolve(Buffer.concat(parts));
    });
    req.on("error", reject);
  });
}

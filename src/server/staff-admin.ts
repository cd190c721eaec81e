/**
 * Staff accounts and the audit log, for admins (`quan-tri`) only:
 *
 * | route | does |
 * | --- | --- |
 * | `GET /dashboard/tai-khoan` | accounts (add, new password, role, remove) and the audit log |
 * | `POST /dashboard/tai-khoan/{add,password,role,remove}` (forms) | one change, audited; back to the page |
 * | `GET /api/staff/accounts` | `{ items: [{ username, role, createdAt, updatedAt }] }` (no hashes) |
 * | `GET /api/staff/audit` | `{ items: [{ at, actor, action, detail }] }`, newest first (`?limit=`, at most 1000) |
 */
import express, { type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import type { Logger } from "../logger.js";
import { dashboardVi, staffAdminVi } from "../messages-vi.js";
import { addStaffAccount, removeStaffAccount, setStaffPassword, setStaffRole, type AccountChange } from "../staff/staff-accounts.js";
import { STAFF_ROLES, type StaffIdentity } from "../staff/staff-roles.js";
import { localDateTime } from "../store/local-date.js";
import type { AuditEntry, StaffAccount, StaffStore } from "../store/staff-store.js";
import type { DashboardAuth } from "./dashboard-auth.js";
import { renderDashboardNav } from "./dashboard-nav.js";
import { escapeHtml as e, staffPageHead } from "./dashboard-page.js";
import { staffPageHeaders } from "./security-headers.js";
import { staffOf, staffPageGuard } from "./staff-guard.js";
import { requireStaffJson } from "./stats-api.js";

export interface StaffAdminSettings {
  auth: DashboardAuth;
  staff: StaffStore;
  /** DASHBOARD_USER, shown as the first admin and never stored. */
  firstAdmin: string;
  logger: Logger;
}

const T = staffAdminVi;
const formSchema = z.object({ user: z.string().max(60).default(""), role: z.string().max(20).default(""), password: z.string().max(200).default("") });

const ERROR_TEXT: Record<string, string> = {
  bad_user: T.badUser,
  reserved: T.badUser,
  bad_role: T.badRole,
  bad_password: T.badPassword,
  taken: T.taken,
  not_found: T.noSuchAccount,
};

export function createStaffAdminRouter(settings: StaffAdminSettings): express.Router {
  const router = express.Router();
  const { auth, staff } = settings;
  const form = express.urlencoded({ extended: false, limit: "4kb" });

  const guard = staffPageGuard(auth, "admin", T.forbidden);

  const page = async (req: Request, res: Response, status = 200, message?: { error?: string; notice?: string }) => {
    const [accounts, audit] = await Promise.all([staff.listAccounts(), staff.listAudit({ limit: 200 })]);
    staffPageHeaders(res);
    res.status(status).send(renderStaffAdminPage({ who: staffOf(req)!, firstAdmin: settings.firstAdmin, accounts, audit, ...message }));
  };

  router.get("/dashboard/tai-khoan", guard, async (req, res, next) => {
    try {
      await page(req, res, 200, req.query.done === "1" ? { notice: T.done } : {});
    } catch (error) {
      next(error);
    }
  });

  const change = (run: (actor: string, body: z.infer<typeof formSchema>) => Promise<AccountChange>) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const body = formSchema.safeParse(req.body ?? {});
      const result = body.success ? await run(staffOf(req)!.user, body.data) : ({ ok: false, error: "bad_user", message: "bad form" } as const);
      if (result.ok) {
        settings.logger.info("staff account changed");
        res.redirect(303, "/dashboard/tai-khoan?done=1");
        return;
      }
      await page(req, res, result.error === "not_found" ? 404 : 400, { error: ERROR_TEXT[result.error] ?? result.message });
    } catch (error) {
      next(error);
    }
  };
  router.post("/dashboard/tai-khoan/add", guard, form, change((actor, b) => addStaffAccount(staff, actor, { username: b.user, role: b.role, password: b.password }, { reserved: settings.firstAdmin })));
  router.post("/dashboard/tai-khoan/password", guard, form, change((actor, b) => setStaffPassword(staff, actor, b.user, b.password)));
  router.post("/dashboard/tai-khoan/role", guard, form, change((actor, b) => setStaffRole(staff, actor, b.user, b.role)));
  router.post("/dashboard/tai-khoan/remove", guard, form, change((actor, b) => removeStaffAccount(staff, actor, b.user)));

  const json = requireStaffJson(auth, "admin");
  router.get("/api/staff/accounts", json, async (_req, res, next) => {
    try {
      const accounts = await staff.listAccounts();
      res.setHeader("Cache-Control", "no-store");
      res.json({
        firstAdmin: settings.firstAdmin,
        items: accounts.map((a) => ({ username: a.username, role: a.role, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString() })),
      });
    } catch (error) {
      next(error);
    }
  });
  router.get("/api/staff/audit", json, async (req, res, next) => {
    try {
      const limit = Math.min(Math.max(Number(req.query.limit) || 200, 1), 1000);
      const items = await staff.listAudit({ limit });
      res.setHeader("Cache-Control", "no-store");
      res.json({ items: items.map((a) => ({ at: a.at.toISOString(), actor: a.actor, action: a.action, detail: a.detail })) });
    } catch (error) {
      next(error);
    }
  });
  return router;
}

function roleOptions(selected?: string): string {
  return STAFF_ROLES.map((r) => `<option value="${r}"${r === selected ? " selected" : ""}>${e(T.roles[r] ?? r)}</option>`).join("");
}

export function renderStaffAdminPage(m: { who: StaffIdentity; firstAdmin: string; accounts: StaffAccount[]; audit: AuditEntry[]; error?: string; notice?: string }): string {
  const rows = m.accounts
    .map(
      (a) => `<tr data-user="${e(a.username)}"><td>${e(a.username)}</td><td>${e(T.roles[a.role] ?? a.role)}</td><td>
<form method="post" action="/dashboard/tai-khoan/role"><input type="hidden" name="user" value="${e(a.username)}"><label>${e(T.role)} <select name="role">${roleOptions(a.role)}</select></label><button type="submit" class="secondary">${e(T.setRole)}</button></form>
<form method="post" action="/dashboard/tai-khoan/password"><input type="hidden" name="user" value="${e(a.username)}"><label>${e(T.password)} <input type="password" name="password" minlength="10" autocomplete="new-password" required></label><button type="submit" class="secondary">${e(T.setPassword)}</button></form>
<form method="post" action="/dashboard/tai-khoan/remove"><input type="hidden" name="user" value="${e(a.username)}"><button type="submit" class="secondary">${e(T.remove)}</button></form>
</td></tr>`,
    )
    .join("");
  const audit = m.audit
    .map((a) => `<tr><td>${e(localDateTime(a.at))}</td><td>${e(a.actor)}</td><td>${e(T.actions[a.action] ?? a.action)}</td><td>${e(a.detail)}</td></tr>`)
    .join("");
  return `${staffPageHead(T.title, { styles: ["outreach.css", "labour-data.css"] })}
<body>
<header class="top"><h1>${e(T.title)}</h1>
<form method="post" action="/dashboard/logout"><button type="submit" class="secondary">${e(dashboardVi.logout)}</button></form></header>
${renderDashboardNav("/dashboard/tai-khoan", m.who)}
<main>
${m.notice ? `<p class="notice" role="status">${e(m.notice)}</p>` : ""}
${m.error ? `<p class="error" role="alert" id="page-error">${e(m.error)}</p>` : ""}
<section aria-labelledby="h-accounts"><h2 id="h-accounts">${e(T.accounts)}</h2>
<p>${e(T.firstAdmin)}: <strong>${e(m.firstAdmin)}</strong></p>
<div class="table-scroll"><table id="accounts"><thead><tr><th>${e(T.user)}</th><th>${e(T.role)}</th><th></th></tr></thead><tbody>${rows}</tbody></table></div>
<h3>${e(T.add)}</h3>
<form method="post" action="/dashboard/tai-khoan/add" id="add-account">
<label>${e(T.user)} <input type="text" name="user" required maxlength="50" autocomplete="off"></label>
<label>${e(T.role)} <select name="role">${roleOptions("thong-ke")}</select></label>
<label>${e(T.password)} <input type="password" name="password" minlength="10" required autocomplete="new-password"></label>
<button type="submit">${e(T.add)}</button>
</form>
</section>
<section aria-labelledby="h-audit"><h2 id="h-audit">${e(T.audit)}</h2>
<div class="table-scroll"><table id="audit"><thead><tr><th>${e(T.time)}</th><th>${e(T.actor)}</th><th>${e(T.action)}</th><th>${e(T.detail)}</th></tr></thead><tbody>${audit}</tbody></table></div>
</section>
</main>
</body>
</html>`;
}

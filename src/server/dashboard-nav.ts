/**
 * The navigation bar shared by every page of the dashboard (statistics and outreach).
 */
import { dashboardVi, labourDataVi, outreachDashboardVi, staffAdminVi } from "../messages-vi.js";
import { mayUse, type StaffArea, type StaffIdentity } from "../staff/staff-roles.js";

/** The dashboard's pages, in the order of the bar, with the area (and so the roles) each belongs to. */
export const DASHBOARD_NAV: readonly { href: string; label: string; area: StaffArea }[] = [
  { href: "/dashboard", label: outreachDashboardVi.navStats, area: "statistics" },
  { href: "/dashboard/announcements", label: outreachDashboardVi.navAnnouncements, area: "statistics" },
  { href: "/dashboard/events", label: outreachDashboardVi.navEvents, area: "statistics" },
  { href: "/dashboard/follow-up", label: outreachDashboardVi.navFollowUp, area: "statistics" },
  { href: "/dashboard/report", label: outreachDashboardVi.navReport, area: "statistics" },
  { href: "/dashboard/du-lieu", label: labourDataVi.nav, area: "labour-data" },
  { href: "/dashboard/tai-khoan", label: staffAdminVi.nav, area: "admin" },
];

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The bar; `current` is the path of the page shown (marked `aria-current`); with `who`, only the pages their role may use. */
export function renderDashboardNav(current: string, who?: StaffIdentity): string {
  const items = DASHBOARD_NAV.filter((item) => !who || mayUse(who.role, item.area)).map((item) => `<li><a href="${item.href}"${item.href === current ? ' aria-current="page"' : ""}>${escape(item.label)}</a></li>`);
  return `<nav class="dash-nav" aria-label="Trang quản trị"><ul>${items.join("")}</ul></nav>`;
}

/** A small page for a signed-in staff member whose role may not use the page asked for (403). */
export function renderForbiddenPage(message: string, who?: StaffIdentity): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>403</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/dashboard/assets/dashboard.css"></head><body>${renderDashboardNav("", who)}<main><h1>403</h1><p class="error" role="alert">${escape(message)}</p><form method="post" action="/dashboard/logout"><button type="submit">${escape(dashboardVi.logout)}</button></form></main></body></html>`;
}

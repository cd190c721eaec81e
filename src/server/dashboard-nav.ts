/**
 * The navigation bar shared by every page of the dashboard (statistics and outreach).
 */
import { outreachDashboardVi } from "../messages-vi.js";

/** The dashboard's pages, in the order of the bar. */
export const DASHBOARD_NAV = [
  { href: "/dashboard", label: outreachDashboardVi.navStats },
  { href: "/dashboard/announcements", label: outreachDashboardVi.navAnnouncements },
  { href: "/dashboard/events", label: outreachDashboardVi.navEvents },
  { href: "/dashboard/follow-up", label: outreachDashboardVi.navFollowUp },
  { href: "/dashboard/report", label: outreachDashboardVi.navReport },
] as const;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The bar; `current` is the path of the page shown (marked `aria-current`). */
export function renderDashboardNav(current: string): string {
  const items = DASHBOARD_NAV.map((item) => `<li><a href="${item.href}"${item.href === current ? ' aria-current="page"' : ""}>${escape(item.label)}</a></li>`);
  return `<nav class="dash-nav" aria-label="Trang quản trị"><ul>${items.join("")}</ul></nav>`;
}

/**
 * Who may use a staff route: a request with a valid dashboard session cookie, or with valid HTTP
 * Basic credentials, whose role may use the route's area (`staff/staff-roles.ts`). Failed Basic
 * attempts count against the same per-address limit as the login form. A cookie-authenticated POST
 * from another origin is refused (SameSite=Strict already keeps browsers from sending the cookie;
 * this is the second lock).
 *
 * The staff member found is remembered for the request (`staffOf(req)`): the audit log and the
 * authors of announcements and answers name them.
 */
import type { NextFunction, Request, Response } from "express";
import { dashboardVi } from "../messages-vi.js";
import { mayUse, type StaffArea, type StaffIdentity } from "../staff/staff-roles.js";
import { hasSameOriginEvidence } from "./csrf-guard.js";
import type { DashboardAuth } from "./dashboard-auth.js";
import { renderForbiddenPage } from "./dashboard-nav.js";
import { staffPageHeaders } from "./security-headers.js";

/** `wrong_role`: signed in, but the role may not use this area (403). */
export type StaffVerdict = "ok" | "denied" | "blocked" | "forbidden" | "wrong_role";

const staffByRequest = new WeakMap<Request, StaffIdentity>();

/** The staff member `checkStaff` found for this request (also when the verdict was `wrong_role`). */
export function staffOf(req: Request): StaffIdentity | undefined {
  return staffByRequest.get(req);
}

/** The requester's address as the limiter counts it. */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/** A cookie-authenticated change must show it comes from this site (see `csrf-guard.ts`). */
function sameOrigin(req: Request): boolean {
  return hasSameOriginEvidence(req);
}

/** A valid dashboard session, and for POST and the like, from this site. */
export async function hasStaffSession(auth: DashboardAuth, req: Request): Promise<boolean> {
  return (await auth.hasSession(req)) && (req.method === "GET" || req.method === "HEAD" || sameOrigin(req));
}

/** Checks the login and that its role may use `area` (default: statistics and outreach). */
export async function checkStaff(auth: DashboardAuth, req: Request, area: StaffArea = "statistics"): Promise<StaffVerdict> {
  const byRole = (who: StaffIdentity): StaffVerdict => {
    staffByRequest.set(req, { user: who.user, role: who.role });
    return mayUse(who.role, area) ? "ok" : "wrong_role";
  };
  if (await auth.hasSession(req)) {
    if (req.method !== "GET" && req.method !== "HEAD" && !sameOrigin(req)) return "forbidden";
    const who = await auth.sessionIdentity(req);
    // A signed cookie of an account removed or changed since: sign in again.
    if (who) return byRole(who);
  }
  const header = req.headers.authorization;
  if (!header || !/^Basic\s/i.test(header)) return "denied";
  // Counted before the check: parallel guesses cannot all slip in before the first failure counts.
  // A refused attempt gets no scrypt work done on its behalf.
  const attempt = await auth.limiter.begin(clientAddress(req));
  if (!attempt.allowed) return "blocked";
  const who = await auth.identifyBasic(header);
  const { blocked } = await attempt.settle(who !== undefined);
  if (who) return byRole(who);
  return blocked ? "blocked" : "denied";
}

/**
 * Middleware for a staff page of `area`: on to the page when the login's role may use it; 429
 * while the address is blocked; 403 with `forbidden` (Vietnamese) for another role or a cross-site
 * change; otherwise the login page.
 */
export function staffPageGuard(auth: DashboardAuth, area: StaffArea, forbidden: string) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const verdict = await checkStaff(auth, req, area);
      if (verdict === "ok") return next();
      res.setHeader("Cache-Control", "no-store");
      if (verdict === "blocked") {
        res.setHeader("Retry-After", String(auth.limiter.retryAfterSeconds()));
        res.status(429).send(dashboardVi.loginBlocked);
        return;
      }
      if (verdict === "wrong_role" || verdict === "forbidden") {
        staffPageHeaders(res);
        res.status(403).send(renderForbiddenPage(forbidden, staffOf(req)));
        return;
      }
      res.redirect(303, "/dashboard/login");
    } catch (error) {
      next(error);
    }
  };
}

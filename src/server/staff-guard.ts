/**
 * Who may read statistics: a request with a valid dashboard session cookie, or with valid HTTP
 * Basic credentials. Failed Basic attempts count against the same per-address limit as the login
 * form. A cookie-authenticated POST from another origin is refused (SameSite=Strict already keeps
 * browsers from sending the cookie; this is the second lock).
 */
import type { Request } from "express";
import { hasSameOriginEvidence } from "./csrf-guard.js";
import type { DashboardAuth } from "./dashboard-auth.js";

export type StaffVerdict = "ok" | "denied" | "blocked" | "forbidden";

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

export async function checkStaff(auth: DashboardAuth, req: Request): Promise<StaffVerdict> {
  if (await auth.hasSession(req)) {
    if (req.method !== "GET" && req.method !== "HEAD" && !sameOrigin(req)) return "forbidden";
    return "ok";
  }
  const header = req.headers.authorization;
  if (!header || !/^Basic\s/i.test(header)) return "denied";
  // Counted before the check: parallel guesses cannot all slip in before the first failure counts.
  // A refused attempt gets no scrypt work done on its behalf.
  const attempt = await auth.limiter.begin(clientAddress(req));
  if (!attempt.allowed) return "blocked";
  const ok = await auth.verifyBasic(header);
  const { blocked } = await attempt.settle(ok);
  if (ok) return "ok";
  return blocked ? "blocked" : "denied";
}

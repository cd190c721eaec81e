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

/** A valid dashboard session, and for POST and the like, from this site (for synchronous checks such as the admin routes). */
export function hasStaffSession(auth: DashboardAuth, req: Request): boolean {
  return auth.hasSession(req) && (req.method === "GET" || req.method === "HEAD" || sameOrigin(req));
}

export async function checkStaff(auth: DashboardAuth, req: Request): Promise<StaffVerdict> {
  if (auth.hasSession(req)) {
    if (req.method !== "GET" && req.method !== "HEAD" && !sameOrigin(req)) return "forbidden";
    return "ok";
  }
  const header = req.headers.authorization;
  if (!header || !/^Basic\s/i.test(header)) return "denied";
  const address = clientAddress(req);
  // A blocked address gets no scrypt work done on its behalf.
  if (auth.limiter.blocked(address)) return "blocked";
  if (await auth.verifyBasic(header)) return "ok";
  auth.limiter.fail(address);
  return auth.limiter.blocked(address) ? "blocked" : "denied";
}

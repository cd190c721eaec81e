/**
 * Cross-site request forgery protection for the staff pages and APIs. The session cookie is
 * already SameSite=Strict; these checks are the second lock, and the only one for HTTP Basic
 * credentials a browser may have remembered.
 *
 * - Any state-changing request (not GET/HEAD/OPTIONS) to a staff route that a browser marks as
 *   coming from another site (`Sec-Fetch-Site` other than `same-origin`/`none`, or an `Origin` of
 *   another host) is refused with 403, whatever its credentials.
 * - A state-changing request authenticated by the session cookie must also show that it comes from
 *   this site (`hasSameOriginEvidence`): browsers send `Sec-Fetch-Site` (and mostly `Origin`) on
 *   every POST, so only non-browser clients lack it, and those use HTTP Basic.
 *
 * - A state-changing request to a staff JSON API must send its body as JSON (`requireJsonBody`):
 *   an HTML form on another site can POST `text/plain`, `application/x-www-form-urlencoded` or
 *   `multipart/form-data` without a CORS preflight, never `application/json`.
 *
 * ```ts
 * app.use(["/dashboard", "/api/stats", "/api/admin"], refuseCrossSite());
 * app.use(["/api/stats", "/api/admin"], requireJsonBody());
 * ```
 */
import type { Request, RequestHandler } from "express";
import { dashboardVi } from "../messages-vi.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/**
 * The browser says the request comes from another site. `Sec-Fetch-Site` decides when present
 * (page scripts cannot set it); else `Origin`. `Origin: null` alone (a sandboxed frame, or a page
 * with `Referrer-Policy: no-referrer` in an older browser) cannot be checked and counts as foreign.
 */
export function isCrossSite(req: Request): boolean {
  const site = req.headers["sec-fetch-site"];
  if (typeof site === "string") return site !== "same-origin" && site !== "none";
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  return origin === "null" || hostOf(origin) !== req.headers.host;
}

/** `Sec-Fetch-Site`, else `Origin`, else `Referer` shows the request comes from this site. */
export function hasSameOriginEvidence(req: Request): boolean {
  const site = req.headers["sec-fetch-site"];
  if (typeof site === "string") return site === "same-origin" || site === "none";
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== "null") return hostOf(origin) === req.headers.host;
  const referer = req.headers.referer;
  return referer !== undefined && hostOf(referer) === req.headers.host;
}

/**
 * Middleware: 415 JSON for a state-changing request whose body is not JSON (or that names another
 * content type without a body). A request with neither a body nor a content type passes
 * (`curl -X POST …/reindex`): nothing a form could send.
 */
export function requireJsonBody(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const type = req.headers["content-type"];
    const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
    if (type === undefined && !hasBody) return next();
    if (type !== undefined && /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) return next();
    res.setHeader("Cache-Control", "no-store");
    res.status(415).json({ error: { code: "unsupported_media_type", message: "Send the body as application/json", messageVi: dashboardVi.jsonOnly } });
  };
}

/** Middleware: 403 JSON for a state-changing request a browser marks as cross-site. */
export function refuseCrossSite(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || !isCrossSite(req)) return next();
    res.setHeader("Cache-Control", "no-store");
    res.status(403).json({ error: { code: "forbidden", message: "Cross-origin request refused", messageVi: dashboardVi.unauthorized } });
  };
}

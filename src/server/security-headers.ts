/**
 * Security headers (helmet) for every response. The web chat and the dashboard load only their own
 * scripts, styles and images, so the Content Security Policy allows `'self'` and nothing inline;
 * the dashboard's pages set a stricter policy of their own on top (no framing at all).
 * `upgrade-insecure-requests` is left out: a deployment on plain HTTP (a LAN, tests) must still
 * load its own files; behind HTTPS it changes nothing.
 */
import helmet from "helmet";
import type { RequestHandler, Response } from "express";

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
      },
    },
    // A school's other sites under the same domain are not ours to pin to HTTPS.
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
  });
}

/**
 * Headers of the staff pages (dashboard, outreach): never cached, never framed, scripts and
 * styles only from this server, HTML. One definition, so the two dashboards cannot drift apart.
 */
export function staffPageHeaders(res: Response): void {
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Content-Type", "text/html; charset=utf-8");
}

/**
 * Security headers (helmet) for every response. The web chat and the dashboard load only their own
 * scripts, styles and images, so the Content Security Policy allows `'self'` and nothing inline;
 * the dashboard's pages set a stricter policy of their own on top (no framing at all).
 * `upgrade-insecure-requests` is left out: a deployment on plain HTTP (a LAN, tests) must still
 * load its own files; behind HTTPS it changes nothing.
 */
import helmet from "helmet";
import type { RequestHandler } from "express";

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

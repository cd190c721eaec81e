/**
 * The secret-header check in front of every webhook: the platform echoes the secret we registered
 * in a header; anything without it is refused with 401 before its body is even read, so nothing
 * of it is parsed, claimed or recorded.
 */
import crypto from "node:crypto";
import type express from "express";

/** Constant-time equality of two strings (hashing first makes the lengths equal too). */
export function secretsEqual(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = crypto.createHash("sha256").update(given, "utf8").digest();
  const b = crypto.createHash("sha256").update(expected, "utf8").digest();
  return crypto.timingSafeEqual(a, b);
}

/** Middleware: 401 unless header `headerName` equals `secret`. */
export function requireSecretHeader(headerName: string, secret: string): express.RequestHandler {
  return (req, res, next) => {
    const value = req.headers[headerName.toLowerCase()];
    if (!secretsEqual(typeof value === "string" ? value : undefined, secret)) {
      // The body is left unread on purpose; closing the connection keeps a large one from lingering.
      res.status(401).set("Connection", "close").json({ error: { code: "unauthorized", message: "Wrong or missing secret token" } });
      return;
    }
    next();
  };
}

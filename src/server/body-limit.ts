/**
 * The outer bound on request bodies, for every route: a declared `Content-Length` above `maxBytes`
 * is refused with 413 before anything reads it. Each route then parses with its own, smaller
 * limit (JSON API 32 kB, login form 4 kB, webhooks 256 kB), which also covers chunked bodies.
 */
import type { RequestHandler } from "express";
import { errorMessagesVi } from "../messages-vi.js";

export function maxBodySize(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (!Number.isFinite(declared) || declared <= maxBytes) return next();
    // Closing the connection keeps the unread body from being drained.
    res.status(413).set("Connection", "close").json({ error: { code: "payload_too_large", message: `Request body is larger than ${maxBytes} bytes`, messageVi: errorMessagesVi.text_too_long } });
  };
}

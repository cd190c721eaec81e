/**
 * The per-address limit of the public web API (`POST /api/chat`, API_RATE_LIMIT_PER_MINUTE):
 * beyond it, 429 with a Vietnamese `messageVi` and `Retry-After`. Platform webhooks never pass
 * here (all their traffic comes from the platforms' servers); they are limited per user instead.
 * Behind a reverse proxy set TRUST_PROXY, or every visitor counts as the proxy's address.
 */
import type { RequestHandler } from "express";
import type { RateLimiter } from "../limits/rate-limiter.js";
import { errorMessagesVi } from "../messages-vi.js";
import { clientAddress } from "./staff-guard.js";

export function addressRateLimit(limiter: RateLimiter): RequestHandler {
  return async (req, res, next) => {
    if (!limiter.enabled) return next();
    const verdict = await limiter.check(clientAddress(req));
    if (verdict.allowed) return next();
    res.setHeader("Retry-After", String(verdict.retryAfterSeconds));
    res.status(429).json({ error: { code: "rate_limited", message: "Too many requests from this address; try again later", messageVi: errorMessagesVi.rate_limited } });
  };
}

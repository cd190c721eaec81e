/**
 * The secret-header check in front of every webhook: the platform echoes the secret we registered
 * in a header; anything without it is refused with 401 before its body is even read
 * (`ChannelWebhook.authorize`), so nothing of it is parsed, claimed or recorded.
 */
import crypto from "node:crypto";
import type { WebhookHeaders } from "./channel.js";

/** Constant-time equality of two strings (hashing first makes the lengths equal too). */
export function secretsEqual(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = crypto.createHash("sha256").update(given, "utf8").digest();
  const b = crypto.createHash("sha256").update(expected, "utf8").digest();
  return crypto.timingSafeEqual(a, b);
}

/** The `authorize` of a `ChannelWebhook`: true when header `headerName` equals `secret`. */
export function secretHeaderMatches(headers: WebhookHeaders, headerName: string, secret: string): boolean {
  const value = headers[headerName.toLowerCase()];
  return secretsEqual(typeof value === "string" ? value : undefined, secret);
}

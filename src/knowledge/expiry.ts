/**
 * Expiry of dated facts. A fact with a window (EPS registration 23–27/3/2026) is loaded as two
 * chunks: the fact, valid up to `validUntil`, and its `after_expiry` text ("that window has
 * passed; ask … about the next one"), valid from the day after. Retrieval keeps only the chunks
 * valid on the day asked, so an expired window is never presented as upcoming.
 *
 * ```ts
 * retrieve(snapshot, text, { filter: validOn(now) });
 * ```
 */
import { addDays, localIsoDate } from "../time/local-date.js";
import type { Chunk } from "./types.js";

/** The day after `YYYY-MM-DD`: when the after-expiry text starts to hold. */
export function dayAfter(iso: string): string {
  return addDays(iso, 1);
}

/** True when the chunk holds on the given day (`YYYY-MM-DD`, Vietnam time). */
export function isValidOn(chunk: Pick<Chunk, "validUntil" | "validFrom">, day: string): boolean {
  if (chunk.validUntil && day > chunk.validUntil) return false;
  if (chunk.validFrom && day < chunk.validFrom) return false;
  return true;
}

/** A retrieval filter keeping the chunks valid on the (Vietnam) day of `now`. */
export function validOn(now: Date): (chunk: Chunk) => boolean {
  const day = localIsoDate(now);
  return (chunk) => isValidOn(chunk, day);
}

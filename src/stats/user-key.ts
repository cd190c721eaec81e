/**
 * The anonymous user key: HMAC-SHA256 of channel and platform user id under a secret salt. The
 * same person on the same channel always gets the same key (so questions can be counted per user
 * and memory works), but without the salt the key cannot be turned back into the id, even for
 * short numeric ids that a plain hash would let anyone enumerate.
 *
 * ```ts
 * const userKey = createUserKey(loadStatsSalt({ dataDir, configured: config.stats.salt }));
 * userKey("telegram", "123456789"); // → 64 hex characters
 * ```
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Turns a channel and a platform user id into the anonymous key. */
export type UserKeyFunction = (channel: string, userId: string) => string;

/** File in DATA_DIR holding the generated salt when STATS_SALT is unset. */
export const SALT_FILE_NAME = "stats-salt";

export function createUserKey(salt: string): UserKeyFunction {
  // The key of the HMAC is derived once; the salt string itself is not kept by the closure.
  const key = crypto.createHash("sha256").update(salt, "utf8").digest();
  return (channel, userId) => crypto.createHmac("sha256", key).update(`${channel}\0${userId}`, "utf8").digest("hex");
}

/**
 * The salt: STATS_SALT when set, else the one kept in `DATA_DIR/stats-salt` (mode 0600), created
 * with 32 random bytes on first start. Replicas sharing one PostgreSQL database must share the
 * salt too (set STATS_SALT), or the same user gets a different key on each replica.
 */
export function loadStatsSalt(settings: { dataDir: string; configured?: string }): string {
  if (settings.configured) return settings.configured;
  const file = path.join(settings.dataDir, SALT_FILE_NAME);
  fs.mkdirSync(settings.dataDir, { recursive: true });
  try {
    const fresh = crypto.randomBytes(32).toString("hex");
    // "wx": two processes starting together on one DATA_DIR must not each write their own salt.
    fs.writeFileSync(file, `${fresh}\n`, { mode: 0o600, flag: "wx" });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  let existing = fs.readFileSync(file, "utf8").trim();
  // Another process may have created the file a moment ago and still be writing it.
  for (let attempt = 0; existing.length < 16 && attempt < 20; attempt++) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    existing = fs.readFileSync(file, "utf8").trim();
  }
  if (existing.length < 16) throw new Error(`${file} holds no usable salt: delete it to generate a new one (user keys will change)`);
  // Tighten a copy restored with looser permissions.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return existing;
}

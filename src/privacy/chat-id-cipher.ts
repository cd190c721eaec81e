/**
 * Encrypts the platform chat ids the outreach tables must keep (subscribers, staff routes), so
 * that the database holds no raw platform id even there. AES-256-GCM under a key derived from the
 * statistics salt (STATS_SALT or DATA_DIR/stats-salt), which never sits in the database; each
 * value has its own random nonce. Changing the salt makes stored chat ids unreadable: those
 * subscribers are then dropped when an announcement reaches them (and user keys change anyway).
 *
 * ```ts
 * const cipher = createChatIdCipher(salt);
 * const ref = cipher.encrypt("6123456789"); // "v1.<nonce>.<ciphertext+tag>", base64url
 * cipher.decrypt(ref); // "6123456789"
 * ```
 */
import crypto from "node:crypto";

export interface ChatIdCipher {
  encrypt(chatId: string): string;
  /** Throws when the value was not made with this key. */
  decrypt(ref: string): string;
}

const VERSION = "v1";

/**
 * `purpose` separates keys: the outreach chat refs use the default; the durable inbox encrypts its
 * payloads under `tracu-inbox-v1` (`store/inbox-store.ts`), so one key never serves two uses.
 */
export function createChatIdCipher(salt: string, purpose = "tracu-chat-id-v1"): ChatIdCipher {
  // A key of its own: the user-key HMAC and this cipher never share key material.
  const key = Buffer.from(crypto.hkdfSync("sha256", Buffer.from(salt, "utf8"), Buffer.alloc(0), Buffer.from(purpose), 32));
  return {
    encrypt(chatId) {
      const nonce = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce);
      const body = Buffer.concat([cipher.update(chatId, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${nonce.toString("base64url")}.${body.toString("base64url")}`;
    },
    decrypt(ref) {
      const [version, nonceText, bodyText] = ref.split(".");
      if (version !== VERSION || !nonceText || !bodyText) throw new Error("not an encrypted chat id");
      const body = Buffer.from(bodyText, "base64url");
      if (body.length < 17) throw new Error("not an encrypted chat id");
      const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(nonceText, "base64url"));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
    },
  };
}

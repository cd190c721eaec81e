/**
 * `/xoadulieu` ("xóa dữ liệu của tôi"): the one function every channel calls to delete what the bot
 * keeps about one user, and the account of what it deleted (the reply states it exactly).
 *
 * What goes, for the user key (the anonymous HMAC of channel and platform user id):
 * - the user's query records, with their feedback (rows deleted, so nothing links them back to the
 *   user any more; records still waiting in the recorder's batch are written first, then deleted);
 * - the conversation memory (previous question, offered choices) and the profile (role, commune);
 * - through the extensions: the subscription with its encrypted chat id, the consent history, the
 *   staff routes; announcement delivery rows lose the user key (their counts stay in reports).
 * What stays: the daily counts, which hold no user key, so the statistics keep their totals.
 *
 * ```ts
 * const deleted = await deleteUserData({ store, recorder, extensions }, userKey);
 * reply(dataDeletionVi.reply(deleted));
 * ```
 */
import type { Store } from "../store/store.js";

/** What was deleted for one user, in rows. */
export interface DeletedUserData {
  /** Query records (questions asked, with their feedback). */
  questions: number;
  /** Conversation memory rows (previous question, offered choices). */
  memory: number;
  /** Profile rows (role, commune). */
  profile: number;
  /** Subscriptions (with the encrypted chat id). */
  subscriptions: number;
  /** Consent history lines. */
  consentEvents: number;
  /** Routes from a staff forward back to the user (an unanswered question waiting for staff). */
  staffRoutes: number;
  /** Announcement delivery rows unlinked from the user (kept for the reach counts). */
  announcementDeliveries: number;
}

export interface UserDataDeleter {
  store: Pick<Store, "deleteUserData">;
  /** Written before the deletion, so that a question recorded a moment ago is deleted too. */
  recorder?: { flush?(): Promise<void> };
  /** Its unwritten turn of the user is dropped first, so that it is not written back after the deletion. */
  memory?: { forget(userKey: string): Promise<void> };
  /** Extensions that keep data of their own (outreach). */
  extensions?: readonly { deleteUserData?(userKey: string): Promise<Partial<DeletedUserData> | void> }[];
}

/** Deletes everything kept about `userKey` (see above); returns what went. */
export async function deleteUserData(settings: UserDataDeleter, userKey: string): Promise<DeletedUserData> {
  await settings.recorder?.flush?.();
  await settings.memory?.forget(userKey);
  const stored = await settings.store.deleteUserData(userKey);
  const deleted: DeletedUserData = { ...stored, subscriptions: 0, consentEvents: 0, staffRoutes: 0, announcementDeliveries: 0 };
  for (const extension of settings.extensions ?? []) {
    const more = await extension.deleteUserData?.(userKey);
    if (!more) continue;
    for (const [name, count] of Object.entries(more) as [keyof DeletedUserData, number | undefined][]) deleted[name] += count ?? 0;
  }
  return deleted;
}

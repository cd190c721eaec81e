/**
 * Account changes, the same for `npm run staff` and the accounts page: checks, the scrypt hash,
 * and one audit entry per change (who did it is `actor`: the signed-in admin, or `cli:<os user>`).
 *
 * ```ts
 * const result = await addStaffAccount(staff, "cli:root", { username: "ldtbxh", role: "du-lieu", password }, { reserved: "canbo" });
 * ```
 */
import type { StaffStore } from "../store/staff-store.js";
import { USERNAME_RE } from "../store/staff-store.js";
import { hashPassword, passwordProblem } from "./staff-password.js";
import { isStaffRole, type StaffRole } from "./staff-roles.js";

export type AccountChangeError = "bad_user" | "bad_role" | "bad_password" | "taken" | "reserved" | "not_found";
export type AccountChange = { ok: true } | { ok: false; error: AccountChangeError; message: string };

const fail = (error: AccountChangeError, message: string): AccountChange => ({ ok: false, error, message });

export interface AccountRules {
  /** DASHBOARD_USER: the first admin's name, never a stored account. */
  reserved?: string;
}

export async function addStaffAccount(
  staff: StaffStore,
  actor: string,
  input: { username: string; role: string; password: string },
  rules: AccountRules = {},
): Promise<AccountChange> {
  const username = input.username.trim();
  if (!USERNAME_RE.test(username)) return fail("bad_user", "user name must be 2-50 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
  if (username === rules.reserved) return fail("reserved", "this name is DASHBOARD_USER, the first admin, set in the settings");
  if (!isStaffRole(input.role)) return fail("bad_role", "role must be thong-ke, du-lieu or quan-tri");
  const problem = passwordProblem(input.password);
  if (problem) return fail("bad_password", problem);
  if (!(await staff.addAccount({ username, role: input.role, passwordHash: await hashPassword(input.password) }))) return fail("taken", `an account named ${username} exists`);
  await staff.audit(actor, "account.add", `${username} (${input.role})`);
  return { ok: true };
}

export async function removeStaffAccount(staff: StaffStore, actor: string, username: string): Promise<AccountChange> {
  if (!(await staff.removeAccount(username))) return fail("not_found", `no account named ${username}`);
  await staff.audit(actor, "account.remove", username);
  return { ok: true };
}

export async function setStaffPassword(staff: StaffStore, actor: string, username: string, password: string): Promise<AccountChange> {
  const problem = passwordProblem(password);
  if (problem) return fail("bad_password", problem);
  if (!(await staff.setPassword(username, await hashPassword(password)))) return fail("not_found", `no account named ${username}`);
  await staff.audit(actor, "account.password", username);
  return { ok: true };
}

export async function setStaffRole(staff: StaffStore, actor: string, username: string, role: string): Promise<AccountChange> {
  if (!isStaffRole(role)) return fail("bad_role", "role must be thong-ke, du-lieu or quan-tri");
  if (!(await staff.setRole(username, role as StaffRole))) return fail("not_found", `no account named ${username}`);
  await staff.audit(actor, "account.role", `${username} → ${role}`);
  return { ok: true };
}

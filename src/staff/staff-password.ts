/**
 * Password hashes of staff accounts: scrypt with a random salt, stored as
 * `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>` so the cost can be raised later without
 * breaking existing hashes. Checks run in the libuv pool and compare in constant time.
 */
import crypto from "node:crypto";

const COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
/** Shortest password an account may get. */
export const MIN_PASSWORD_LENGTH = 10;

function scrypt(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(password, salt, KEY_BYTES, { ...cost, maxmem: 128 * cost.N * cost.r * 2 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

/** True when the password matches the stored hash; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 1 << 20) return false;
  const expected = Buffer.from(parts[5]!, "base64");
  const given = await scrypt(password, Buffer.from(parts[4]!, "base64"), { N, r, p });
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/** An English problem with a new password (for operators and the admin page), or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 200) return "password must be at most 200 characters";
  return undefined;
}

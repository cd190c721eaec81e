/**
 * Staff login for the dashboard and the stats API: the DASHBOARD_USER / DASHBOARD_PASSWORD pair
 * (the first admin, role `quan-tri`) and the staff accounts of the store (`npm run staff`, the
 * accounts page), checked either from the login form (then a signed session cookie) or as HTTP
 * Basic.
 *
 * - The password is kept only as a salted scrypt hash; comparisons are constant-time.
 * - The session cookie is `<expiry>.<nonce>.<who>.<HMAC>`, HttpOnly, SameSite=Strict, Path=/, 8
 *   hours; `who` names the account and its session epoch. Its key is derived from the first
 *   admin's credentials, so every replica accepts the cookies of the others and changing that
 *   password ends all sessions. An account's role is read from the store on each request; a
 *   password or role change raises the account's epoch and ends its sessions, removal ends them too.
 * - Password checks (form or Basic) go through `LoginLimiter` (`login-limiter.ts`): an attempt is
 *   counted before its check, 5 per address and 100 overall per 15 minutes, counters in the store.
 * - Logouts are kept in the store (`session-revocation-store.ts`) until the session would have
 *   expired: a logged-out cookie stays refused after a restart and on every replica.
 *
 * ```ts
 * const auth = createDashboardAuth({ user: "canbo", password: "…" });
 * if (await auth.authenticate(req)) …
 * ```
 */
import crypto from "node:crypto";
import type { Request, Response } from "express";
import { hashPassword, verifyPassword } from "../staff/staff-password.js";
import type { StaffIdentity } from "../staff/staff-roles.js";
import type { RateLimitStore } from "../store/rate-limit-store.js";
import { createMemorySessionRevocationStore, type SessionRevocationStore } from "../store/session-revocation-store.js";
import type { StaffStore } from "../store/staff-store.js";
import { LoginLimiter } from "./login-limiter.js";

export { LoginLimiter, type LoginAttempt, type LoginLimiterSettings } from "./login-limiter.js";

export const SESSION_COOKIE = "tracu_dashboard";
const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
// scrypt cost: about 30-50 ms per check, in the libuv pool for async checks.
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

export interface DashboardAuthSettings {
  user: string;
  password: string;
  /** Staff accounts beside the first admin; unset = the first admin only. */
  accounts?: Pick<StaffStore, "getAccount">;
  /** Default: a `LoginLimiter` on `counters`. */
  limiter?: LoginLimiter;
  /** The store's limit counters (`createRateLimitStore`); default in this process only. */
  counters?: Pick<RateLimitStore, "hit" | "release" | "count" | "prune">;
  /** The store's revocations (`createSessionRevocationStore`); default in this process only. */
  revocations?: SessionRevocationStore;
  now?: () => number;
}

/** A signed-in staff member, with the account's session epoch at sign-in. */
export interface SignedIn extends StaffIdentity {
  epoch: number;
}

export interface DashboardAuth {
  readonly limiter: LoginLimiter;
  /** Checks a user name and password (scrypt, constant time). */
  verify(user: string, password: string): Promise<boolean>;
  /** Who the user name and password belong to, or undefined. */
  identify(user: string, password: string): Promise<SignedIn | undefined>;
  /** True for a valid, unexpired, not logged-out session cookie (logouts are looked up in the store). */
  hasSession(req: Request): Promise<boolean>;
  /** The session's staff member with the role the store gives now; undefined when the account is gone or changed since. */
  sessionIdentity(req: Request): Promise<StaffIdentity | undefined>;
  /** Checks an `Authorization: Basic …` header. */
  verifyBasic(header: string | undefined): Promise<boolean>;
  /** Who an `Authorization: Basic …` header belongs to, or undefined. */
  identifyBasic(header: string | undefined): Promise<SignedIn | undefined>;
  /** Sets a new session cookie on the response, for the first admin unless `who` says otherwise. */
  startSession(req: Request, res: Response, who?: SignedIn): void;
  /** Logs the request's session out (in the store) and clears the cookie. */
  endSession(req: Request, res: Response): Promise<void>;
}

function base64url(buffer: Buffer): string {
  return buffer.toString("base64url");
}

/** Reads one cookie from the Cookie header (no dependency for one value). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/** HTTPS as seen by the client, also behind a TLS-terminating proxy. */
function isHttps(req: Request): boolean {
  return req.secure || String(req.headers["x-forwarded-proto"] ?? "").split(",")[0]?.trim() === "https";
}

function scrypt(secret: string, salt: Buffer | string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(secret, salt, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export function createDashboardAuth(settings: DashboardAuthSettings): DashboardAuth {
  const now = settings.now ?? Date.now;
  const salt = crypto.randomBytes(16);
  // The user name and password are hashed together: one comparison, nothing to learn from timing.
  const expected = crypto.scryptSync(`${settings.user}\0${settings.password}`, salt, 32, SCRYPT);
  const sessionKey = crypto.scryptSync(`${settings.user}\0${settings.password}`, "tracu-dashboard-session-v1", 32, SCRYPT);
  // Replicas share the credentials, hence this key: they count the same address under one name.
  const limiterSecret = crypto.createHmac("sha256", sessionKey).update("tracu-login-limiter-v1").digest("hex");
  const limiter = settings.limiter ?? new LoginLimiter({ now, counters: settings.counters, secret: limiterSecret });
  const revocations = settings.revocations ?? createMemorySessionRevocationStore();

  const sign = (payload: string) => base64url(crypto.createHmac("sha256", sessionKey).update(payload).digest());

  const parseSession = (req: Request): { nonce: string; expires: number; who: string } | undefined => {
    const value = readCookie(req, SESSION_COOKIE);
    if (!value) return undefined;
    const [expiresText, nonce, who, signature] = value.split(".");
    if (!expiresText || !nonce || !who || !signature || !/^\d{1,15}$/.test(expiresText)) return undefined;
    const given = Buffer.from(signature);
    const wanted = Buffer.from(sign(`${expiresText}.${nonce}.${who}`));
    if (given.length !== wanted.length || !crypto.timingSafeEqual(given, wanted)) return undefined;
    const expires = Number(expiresText);
    if (expires <= now()) return undefined;
    return { nonce, expires, who };
  };

  /** A signed, unexpired cookie that was not logged out (one store lookup, only for signed cookies). */
  const validSession = async (req: Request) => {
    const session = parseSession(req);
    if (!session) return undefined;
    return (await revocations.isRevoked(session.nonce)) ? undefined : session;
  };
  const firstAdmin: SignedIn = { user: settings.user, role: "quan-tri", epoch: 0 };
  let dummyHash: Promise<string> | undefined;
  const encodeWho = (who: SignedIn) => base64url(Buffer.from(`${who.epoch}:${who.user}`, "utf8"));
  const decodeWho = (text: string): { user: string; epoch: number } | undefined => {
    const decoded = Buffer.from(text, "base64url").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 1 || !/^\d{1,9}$/.test(decoded.slice(0, colon))) return undefined;
    return { epoch: Number(decoded.slice(0, colon)), user: decoded.slice(colon + 1) };
  };

  const cookieAttributes = (req: Request) => `Path=/; HttpOnly; SameSite=Strict${isHttps(req) ? "; Secure" : ""}`;

  const identify = async (user: string, password: string): Promise<SignedIn | undefined> => {
    const given = await scrypt(`${user}\0${password}`, salt);
    if (crypto.timingSafeEqual(given, expected)) return firstAdmin;
    // The first admin's name never falls through to a stored account of the same name.
    if (user === settings.user || !settings.accounts) return undefined;
    const account = await settings.accounts.getAccount(user);
    // An unknown name costs the same scrypt work as a known one: timing does not tell which exist.
    dummyHash ??= hashPassword(crypto.randomBytes(16).toString("hex"));
    const matches = await verifyPassword(password, account?.passwordHash ?? (await dummyHash));
    if (!account || !matches) return undefined;
    return { user: account.username, role: account.role, epoch: account.sessionEpoch };
  };
  const identifyBasic = async (header: string | undefined): Promise<SignedIn | undefined> => {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
    if (!match) return undefined;
    const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    return identify(decoded.slice(0, colon), decoded.slice(colon + 1));
  };

  return {
    limiter,
    verify: async (user, password) => (await identify(user, password)) !== undefined,
    identify,
    hasSession: async (req) => (await validSession(req)) !== undefined,
    async sessionIdentity(req) {
      const session = await validSession(req);
      const who = session && decodeWho(session.who);
      if (!who) return undefined;
      if (who.user === settings.user) return { user: firstAdmin.user, role: firstAdmin.role };
      const account = await settings.accounts?.getAccount(who.user);
      // Removed, or its password or role changed since this session began.
      if (!account || account.sessionEpoch !== who.epoch) return undefined;
      return { user: account.username, role: account.role };
    },
    verifyBasic: async (header) => (await identifyBasic(header)) !== undefined,
    identifyBasic,
    startSession(req, res, who = firstAdmin) {
      const expires = now() + SESSION_TTL_MS;
      const nonce = base64url(crypto.randomBytes(16));
      const payload = `${expires}.${nonce}.${encodeWho(who)}`;
      const value = `${payload}.${sign(payload)}`;
      res.append("Set-Cookie", `${SESSION_COOKIE}=${value}; Max-Age=${Math.floor(SESSION_TTL_MS / 1000)}; ${cookieAttributes(req)}`);
    },
    async endSession(req, res) {
      const session = parseSession(req);
      if (session) {
        await revocations.revoke(session.nonce, session.expires);
        await revocations.prune(now()).catch(() => undefined);
      }
      res.append("Set-Cookie", `${SESSION_COOKIE}=; Max-Age=0; ${cookieAttributes(req)}`);
    },
  };
}

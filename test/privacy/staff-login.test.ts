/**
 * Issue 11, items 4 and 5: the staff login limit holds against parallel guessing (an attempt is
 * counted before its password check; a global cap bounds guessing from many addresses), and the
 * failed-login counters and logouts live in the store: they survive a restart (SQLite) and reach
 * another replica (two app instances on one PostgreSQL database).
 */
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.js";
import { createDashboardAuth, LoginLimiter, type DashboardAuth } from "../../src/server/dashboard-auth.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { createRateLimitStore } from "../../src/store/rate-limit-store.js";
import { createSessionRevocationStore } from "../../src/store/session-revocation-store.js";
import { listen } from "../helpers/http.js";
import { buildTestKnowledge, type TestKnowledge } from "../helpers/test-knowledge.js";
import { openTestStore, type TestStore } from "../helpers/test-stores.js";

const USER = "canbo";
const PASSWORD = "mat-khau-dung-2026";
const basic = (password: string) => `Basic ${Buffer.from(`${USER}:${password}`).toString("base64")}`;

let t: TestKnowledge;
beforeAll(async () => {
  t = await buildTestKnowledge();
});
afterAll(() => t?.cleanup());

/** Dashboard auth as main.ts builds it: counters and logouts in the store. */
function storeAuth(store: KyselyStore, limiter?: (counters: ReturnType<typeof createRateLimitStore>) => LoginLimiter): DashboardAuth {
  const counters = createRateLimitStore({ db: store.db });
  return createDashboardAuth({ user: USER, password: PASSWORD, counters, revocations: createSessionRevocationStore({ db: store.db }), limiter: limiter?.(counters) });
}

async function serve(store: KyselyStore, auth: DashboardAuth, trustProxy = false) {
  return listen(createApp({ engine: t.engine, knowledge: t.knowledge, logger: pino({ level: "silent" }), store, dashboardAuth: auth, trustProxy }));
}

async function login(url: string, password = PASSWORD): Promise<Response> {
  return fetch(`${url}/dashboard/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: url },
    body: new URLSearchParams({ user: USER, password }).toString(),
    redirect: "manual",
  });
}
const cookieOf = (res: Response) => res.headers.get("set-cookie")!.split(";")[0]!;
const summary = (url: string, headers: Record<string, string>) => fetch(`${url}/api/stats/summary`, { headers, redirect: "manual" });
const logout = (url: string, cookie: string) => fetch(`${url}/dashboard/logout`, { method: "POST", headers: { cookie, origin: url }, redirect: "manual" });

describe("login limit under parallel guessing", () => {
  let s: TestStore;
  beforeAll(async () => {
    s = await openTestStore("sqlite");
  });
  afterAll(async () => {
    await s?.cleanup();
  });

  it("should check at most 5 passwords of 200 simultaneous guesses, and not let the right one in", async () => {
    const auth = storeAuth(s.store);
    let checks = 0;
    const verifyBasic = auth.verifyBasic.bind(auth);
    auth.verifyBasic = async (header) => {
      checks += 1;
      return verifyBasic(header);
    };
    const server = await serve(s.store, auth);
    try {
      const guesses = Array.from({ length: 200 }, (_, i) => (i === 199 ? PASSWORD : `doan-${i}`));
      const statuses = (await Promise.all(guesses.map((g) => summary(server.url, { authorization: basic(g) })))).map((r) => r.status);
      expect(checks).toBeLessThanOrEqual(5);
      expect(statuses.filter((x) => x !== 429).length).toBeLessThanOrEqual(5);
      expect(statuses[199]).toBe(429);
      expect(statuses).not.toContain(200);
    } finally {
      await server.close();
    }
  });

  it("should cap failed checks from all addresses together", async () => {
    const fresh = await openTestStore("sqlite");
    const auth = storeAuth(fresh.store, (counters) => new LoginLimiter({ counters, globalMaxFailures: 10, secret: "global-cap-test" }));
    const server = await serve(fresh.store, auth, true);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await summary(server.url, { authorization: basic(`sai-${i}`), "x-forwarded-for": `203.0.113.${i + 1}` })).status);
      expect(statuses.filter((x) => x === 401)).toHaveLength(10);
      expect(statuses.slice(10).every((x) => x === 429)).toBe(true);
      // A new address with the right password waits too: the cap is global.
      expect((await summary(server.url, { authorization: basic(PASSWORD), "x-forwarded-for": "198.51.100.7" })).status).toBe(429);
    } finally {
      await server.close();
      await fresh.cleanup();
    }
  });

  it("should give a successful attempt back: a right password does not use up the limit", async () => {
    const fresh = await openTestStore("sqlite");
    const server = await serve(fresh.store, storeAuth(fresh.store));
    try {
      for (let i = 0; i < 10; i++) expect((await summary(server.url, { authorization: basic(PASSWORD) })).status).toBe(200);
    } finally {
      await server.close();
      await fresh.cleanup();
    }
  });
});

describe("logout and failed logins survive a restart (SQLite)", () => {
  it("should refuse a logged-out cookie and keep counting failures after the server restarts", async () => {
    const s = await openTestStore("sqlite");
    try {
      let server = await serve(s.store, storeAuth(s.store));
      const cookie = cookieOf(await login(server.url));
      expect((await summary(server.url, { cookie })).status).toBe(200);
      const kept = cookieOf(await login(server.url));
      expect((await logout(server.url, cookie)).status).toBe(303);
      for (let i = 0; i < 4; i++) expect((await login(server.url, `sai-${i}`)).status).toBe(401);
      await server.close();
      await s.store.close();

      // A new process: new store connection, new auth object, same credentials and DATA_DIR.
      const reopened = s.reopen();
      server = await serve(reopened, storeAuth(reopened));
      try {
        expect((await summary(server.url, { cookie })).status).toBe(401);
        expect((await fetch(`${server.url}/dashboard`, { headers: { cookie }, redirect: "manual" })).headers.get("location")).toBe("/dashboard/login");
        // A session that was not logged out still works.
        expect((await summary(server.url, { cookie: kept })).status).toBe(200);
        // The fifth failure is counted on top of the four before the restart.
        expect((await login(server.url, "sai-4")).status).toBe(429);
        expect((await login(server.url)).status).toBe(429);
      } finally {
        await server.close();
      }
    } finally {
      await s.cleanup();
    }
  });
});

describe("logout and failed logins reach another replica (PostgreSQL)", () => {
  it("should refuse on replica B a cookie logged out on replica A, and share the failure count", async () => {
    const s = await openTestStore("postgres");
    const other = s.reopen();
    const a = await serve(s.store, storeAuth(s.store));
    const b = await serve(other, storeAuth(other));
    try {
      const cookie = cookieOf(await login(a.url));
      expect((await summary(b.url, { cookie })).status).toBe(200);
      expect((await logout(a.url, cookie)).status).toBe(303);
      expect((await summary(b.url, { cookie })).status).toBe(401);
      expect((await summary(a.url, { cookie })).status).toBe(401);

      for (let i = 0; i < 3; i++) expect((await login(a.url, `sai-${i}`)).status).toBe(401);
      expect((await login(b.url, "sai-3")).status).toBe(401);
      expect((await login(b.url, "sai-4")).status).toBe(429);
      expect((await summary(a.url, { authorization: basic(PASSWORD) })).status).toBe(429);
    } finally {
      await a.close();
      await b.close();
      await s.cleanup();
    }
  });
});

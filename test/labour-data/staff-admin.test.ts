/**
 * The accounts page and the audit log over real HTTP: an admin adds an account, changes its role
 * (ending its sessions) and removes it through the page's forms; each change and each sign-in is
 * in the log with who did it; other roles cannot reach the page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffAdminVi } from "../../src/messages-vi.js";
import { ADMIN, basic, DATA_USER, startLabourStack, STATS_USER, type LabourStack } from "./labour-stack.js";

let s: LabourStack;

beforeAll(async () => {
  s = await startLabourStack();
});
afterAll(async () => {
  await s?.close();
});

function form(path: string, fields: Record<string, string>, account = ADMIN) {
  return fetch(`${s.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { authorization: basic(account), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

async function signIn(account: { user: string; password: string }): Promise<{ status: number; location: string | null; cookie?: string }> {
  const res = await fetch(`${s.url}/dashboard/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ user: account.user, password: account.password }),
  });
  return { status: res.status, location: res.headers.get("location"), cookie: res.headers.get("set-cookie")?.split(";")[0] };
}

describe("the navigation bar", () => {
  it("lists only the pages the role may use", async () => {
    const links = async (account: { user: string; password: string }, path: string) => {
      const html = await (await fetch(`${s.url}${path}`, { headers: { authorization: basic(account) } })).text();
      const nav = /<nav class="dash-nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "";
      return [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    };
    expect(await links(STATS_USER, "/dashboard")).not.toContain("/dashboard/du-lieu");
    expect(await links(STATS_USER, "/dashboard")).not.toContain("/dashboard/tai-khoan");
    expect(await links(DATA_USER, "/dashboard/du-lieu")).toEqual(["/dashboard/du-lieu"]);
    expect(await links(ADMIN, "/dashboard")).toEqual(expect.arrayContaining(["/dashboard", "/dashboard/announcements", "/dashboard/du-lieu", "/dashboard/tai-khoan"]));
  });
});

describe("the accounts page", () => {
  it("only admins reach it", async () => {
    for (const account of [STATS_USER, DATA_USER]) {
      const res = await fetch(`${s.url}/dashboard/tai-khoan`, { headers: { authorization: basic(account) } });
      expect(res.status, account.user).toBe(403);
      expect(await res.text()).toContain(staffAdminVi.forbidden);
    }
    const admin = await fetch(`${s.url}/dashboard/tai-khoan`, { headers: { authorization: basic(ADMIN) } });
    expect(admin.status).toBe(200);
    const html = await admin.text();
    expect(html).toContain(`data-user="${DATA_USER.user}"`);
    expect(html).not.toContain("scrypt$");
  });

  it("adds an account that can then sign in with its role, refusing a short password", async () => {
    const short = await form("/dashboard/tai-khoan/add", { user: "canbo-moi", role: "du-lieu", password: "ngan" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain(staffAdminVi.badPassword);
    const added = await form("/dashboard/tai-khoan/add", { user: "canbo-moi", role: "du-lieu", password: "mat-khau-canbo-moi" });
    expect(added.status).toBe(303);
    const login = await signIn({ user: "canbo-moi", password: "mat-khau-canbo-moi" });
    expect(login).toMatchObject({ status: 303, location: "/dashboard/du-lieu" });
  });

  it("a role change ends the account's sessions; after signing in again the new role applies", async () => {
    const login = await signIn({ user: "canbo-moi", password: "mat-khau-canbo-moi" });
    const page = await fetch(`${s.url}/dashboard/du-lieu`, { headers: { cookie: login.cookie! }, redirect: "manual" });
    expect(page.status).toBe(200);
    expect((await form("/dashboard/tai-khoan/role", { user: "canbo-moi", role: "thong-ke" })).status).toBe(303);
    const after = await fetch(`${s.url}/dashboard/du-lieu`, { headers: { cookie: login.cookie! }, redirect: "manual" });
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toBe("/dashboard/login");
    const again = await signIn({ user: "canbo-moi", password: "mat-khau-canbo-moi" });
    expect(again.location).toBe("/dashboard");
    const refused = await fetch(`${s.url}/dashboard/du-lieu`, { headers: { cookie: again.cookie! }, redirect: "manual" });
    expect(refused.status).toBe(403);
  });

  it("removes the account; it can no longer sign in; every step is in the audit log", async () => {
    expect((await form("/dashboard/tai-khoan/remove", { user: "canbo-moi" })).status).toBe(303);
    expect((await signIn({ user: "canbo-moi", password: "mat-khau-canbo-moi" })).status).toBe(401);
    const res = await fetch(`${s.url}/api/staff/audit`, { headers: { authorization: basic(ADMIN) } });
    const items = ((await res.json()) as { items: { actor: string; action: string; detail: string }[] }).items;
    expect(items.map((i) => `${i.actor} ${i.action} ${i.detail}`).reverse().slice(-6)).toEqual([
      `${ADMIN.user} account.add canbo-moi (du-lieu)`,
      "canbo-moi sign-in du-lieu",
      "canbo-moi sign-in du-lieu",
      `${ADMIN.user} account.role canbo-moi → thong-ke`,
      "canbo-moi sign-in thong-ke",
      `${ADMIN.user} account.remove canbo-moi`,
    ]);
  });
});

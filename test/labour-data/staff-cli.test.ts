/**
 * `npm run staff`: accounts added, listed, given a new password and removed from the command line,
 * in the same database the server reads (SQLite in a temporary DATA_DIR), each change audited.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/staff/staff-password.js";
import { createStore } from "../../src/store/create-store.js";
import { createStaffStore } from "../../src/store/staff-store.js";
import { ROOT, tempDir } from "../helpers/test-knowledge.js";

const dataDir = tempDir("tracu-staff-cli-");
const env = { ...process.env, DATA_DIR: dataDir, DASHBOARD_USER: "canbo", DASHBOARD_PASSWORD: "mat-khau-quan-tri", LOG_LEVEL: "silent", DATABASE_URL: "" };

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function staff(args: string[], input = ""): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["src/cli.ts", "staff", ...args], { cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
    child.stdin.end(input);
  });
}

async function withStaffStore<T>(run: (s: ReturnType<typeof createStaffStore>) => Promise<T>): Promise<T> {
  const store = createStore({ dataDir });
  try {
    await store.migrate();
    return await run(createStaffStore({ db: store.db }));
  } finally {
    await store.close();
  }
}

describe("npm run staff", () => {
  it("adds an account with a role and lists it beside the first admin", async () => {
    const added = await staff(["add", "ldtbxh", "du-lieu"], "mat-khau-can-bo-lao-dong\n");
    expect(added).toMatchObject({ code: 0 });
    expect(added.out).toContain("add ldtbxh: done");
    const list = await staff(["list"]);
    expect(list.out.split("\n").filter(Boolean).map((l) => l.split("\t").slice(0, 2).join(" "))).toEqual(["canbo quan-tri", "ldtbxh du-lieu"]);
    const account = await withStaffStore((s) => s.getAccount("ldtbxh"));
    expect(account?.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword("mat-khau-can-bo-lao-dong", account!.passwordHash)).toBe(true);
  });

  it("refuses a short password, an unknown role and the first admin's name, changing nothing", async () => {
    const short = await staff(["add", "thongke", "thong-ke"], "ngan\n");
    expect(short.code).toBe(1);
    expect(short.err).toContain("at least 10 characters");
    const role = await staff(["add", "thongke", "giam-doc"], "mat-khau-du-dai-roi\n");
    expect(role.code).toBe(1);
    expect(role.err).toContain("role must be thong-ke, du-lieu or quan-tri");
    const reserved = await staff(["add", "canbo", "thong-ke"], "mat-khau-du-dai-roi\n");
    expect(reserved.code).toBe(1);
    expect((await withStaffStore((s) => s.listAccounts())).map((a) => a.username)).toEqual(["ldtbxh"]);
  });

  it("sets a new password and removes the account, each change in the audit log", async () => {
    expect((await staff(["password", "ldtbxh"], "mat-khau-moi-rat-dai\n")).code).toBe(0);
    const account = await withStaffStore((s) => s.getAccount("ldtbxh"));
    expect(await verifyPassword("mat-khau-moi-rat-dai", account!.passwordHash)).toBe(true);
    expect(account!.sessionEpoch).toBe(1);
    expect((await staff(["remove", "ldtbxh"])).code).toBe(0);
    expect((await staff(["remove", "ldtbxh"])).code).toBe(1);
    const audit = await withStaffStore((s) => s.listAudit());
    expect(audit.map((a) => a.action).reverse()).toEqual(["account.add", "account.password", "account.remove"]);
    expect(audit.every((a) => a.actor.startsWith("cli:"))).toBe(true);
  });
});

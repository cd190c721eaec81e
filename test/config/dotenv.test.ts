/**
 * Settings from `.env`: the file in the directory the bot starts in (the project root under
 * `npm start`) is read at start, the environment wins over it, and the log says which file was
 * read. The last test runs the real server process (`node --import tsx src/main.ts`) in a temporary
 * directory holding only a `.env`, and checks that PORT and the dashboard login come from it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig, readDotEnv, withDotEnv } from "../../src/config.js";
import { DEFAULT_ORG_NAME } from "../../src/messages-vi.js";
import { KNOWLEDGE_DIR, ROOT, tempDir } from "../helpers/test-knowledge.js";

const dirs: string[] = [];
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function dirWithDotEnv(text: string): string {
  const dir = tempDir("tracu-dotenv-");
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, ".env"), text, "utf8");
  return dir;
}

/** A port the system just gave out and took back (the server process must be told a number). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("reading .env", () => {
  it("should read the file with comments, quotes and export prefixes, and let the environment win", () => {
    const dir = dirWithDotEnv(
      [
        "# Trợ lý hướng nghiệp: cài đặt",
        "PORT=4123",
        'ORG_NAME="Trung tâm từ tệp .env"',
        "export ORG_CONTACT='0294 111 222'",
        "DASHBOARD_USER=canbo-tep",
        "DASHBOARD_PASSWORD=mat-khau-tu-tep # comment",
        "",
      ].join("\n"),
    );
    const dotEnv = readDotEnv(dir);
    expect(dotEnv.file).toBe(path.join(dir, ".env"));
    const config = loadConfig(withDotEnv({ DASHBOARD_USER: "canbo-moi-truong" }, dotEnv), dir);
    expect(config.port).toBe(4123);
    expect(config.organisation).toEqual({ name: "Trung tâm từ tệp .env", contact: "0294 111 222" });
    // The environment wins over the file.
    expect(config.dashboard).toEqual({ user: "canbo-moi-truong", password: "mat-khau-tu-tep" });
  });

  it("should start without a .env file, with a neutral operator by default", () => {
    const dir = tempDir("tracu-dotenv-none-");
    dirs.push(dir);
    const dotEnv = readDotEnv(dir);
    expect(dotEnv).toEqual({ values: {} });
    const config = loadConfig(withDotEnv({}, dotEnv), dir);
    expect(config.port).toBe(3000);
    expect(config.dashboard).toBeUndefined();
    expect(config.organisation).toEqual({ name: DEFAULT_ORG_NAME, contact: undefined });
    // The default names no office whose status after 1/7/2025 is unverified.
    expect(DEFAULT_ORG_NAME).not.toMatch(/Trung tâm|Văn hóa|UBND|Phòng/);
  });

  it("should refuse a bad value read from .env with the variable's name", () => {
    const dir = dirWithDotEnv("PORT=không-phải-số\n");
    expect(() => loadConfig(withDotEnv({}, readDotEnv(dir)), dir)).toThrow(/PORT/);
  });

  it("should make the real server listen on the .env's PORT and take the .env's dashboard login", async () => {
    const port = await freePort();
    const password = "mat-khau-chi-o-trong-tep-env";
    const dir = dirWithDotEnv(
      [
        "# as an operator writes it after copying .env.example",
        `PORT=${port}`,
        "HOST=127.0.0.1",
        "DASHBOARD_USER=canbo",
        `DASHBOARD_PASSWORD=${password}`,
        `KNOWLEDGE_DIR=${KNOWLEDGE_DIR}`,
        "DATA_DIR=./du-lieu",
        "KNOWLEDGE_WATCH_SECONDS=0",
        "ORG_NAME=Tên trong tệp",
        "",
      ].join("\n"),
    );
    const tsx = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
    // Nothing from the test's own environment but PATH and HOME; ORG_NAME set here wins over the file.
    const child = spawn(process.execPath, ["--import", tsx, path.join(ROOT, "src", "main.ts")], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ORG_NAME: "Tên trong môi trường" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk) => (stdout += String(chunk)));
    child.stderr!.on("data", (chunk) => (stderr += String(chunk)));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 90_000;
    while (!(await fetch(`${url}/readyz`).then((r) => r.ok, () => false))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start: ${stderr.slice(-2000)} ${stdout.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The dashboard login comes from the file.
    const wrong = await fetch(`${url}/dashboard/login`, { method: "POST", body: new URLSearchParams({ user: "canbo", password: "sai" }), redirect: "manual" });
    expect(wrong.status).toBe(401);
    const login = await fetch(`${url}/dashboard/login`, { method: "POST", body: new URLSearchParams({ user: "canbo", password }), redirect: "manual" });
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/dashboard");
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    expect((await fetch(`${url}/dashboard`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);
    // The environment wins: the operator's name shown to web users is the environment's.
    const settings = await (await fetch(`${url}/api/web/settings`)).json();
    expect(settings.organisation.name).toBe("Tên trong môi trường");
    // DATA_DIR relative to the directory the bot started in.
    expect(fs.existsSync(path.join(dir, "du-lieu"))).toBe(true);

    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    children.delete(child);
    // Not a terminal: JSON lines, the first saying which file was read, and never the password.
    const lines = stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ msg: "settings read from .env file (environment variables take precedence)", file: path.join(dir, ".env") });
    expect(lines.some((l) => typeof l.msg === "string" && l.msg.startsWith(`listening on http://localhost:${port}`))).toBe(true);
    expect(stdout).not.toContain(password);
  }, 120_000);
});

/**
 * Issue 11, item 6: the real server (`src/main.ts`, as `npm start` runs it) closes a connection
 * whose request headers never finish, and one whose body never finishes, instead of holding it.
 * Small HTTP_HEADERS_TIMEOUT_MS / HTTP_REQUEST_TIMEOUT_MS make the test short; the assertion is
 * only that the server closed the socket (the wait is a hang guard, not a speed check).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { KNOWLEDGE_DIR, ROOT, tempDir } from "../helpers/test-knowledge.js";

let child: ChildProcess | undefined;
let port = 0;
let dataDir = "";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port: p } = server.address() as net.AddressInfo;
      server.close(() => resolve(p));
    });
  });
}

beforeAll(async () => {
  dataDir = tempDir("tracu-timeouts-");
  port = await freePort();
  child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/main.ts")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      KNOWLEDGE_DIR,
      KNOWLEDGE_WATCH_SECONDS: "0",
      LOG_LEVEL: "warn",
      HTTP_HEADERS_TIMEOUT_MS: "400",
      HTTP_REQUEST_TIMEOUT_MS: "800",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += String(chunk)));
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`bot did not start: ${stderr.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Opens a socket, writes `chunks` and never more; resolves with what the server sent once it closed the socket. */
function slowClient(chunks: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error("the server kept the slow connection open"));
    }, 30_000);
    socket.on("connect", () => {
      for (const chunk of chunks) socket.write(chunk);
    });
    socket.on("data", (data) => (received += String(data)));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(guard);
      resolve(received);
    });
  });
}

describe("slow clients", () => {
  it("should close a connection whose headers never finish", async () => {
    const received = await slowClient(["GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "]);
    expect(received === "" || received.startsWith("HTTP/1.1 408")).toBe(true);
  });

  it("should close a connection whose body never finishes", async () => {
    const received = await slowClient([
      "POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n",
      '{"text":"học ng',
    ]);
    expect(received === "" || received.startsWith("HTTP/1.1 408")).toBe(true);
  });

  it("should still answer ordinary requests", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "Mô hình 9+ là gì?" }),
    });
    expect(res.status).toBe(200);
  });

  it("should default to 10 s for headers and 30 s for the whole request", () => {
    expect(loadConfig({}, ROOT).httpTimeouts).toEqual({ headersMs: 10_000, requestMs: 30_000 });
  });
});

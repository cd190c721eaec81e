/**
 * The part the fake Telegram and Zalo servers share: a node:http server on 127.0.0.1 (port 0)
 * serving `POST /bot<token>/<method>`, recording every call (method, body, time, status), with
 * failures the test queues per method and held long polls that end when an update is queued.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FakeCall {
  method: string;
  /** Parsed JSON body ({} when empty; `{ raw }` when not JSON). */
  body: Record<string, unknown>;
  /** `performance.now()` when the request arrived. */
  at: number;
  /** HTTP status the fake answered with. */
  status: number;
  /** The token in the URL (to check it is the configured one). */
  token: string;
}

export interface FakeFailure {
  status: number;
  /** Telegram: `parameters.retry_after` seconds. */
  retryAfter?: number;
  errorCode?: number;
  description?: string;
}

export interface FakeAnswer {
  status: number;
  json: unknown;
}

export interface FakeRouteContext {
  /** Aborted when the client leaves (a stopped long poll). */
  signal: AbortSignal;
  /** Long poll: waits until `ready()`, a `wake()`, `ms` passed, the client left or the fake closes. */
  hold(ready: () => boolean, ms: number): Promise<void>;
}

/** Decides the answer to one call. */
export type FakeRouter = (call: { method: string; body: Record<string, unknown>; token: string }, context: FakeRouteContext) => Promise<FakeAnswer>;

export interface FakePlatformServer {
  /** `http://127.0.0.1:<port>` */
  apiRoot: string;
  calls: FakeCall[];
  /** Calls of one method that the fake answered successfully. */
  succeeded(method: string): FakeCall[];
  /** Queues failures for the next calls of `method`, one per call; `null` lets that call succeed. */
  failNext(method: string, ...failures: (FakeFailure | null)[]): void;
  /** Resolves when `predicate` holds; rejects with `label` after `timeoutMs` (a hang guard, not a speed check). */
  waitFor(predicate: () => boolean, label: string, timeoutMs?: number): Promise<void>;
  /** Wakes held long polls (after an update was queued). */
  wake(): void;
  close(): Promise<void>;
}

export async function startFakePlatform(
  route: FakeRouter,
  failureJson: (failure: FakeFailure) => unknown,
): Promise<FakePlatformServer> {
  const calls: FakeCall[] = [];
  const failures = new Map<string, (FakeFailure | null)[]>();
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();
  let closing = false;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const at = performance.now();
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
      const send = (status: number, json: unknown) => {
        if (res.destroyed || res.writableEnded) return;
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(json));
      };
      if (!match || req.method !== "POST") {
        send(404, { ok: false, error_code: 404, description: "Not Found" });
        return;
      }
      const token = decodeURIComponent(match[1]!);
      const method = match[2]!;
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        body = { raw };
      }
      const call: FakeCall = { method, body, at, status: 0, token };
      calls.push(call);
      const failure = failures.get(method)?.shift();
      if (failure) {
        call.status = failure.status;
        send(failure.status, failureJson(failure));
        return;
      }
      const left = new AbortController();
      res.on("close", () => left.abort());
      route({ method, body, token }, { signal: left.signal, hold: (ready, ms) => hold(ready, ms, left.signal) }).then(
        (answer) => {
          call.status = answer.status;
          send(answer.status, answer.json);
        },
        () => {
          call.status = 500;
          send(500, { ok: false, error_code: 500, description: "fake failed" });
        },
      );
    });
  });
  async function hold(ready: () => boolean, ms: number, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ready() && !signal.aborted && !closing && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          signal.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
        waiters.add(done);
        signal.addEventListener("abort", done);
      });
    }
  }

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    succeeded: (method) => calls.filter((c) => c.method === method && c.status === 200),
    failNext(method, ...list) {
      failures.set(method, [...(failures.get(method) ?? []), ...list]);
    },
    async waitFor(predicate, label, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for: ${label}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    wake() {
      for (const waiter of [...waiters]) waiter();
    },
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const waiter of [...waiters]) waiter();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The settings that point the bot's Telegram and Zalo channels at two fakes, with their webhook secrets. */
export function fakePlatformEnv(
  telegram: { token: string; apiRoot: string },
  zalo: { token: string; apiRoot: string },
  secrets: { telegram: string; zalo: string },
): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: secrets.telegram,
    ZALO_BOT_TOKEN: zalo.token,
    ZALO_API_ROOT: zalo.apiRoot,
    ZALO_WEBHOOK_SECRET: secrets.zalo,
  };
}

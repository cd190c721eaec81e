/**
 * What the HTTP benches share: the server started from `src/main.ts` in its own process (as
 * `npm start` runs it, so the load generator does not share its event loop), autocannon runs with
 * their per-request latencies, and percentiles.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon, { type Options } from "autocannon";
import { ROOT } from "../helpers/test-knowledge.js";

export function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface BenchServer {
  url: string;
  rssMb(): number;
  /** CPU time the server process used so far (user + system), ms: steadier than rates on a shared machine. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** `src/main.ts` in a child process, as `npm start` runs it. */
export async function startServer(dataDir: string, env: Record<string, string>): Promise<BenchServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", ...(process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []), path.join(ROOT, "src/main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      // autocannon is one address and one anonymous user: the abuse limits would answer 429 and the
      // figure would measure the limiter, not the answering.
      API_RATE_LIMIT_PER_MINUTE: "0",
      USER_RATE_LIMIT_PER_MINUTE: "0",
      ...env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    rssMb: () => {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
      return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    },
    cpuMs: () => {
      // Fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
      const fields = fs.readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export interface LoadResult {
  /** Requests per second, averaged over the run. */
  rate: number;
  /** Requests answered with a 2xx. */
  total: number;
  /** Latency percentiles of the 2xx answers, ms. */
  p50: number;
  p95: number;
}

/** One autocannon run (32 connections unless told); throws on any non-2xx answer. */
export async function load(options: Options): Promise<LoadResult> {
  const times: number[] = [];
  const instance = autocannon({ connections: 32, ...options });
  instance.on("response", (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) times.push(ms);
  });
  const result = await instance;
  if (result.non2xx > 0) throw new Error(`${result.non2xx} non-2xx answers from ${options.url}`);
  times.sort((a, b) => a - b);
  return { rate: result.requests.average, total: result.requests.total, p50: +percentile(times, 50).toFixed(1), p95: +percentile(times, 95).toFixed(1) };
}

/** Prints figures as an aligned table, under an optional heading. */
export function printFigures(figures: Record<string, string | number>, heading?: string): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  if (heading) console.log(`${heading}\n`);
  for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(width)}  ${value}`);
}

/** Runs one bench part when its file is started on its own (`npx tsx test/bench/<part>.ts`), prints its figures and exits. */
export function runAlone(moduleUrl: string, run: () => Promise<Record<string, string | number>>, heading?: string): void {
  if (!process.argv[1] || fileURLToPath(moduleUrl) !== path.resolve(process.argv[1])) return;
  run()
    .then((figures) => {
      printFigures(figures, heading);
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}

/**
 * `npm run bench`: speed figures (never asserted in tests).
 * - answer latency p50/p95/p99 in process over the evaluation questions;
 * - index build time for the shipped knowledge plus 10,000 generated spreadsheet rows;
 * - /api/chat throughput with autocannon (32 connections) as a ratio to /healthz on the same server;
 * - the same with 500 distinct users on /api/chat and on the Telegram and Zalo webhooks
 *   (`per-user-bench.ts`);
 * - resident memory;
 * - the store and channel figures, when their bench modules are present.
 * Everything runs on 127.0.0.1 and stops by itself.
 */
import fs from "node:fs";
import path from "node:path";
import { createEngine, createKnowledgeBase } from "../../src/compose.js";
import { loadConfig } from "../../src/config.js";
import { EVAL_NOW, loadQuestions } from "../eval/run-eval.js";
import { KNOWLEDGE_DIR, ROOT, TEST_LABOUR_DIR, tempDir } from "../helpers/test-knowledge.js";
import { load, percentile, printFigures, startServer } from "./bench-server.js";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);

function generateRows(dir: string, count: number): void {
  const trades = ["Công nhân may", "Thợ hàn", "Thợ điện", "Công nhân chế biến thủy sản", "Lái xe", "Bán hàng", "Bảo vệ", "Kỹ thuật viên điện lạnh"];
  const communes = ["Xã Trà Cú", "Xã Đại An", "Xã Long Hiệp", "Xã Tập Sơn", "Xã Hàm Giang", "Xã Lưu Nghiệp Anh"];
  const lines = ["Doanh nghiệp,Vị trí,Số lượng,Lương tối thiểu,Lương tối đa,Nơi làm việc,Yêu cầu,Hạn nộp,Liên hệ"];
  for (let i = 0; i < count; i++) {
    const wage = 6 + (i % 7);
    lines.push(
      `Công ty Sinh Số Liệu ${i},${trades[i % trades.length]},${1 + (i % 40)},${wage} triệu,"${wage + 2},5 triệu",${communes[i % communes.length]},"Từ 18 tuổi, dữ liệu sinh tự động",${10 + (i % 18)}/12/2026,Phòng nhân sự (dữ liệu sinh)`,
    );
  }
  fs.writeFileSync(path.join(dir, "viec-lam-sinh-2026-11-15.csv"), `\uFEFF${lines.join("\n")}\n`);
}

async function throughput(url: string, body?: string, bodies?: string[]): Promise<number> {
  const result = await load({
    url,
    duration: DURATION_S,
    method: body || bodies ? "POST" : "GET",
    headers: body || bodies ? { "content-type": "application/json" } : undefined,
    body,
    requests: bodies?.map((b) => ({ method: "POST", body: b, headers: { "content-type": "application/json" } })),
  });
  return result.rate;
}

/**
 * Index build and reload over the shipped knowledge plus 10,000 generated rows. In a function of
 * its own so the two large snapshots are garbage once it returns, before the HTTP phases.
 */
async function measureIndexBuild(dataDir: string, figures: Record<string, string | number>): Promise<void> {
  const labourDir = tempDir("tracu-bench-labour-");
  generateRows(labourDir, 10_000);
  const bigConfig = loadConfig({ DATA_DIR: path.join(dataDir, "big"), KNOWLEDGE_DIR, LOG_LEVEL: "silent" }, ROOT);
  const started = performance.now();
  const { snapshot } = await createKnowledgeBase(bigConfig, { extraLabourDirs: [labourDir] }).load();
  figures["index build, shipped knowledge + 10,000 rows (ms)"] = Math.round(performance.now() - started);
  figures["chunks indexed"] = snapshot.chunks.length;
  const reloadStart = performance.now();
  await createKnowledgeBase(bigConfig, { extraLabourDirs: [labourDir] }).load();
  figures["index reload from data/ (ms)"] = Math.round(performance.now() - reloadStart);
  fs.rmSync(labourDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const figures: Record<string, string | number> = {};
  const dataDir = tempDir("tracu-bench-");

  // --- in-process latency over the evaluation set, first: a server answers from the one
  // knowledge base it loaded, not beside the garbage of a 10,000-row build.
  // Latency is measured without the answer cache: every question goes through retrieval.
  const config = loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR, LOG_LEVEL: "silent", ANSWER_CACHE_SIZE: "0" }, ROOT);
  const knowledge = createKnowledgeBase(config, { extraLabourDirs: [TEST_LABOUR_DIR] });
  await knowledge.load();
  const engine = createEngine(config, knowledge, { now: () => EVAL_NOW });
  const questions = loadQuestions();
  for (const q of questions) await engine.answer({ text: q.text }); // warm-up
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of questions) {
      const t0 = performance.now();
      await engine.answer({ text: q.text, userKey: `bench-${round}-${q.id}` });
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  figures["answers measured"] = times.length;
  figures["answer latency p50 (ms)"] = +percentile(times, 50).toFixed(2);
  figures["answer latency p95 (ms)"] = +percentile(times, 95).toFixed(2);
  figures["answer latency p99 (ms)"] = +percentile(times, 99).toFixed(2);

  // --- index build with 10,000 generated rows
  await measureIndexBuild(dataDir, figures);

  // --- HTTP throughput: the server runs as its own process (as `npm start` does), the load
  // generator here, so the two do not share one event loop.
  const bodies = questions.map((q) => JSON.stringify({ text: q.text }));
  for (const [label, cacheSize] of [["answer cache on", "1000"], ["answer cache off", "0"]] as const) {
    const server = await startServer(path.join(dataDir, `server-${cacheSize}`), { ANSWER_CACHE_SIZE: cacheSize });
    try {
      const health = await throughput(`${server.url}/healthz`);
      const same = await throughput(`${server.url}/api/chat`, JSON.stringify({ text: "học nghề sau lớp 9 có mất học phí không" }));
      const varied = await throughput(`${server.url}/api/chat`, undefined, bodies);
      figures[`/healthz requests/s (${label})`] = Math.round(health);
      figures[`/api/chat same question requests/s (${label})`] = Math.round(same);
      figures[`/api/chat ÷ /healthz, same question (${label})`] = +(same / health).toFixed(3);
      figures[`/api/chat ÷ /healthz, ${questions.length} varied questions (${label})`] = +(varied / health).toFixed(3);
      figures[`server resident memory after load (MB, ${label})`] = server.rssMb();
    } finally {
      await server.stop();
    }
  }

  // --- store and channel figures, when those parts are present
  for (const [file, fn] of [
    ["./per-user-bench.js", "runPerUserBench"],
    ["./stats-bench.js", "runStatsBench"],
    ["./channel-bench.js", "runChannelBench"],
    ["./outreach-bench.js", "runOutreachBench"],
  ] as const) {
    const source = path.join(path.dirname(new URL(import.meta.url).pathname), file.replace(/\.js$/, ".ts"));
    if (!fs.existsSync(source)) continue;
    try {
      const mod = (await import(file)) as Record<string, () => Promise<Record<string, string | number>>>;
      Object.assign(figures, await mod[fn]!());
    } catch (error) {
      figures[`${fn} failed`] = (error as Error).message;
    }
  }

  fs.rmSync(dataDir, { recursive: true, force: true });
  printFigures(figures, "Benchmark (targets: p95 < 10 ms; chat ≥ 0.5 × healthz; 10,000 rows < 10 s; RSS < 300 MB; 500 users: chat ≥ 0.5 × healthz, p95 ≤ 20 ms)");
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * Builds the real knowledge base (shipped `knowledge/` plus the test spreadsheets) in a temporary
 * data folder, and the engine on top of it. Tests use real indexes, never stand-ins.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createEngine, createKnowledgeBase } from "../../src/compose.js";
import { loadConfig, type Config } from "../../src/config.js";
import type { AnswerEngine } from "../../src/answering/answer-engine.js";
import type { KnowledgeBase } from "../../src/knowledge/knowledge-base.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const KNOWLEDGE_DIR = path.join(ROOT, "knowledge");
export const TEST_LABOUR_DIR = path.join(ROOT, "test/fixtures/labour");
/** Fixed clock a few days after the test spreadsheets' date. */
export const TEST_NOW = new Date("2026-11-20T09:00:00Z");

export function tempDir(prefix = "tracu-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestKnowledge {
  config: Config;
  knowledge: KnowledgeBase;
  engine: AnswerEngine;
  dataDir: string;
  cleanup: () => void;
}

export async function buildTestKnowledge(env: Record<string, string> = {}, options: { labour?: boolean; extraLabourDirs?: string[] } = {}): Promise<TestKnowledge> {
  const dataDir = tempDir();
  const config = loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR, LOG_LEVEL: "silent", ...env }, ROOT);
  const labourDirs = [...(options.labour === false ? [] : [TEST_LABOUR_DIR]), ...(options.extraLabourDirs ?? [])];
  const knowledge = createKnowledgeBase(config, { extraLabourDirs: labourDirs });
  await knowledge.load();
  const engine = createEngine(config, knowledge, { now: () => TEST_NOW });
  return { config, knowledge, engine, dataDir, cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

/** Rows of the three Labour Office sheets, as CSV lines without their header. */
export interface SheetRows {
  jobs?: string[];
  courses?: string[];
  demand?: string[];
}

/**
 * Writes a test's own sheets (header rows as in the fixtures) into a new temporary folder, named
 * as an office names them (`viec-lam-2026-11-19.csv`, …), and returns the folder.
 */
export function writeLabourSheets(rows: SheetRows, prefix = "tracu-sheets-"): string {
  const dir = tempDir(prefix);
  const header = (file: string) => fs.readFileSync(path.join(TEST_LABOUR_DIR, file), "utf8").split(/\r?\n/)[0]!;
  const sheets: [keyof SheetRows, string, string][] = [
    ["jobs", "viec-lam-2026-11-15.csv", "viec-lam-2026-11-19.csv"],
    ["courses", "khoa-dao-tao-2026-11-15.csv", "khoa-dao-tao-2026-11-19.csv"],
    ["demand", "nhu-cau-lao-dong-2026.csv", "nhu-cau-lao-dong-2027.csv"],
  ];
  for (const [kind, fixture, name] of sheets) {
    const lines = rows[kind];
    if (lines) fs.writeFileSync(path.join(dir, name), `${header(fixture)}\n${lines.join("\n")}\n`);
  }
  return dir;
}

/**
 * The real knowledge base with a test's own sheets alone (no fixture sheets), as an office loads its
 * current sheets; `cleanup` removes the sheets too.
 */
export async function buildKnowledgeWithSheets(rows: SheetRows, prefix?: string, env: Record<string, string> = {}): Promise<TestKnowledge> {
  const sheetDir = writeLabourSheets(rows, prefix);
  const t = await buildTestKnowledge(env, { labour: false, extraLabourDirs: [sheetDir] });
  return {
    ...t,
    cleanup: () => {
      t.cleanup();
      fs.rmSync(sheetDir, { recursive: true, force: true });
    },
  };
}


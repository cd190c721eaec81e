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

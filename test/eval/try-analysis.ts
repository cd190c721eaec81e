import os from "node:os"; import fs from "node:fs"; import path from "node:path";
import { createKnowledgeBase } from "../../src/compose.js";
import { loadConfig } from "../../src/config.js";
import { analyzeQuestion, renderAnalysis } from "../../src/answering/question-analysis.js";
import { crossValidateQuestionModels } from "../../src/knowledge/question-bank.js";
const root = path.resolve(import.meta.dirname, "../..");
const config = loadConfig({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "x-")), KNOWLEDGE_DIR: path.join(root, "knowledge"), LOG_LEVEL: "silent" }, root);
const kb = createKnowledgeBase(config, { extraLabourDirs: [path.join(root, "test/fixtures/labour")], persist: false });
const { snapshot } = await kb.load();
console.log(crossValidateQuestionModels(snapshot.questionBank, snapshot.lexicon));
for (const t of process.argv.slice(2)) { const a = analyzeQuestion(t, snapshot); console.log("##", t, a.actConfidence.toFixed(2), a.wantedConfidence.toFixed(2), a.topicConfidence.toFixed(2)); console.log(renderAnalysis(a)); }

/**
 * Command line: `ask`, `ingest`, `template`. Each reuses the builders of `compose.ts`.
 *
 *   npm run ask -- "học nghề ở đâu?" [--json]
 *   npm run ingest [-- --strict]     (--strict: also run the knowledge lint; exit 1 on any problem)
 *   npm run template [-- <folder>]
 */
import path from "node:path";
import { SingleBar, Presets } from "cli-progress";
import { createEngine, createKnowledgeBase } from "./compose.js";
import { loadConfig, readDotEnv, withDotEnv } from "./config.js";
import { AppError } from "./errors.js";
import { lintKnowledge } from "./knowledge/knowledge-lint.js";
import { writeLabourTemplates } from "./knowledge/labour/templates.js";
import type { ValidationIssue } from "./knowledge/types.js";

async function ask(args: string[]): Promise<number> {
  const json = args.includes("--json");
  const text = args.filter((a) => a !== "--json").join(" ");
  if (!text.trim()) {
    console.error('Usage: npm run ask -- "câu hỏi" [--json]');
    return 2;
  }
  const config = loadConfig(withDotEnv(process.env, readDotEnv()));
  const knowledge = createKnowledgeBase(config);
  await knowledge.load();
  const engine = createEngine(config, knowledge);
  const answer = await engine.answer({ text });
  if (json) {
    const { answer: body, answered, topic, sources, suggestions } = answer;
    console.log(JSON.stringify({ answer: body, answered, topic, sources, ...(suggestions ? { suggestions } : {}) }, null, 2));
  } else {
    console.log(answer.answer);
    if (answer.suggestions?.length) console.log(`\nGợi ý: ${answer.suggestions.join(" | ")}`);
  }
  return 0;
}

async function ingest(args: string[]): Promise<number> {
  const strict = args.includes("--strict");
  const config = loadConfig(withDotEnv(process.env, readDotEnv()));
  let bar: SingleBar | undefined;
  const knowledge = createKnowledgeBase(config, {
    onProgress: (done, total) => {
      // Only large inputs get a progress bar; small ones finish before it would be seen.
      if (total < 5_000 || !process.stderr.isTTY) return;
      if (!bar) {
        bar = new SingleBar({ format: "Reading spreadsheets [{bar}] {value}/{total} rows", stream: process.stderr }, Presets.shades_classic);
        bar.start(total, 0);
      }
      bar.setTotal(total);
      bar.update(done);
    },
  });
  const started = performance.now();
  const snapshot = await knowledge.reindex();
  bar?.stop();
  const ms = Math.round(performance.now() - started);
  const labour = snapshot.labour;
  console.log(`Index built in ${ms} ms: ${snapshot.chunks.length} chunks from ${config.knowledgeDir}`);
  console.log(
    `Labour Office data: ${labour.files.length} files, ${labour.jobs.length} job openings, ${labour.courses.length} courses, ${labour.demand.length} demand rows`,
  );
  for (const file of labour.files) console.log(`  ${file.file}: ${file.kind}, ${file.rowCount} rows, data date ${file.asOf}${file.example ? " (example data)" : ""}`);
  if (!strict) {
    printIssues(snapshot.issues);
    return 0;
  }
  // --strict adds the knowledge lint (sources, dates, expiry, user-text voice) and fails on any problem.
  const lint = lintKnowledge(config.knowledgeDir, new Date());
  const seen = new Set(lint.map(issueKey));
  const issues = [...lint, ...snapshot.issues.filter((i) => !seen.has(issueKey(i)))];
  printIssues(issues);
  return issues.length > 0 ? 1 : 0;
}

function issueKey(issue: ValidationIssue): string {
  return `${issue.file}|${issue.row ?? ""}|${issue.column ?? ""}|${issue.message}`;
}

function printIssues(issues: ValidationIssue[]): void {
  if (!issues.length) {
    console.log("No problems found.");
    return;
  }
  const errors = issues.filter((i) => i.severity === "error").length;
  console.log(`${errors} errors, ${issues.length - errors} warnings:`);
  for (const issue of issues) {
    const where = [issue.file, issue.row ? `row ${issue.row}` : "", issue.column ? `column "${issue.column}"` : ""].filter(Boolean).join(", ");
    console.log(`  ${issue.severity.toUpperCase()} ${where}: ${issue.message}`);
  }
}

async function template(args: string[]): Promise<number> {
  const config = loadConfig(withDotEnv(process.env, readDotEnv()));
  const outDir = path.resolve(args[0] ?? path.join(config.dataDir, "templates"));
  const written = await writeLabourTemplates(outDir);
  for (const file of written) console.log(`Wrote ${file}`);
  return 0;
}

const commands: Record<string, (args: string[]) => Promise<number>> = { ask, ingest, template };

const [command, ...rest] = process.argv.slice(2);
const run = command ? commands[command] : undefined;
if (!run) {
  console.error(`Usage: tsx src/cli.ts <${Object.keys(commands).join("|")}> …`);
  process.exit(2);
}
run(rest)
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof AppError ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error));
    process.exit(1);
  });

/**
 * Command line: `ask`, `ingest`, `template`, `staff`. Each reuses the builders of `compose.ts`.
 *
 *   npm run ask -- "học nghề ở đâu?" [--json]
 *   npm run ingest [-- --strict]     (--strict: also run the knowledge lint; exit 1 on any problem)
 *   npm run template [-- <folder>]
 *   npm run staff -- add <name> <thong-ke|du-lieu|quan-tri> | remove <name> | list | password <name> | role <name> <role>
 *     (the password is asked for, or read from the first line of standard input)
 */
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { SingleBar, Presets } from "cli-progress";
import { createEngine, createKnowledgeBase } from "./compose.js";
import { loadConfig, readDotEnv, withDotEnv } from "./config.js";
import { AppError } from "./errors.js";
import { lintKnowledge } from "./knowledge/knowledge-lint.js";
import { writeLabourTemplates } from "./knowledge/labour/templates.js";
import type { ValidationIssue } from "./knowledge/types.js";
import { PublishedLabourSync } from "./labour-data/published-labour-sync.js";
import { addStaffAccount, removeStaffAccount, setStaffPassword, setStaffRole, type AccountChange } from "./staff/staff-accounts.js";
import { createStore } from "./store/create-store.js";
import { createLabourDatasetStore } from "./store/labour-dataset-store.js";
import { createStaffStore } from "./store/staff-store.js";

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
  // What the Labour Office published from the dashboard is indexed too (the server does the same).
  const store = createStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const published = new PublishedLabourSync(createLabourDatasetStore({ db: store.db, kind: store.kind }));
  try {
    await store.migrate();
    await published.poll();
  } catch (error) {
    // The folder alone can still be checked; the server indexes the published data when it starts.
    console.warn(`Warning: the published Labour Office data could not be read from the database (${(error as Error).message}); checking knowledge/ only`);
  } finally {
    await store.close();
  }
  const knowledge = createKnowledgeBase(config, {
    published: published.current,
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
  const live = published.current();
  console.log(live ? `Published from the dashboard: version ${live.version} (its kinds of table win over folder files of the same kind)` : "Published from the dashboard: nothing");
  console.log(
    `Labour Office data: ${labour.files.length} files, ${labour.jobs.length} job openings, ${labour.courses.length} courses, ${labour.demand.length} demand rows`,
  );
  for (const file of labour.files) {
    const origin = file.published ? ` (published, version ${file.published.version}, by ${file.published.by})` : file.example ? " (example data)" : "";
    console.log(`  ${file.file}: ${file.kind}, ${file.rowCount} rows, data date ${file.asOf}${origin}`);
  }
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

const STAFF_USAGE =
  "Usage: npm run staff -- add <name> <thong-ke|du-lieu|quan-tri> | remove <name> | list | password <name> | role <name> <role>\n" +
  "The password is asked for (or read from the first line of standard input). DASHBOARD_USER stays the first admin.";

async function staffCommand(args: string[]): Promise<number> {
  const [action, name, role] = args;
  if (!action || !["add", "remove", "list", "password", "role"].includes(action) || (action !== "list" && !name)) {
    console.error(STAFF_USAGE);
    return 2;
  }
  const config = loadConfig();
  const store = createStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await store.migrate();
    const staff = createStaffStore({ db: store.db });
    const actor = `cli:${os.userInfo().username}`;
    let result: AccountChange;
    switch (action) {
      case "list": {
        if (config.dashboard) console.log(`${config.dashboard.user}\tquan-tri\t(first admin: DASHBOARD_USER)`);
        for (const account of await staff.listAccounts()) console.log(`${account.username}\t${account.role}\tupdated ${account.updatedAt.toISOString()}`);
        return 0;
      }
      case "add":
        if (!role) {
          console.error(STAFF_USAGE);
          return 2;
        }
        result = await addStaffAccount(staff, actor, { username: name!, role, password: await readPassword() }, { reserved: config.dashboard?.user });
        break;
      case "password":
        result = await setStaffPassword(staff, actor, name!, await readPassword());
        break;
      case "role":
        result = await setStaffRole(staff, actor, name!, role ?? "");
        break;
      default:
        result = await removeStaffAccount(staff, actor, name!);
    }
    if (!result.ok) {
      console.error(`${action} ${name}: ${result.message}`);
      return 1;
    }
    console.log(`${action} ${name}: done`);
    return 0;
  } finally {
    await store.close();
  }
}

/** A password from the terminal (not echoed), or the first line of piped input. */
async function readPassword(): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  try {
    if (!process.stdin.isTTY) {
      for await (const line of rl) return line;
      return "";
    }
    process.stdout.write("Password (at least 10 characters): ");
    // Mute the echo: readline writes what is typed through _writeToOutput.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
    const answer = await new Promise<string>((resolve) => rl.question("", resolve));
    process.stdout.write("\n");
    return answer;
  } finally {
    rl.close();
  }
}

const commands: Record<string, (args: string[]) => Promise<number>> = { ask, ingest, template, staff: staffCommand };

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

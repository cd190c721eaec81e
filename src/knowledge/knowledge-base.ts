/**
 * The knowledge base: loads the sources, builds the keyword and vector indexes, persists them
 * under `DATA_DIR/index` with a manifest of source hashes, and swaps in a rebuilt snapshot without
 * interrupting answers.
 *
 * ```ts
 * const kb = new KnowledgeBase({ knowledgeDir, dataDir, loadExamples: false, embeddings: createLocalEmbeddings });
 * await kb.load();           // reuses data/index when the sources did not change
 * const snapshot = kb.current();
 * ```
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { KnowledgeError, AppError } from "../errors.js";
import type { EmbeddingModel } from "../providers/provider.js";
import { analyze } from "./analyzer.js";
import { loadTextKnowledge } from "./documents.js";
import { KeywordIndex } from "./keyword-index.js";
import { annotateOldCommunes } from "./labour/commune-names.js";
import { loadLabourFolder } from "./labour/labour-loader.js";
import { labourChunks } from "./labour-chunks.js";
import { loadLexicon, type Lexicon } from "./lexicon.js";
import { loadQuestionBank, trainQuestionModels, type BankExample, type QuestionModels } from "./question-bank.js";
import type { Chunk, LabourData, ValidationIssue } from "./types.js";
import { VectorIndex } from "./vector-index.js";

/** Bump when the chunk format or the analyzer changes, so old indexes are rebuilt. */
const INDEX_VERSION = 6;
const SOURCE_EXTENSIONS = new Set([".md", ".yaml", ".yml", ".csv", ".xlsx"]);

export interface Manifest {
  version: number;
  /** Hash over every source file's path and content, plus the settings that shape the index. */
  sourceHash: string;
  embeddingsId: string;
  dimensions: number;
  loadExamples: boolean;
  builtAt: string;
  chunkCount: number;
  files: { path: string; sha256: string }[];
}

/** Everything needed to answer, immutable once built. */
export interface KnowledgeSnapshot {
  chunks: Chunk[];
  keyword: KeywordIndex;
  vectors: VectorIndex;
  embeddings: EmbeddingModel;
  lexicon: Lexicon;
  labour: LabourData;
  manifest: Manifest;
  /** Problems found in the sources when the index was built. */
  issues: ValidationIssue[];
  /** Index terms of each chunk, as a set (for coverage checks). */
  chunkTerms: Set<string>[];
  /** Sentences of a chunk with their terms, filled on first use. */
  sentenceCache: Map<number, { text: string; terms: Set<string> }[]>;
  /** The question bank (`knowledge/question-bank/`), staff-approved examples included. */
  questionBank: BankExample[];
  /** Act, wanted-value and topic classifiers trained from the bank when the snapshot was built. */
  questionModels: QuestionModels;
}

/**
 * Labour Office tables published from the dashboard (kept in the database; see
 * `store/labour-dataset-store.ts`). Each table kind it holds replaces the folder's files of that
 * kind; kinds it lacks still come from `knowledge/labour/`.
 */
export interface PublishedLabour {
  version: number;
  data: LabourData;
}

export interface KnowledgeBaseSettings {
  knowledgeDir: string;
  /** The index goes to `<dataDir>/index`. */
  dataDir: string;
  loadExamples: boolean;
  /** Extra labour folders (tests and the evaluation add their spreadsheet set this way). */
  extraLabourDirs?: string[];
  /** Builds the embedding model; the local one needs the lexicon for its features. */
  embeddings: (lexicon: Lexicon) => EmbeddingModel;
  /** Persist the index under dataDir (default true). */
  persist?: boolean;
  /** Called with rows read so far while spreadsheets load. */
  onProgress?: (done: number, total: number) => void;
  /** The published dataset to index, when there is one (read on every build and staleness check). */
  published?: () => PublishedLabour | undefined;
}

export class KnowledgeBase {
  private snapshot: KnowledgeSnapshot | undefined;
  private rebuilding: Promise<KnowledgeSnapshot> | undefined;

  constructor(private readonly settings: KnowledgeBaseSettings) {}

  get indexDir(): string {
    return path.join(this.settings.dataDir, "index");
  }

  /** The snapshot in use; throws `index_not_ready` before `load()` finished. */
  current(): KnowledgeSnapshot {
    if (!this.snapshot) throw new AppError("index_not_ready", "The knowledge index is not loaded yet");
    return this.snapshot;
  }

  get ready(): boolean {
    return this.snapshot !== undefined;
  }

  /** Loads the persisted index when its manifest matches the sources, else builds it. */
  async load(): Promise<{ snapshot: KnowledgeSnapshot; rebuilt: boolean }> {
    const files = this.hashSources();
    const lexicon = loadLexicon(this.settings.knowledgeDir);
    const embeddings = this.settings.embeddings(lexicon);
    const sourceHash = this.sourceHash(files, embeddings.id);
    if (this.settings.persist !== false) {
      const loaded = this.tryLoadPersisted(sourceHash, lexicon, embeddings);
      if (loaded) {
        this.snapshot = loaded;
        return { snapshot: loaded, rebuilt: false };
      }
    }
    const built = await this.build(files, lexicon, embeddings, sourceHash);
    this.snapshot = built;
    return { snapshot: built, rebuilt: true };
  }

  /**
   * Rebuilds from the sources while the current snapshot keeps answering, then swaps. Concurrent
   * calls share one rebuild.
   */
  async reindex(): Promise<KnowledgeSnapshot> {
    if (this.rebuilding) return this.rebuilding;
    this.rebuilding = (async () => {
      const files = this.hashSources();
      const lexicon = loadLexicon(this.settings.knowledgeDir);
      const embeddings = this.settings.embeddings(lexicon);
      const built = await this.build(files, lexicon, embeddings, this.sourceHash(files, embeddings.id));
      this.snapshot = built;
      return built;
    })();
    try {
      return await this.rebuilding;
    } finally {
      this.rebuilding = undefined;
    }
  }

  /**
   * Swaps in a fresh snapshot when the sources changed: the one `npm run ingest` persisted if it
   * matches, otherwise a rebuild. Returns true when it swapped.
   */
  async refreshIfStale(): Promise<boolean> {
    if (this.rebuilding || !this.isStale()) return false;
    const refresh = this.load().then((r) => r.snapshot);
    this.rebuilding = refresh;
    try {
      await refresh;
      return true;
    } finally {
      this.rebuilding = undefined;
    }
  }

  /** True when the sources changed since the snapshot in use was built. */
  isStale(): boolean {
    if (!this.snapshot) return true;
    return this.sourceHash(this.hashSources(), this.snapshot.embeddings.id) !== this.snapshot.manifest.sourceHash;
  }

  // === building ===

  private async build(
    files: Manifest["files"],
    lexicon: Lexicon,
    embeddings: EmbeddingModel,
    sourceHash: string,
  ): Promise<KnowledgeSnapshot> {
    const { knowledgeDir } = this.settings;
    const text = loadTextKnowledge(knowledgeDir);
    const issues: ValidationIssue[] = [...text.issues];
    const labour: LabourData = { files: [], jobs: [], courses: [], demand: [] };
    const labourDirs = [path.join(knowledgeDir, "labour"), ...(this.settings.extraLabourDirs ?? [])];
    for (const dir of labourDirs) {
      const loaded = await loadLabourFolder(dir, {
        includeExamples: this.settings.loadExamples,
        onProgress: this.settings.onProgress,
      });
      labour.files.push(...loaded.data.files);
      labour.jobs.push(...loaded.data.jobs);
      labour.courses.push(...loaded.data.courses);
      labour.demand.push(...loaded.data.demand);
      issues.push(...loaded.issues);
    }
    const published = this.settings.published?.();
    if (published) {
      // What the office published from the browser is newer than a copied file: its kinds win.
      const kinds = new Set(published.data.files.map((f) => f.kind));
      const setAside = new Set(labour.files.filter((f) => kinds.has(f.kind)).map((f) => f.file));
      for (const file of setAside) {
        issues.push({
          severity: "warning",
          file: `labour/${file}`,
          message: `file is set aside: the Labour Office published this kind of table from the dashboard (version ${published.version}), which is used instead`,
        });
      }
      const kept = <T extends { file: string }>(rows: T[]) => rows.filter((r) => !setAside.has(r.file));
      // A copy: the rows are annotated below and the source must stay as published.
      const own = structuredClone(published.data);
      labour.files = [...labour.files.filter((f) => !setAside.has(f.file)), ...own.files];
      labour.jobs = [...kept(labour.jobs), ...own.jobs];
      labour.courses = [...kept(labour.courses), ...own.courses];
      labour.demand = [...kept(labour.demand), ...own.demand];
    }
    annotateOldCommunes(labour, lexicon);
    const chunks = [...text.chunks, ...labourChunks(labour)];
    if (text.chunks.length === 0) {
      throw new KnowledgeError(
        "knowledge_missing",
        `No knowledge documents found in ${knowledgeDir}: add Markdown documents or FAQ files (see knowledge/README.md)`,
        knowledgeDir,
      );
    }
    const vectorsList = await embedInBatches(embeddings, chunks.map(indexText));
    const dimensions = vectorsList[0]?.length ?? 1;
    const vectors = VectorIndex.build(vectorsList, dimensions);
    const manifest: Manifest = {
      version: INDEX_VERSION,
      sourceHash,
      embeddingsId: embeddings.id,
      dimensions,
      loadExamples: this.settings.loadExamples,
      builtAt: new Date().toISOString(),
      chunkCount: chunks.length,
      files,
    };
    const bank = loadQuestionBank(knowledgeDir);
    issues.push(...bank.issues);
    const snapshot = assembleSnapshot({ chunks, vectors, embeddings, lexicon, labour, manifest, issues, questionBank: bank.examples });
    if (this.settings.persist !== false) this.persist(snapshot);
    return snapshot;
  }

  private persist(snapshot: KnowledgeSnapshot): void {
    fs.mkdirSync(this.settings.dataDir, { recursive: true });
    // Write beside the live index, then swap by rename, so a crash never leaves half an index.
    const tmp = `${this.indexDir}.tmp-${process.pid}-${Date.now()}`;
    fs.mkdirSync(tmp, { recursive: true });
    snapshot.vectors.save(path.join(tmp, "vectors.hnsw"));
    fs.writeFileSync(path.join(tmp, "chunks.json"), JSON.stringify(snapshot.chunks));
    fs.writeFileSync(path.join(tmp, "labour.json"), JSON.stringify({ labour: snapshot.labour, issues: snapshot.issues }));
    // The manifest is written last: an index without one is never loaded.
    fs.writeFileSync(path.join(tmp, "manifest.json"), JSON.stringify(snapshot.manifest, null, 2));
    const old = `${this.indexDir}.old-${process.pid}-${Date.now()}`;
    if (fs.existsSync(this.indexDir)) fs.renameSync(this.indexDir, old);
    fs.renameSync(tmp, this.indexDir);
    fs.rmSync(old, { recursive: true, force: true });
  }

  private tryLoadPersisted(sourceHash: string, lexicon: Lexicon, embeddings: EmbeddingModel): KnowledgeSnapshot | undefined {
    try {
      const manifestFile = path.join(this.indexDir, "manifest.json");
      if (!fs.existsSync(manifestFile)) return undefined;
      const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Manifest;
      if (manifest.version !== INDEX_VERSION || manifest.sourceHash !== sourceHash) return undefined;
      const chunks = JSON.parse(fs.readFileSync(path.join(this.indexDir, "chunks.json"), "utf8")) as Chunk[];
      const { labour, issues } = JSON.parse(fs.readFileSync(path.join(this.indexDir, "labour.json"), "utf8")) as {
        labour: LabourData;
        issues: ValidationIssue[];
      };
      const vectors = VectorIndex.load(path.join(this.indexDir, "vectors.hnsw"), manifest.dimensions, chunks.length);
      // The bank is part of the source hash: unchanged here, so read it again rather than persist it.
      const questionBank = loadQuestionBank(this.settings.knowledgeDir).examples;
      return assembleSnapshot({ chunks, vectors, embeddings, lexicon, labour, manifest, issues, questionBank });
    } catch {
      // A damaged index is rebuilt rather than trusted.
      return undefined;
    }
  }

  // === source hashing ===

  private hashSources(): Manifest["files"] {
    const { knowledgeDir } = this.settings;
    if (!fs.existsSync(knowledgeDir) || !fs.statSync(knowledgeDir).isDirectory()) {
      throw new KnowledgeError(
        "knowledge_missing",
        `Knowledge folder not found: ${knowledgeDir} (set KNOWLEDGE_DIR or restore the knowledge/ folder)`,
        knowledgeDir,
      );
    }
    const roots = [knowledgeDir, ...(this.settings.extraLabourDirs ?? [])];
    const files: Manifest["files"] = [];
    for (const root of roots) {
      if (!fs.existsSync(root)) continue;
      for (const file of walk(root)) {
        if (!SOURCE_EXTENSIONS.has(path.extname(file).toLowerCase())) continue;
        const sha256 = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
        files.push({ path: path.relative(knowledgeDir, file), sha256 });
      }
    }
    if (files.length === 0) {
      throw new KnowledgeError("knowledge_missing", `Knowledge folder is empty: ${knowledgeDir}`, knowledgeDir);
    }
    return files;
  }

  private sourceHash(files: Manifest["files"], embeddingsId: string): string {
    const hash = crypto.createHash("sha256");
    hash.update(`v${INDEX_VERSION}|${embeddingsId}|examples=${this.settings.loadExamples}|published=${this.settings.published?.()?.version ?? "none"}\n`);
    for (const f of files) hash.update(`${f.path}\0${f.sha256}\n`);
    return hash.digest("hex");
  }
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".") || entry.name.startsWith("~$")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Completes a snapshot with what is derived from its chunks (keyword index, term sets). */
function assembleSnapshot(
  parts: Omit<KnowledgeSnapshot, "keyword" | "chunkTerms" | "sentenceCache" | "questionModels">,
): KnowledgeSnapshot {
  const terms = parts.chunks.map((chunk) => indexTerms(chunk, parts.lexicon));
  return {
    ...parts,
    keyword: new KeywordIndex(terms),
    chunkTerms: terms.map((t) => new Set(t)),
    sentenceCache: new Map(),
    // A few hundred examples train in milliseconds: always from the bank as it is now.
    questionModels: trainQuestionModels(parts.questionBank, parts.lexicon),
  };
}

/** The text a chunk is found by: its heading trail, FAQ question variants and body. */
export function indexText(chunk: Chunk): string {
  return [...chunk.trail, ...(chunk.faqQuestions ?? []), chunk.text].join("\n");
}

function indexTerms(chunk: Chunk, lexicon: Lexicon): string[] {
  const body = analyze([...chunk.trail, chunk.text].join("\n"), lexicon).terms;
  // FAQ variants are written the way users type, teencode included: analyse them as queries.
  const variants = (chunk.faqQuestions ?? []).flatMap((q) => analyze(q, lexicon, { query: true }).terms);
  return [...variants, ...body];
}

async function embedInBatches(embeddings: EmbeddingModel, texts: string[]): Promise<number[][]> {
  const out: number[][] = [];
  const batch = 256;
  for (let i = 0; i < texts.length; i += batch) out.push(...(await embeddings.embedDocuments(texts.slice(i, i + batch))));
  return out;
}

import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createKnowledgeBase } from "../../src/compose.js";
import { loadConfig } from "../../src/config.js";
import { KnowledgeError } from "../../src/errors.js";
import { retrieve } from "../../src/knowledge/retriever.js";
import { KNOWLEDGE_DIR, ROOT, tempDir } from "../helpers/test-knowledge.js";

const dirs: string[] = [];
function scratch(): string {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A small knowledge folder: one document and the word lists, copied from the shipped ones. */
function smallKnowledge(): string {
  const dir = scratch();
  fs.mkdirSync(path.join(dir, "policy"), { recursive: true });
  fs.copyFileSync(path.join(KNOWLEDGE_DIR, "policy/luong-va-thu-nhap.md"), path.join(dir, "policy/luong-va-thu-nhap.md"));
  fs.copyFileSync(path.join(KNOWLEDGE_DIR, "synonyms.yaml"), path.join(dir, "synonyms.yaml"));
  return dir;
}

function kbFor(knowledgeDir: string, dataDir: string) {
  return createKnowledgeBase(loadConfig({ KNOWLEDGE_DIR: knowledgeDir, DATA_DIR: dataDir }, ROOT));
}

describe("knowledge index persistence", () => {
  it("should build the index on first start, then reuse it while the sources are unchanged", async () => {
    const knowledge = smallKnowledge();
    const data = scratch();
    const first = await kbFor(knowledge, data).load();
    expect(first.rebuilt).toBe(true);
    expect(fs.existsSync(path.join(data, "index/manifest.json"))).toBe(true);
    const second = await kbFor(knowledge, data).load();
    expect(second.rebuilt).toBe(false);
    expect(second.snapshot.chunks.length).toBe(first.snapshot.chunks.length);
    // The reloaded vectors answer like the built ones.
    const q = "luong toi thieu vung 4 bao nhieu";
    const a = (await retrieve(first.snapshot, q)).hits.map((h) => h.chunk.id);
    const b = (await retrieve(second.snapshot, q)).hits.map((h) => h.chunk.id);
    expect(b).toEqual(a);
  });

  it("should rebuild when a knowledge file changes", async () => {
    const knowledge = smallKnowledge();
    const data = scratch();
    await kbFor(knowledge, data).load();
    const file = path.join(knowledge, "policy/luong-va-thu-nhap.md");
    fs.appendFileSync(file, "\n## Mục mới\n\nĐây là một đoạn mới về lương thợ may ở xã Tập Sơn.\n");
    const kb = kbFor(knowledge, data);
    const again = await kb.load();
    expect(again.rebuilt).toBe(true);
    expect(again.snapshot.chunks.some((c) => c.text.includes("lương thợ may ở xã Tập Sơn"))).toBe(true);
    expect(kb.isStale()).toBe(false);
    fs.appendFileSync(file, "\nThêm một câu.\n");
    expect(kb.isStale()).toBe(true);
  });

  it("should rebuild rather than trust a damaged index", async () => {
    const knowledge = smallKnowledge();
    const data = scratch();
    await kbFor(knowledge, data).load();
    fs.writeFileSync(path.join(data, "index/chunks.json"), "{not json");
    const again = await kbFor(knowledge, data).load();
    expect(again.rebuilt).toBe(true);
  });

  it("should fail clearly when the knowledge folder is missing or empty", async () => {
    const data = scratch();
    await expect(kbFor(path.join(data, "does-not-exist"), data).load()).rejects.toThrow(/Knowledge folder not found/);
    const empty = scratch();
    await expect(kbFor(empty, data).load()).rejects.toBeInstanceOf(KnowledgeError);
    await expect(kbFor(empty, data).load()).rejects.toThrow(/empty/);
  });

  it("should report a document with bad front matter and keep the others", async () => {
    const knowledge = smallKnowledge();
    fs.writeFileSync(path.join(knowledge, "policy/hong.md"), "---\ntitle: Thiếu id\n---\nNội dung.\n");
    const { snapshot } = await kbFor(knowledge, scratch()).load();
    const issue = snapshot.issues.find((i) => i.file.endsWith("hong.md"));
    expect(issue?.severity).toBe("error");
    expect(issue?.message).toMatch(/id/);
    expect(snapshot.chunks.some((c) => c.docId === "policy-wages")).toBe(true);
  });

  it("should carry section paths, trails and dates on the plan's chunks", async () => {
    const { snapshot } = await kbFor(KNOWLEDGE_DIR, scratch()).load();
    const chunk = snapshot.chunks.find((c) => c.docId === "plan-4993-2023" && c.ref === "IV.2.b");
    expect(chunk).toBeDefined();
    expect(chunk!.trail[0]).toMatch(/^IV\./);
    expect(chunk!.asOf).toBe("2023-11-21");
    expect(chunk!.status).toBe("historical");
  });
});

describe("settings", () => {
  it("should name the variable that is wrong", () => {
    expect(() => loadConfig({ PORT: "abc" })).toThrow(/PORT/);
    expect(() => loadConfig({ LLM_BASE_URL: "http://127.0.0.1:1/v1" })).toThrow(/LLM_MODEL/);
    expect(() => loadConfig({ LLM_BASE_URL: "not a url", LLM_MODEL: "m" })).toThrow(/LLM_BASE_URL/);
  });

  it("should default to offline answers, port 3000 and ./data", () => {
    const config = loadConfig({}, "/srv/bot");
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe("/srv/bot/data");
    expect(config.knowledgeDir).toBe("/srv/bot/knowledge");
    expect(config.llm).toBeUndefined();
    expect(config.embeddings).toBeUndefined();
  });
});

describe("knowledge refresh while serving", () => {
  it("should swap in the index that npm run ingest built, without rebuilding", async () => {
    const knowledge = smallKnowledge();
    const data = scratch();
    const serving = kbFor(knowledge, data);
    await serving.load();
    const before = serving.current();
    expect(await serving.refreshIfStale()).toBe(false);
    fs.appendFileSync(path.join(knowledge, "policy/luong-va-thu-nhap.md"), "\n## Ghi chú\n\nLương thợ điện lạnh ở xã Hàm Giang tùy doanh nghiệp.\n");
    // Another process (npm run ingest) rebuilds and persists the index first.
    await kbFor(knowledge, data).reindex();
    expect(await serving.refreshIfStale()).toBe(true);
    const after = serving.current();
    expect(after).not.toBe(before);
    expect(after.manifest.builtAt).toBe(JSON.parse(fs.readFileSync(path.join(data, "index/manifest.json"), "utf8")).builtAt);
    expect(after.chunks.some((c) => c.text.includes("xã Hàm Giang tùy doanh nghiệp"))).toBe(true);
  });
});

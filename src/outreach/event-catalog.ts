/**
 * All events the bot knows, from two places merged: `knowledge/events/*.yaml`, which staff edit
 * (see knowledge/events/README.md), and the events added in the dashboard (stored in the
 * database). The invented example in `knowledge/events/examples/` is read only with
 * LOAD_EXAMPLES=true and is marked as example data. The files are re-read when they change
 * (checked at most every few seconds), so no restart is needed.
 *
 * ```ts
 * const catalog = new EventCatalog({ knowledgeDir, loadExamples: false, store, communes });
 * const engine = createEngine(config, knowledge, { events: catalog });
 * ```
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { isUpcoming, type EventInfo, type EventSource } from "../answering/event-answerer.js";
import type { Commune } from "../knowledge/lexicon.js";
import { foldedKey } from "../knowledge/vietnamese.js";
import type { OutreachStore, StoredEvent } from "../store/outreach-store.js";

/** An event with where it was entered. */
export interface CatalogEvent extends EventInfo {
  source: "file" | "dashboard";
  /** For file events: the file, relative to knowledge/events. */
  file?: string;
}

export interface EventFileIssue {
  file: string;
  /** 1-based position of the event in the file's list. */
  entry?: number;
  message: string;
}

export interface EventCatalogSettings {
  /** The knowledge folder; events are read from its `events/` subfolder. */
  knowledgeDir: string;
  /** Also read `events/examples/` (LOAD_EXAMPLES). */
  loadExamples: boolean;
  store: Pick<OutreachStore, "listEvents">;
  /** The six new communes, to check and normalise the `commune` field. */
  communes: () => Commune[];
  /** How often the files are checked for changes; default 5000 ms. */
  checkEveryMs?: number;
}

const dateText = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value.trim()))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD"));
const optionalText = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim())
  .nullish()
  .transform((value) => (value ? value : null));

const fileEventSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  name: z.string().trim().min(1, "is required"),
  date: dateText,
  time: z
    .union([z.string(), z.number()])
    .transform((value) => String(value).trim())
    .pipe(z.string().regex(/^([01]?\d|2[0-3])[:hH.]([0-5]\d)$/, "must be a time such as 07:30"))
    .transform((value) => value.replace(/[hH.]/, ":").padStart(5, "0"))
    .nullish(),
  place: z.string().trim().min(1, "is required"),
  commune: optionalText,
  audience: optionalText,
  organiser: optionalText,
  contact: optionalText,
});

const fileSchema = z.union([z.object({ events: z.array(z.unknown()).nullish() }), z.array(z.unknown()), z.null()]);

/** A commune as written ("Long Hiệp", "xa long hiep") → its full new name; undefined when unknown. */
export function resolveCommuneName(given: string, communes: Commune[]): string | undefined {
  const key = foldedKey(given);
  return communes.find((c) => foldedKey(c.name) === key || foldedKey(c.short) === key)?.name;
}

export class EventCatalog implements EventSource {
  private fileEvents: CatalogEvent[] = [];
  private fileIssues: EventFileIssue[] = [];
  private signature = "";
  private checkedAt = 0;

  constructor(private readonly settings: EventCatalogSettings) {}

  /** Problems found in the event files the last time they were read. */
  get issues(): EventFileIssue[] {
    this.refreshFiles();
    return this.fileIssues;
  }

  /** Every event, files and dashboard, by date and time. */
  async all(): Promise<CatalogEvent[]> {
    this.refreshFiles();
    const stored = (await this.settings.store.listEvents()).map(fromStored);
    return [...this.fileEvents, ...stored].sort(byStart);
  }

  async upcoming(now: Date): Promise<EventInfo[]> {
    return (await this.all()).filter((event) => isUpcoming(event, now));
  }

  async find(id: string): Promise<CatalogEvent | undefined> {
    return (await this.all()).find((event) => event.id === id);
  }

  /** Events dated `from`…`to` (inclusive) that have started by `now`, optionally of one commune. */
  async held(range: { from: string; to: string; now: Date; commune?: string }): Promise<CatalogEvent[]> {
    return (await this.all()).filter(
      (e) => e.date >= range.from && e.date <= range.to && !e.example && !isUpcoming(e, range.now) && (!range.commune || e.commune === range.commune),
    );
  }

  // === files

  private refreshFiles(): void {
    const now = Date.now();
    if (now - this.checkedAt < (this.settings.checkEveryMs ?? 5000) && this.signature) return;
    this.checkedAt = now;
    const files = this.listFiles();
    const signature = files.map((f) => `${f.rel}:${f.mtimeMs}:${f.size}`).join("|") || "none";
    if (signature === this.signature) return;
    this.signature = signature;
    const events: CatalogEvent[] = [];
    const issues: EventFileIssue[] = [];
    for (const file of files) this.readFile(file, events, issues);
    this.fileEvents = events;
    this.fileIssues = issues;
  }

  private listFiles(): { full: string; rel: string; example: boolean; mtimeMs: number; size: number }[] {
    const dir = path.join(this.settings.knowledgeDir, "events");
    const out: { full: string; rel: string; example: boolean; mtimeMs: number; size: number }[] = [];
    const add = (folder: string, example: boolean) => {
      if (!fs.existsSync(folder)) return;
      for (const name of fs.readdirSync(folder).sort()) {
        if (name.startsWith(".") || !/\.ya?ml$/i.test(name)) continue;
        const full = path.join(folder, name);
        const stat = fs.statSync(full);
        if (stat.isFile()) out.push({ full, rel: path.relative(dir, full), example, mtimeMs: stat.mtimeMs, size: stat.size });
      }
    };
    add(dir, false);
    if (this.settings.loadExamples) add(path.join(dir, "examples"), true);
    return out;
  }

  private readFile(file: { full: string; rel: string; example: boolean }, events: CatalogEvent[], issues: EventFileIssue[]): void {
    let parsed: z.infer<typeof fileSchema>;
    try {
      const shape = fileSchema.safeParse(parseYaml(fs.readFileSync(file.full, "utf8").normalize("NFC")));
      if (!shape.success) throw new Error("must hold a list of events under `events:`");
      parsed = shape.data;
    } catch (error) {
      issues.push({ file: file.rel, message: `cannot read: ${(error as Error).message}` });
      return;
    }
    const entries = Array.isArray(parsed) ? parsed : (parsed?.events ?? []);
    const communes = this.settings.communes();
    entries.forEach((entry, index) => {
      const result = fileEventSchema.safeParse(entry);
      if (!result.success) {
        const detail = result.error.issues.map((i) => `${i.path.join(".") || "entry"} ${i.message}`).join("; ");
        issues.push({ file: file.rel, entry: index + 1, message: `event skipped: ${detail}` });
        return;
      }
      const e = result.data;
      let commune: string | null = null;
      if (e.commune) {
        commune = resolveCommuneName(e.commune, communes) ?? null;
        if (!commune) issues.push({ file: file.rel, entry: index + 1, message: `commune "${e.commune}" is not one of the new communes; listed for the whole area` });
      }
      events.push({
        // Stable across edits of other entries: the given id, else a digest of file and name and date.
        // Letters, digits and dashes only: the id travels in links and in announcements.
        id: `tep-${e.id ? foldedKey(e.id).replace(/[^a-z0-9]+/g, "-").slice(0, 80) || "x" : crypto.createHash("sha256").update(`${file.rel}\0${e.name}\0${e.date}`).digest("hex").slice(0, 12)}`,
        name: e.name,
        date: e.date,
        time: e.time ?? null,
        place: e.place,
        commune,
        audience: e.audience,
        organiser: e.organiser,
        contact: e.contact,
        example: file.example,
        source: "file",
        file: file.rel,
      });
    });
  }
}

function fromStored(event: StoredEvent): CatalogEvent {
  return {
    id: event.id,
    name: event.name,
    date: event.date,
    time: event.time,
    place: event.place,
    commune: event.commune,
    audience: event.audience,
    organiser: event.organiser,
    contact: event.contact,
    source: "dashboard",
  };
}

function byStart(a: EventInfo, b: EventInfo): number {
  const left = `${a.date} ${a.time ?? "99:99"}`;
  const right = `${b.date} ${b.time ?? "99:99"}`;
  return left < right ? -1 : left > right ? 1 : a.name.localeCompare(b.name, "vi");
}

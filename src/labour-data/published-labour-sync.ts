/**
 * Keeps this replica's index on the dataset live in the database. Every replica polls the one-row
 * pointer (`labour_active`) on the knowledge watch interval; when it names another version, the
 * dataset is loaded and the index rebuilt while the old one keeps answering. A publish or roll back
 * on this replica syncs at once.
 *
 * ```ts
 * const sync = new PublishedLabourSync(datasets);
 * await sync.poll();                                           // before the first load
 * const kb = createKnowledgeBase(config, { published: sync.current });
 * setInterval(() => sync.refresh(kb), watchMs);
 * ```
 */
import type { KnowledgeBase, PublishedLabour } from "../knowledge/knowledge-base.js";
import type { LabourDatasetStore } from "../store/labour-dataset-store.js";

export class PublishedLabourSync {
  private held: PublishedLabour | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly datasets: LabourDatasetStore) {}

  /** The dataset the index should hold now (what the last poll found). */
  readonly current = (): PublishedLabour | undefined => this.held;

  /** Reads the live version and loads its rows when it changed; true when it changed. */
  async poll(): Promise<boolean> {
    const active = await this.datasets.activeVersion();
    if (active?.version === this.held?.version) return false;
    if (!active) {
      this.held = undefined;
      return true;
    }
    const dataset = await this.datasets.getDataset(active.version);
    if (!dataset) return false;
    this.held = { version: dataset.version, data: dataset.data };
    return true;
  }

  /**
   * Polls, then swaps in a rebuilt index when the live version (or a knowledge file) changed.
   * Calls run one after another, so a publish and the watch timer never rebuild at once.
   */
  refresh(knowledge: KnowledgeBase): Promise<boolean> {
    const run = this.queue.then(async () => {
      const changed = await this.poll();
      if (changed) {
        await knowledge.reindex();
        return true;
      }
      return knowledge.refreshIfStale();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Calls `refresh` every `intervalMs` (the knowledge watch interval); `onResult` hears of swaps
   * and failures (the previous index stays in use). Returns the stop function.
   */
  watch(knowledge: KnowledgeBase, intervalMs: number, onResult: (swapped: boolean, error?: unknown) => void = () => undefined): () => void {
    const timer = setInterval(() => {
      this.refresh(knowledge).then(
        (swapped) => onResult(swapped),
        (error: unknown) => onResult(false, error),
      );
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

/**
 * The daily housekeeping job: deletes query records older than STATS_RETENTION_DAYS (the daily
 * counts keep the totals) and conversation turns older than a day. (Finished inbox rows are
 * pruned by the inbox dispatcher.) Runs a minute after start, then every 24 hours; `stop()` on shutdown.
 *
 * ```ts
 * const retention = startRetention({ store, logger, retentionDays: config.stats.retentionDays });
 * retention.stop();
 * ```
 */
import type { Logger } from "../logger.js";
import { addDays, localDayStartMs, localIsoDate } from "../store/local-date.js";
import type { StatsStore } from "../store/store.js";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface RetentionSettings {
  store: Pick<StatsStore, "purgeRecordsBefore" | "pruneTurns">;
  logger: Logger;
  /** Records older than this many days are deleted (STATS_RETENTION_DAYS, default 365). */
  retentionDays: number;
  /** Conversation turns are kept this many hours; default 24 (follow-ups expire after 30 minutes). */
  turnHours?: number;
  /** Delay of the first run; default 60000 ms. */
  firstRunDelayMs?: number;
  /** Time between runs; default 24 h. */
  intervalMs?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

export interface RetentionResult {
  records: number;
  turns: number;
  /** Records at or after this instant were kept. */
  cutoff: Date;
}

export interface RetentionJob {
  /** One pass now (also used by the timer). */
  runOnce(): Promise<RetentionResult>;
  stop(): void;
}

/**
 * The instant before which records are deleted: local midnight (UTC+7) `retentionDays` days before
 * today, so whole days go at once and the dashboard never shows a half-purged day.
 */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(localDayStartMs(addDays(localIsoDate(now), -retentionDays)));
}

export function startRetention(settings: RetentionSettings): RetentionJob {
  const now = settings.now ?? (() => new Date());
  let running: Promise<RetentionResult> | undefined;
  let stopped = false;

  const runOnce = (): Promise<RetentionResult> => {
    // Overlapping runs (a slow purge and the next tick) would only compete for the same rows.
    running ??= (async () => {
      const at = now();
      const cutoff = retentionCutoff(at, settings.retentionDays);
      const records = await settings.store.purgeRecordsBefore(cutoff);
      const turns = await settings.store.pruneTurns(new Date(at.getTime() - (settings.turnHours ?? 24) * HOUR_MS));
      settings.logger.info({ records, turns, retentionDays: settings.retentionDays }, "retention purge done");
      return { records, turns, cutoff };
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const tick = () => {
    if (stopped) return;
    runOnce().catch((error: unknown) =>
      settings.logger.error({ err: { name: (error as Error)?.name, message: String((error as Error)?.message ?? error).slice(0, 200) } }, "retention purge failed; next try in 24 h"),
    );
  };
  const first = setTimeout(tick, settings.firstRunDelayMs ?? 60_000);
  const every = setInterval(tick, settings.intervalMs ?? DAY_MS);
  // The job must never keep the process alive on its own.
  first.unref();
  every.unref();

  return {
    runOnce,
    stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
    },
  };
}

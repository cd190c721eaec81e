/**
 * What the dashboard says about the Labour Office's data the bot answers from: nothing at all (the
 * bot tells users so), or data older than LABOUR_DATA_MAX_AGE_DAYS (answered as "số liệu cũ").
 */
import { formatDateVi } from "../knowledge/labour/dates.js";
import type { LabourData } from "../knowledge/types.js";
import { labourDataVi } from "../messages-vi.js";
import { addDays } from "../store/local-date.js";

export interface LabourDataState {
  /** No spreadsheet at all. */
  none: boolean;
  /** The oldest as-of date older than the limit, `YYYY-MM-DD`. */
  staleSince?: string;
}

export function labourDataState(data: LabourData, today: string, maxAgeDays: number): LabourDataState {
  const real = data.files.filter((f) => !f.example);
  const cutoff = addDays(today, -maxAgeDays);
  return { none: data.files.length === 0, staleSince: real.filter((f) => f.asOf < cutoff).map((f) => f.asOf).sort()[0] };
}

/** The warning line for the dashboard, or undefined when the data is there and fresh. */
export function labourDataWarning(state: LabourDataState, maxAgeDays: number): string | undefined {
  if (state.none) return labourDataVi.none;
  if (state.staleSince) return labourDataVi.stale(formatDateVi(state.staleSince), maxAgeDays);
  return undefined;
}

/**
 * The "questions per day (or week) by channel" series of the dashboard: every day of the range is
 * present, also at zero, and a range longer than 60 days is counted per week (Monday to Sunday)
 * so the chart stays readable.
 */
import { addDays, daysBetween } from "../store/local-date.js";

/** Ranges longer than this many days are shown per week. */
export const WEEKLY_AFTER_DAYS = 60;
/** Channels in the order the chart shows them; others follow. */
const CHANNEL_ORDER = ["telegram", "zalo", "web", "api"];

export interface PeriodSeries {
  unit: "day" | "week";
  /** First day of each period, `YYYY-MM-DD`. */
  periods: string[];
  /** Channels with at least one question, in chart order. */
  channels: string[];
  /** Per channel, one count per period. */
  counts: Record<string, number[]>;
}

function mondayOf(iso: string): string {
  const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(iso, -((weekday + 6) % 7));
}

export function periodSeries(byDayChannel: { date: string; channel: string; count: number }[], from: string, to: string): PeriodSeries {
  const unit = daysBetween(from, to) + 1 > WEEKLY_AFTER_DAYS ? "week" : "day";
  const periods: string[] = [];
  const indexOf = new Map<string, number>();
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const start = unit === "week" ? mondayOf(day) : day;
    if (!indexOf.has(start)) {
      indexOf.set(start, periods.length);
      periods.push(start);
    }
    if (unit === "week") indexOf.set(day, indexOf.get(start)!);
  }
  const seen = new Set(byDayChannel.map((row) => row.channel));
  const channels = [...CHANNEL_ORDER.filter((c) => seen.has(c)), ...[...seen].filter((c) => !CHANNEL_ORDER.includes(c)).sort()];
  const counts: Record<string, number[]> = {};
  for (const channel of channels) counts[channel] = periods.map(() => 0);
  for (const row of byDayChannel) {
    const index = indexOf.get(row.date);
    if (index !== undefined) counts[row.channel]![index]! += row.count;
  }
  return { unit, periods, channels, counts };
}

import { describe, expect, it } from "vitest";
import { periodSeries } from "../../src/stats/period-series.js";

describe("questions per period and channel", () => {
  it("should list every day of a short range, with zeros, channels in a fixed order", () => {
    const series = periodSeries(
      [
        { date: "2026-11-02", channel: "zalo", count: 2 },
        { date: "2026-11-02", channel: "telegram", count: 1 },
        { date: "2026-11-04", channel: "telegram", count: 5 },
      ],
      "2026-11-01",
      "2026-11-04",
    );
    expect(series).toEqual({
      unit: "day",
      periods: ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"],
      channels: ["telegram", "zalo"],
      counts: { telegram: [0, 1, 0, 5], zalo: [0, 2, 0, 0] },
    });
  });

  it("should count per week (from Monday) when the range is longer than 60 days", () => {
    const series = periodSeries(
      [
        { date: "2026-01-01", channel: "web", count: 1 }, // Thursday: week of Monday 29 Dec 2025
        { date: "2026-01-04", channel: "web", count: 2 }, // Sunday, same week
        { date: "2026-01-05", channel: "web", count: 4 }, // Monday: next week
      ],
      "2026-01-01",
      "2026-03-31",
    );
    expect(series.unit).toBe("week");
    expect(series.periods.slice(0, 2)).toEqual(["2025-12-29", "2026-01-05"]);
    expect(series.counts.web!.slice(0, 2)).toEqual([3, 4]);
    expect(series.counts.web!.reduce((a, b) => a + b, 0)).toBe(7);
  });
});

import { describe, expect, it } from "vitest";
import { backoffDelay, retry, retryAfterMs } from "../../src/retry/backoff.js";

const fixed = (value: number) => () => value;

describe("backoffDelay", () => {
  it("doubles from baseMs after each failure and stops at maxMs", () => {
    const options = { baseMs: 100, maxMs: 1000, jitter: 0.5, random: fixed(0) };
    expect([1, 2, 3, 4, 5, 6].map((failures) => backoffDelay(failures, options))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(3, { ...options, factor: 4 })).toBe(1000);
    expect(backoffDelay(2, { ...options, factor: 4 })).toBe(400);
  });

  it("takes at most `jitter` of the delay off, never adds to it (maxMs stays an upper bound)", () => {
    const options = { baseMs: 1000, maxMs: 4000, jitter: 0.25 };
    expect(backoffDelay(3, { ...options, random: fixed(0) })).toBe(4000);
    expect(backoffDelay(3, { ...options, random: fixed(0.5) })).toBe(3500);
    expect(backoffDelay(3, { ...options, random: fixed(0.999999) })).toBe(3000);
    // Real randomness stays within the range, and does not give one value every time.
    const seen = new Set(Array.from({ length: 200 }, () => backoffDelay(2, options)));
    for (const delay of seen) expect(delay >= 1500 && delay <= 2000).toBe(true);
    expect(seen.size).toBeGreaterThan(1);
  });

  it("stays finite however long the outage", () => {
    expect(backoffDelay(10_000, { baseMs: 100, maxMs: 60_000, random: fixed(0) })).toBe(60_000);
    expect(backoffDelay(0, { baseMs: 100, maxMs: 60_000, random: fixed(0) })).toBe(100);
  });
});

describe("retry", () => {
  const quick = { baseMs: 1, maxMs: 2, random: fixed(0) };

  it("tries again until the call succeeds, passing the attempt number", async () => {
    const seen: number[] = [];
    const result = await retry(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 3) throw new Error(`fail ${attempt}`);
        return "ok";
      },
      { ...quick, attempts: 5 },
    );
    expect(result).toBe("ok");
    expect(seen).toEqual([1, 2, 3]);
  });

  it("throws the last error once the attempts are spent, and at once for an error not worth retrying", async () => {
    let calls = 0;
    await expect(retry(async (attempt) => { calls++; throw new Error(`fail ${attempt}`); }, { ...quick, attempts: 3 })).rejects.toThrow("fail 3");
    expect(calls).toBe(3);
    calls = 0;
    await expect(retry(async () => { calls++; throw new TypeError("bad input"); }, { ...quick, retryable: (e) => !(e instanceof TypeError) })).rejects.toThrow("bad input");
    expect(calls).toBe(1);
  });

  it("reports each wait: the backoff, or the longer wait the error asks for (retry_after)", async () => {
    const waits: number[] = [];
    const rateLimited = Object.assign(new Error("429"), { parameters: { retry_after: 0.01 } });
    await retry(
      async (attempt) => {
        if (attempt === 1) throw new Error("network");
        if (attempt === 2) throw rateLimited;
        return undefined;
      },
      { ...quick, onRetry: (_e, _a, delayMs) => waits.push(delayMs) },
    );
    expect(waits).toEqual([1, 10]);
  });

  it("stops waiting when the signal aborts and throws the last failure", async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = retry(
      async () => {
        calls++;
        throw new Error("still down");
      },
      // A long wait, cut short by the abort.
      { baseMs: 60_000, maxMs: 60_000, signal: controller.signal, onRetry: () => controller.abort() },
    );
    await expect(run).rejects.toThrow("still down");
    expect(calls).toBe(1);
    await expect(retry(async () => "never", { ...quick, signal: controller.signal })).rejects.toThrow();
  });
});

describe("retryAfterMs", () => {
  it("reads Telegram's retry_after and a retryAfterSeconds field, nothing else", () => {
    expect(retryAfterMs({ parameters: { retry_after: 3 } })).toBe(3000);
    expect(retryAfterMs({ retryAfterSeconds: 2 })).toBe(2000);
    expect(retryAfterMs(new Error("plain"))).toBeUndefined();
    expect(retryAfterMs({ parameters: { retry_after: "soon" } })).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

/**
 * The query parameters of the dashboard and the stats API, validated with zod. A bad parameter is
 * an InputError (400) whose message starts with the parameter's name.
 *
 * Defaults: the last 30 days, today (Vietnam time) included. The commune must be one of the new
 * communes of `knowledge/communes.yaml`, by full name ("Xã Long Hiệp") or short name ("Long Hiệp"),
 * with or without diacritics.
 */
import { z } from "zod";
import { InputError } from "../errors.js";
import type { Commune } from "../knowledge/lexicon.js";
import { TOPICS } from "../knowledge/types.js";
import { foldedKey } from "../knowledge/vietnamese.js";
import { addDays, daysBetween, isIsoDate, localIsoDate } from "../store/local-date.js";
import type { StatsFilter } from "../store/store.js";

/** Channels a record can come from. */
export const CHANNELS = ["telegram", "zalo", "web", "api"] as const;
export const ROLES = ["student", "parent", "unknown"] as const;
/** Days shown when the request names no range. */
export const DEFAULT_RANGE_DAYS = 30;
/** Longest range accepted, in days (ten years). */
export const MAX_RANGE_DAYS = 3660;

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);
const isoDate = z.preprocess(blankToUndefined, z.string().refine(isIsoDate, "must be a real date written YYYY-MM-DD").optional());

const filterShape = {
  from: isoDate,
  to: isoDate,
  channel: z.preprocess(blankToUndefined, z.enum(CHANNELS, { message: `must be one of ${CHANNELS.join(", ")}` }).optional()),
  commune: z.preprocess(blankToUndefined, z.string().max(100, "is too long").optional()),
  topic: z.preprocess(blankToUndefined, z.enum(TOPICS, { message: `must be one of ${TOPICS.join(", ")}` }).optional()),
  role: z.preprocess(blankToUndefined, z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` }).optional()),
};

const filterSchema = z.object(filterShape).strict();

const unansweredSchema = z
  .object({
    ...filterShape,
    reviewed: z.preprocess(blankToUndefined, z.enum(["true", "false", "all"], { message: "must be true, false or all" }).optional()),
    limit: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^\d{1,4}$/, "must be a whole number from 1 to 1000")
        .transform(Number)
        .pipe(z.number().min(1, "must be a whole number from 1 to 1000").max(1000, "must be a whole number from 1 to 1000"))
        .optional(),
    ),
  })
  .strict();

export interface FilterContext {
  /** The new communes (from the knowledge snapshot's lexicon). */
  communes: Commune[];
  /** Today, `YYYY-MM-DD` in Vietnam; default from the clock. */
  today?: string;
}

function fail(error: z.ZodError, allowed: string[]): never {
  const issue = error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    throw new InputError("bad_request", `${issue.keys.join(", ")}: unknown parameter (allowed: ${allowed.join(", ")})`);
  }
  const name = issue.path.join(".") || "query";
  // A repeated parameter (?channel=a&channel=b) arrives as an array.
  const message = issue.code === "invalid_type" ? "must be given once, as text" : issue.message;
  throw new InputError("bad_request", `${name}: ${message}`);
}

/** The commune's full name, or a 400 naming `commune`. */
export function resolveCommune(given: string, communes: Commune[]): string {
  const key = foldedKey(given);
  const found = communes.find((c) => foldedKey(c.name) === key || foldedKey(c.short) === key);
  if (!found) throw new InputError("bad_request", `commune: must be one of ${communes.map((c) => c.name).join(", ")}`);
  return found.name;
}

function toFilter(parsed: z.infer<typeof filterSchema>, context: FilterContext): StatsFilter {
  const today = context.today ?? localIsoDate(new Date());
  const to = parsed.to ?? (parsed.from && parsed.from > today ? parsed.from : today);
  const from = parsed.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) throw new InputError("bad_request", `from: must not be after to (${from} > ${to})`);
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) throw new InputError("bad_request", `to: the range is longer than ${MAX_RANGE_DAYS} days`);
  return {
    from,
    to,
    ...(parsed.channel ? { channel: parsed.channel } : {}),
    ...(parsed.commune ? { commune: resolveCommune(parsed.commune, context.communes) } : {}),
    ...(parsed.topic ? { topic: parsed.topic } : {}),
    ...(parsed.role ? { role: parsed.role } : {}),
  };
}

/** Parses `from`, `to`, `channel`, `commune`, `topic`, `role`; anything else is a 400. */
export function parseStatsFilter(query: unknown, context: FilterContext): StatsFilter {
  const parsed = filterSchema.safeParse(query ?? {});
  if (!parsed.success) fail(parsed.error, Object.keys(filterSchema.shape));
  return toFilter(parsed.data, context);
}

/** The filter plus `reviewed` (true, false or all; default all) and `limit` (1-1000, default 100). */
export function parseUnansweredQuery(query: unknown, context: FilterContext): StatsFilter & { reviewed?: boolean; limit: number } {
  const parsed = unansweredSchema.safeParse(query ?? {});
  if (!parsed.success) fail(parsed.error, Object.keys(unansweredSchema.shape));
  const { reviewed, limit, ...rest } = parsed.data;
  return {
    ...toFilter(rest, context),
    ...(reviewed === "true" ? { reviewed: true } : reviewed === "false" ? { reviewed: false } : {}),
    limit: limit ?? 100,
  };
}

/** The filter as query parameters (for links such as the CSV download). */
export function filterToQuery(filter: StatsFilter): string {
  const params = new URLSearchParams({ from: filter.from, to: filter.to });
  for (const key of ["channel", "commune", "topic", "role"] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

/**
 * Vietnam local dates, kept at this path for the stores, stats and server code that import them
 * here. The helpers live in `src/time/local-date.ts` so the answering and knowledge layers can use
 * them without importing the store.
 */
export * from "../time/local-date.js";

/**
 * Prometheus metrics (prom-client), served at `GET /metrics`. Each server gets its own registry,
 * so two app instances in one process (tests) never mix their counts. Labels are small closed
 * sets (channel, outcome, route pattern, operation): never a user, a chat or a text.
 *
 * ```ts
 * const metrics = createMetrics();
 * metrics.updates.inc({ channel: "telegram", outcome: "accepted" });
 * const store = timedMethods(inbox, ["add", "finish"], metrics);   // store write latency and failures
 * res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
 * ```
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ChatMessage, ChatModel, ChatOptions } from "../providers/provider.js";
import type { QueryRecord } from "../store/store.js";

export interface Metrics {
  readonly registry: Registry;
  /** `http_requests_total{method,route,status}`: one per HTTP request; `route` is the matched pattern. */
  readonly httpRequests: Counter<"method" | "route" | "status">;
  /** `http_request_duration_seconds{route}` */
  readonly httpSeconds: Histogram<"route">;
  /**
   * `bot_requests_total{channel,outcome}`: updates and questions taken in. Outcomes: `accepted`,
   * `duplicate`, `refused` (not stored: 5xx to the platform), `rate_limited`, `invalid`.
   */
  readonly requests: Counter<"channel" | "outcome">;
  /**
   * `bot_answers_total{channel,outcome}`: `answered` / `unanswered` questions (from the records),
   * `rate_limited` (the one "slow down" reply), `failed` (given up after retries).
   */
  readonly answers: Counter<"channel" | "outcome">;
  /** `bot_answer_duration_seconds{channel}`: time to work out an answer (engine and LLM). */
  readonly answerSeconds: Histogram<"channel">;
  /** `bot_delivery_duration_seconds{channel}`: from storing an update to its replies sent. */
  readonly deliverySeconds: Histogram<"channel">;
  /** `llm_calls_total{outcome}`: `ok`, `error`. */
  readonly llmCalls: Counter<"outcome">;
  /** `llm_call_duration_seconds` */
  readonly llmSeconds: Histogram<string>;
  /** `llm_fallbacks_total{reason}`: LLM answers replaced by the offline one (timeout, error, ungrounded…). */
  readonly llmFallbacks: Counter<"reason">;
  /** `store_write_duration_seconds{operation}` */
  readonly storeWriteSeconds: Histogram<"operation">;
  /** `store_write_failures_total{operation}` */
  readonly storeWriteFailures: Counter<"operation">;
  /** `inbox_in_flight`: updates this process is answering now. */
  readonly inFlight: Gauge<string>;
  /** `send_failures_total{channel}`: replies the platform refused or did not take. */
  readonly sendFailures: Counter<"channel">;
  /** `rate_limited_total{limit}` */
  readonly rateLimited: Counter<"limit">;
  /** Sets what `inbox_depth` (updates stored and not answered, all replicas) reads at each scrape. */
  setInboxDepth(read: () => Promise<number>): void;
}

export interface MetricsSettings {
  /** Also the process metrics (CPU, memory, event loop lag, GC); default true. */
  processMetrics?: boolean;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30];
const STORE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

export function createMetrics(settings: MetricsSettings = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  if (settings.processMetrics !== false) collectDefaultMetrics({ register: registry });
  let readDepth: (() => Promise<number>) | undefined;
  new Gauge({
    name: "inbox_depth",
    help: "Updates stored and not yet answered (all replicas)",
    registers,
    async collect() {
      if (!readDepth) return;
      try {
        this.set(await readDepth());
      } catch {
        // The store is down: /readyz says so; the scrape still answers with the other metrics.
      }
    },
  });
  return {
    registry,
    httpRequests: new Counter({ name: "http_requests_total", help: "HTTP requests by method, route pattern and status", labelNames: ["method", "route", "status"], registers }),
    httpSeconds: new Histogram({ name: "http_request_duration_seconds", help: "HTTP request duration", labelNames: ["route"], buckets: LATENCY_BUCKETS, registers }),
    requests: new Counter({ name: "bot_requests_total", help: "Updates and questions taken in, by channel and outcome", labelNames: ["channel", "outcome"], registers }),
    answers: new Counter({ name: "bot_answers_total", help: "Answers by channel and outcome", labelNames: ["channel", "outcome"], registers }),
    answerSeconds: new Histogram({ name: "bot_answer_duration_seconds", help: "Time to work out an answer", labelNames: ["channel"], buckets: LATENCY_BUCKETS, registers }),
    deliverySeconds: new Histogram({ name: "bot_delivery_duration_seconds", help: "From storing an update to its replies sent", labelNames: ["channel"], buckets: LATENCY_BUCKETS, registers }),
    llmCalls: new Counter({ name: "llm_calls_total", help: "Calls to the LLM by outcome", labelNames: ["outcome"], registers }),
    llmSeconds: new Histogram({ name: "llm_call_duration_seconds", help: "LLM call duration", buckets: LATENCY_BUCKETS, registers }),
    llmFallbacks: new Counter({ name: "llm_fallbacks_total", help: "LLM answers replaced by the offline answer, by reason", labelNames: ["reason"], registers }),
    storeWriteSeconds: new Histogram({ name: "store_write_duration_seconds", help: "Store write duration by operation", labelNames: ["operation"], buckets: STORE_BUCKETS, registers }),
    storeWriteFailures: new Counter({ name: "store_write_failures_total", help: "Failed store writes by operation", labelNames: ["operation"], registers }),
    inFlight: new Gauge({ name: "inbox_in_flight", help: "Updates this process is answering now", registers }),
    sendFailures: new Counter({ name: "send_failures_total", help: "Replies the platform refused or did not take", labelNames: ["channel"], registers }),
    rateLimited: new Counter({ name: "rate_limited_total", help: "Requests refused by an abuse limit", labelNames: ["limit"], registers }),
    setInboxDepth(read) {
      readDepth = read;
    },
  };
}

/**
 * The same object with the named async methods timed into `store_write_duration_seconds` and
 * failures counted in `store_write_failures_total`, labelled `<prefix>.<method>`.
 */
export function timedMethods<T extends object>(target: T, methods: readonly (keyof T & string)[], metrics: Metrics | undefined, prefix: string): T {
  if (!metrics) return target;
  const wrapped = new Set<string>(methods);
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property) as unknown;
      if (typeof property !== "string" || !wrapped.has(property) || typeof value !== "function") return value;
      const operation = `${prefix}.${property}`;
      return async (...args: unknown[]) => {
        const end = metrics.storeWriteSeconds.startTimer({ operation });
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
        } catch (error) {
          metrics.storeWriteFailures.inc({ operation });
          throw error;
        } finally {
          end();
        }
      };
    },
  });
}

/** A recorder that also counts each record as an answer (by channel, answered or not) and its latency. */
export function observeRecords<T extends { record(record: QueryRecord): void }>(recorder: T, metrics: Metrics | undefined): T {
  if (!metrics) return recorder;
  return new Proxy(recorder, {
    get(object, property) {
      if (property !== "record") {
        const value = Reflect.get(object, property) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(object) : value;
      }
      return (record: QueryRecord) => {
        try {
          metrics.answers.inc({ channel: record.channel, outcome: record.answered ? "answered" : "unanswered" });
          metrics.answerSeconds.observe({ channel: record.channel }, Math.max(0, record.latencyMs) / 1000);
        } catch {
          // metrics must never break recording
        }
        object.record(record);
      };
    },
  });
}

/** A chat model that counts its calls (`llm_calls_total`) and times them. */
export function observeChatModel(model: ChatModel, metrics: Metrics | undefined): ChatModel {
  if (!metrics) return model;
  return {
    id: model.id,
    async complete(messages: ChatMessage[], options?: ChatOptions): Promise<string> {
      const end = metrics.llmSeconds.startTimer();
      try {
        const reply = await model.complete(messages, options);
        metrics.llmCalls.inc({ outcome: "ok" });
        return reply;
      } catch (error) {
        metrics.llmCalls.inc({ outcome: "error" });
        throw error;
      } finally {
        end();
      }
    },
  };
}

/**
 * Operations routes: `GET /healthz` (the process is up and its index loaded), `GET /readyz` (index
 * loaded, store reachable, not shutting down: a load balancer sends traffic only then) and
 * `GET /metrics` (Prometheus text; Bearer METRICS_TOKEN when set). None of them shows a setting.
 *
 * ```ts
 * app.use(createOpsRouter({ knowledge, store, metrics, metricsToken: config.metricsToken, shuttingDown: () => stopping }));
 * ```
 */
import express from "express";
import { secretsEqual } from "../channels/webhook-secret.js";
import type { Metrics } from "../observability/metrics.js";

export interface OpsSettings {
  knowledge: { readonly ready: boolean };
  /** Pinged by /readyz; unset = not checked. */
  store?: { ping(): Promise<void> };
  /** Unset = /metrics answers 404. */
  metrics?: Metrics;
  /** Bearer token /metrics requires; unset = open. */
  metricsToken?: string;
  /** True once shutdown began: /readyz then answers 503 so that traffic goes elsewhere. */
  shuttingDown?: () => boolean;
  /** Longest wait for the store's ping; default 2000 ms. */
  pingTimeoutMs?: number;
}

export function createOpsRouter(settings: OpsSettings): express.Router {
  const router = express.Router();

  router.get("/healthz", (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    if (settings.knowledge.ready) res.json({ ok: true });
    else res.status(503).json({ ok: false, reason: "index not loaded" });
  });

  router.get("/readyz", async (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    if (settings.shuttingDown?.()) return void res.status(503).json({ ok: false, reason: "shutting down" });
    if (!settings.knowledge.ready) return void res.status(503).json({ ok: false, reason: "index not loaded" });
    if (settings.store) {
      const reachable = await withTimeout(settings.store.ping(), settings.pingTimeoutMs ?? 2000);
      if (!reachable) return void res.status(503).json({ ok: false, reason: "store unreachable" });
    }
    res.json({ ok: true });
  });

  router.get("/metrics", async (req, res, next) => {
    try {
      if (!settings.metrics) return void res.status(404).json({ error: { code: "not_found", message: "Not found" } });
      if (settings.metricsToken) {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
        if (!secretsEqual(match?.[1], settings.metricsToken)) {
          res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
          return void res.status(401).json({ error: { code: "unauthorized", message: "Bearer METRICS_TOKEN required" } });
        }
      }
      const body = await settings.metrics.registry.metrics();
      res.setHeader("Cache-Control", "no-store");
      res.type(settings.metrics.registry.contentType).send(body);
    } catch (error) {
      next(error);
    }
  });

  return router;
}

/** True when the task resolved within `ms`; false when it failed or took longer. */
async function withTimeout(task: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([task.then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

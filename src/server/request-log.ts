/**
 * One structured log line per HTTP request, and its metrics. The line carries a request id (the
 * client's `X-Request-Id` when it is a plain token, else a new UUID; echoed in the response), the
 * method, the route pattern (never the path as typed, nor the query), the status and the time.
 * Nothing personal: no address, no user agent, no body.
 *
 * ```ts
 * app.use(requestLog(logger, metrics));   // first, before any route
 * ```
 */
import crypto from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import type { Logger } from "../logger.js";
import type { Metrics } from "../observability/metrics.js";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The route pattern that served the request (`/api/stats/unanswered/:id/reviewed`), or a fixed word. */
export function routeOf(req: Request, res: Response): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === "string") return `${req.baseUrl ?? ""}${route.path}`;
  // Static files of the web chat and the dashboard have no route; everything else unmatched is a 404.
  return res.statusCode < 400 && (req.method === "GET" || req.method === "HEAD") ? "static" : "unmatched";
}

export function requestLog(logger: Logger, metrics?: Metrics): RequestHandler {
  return (req, res, next) => {
    const given = req.headers["x-request-id"];
    const id = typeof given === "string" && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    res.locals.requestId = id;
    res.setHeader("X-Request-Id", id);
    const started = performance.now();
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const route = routeOf(req, res);
      const ms = performance.now() - started;
      // A client that went away before the answer: logged with status 499 as nginx does.
      const status = res.writableFinished ? res.statusCode : 499;
      metrics?.httpRequests.inc({ method: req.method.length <= 10 ? req.method : "OTHER", route, status: String(status) });
      metrics?.httpSeconds.observe({ route }, ms / 1000);
      logger.info({ reqId: id, method: req.method.slice(0, 10), route, status, ms: Math.round(ms) }, "request");
    };
    res.on("finish", done);
    res.on("close", done);
    next();
  };
}

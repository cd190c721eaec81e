/**
 * The HTTP server around the express app, with the timeouts that keep slow clients from holding
 * connections: the request headers must arrive within `headersTimeoutMs` (HTTP_HEADERS_TIMEOUT_MS,
 * default 10 s) and the whole request, body included, within `requestTimeoutMs`
 * (HTTP_REQUEST_TIMEOUT_MS, default 30 s); otherwise Node answers 408 and closes the connection.
 * The time the bot takes to answer does not count: only receiving the request does.
 *
 * ```ts
 * const server = startHttpServer(app, { port: 3000, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 }, onListening);
 * ```
 */
import http from "node:http";
import type { Express } from "express";

export interface HttpServerSettings {
  port: number;
  /** Interface to listen on; default all. */
  host?: string;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export function startHttpServer(app: Express, settings: HttpServerSettings, onListening?: () => void): http.Server {
  const requestTimeout = Math.max(settings.requestTimeoutMs, settings.headersTimeoutMs);
  const server = http.createServer(
    {
      headersTimeout: settings.headersTimeoutMs,
      requestTimeout,
      // Node looks for expired requests this often (default 30 s, which would stretch a 10 s limit to 40 s).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(settings.headersTimeoutMs / 4))),
    },
    app,
  );
  if (settings.host) server.listen(settings.port, settings.host, onListening);
  else server.listen(settings.port, onListening);
  return server;
}

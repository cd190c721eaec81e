/**
 * Builds the express application: JSON API, health, static web chat, one error handler.
 */
import express from "express";
import type { AnswerEngine } from "../answering/answer-engine.js";
import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { Logger } from "../logger.js";
import { createApiRouter, errorHandler } from "./api.js";

export interface AppSettings {
  engine: AnswerEngine;
  knowledge: KnowledgeBase;
  logger: Logger;
  adminAuth?: (req: express.Request) => boolean;
  /** Folder served at `/` (the web chat page), when present. */
  publicDir?: string;
}

export function createApp(settings: AppSettings): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // A question is at most 2,000 characters; 32 kB leaves room for JSON escaping and nothing more.
  app.use(express.json({ limit: "32kb", type: ["application/json", "text/json"] }));

  app.get("/healthz", (_req, res) => {
    if (settings.knowledge.ready) res.json({ ok: true });
    else res.status(503).json({ ok: false, reason: "index not loaded" });
  });

  app.use(createApiRouter(settings));
  if (settings.publicDir) app.use(express.static(settings.publicDir, { index: "index.html", maxAge: "1h" }));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: "not_found", message: "Not found" } });
  });
  app.use(errorHandler(settings.logger));
  return app;
}

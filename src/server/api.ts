/**
 * The JSON API: `POST /api/chat` (CONTRACTS.md) with zod-validated input, and the admin reindex.
 * Bad input always gets a 400 with `{ error: { code, message } }`, never a 500.
 *
 * `/api/chat` goes through the same conversation as the chat channels (`conversation` below):
 * with a `userId`, follow-ups by slots, commands such as `/xoadulieu`, the per-user limit (429 with
 * Retry-After) and the record under the anonymous user key; without one, a one-off answer, recorded
 * without a user key. The reply's answer details make the contract's `{ answer, answered, topic,
 * sources, suggestions? }`; a reply of the bot's own (a command) is `answered` with no sources.
 */
import crypto from "node:crypto";
import express, { type Request, type Response, type NextFunction } from "express";
import { z } from "zod";
import type { IncomingMessage, MessageHandler, Reply } from "../conversation/message.js";
import type { AnswerEngine } from "../answering/answer-engine.js";
import { MAX_QUESTION_CHARS } from "../answering/answer-engine.js";
import { AppError, InputError } from "../errors.js";
import { errorMessagesVi } from "../messages-vi.js";
import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import type { Logger } from "../logger.js";
import { communeFromText, recordFromAnswer } from "../stats/record-from-answer.js";
import type { StatsRecorder } from "../stats/stats-recorder.js";
import type { UserKeyFunction } from "../stats/user-key.js";
import type { RateLimiter } from "../limits/rate-limiter.js";

const chatRequestSchema = z.object({
  text: z.string({ message: "text must be a string" }),
  userId: z.string().max(200, "userId is longer than 200 characters").optional(),
  channel: z.string().max(40, "channel is longer than 40 characters").optional(),
});

export interface ApiSettings {
  /**
   * The conversation, without the per-user limit (checked here, to answer 429): what the channels
   * and the web chat talk to. Unset (tests and tools without a store) = the engine alone, stateless.
   */
  conversation?: MessageHandler;
  engine: AnswerEngine;
  knowledge: KnowledgeBase;
  logger: Logger;
  /** Checks admin credentials (dashboard login); undefined = admin routes disabled. */
  adminAuth?: (req: Request) => Promise<boolean>;
  /** Records every question for the statistics; unset = not recorded. */
  recorder?: StatsRecorder;
  /** Anonymous user key (HMAC with STATS_SALT); unset = a plain hash, for memory only. */
  userKey?: UserKeyFunction;
  /** Per-user limit of questions carrying a userId (429 beyond it); unset = none. */
  userLimiter?: RateLimiter;
}

export function createApiRouter(settings: ApiSettings): express.Router {
  const router = express.Router();

  router.post("/api/chat", async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (!req.is("application/json") && !req.is("text/json")) {
        throw new InputError("bad_request", "Content-Type must be application/json", 415);
      }
      const parsed = chatRequestSchema.safeParse(req.body);
      if (!parsed.success) {
        throw new InputError("bad_request", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
      }
      const { text, userId, channel } = parsed.data;
      if (!text.trim()) throw new InputError("text_empty", "text is empty");
      if (text.length > MAX_QUESTION_CHARS) throw new InputError("text_too_long", `text is longer than ${MAX_QUESTION_CHARS} characters`);
      // Statistics take the client's channel name only when it is one of ours.
      const recordChannel = channel === "web" || channel === "api" ? channel : "api";
      // The engine only ever sees an opaque key, never the raw id.
      const userKey = !userId
        ? undefined
        : settings.userKey
          ? settings.userKey(recordChannel, userId)
          : crypto.createHash("sha256").update(`${channel ?? "api"}\0${userId}`).digest("hex").slice(0, 32);
      if (userKey && settings.userLimiter) {
        const verdict = await settings.userLimiter.check(userKey);
        if (!verdict.allowed) {
          res.setHeader("Retry-After", String(verdict.retryAfterSeconds));
          res.status(429).json({ error: { code: "rate_limited", message: "Too many questions from this user; try again later", messageVi: errorMessagesVi.rate_limited } });
          return;
        }
      }
      if (settings.conversation) {
        const incoming: IncomingMessage = {
          channel: recordChannel,
          platformUserId: userId ?? "",
          chatId: userId ?? "",
          // Each request is one delivery; a client that resends asks again.
          deliveryKey: `api:${crypto.randomUUID()}`,
          kind: "text",
          text,
          // The key made above is the conversation's own (same channel and id): not made twice.
          ...(!userId ? { anonymous: true } : settings.userKey ? { userKey } : {}),
        };
        // No buttons: choices are the client's own business, never numbered replies to remember.
        const replies = await settings.conversation(incoming, { supportsButtons: true, typing: async () => undefined });
        res.json(chatResponse(replies));
        return;
      }
      const started = performance.now();
      // Without a conversation there is no memory: every question stands alone.
      const answer = await settings.engine.answer({ text });
      settings.logger.info(
        { route: "chat", topic: answer.topic, answered: answer.answered, answerer: answer.answerer, ms: Math.round(performance.now() - started) },
        "answered",
      );
      // Written by the recorder's next batch (within its flush interval), as through the conversation.
      if (settings.recorder) recordChat(settings, { text, answer, channel: recordChannel, userKey, latencyMs: performance.now() - started });
      res.json({
        answer: answer.answer,
        answered: answer.answered,
        topic: answer.topic,
        sources: answer.sources.map((s) => ({ title: s.title, ...(s.ref ? { ref: s.ref } : {}), ...(s.asOf ? { asOf: s.asOf } : {}) })),
        ...(answer.suggestions ? { suggestions: answer.suggestions } : {}),
      });
    } catch (error) {
      next(error);
    }
  });

  router.post("/api/admin/reindex", async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (!settings.adminAuth) {
        res.status(404).json({ error: { code: "not_found", message: "Admin routes are disabled: set DASHBOARD_USER and DASHBOARD_PASSWORD" } });
        return;
      }
      if (!(await settings.adminAuth(req))) {
        res.setHeader("WWW-Authenticate", 'Basic realm="tra-cu-bot"');
        res.status(401).json({ error: { code: "unauthorized", message: "Login required" } });
        return;
      }
      const started = performance.now();
      const snapshot = await settings.knowledge.reindex();
      const errors = snapshot.issues.filter((i) => i.severity === "error").length;
      settings.logger.info({ chunks: snapshot.chunks.length, errors, ms: Math.round(performance.now() - started) }, "reindexed");
      res.json({ ok: true, chunks: snapshot.chunks.length, builtAt: snapshot.manifest.builtAt, issues: snapshot.issues });
    } catch (error) {
      next(error);
    }
  });

  return router;
}

/** The contract's answer from the conversation's replies: the one with answer details, else the texts. */
function chatResponse(replies: Reply[]) {
  const details = replies.find((r) => r.answer)?.answer;
  if (details) {
    return {
      answer: details.text,
      answered: details.answered,
      topic: details.topic,
      sources: details.sources,
      ...(details.suggestions?.length ? { suggestions: details.suggestions } : {}),
    };
  }
  // A command's or a failure's reply: said by the bot itself, no sources.
  const text = replies.map((r) => r.text).join("\n\n");
  const failed = replies.length === 0 || text === errorMessagesVi.internal || text === errorMessagesVi.provider_timeout;
  return { answer: text, answered: !failed, topic: failed ? "out_of_scope" : "greeting_smalltalk", sources: [] };
}

/** Queues the statistics record of an answered `/api/chat` question; never throws. */
function recordChat(
  settings: ApiSettings,
  chat: { text: string; answer: Awaited<ReturnType<AnswerEngine["answer"]>>; channel: string; userKey: string | undefined; latencyMs: number },
): void {
  try {
    const commune = communeFromText(settings.knowledge.current().lexicon, chat.text);
    settings.recorder!.record(recordFromAnswer({ question: chat.text, answer: chat.answer, channel: chat.channel, userKey: chat.userKey ?? null, commune, latencyMs: chat.latencyMs }));
  } catch (error) {
    settings.logger.warn({ err: { name: (error as Error).name } }, "chat question not recorded");
  }
}

/** The one error handler of the HTTP server: typed errors map to status codes and Vietnamese text. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    // express.json() reports malformed JSON and oversized bodies as errors with a status.
    const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode;
    const type = (error as { type?: string }).type;
    if (type === "entity.parse.failed") {
      res.status(400).json({ error: { code: "bad_request", message: "Body is not valid JSON", messageVi: errorMessagesVi.bad_request } });
      return;
    }
    if (type === "entity.too.large") {
      res.status(413).json({ error: { code: "text_too_long", message: "Request body is too large", messageVi: errorMessagesVi.text_too_long } });
      return;
    }
    if (error instanceof InputError) {
      res.status(error.status).json({ error: { code: error.code, message: error.message, messageVi: errorMessagesVi[error.code] } });
      return;
    }
    if (error instanceof AppError && error.code === "index_not_ready") {
      res.status(503).json({ error: { code: error.code, message: error.message, messageVi: errorMessagesVi.index_not_ready } });
      return;
    }
    if (status && status >= 400 && status < 500) {
      res.status(status).json({ error: { code: "bad_request", message: (error as Error).message, messageVi: errorMessagesVi.bad_request } });
      return;
    }
    logger.error({ err: { name: (error as Error).name, code: (error as AppError).code, message: (error as Error).message }, path: req.path }, "request failed");
    res.status(500).json({ error: { code: "internal", message: "Internal error", messageVi: errorMessagesVi.internal } });
  };
}

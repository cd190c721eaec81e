/**
 * The web chat's own API: the page talks to the same conversation as Telegram and Zalo, so
 * `/start`, the menu, 👍/👎, the optional role and commune questions, "đăng ký nhận tin" and
 * "xóa dữ liệu của tôi" (`/xoadulieu`) behave as on the other channels, under the same per-user
 * limit. `POST /api/chat` stays the plain question-answer API for other programs.
 *
 * | route | does |
 * | --- | --- |
 * | `POST /api/web/message` | `{ userId, text }` or `{ userId, choice }` → `{ replies: [{ text, choices?, feedback?, answer? }] }` |
 * | `GET /api/web/settings` | `{ organisation: { name, contact? }, announcements: { telegram?, zalo? } }` for the page |
 *
 * `userId` is the random id the page keeps in the browser; like a platform user id it is only
 * turned into the anonymous user key, never stored or logged.
 */
import crypto from "node:crypto";
import express, { type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import { MAX_QUESTION_CHARS } from "../answering/answer-engine.js";
import type { IncomingMessage, MessageHandler, Reply } from "../conversation/message.js";
import { InputError } from "../errors.js";
import { currentOrganisation } from "../messages-vi.js";
import type { AnnouncementLinks } from "../outreach/subscription-commands.js";

export interface WebChatSettings {
  /** The conversation, behind the per-user limit (`createDelivery(...).onMessage` in `main.ts`). */
  handler: MessageHandler;
  /** Platforms that are on, with the bot's public links, for the page's note on announcements. */
  links?: AnnouncementLinks;
}

const messageSchema = z
  .object({
    userId: z.string().regex(/^[A-Za-z0-9-]{8,100}$/, "must be 8-100 characters of A-Z, a-z, 0-9 and -"),
    text: z.string().max(MAX_QUESTION_CHARS, `is longer than ${MAX_QUESTION_CHARS} characters`).optional(),
    choice: z.string().min(1).max(100, "is longer than 100 characters").optional(),
  })
  .strict()
  .refine((body) => (body.text === undefined) !== (body.choice === undefined), { message: "send either text or choice" });

/** What the page needs of a reply: no record ids beyond the feedback payloads it sends back. */
function webReply(reply: Reply) {
  return {
    text: reply.text,
    ...(reply.choices ? { choices: reply.choices } : {}),
    ...(reply.feedback ? { feedback: { up: reply.feedback.up, down: reply.feedback.down } } : {}),
    ...(reply.answer ? { answer: reply.answer } : {}),
  };
}

export function createWebChatRouter(settings: WebChatSettings): express.Router {
  const router = express.Router();

  router.post("/api/web/message", async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (!req.is("application/json")) throw new InputError("bad_request", "Content-Type must be application/json", 415);
      const parsed = messageSchema.safeParse(req.body);
      if (!parsed.success) {
        const tooLong = parsed.error.issues.some((i) => i.path[0] === "text" && i.code === "too_big");
        throw new InputError(tooLong ? "text_too_long" : "bad_request", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
      }
      const { userId, text, choice } = parsed.data;
      if (text !== undefined && !text.trim()) throw new InputError("text_empty", "text is empty");
      const incoming: IncomingMessage = {
        channel: "web",
        platformUserId: userId,
        chatId: userId,
        // Each request is one delivery; the page does not resend.
        deliveryKey: `web:${crypto.randomUUID()}`,
        kind: text !== undefined ? "text" : "choice",
        ...(text !== undefined ? { text } : { choice }),
      };
      const replies = await settings.handler(incoming, { supportsButtons: true, typing: async () => undefined });
      res.setHeader("Cache-Control", "no-store");
      res.json({ replies: replies.map(webReply) });
    } catch (error) {
      next(error);
    }
  });

  router.get("/api/web/settings", (_req, res) => {
    const org = currentOrganisation();
    const links = settings.links ?? {};
    res.setHeader("Cache-Control", "no-store");
    res.json({
      organisation: { name: org.name, ...(org.contact ? { contact: org.contact } : {}) },
      announcements: {
        ...(links.telegram !== undefined ? { telegram: links.telegram } : {}),
        ...(links.zalo !== undefined ? { zalo: links.zalo } : {}),
      },
    });
  });

  return router;
}

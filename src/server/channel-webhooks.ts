/**
 * The express side of the channels' webhooks: each `ChannelWebhook` (framework-free, see
 * `channels/channel.ts`) becomes `POST <path>`. Mounted ahead of the app's own body parsers: the
 * secret header is checked before the body is read, then the body is parsed with the webhooks' own
 * 256 kB limit, whatever its content type.
 *
 * ```ts
 * app.use(channelWebhookRouter(channels.flatMap((c) => (c.webhook ? [c.webhook] : []))));
 * ```
 */
import express from "express";
import type { ChannelWebhook } from "../channels/channel.js";

/** Updates may quote a long earlier message; 256 kB is far above any real update. */
const WEBHOOK_BODY_LIMIT = "256kb";

export function channelWebhookRouter(webhooks: readonly ChannelWebhook[]): express.Router {
  const router = express.Router();
  for (const webhook of webhooks) {
    router.post(
      webhook.path,
      (req, res, next) => {
        if (!webhook.authorize(req.headers)) {
          // The body is left unread on purpose; closing the connection keeps a large one from lingering.
          res.status(401).set("Connection", "close").json({ error: { code: "unauthorized", message: "Wrong or missing secret token" } });
          return;
        }
        next();
      },
      express.json({ limit: WEBHOOK_BODY_LIMIT, type: () => true }),
      async (req, res, next) => {
        try {
          const response = await webhook.handle({ headers: req.headers, body: req.body as unknown });
          res.status(response.status);
          if (response.headers) res.set(response.headers);
          if (response.body === undefined) res.end();
          else res.json(response.body);
        } catch (error) {
          next(error);
        }
      },
    );
  }
  return router;
}

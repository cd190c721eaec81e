/**
 * The per-user limit in front of the conversation, the same for every chat channel: a user (by
 * anonymous key) sending more than USER_RATE_LIMIT_PER_MINUTE messages in a minute gets one
 * friendly Vietnamese reply, then nothing until the minute is over. Refused messages reach neither
 * the engine nor the LLM and are not recorded.
 *
 * ```ts
 * const onMessage = rateLimitedHandler((m, c) => conversation.handleMessage(m, c), { limiter, userKey, logger });
 * ```
 */
import type { MessageHandler } from "./message.js";
import type { RateLimiter } from "../limits/rate-limiter.js";
import type { Logger } from "../logger.js";
import { limitsVi } from "../messages-vi.js";
import type { Metrics } from "../observability/metrics.js";

export interface RateLimitedHandlerSettings {
  /** The per-user limiter (name `user`); disabled (0) = every message passes. */
  limiter: RateLimiter;
  /** Anonymous key of a platform user, the key the limit counts. */
  userKey: (channel: string, platformUserId: string) => string;
  logger: Logger;
  metrics?: Metrics;
}

export function rateLimitedHandler(handler: MessageHandler, settings: RateLimitedHandlerSettings): MessageHandler {
  if (!settings.limiter.enabled) return handler;
  return async (message, context) => {
    const userKey = settings.userKey(message.channel, message.platformUserId);
    const verdict = await settings.limiter.check(userKey);
    if (verdict.allowed) return handler({ ...message, userKey }, context);
    if (!verdict.firstRefusal) return [];
    settings.logger.info({ channel: message.channel, retryAfterSeconds: verdict.retryAfterSeconds }, "user rate limit reached");
    settings.metrics?.answers.inc({ channel: message.channel, outcome: "rate_limited" });
    return [{ text: limitsVi.userRateLimited }];
  };
}

/**
 * The channels' webhooks without any web framework: `authorize` checks the secret header and
 * `handle` turns a parsed body into a status and a JSON body (express only serves them, in
 * `server/channel-webhooks.ts`; the HTTP behaviour is in telegram-webhook and zalo-webhook tests).
 */
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { InboundSink } from "../../src/channels/channel.js";
import { createTelegramChannel } from "../../src/channels/telegram.js";
import { createZaloChannel } from "../../src/channels/zalo.js";
import type { IncomingMessage } from "../../src/conversation/message.js";
import { TELEGRAM_SECRET, ZALO_SECRET, zaloText } from "../helpers/channel-harness.js";

const logger = pino({ level: "silent" });

/** An inbound sink that keeps what it is given. */
function recordingSink(): InboundSink & { accepted: IncomingMessage[] } {
  const accepted: IncomingMessage[] = [];
  return { accepted, accept: async (message) => (accepted.push(message), "accepted") };
}

function settings(inbound: InboundSink, webhookSecret: string) {
  // Nothing here calls the platform: the API root is never reached.
  return { token: "1:test", webhookSecret, apiRoot: "http://127.0.0.1:9", mode: "webhook" as const, logger, inbound };
}

describe("channel webhooks without a web framework", () => {
  it("should authorize only the platform's secret header, by its lower-case name", () => {
    const telegram = createTelegramChannel(settings(recordingSink(), TELEGRAM_SECRET)).webhook!;
    const zalo = createZaloChannel(settings(recordingSink(), ZALO_SECRET)).webhook!;
    expect([telegram.path, zalo.path]).toEqual(["/webhooks/telegram", "/webhooks/zalo"]);
    expect(telegram.authorize({ "x-telegram-bot-api-secret-token": TELEGRAM_SECRET })).toBe(true);
    expect(telegram.authorize({ "x-telegram-bot-api-secret-token": "wrong" })).toBe(false);
    expect(telegram.authorize({})).toBe(false);
    expect(telegram.authorize({ "x-telegram-bot-api-secret-token": [TELEGRAM_SECRET, TELEGRAM_SECRET] })).toBe(false);
    expect(zalo.authorize({ "x-bot-api-secret-token": ZALO_SECRET })).toBe(true);
    expect(zalo.authorize({ "x-bot-api-secret-token": TELEGRAM_SECRET })).toBe(false);
  });

  it("should answer 400 to a body that is not an update, and keep nothing", async () => {
    const sink = recordingSink();
    const telegram = createTelegramChannel(settings(sink, TELEGRAM_SECRET)).webhook!;
    const zalo = createZaloChannel(settings(sink, ZALO_SECRET)).webhook!;
    const headers = { "x-telegram-bot-api-secret-token": TELEGRAM_SECRET, "x-bot-api-secret-token": ZALO_SECRET };
    for (const body of [undefined, "text", { update_id: -1 }, []]) {
      expect((await telegram.handle({ headers, body })).status).toBe(400);
      expect((await zalo.handle({ headers, body })).status).toBe(400);
    }
    expect(sink.accepted).toEqual([]);
  });

  it("should hand a Zalo event to the inbound sink as the neutral message and answer 200", async () => {
    const sink = recordingSink();
    const zalo = createZaloChannel(settings(sink, ZALO_SECRET)).webhook!;
    const response = await zalo.handle({ headers: { "x-bot-api-secret-token": ZALO_SECRET }, body: zaloText("học nghề hàn ở đâu", "chat-1") });
    expect(response).toEqual({ status: 200, body: { ok: true } });
    expect(sink.accepted).toEqual([expect.objectContaining({ channel: "zalo", chatId: "chat-1", kind: "text", text: "học nghề hàn ở đâu" })]);
  });
});

/** Channel settings from the environment: defaults, refusals naming the variable, channels off. */
import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createChannels } from "../../src/channels/create-channels.js";
import { loadConfig } from "../../src/config.js";
import { ConfigError } from "../../src/errors.js";

const TOKENS = { TELEGRAM_BOT_TOKEN: "1:telegram", ZALO_BOT_TOKEN: "2:zalo" };

describe("channel settings", () => {
  it("should poll without PUBLIC_URL and use webhooks with it", () => {
    expect(loadConfig({}).channels.mode).toBe("polling");
    const webhook = loadConfig({ PUBLIC_URL: "https://bot.example.vn/", TELEGRAM_WEBHOOK_SECRET: "abc", ZALO_WEBHOOK_SECRET: "12345678" }).channels;
    expect(webhook.mode).toBe("webhook");
    expect(webhook.publicUrl).toBe("https://bot.example.vn");
    expect(loadConfig({ PUBLIC_URL: "https://bot.example.vn", BOT_MODE: "polling" }).channels.mode).toBe("polling");
  });

  it("should default the API roots and leave a channel without token off", () => {
    const channels = loadConfig(TOKENS).channels;
    expect(channels.telegram).toEqual({ token: "1:telegram", webhookSecret: undefined, apiRoot: "https://api.telegram.org" });
    expect(channels.zalo).toEqual({ token: "2:zalo", webhookSecret: undefined, apiRoot: "https://bot-api.zaloplatforms.com" });
    expect(loadConfig({}).channels.telegram).toBeUndefined();
  });

  it.each([
    [{ ...TOKENS, BOT_MODE: "webhook", ZALO_WEBHOOK_SECRET: "12345678" }, "TELEGRAM_WEBHOOK_SECRET"],
    [{ ...TOKENS, PUBLIC_URL: "https://bot.example.vn", TELEGRAM_WEBHOOK_SECRET: "abc" }, "ZALO_WEBHOOK_SECRET"],
    [{ BOT_MODE: "sometimes" }, "BOT_MODE"],
    [{ TELEGRAM_WEBHOOK_SECRET: "has spaces" }, "TELEGRAM_WEBHOOK_SECRET"],
    [{ ZALO_WEBHOOK_SECRET: "short" }, "ZALO_WEBHOOK_SECRET"],
    [{ ZALO_API_ROOT: "not a url" }, "ZALO_API_ROOT"],
    [{ PUBLIC_URL: "bot.example.vn" }, "PUBLIC_URL"],
  ])("should refuse %j naming %s", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it("should say once per channel that it is off when its token is missing", () => {
    const lines: string[] = [];
    const logger = pino({ level: "info" }, new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
    const channels = createChannels(loadConfig({}).channels, { logger, inbound: { accept: async () => "accepted" } });
    expect(channels).toEqual([]);
    expect(lines.filter((l) => l.includes("TELEGRAM_BOT_TOKEN is not set"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes("ZALO_BOT_TOKEN is not set"))).toHaveLength(1);
  });

  it("should never log a token", () => {
    const lines: string[] = [];
    const logger = pino({ level: "debug" }, new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
    const channels = createChannels(loadConfig({ ...TOKENS }).channels, { logger, inbound: { accept: async () => "accepted" } });
    expect(channels.map((c) => c.name)).toEqual(["telegram", "zalo"]);
    expect(lines.join("\n")).not.toMatch(/1:telegram|2:zalo/);
  });
});

/**
 * The outreach settings: defaults, and start-up errors that name the variable to fix.
 */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

const base = { LOG_LEVEL: "silent" };

describe("outreach settings", () => {
  it("should default to 25 Telegram and 5 Zalo messages per second and no staff chat", () => {
    const config = loadConfig(base);
    expect(config.outreach).toEqual({ staffTelegramChatId: undefined, perSecond: { telegram: 25, zalo: 5 } });
  });

  it("should read the staff chat and the rates", () => {
    const config = loadConfig({ ...base, TELEGRAM_BOT_TOKEN: "1:abc", STAFF_TELEGRAM_CHAT_ID: "-1001234567890", TELEGRAM_SEND_PER_SECOND: "20", ZALO_SEND_PER_SECOND: "2" });
    expect(config.outreach).toEqual({ staffTelegramChatId: "-1001234567890", perSecond: { telegram: 20, zalo: 2 } });
  });

  it("should name the variable of a wrong value", () => {
    expect(() => loadConfig({ ...base, TELEGRAM_BOT_TOKEN: "1:abc", STAFF_TELEGRAM_CHAT_ID: "@nhom-can-bo" })).toThrow(/STAFF_TELEGRAM_CHAT_ID/);
    expect(() => loadConfig({ ...base, STAFF_TELEGRAM_CHAT_ID: "-1001234567890" })).toThrow(/STAFF_TELEGRAM_CHAT_ID needs TELEGRAM_BOT_TOKEN/);
    expect(() => loadConfig({ ...base, TELEGRAM_SEND_PER_SECOND: "0" })).toThrow(/TELEGRAM_SEND_PER_SECOND/);
    expect(() => loadConfig({ ...base, ZALO_SEND_PER_SECOND: "fast" })).toThrow(/ZALO_SEND_PER_SECOND/);
  });
});

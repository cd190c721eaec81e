/**
 * Logs staff can read: pretty lines in a terminal, JSON lines otherwise (or as LOG_FORMAT says),
 * and no personal data in either form.
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, type LoggerOptions } from "../../src/logger.js";

function capture(options: LoggerOptions): { logger: ReturnType<typeof createLogger>; output: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { logger: createLogger("info", stream as unknown as NodeJS.WritableStream & { write(s: string): boolean }, options), output: () => text };
}

const PERSONAL = {
  text: "em tên Lan, sđt 0912345678",
  question: "Học nghề ở đâu? 0912345678",
  reply: "Gọi 0912345678",
  userId: "zalo-user-5550001",
  chatId: "6700000001",
  password: "mat-khau",
  nested: { text: "câu hỏi riêng", token: "123:ABC" },
};

describe("log format", () => {
  it("should write readable lines, not JSON, in a terminal", () => {
    const { logger, output } = capture({ format: "auto", isTty: true });
    logger.info({ channel: "zalo", ms: 840, ...PERSONAL }, "answered");
    const text = output();
    expect(() => JSON.parse(text)).toThrow();
    expect(text).toContain("answered");
    expect(text).toMatch(/INFO/);
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);
    expect(text).toContain("zalo");
    for (const secret of ["0912345678", "Lan", "zalo-user-5550001", "6700000001", "mat-khau", "câu hỏi riêng", "123:ABC"]) expect(text).not.toContain(secret);
  });

  it("should write one JSON object a line when not a terminal", () => {
    const { logger, output } = capture({ format: "auto", isTty: false });
    logger.info({ channel: "web", ...PERSONAL }, "answered");
    logger.warn("second line");
    const lines = output().trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 30, msg: "answered", channel: "web", text: "[redacted]", question: "[redacted]", reply: "[redacted]", userId: "[redacted]", chatId: "[redacted]", password: "[redacted]" });
    expect(lines[0]!.nested).toEqual({ text: "[redacted]", token: "[redacted]" });
    expect(output()).not.toContain("0912345678");
  });

  it("should follow LOG_FORMAT over the terminal check", () => {
    const json = capture({ format: "json", isTty: true });
    json.logger.info("x");
    expect(JSON.parse(json.output().trim())).toMatchObject({ msg: "x" });
    const pretty = capture({ format: "pretty", isTty: false });
    pretty.logger.info({ text: "bí mật" }, "y");
    expect(() => JSON.parse(pretty.output().trim())).toThrow();
    expect(pretty.output()).toContain("y");
    expect(pretty.output()).not.toContain("bí mật");
    // Not a terminal: no colour codes.
    expect(pretty.output()).not.toContain("\u001b[");
  });
});

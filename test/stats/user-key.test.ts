import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createUserKey, loadStatsSalt, SALT_FILE_NAME } from "../../src/stats/user-key.js";
import { tempDir } from "../helpers/test-knowledge.js";

const dirs: string[] = [];
const dir = () => {
  const d = tempDir("tracu-salt-");
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("anonymous user key", () => {
  it("should be the HMAC-SHA256 of channel and user id, the same each time", () => {
    const key = createUserKey("a-salt-of-sixteen-chars");
    const value = key("telegram", "123456789");
    expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect(key("telegram", "123456789")).toBe(value);
    expect(value).not.toContain("123456789");
  });

  it("should differ by channel, by user and by salt", () => {
    const key = createUserKey("a-salt-of-sixteen-chars");
    expect(key("telegram", "42")).not.toBe(key("zalo", "42"));
    expect(key("telegram", "42")).not.toBe(key("telegram", "43"));
    // "ab" + "c" and "a" + "bc" must not collide: the separator is part of the message.
    expect(key("ab", "c")).not.toBe(key("a", "bc"));
    expect(createUserKey("another-salt-0123456")("telegram", "42")).not.toBe(key("telegram", "42"));
  });

  it("should generate a salt once, keep it in DATA_DIR/stats-salt with mode 0600, and reuse it", () => {
    const dataDir = dir();
    const first = loadStatsSalt({ dataDir });
    const file = path.join(dataDir, SALT_FILE_NAME);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadStatsSalt({ dataDir })).toBe(first);
    expect(loadStatsSalt({ dataDir: dir() })).not.toBe(first);
  });

  it("should tighten the permissions of a salt file restored with looser ones", () => {
    const dataDir = dir();
    const salt = loadStatsSalt({ dataDir });
    const file = path.join(dataDir, SALT_FILE_NAME);
    fs.chmodSync(file, 0o644);
    expect(loadStatsSalt({ dataDir })).toBe(salt);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("should use STATS_SALT when set and write no file", () => {
    const dataDir = dir();
    expect(loadStatsSalt({ dataDir, configured: "configured-salt-123456" })).toBe("configured-salt-123456");
    expect(fs.existsSync(path.join(dataDir, SALT_FILE_NAME))).toBe(false);
  });
});

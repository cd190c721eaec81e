/**
 * The CSV export of query records (`GET /api/stats/export.csv`): one row per question, RFC 4180
 * quoting, CRLF line ends, preceded by a UTF-8 byte order mark so that Excel shows Vietnamese
 * correctly. Only the anonymous user key, the masked question and the bot's masked reply are exported.
 *
 * A question typed by a user may start with "=", "+", "-" or "@": such a cell gets a leading "'"
 * so that a spreadsheet shows it as text instead of running it as a formula (CSV injection).
 */
import { localDateTimeVi } from "../store/local-date.js";
import type { QueryRecord } from "../store/store.js";
import { answererLabelsVi, channelLabelsVi, replyFlagLabelsVi, roleLabelsVi, topicLabelsVi } from "../messages-vi.js";

/** The byte order mark that tells Excel the file is UTF-8. */
export const CSV_BOM = "\uFEFF";

export const CSV_COLUMNS = [
  "Mã",
  "Thời gian (giờ Việt Nam)",
  "Kênh",
  "Người hỏi (mã ẩn danh)",
  "Vai trò",
  "Xã",
  "Chủ đề",
  "Mã chủ đề",
  "Câu hỏi (đã che số cá nhân)",
  "Trả lời của bot (đã che số cá nhân)",
  "Cán bộ đánh giá",
  "Trả lời được",
  "Độ tin cậy",
  "Nguồn",
  "Cách trả lời",
  "Thời gian xử lý (ms)",
  "Góp ý",
  "Đã xem",
] as const;

/** One field, quoted when it holds a comma, quote or line break, and defused when it looks like a formula. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = typeof value === "string" ? value : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: (string | number | boolean | null)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** The header line, BOM first. */
export function csvHeader(): string {
  return CSV_BOM + csvLine([...CSV_COLUMNS]);
}

export function csvRecordLine(record: QueryRecord): string {
  return csvLine([
    record.id,
    localDateTimeVi(record.at, true),
    channelLabelsVi[record.channel] ?? record.channel,
    record.userKey,
    roleLabelsVi[record.role] ?? record.role,
    record.commune,
    topicLabelsVi[record.topic] ?? record.topic,
    record.topic,
    record.question,
    record.reply ?? null,
    record.flag ? (replyFlagLabelsVi[record.flag] ?? record.flag) : null,
    record.answered ? "có" : "không",
    Math.round(record.confidence * 100) / 100,
    record.sources.join("; "),
    answererLabelsVi[record.answerer] ?? record.answerer,
    record.latencyMs,
    record.feedback === "up" ? "👍" : record.feedback === "down" ? "👎" : null,
    record.reviewed ? "có" : "không",
  ]);
}

/**
 * The validation report in Vietnamese, for the Labour Office's staff on `/dashboard/du-lieu`:
 * each problem by file, row and column, what is wrong and what happened to the row. The reader
 * (`knowledge/labour/`) writes its problems in English for operators; this table says them again
 * for the office. A message not in the table is shown with its English detail.
 */
import type { ValidationIssue } from "../knowledge/types.js";

const PROBLEMS: [RegExp, string][] = [
  [/required value is empty/, "ô bắt buộc đang để trống"],
  [/is a range, not a single amount/, "là một khoảng tiền; hãy ghi mức thấp nhất và mức cao nhất ở hai cột riêng"],
  [/is too small for an amount of money/, "số tiền quá nhỏ; hãy ghi cả đơn vị, ví dụ \"7 triệu\""],
  [/is too large for an amount of money/, "số tiền quá lớn (trên 1 tỷ đồng)"],
  [/is not a recognised amount of money/, "không đọc được số tiền (ghi ví dụ 7.000.000, 7 triệu hoặc Thỏa thuận)"],
  [/is negative/, "là số âm"],
  [/is not a whole number/, "không phải số nguyên"],
  [/is not a year between/, "không phải năm từ 2000 đến 2100"],
  [/is not a real calendar date/, "không phải ngày có thật"],
  [/is not a date|is not a month|not a date or month|date/i, "không đọc được ngày (ghi dạng dd/mm/yyyy, ví dụ 15/12/2026)"],
  [/is less than/, "nhỏ hơn lương tối thiểu"],
  [/^unknown column/, "cột không có trong mẫu, bị bỏ qua"],
  [/^duplicate column/, "cột bị lặp, chỉ dùng cột đầu tiên"],
  [/^missing required column "([^"]+)"/, "thiếu cột bắt buộc \"$1\""],
  [/^unrecognised header row/, "không nhận ra dòng tiêu đề: cần đúng các cột của một trong ba mẫu (việc làm, khóa đào tạo, nhu cầu lao động); hãy tải mẫu trống ở trang này"],
  [/^file is too large/, "tệp quá lớn"],
  [/^file has more than/, "tệp có quá nhiều dòng; hãy chia thành nhiều tệp"],
  [/^file is not UTF-8 or UTF-16 text/, "tệp không phải văn bản CSV (UTF-8); trong Excel hãy chọn \"Lưu thành\" → \"CSV UTF-8\" hoặc lưu dạng .xlsx"],
  [/^file is an Excel workbook saved with a \.csv name/, "tệp là sổ tính Excel nhưng mang tên .csv"],
  [/^file is not a readable \.xlsx workbook/, "không mở được tệp .xlsx (tệp hỏng hoặc không phải bảng tính Excel)"],
  [/^workbook has no worksheet/, "sổ tính không có trang tính nào"],
  [/^file is empty/, "tệp trống, không có dòng tiêu đề"],
  [/^file is not valid CSV/, "tệp CSV sai định dạng"],
];

/** The problem in Vietnamese, without the place. */
export function problemVi(message: string): string {
  for (const [pattern, text] of PROBLEMS) {
    const match = pattern.exec(message);
    if (match) return text.replace(/\$1/g, match[1] ?? "");
  }
  return `giá trị không hợp lệ (${message})`;
}

export interface ReportLineVi {
  file: string;
  row?: number;
  column?: string;
  /** `loi` (a row dropped or a file refused), `chua-ro` (kept, cell shown "chưa rõ"), `canh-bao` (warning). */
  level: "loi" | "chua-ro" | "canh-bao";
  text: string;
}

/** One line per problem: "Tệp a.xlsx, dòng 5, cột "Lương tối thiểu": … Dòng vẫn được giữ, ô này ghi "chưa rõ"." */
export function reportLineVi(issue: ValidationIssue): ReportLineVi {
  const where = [`Tệp ${issue.file}`, issue.row ? `dòng ${issue.row}` : "", issue.column ? `cột "${issue.column}"` : ""].filter(Boolean).join(", ");
  const problem = problemVi(issue.message);
  if (issue.cellUnclear) {
    return { file: issue.file, row: issue.row, column: issue.column, level: "chua-ro", text: `${where}: ${problem}. Dòng vẫn được giữ, ô này ghi "chưa rõ".` };
  }
  if (issue.severity === "warning") return { file: issue.file, row: issue.row, column: issue.column, level: "canh-bao", text: `${where}: ${problem}.` };
  const consequence = issue.row && !/header|column/.test(issue.message) ? " Dòng này bị bỏ qua." : "";
  return { file: issue.file, row: issue.row, column: issue.column, level: "loi", text: `${where}: ${problem}.${consequence}` };
}

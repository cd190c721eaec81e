/**
 * The three Labour Office tables and how their header rows are recognised. Headers match
 * regardless of case, diacritics, spacing, trailing punctuation (":" "*" "."), a trailing unit in
 * brackets ("Lương tối thiểu (đồng)") and column order.
 */
import type { LabourTableKind } from "../types.js";
import { foldedKey } from "../vietnamese.js";
import { cleanText } from "./parse-result.js";

/**
 * How a column's cells are read: `money` (wage), `fee` (money where "Miễn học phí" and 0 mean
 * free), `integer` (≥ 0), `year` (2000–2100), `date` (a day), `month` (a day or just a month).
 */
export type FieldType = "text" | "money" | "fee" | "integer" | "year" | "date" | "month";

export interface FieldDef {
  /** Property of JobOpening / TrainingCourse / LabourDemand. */
  key: string;
  /** The header as the templates write it. */
  header: string;
  /** Other headers accepted for this column. */
  aliases?: readonly string[];
  required: boolean;
  type: FieldType;
  /** How to fill the column, in Vietnamese (template "Hướng dẫn" sheet). */
  guide: string;
  /** An example value, in Vietnamese. */
  example: string;
}

export interface TableDef {
  kind: LabourTableKind;
  /** Vietnamese name of the table. */
  title: string;
  /** Worksheet name in the template. */
  sheetName: string;
  /** Template file name. */
  templateFile: string;
  fields: readonly FieldDef[];
}

const MONEY_GUIDE =
  "Một con số mỗi tháng: 7.000.000 hoặc 7 triệu hoặc 7,5 triệu hoặc 7tr; ghi “Thỏa thuận” nếu chưa có mức cụ thể. Không ghi khoảng “7 - 9 triệu” (ghi tối thiểu và tối đa ở hai cột).";

export const JOB_TABLE: TableDef = {
  kind: "jobs",
  title: "Việc làm đang tuyển",
  sheetName: "Việc làm",
  templateFile: "mau-viec-lam.xlsx",
  fields: [
    { key: "company", header: "Doanh nghiệp", aliases: ["Tên doanh nghiệp", "Công ty", "Đơn vị tuyển dụng"], required: true, type: "text", guide: "Tên doanh nghiệp tuyển dụng.", example: "Công ty TNHH May Ví Dụ" },
    { key: "position", header: "Vị trí", aliases: ["Vị trí tuyển dụng", "Vị trí việc làm"], required: true, type: "text", guide: "Công việc cần tuyển.", example: "Công nhân may" },
    { key: "quantity", header: "Số lượng", aliases: ["Số lượng tuyển", "Số lượng cần tuyển"], required: false, type: "integer", guide: "Số người cần tuyển, số nguyên; để trống nếu chưa rõ.", example: "20" },
    { key: "wageMin", header: "Lương tối thiểu", required: false, type: "money", guide: `Mức lương thấp nhất. ${MONEY_GUIDE}`, example: "7.000.000" },
    { key: "wageMax", header: "Lương tối đa", required: false, type: "money", guide: `Mức lương cao nhất, không nhỏ hơn lương tối thiểu. ${MONEY_GUIDE}`, example: "9 triệu" },
    { key: "workplace", header: "Nơi làm việc", aliases: ["Địa điểm làm việc"], required: false, type: "text", guide: "Xã, khu công nghiệp hoặc địa chỉ nơi làm việc.", example: "Xã Trà Cú" },
    { key: "requirements", header: "Yêu cầu", aliases: ["Yêu cầu tuyển dụng"], required: false, type: "text", guide: "Trình độ, tuổi, kinh nghiệm cần có.", example: "Từ 18 tuổi, tốt nghiệp THCS" },
    { key: "deadline", header: "Hạn nộp", aliases: ["Hạn nộp hồ sơ"], required: false, type: "date", guide: "Ngày hết hạn nhận hồ sơ, dạng ngày/tháng/năm.", example: "15/12/2026" },
    { key: "contact", header: "Liên hệ", aliases: ["Thông tin liên hệ"], required: false, type: "text", guide: "Nơi nhận hồ sơ hoặc bộ phận liên hệ.", example: "Phòng nhân sự công ty" },
  ],
};

export const COURSE_TABLE: TableDef = {
  kind: "courses",
  title: "Khóa đào tạo nghề",
  sheetName: "Khóa đào tạo",
  templateFile: "mau-khoa-dao-tao.xlsx",
  fields: [
    { key: "institution", header: "Cơ sở đào tạo", aliases: ["Cơ sở giáo dục nghề nghiệp", "Trường"], required: true, type: "text", guide: "Tên trường hoặc trung tâm đào tạo.", example: "Trung tâm GDNN-GDTX Ví Dụ" },
    { key: "trade", header: "Nghề", aliases: ["Tên nghề", "Nghề đào tạo"], required: true, type: "text", guide: "Tên nghề đào tạo.", example: "Điện công nghiệp" },
    { key: "level", header: "Trình độ", aliases: ["Trình độ đào tạo"], required: false, type: "text", guide: "Sơ cấp, trung cấp, cao đẳng hoặc dưới 3 tháng.", example: "Trung cấp" },
    { key: "duration", header: "Thời gian", aliases: ["Thời gian đào tạo", "Thời gian học"], required: false, type: "text", guide: "Thời gian học.", example: "3 tháng" },
    { key: "fee", header: "Học phí", required: false, type: "fee", guide: "Số tiền cả khóa: 3.500.000 hoặc 3,5 triệu; ghi “Miễn học phí” nếu học miễn phí.", example: "Miễn học phí" },
    { key: "support", header: "Hỗ trợ", aliases: ["Chế độ hỗ trợ", "Chính sách hỗ trợ"], required: false, type: "text", guide: "Các khoản hỗ trợ người học (tiền ăn, đi lại...).", example: "Hỗ trợ tiền ăn 30.000 đồng/ngày" },
    { key: "audience", header: "Đối tượng", aliases: ["Đối tượng tuyển sinh"], required: false, type: "text", guide: "Ai được đăng ký học.", example: "Học sinh tốt nghiệp THCS" },
    { key: "location", header: "Địa điểm", aliases: ["Địa điểm học", "Địa điểm đào tạo"], required: false, type: "text", guide: "Nơi học.", example: "Xã Trà Cú" },
    { key: "startDate", header: "Khai giảng", aliases: ["Ngày khai giảng", "Thời gian khai giảng"], required: false, type: "month", guide: "Ngày khai giảng dạng ngày/tháng/năm, hoặc tháng/năm nếu chưa có ngày.", example: "15/12/2026 hoặc 12/2026" },
    { key: "contact", header: "Liên hệ", aliases: ["Thông tin liên hệ"], required: false, type: "text", guide: "Nơi đăng ký hoặc bộ phận liên hệ.", example: "Phòng tuyển sinh" },
  ],
};

export const DEMAND_TABLE: TableDef = {
  kind: "demand",
  title: "Nhu cầu lao động",
  sheetName: "Nhu cầu lao động",
  templateFile: "mau-nhu-cau-lao-dong.xlsx",
  fields: [
    { key: "trade", header: "Ngành nghề", aliases: ["Ngành", "Nghề nghiệp"], required: true, type: "text", guide: "Ngành nghề cần lao động.", example: "May công nghiệp" },
    { key: "year", header: "Năm", required: true, type: "year", guide: "Năm của số liệu, từ 2000 đến 2100.", example: "2026" },
    { key: "demand", header: "Nhu cầu", aliases: ["Nhu cầu tuyển dụng", "Số lượng cần"], required: true, type: "integer", guide: "Số lao động cần, số nguyên.", example: "150" },
    { key: "avgWage", header: "Lương bình quân", aliases: ["Lương trung bình", "Mức lương bình quân"], required: false, type: "money", guide: `Lương bình quân mỗi tháng. ${MONEY_GUIDE}`, example: "8,5 triệu" },
    { key: "note", header: "Ghi chú", required: false, type: "text", guide: "Ghi chú thêm (nguồn số liệu, khu vực...).", example: "Số liệu khảo sát doanh nghiệp" },
  ],
};

export const LABOUR_TABLES: readonly TableDef[] = [JOB_TABLE, COURSE_TABLE, DEMAND_TABLE];

export function tableFor(kind: LabourTableKind): TableDef {
  const table = LABOUR_TABLES.find((t) => t.kind === kind);
  if (!table) throw new Error(`unknown labour table kind: ${kind}`);
  return table;
}

/**
 * The matching form of a header cell: diacritics folded, lower case, spaces collapsed, trailing
 * punctuation and a trailing bracketed unit removed. `"  LUONG TOI  THIEU (đồng):*"` →
 * `"luong toi thieu"`.
 */
export function headerKey(cell: string): string {
  let text = cleanText(cell);
  // Trailing punctuation, then a trailing "(...)" unit, then punctuation again ("Học phí (đồng):").
  for (let i = 0; i < 3; i++) {
    text = text.replace(/[\s:*.,;!?\-–_]+$/u, "").replace(/\s*[([][^()[\]]*[)\]]$/u, "");
  }
  return foldedKey(text);
}

export interface HeaderMatch {
  kind: LabourTableKind;
  table: TableDef;
  /** Column index (0-based) → field, for every recognised column. */
  columns: Map<number, FieldDef>;
  /** Headers as written (cleaned) of columns that match no field. */
  unknown: string[];
  /** Headers as written of columns naming a field already matched by an earlier column. */
  duplicates: string[];
  /** Expected headers of required fields with no column. */
  missing: string[];
  /** Every header cell as written (cleaned), by column index. */
  headers: string[];
}

const KEYS_BY_TABLE = new Map<LabourTableKind, Map<string, FieldDef>>(
  LABOUR_TABLES.map((table) => {
    const keys = new Map<string, FieldDef>();
    for (const field of table.fields) {
      for (const name of [field.header, ...(field.aliases ?? [])]) keys.set(headerKey(name), field);
    }
    return [table.kind, keys];
  }),
);

/**
 * Recognises a header row: the table whose known headers match the most columns, with at least
 * two matches including a required column (ties go to more required matches, then table order).
 * Null when no table qualifies.
 */
export function recogniseHeader(cells: readonly unknown[]): HeaderMatch | null {
  const headers = cells.map((cell) => (cell === null || cell === undefined ? "" : cleanText(String(cell))));
  const keys = headers.map(headerKey);
  let best: HeaderMatch | null = null;
  let bestScore = [0, 0];
  for (const table of LABOUR_TABLES) {
    const known = KEYS_BY_TABLE.get(table.kind)!;
    const columns = new Map<number, FieldDef>();
    const seen = new Set<string>();
    const unknown: string[] = [];
    const duplicates: string[] = [];
    keys.forEach((key, index) => {
      if (!key) return;
      const field = known.get(key);
      if (!field) unknown.push(headers[index]!);
      else if (seen.has(field.key)) duplicates.push(headers[index]!);
      else {
        seen.add(field.key);
        columns.set(index, field);
      }
    });
    const matched = columns.size;
    const requiredMatched = table.fields.filter((f) => f.required && seen.has(f.key)).length;
    if (matched < 2 || requiredMatched < 1) continue;
    if (matched > bestScore[0]! || (matched === bestScore[0] && requiredMatched > bestScore[1]!)) {
      bestScore = [matched, requiredMatched];
      const missing = table.fields.filter((f) => f.required && !seen.has(f.key)).map((f) => f.header);
      best = { kind: table.kind, table, columns, unknown, duplicates, missing, headers };
    }
  }
  return best;
}

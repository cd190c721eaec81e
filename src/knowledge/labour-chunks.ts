/**
 * Labour Office rows as searchable chunks, so a free-text question can still find a row; the
 * structured answers in `answering/labour-answerer.ts` read the rows themselves.
 */
import { formatDateVi } from "./labour/dates.js";
import { UNCLEAR_CELL } from "./labour/labour-loader.js";
import type { Chunk, JobOpening, LabourData, LabourDemand, LabourFile, Money, TrainingCourse } from "./types.js";

const KIND_TITLES = {
  jobs: "Danh sách việc làm",
  courses: "Danh sách khóa đào tạo",
  demand: "Nhu cầu lao động",
} as const;

/** Citation title of a spreadsheet: its kind, file name and data date. */
export function labourFileTitle(file: LabourFile): string {
  return `${KIND_TITLES[file.kind]} của cơ quan lao động (tệp ${file.file}, cập nhật ${formatDateVi(file.asOf)})${file.example ? " — dữ liệu mẫu" : ""}`;
}

export function labourDocId(file: string): string {
  return `labour:${file}`;
}

/** The spreadsheet row a labour chunk was made from (its id is `labour:<file>#<row>`), or undefined for other chunks. */
export function labourRowOf(chunk: { kind: string; docId: string; id: string }): { file: string; row: number } | undefined {
  if (chunk.kind !== "labour") return undefined;
  return { file: chunk.docId.slice(labourDocId("").length), row: Number(chunk.id.slice(chunk.id.lastIndexOf("#") + 1)) };
}

export function moneyText(money: Money | null): string | undefined {
  return money ? money.text : undefined;
}

/** "chưa rõ" for a cell that could not be read (the row was kept), else nothing. */
function unclear(row: { unclear?: string[] }, key: string): string | null {
  return row.unclear?.includes(key) ? UNCLEAR_CELL : null;
}

function line(label: string, value: string | number | null | undefined): string {
  return value === null || value === undefined || value === "" ? "" : ` ${label}: ${value}.`;
}

export function jobText(job: JobOpening): string {
  const wage =
    job.wageMin && job.wageMax && job.wageMin.text !== job.wageMax.text
      ? `${job.wageMin.text} - ${job.wageMax.text}`
      : (job.wageMin ?? job.wageMax)?.text;
  return (
    `Tuyển dụng ${job.position} tại ${job.company}.` +
    line("Số lượng", job.quantity ?? unclear(job, "quantity")) +
    // "280.000/ngày" says its own period; only a monthly figure is "một tháng".
    line(`Lương ${job.position.toLocaleLowerCase("vi")}${job.wageMin?.per || job.wageMax?.per ? "" : " một tháng"}`, wage) +
    line("Nơi làm việc", job.workplace) +
    line("Yêu cầu", job.requirements) +
    line("Hạn nộp", job.deadline ? formatDateVi(job.deadline) : (job.deadlineNote ?? unclear(job, "deadline"))) +
    line("Liên hệ", job.contact)
  );
}

export function courseText(course: TrainingCourse): string {
  return (
    `Khóa đào tạo nghề ${course.trade}${course.level ? ` trình độ ${course.level}` : ""} tại ${course.institution}.` +
    line("Thời gian", course.duration) +
    line("Học phí", moneyText(course.fee)) +
    line("Hỗ trợ", course.support) +
    line("Đối tượng", course.audience) +
    line("Địa điểm", course.location) +
    line("Khai giảng", course.startDate ? formatDateVi(course.startDate) : (course.startNote ?? unclear(course, "startDate"))) +
    line("Liên hệ", course.contact)
  );
}

export function demandText(row: LabourDemand): string {
  return (
    `Nhu cầu lao động ngành ${row.trade} năm ${row.year}: cần ${row.demand.toLocaleString("vi-VN")} người lao động.` +
    line("Lương bình quân", moneyText(row.avgWage)) +
    line("Ghi chú", row.note)
  );
}

/** One chunk per row, cited by file and row number. */
export function labourChunks(data: LabourData): Chunk[] {
  const files = new Map(data.files.map((f) => [f.file, f]));
  const chunks: Chunk[] = [];
  const push = (file: string, row: number, text: string, topic: Chunk["topic"], example?: boolean) => {
    const meta = files.get(file);
    chunks.push({
      id: `${labourDocId(file)}#${row}`,
      docId: labourDocId(file),
      docTitle: meta ? labourFileTitle(meta) : file,
      kind: "labour",
      ref: `dòng ${row}`,
      trail: [],
      text,
      asOf: meta?.asOf,
      topic,
      status: "current",
      example,
    });
  };
  for (const job of data.jobs) push(job.file, job.row, jobText(job), "labour_market_jobs", job.example);
  for (const course of data.courses) push(course.file, course.row, courseText(course), "vocational_training_options", course.example);
  for (const row of data.demand) push(row.file, row.row, demandText(row), "labour_market_jobs", row.example);
  return chunks;
}

/**
 * Shapes shared by the knowledge layer: documents, chunks, Labour Office rows and the validation
 * report. Everything below `answering/` speaks these types; nothing here knows about channels.
 */

/** The nine topics of the contract (CONTRACTS.md § Topics). */
export const TOPICS = [
  "phan_luong_policy",
  "vocational_training_options",
  "tuition_and_support",
  "labour_market_jobs",
  "work_abroad",
  "plan_responsibilities",
  "contact_and_events",
  "greeting_smalltalk",
  "out_of_scope",
] as const;
export type Topic = (typeof TOPICS)[number];

/** Where a piece of knowledge comes from, as shown to users after "Nguồn:". */
export interface SourceRef {
  /** Document or file title as users see it. */
  title: string;
  /** Section path such as `IV.2.b`, or a heading. */
  ref?: string;
  /** Date the content is valid for, `YYYY-MM-DD`. */
  asOf?: string;
  /** Public URL of the original, when known. */
  url?: string;
}

/** A searchable passage of a document. */
export interface Chunk {
  /** Stable id: `<docId>#<n>`. */
  id: string;
  docId: string;
  /** Short document title used in citations. */
  docTitle: string;
  /** `plan` (the 2023 district plan), `policy`, `context`, `faq` or `labour`. */
  kind: "plan" | "policy" | "context" | "faq" | "labour";
  /** Section path, e.g. `IV.2.b`, or the heading for unnumbered documents. */
  ref?: string;
  /** Heading titles from the document root down to this chunk. */
  trail: string[];
  /** The passage text (NFC). */
  text: string;
  /** Date the content is valid for, `YYYY-MM-DD`. */
  asOf?: string;
  url?: string;
  /** Topic declared by the document or FAQ entry. */
  topic?: Topic;
  /** `historical` content (the 2023 plan) gets a note on what is current. */
  status?: "current" | "historical";
  /** FAQ only: the curated answer, given whole when the entry matches. */
  faqAnswer?: string;
  /** FAQ only: the question variants (indexed with the chunk). */
  faqQuestions?: string[];
  /** Data from `knowledge/labour/examples/`: answers must say it is example data. */
  example?: boolean;
  /** Last day (`YYYY-MM-DD`, Vietnam time) the passage holds; later it is not retrieved. */
  validUntil?: string;
  /** First day the passage holds: the "this window has passed" text of an expired fact. */
  validFrom?: string;
}

// === Labour Office spreadsheets ===

/** An amount of money as written in the file, with its value when it could be read. */
export interface Money {
  /** VND, or null for "Thỏa thuận" and similar text. */
  value: number | null;
  /** The cell as written (trimmed), shown to users as is. */
  text: string;
  /** "Miễn học phí", "Miễn phí": a valid fee of zero. */
  free?: boolean;
  /**
   * An amount counted per another period than the month or the course ("280.000/ngày",
   * "7,5 triệu/năm", "4.500.000/học kỳ"): shown as written, but `value` stays null so it is never
   * ranked or filtered against monthly wages or whole-course fees.
   */
  per?: string;
}

interface RowOrigin {
  /** File name relative to the labour folder, e.g. `viec-lam-2026-11-15.xlsx`. */
  file: string;
  /** 1-based spreadsheet row number (header row included in the count). */
  row: number;
  example?: boolean;
  /**
   * Keys of the fields whose cell could not be read (kept as "chưa rõ" rather than dropping the
   * row): money fields then hold `{ value: null, text: "chưa rõ" }`, others null.
   */
  unclear?: string[];
}

export interface JobOpening extends RowOrigin {
  company: string;
  position: string;
  quantity: number | null;
  wageMin: Money | null;
  wageMax: Money | null;
  workplace: string;
  requirements: string;
  /** `YYYY-MM-DD` */
  deadline: string | null;
  /** The Hạn nộp cell as written when it gives no date but says the opening stays open ("Tuyển liên tục"); `deadline` is then null. */
  deadlineNote?: string;
  contact: string;
}

export interface TrainingCourse extends RowOrigin {
  institution: string;
  trade: string;
  level: string;
  duration: string;
  fee: Money | null;
  support: string;
  audience: string;
  location: string;
  /** `YYYY-MM-DD`, or `YYYY-MM` when only the month is given. */
  startDate: string | null;
  /** The Khai giảng cell as written when it gives no date but says when ("Khi đủ học viên", "Liên tục"); `startDate` is then null. */
  startNote?: string;
  contact: string;
}

export interface LabourDemand extends RowOrigin {
  trade: string;
  year: number;
  demand: number;
  avgWage: Money | null;
  note: string;
}

export type LabourTableKind = "jobs" | "courses" | "demand";

/** One loaded spreadsheet. */
export interface LabourFile {
  file: string;
  kind: LabourTableKind;
  /** Data date `YYYY-MM-DD`: from the file name, else the workbook's modified date, else mtime. */
  asOf: string;
  example: boolean;
  rowCount: number;
  /** Published from the dashboard: the dataset version and who published it. */
  published?: { version: number; by: string };
}

export interface LabourData {
  files: LabourFile[];
  jobs: JobOpening[];
  courses: TrainingCourse[];
  demand: LabourDemand[];
}

/** A problem found while loading knowledge, reported by `npm run ingest`. */
export interface ValidationIssue {
  severity: "error" | "warning";
  file: string;
  /** 1-based row number in the spreadsheet, when the issue is about a row. */
  row?: number;
  /** Column header as written in the file (or the expected header when missing). */
  column?: string;
  /** English, for operators. */
  message: string;
  /** The row was kept with this cell shown as "chưa rõ" (a bad value in a column that is not required). */
  cellUnclear?: boolean;
}

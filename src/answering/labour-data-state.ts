/**
 * Whether the Labour Office's data is there to answer from, and how old it is. Used at one point of
 * the engine, before the labour answerer:
 *
 * - with no spreadsheet loaded (nothing published, no file in `knowledge/labour/`), a question about
 *   jobs, wages, courses or labour demand gets an honest "not published" reply naming who to ask,
 *   counted as unanswered, instead of an old document that happens to share its words;
 * - an answer from data older than LABOUR_DATA_MAX_AGE_DAYS says "số liệu cũ" with its date.
 *
 * Policy amounts (minimum wage, support levels), plans and decrees, tuition and working abroad are
 * answered from the documents whether or not the office published anything, so they are not cues.
 */
import { formatDateVi } from "../knowledge/labour/dates.js";
import type { LabourData, SourceRef, Topic } from "../knowledge/types.js";
import { repliesVi } from "../messages-vi.js";
import { addDays } from "../time/local-date.js";

/** What only the office's tables answer: openings, wages paid now, courses on offer, demand. */
const JOBS_CUE =
  /\b(tuyen dung|dang tuyen|co tuyen|tuyen (nguoi|cong nhan|lao dong|nhan vien|tho|lam)|(cho|noi|dau|cong ty|doanh nghiep|cty) (nao )?(dang )?(tuyen|nhan nguoi)|viec lam|kiem viec|tim viec|xin viec|co viec|cong viec (gi|nao)|muc luong|luong (bao nhieu|the nao|ra sao|cao|thap|bn)|thu nhap (bao nhieu|the nao|ra sao)|nhu cau (lao dong|tuyen|nhan luc)|thieu (nguoi|lao dong)|can (nhieu )?(nguoi|lao dong)|nganh (nao|gi) .*\bcan\b)\b/;
const COURSE_CUE = /\b(khai giang|lich (hoc|khai giang)|khoa (hoc|dao tao) (nghe )?(nao|gi|sap|moi)|lop (hoc )?nghe (nao|gi|sap)|sap mo lop|mo lop (nao|gi|day nghe))\b/;
/** Answered from the documents even without the office's data. */
const DOCUMENT_CUE = new RegExp(
  [
    // policy amounts, plans and decrees
    "luong toi thieu|toi thieu vung|luong san|vung (1|2|3|4|i|ii|iii|iv)\\b|nghi dinh|thong tu|quyet dinh|ke hoach|de an",
    // tuition and support, working abroad, streaming
    "hoc phi|mien phi|ho tro|vay von|phan ?luong|nuoc ngoai|xuat khau lao dong|di han|han quoc|nhat ban|dai loan|eps",
    // past or regional figures, offices, which path finds work more easily
    "ty le|phan tram|hoi do|truoc day|dong nam bo|binh duong|ca nuoc|phong lao dong|de (xin|kiem|tim) viec",
  ]
    .map((part) => `\\b(?:${part})\\b`)
    .join("|"),
);

/** True when some spreadsheet is loaded (published, from the folder, or examples when asked for). */
export function hasLabourData(data: LabourData): boolean {
  return data.files.length > 0;
}

/** The topic of a question only the office's data answers, or undefined. `folded` is the analysed question. */
export function labourDataQuestion(folded: string): Topic | undefined {
  if (DOCUMENT_CUE.test(folded)) return undefined;
  if (COURSE_CUE.test(folded)) return "vocational_training_options";
  if (JOBS_CUE.test(folded)) return "labour_market_jobs";
  return undefined;
}

/** The reply while nothing is published: what is missing, then who to ask. */
export function labourNoDataText(referral: string | undefined): string {
  return [repliesVi.labourNoData, referral].filter(Boolean).join(" ");
}

/**
 * "Số liệu cũ" with the oldest date among the sources, when it is older than `maxAgeDays` before
 * `today` (`YYYY-MM-DD`, the Vietnam day: `localIsoDate(now)`); undefined for fresh data or no limit.
 */
export function staleLabourNote(sources: SourceRef[], today: string, maxAgeDays: number | undefined): string | undefined {
  if (!maxAgeDays) return undefined;
  const oldest = sources.map((s) => s.asOf).filter((d): d is string => Boolean(d)).sort()[0];
  if (!oldest) return undefined;
  return oldest < addDays(today, -maxAgeDays) ? repliesVi.staleLabourData(formatDateVi(oldest)) : undefined;
}

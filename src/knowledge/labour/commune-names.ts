/**
 * Old commune names in the Labour Office's sheets ("Xã Phước Hưng", written before the communes
 * were merged on 1 July 2025) are shown with the new commune they now belong to:
 * "Xã Phước Hưng (nay thuộc Xã Long Hiệp)". Only a name written as a unit ("xã …", "thị trấn …")
 * counts, so "KKT Định An" (an economic zone) is left alone; a name the new commune keeps (Trà Cú,
 * Đại An, …) needs no note.
 */
import type { Lexicon } from "../lexicon.js";
import type { LabourData } from "../types.js";
import { foldedKey } from "../vietnamese.js";

/** The text with " (nay thuộc <new commune>)" after it when it names a former commune. */
export function withNewCommune(text: string, lexicon: Lexicon): string {
  if (!text) return text;
  const padded = ` ${foldedKey(text)} `;
  for (const commune of lexicon.communes) {
    if (padded.includes(` ${foldedKey(commune.name)} `)) continue;
    for (const old of commune.formedFrom) {
      if (foldedKey(old.short) === foldedKey(commune.short)) continue;
      if (padded.includes(` ${foldedKey(old.name)} `)) return `${text} (nay thuộc ${commune.name})`;
    }
  }
  return text;
}

/** Every place column of the rows, annotated in place (job workplaces, course locations). */
export function annotateOldCommunes(data: LabourData, lexicon: Lexicon): void {
  for (const job of data.jobs) job.workplace = withNewCommune(job.workplace, lexicon);
  for (const course of data.courses) course.location = withNewCommune(course.location, lexicon);
}

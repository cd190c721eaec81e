/**
 * What a publish makes live: the tables of the live version, with each kind uploaded in the draft
 * replaced by the draft's files. A publish of job openings alone keeps the published courses.
 */
import type { LabourData, LabourTableKind } from "../knowledge/types.js";
import type { DatasetSummary, DraftFile } from "../store/labour-dataset-store.js";

export function mergeDataset(
  live: LabourData | undefined,
  draft: DraftFile[],
  published: { version: number; by: string; asOf: string },
): { data: LabourData; summary: DatasetSummary } {
  const kinds = new Set<LabourTableKind>(draft.map((f) => f.kind));
  const keptFiles = new Set((live?.files ?? []).filter((f) => !kinds.has(f.kind)).map((f) => f.file));
  const keep = <T extends { file: string }>(rows: T[] | undefined) => (rows ?? []).filter((r) => keptFiles.has(r.file));
  const data: LabourData = {
    files: (live?.files ?? []).filter((f) => keptFiles.has(f.file)),
    jobs: keep(live?.jobs),
    courses: keep(live?.courses),
    demand: keep(live?.demand),
  };
  for (const file of draft) {
    for (const f of file.data.files) data.files.push({ ...f, asOf: published.asOf, published: { version: published.version, by: published.by } });
    data.jobs.push(...file.data.jobs);
    data.courses.push(...file.data.courses);
    data.demand.push(...file.data.demand);
  }
  const summary: DatasetSummary = {
    files: data.files.map((f) => ({ name: f.file, kind: f.kind, rowCount: f.rowCount, asOf: f.asOf, version: f.published?.version ?? published.version })),
    jobs: data.jobs.length,
    courses: data.courses.length,
    demand: data.demand.length,
  };
  return { data, summary };
}

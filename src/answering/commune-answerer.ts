/**
 * Answers "my old commune is now part of which commune?" and "which communes replaced Trà Cú?"
 * from `knowledge/communes.yaml`, the same data staff keep for commune statistics.
 */
import { containsPhrase, findCommunes, type Lexicon } from "../knowledge/lexicon.js";
import { foldedKey } from "../knowledge/vietnamese.js";
import { repliesVi } from "../messages-vi.js";
import type { SourceRef } from "../knowledge/types.js";

export interface CommuneAnswer {
  text: string;
  sources: SourceRef[];
}

const FOLLOW_UP = /^(con|the con|vay con|con xa|con thi tran|con tt)\b/;

/**
 * `folded`, `text`: the message; `context`: the user's earlier message as written, when there is
 * one. It is read only after a question on communes (`isFollowUp`) or on the district ("Trà Cú giờ
 * còn là huyện không?" then "gồm những xã nào?"); not "học nghề ở Trà Cú" then "những xã nào có lớp".
 */
export function answerFromCommunes(folded: string, text: string, lexicon: Lexicon, isFollowUp: boolean, context?: string): CommuneAnswer | undefined {
  if (!lexicon.communes.length) return undefined;
  const source: SourceRef = {
    title: lexicon.communeSource?.title ?? "Danh sách xã mới",
    asOf: lexicon.communeSource?.effective,
  };
  const note = repliesVi.communeCheck;
  // The phrasings come from `commune_questions` in knowledge/slots.yaml.
  const words = folded.split(" ");
  const says = (kind: keyof Lexicon["slots"]["communeQuestions"]) => containsPhrase(words, lexicon.slots.communeQuestions[kind]);

  // "Xã Trà Cú gồm những xã cũ nào" asks the one commune of that name, not the former district.
  const traCuCommune = /\bxa tra cu\b/.test(folded) && !/\bhuyen\b/.test(folded) ? lexicon.communes.find((c) => /\btra cu\b/.test(foldedKey(c.name))) : undefined;
  // "Có việc nào ở mấy xã Trà Cú cũ mà lương từ 7 triệu": openings in those communes, not their list.
  const asksRows = says("rows");
  if (says("list") && traCuCommune && !asksRows) {
    return { text: `${traCuCommune.name} (tỉnh Vĩnh Long) được lập từ ${traCuCommune.formedFrom.map((o) => lowerUnit(o.name)).join(", ")}, từ ngày 1/7/2025.\n${note}`, sources: [source] };
  }
  // The earlier message is folded only when a list is asked (most messages ask none).
  const aboutDistrict = () => {
    if (/\btra cu\b/.test(folded)) return true;
    const earlier = context === undefined ? "" : ` ${foldedKey(context)} `;
    return / tra cu /.test(earlier) && (isFollowUp || / huyen /.test(earlier));
  };
  if (says("list") && !asksRows && aboutDistrict()) {
    const lines = lexicon.communes.map((c) => `- ${c.name}: từ ${c.formedFrom.map((o) => o.name).join(", ")}`);
    return {
      text: `Từ ngày 1/7/2025, 17 xã, thị trấn của huyện Trà Cú cũ được sắp xếp thành 6 xã của tỉnh Vĩnh Long:\n${lines.join("\n")}\n${note}`,
      sources: [source],
    };
  }

  // "Còn xã Đại An thì có những vị trí nào?" continues the earlier question about openings or
  // courses in another commune: not a question about the commune itself.
  // "Ở xã Long Hiệp (tính cả các xã cũ nhập vào) có những vị trí nào đang tuyển?", "chủ tịch xã Hàm
  // Giang bây giờ là ai", "xã nào là xã đặc biệt khó khăn" ask something of a commune, not which
  // commune an old one became (unless they say so: "Ngọc Biên nay thuộc xã nào").
  const asksOther = (says("rows") || says("property")) && !says("namedMapping");
  const asks = !asksOther && (says("mapping") || (isFollowUp && FOLLOW_UP.test(folded)));
  if (!asks) return undefined;
  // The old unit the user names; a new commune named alone is not a mapping question.
  const all = findCommunes(lexicon, text);
  const mentions = all.filter((m) => m.old);
  if (!mentions.length) return undefined;
  // "Nhà ở xã Ngọc Biên cũ giờ là xã Long Hiệp đó, … lương bao nhiêu": the message says the new
  // commune itself; unless it asks to check it, the question is elsewhere.
  // (An old unit of the new commune's own name, "Tập Sơn", is one mention read both ways: it says nothing.)
  const renamed = mentions.filter((m) => !foldedKey(m.old!).endsWith(foldedKey(m.commune.short)));
  const statesNew = renamed.length > 0 && renamed.every((m) => all.some((n) => !n.old && n.commune.name === m.commune.name));
  if (statesNew && !says("checks")) return undefined;
  // Group by new commune: "Định An" may be the old town or the old commune, both now in Đại An.
  const byCommune = new Map<string, { commune: (typeof mentions)[number]["commune"]; olds: Set<string> }>();
  for (const { commune, old } of mentions) {
    const entry = byCommune.get(commune.name) ?? { commune, olds: new Set<string>() };
    entry.olds.add(old!);
    byCommune.set(commune.name, entry);
  }
  const sentences: string[] = [];
  for (const { commune, olds } of byCommune.values()) {
    const partners = commune.formedFrom.map((o) => lowerUnit(o.name)).join(", ");
    sentences.push(`${[...olds].join(", ")} (cũ) nay thuộc ${commune.name}, tỉnh Vĩnh Long, từ ngày 1/7/2025. ${commune.name} được lập từ ${partners}.`);
  }
  // Every commune asked about is answered (a list of old addresses may name four).
  return { text: `${sentences.join(" ")}\n${note}`, sources: [source] };
}

function lowerUnit(name: string): string {
  return name.replace(/^Xã/, "xã").replace(/^Thị trấn/, "thị trấn");
}

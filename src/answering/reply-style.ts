/**
 * The last touches on an offline reply, the same for every answerer: "anh/chị" for a parent,
 * abbreviations explained the first time (THCS = lớp 6–9), and a body kept under about 600
 * characters before its one source line. Templates and word lists live in `messages-vi.ts`.
 */
import { createHash } from "node:crypto";
import { foldedKey } from "../knowledge/vietnamese.js";
import { abbreviationsVi, MAX_REPLY_BODY_CHARS, parentAddressVi, repliesVi } from "../messages-vi.js";
import type { QuestionAnalysis } from "./question-analysis.js";

/** A short hash of what a reply says (case, diacritics and spacing aside). */
export function replyHash(answer: string): string {
  return createHash("sha256").update(foldedKey(answer)).digest("hex").slice(0, 16);
}

export function styleReply(answer: string, qa: Pick<QuestionAnalysis, "parent">): string {
  const at = answer.lastIndexOf(`\n${repliesVi.sourcePrefix}`);
  let body = at >= 0 ? answer.slice(0, at) : answer;
  const source = at >= 0 ? answer.slice(at) : "";
  if (qa.parent) body = addressParent(body);
  body = shorten(explainAbbreviations(body));
  return `${body}${source}`;
}

const LETTER = "\\p{L}\\d";

function addressParent(text: string): string {
  const { from, to, fromCapital, toCapital } = parentAddressVi;
  return text
    .replace(new RegExp(`(?<![${LETTER}])${fromCapital}(?![${LETTER}])`, "gu"), toCapital)
    .replace(new RegExp(`(?<![${LETTER}])${from}(?![${LETTER}])`, "gu"), to);
}

/**
 * The first use of each abbreviation gets its meaning in brackets, unless brackets follow already.
 * A row quoted from a Labour Office sheet ("- … yêu cầu: Tốt nghiệp THCS trở lên") is kept as the
 * sheet writes it: an abbreviation first used there is explained in one line after the rows.
 */
function explainAbbreviations(text: string): string {
  let out = text;
  const afterRows: string[] = [];
  for (const [abbr, meaning] of abbreviationsVi) {
    // Not inside a name such as "GDNN-GDTX" or "4993/QĐ-UBND".
    const re = new RegExp(`(?<![${LETTER}/(-])${abbr}(?![${LETTER}/)-])(?!\\s*\\()`, "u");
    const match = re.exec(out);
    // Already said in words ("trung tâm giáo dục thường xuyên (GDTX)"): nothing to explain.
    if (!match || out.toLowerCase().includes(meaning.toLowerCase())) continue;
    const lineStart = out.lastIndexOf("\n", match.index) + 1;
    if (out.startsWith("- ", lineStart)) afterRows.push(`${abbr}: ${meaning}`);
    else out = `${out.slice(0, match.index + abbr.length)} (${meaning})${out.slice(match.index + abbr.length)}`;
  }
  return afterRows.length ? `${out}\n(${afterRows.join("; ")})` : out;
}

/**
 * Cuts long prose at the last sentence that fits and says more exists. Lists of rows (Labour
 * Office answers, at most five lines) are left whole: each line is one complete row.
 */
function shorten(text: string): string {
  if (text.length <= MAX_REPLY_BODY_CHARS || text.includes("\n- ")) return text;
  const cut = text.slice(0, MAX_REPLY_BODY_CHARS);
  const end = Math.max(cut.lastIndexOf(". "), cut.lastIndexOf(".\n"));
  if (end < MAX_REPLY_BODY_CHARS / 2) return text;
  return `${cut.slice(0, end + 1).trimEnd()} …`;
}

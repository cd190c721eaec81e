import type { Lexicon } from "../knowledge/lexicon.js";

/**
 * The table and column a message asks of the Labour Office's rows when it names nothing the value
 * is of ("lương?", "còn hạn nộp ko", "học phí bao nhiêu"): every word is a column word (`row_columns`),
 * a way of asking (`asking`), a continuation or a filler (`bare_value_fillers` in knowledge/slots.yaml).
 * Undefined when some word names a subject ("lương thợ hàn", "lương tối thiểu") or no column is asked.
 *
 * Why: such a message, with no earlier turn to take its subject from, used to be answered with
 * whatever shared its one word (the Korean minimum wage for "lương?", a random list of openings for
 * "hạn nộp"): a confident answer to a question nobody asked.
 */
export function asksBareValue(folded: string[], lexicon: Lexicon): BareValue | undefined {
  const { columns, others } = phrasesOf(lexicon);
  const at = (i: number, words: string[]) => words.length > 0 && words.every((w, k) => folded[i + k] === w);
  let asked: BareValue | undefined;
  for (let i = 0; i < folded.length; ) {
    const column = columns.find((c) => at(i, c.words));
    if (column) {
      asked ??= { table: column.table, column: column.column };
      i += column.words.length;
      continue;
    }
    const other = others.find((words) => at(i, words));
    if (!other) return undefined;
    i += other.length;
  }
  return asked;
}

/** What a bare value asks: a column of one table (the first table `row_columns` lists it under). */
export interface BareValue {
  table: string;
  column: string;
}

type ColumnPhrase = BareValue & { words: string[] };

const phraseCache = new WeakMap<Lexicon, { columns: ColumnPhrase[]; others: string[][] }>();

/** The column phrases and the subject-less words, longest first, once per lexicon (every message reads them). */
function phrasesOf(lexicon: Lexicon): { columns: ColumnPhrase[]; others: string[][] } {
  let cached = phraseCache.get(lexicon);
  if (!cached) {
    const slots = lexicon.slots;
    const columns: ColumnPhrase[] = [];
    for (const [table, byColumn] of slots.rowColumns) for (const [column, phrases] of byColumn) for (const words of phrases) columns.push({ table, column, words });
    // Longest first, so "hạn nộp" is one column phrase, not "hạn" and a stray "nộp" (a stable sort:
    // a phrase two tables share, "liên hệ", stays with the one listed first).
    columns.sort((a, b) => b.words.length - a.words.length);
    const others = [...slots.asking.words.map((p) => p.words), ...slots.asking.final.map((p) => p.words), ...[...slots.asking.particles].map((p) => p.split(" ")), ...slots.continuationPhrases, ...slots.bareValueFillers].sort((a, b) => b.length - a.length);
    phraseCache.set(lexicon, (cached = { columns, others }));
  }
  return cached;
}

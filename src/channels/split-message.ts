/**
 * Splits a reply into messages a platform accepts (Telegram 4,096, Zalo 2,000 characters).
 *
 * Lengths are counted in UTF-16 code units (JavaScript's `length`), which is how Telegram counts
 * and never less than the code points another platform may count, so every piece fits either way.
 * Cuts prefer, in order: a blank line, a line break, the end of a sentence, a space; only a text
 * with none of these in reach is cut mid-word (never inside a surrogate pair).
 *
 * ```ts
 * for (const part of splitMessage(answer, channel.maxMessageLength)) await send(part);
 * ```
 */

// A cut closer to the start than this share of the limit would leave a tiny message; look for a
// weaker boundary instead.
const MIN_FILL = 0.5;

/** Returns the text in pieces of at most `limit` characters, trimmed, none empty. */
export function splitMessage(text: string, limit: number): string[] {
  if (!Number.isInteger(limit) || limit < 16) throw new RangeError(`message limit must be an integer of at least 16, got ${limit}`);
  // NFC keeps Vietnamese letters as one code unit each instead of letter + combining marks.
  let rest = text.normalize("NFC").trim();
  const parts: string[] = [];
  while (rest.length > limit) {
    const cut = findCut(rest, limit);
    const head = rest.slice(0, cut).trimEnd();
    if (head) parts.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** Index to cut at: the piece is `text.slice(0, index)`, at most `limit` long and never empty. */
function findCut(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  const floor = Math.floor(limit * MIN_FILL);
  const boundaries: RegExp[] = [
    /\n\s*\n/g, // paragraph
    /\n/g, // line
    /[.!?…](?:["”')\]]*)(?=\s)/g, // sentence end, closing quotes included
    /[;:](?=\s)/g, // clause
    /\s/g, // word
  ];
  for (const boundary of boundaries) {
    let best = -1;
    for (const match of window.matchAll(boundary)) {
      // Sentence and clause marks stay with their sentence; whitespace goes with neither piece.
      const end = /^\s/.test(match[0]) ? match.index : match.index + match[0].length;
      if (end <= limit && end >= floor) best = end;
    }
    if (best > 0) return best;
  }
  // No boundary in reach: cut at the limit, but not between the two halves of a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

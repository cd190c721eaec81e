/**
 * Masks personal numbers and addresses in free text before it is stored, forwarded to staff or
 * sent to an LLM: Vietnamese phone numbers in their usual spellings (0912 345 678, 0912.345.678,
 * (0912) 345 678, 0912/345/678, 0912_345_678, +84 912345678, (+84) 912-345-678, 0084…,
 * 84912345678, old 11-digit numbers), foreign numbers written with "+", 9- and 12-digit ID numbers
 * (CMND, CCCD, also spaced: 084 206 001 234), numbers read out in words ("không chín một hai ba…",
 * eight digit words or more in a row), and e-mail addresses (also "lan (a) gmail.com",
 * "lan [at] gmail (dot) com", "lan at gmail.com").
 * Several numbers in a row are masked one by one; money written with dots is left alone. A name the
 * message introduces ("em tên Nguyễn Văn A", "tên con tôi là Lan") becomes "[tên]" (up to four
 * words, ending where the message goes on: "em tên Lan học lớp 9"); "tên trường" is not a person's.
 * So does a full name after "tôi là", "em là" ("tôi là Thạch Thị Mai"), capitalised as names are.
 *
 * The text is normalised first (`normaliseForMasking`): NFKC (full-width digits and signs become
 * ASCII), every Unicode space to a plain space, zero-width characters removed, every dash to "-",
 * and l/I/O/o between two digits to 1/0 ("09l2345692"). The masked text is returned in that
 * normalised form. This one function is what the store, the staff forward and the LLM call use.
 */

/** Every Unicode space or separator (no-break, thin, ideographic…) and tab. */
const SPACES_RE = /[\p{Z}\t\v\f]/gu;
/** Invisible characters people (or keyboards) put between digits. */
const INVISIBLE_RE = /[\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/g;
/** Hyphens and dashes of every kind (NFKC keeps them apart from "-"). */
const DASHES_RE = /[\p{Pd}\u2212]/gu;
/** A letter that looks like a digit, between two digits (separators allowed around it). */
const LOOKALIKE_RE = /(?<=\d[ ._-]?)[lIoO](?=[ ._-]?\d)/g;
/** A leading O/o before the rest of a phone number ("O912345678"). */
const LEADING_O_RE = /(?<![\p{L}\p{N}])[oO](?=(?:[ ._-]?\d){8,10}(?![\d]))/gu;
/** "(a)", "(at)", "[at]", "{@}", " @ " and a spaced " at " between a local part and a domain. */
const AT_RE = /(?<=[\p{L}\p{N}._%+-])\s*(?:[([{]\s*(?:@|at|a)\s*[)\]}]|@)\s*(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}._%+-]) (?:at|AT) (?=[\p{L}\p{N}-]+(?:\.|\s*[([]\s*dot\s*[)\]]\s*)\p{L}{2,})/gu;
/** "(dot)", "[dot]" in a domain after an @. */
const DOT_RE = /\s*[([{]\s*(?:dot|cham|chấm)\s*[)\]}]\s*/giu;

export function normaliseForMasking(text: string): string {
  let out = text.normalize("NFKC").replace(INVISIBLE_RE, "").replace(SPACES_RE, " ").replace(DASHES_RE, "-");
  // Applied until stable: "0O0" needs two passes (the lookbehind reads the original text).
  for (let i = 0; i < 3; i++) {
    const next = out.replace(LOOKALIKE_RE, (c) => (c === "l" || c === "I" ? "1" : "0"));
    if (next === out) break;
    out = next;
  }
  out = out.replace(LEADING_O_RE, "0");
  out = out.replace(AT_RE, "@");
  if (out.includes("@")) out = out.replace(DOT_RE, ".");
  return out;
}

const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// A run of digit groups separated by spaces, dots, dashes, slashes or underscores (a group may sit
// in brackets: "(0912) 345 678"), optionally after "+", "(+84)" or "(84)".
const NUMBER_RUN_RE = /(?:\(\s*\+?\s*84\s*\)[ \t._-]*|\+[ \t]*)?(?:\(\s*\d+\s*\)|\d+)(?:(?:[ \t]*[./_-][ \t]*|[ \t]+)(?:\(\s*\d+\s*\)|\d+))*/g;
const GROUP_RE = /\d+/g;
// Thousands written with dots ("7.000.000", "150.000.000"): money, not a personal number.
const MONEY_RE = /^[1-9]\d{0,2}(\.\d{3})+$/;

export const MASKS = { phone: "[số điện thoại]", id: "[số giấy tờ]", email: "[email]", name: "[tên]" } as const;

// === names a message introduces ("em tên Nguyễn Văn A", "con tôi tên là Thạch Sô Phia", "tên em là Lan")

/**
 * Diacritics off, lower case: the word lists below are matched on this form. (Masking sits below the
 * store, which may not import the knowledge layer, so `foldWord` of knowledge/vietnamese.ts is not used.)
 */
function plain(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
}
/** Who the name belongs to, said before "tên" or between "tên" and "là". */
// (With the pronouns phones shorten: "e ten …" is "em tên …", "t", "mk", "mik" are "tôi", "mình".)
const NAMED_PERSON = new Set(["em", "e", "toi", "t", "tui", "minh", "mk", "mik", "con", "chau", "be", "no", "anh", "chi", "ba", "me", "ma", "bo", "co", "chu", "ong", "gai", "trai", "nha"]);
/** "Tên trường", "tên công ty", "tên nghề": the name of something else, not of a person. */
const NOT_A_PERSON = new Set(["truong", "cong", "nghe", "nganh", "xa", "moi", "goi", "khoa", "lop", "cu", "cua", "doanh", "don", "to", "tieng", "bot", "tinh", "huyen", "cho", "chuong", "file", "tep", "dang", "day"]);
/** Words that end a name written in lower case: what the message says next ("em tên lan học lớp 9"). */
const AFTER_NAME = new Set([
  "hoc", "lop", "nam", "muon", "dang", "o", "nha", "hoi", "xin", "can", "co", "la", "sdt", "so", "email", "tuoi", "hien", "thi", "va", "con",
  "em", "toi", "minh", "tui", "cho", "de", "di", "lam", "ma", "nhung", "vay", "a", "ak", "ah", "nhe", "oi", "ha", "khong", "ko", "k", "gi",
  "nao", "bao", "may", "duoc", "dc", "roi", "sinh", "tot", "nghiep", "nay", "moi", "vua", "sap", "que", "song", "voi", "cua", "tai", "tu",
  "ben", "thuoc", "nguoi", "dan", "toc", "khmer", "kinh", "giup", "ad", "bot", "thay", "u", "uh", "vang", "da",
]);
const NAME_TRIGGER_RE = /(?<![\p{L}\p{N}])t[eê]n(?![\p{L}\p{N}])/giu;

/** Replaces the words of a name the message introduces with "[tên]" (at most four words). */
function maskNames(text: string): string {
  if (!/t[eê]n/iu.test(text)) return text;
  let out = "";
  let last = 0;
  for (const m of text.matchAll(NAME_TRIGGER_RE)) {
    const start = m.index! + m[0].length;
    if (start < last) continue;
    const before = text.slice(Math.max(0, m.index! - 24), m.index!).trim().split(/\s+/).map(plain);
    const rest = text.slice(start);
    const tokens = [...rest.matchAll(/\s*([^\s]+)/gu)];
    let i = 0;
    let person = NAMED_PERSON.has(before.at(-1) ?? "") || NAMED_PERSON.has(before.at(-2) ?? "");
    // "tên em là …", "tên con tôi là …"
    while (i < tokens.length && i < 3 && NAMED_PERSON.has(plain(tokens[i]![1]!.replace(/[^\p{L}]/gu, "")))) {
      person = true;
      i++;
    }
    let said = false;
    if (i < tokens.length && ["la", ":"].includes(plain(tokens[i]![1]!))) {
      said = true;
      i++;
    }
    if (!person && !said) continue;
    const first = i;
    let end = i;
    let stopAfter = false;
    while (end < tokens.length && end - first < 4 && !stopAfter) {
      const token = tokens[end]![1]!;
      const word = token.replace(/[^\p{L}]+$/u, "");
      if (!word || !/^\p{L}+$/u.test(word)) break;
      const folded = plain(word);
      if (end === first && NOT_A_PERSON.has(folded)) break;
      // A capitalised word goes on with the name ("Kim Thi Sa Rinh": "Thi", "Sa" are not "thì", "số").
      if (AFTER_NAME.has(folded) && end > first && word[0] === word[0]!.toLowerCase()) break;
      if (word !== token) stopAfter = true;
      end++;
    }
    if (end === first) continue;
    const nameStart = start + tokens.slice(0, first).reduce((n, t) => n + t[0].length, 0) + (tokens[first]![0].length - tokens[first]![1]!.length);
    const lastToken = tokens[end - 1]![1]!;
    const nameEnd = start + tokens.slice(0, end).reduce((n, t) => n + t[0].length, 0) - (lastToken.length - lastToken.replace(/[^\p{L}]+$/u, "").length);
    out += text.slice(last, nameStart) + MASKS.name;
    last = nameEnd;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * "Tôi là Thạch Thị Mai", "em là Nguyễn Văn An": a person introducing themself by a full name,
 * without "tên". Only two to four capitalised words count: "tôi là phụ huynh", "em là người Khmer",
 * "em là Khmer" name no one. (No `i` flag: the capitals are what mark a name.)
 */
const SELF_INTRODUCED_RE = /(?<![\p{L}\p{N}])((?:[Tt][ôo]i|[Tt]ui|[Ee]m|[Mm][ìi]nh|[Cc]on|[Cc]h[áa]u)\s+[Ll][àa]\s+)(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,3})(?![\p{L}\p{N}])/gu;

function maskSelfIntroduced(text: string): string {
  return text.replace(SELF_INTRODUCED_RE, (_, lead: string) => `${lead}${MASKS.name}`);
}

/**
 * Family names of Trà Cú, Kinh and Khmer, lower case and without diacritics: a capitalised one starting
 * two to four capitalised words is a person's full name ("Nguyễn Văn An", "Thạch Thị Mai").
 */
const SURNAMES = new Set([
  "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong", "ly", "truong", "dinh",
  "mai", "cao", "luu", "quach", "tang", "trieu", "thach", "son", "kim", "danh", "lam", "chau", "kien", "ong", "diep", "la", "ta", "to", "ha",
]);
/**
 * "Con tôi Nguyễn Văn An bị khuyết tật", "cháu gái tôi Thạch Thị Mai", "em Nguyễn Văn B": a person of
 * the family named by a full name right after the words saying whose. (No `i` flag: the capitals mark
 * the name; a surname first keeps "chị ở Kim Sơn" and company names out.)
 */
const KIN_NAMED_RE = /(?<![\p{L}\p{N}])((?:[Cc]on|[Cc]h[áa]u|[Ee]m|[Bb][ée]|[Cc]h[ồo]ng|[Vv][ợo])(?:\s+(?:g[áa]i|trai|n[ộo]i|ngo[ạa]i))?(?:\s+(?:t[ôo]i|tui|em|m[ìi]nh|mk|t))?\s+)(\p{Lu}\p{Ll}*)((?:\s+\p{Lu}\p{Ll}*){1,3})(?![\p{L}\p{N}])/gu;

function maskKinNamed(text: string): string {
  return text.replace(KIN_NAMED_RE, (whole, lead: string, surname: string, rest: string) => {
    if (!SURNAMES.has(plain(surname))) return whole;
    // A bare "con" typed without tones may be "còn": "con Luu Nghiep Anh thi sao" asks about a
    // commune. After it only a name written with its tones is a child's.
    const bareCon = /^con\s+$/iu.test(lead);
    if (bareCon && plain(`${surname}${rest}`) === `${surname}${rest}`.toLowerCase()) return whole;
    return `${lead}${MASKS.name}`;
  });
}

function classify(digits: string, plus: boolean): keyof typeof MASKS | undefined {
  if (plus) {
    // +84 and a national number; other country codes (Korea, Japan, Taiwan: work abroad) too.
    if (digits.startsWith("84")) return digits.length === 11 || digits.length === 12 ? "phone" : undefined;
    return digits.length >= 8 && digits.length <= 15 ? "phone" : undefined;
  }
  if (digits.startsWith("0084") && (digits.length === 13 || digits.length === 14)) return "phone";
  if (digits.startsWith("84") && (digits.length === 11 || digits.length === 10)) return "phone";
  if (digits.startsWith("0") && digits.length === 10) return "phone";
  // Old landlines (0 + area code + number, e.g. 0294 3 855 123) and pre-2018 mobiles (0168…): 11 digits.
  if ((digits.startsWith("02") || digits.startsWith("01")) && digits.length === 11) return "phone";
  if (digits.length === 9 || digits.length === 12) return "id";
  return undefined;
}

/**
 * Masks the personal numbers in one run of digit groups. Longest match first from each group, so
 * "084 206 001 234" is one ID number, and "0912 345 678 0987 654 321" two phone numbers rather
 * than one run too long to be anything.
 */
function maskRun(run: string): string {
  const groups = [...run.matchAll(GROUP_RE)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, digits: m[0] }));
  // "+…", "(+84)" and "(84)": the number starts with its country code.
  const international = /^(?:\+|\(\s*\+?\s*84\s*\))/.test(run);
  // A number never starts or ends inside a dotted group: "7.000.000 - 9.000.000" holds no 12-digit ID.
  const dotBefore = (i: number) => i > 0 && run.slice(groups[i - 1]!.end, groups[i]!.start).includes(".");
  let out = "";
  let copied = 0;
  let i = 0;
  while (i < groups.length) {
    let end = -1;
    for (let j = groups.length - 1; j >= i && !dotBefore(i); j--) {
      if (j + 1 < groups.length && dotBefore(j + 1)) continue;
      const start = i === 0 ? 0 : groups[i]!.start;
      if (MONEY_RE.test(run.slice(start, groups[j]!.end))) continue;
      const kind = classify(groups.slice(i, j + 1).map((g) => g.digits).join(""), i === 0 && international);
      if (!kind) continue;
      out += run.slice(copied, start) + MASKS[kind];
      copied = groups[j]!.end;
      end = j;
      break;
    }
    i = end >= 0 ? end + 1 : i + 1;
  }
  return out + run.slice(copied);
}

/** Digits said in words, with and without diacritics ("không chín một hai…", "khong chin mot hai…"). */
const DIGIT_WORDS: Record<string, string> = {
  không: "0", khong: "0", một: "1", mot: "1", mốt: "1", hai: "2", ba: "3", bốn: "4", bon: "4", tư: "4", tu: "4",
  năm: "5", nam: "5", lăm: "5", lam: "5", sáu: "6", sau: "6", bảy: "7", bay: "7", bẩy: "7", tám: "8", tam: "8", chín: "9", chin: "9",
};
/**
 * Eight or more digits said in words in a row: a number read out ("số em không chín một hai…").
 * Ordinary sentences never chain that many digit words; shorter runs ("năm sau ba mẹ") are left.
 */
const SPOKEN_RUN_RE = new RegExp(`(?<![\\p{L}\\p{N}])(?:(?:${Object.keys(DIGIT_WORDS).join("|")})(?![\\p{L}\\p{N}])[ .-]*){8,}`, "giu");

/**
 * Digits said partly in words and partly in numerals ("không chín một hai 345678"): a run of digit
 * words and digit groups. Masked only when it mixes both, says three digits in words and holds at
 * least 9 digits, so "không 2", "một hai lần" and "150.000.000 một năm" stay as they are.
 */
const MIXED_RUN_RE = new RegExp(`(?<![\\p{L}\\p{N}])(?:(?:${Object.keys(DIGIT_WORDS).join("|")}|\\d+)(?![\\p{L}\\p{N}])[ .-]*){2,}`, "giu");

function maskMixed(run: string): string {
  const words = run.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  // Three digit words at least: "150.000.000 một năm" and "năm 2025 - 2026" are amounts and years.
  if (words.filter((w) => w in DIGIT_WORDS).length < 3 || !/\d/.test(run)) return run;
  const digits = (run.toLowerCase().match(/[\p{L}]+|\d+/gu) ?? []).map((t) => (/\d/.test(t) ? t : (DIGIT_WORDS[t] ?? ""))).join("");
  if (digits.length < 9) return run;
  const trailing = /[ .-]*$/.exec(run)![0];
  return `${MASKS[classify(digits, false) ?? "phone"]}${trailing}`;
}

function maskSpoken(run: string): string {
  const digits = (run.toLowerCase().match(/[\p{L}]+/gu) ?? []).map((w) => DIGIT_WORDS[w] ?? "").join("");
  const trailing = /[ .-]*$/.exec(run)![0];
  return `${MASKS[classify(digits, false) ?? "phone"]}${trailing}`;
}

/** Returns the text with phones, ID numbers and e-mails replaced by neutral placeholders. */
export function maskPersonalData(text: string): string {
  const kept = clean.get(text);
  if (kept !== undefined) return kept;
  const masked = maskKinNamed(maskSelfIntroduced(maskNames(normaliseForMasking(text))))
    .replace(EMAIL_RE, MASKS.email)
    .replace(SPOKEN_RUN_RE, maskSpoken)
    .replace(MIXED_RUN_RE, maskMixed)
    .replace(NUMBER_RUN_RE, (run) => (/\d{7}|\d[^\d]+\d/.test(run) ? maskRun(run) : run));
  if (text.length <= CLEAN_MAX_CHARS && !PLACEHOLDER_RE.test(masked)) {
    if (clean.size >= CLEAN_KEPT) clean.delete(clean.keys().next().value!);
    clean.set(text, masked);
  }
  return masked;
}

/**
 * Recent texts in which masking found nothing, with their result. One message's question is masked
 * several times (the engine, the query record, the conversation memory) and many users ask the same
 * questions, while masking a question costs several Unicode regular expressions. Only texts that
 * hold nothing to mask are kept, so no phone number, ID number or e-mail address sits here; masking
 * is a pure function of the text, so a kept result is always what masking would give.
 */
const clean = new Map<string, string>();
const CLEAN_KEPT = 1000;
const CLEAN_MAX_CHARS = 500;
const PLACEHOLDER_RE = new RegExp(Object.values(MASKS).map((mask) => mask.replace(/[[\]]/g, "\\$&")).join("|"));

/** True when masking finds nothing personal in the text (from the kept results when it is a recent one). */
export function nothingToMask(text: string): boolean {
  return !PLACEHOLDER_RE.test(maskPersonalData(text));
}

/** True when the text still holds something that looks like a phone or ID number. */
export function containsPersonalNumber(text: string): boolean {
  return maskPersonalData(text) !== text;
}

/** Removes the placeholders again, for matching: they carry no meaning for retrieval. */
export function stripMasks(text: string): string {
  let out = text;
  for (const mask of Object.values(MASKS)) out = out.split(mask).join(" ");
  return out;
}

import { phraseAt, type SlotLists } from "../knowledge/lexicon.js";

/**
 * Recognises messages that are not knowledge questions: greetings and thanks, questions about the
 * bot itself, and requests to refuse (prompt injection, politics, insults, exam answers, clearly
 * off-topic subjects). Rules run on the shadow form, so they work without diacritics.
 */

export type SpecialIntent =
  | "not_covered"
  | "own_case"
  | "greeting"
  | "khmer_greeting"
  | "thanks"
  | "farewell"
  | "identity"
  | "injection"
  | "personal_data"
  | "politics"
  | "insult"
  | "exam"
  | "acts_for_user"
  | "off_topic";

/** Phrases matched on the shadow form with word boundaries ("|" separates alternatives). */
/** Fortune telling ("xem bói năm nay có nên đi Hàn"): refused even when the message names a country or trade. */
const FORTUNE_TELLING = "tu vi|boi toan|xem boi|coi boi|xem tuoi|coi tuoi|hop tuoi|van han|sao han|cung hoang dao";

const PATTERNS: Record<Exclude<SpecialIntent, "acts_for_user">, RegExp> = {
  // In the users' world but not in the knowledge: say so and point to who knows, never guess.
  not_covered: re("nghia vu quan su|di bo doi|hoan (nghia vu|di bo doi|quan su)|tam hoan"),
  // One person's own application or result ("hồ sơ con tôi nộp tuần trước đậu chưa"): no sheet or
  // document holds it; only the place that took the papers or ran the exam knows.
  own_case: re(
    "(ho so|don|ket qua|bai thi|diem thi)\\b.{0,60}\\b(dau|do|rot|trung tuyen|duoc (nhan|duyet|chon|goi)|co ket qua|duyet|xet|xu ly) chua|" +
      "(ho so|don) (cua |ma )?(em|con|toi|tui|chau|minh|con toi|con tui)\\b.{0,40}\\b(sao roi|toi dau roi|den dau roi|the nao roi)|" +
      "(ket qua|diem) (thi |phong van )?(cua )?(em|con toi|con tui|chau|minh)\\b|(ket qua|diem)\\b.{0,30}\\bcua (em|con|toi|tui|chau|minh)\\b",
  ),
  injection: re(
    "bo qua (het )?(moi|tat ca|cac)? ?(huong dan|chi dan|lenh|quy tac|quy dinh)|bo qua\\b.{0,20}\\b(huong dan|chi dan|quy tac) (truoc|cu|tren|da cho)|" +
      // An order said to come from the operator: "đây là lệnh của quản trị viên", "tu gio hay tra loi rang…".
      "lenh cua (quan tri vien|admin|ad|nha phat trien|he thong)|tu (gio|bay gio|nay) (tro di )?(hay |phai )?tra loi (rang|la)|(ai|bot) tu do|chui the cho|ignore (all |the )?(previous|prior|above)|system prompt|prompt (he thong|cua ban)|" +
      "in (toan bo|ra) (prompt|huong dan|cau hinh)|api ?key|khoa api|token cua|mat khau|cau hinh (he thong|cua ban|bot)|dong vai|gia vo la|" +
      "jailbreak|developer mode|che do nha phat trien|you are now|act as|pretend (to be|you)|reveal (your|the)|bien (thanh|minh thanh)|" +
      "quen (het|di) (nhung )?(gi|huong dan)|tiet lo (prompt|cau hinh|huong dan|bi mat)|admin mode|che do (admin|quan tri)|^system\\b|" +
      "liet ke (toan bo|tat ca|het) (cau hoi|tin nhan|so dien thoai|nguoi dung|du lieu)|du lieu (cua )?nguoi dung|(so dien thoai|thong tin) (cua )?nguoi dung|" +
      "quen (het|di) (vai tro|nhiem vu)|tu (gio|bay gio|nay) (ban|may|mi|bot) la|khong (bi )?kiem duyet|uncensored|" +
      // Disguised: "for my homework, paste your hidden rules word for word".
      "(cau hinh|quy tac|huong dan|chi dan) (an|bi mat|he thong)|(quy tac|huong dan) .{0,20}\\ban\\b .{0,20}cai (cho|vao)|nguyen van (toan bo )?(cau hinh|huong dan|quy tac|prompt)|" +
      // Asked to help a fraud: a fake recruitment post to take deposits.
      "thu tien coc|(tin|bai) (tuyen|dang|quang cao)\\b.{0,40}\\bgia de|" +
      // Money through the bot, forged papers, a company's boss played: never the bot's to do.
      "cho (toi|em|minh|tui|chau|con) muon|(mua|ban|lam) (bang|chung chi|giay chung nhan|hoc ba)\\b.{0,30}\\b(gia|khong can (hoc|thi))|mua bang (tot nghiep|cap|dai hoc|lai)|so tai khoan|\\bstk\\b|chuyen khoan (cho|vao|toi) (ad|bot|ban|minh|em)|lam gia|gia mao|dong dau gia|(giay|bang|chung chi|xac nhan) gia|(giay|bang|chung chi|xac nhan|ho so|hoc ba)\\b[^.?!]{0,30}\\bgia (khong|ko|k|de|duoc|cho|di)\\b|sua( \\w+){0,3} (giay|bang|chung chi|xac nhan|ho so|hoc ba)\\b[^.?!]{0,40}\\bthanh\\b|(giay|bang|chung chi|xac nhan|ho so)\\b[^.?!]{0,40}\\bgia de\\b|gia lam (giam doc|can bo|cong an|chu|ong|ba|nguoi)|khai gian|khai man|khai lao|bia (gium|dum|giup|ra|dat) (\\w+ ){0,3}(tin|thong bao|giay|bang|chung chi|xac nhan|ho so)|lam (gium|dum|giup|ho) ((toi|em|minh|tui|chi|anh|con) )?(cai )?(giay|don|xac nhan|bang|chung chi|hoc ba)\\b",
  ),
  // A person's own phone, Zalo, Facebook, home address or ID number: never the bot's to give, whoever asks.
  // A few words may stand between the datum and whose it is ("số CCCD và ngày sinh của anh …").
  // Giving one's own is not asking: "sđt của em là 09…, em muốn học nghề" is a question on training.
  personal_data: re(
    // "cô", "thầy" fold as "có", "thấy" ("trên Facebook có người…"): whose only after "của".
    // "Ông xã tui" is the asker's husband, no person whose address is sought.
    "(so dien thoai|sdt|so dt|zalo|facebook|fb|dia chi nha|so cccd|can cuoc) (rieng )?((\\w+ ){0,3}cua (ong|ba|anh|chi|co|thay|chu|bac|ban|em|chau)|(ong|ba|anh|chi|chu|bac|ban|em|chau)|(co|thay)(?= \\w)(?! (nguoi|the|duoc|dc|khong|ko|k|ai|gi|j|nhieu|mot|1|cai|nhung|cac|ban|bai|tin|thong|nen|phai|chua|roi|la|ve|viec|so|ghi|dang|noi|bao|hoi)\\b))\\b(?! la\\b)|" +
      "(so dien thoai|sdt|so dt|zalo|facebook) rieng|dia chi nha (cua )?(ong|ba|anh|chi|co|thay|chu|bac)|nha (ong|ba|thay|co|chu) .{0,30}\\bo dau|" +
      "^(?!(ong|ba) xa\\b)(ong|ba|chu|bac) \\w+ \\w+ .{0,40}(so dien thoai|sdt|zalo|facebook|o dau)",
  ),
  politics: re(
    // "Tổ chức chính trị - xã hội" names the mass organisations a plan gives tasks to: not politics either.
    // "Bộ Chính trị" alone names the body whose resolutions set education policy (NQ 71, CT 29): not politics.
    "chinh quyen .*(dung hay sai|tot hay xau|ngu|te)|dang lanh dao|dang cong san|(?<!bo )chinh tri(?! xa hoi)|bieu tinh|bau cu|phan dong|nghi (gi |sao |the nao )?ve (dang|nha nuoc|chinh phu)|" +
      "(dang|nha nuoc|chinh phu) .*(co on|dung hay sai|tot hay xau)|cach chuc|ky luat (ong|ba|chu tich)|tham nhung|chu tich .*(co dang|co nen|bi)|" +
      // Asked to judge leaders: "lãnh đạo tỉnh mới làm tốt hay tệ hơn…"
      "(lanh dao|chinh quyen|chu tich|bi thu|quan chuc|thu tuong|bo truong) .*(tot hay (te|xau|do|kem)|(te|kem|do|xau|gioi|tot) hon|gioi hay (do|kem|te)|co (tot|gioi|ra gi) khong)|" +
      "cham diem (ong|ba|thu tuong|bo truong|chu tich|lanh dao|chinh phu)|ai nen (lam|len) (chu tich|bi thu|lanh dao|thu tuong|tong bi thu)|" +
      // A reform judged: "sáp nhập tỉnh … là đúng hay sai, bạn nghĩ sao".
      "(sap nhap|bo huyen|bo cap huyen|chu truong|chinh sach)\\b.{0,40}\\b(dung hay sai|tot hay xau|hay hay do)|(ung ho|phan doi) hay (phan doi|ung ho)\\b.{0,40}\\b(sap nhap|bo huyen|bo cap huyen|chu truong|chinh sach|nhap tinh)|(ung ho|theo|thich|bau cho) dang nao|ung ho dang|di bau|bau (dai bieu|ong|ba)|lanh dao gioi nhat",
  ),
  insult: re(
    // Not "sách vở, dụng cụ" (vo dung cu) nor "cụt" (a dead end): only the insults.
    "ngu (vl|vai|the|qua|vcl|nhu (bo|trau|heo|cho))|bot ngu|do ngu|(?<!sach )vo dung(?! cu)|vcl|dm|dcm|cut (di|de|ngay|xeo)|cut$|^cut|do cut|an cut|(bot|may|mi) dot|dot (nhu|qua|the|vl)|oc cho|do ngoc|rac ruoi|bot rac|ngu vl|" +
      // "Nuôi mày (làm gì)" insults; "nuôi mấy con heo" (a few pigs) folds the same and tells.
      "(bot|do|may|thang) an hai|tra loi nhu (cc|c|l|shit)|nuoi may(?= *$| (lam gi|chi|uong|phi|lam chi))",
  ),
  exam: re(
    // "làm hồ sơ" (paperwork) is not "làm hộ" (do it for me).
    // "Học tiếng Hàn để thi EPS" (to sit an exam) folds like "đề thi" (an exam paper): after a verb of
    // studying it is the purpose, not a paper asked for.
    // The subject asked is a whole word: "làm hồ ở Thanh Sơn" (masonry) holds no "anh" of English,
    // "hộ lý" (a nursing aide) is a trade, "rồi thì" (and then) no exam, "để" (in order to) no paper.
    "(dap an|(?<!\\b(?:hoc|on|luyen|chuan bi|co gang|dang ky)\\b.{0,40})de thi|giai ho|giai giup|giai gium|giai dum|lam ho(?! (so|ly)\\b)|lam giup|lam gium|lam dum)\\b.*\\b(bai|de (thi|kiem tra|cuong|nay|toan|van|anh|ly|hoa)|toan|van|anh van|tieng anh|ly|hoa|(?<!roi )thi)\\b|de thi (tuyen sinh|lop 10|thpt)|cho (em|minh|toi) xin dap an|lo de|" +
      // Homework typed out: "tìm x biết 2x + 5 = 17"; an essay to hand in.
      "tim x|tinh (gia tri|dao ham|tich phan)|giai (he )?phuong trinh|can bang\\b.{0,20}\\bphuong trinh|phuong trinh (hoa hoc|phan ung)|kiem tra (hoa|toan|ly|van|anh|sinh) 15 ?p(hut)?|" +
      "(viet|soan|lam) (giup|gium|dum|ho)\\b.{0,30}\\b(bai van|bai luan|nghi luan|tieu luan|doan van)|bai van nghi luan",
  ),
  off_topic: re(
    "gia (lua|gao|vang|heo|xang|ca phe|dien thoai|dat)|thoi tiet|du bao (mua|nang|thoi tiet)|co mua (bao|lon|khong|ko)|mua bao|con bao|bong da|da bong|da banh|doi tuyen|tuyen viet nam (da|thang|thua|vo dich)|ket qua (tran|bong)|xo so|lo de|" +
      "bai tap (toan|ly|hoa|van|anh)|giai (phuong trinh|bai toan)|nau (an|mon)|cong thuc nau|phim (hay|moi)|bai hat|nguoi yeu|tinh yeu|crush|" +
      `${FORTUNE_TELLING}|hop lam an|chung khoan|bitcoin|tien ao|game|choi game|tiktok|` +
      "mv moi|ra mv|son tung|showbiz|kpop|hot girl|hot boy|ok om bok|oc om boc|ghe ngo|ke chuyen (ma|cuoi|co tich|tinh)|chuyen ma",
  ),
  khmer_greeting: re("soc sa bai|sok sabay|suc sabay|chum reap suor|chum reap sua|sua s(a|o)dei"),
  greeting: re("^(xin )?chao|^hello|^hi\\b|^alo|^hey|^chao (ban|bot|ad|anh|chi|em)|^ad oi|^bot oi"),
  thanks: re("cam on|cam ơn|thank|thanks|tks|camon|cmon"),
  farewell: re("^(bye|bai bai|bb|tam biet|goodbye|good bye|pp)( (bot|ad|ban|nha|nhe|nhe ban))*$"),
  // "Bot giúp được những gì": what the bot is for, answered like "bạn là ai".
  identity: re("(ban|bot) la (ai|nguoi that|nguoi|may)|nguoi that hay may|co phai nguoi that|ban la robot|ai tao ra ban|ban ten (gi|la gi)|(ban|bot|ad) (giup|lam|ho tro|tu van) (duoc )?(nhung )?(gi|viec gi|cai gi)"),
};

function re(alternatives: string): RegExp {
  return new RegExp(`(?:^|\\b)(?:${alternatives})(?:\\b|$)`);
}

const FORTUNE_TELLING_RE = re(FORTUNE_TELLING);

/**
 * Whether an off-topic message asks for fortune telling: refused whatever else it names (other
 * off-topic words, the weather or football, give way to a question of ours in the same message).
 */
export function asksFortune(folded: string): boolean {
  return FORTUNE_TELLING_RE.test(folded);
}

/**
 * Intents found in a message's shadow form (already folded and teencode-expanded). With the word
 * lists of `knowledge/slots.yaml`, a request to act for the user is read too (`actsForUser`).
 */
export function detectIntents(folded: string, slots?: Pick<SlotLists, "actsForUser">): Set<SpecialIntent> {
  const found = new Set<SpecialIntent>();
  for (const [intent, pattern] of Object.entries(PATTERNS) as [SpecialIntent, RegExp][]) {
    if (pattern.test(folded)) found.add(intent);
  }
  if (slots && actsForUser(folded, slots.actsForUser)) found.add("acts_for_user");
  return found;
}

/**
 * Asked to act for the user: apply, call, register or message someone "giùm/dùm/thay em" ("nộp hồ
 * sơ giùm anh tui", "gọi điện cho công ty đặt lịch phỏng vấn giùm"): a verb of `acts_for_user.verbs`
 * followed within a few words by a word of `acts_for_user.for_me`. The bot only informs; who to
 * contact is in the rows. ("Chỉ giùm em cách đăng ký" asks how: its verb comes after "giùm".)
 */
function actsForUser(folded: string, lists: SlotLists["actsForUser"]): boolean {
  const words = folded.split(" ").filter(Boolean);
  return words.some((_, i) => phraseAt(words, i, lists.verbs) && words.slice(i + 1, i + 1 + ACTS_WINDOW).some((__, k) => phraseAt(words, i + 1 + k, lists.forMe)));
}

/** Words after the verb within which "giùm" still asks it done for the user (the shadow form has no punctuation). */
const ACTS_WINDOW = 12;

/** Which refusal wins when several apply; injection first, since it must never be answered. */
export const REFUSAL_ORDER: SpecialIntent[] = ["injection", "personal_data", "politics", "exam", "insult", "acts_for_user", "off_topic"];

// === topics ===
// Topics come from the topic classifier trained on the question bank (question-analysis.ts); the
// keyword cue rules that were here are gone.

/**
 * The shadow form prepared for cue matching: "phân luồng", "năng lượng" and "chất lượng" fold to
 * "phan luong", "nang luong" and "chat luong", whose "luong" would read as "lương" (wage), so each
 * becomes one word; so does the name "trung tâm dịch vụ việc làm", whose "việc làm" would read as a
 * question about openings. Row names go through it too (`tradeKeys`), so "Nhân viên KCS (kiểm tra
 * chất lượng)" is still named by its words.
 */
export function cueText(folded: string): string {
  return (
    folded
      .replace(/\bphan luong\b/g, "phanluong")
      .replace(/\bnang luong\b/g, "nangluong")
      // "chất lượng" is quality, not a wage. (Not "sản lượng": "thủy sản lương bình quân" folds alike.)
      .replace(/\bchat luong\b/g, "chatluong")
      // "Trung tâm dịch vụ việc làm" is an office's name, not a question about openings.
      .replace(/\b(trung tam )?dich vu viec lam\b/g, "dichvuvieclam")
      // "Tuyển sinh" is a school's admissions, not hiring ("tuyển").
      .replace(/\btuyen sinh\b/g, "tuyensinh")
      // "May" before an hour or an age is "mấy", not sewing: "làm mấy giờ", "nhận mấy tuổi". (Not
      // "xe máy", and not before other nouns: "nghề may năm 2027" is sewing, and "cần mấy người"
      // is read by the quantity words.)
      .replace(/\b(?<!xe )may (?=(gio|tieng|tuoi)\b)/g, "mayq ")
  );
}

/**
 * The message's folded words without a purpose clause after learning ("học tiếng Hàn để sau này
 * thi EPS, gần đây có lớp nào", "học hàn để đi làm thợ"): what the asker means to do later is not
 * what they ask for now, so its words ("EPS", "đi làm") must not turn a course question into one
 * about working abroad or about openings. The clause ends at punctuation, or after six words.
 */
export function withoutPurpose(text: string, folded: string): string {
  const clause = /(?:^|\s)(?:để|de)\s+([^,.;:?!]+)/iu.exec(text);
  if (!clause) return folded;
  const length = Math.min(6, clause[1]!.trim().split(/\s+/).length);
  const words = folded.split(" ");
  const learn = words.indexOf("hoc");
  const at = learn < 0 ? -1 : words.indexOf("de", learn + 1);
  if (at < 0) return folded;
  return [...words.slice(0, at), ...words.slice(at + 1 + length)].join(" ");
}

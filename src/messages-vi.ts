/**
 * Every sentence a user sees that is not knowledge: error texts by ErrorCode and the fixed replies
 * of the conversation. Kept in one table so wording is reviewed in one place.
 */
import type { ErrorCode } from "./errors.js";

/**
 * The default operator name (ORG_NAME unset): the service itself. It claims no office, since the
 * status of the former district's bodies after 1/7/2025 is not verified.
 */
export const DEFAULT_ORG_NAME = "Trợ lý hướng nghiệp Trà Cú";

/** Who runs the bot, as users and report readers see it (ORG_NAME, ORG_CONTACT). */
export interface Organisation {
  name: string;
  /** How to reach a person (phone, address, page); unset = not shown. */
  contact?: string;
}

let organisation: Organisation = { name: DEFAULT_ORG_NAME };

/**
 * Sets the operator named in greetings, consent, announcements and reports. The composition root
 * calls it once with the config's ORG_NAME and ORG_CONTACT; the texts below read it when used.
 */
export function setOrganisation(org: Organisation): void {
  organisation = { name: org.name.trim() || DEFAULT_ORG_NAME, contact: org.contact?.trim() || undefined };
}

export function currentOrganisation(): Organisation {
  return organisation;
}

/** ", do <ORG_NAME> vận hành" when an operator is configured; nothing for the default. */
function operatedBy(): string {
  return organisation.name === DEFAULT_ORG_NAME ? "" : ` do ${organisation.name} vận hành`;
}

/** "\nLiên hệ: <ORG_CONTACT>" when set. */
function contactLine(): string {
  return organisation.contact ? `\nLiên hệ: ${organisation.contact}` : "";
}

export const errorMessagesVi = {
  config_invalid: "Hệ thống đang được cấu hình lại. Bạn vui lòng thử lại sau ít phút.",
  knowledge_missing: "Hệ thống chưa có dữ liệu để trả lời. Bạn vui lòng thử lại sau.",
  knowledge_invalid: "Dữ liệu của hệ thống đang có lỗi. Bạn vui lòng thử lại sau.",
  index_not_ready: "Hệ thống đang khởi động, bạn vui lòng hỏi lại sau ít giây.",
  bad_request: "Yêu cầu không hợp lệ. Bạn vui lòng gửi lại câu hỏi dạng văn bản.",
  text_empty: "Bạn chưa nhập câu hỏi. Hãy gõ câu hỏi của bạn, ví dụ: \"Học nghề sau lớp 9 ở đâu?\"",
  text_too_long: "Câu hỏi dài quá 2.000 ký tự. Bạn vui lòng rút gọn câu hỏi.",
  provider_failed: "Xin lỗi, hệ thống đang bận. Bạn vui lòng hỏi lại sau ít phút.",
  provider_timeout: "Xin lỗi, hệ thống trả lời chậm. Bạn vui lòng hỏi lại sau ít phút.",
  rate_limited: "Có quá nhiều câu hỏi được gửi trong thời gian ngắn. Bạn vui lòng chờ khoảng một phút rồi thử lại.",
  unavailable: "Hệ thống đang bận hoặc đang khởi động lại. Bạn vui lòng thử lại sau ít giây.",
  internal: "Xin lỗi, đã có lỗi xảy ra. Bạn vui lòng thử lại.",
} as const satisfies Record<ErrorCode, string>;

/** Replies of the abuse limits on the chat channels (sent once per window, then silence). */
export const limitsVi = {
  userRateLimited:
    "Bạn gửi tin nhắn nhanh quá nên mình tạm dừng trả lời khoảng một phút. Bạn vui lòng chờ một chút rồi gửi lại câu hỏi nhé.",
} as const;

/** Fixed replies of the answering core. */
export const repliesVi = {
  /** Under the old → new commune answers: who confirms it for paperwork (no researcher wording). */
  communeCheck: "Nếu cần xác nhận cho giấy tờ, hãy hỏi UBND xã nơi gia đình ở.",
  get greeting(): string {
    return `Chào bạn! Mình là trợ lý tự động hướng nghiệp cho học sinh và phụ huynh vùng Trà Cú${operatedBy()}. Mình có thể giúp về phân luồng sau lớp 9 và lớp 12, học nghề ở đâu, học phí và hỗ trợ, việc làm và lương, đi làm việc ở nước ngoài.`;
  },
  khmerGreeting: "Sốc sa bai! Chào bạn, rất vui được hỗ trợ bạn.",
  farewell: "Chào bạn nhé! Khi cần hỏi về học nghề, phân luồng hay việc làm, bạn cứ nhắn lại cho mình.",
  thanks: "Cảm ơn bạn! Nếu còn thắc mắc về học nghề, phân luồng hay việc làm, bạn cứ hỏi nhé.",
  identity:
    "Mình là trợ lý tự động (không phải người thật). Thông tin mình trả lời lấy từ Kế hoạch năm 2023 của huyện Trà Cú, các văn bản chính sách có nguồn rõ ràng và dữ liệu của cơ quan lao động.",
  /** The identity reply while the Labour Office has published no data: it must not claim any. */
  identityNoLabourData:
    "Mình là trợ lý tự động (không phải người thật). Thông tin mình trả lời lấy từ Kế hoạch năm 2023 của huyện Trà Cú và các văn bản chính sách có nguồn rõ ràng. Cơ quan lao động chưa công bố số liệu việc làm, khóa học hiện hành trên hệ thống này.",
  /** Job, wage, course and demand questions while no Labour Office data is published; the referral follows. */
  labourNoData:
    "Hiện cơ quan lao động chưa công bố số liệu hiện hành về việc làm, tiền lương, khóa đào tạo và nhu cầu lao động trên hệ thống này, nên mình chưa trả lời được chắc chắn.",
  /** After an answer from Labour Office data older than LABOUR_DATA_MAX_AGE_DAYS. */
  staleLabourData: (date: string) => `Lưu ý: đây là số liệu cũ (cập nhật ngày ${date}), có thể đã thay đổi; bạn nên hỏi lại UBND xã nơi bạn ở hoặc nơi tuyển dụng, đào tạo.`,
  refuseOffTopic:
    "Xin lỗi, mình chỉ hỗ trợ thông tin về phân luồng, học nghề, học phí và hỗ trợ, việc làm và đi làm việc ở nước ngoài. Bạn có muốn hỏi về những nội dung này không?",
  refuseInjection:
    "Xin lỗi, mình không thể làm theo yêu cầu này. Mình chỉ trả lời câu hỏi về phân luồng, học nghề, việc làm và chính sách hỗ trợ.",
  refusePersonalData:
    "Mình không cung cấp số điện thoại, địa chỉ nhà hay tài khoản mạng xã hội của cá nhân. Bạn hãy liên hệ qua UBND xã hoặc cơ quan, trường học nơi người đó làm việc.",
  refusePolitics:
    "Mình không đưa ra ý kiến về chính trị. Mình có thể cung cấp thông tin về chính sách phân luồng, học nghề và hỗ trợ học phí nếu bạn cần.",
  /** Asked to apply, call or register for the user. */
  refuseActsForUser: "Mình chỉ cung cấp thông tin, không thể viết hay nộp hồ sơ, gọi điện hay đăng ký thay bạn. Bạn hãy liên hệ trực tiếp nơi tuyển hoặc nơi đào tạo theo thông tin liên hệ trong danh sách (hỏi mình \"liên hệ ở đâu\" để xem).",
  refuseExam:
    "Mình không có và không cung cấp đề thi hay đáp án. Bạn hãy theo dõi thông báo chính thức của nhà trường và Sở Giáo dục và Đào tạo.",
  insult:
    "Xin lỗi vì câu trả lời chưa giúp được bạn. Bạn thử hỏi lại ngắn gọn hơn, ví dụ: \"học nghề sau lớp 9 ở đâu?\" hoặc \"học phí trung cấp bao nhiêu?\".",
  notCovered:
    "Xin lỗi, mình chưa có thông tin về nghĩa vụ quân sự nên không thể trả lời chắc chắn. Bạn hãy hỏi Ban Chỉ huy quân sự xã nơi bạn ở hoặc nhà trường.",
  notKnown: "Xin lỗi, mình chưa có thông tin chắc chắn để trả lời câu hỏi này.",
  /** One person's own application or exam result: the bot holds no one's papers. */
  ownCase:
    "Mình không xem được hồ sơ hay kết quả của từng người. Bạn hãy hỏi trực tiếp nơi đã nhận hồ sơ (phòng nhân sự của doanh nghiệp, phòng tuyển sinh của trường) hoặc đơn vị tổ chức kỳ thi.",
  /** A key slot of the question that the knowledge never mentions: said for that slot. */
  slotNotKnown: (what: string) => `Chưa có thông tin về ${what}.`,
  /** Nearest known items after "Chưa có thông tin…", labelled as not the answer. */
  nearestKnown: (items: string) => `Những mục gần nhất hiện có (không phải câu trả lời cho câu hỏi trên): ${items}.`,
  /** The reply would repeat the previous one word for word. */
  nothingNew: "Mình vừa gửi thông tin này ở tin nhắn trước; dữ liệu hiện chưa có thêm gì mới cho câu hỏi này.",
  /**
   * The reply would repeat the previous "no information" word for word: said again in other words
   * (the user did not get an answer the first time; "I just sent this" would read as if they had).
   */
  stillNotKnown: "Mình vẫn chưa có thông tin chắc chắn cho câu hỏi này.",
  /** A follow-up whose answer is part of the previous reply: that part, said as a reminder. */
  repeatFocus: (text: string) => `Như mình vừa trả lời ở trên: ${text}`,
  /** A table query whose slot has no matching row. */
  /** Rows whose written limits take the asker's age. */
  rowsTakeAge: (age: number) => `Ghi rõ nhận người ${age} tuổi:`,
  /** Rows that name no age limit: not claimed to take the asker. */
  rowsNoAgeLimit: "Không ghi giới hạn tuổi (hãy hỏi lại nơi tuyển trước khi nộp):",
  /** A value of the openings asked with nothing it is of ("lương?", "hạn nộp") and no earlier turn to take it from. */
  asksWhichRow: (column: string) =>
    `Bạn muốn hỏi ${column.toLowerCase()} của nghề hoặc chỗ tuyển nào? Hãy nhắn kèm tên nghề, công ty hoặc xã, ví dụ: "lương thợ hàn", "hạn nộp công nhân may".`,
  noRowsFor: (what: string) => `Hiện trong dữ liệu của cơ quan lao động chưa có ${what}.`,
  /** The sum of a thing a row names without one, as the reply says it is not given: "số tiền học bổng", "số tiền thưởng". */
  sumOf: (label: string) => (label.startsWith("tiền ") ? `số ${label}` : `số tiền ${label}`),
  /**
   * What a course meeting a condition only its row's words can meet does, by condition id
   * (knowledge/slots.yaml `waived_requirements`): "Các khóa … học buổi tối hoặc cuối tuần".
   * A condition missing here is not asked of the courses.
   */
  coursesMeeting: { off_hours: "học buổi tối hoặc cuối tuần" } as Partial<Record<string, string>>,
  noneOfShownPast: (today: string) => `Trong các chỗ tuyển vừa nêu, chưa chỗ nào hết hạn nộp (tính đến ${today}).`,
  /** Openings past the first few, named in short. */
  moreOpenings: "Các chỗ tuyển khác:",
  /** Courses past the first few, named in short. */
  moreCourses: "Các khóa khác:",
  /** Two trades compared: each side's rows follow. */
  sideBySide: (a: string, b: string) => `Để so sánh ${a} và ${b}, đây là số liệu của từng bên:`,
  /** Rows were found, but none of their columns says what was asked (an interview date, a bus, a certificate). */
  rowsDoNotSay: (rows: string, what = "điều bạn hỏi") => `Danh sách của cơ quan lao động không ghi ${what} cho ${rows}; hãy hỏi trực tiếp nơi tuyển hoặc nơi đào tạo.`,
  /** After a ranking of course fees: the free courses, not ranked among them. */
  /** Openings of the trade asked found only outside the place the earlier turn named. */
  elsewhereThanBefore: " (chưa có ở nơi bạn hỏi trước đó; đây là chỗ tuyển ở nơi khác)",
  /** Lead of the courses whose audience or support names the group asked. */
  coursesForGroup: (group: string) => `Các khóa dành cho hoặc hỗ trợ ${group}:`,
  /** A company named whose openings have all closed: said first, then its rows. */
  companyClosed: (company: string, today: string) => `${company} đã hết hạn nhận hồ sơ (tính đến ${today}); các chỗ tuyển của công ty trong danh sách của cơ quan lao động:`,
  /** "Có bao nhiêu công ty đang tuyển": the organisations counted, then named. */
  organisationsCounted: (count: number, what: string) => `Trong dữ liệu của cơ quan lao động có ${count} ${what}:`,
  /** After a company's open rows, when whether it still takes applications is asked: its closed ones. */
  closedOfCompany: (today: string) => `Đã hết hạn nhận hồ sơ (tính đến ${today}):`,
  /** "Còn chỗ nào khác không?" after rows: the others, or none. */
  otherRows: (what: string) => `Ngoài các ${what} vừa nêu, còn:`,
  noOtherRows: (what: string) => `Ngoài các ${what} vừa nêu, hiện trong dữ liệu của cơ quan lao động chưa có ${what} khác như bạn hỏi.`,
  /** After a deadline the rows' column reply gives, when it has passed. */
  deadlinePassed: " (đã hết hạn)",
  /** "Đó là việc gì" after rows: the rows just shown, in full. */
  rowsShownAgain: (what: string) => `Các ${what} vừa nêu:`,
  /** A row's cell asked for that the Labour Office left empty ("học phí chưa có trong dữ liệu"). */
  cellNotInData: "chưa có trong dữ liệu",
  /** Before the fee and support the courses asked about write, after the policy for the group asked. */
  courseTermsOwn: "Khóa bạn hỏi trong danh sách của cơ quan lao động ghi:",
  /** "Có mấy chỗ?" after rows: their number. */
  rowsCounted: (count: number, what: string) => `Có ${count} ${what} vừa nêu:`,
  /** Openings picked by words their rows say ("ký túc xá", "ca đêm"). */
  jobsSaying: (phrase: string) => `Các chỗ tuyển còn hạn có ghi "${phrase}":`,
  jobsNamed: (phrase: string) => `Các chỗ tuyển còn hạn về "${phrase}":`,
  jobsNamedClosed: (phrase: string, today: string) => `Các chỗ tuyển về "${phrase}" trong danh sách của cơ quan lao động đều đã hết hạn nộp (tính đến ${today}):`,
  jobsSayingClosed: (phrase: string, today: string) => `Các chỗ tuyển có ghi "${phrase}" trong danh sách của cơ quan lao động đều đã hết hạn nộp (tính đến ${today}):`,
  closedOnly: (position: string) => `Việc làm ${position} trong danh sách của cơ quan lao động đã hết hạn nộp hồ sơ:`,
  /** After the closed rows of the position named: the open rows of the same trade, labelled as such. */
  openOfSameTrade: "Chỗ tuyển cùng nghề còn hạn:",
  jobsForGroup: (group: string) => `Các chỗ tuyển còn hạn ghi rõ nhận hoặc ưu tiên ${group}:`,
  nearestOtherMonth: "Khóa gần nhất của nghề này (khai giảng tháng khác):",
  startedInMonth: (month: string) => `Các khóa khai giảng tháng ${month} (đã khai giảng; hãy hỏi nơi đào tạo xem còn nhận học viên không):`,
  closedInMonth: (month: number, rows: string) => `Đã hết hạn nộp trong tháng ${month}: ${rows}.`,
  placesTotal: (count: number) => `Tổng cộng ${count.toLocaleString("vi-VN")} người.`,
  freeCoursesToo: (count: number) => `Ngoài ra có ${count} khóa miễn học phí (hỏi "khóa nào miễn học phí" để xem).`,
  /** After rows that answer part of the question: what else was asked that they do not state. */
  rowsAlsoDoNotSay: (what: string) => `Danh sách không ghi ${what}; hãy hỏi trực tiếp nơi tuyển hoặc nơi đào tạo.`,
  exampleData: "Lưu ý: đây là dữ liệu mẫu để thử hệ thống, không phải thông tin tuyển dụng thật.",
  sourcePrefix: "Nguồn:",
} as const;

/** How a slot value is said in "Chưa có thông tin về …", by slot kind. */
export const slotPhrasesVi: Record<string, (label: string) => string> = {
  // A language is learnt, not a trade: "tiếng Nhật", not "nghề tiếng Nhật".
  trade: (label) => (/^tiếng /iu.test(label) ? label : `nghề ${label}`),
  country: (label) => `đi làm việc ở ${label}`,
  region: (label) => `vùng ${label}`,
  school: (label) => label,
  company: (label) => `doanh nghiệp ${label}`,
  commune: (label) => `khu vực ${label}`,
};

/**
 * Abbreviations explained the first time a reply uses them, for parents who do not know them.
 * The explanation follows the abbreviation in brackets.
 */
export const abbreviationsVi: [string, string][] = [
  ["THCS", "lớp 6–9"],
  ["THPT", "lớp 10–12"],
  ["GDTX", "giáo dục thường xuyên"],
  ["GDNN", "giáo dục nghề nghiệp"],
  ["XKLĐ", "xuất khẩu lao động"],
  ["KKT", "khu kinh tế"],
];

/** Address words for a parent: a reply written with "bạn" says "anh/chị" instead. */
export const parentAddressVi = { from: "bạn", to: "anh/chị", fromCapital: "Bạn", toCapital: "Anh/chị" } as const;

/** Longest reply body, in characters before the source line, for offline answers. */
export const MAX_REPLY_BODY_CHARS = 600;

/** Follow-up suggestions offered after an answer, by topic. */
export const suggestionsVi: Record<string, string[]> = {
  phan_luong_policy: ["Có bắt buộc đi học nghề sau lớp 9 không?", "Trung học nghề là gì?", "Mô hình 9+ là gì?"],
  vocational_training_options: ["Học nghề sau lớp 9 có mất học phí không?", "Mô hình 9+ là gì?", "Học nghề xong có liên thông lên đại học được không?"],
  tuition_and_support: ["Học nghề ngắn hạn được hỗ trợ bao nhiêu?", "Học GDTX có mất tiền không?", "Học sinh bán trú được hỗ trợ gì?"],
  labour_market_jobs: ["Nghề nào đang cần nhiều lao động?", "Lương tối thiểu vùng năm 2026 là bao nhiêu?", "Học nghề ở đâu gần nhà?"],
  work_abroad: ["Đi Hàn theo EPS cần điều kiện gì?", "Đi làm việc nước ngoài có được vay vốn không?", "Làm sao tránh bị lừa khi đi xuất khẩu lao động?"],
  plan_responsibilities: ["Ai chịu trách nhiệm chính thực hiện kế hoạch?", "UBND xã phải làm gì trong kế hoạch?", "Trà Cú giờ còn là huyện không?"],
  contact_and_events: ["Xã của tôi giờ thuộc xã nào?", "Muốn được tư vấn chọn nghề thì hỏi ở đâu?", "Trà Cú giờ còn là huyện không?"],
  greeting_smalltalk: ["Phân luồng sau lớp 9 là gì?", "Học nghề ở đâu?", "Việc làm và lương ra sao?"],
  out_of_scope: ["Phân luồng sau lớp 9 là gì?", "Học nghề sau lớp 9 có mất học phí không?", "Đi Hàn theo EPS cần điều kiện gì?"],
};

/**
 * Suggestions that assume the Labour Office's data is there; replaced by these while none is
 * published (no suggestion may promise data that is not there).
 */
export const suggestionsNoLabourDataVi: Record<string, string[]> = {
  labour_market_jobs: ["Lương tối thiểu vùng năm 2026 là bao nhiêu?", "Học nghề ở đâu gần nhà?", "Muốn được tư vấn chọn nghề thì hỏi ở đâu?"],
  greeting_smalltalk: ["Phân luồng sau lớp 9 là gì?", "Học nghề ở đâu?", "Học nghề sau lớp 9 có mất học phí không?"],
};

/**
 * The main menu of the chat channels and the web page: what the button says and the question it
 * sends to the answering core. The web page (`public/index.html`) shows the same labels.
 */
export const mainMenuVi = [
  { label: "Phân luồng sau lớp 9", question: "Học xong lớp 9 có những hướng đi nào?" },
  { label: "Sau lớp 12", question: "Tốt nghiệp THPT (sau lớp 12) thì có những hướng đi nào?" },
  { label: "Học nghề ở đâu", question: "Học nghề ở đâu gần nhà?" },
  { label: "Việc làm và lương", question: "Việc làm và mức lương hiện nay ra sao?" },
  { label: "Đi làm việc nước ngoài", question: "Muốn đi làm việc ở nước ngoài cần điều kiện gì?" },
  { label: "Liên hệ", question: "Muốn được tư vấn chọn nghề thì liên hệ ở đâu?" },
] as const;

/** Fixed replies of the chat channels (Telegram, Zalo): commands, menu, feedback, profile, privacy. */
export const channelRepliesVi = {
  /** After /start: greeting, then the one sentence on anonymous recording. */
  get welcome(): string {
    return `${repliesVi.greeting}\nCâu hỏi của bạn được ghi lại ẩn danh chỉ để thống kê, giúp tư vấn tốt hơn; số điện thoại, số giấy tờ và email trong câu hỏi được che đi, bạn đừng gửi họ tên. Gõ /xoadulieu để xóa các câu hỏi và thông tin mình lưu về bạn.${contactLine()}`;
  },
  help:
    "Bạn cứ gõ câu hỏi bằng tiếng Việt, có dấu hoặc không dấu, ví dụ: \"học nghề sau lớp 9 có mất học phí không?\".\n/menu: xem các chủ đề\n/dangky: đăng ký nhận thông báo (tư vấn, ngày hội việc làm…)\n/huydangky: dừng nhận thông báo\n/xoadulieu: xóa các câu hỏi và thông tin mình lưu về bạn\n/help: xem hướng dẫn này",
  menuTitle: "Bạn muốn tìm hiểu về:",
  /** Under a numbered list on channels without buttons. */
  numberedHint: "Trả lời bằng số để chọn, hoặc gõ câu hỏi của bạn.",
  /** Zalo feedback prompt (no buttons). */
  feedbackNumbered: "Trả lời 1 nếu hữu ích, 2 nếu chưa.",
  feedbackUpButton: "👍 Hữu ích",
  feedbackDownButton: "👎 Chưa",
  feedbackThanksUp: "Cảm ơn bạn đã góp ý! 👍",
  feedbackThanksDown: "Cảm ơn bạn đã góp ý! Mình sẽ ghi nhận để cải thiện. Bạn có thể hỏi lại theo cách khác, hoặc hỏi UBND xã nơi bạn ở.",
  feedbackUnknown: "Câu trả lời này đã cũ nên mình không ghi nhận được góp ý. Cảm ơn bạn!",
  suggestionsTitle: "Bạn có thể hỏi thêm:",
  askRole: "Cho mình hỏi thêm (không bắt buộc, chỉ để thống kê): bạn là học sinh hay phụ huynh?",
  roleStudent: "Học sinh",
  roleParent: "Phụ huynh",
  askCommune: "Bạn ở xã nào? (không bắt buộc)",
  skip: "Bỏ qua",
  profileThanks: "Cảm ơn bạn! Bạn cứ gõ câu hỏi hoặc gõ /menu để xem các chủ đề.",
  profileSkipped: "Không sao. Bạn cứ gõ câu hỏi hoặc gõ /menu để xem các chủ đề.",
  unsupportedImage: "Xin lỗi, mình chưa xem được hình ảnh. Bạn hãy gõ câu hỏi bằng chữ nhé.",
  unsupportedSticker: "Cảm ơn bạn! Mình chỉ đọc được tin nhắn chữ, bạn hãy gõ câu hỏi nhé.",
  unsupportedVoice: "Xin lỗi, mình chưa nghe được tin nhắn thoại. Bạn hãy gõ câu hỏi bằng chữ nhé.",
  unsupportedOther: "Xin lỗi, mình chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi bằng chữ nhé.",
} as const;

/** Topic names as staff read them (dashboard, CSV export). */
/** The reply to /xoadulieu: exactly what was deleted (`conversation/delete-user-data.ts`). */
export const dataDeletionVi = {
  reply(deleted: {
    questions: number;
    memory: number;
    profile: number;
    subscriptions: number;
    consentEvents: number;
    staffRoutes: number;
    announcementDeliveries: number;
  }): string {
    const lines: string[] = [];
    if (deleted.questions > 0) lines.push(`- ${deleted.questions} câu hỏi bạn đã gửi (kèm đánh giá 👍/👎 nếu có)`);
    if (deleted.memory > 0) lines.push("- câu hỏi gần nhất và các lựa chọn mình đang nhớ để trả lời tiếp");
    if (deleted.profile > 0) lines.push("- vai trò (học sinh/phụ huynh) và xã bạn đã cho biết");
    if (deleted.subscriptions > 0) lines.push("- đăng ký nhận tin của bạn");
    if (deleted.consentEvents > 0) lines.push("- lịch sử đăng ký và hủy đăng ký nhận tin");
    if (deleted.staffRoutes > 0) lines.push(`- ${deleted.staffRoutes} câu hỏi đang chờ cán bộ trả lời (cán bộ sẽ không gửi được câu trả lời cho bạn nữa)`);
    if (deleted.announcementDeliveries > 0) lines.push("- liên kết giữa bạn và các thông báo đã gửi cho bạn");
    const kept = "Chỉ còn số lượng câu hỏi theo ngày (không gắn với ai) để thống kê.";
    if (lines.length === 0) return `Mình không còn lưu dữ liệu nào gắn với bạn. ${kept}`;
    return `Mình đã xóa:\n${lines.join("\n")}\n${kept}`;
  },
} as const;

export const topicLabelsVi: Record<string, string> = {
  phan_luong_policy: "Chính sách phân luồng",
  vocational_training_options: "Học nghề, trường lớp",
  tuition_and_support: "Học phí và hỗ trợ",
  labour_market_jobs: "Việc làm và lương",
  work_abroad: "Đi làm việc ở nước ngoài",
  plan_responsibilities: "Trách nhiệm thực hiện kế hoạch",
  contact_and_events: "Liên hệ và sự kiện",
  greeting_smalltalk: "Chào hỏi, trò chuyện",
  out_of_scope: "Ngoài phạm vi",
};

export const roleLabelsVi: Record<string, string> = { student: "Học sinh", parent: "Phụ huynh", unknown: "Chưa rõ" };
export const channelLabelsVi: Record<string, string> = { telegram: "Telegram", zalo: "Zalo", web: "Trang web", api: "Ứng dụng khác (kết nối trực tiếp)" };

/** How a reply was made, as staff read it (CSV export). */
export const answererLabelsVi: Record<string, string> = {
  offline: "Tra cứu dữ liệu (tự động)",
  llm: "Mô hình ngôn ngữ",
  labour: "Bảng số liệu lao động",
  events: "Lịch sự kiện",
  rule: "Câu trả lời cố định (chào hỏi, từ chối)",
};

/** Staff's verdict on a reply (dashboard, CSV export). */
export const replyFlagLabelsVi: Record<string, string> = { wrong: "Trả lời sai", incomplete: "Chưa đủ" };

/** Why a question is in the follow-up queue. */
export const queueReasonLabelsVi: Record<string, string> = {
  unanswered: "Bot chưa trả lời được",
  wrong: "Cán bộ đánh dấu: trả lời sai",
  incomplete: "Cán bộ đánh dấu: chưa đủ",
  down: "Người hỏi chấm 👎",
};

/** The Centre's statistics dashboard: login page, filters, charts, tables, errors. */
export const dashboardVi = {
  title: "Thống kê hỏi đáp – Trợ lý hướng nghiệp Trà Cú",
  loginTitle: "Đăng nhập trang thống kê",
  user: "Tên đăng nhập",
  password: "Mật khẩu",
  login: "Đăng nhập",
  logout: "Đăng xuất",
  loginFailed: "Tên đăng nhập hoặc mật khẩu không đúng.",
  loginBlocked: "Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau tối đa 30 phút.",
  unauthorized: "Bạn cần đăng nhập để xem số liệu thống kê.",
  /** A state-changing staff API call whose body is not JSON (CSRF protection). */
  jsonOnly: "Yêu cầu không hợp lệ: trang quản trị chỉ nhận dữ liệu dạng JSON.",
  wrongRole: "Tài khoản của bạn không có quyền dùng mục này.",
  filters: "Bộ lọc",
  from: "Từ ngày",
  to: "Đến ngày",
  channel: "Kênh",
  commune: "Xã",
  topic: "Chủ đề",
  role: "Người hỏi",
  all: "Tất cả",
  apply: "Lọc",
  reset: "Đặt lại",
  downloadCsv: "Tải CSV",
  badFilter: "Bộ lọc không hợp lệ",
  total: "Tổng số câu hỏi",
  answered: "Trả lời được",
  unanswered: "Chưa trả lời được",
  feedbackUp: "Hữu ích 👍",
  feedbackDown: "Chưa hữu ích 👎",
  perDay: "Số câu hỏi theo ngày, theo kênh",
  perWeek: "Số câu hỏi theo tuần, theo kênh",
  dayColumn: "Ngày",
  weekColumn: "Tuần bắt đầu",
  topics: "Chủ đề được hỏi",
  communes: "Câu hỏi theo xã",
  unknownCommune: "Chưa rõ xã",
  roles: "Học sinh và phụ huynh",
  answeredChart: "Trả lời được và chưa trả lời được",
  feedback: "Góp ý của người hỏi",
  count: "Số câu hỏi",
  asTable: "Xem dạng bảng",
  topQuestions: "Câu hỏi thường gặp (gộp các câu hỏi giống nhau)",
  times: "Số lần",
  example: "Câu hỏi (ví dụ)",
  variants: "Số cách hỏi",
  queue: "Câu hỏi cần cán bộ xem lại",
  queueHint:
    "Gồm câu bot chưa trả lời được, câu trả lời cán bộ đánh dấu sai hoặc chưa đủ, và câu người hỏi chấm 👎. Mới nhất ở trên. Trả lời và duyệt ở trang \"Câu hỏi cần trả lời\".",
  refusals: "Từ chối, ngoài phạm vi",
  refusalsHint: "Câu hỏi ngoài phạm vi (chính trị, giá cả, lời lẽ không phù hợp…) bot đã từ chối: chỉ đếm, không đưa vào danh sách cần xem lại.",
  recent: "Câu hỏi gần đây và câu trả lời của bot",
  recentHint: "Đọc câu trả lời của bot. Nếu sai hoặc chưa đủ, bấm nút tương ứng: câu hỏi sẽ vào danh sách cần cán bộ trả lời.",
  reply: "Bot trả lời",
  noReply: "(không lưu câu trả lời)",
  reason: "Lý do",
  flagWrong: "Trả lời sai",
  flagIncomplete: "Chưa đủ",
  flagClear: "Bỏ đánh dấu",
  flagged: "Đã đánh dấu",
  flagSaved: "Đã đánh dấu. Câu hỏi đã vào danh sách cần cán bộ trả lời.",
  flagCleared: "Đã bỏ đánh dấu.",
  time: "Thời gian",
  question: "Câu hỏi",
  status: "Trạng thái",
  reviewed: "Đã xem",
  notReviewed: "Chưa xem",
  markReviewed: "Đánh dấu đã xem",
  markNotReviewed: "Bỏ đánh dấu",
  toggleFailed: "Không lưu được, vui lòng thử lại.",
  empty: "Chưa có câu hỏi nào trong khoảng thời gian và bộ lọc này.",
  emptyQueue: "Không có câu hỏi nào chưa trả lời được.",
  privacyNote: "Số liệu ẩn danh: không lưu mã hay tên tài khoản của người hỏi; số điện thoại, số giấy tờ và email trong câu hỏi đã được che. Ngày tính theo giờ Việt Nam.",
} as const;

// === outreach (issue 5): subscriptions, events, staff follow-up, the outreach dashboard, reports

/** Names of the announcement topics users subscribe to (keys: `OUTREACH_TOPICS`). */
export const outreachTopicLabelsVi: Record<string, string> = {
  phan_luong: "Phân luồng",
  hoc_nghe: "Học nghề",
  viec_lam: "Việc làm",
  nuoc_ngoai: "Đi làm việc nước ngoài",
  su_kien: "Sự kiện (hội thảo, ngày hội)",
};


/** Replies about upcoming events (answering core). */
export const eventRepliesVi = {
  headingAll: "Các sự kiện sắp tới ở Trà Cú:",
  headingCommune: (commune: string) => `Các sự kiện sắp tới ở ${commune} và chung cho cả vùng:`,
  noneInCommune: (commune: string) => `Chưa có sự kiện sắp tới ở ${commune}. Các sự kiện khác trong vùng:`,
  none:
    "Hiện mình chưa có lịch hội thảo, ngày hội việc làm hay buổi tư vấn nào sắp tới. Bạn hãy hỏi nhà trường hoặc UBND xã nơi bạn ở. Trên Telegram hoặc Zalo, bạn có thể gõ /dangky để được báo khi có sự kiện mới.",
  when: "Thời gian",
  where: "Địa điểm",
  audience: "Dành cho",
  organiser: "Đơn vị tổ chức",
  contact: "Liên hệ",
  subscribeHint: "Trên Telegram hoặc Zalo, gõ /dangky để được báo khi có sự kiện mới.",
  get sourceTitle(): string {
    return `Lịch sự kiện của ${organisation.name}`;
  },
  suggestionSubscribe: "Muốn nhận thông báo sự kiện thì làm sao?",
  weekday(iso: string): string {
    const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
    return ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"][day] ?? "";
  },
} as const;

/**
 * Chat replies of the subscriptions and the staff follow-up. Changing `consent` means a new
 * `CONSENT_VERSION` (src/outreach/subscription-commands.ts): each opt-in records the version it saw.
 */
export const outreachVi = {
  menuSubscribe: "Đăng ký nhận tin",
  get consent(): string {
    return (
      `Đăng ký nhận tin từ ${organisation.name}.\n` +
      "Bạn sẽ nhận thông báo về chủ đề bạn chọn: lịch tư vấn, ngày hội việc làm, khóa học nghề, tuyển dụng… (không quá vài tin mỗi tháng).\n" +
      "Mình chỉ lưu mã ẩn danh của bạn, chủ đề và xã bạn chọn, thời điểm bạn đồng ý, và mã cuộc trò chuyện (đã mã hóa) để gửi tin; không lưu tên hay số điện thoại.\n" +
      // "Dưới 16 tuổi" is the law's line, not ours: a child (trẻ em) is a person under 16 (Luật Trẻ em
      // 2016, Điều 1), and for a child's personal data Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 (Điều 24,
      // from 1/1/2026; detailed by Nghị định 356/2025/NĐ-CP) gives the rights to the parent or guardian
      // and asks for the consent of both child (aged 7 or more) and parent (shared/reference/
      // reliability-security-privacy.md §3.3).
      "Học sinh dưới 16 tuổi (là trẻ em theo Luật Trẻ em): theo Luật Bảo vệ dữ liệu cá nhân, hãy đăng ký khi đã được cha mẹ hoặc người giám hộ đồng ý.\n" +
      "Bạn có thể dừng bất cứ lúc nào: gõ /huydangky (hoặc \"hủy đăng ký\", \"dừng\")." +
      contactLine()
    );
  },
  chooseTopic: "Bạn muốn nhận tin về chủ đề nào?",
  allTopics: "Tất cả chủ đề",
  noThanks: "Không, cảm ơn",
  declined: "Không sao, mình sẽ không gửi thông báo nào. Bạn có thể gõ /dangky bất cứ lúc nào.",
  current: (topics: string, commune: string) => `Bạn đang nhận tin về: ${topics} (${commune}). Chọn thêm chủ đề, hoặc gõ /huydangky để dừng.`,
  subscribed: (topics: string) => `Đã đăng ký nhận tin về: ${topics}.`,
  chooseCommune: "Bạn muốn nhận tin của xã nào?",
  wholeArea: "Cả vùng Trà Cú",
  wholeAreaName: "cả vùng Trà Cú",
  done: (topics: string, commune: string) =>
    `Xong! Bạn sẽ nhận tin về: ${topics} (${commune}). Gõ /dangky để thêm chủ đề, /huydangky để dừng nhận tin.`,
  unsubscribed: "Bạn đã hủy đăng ký. Mình sẽ không gửi thông báo nào nữa và đã xóa mã cuộc trò chuyện dùng để gửi tin.",
  notSubscribed: "Bạn chưa đăng ký nhận tin nên không có gì để hủy. Gõ /dangky nếu muốn nhận tin.",
  privateOnly: "Vui lòng đăng ký nhận tin trong tin nhắn riêng với bot, không đăng ký trong nhóm.",
  expired: "Lựa chọn này đã cũ. Gõ /dangky để đăng ký lại.",
  /** On the web chat: announcements come through the platforms, with their links when they are on. */
  webSubscribe(links: { telegram?: string; zalo?: string }): string {
    const where = (
      [
        ["Zalo", links.zalo],
        ["Telegram", links.telegram],
      ] as const
    )
      .filter(([, link]) => link !== undefined)
      .map(([name, link]) => (link ? `${name}: ${link}` : `${name}: tìm bot hướng nghiệp Trà Cú`));
    return (
      "Trang web không gửi được thông báo. Thông báo (lịch tư vấn, ngày hội việc làm, khóa học nghề…) được gửi qua Zalo hoặc Telegram: " +
      (where.length
        ? `bạn mở bot ở đó rồi gõ /dangky.\n${where.join("\n")}`
        : "hiện chưa có kênh Zalo hay Telegram nào được mở, bạn vui lòng quay lại sau.")
    );
  },

  // === announcements as recipients read them
  get announcementHeader(): string {
    return `📢 Thông báo từ ${organisation.name}`;
  },
  /** Under each announcement when ORG_CONTACT is set. */
  get announcementContact(): string {
    return organisation.contact ? `Liên hệ: ${organisation.contact}` : "";
  },
  announcementFooter: (topic: string) => `Bạn nhận tin này vì đã đăng ký chủ đề "${topic}". Gõ /huydangky để dừng nhận tin.`,

  // === staff follow-up
  staffForward: (p: { commune: string; channel: string; topic: string; key: string; question: string; reply?: string | null }) =>
    `❓ Câu hỏi bot chưa trả lời được\nXã: ${p.commune} · Kênh: ${p.channel} · Chủ đề: ${p.topic}\nMã người hỏi (ẩn danh): ${p.key}\n\n${p.question}\n\n${p.reply ? `Bot đã trả lời: ${p.reply}\n\n` : ""}↩️ Trả lời (reply) tin nhắn này để gửi câu trả lời cho người hỏi. Câu trả lời sẽ được lưu thành bản nháp, chờ duyệt trên trang quản trị trước khi bot dùng.`,
  staffAnswerToUser: (answer: string) => `Trả lời từ cán bộ: ${answer}`,
  staffSent: "✅ Đã gửi câu trả lời đến người hỏi. Bản nháp đã được lưu, chờ duyệt trên trang quản trị.",
  staffNotDelivered: "⚠️ Chưa gửi được câu trả lời đến người hỏi (có thể họ đã chặn bot). Bản nháp vẫn được lưu.",
  staffNoRoute: "⚠️ Không tìm thấy người hỏi của tin nhắn này (đã trả lời rồi hoặc đã quá 7 ngày). Bạn có thể duyệt câu trả lời trên trang quản trị.",
  unknownCommune: "chưa rõ",
} as const;

/** The outreach pages of the dashboard: announcements, events, follow-up, reports. */
export const outreachDashboardVi = {
  navStats: "Thống kê",
  navAnnouncements: "Thông báo",
  navEvents: "Sự kiện",
  navFollowUp: "Câu hỏi cần trả lời",
  navReport: "Báo cáo",

  announcementsTitle: "Gửi thông báo cho người đăng ký",
  subscribers: "Người đăng ký nhận tin",
  newAnnouncement: "Soạn thông báo",
  text: "Nội dung",
  textHint: "Tối đa 1.500 ký tự. Chỉ gửi đến người đã đăng ký chủ đề này.",
  topic: "Chủ đề",
  communes: "Xã nhận tin",
  communesHint: "Không chọn xã nào = gửi cho tất cả các xã. Người đăng ký \"cả vùng\" nhận mọi thông báo của chủ đề.",
  link: "Đường dẫn (không bắt buộc)",
  fromEvent: "Soạn từ sự kiện",
  preview: "Xem trước",
  previewTitle: "Xem trước tin nhắn",
  recipients: (n: string) => `Sẽ gửi đến ${n} người`,
  confirm: "Xác nhận gửi",
  edit: "Sửa lại",
  queued: (n: string) => `Đã xếp lịch gửi thông báo đến ${n} người. Tiến độ hiện ở bảng bên dưới.`,
  noRecipients: "Chưa có ai đăng ký chủ đề và xã này: không có gì để gửi.",
  changed: "Nội dung đã thay đổi sau khi xem trước. Vui lòng xem trước lại.",
  sendFailed: "Không gửi được, vui lòng thử lại.",
  history: "Thông báo đã gửi",
  createdAt: "Thời gian",
  author: "Người gửi",
  recipientCount: "Người nhận",
  delivered: "Đã nhận",
  failed: "Lỗi",
  blocked: "Đã chặn bot",
  waiting: "Đang chờ",
  status: "Trạng thái",
  statusQueued: "Đang gửi",
  statusDone: "Xong",
  allCommunes: "Tất cả các xã",
  noAnnouncements: "Chưa có thông báo nào.",

  eventsTitle: "Sự kiện: hội thảo, ngày hội, tư vấn",
  eventsHint: "Bot trả lời \"sắp tới có hội thảo nào?\" từ danh sách này (sự kiện nhập ở đây và sự kiện có sẵn trong dữ liệu của bot).",
  newEvent: "Thêm sự kiện",
  eventName: "Tên sự kiện",
  eventDate: "Ngày",
  eventTime: "Giờ (không bắt buộc)",
  eventPlace: "Địa điểm",
  eventCommune: "Xã",
  wholeArea: "Cả vùng Trà Cú",
  eventAudience: "Dành cho",
  eventOrganiser: "Đơn vị tổ chức",
  eventContact: "Liên hệ",
  addEvent: "Lưu sự kiện",
  eventAdded: "Đã lưu sự kiện.",
  upcoming: "Sắp diễn ra",
  past: "Đã diễn ra",
  source: "Nguồn",
  sourceFile: "Dữ liệu có sẵn",
  sourceDashboard: "Trang quản trị",
  example: "dữ liệu mẫu",
  makeAnnouncement: "Tạo thông báo",
  deleteEvent: "Xóa",
  confirmDeleteEvent: (name: string) => `Xóa sự kiện "${name}"? Bot sẽ không nhắc đến sự kiện này nữa.`,
  noEvents: "Chưa có sự kiện nào sắp diễn ra.",
  saveFailed: "Không lưu được, vui lòng kiểm tra lại các ô đã nhập.",
  announcementFromEvent: (p: { name: string; when: string; place: string; audience: string; contact: string }) =>
    [`${p.name}`, `Thời gian: ${p.when}`, `Địa điểm: ${p.place}`, p.audience ? `Dành cho: ${p.audience}` : "", p.contact ? `Liên hệ: ${p.contact}` : ""].filter(Boolean).join("\n"),

  followUpTitle: "Câu hỏi cần cán bộ trả lời",
  drafts: "Câu trả lời của cán bộ chờ duyệt",
  draftsHint: "Câu trả lời của cán bộ (trong nhóm Telegram hoặc ở trang này). Khi duyệt, câu hỏi và câu trả lời được đưa vào dữ liệu hỏi đáp và bot dùng ngay cho những câu hỏi tương tự.",
  question: "Câu hỏi",
  answer: "Câu trả lời",
  answeredBy: "Người trả lời",
  approve: "Duyệt cho bot dùng",
  reject: "Bỏ bản nháp",
  confirmReject: "Bỏ bản nháp này? Câu trả lời sẽ không được bot dùng.",
  approved: "Đã duyệt: bot đã dùng câu trả lời này.",
  rejected: "Đã bỏ bản nháp.",
  noDrafts: "Không có bản nháp nào chờ duyệt.",
  unanswered: "Câu hỏi cần cán bộ trả lời",
  unansweredHint: "Câu bot chưa trả lời được, câu trả lời bị đánh dấu sai hoặc chưa đủ, câu người hỏi chấm 👎. Trả lời tại đây: nếu người hỏi còn liên lạc được (trong 7 ngày, qua Telegram hoặc Zalo), câu trả lời được gửi cho họ.",
  reachable: "Gửi được cho người hỏi",
  notReachable: "Chỉ lưu để duyệt",
  reply: "Gửi trả lời",
  approveNow: "Duyệt luôn cho bot dùng",
  replySent: "Đã gửi câu trả lời cho người hỏi.",
  replySaved: "Đã lưu câu trả lời (người hỏi không còn liên lạc được qua bot).",
  noUnanswered: "Không có câu hỏi nào đang chờ.",

  reportTitle: "Báo cáo kết quả hỏi đáp và truyền thông",
  reportYear: "Năm",
  reportMonth: "Tháng",
  wholeYear: "Cả năm",
  reportCommune: "Phạm vi",
  show: "Xem",
  downloadXlsx: "Tải Excel",
  print: "In báo cáo",
  reportFor: (period: string, scope: string) => `Báo cáo ${period} – ${scope}`,
  monthPeriod: (month: number, year: number) => `tháng ${month}/${year}`,
  yearPeriod: (year: number) => `năm ${year}`,
  sectionOverview: "Tổng quan",
  sectionTopics: "Câu hỏi theo chủ đề",
  sectionChannels: "Câu hỏi theo kênh",
  sectionRoles: "Câu hỏi theo người hỏi",
  sectionCommunes: "Theo xã",
  sectionFeedback: "Góp ý của người hỏi",
  sectionTopQuestions: "Câu hỏi thường gặp",
  sectionAnnouncements: "Thông báo đã gửi",
  sectionEvents: "Sự kiện đã tổ chức",
  totalQuestions: "Tổng số câu hỏi",
  answeredCount: "Trả lời được",
  unansweredCount: "Chưa trả lời được",
  answeredShare: "Tỷ lệ trả lời được",
  feedbackUp: "Hữu ích 👍",
  feedbackDown: "Chưa hữu ích 👎",
  staffAnswers: "Câu hỏi được cán bộ trả lời",
  subscribersNow: "Người đang đăng ký nhận tin",
  announcementsSent: "Số thông báo",
  reach: "Lượt nhận được",
  eventsHeld: "Số sự kiện đã tổ chức",
  count: "Số lượng",
  share: "Tỷ lệ",
  times: "Số lần",
  exampleQuestion: "Câu hỏi (ví dụ)",
  value: "Giá trị",
  item: "Mục",
  total: "Tổng cộng",
  date: "Ngày",
  commune: "Xã",
  channel: "Kênh",
  noData: "Không có số liệu.",
  generatedAt: (at: string) => `Lập lúc ${at} (giờ Việt Nam). Số liệu ẩn danh, cùng nguồn với trang thống kê.`,
} as const;

/** Refusals of an upload on `/dashboard/du-lieu` (the file changes nothing). */
export const labourUploadVi = {
  empty: (file: string) => `Tệp ${file} trống: không có dữ liệu. Không có gì thay đổi.`,
  tooLarge: (mb: number) => `Tệp quá lớn: mỗi tệp tối đa ${mb} MB. Hãy chia thành nhiều tệp nhỏ hơn. Không có gì thay đổi.`,
  oldExcel: (file: string) => `Tệp ${file} là tệp Excel kiểu cũ (.xls): hãy mở bằng Excel và "Lưu thành" dạng .xlsx hoặc CSV UTF-8. Không có gì thay đổi.`,
  notSpreadsheet: (file: string) => `Tệp ${file} không phải bảng tính CSV hoặc Excel (.xlsx). Không có gì thay đổi.`,
  unreadable: (file: string) => `Không đọc được tệp ${file}; xem chi tiết bên dưới. Không có gì thay đổi.`,
  wrongHeaders: (file: string) =>
    `Tệp ${file} không có đúng tiêu đề cột của mẫu (việc làm, khóa đào tạo hoặc nhu cầu lao động). Hãy tải mẫu trống ở trang này và giữ nguyên dòng tiêu đề. Không có gì thay đổi.`,
  noGoodRows: (file: string) => `Tệp ${file} không có dòng nào dùng được: mọi dòng đều có lỗi ở cột bắt buộc (xem bên dưới). Không có gì thay đổi.`,
  noFile: "Chưa chọn tệp nào.",
  draftMissing: "Bản nháp không còn (đã công bố hoặc đã hủy). Hãy tải tệp lên lại.",
  badDate: "Ngày số liệu phải là một ngày có thật, không sau hôm nay (dạng dd/mm/yyyy).",
  noVersion: "Không có phiên bản này.",
} as const;

/** The Labour Office's page `/dashboard/du-lieu`. */
export const labourDataVi = {
  title: "Dữ liệu lao động, việc làm – công bố",
  nav: "Dữ liệu lao động",
  intro:
    "Tải lên bảng tính việc làm, khóa đào tạo hoặc nhu cầu lao động (CSV hoặc Excel .xlsx, mỗi tệp tối đa 5 MB). Bot kiểm tra từng dòng, cho xem thử câu trả lời, rồi mới công bố khi bạn bấm \"Công bố\".",
  templates: "Tải mẫu trống",
  templateNames: { jobs: "Mẫu việc làm", courses: "Mẫu khóa đào tạo", demand: "Mẫu nhu cầu lao động" } as Record<string, string>,
  step1: "1. Chọn tệp",
  upload: "Tải lên và kiểm tra",
  step2: "2. Kết quả kiểm tra",
  noProblems: "Không có lỗi.",
  fileAccepted: (file: string, rows: number, kind: string) => `Tệp ${file}: nhận ${rows} dòng (${kind}).`,
  step3: "3. Xem thử câu trả lời với dữ liệu mới",
  preview: "Xem thử",
  previewQuestion: "Câu hỏi thử (không bắt buộc)",
  step4: "4. Công bố",
  asOf: "Số liệu tính đến ngày",
  publish: "Công bố",
  discard: "Hủy bản nháp",
  published: (version: number) => `Đã công bố phiên bản ${version}. Bot trả lời theo dữ liệu mới trong vòng một phút trên mọi máy chủ.`,
  history: "Các phiên bản đã công bố",
  version: "Phiên bản",
  publishedAt: "Công bố lúc",
  publisher: "Người công bố",
  contents: "Nội dung",
  live: "Đang dùng",
  rollback: "Dùng lại phiên bản này",
  rolledBack: (version: number) => `Đã chuyển về phiên bản ${version}.`,
  none: "Chưa công bố dữ liệu nào. Bot đang nói rõ với người hỏi là cơ quan lao động chưa công bố số liệu.",
  stale: (date: string, days: number) => `Cảnh báo: số liệu đang dùng cập nhật ngày ${date}, đã quá ${days} ngày. Bot trả lời kèm chữ "số liệu cũ". Hãy công bố số liệu mới.`,
  kinds: { jobs: "việc làm", courses: "khóa đào tạo", demand: "nhu cầu lao động" } as Record<string, string>,
  forbidden: "Tài khoản của bạn không có quyền vào trang này.",
  levelError: "Lỗi",
  levelUnclear: "Chưa rõ",
  levelWarning: "Cảnh báo",
  folderNote: "Tệp đặt trong thư mục knowledge/labour/ trên máy chủ vẫn được dùng cho loại bảng chưa công bố ở đây; loại bảng đã công bố ở đây thì dùng bản công bố.",
} as const;

/** Staff accounts and the audit log (`/dashboard/tai-khoan`, admins only). */
export const staffAdminVi = {
  title: "Tài khoản cán bộ và nhật ký thao tác",
  nav: "Tài khoản",
  accounts: "Tài khoản",
  user: "Tên đăng nhập",
  role: "Vai trò",
  password: "Mật khẩu (ít nhất 10 ký tự)",
  add: "Thêm tài khoản",
  remove: "Xóa",
  setPassword: "Đặt mật khẩu mới",
  setRole: "Đổi vai trò",
  firstAdmin: "Quản trị đầu tiên (DASHBOARD_USER, đặt trong cấu hình máy chủ)",
  audit: "Nhật ký thao tác",
  time: "Thời gian",
  actor: "Người làm",
  action: "Thao tác",
  detail: "Chi tiết",
  roles: { "thong-ke": "Thống kê (thống kê, truyền thông, câu hỏi chưa trả lời, báo cáo)", "du-lieu": "Dữ liệu (công bố dữ liệu lao động)", "quan-tri": "Quản trị (toàn quyền, kể cả tài khoản)" } as Record<string, string>,
  actions: {
    "sign-in": "Đăng nhập",
    "labour.publish": "Công bố dữ liệu",
    "labour.rollback": "Chuyển về phiên bản cũ",
    "faq.approve": "Duyệt câu hỏi đáp",
    "announcement.send": "Gửi thông báo",
    "account.add": "Thêm tài khoản",
    "account.remove": "Xóa tài khoản",
    "account.password": "Đổi mật khẩu",
    "account.role": "Đổi vai trò",
  } as Record<string, string>,
  taken: "Tên đăng nhập đã có.",
  badUser: "Tên đăng nhập: 2-50 ký tự chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.",
  badPassword: "Mật khẩu phải có ít nhất 10 ký tự.",
  badRole: "Vai trò phải là thống kê, dữ liệu hoặc quản trị.",
  noSuchAccount: "Không có tài khoản này.",
  done: "Đã lưu.",
  forbidden: "Chỉ quản trị viên được vào trang này.",
} as const;

/** The Labour Office's columns as a reply names them ("Lương của các chỗ tuyển vừa nêu"). */
export const columnNamesVi: Record<string, string> = {
  wage: "Lương", requirements: "Yêu cầu", deadline: "Hạn nộp", contact: "Liên hệ", workplace: "Nơi làm", quantity: "Số lượng",
  fee: "Học phí", support: "Hỗ trợ", startDate: "Khai giảng", duration: "Thời gian học", audience: "Đối tượng", location: "Địa điểm",
  avgWage: "Lương bình quân", demand: "Nhu cầu",
};

/**
 * The staff follow-up loop end to end, over the webhooks and the fake Telegram and Zalo APIs: an
 * unanswered question is forwarded (masked, anonymous key, commune) to the staff chat; a staff
 * reply to that forward reaches the asker as "Trả lời từ cán bộ: …", is recorded and saved as a
 * draft FAQ entry; approving it in the dashboard API writes knowledge/faq/approved.yaml and
 * re-indexes, after which the bot answers the question from the FAQ. Also: answering from the
 * dashboard, and what the staff chat ignores.
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outreachVi } from "../../src/messages-vi.js";
import { STAFF_FAQ_SOURCE_TITLE } from "../../src/outreach/faq-publisher.js";
import { localIsoDate } from "../../src/store/local-date.js";
import { STAFF_CHAT, staffReply, startOutreachHarness, telegramCallback, telegramText, until, zaloText, type OutreachHarness } from "./helpers/outreach-harness.js";

const QUESTION = "Trường nghề có cho học sinh mang xe máy vào trường không?";
const ANSWER = "Có. Học sinh từ 16 tuổi có giấy phép lái xe được gửi xe máy ở bãi xe của trường; hỏi phòng công tác học sinh khi nhập học.";

let h: OutreachHarness;

beforeAll(async () => {
  // A writable copy of knowledge/: approving writes knowledge/faq/approved.yaml.
  h = await startOutreachHarness({ copyKnowledge: true });
});
afterAll(async () => {
  await h?.close();
});

const toStaff = () => h.telegram.deliveredTo(STAFF_CHAT);
const toUser = (chat: number) => h.telegram.deliveredTo(String(chat));

async function say(user: number, update: Record<string, unknown>): Promise<string> {
  const before = toUser(user).length;
  expect((await h.postTelegram(update)).status).toBe(200);
  await until(() => toUser(user).length > before, "reply to the user");
  return String(toUser(user).at(-1)!.body.text);
}

describe("staff follow-up", () => {
  let forwardId: number;
  let user: number;

  it("should forward an unanswered question to the staff chat, masked, with the anonymous key and commune", async () => {
    user = 6_400_000_001;
    // The user told their commune (profile), so the forward names it.
    await say(user, telegramCallback("pf:role:parent", user));
    await say(user, telegramCallback("pf:commune:4", user));
    const before = toStaff().length;
    const reply = await say(user, telegramText(`${QUESTION} Gọi em 0912 345 678 nhé`, user));
    expect(reply).toContain("chưa có thông tin chắc chắn");
    await until(() => toStaff().length > before, "forward to the staff chat");
    const forward = toStaff().at(-1)!;
    const text = String(forward.body.text);
    expect(text).toContain(QUESTION);
    expect(text).toContain("[số điện thoại]");
    expect(text).not.toContain("0912");
    expect(text).toContain("Xã Long Hiệp");
    expect(text).toContain(h.userKey("telegram", String(user)).slice(0, 16));
    expect(text).not.toContain(String(user));
    // The bot's reply (masked, as stored) beside the question.
    expect(text).toContain(`Bot đã trả lời: ${(await h.records()).at(-1)!.reply}`);
    const route = await until(async () => (await h.outreach.store.findStaffRouteByRecord((await h.records()).at(-1)!.id)) !== undefined, "route saved").then(async () =>
      h.outreach.store.findStaffRouteByRecord((await h.records()).at(-1)!.id),
    );
    forwardId = Number(route!.staffMessageId);
    expect(forwardId).toBeGreaterThan(0);
    // The route keeps the chat id encrypted only.
    expect(route!.chatRef).not.toContain(String(user));
  });

  it("should not forward refusals or small talk", async () => {
    const other = 6_400_000_002;
    const before = toStaff().length;
    await say(other, telegramText("xin chào", other));
    await say(other, telegramText("giá vàng hôm nay bao nhiêu", other));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(toStaff().length).toBe(before);
  });

  it("should send a staff reply to the asker as the office's answer, record it and keep a draft FAQ", async () => {
    const beforeStaff = toStaff().length;
    const beforeUser = toUser(user).length;
    expect((await h.postTelegram(staffReply(ANSWER, forwardId))).status).toBe(200);
    await until(() => toUser(user).length > beforeUser, "answer to the asker");
    expect(String(toUser(user).at(-1)!.body.text)).toBe(outreachVi.staffAnswerToUser(ANSWER));
    await until(() => toStaff().length > beforeStaff, "confirmation in the staff chat");
    expect(String(toStaff().at(-1)!.body.text)).toBe(outreachVi.staffSent);

    const drafts = await h.outreach.store.listStaffAnswers({ status: "draft" });
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ answer: ANSWER, delivered: true, channel: "telegram", commune: "Xã Long Hiệp", answeredBy: "Nhóm cán bộ (Telegram)" });
    expect(drafts[0]!.question).toContain("[số điện thoại]");
    // The route has done its job; the question left the "not reviewed" queue.
    expect(await h.outreach.store.findStaffRoute(String(forwardId))).toBeUndefined();
    const record = (await h.records()).find((r) => r.id === drafts[0]!.recordId);
    expect(record?.reviewed).toBe(true);
  });

  it("should say so when a staff member replies to a forward that was already answered", async () => {
    const before = toStaff().length;
    expect((await h.postTelegram(staffReply("Trả lời lần hai", forwardId))).status).toBe(200);
    await until(() => toStaff().length > before, "staff notice");
    expect(String(toStaff().at(-1)!.body.text)).toBe(outreachVi.staffNoRoute);
  });

  it("should approve the draft into knowledge/faq/approved.yaml and answer the question from it without a restart", async () => {
    const [draft] = await h.outreach.store.listStaffAnswers({ status: "draft" });
    const res = await h.api("POST", `/api/outreach/faq-drafts/${draft!.id}/approve`, { question: QUESTION });
    expect(res.status).toBe(200);
    const approved = (await res.json()) as { status: string; faqId: string };
    expect(approved.status).toBe("approved");

    const file = path.join(h.knowledgeDir, "faq", "approved.yaml");
    const entries = parseYaml(fs.readFileSync(file, "utf8")) as { id: string; topic: string; questions: string[]; answer: string; source: { title: string; as_of: string } }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id: approved.faqId, questions: [QUESTION], answer: ANSWER, source: { title: STAFF_FAQ_SOURCE_TITLE, as_of: localIsoDate(new Date()) } });

    const asker = 6_400_000_003;
    const reply = await say(asker, telegramText(QUESTION, asker));
    expect(reply).toContain(ANSWER);
    expect(reply).toContain(STAFF_FAQ_SOURCE_TITLE);
    const record = (await h.records()).at(-1)!;
    expect(record).toMatchObject({ answered: true, question: QUESTION });
    // Approving twice writes one entry.
    expect((await h.api("POST", `/api/outreach/faq-drafts/${draft!.id}/approve`, {})).status).toBe(409);
  });

  it("should let staff answer from the dashboard: sent to the asker (Zalo) and approved into the FAQ at once", async () => {
    const chat = "zalo-followup-chat-1";
    const question = "Học sinh trường nghề có phải mặc đồng phục không?";
    const before = h.zalo.deliveredTo(chat).length;
    expect((await h.postZalo(zaloText(question, chat))).status).toBe(200);
    await until(() => h.zalo.deliveredTo(chat).length > before, "zalo reply");
    expect(String(h.zalo.deliveredTo(chat).at(-1)!.body.text)).toContain("chưa có thông tin");
    const record = (await h.records()).find((r) => r.question === question)!;
    expect(record.answered).toBe(false);
    await until(async () => (await h.outreach.store.findStaffRouteByRecord(record.id)) !== undefined, "route of the zalo question");

    const answer = "Tùy trường: nhiều trường nghề có đồng phục hoặc đồng phục thực hành; hãy hỏi trường khi nhập học.";
    const res = await h.api("POST", `/api/outreach/unanswered/${record.id}/answer`, { answer, approve: true });
    expect(res.status).toBe(200);
    const result = (await res.json()) as { delivered: boolean; answer: { status: string; answeredBy: string } };
    expect(result).toMatchObject({ delivered: true, answer: { status: "approved", answeredBy: "canbo" } });
    expect(String(h.zalo.deliveredTo(chat).at(-1)!.body.text)).toBe(outreachVi.staffAnswerToUser(answer));
    const entries = parseYaml(fs.readFileSync(path.join(h.knowledgeDir, "faq", "approved.yaml"), "utf8")) as { answer: string }[];
    expect(entries.map((e) => e.answer)).toContain(answer);
  });

  it("should ignore ordinary chatter in the staff chat and treat replies elsewhere as questions", async () => {
    const before = toStaff().length;
    const chatter = telegramText("Chào cả nhà, hôm nay họp lúc 2 giờ", 5550002);
    chatter.message.chat = { id: Number(STAFF_CHAT), title: "Cán bộ", type: "supergroup" };
    expect((await h.postTelegram(chatter)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(toStaff().length).toBe(before);
    // A user "replying" in their own chat is just asking the bot.
    const user2 = 6_400_000_004;
    const reply = await say(user2, staffReply("học nghề ở đâu", 12345, user2, String(user2)));
    expect(reply).not.toBe(outreachVi.staffNoRoute);
    expect(reply).not.toMatch(/^Mình (đã xóa|không còn lưu)/);
  });

  it("should delete routes older than 7 days", async () => {
    await h.outreach.store.saveStaffRoute({
      staffMessageId: "999001",
      recordId: "old-record",
      userKey: "k".repeat(64),
      channel: "telegram",
      chatRef: h.outreach.cipher.encrypt("6400000099"),
      question: "cũ",
      topic: "out_of_scope",
      commune: null,
      createdAt: new Date(Date.now() - 8 * 24 * 60 * 60 * 1000),
    });
    expect(await h.outreach.followUp.pruneRoutes()).toBeGreaterThanOrEqual(1);
    expect(await h.outreach.store.findStaffRoute("999001")).toBeUndefined();
  });

  it("should delete the user's routes with /xoadulieu", async () => {
    const asker = 6_400_000_005;
    const before = toStaff().length;
    await say(asker, telegramText("Trường nghề có câu lạc bộ bóng chuyền cho học sinh không?", asker));
    await until(() => toStaff().length > before, "forward");
    const key = h.userKey("telegram", String(asker));
    await until(async () => (await h.records()).some((r) => r.userKey === key), "record written");
    const record = (await h.records()).filter((r) => r.userKey === key).at(-1)!;
    await until(async () => (await h.outreach.store.findStaffRouteByRecord(record.id)) !== undefined, "route");
    await say(asker, telegramText("/xoadulieu", asker));
    expect(await h.outreach.store.findStaffRouteByRecord(record.id)).toBeUndefined();
  });
});

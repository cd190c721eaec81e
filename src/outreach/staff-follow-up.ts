/**
 * Staff follow-up of the questions the bot could not answer.
 *
 * - With STAFF_TELEGRAM_CHAT_ID set, each unanswered question (not refusals or small talk) is
 *   forwarded to that staff chat: the masked text, the asker's anonymous key (shortened), the
 *   commune and topic. A minimal route row (forward message id → channel + encrypted chat id) is
 *   kept so that an answer can reach the asker; it is deleted after the answer or after 7 days.
 * - A staff member replies to the forward (Telegram "reply", in the staff chat only): the text goes
 *   to the asker as "Trả lời từ cán bộ: …", is recorded, and is saved as a draft FAQ entry.
 * - In the dashboard, staff can answer an unanswered question directly (sent when its route still
 *   exists) and approve or reject drafts; an approved draft joins the knowledge (`FaqPublisher`).
 *
 * Logs carry no question, answer or id.
 */
import crypto from "node:crypto";
import type { ChannelContext, ChannelName, IncomingMessage, Reply } from "../conversation/message.js";
import { describeError } from "../errors.js";
import type { OutboundSender } from "../channels/outbound.js";
import { splitMessage } from "../channels/split-message.js";
import type { ConversationExtension, UnansweredQuestion } from "../conversation/conversation-extension.js";
import type { Topic } from "../knowledge/types.js";
import type { Logger } from "../logger.js";
import { channelLabelsVi, outreachVi, topicLabelsVi } from "../messages-vi.js";
import { maskPersonalData } from "../privacy/masking.js";
import type { OutreachStore, StaffAnswer, StaffRoute } from "../store/outreach-store.js";
import type { StatsStore } from "../store/store.js";
import type { ChatIdCipher } from "../privacy/chat-id-cipher.js";
import type { FaqPublisher } from "./faq-publisher.js";

/** Routes older than this are deleted (and a late staff reply reaches nobody). */
export const STAFF_ROUTE_DAYS = 7;
/** Who answered, for answers given in the staff chat (no staff member's name or id is stored). */
export const STAFF_CHAT_AUTHOR = "Nhóm cán bộ (Telegram)";
const DAY_MS = 24 * 60 * 60 * 1000;
/** Longest wait on a 429 before forwarding once more. */
const MAX_FORWARD_RETRY_SECONDS = 30;

export interface StaffFollowUpSettings {
  /** STAFF_TELEGRAM_CHAT_ID; unset = no forwarding (the dashboard still works). */
  staffChatId?: string;
  store: OutreachStore;
  /** Marks an answered question as reviewed in the unanswered queue. */
  stats: Pick<StatsStore, "markReviewed">;
  senders: Partial<Record<ChannelName, OutboundSender>>;
  cipher: ChatIdCipher;
  publisher: FaqPublisher;
  logger: Logger;
  now?: () => Date;
}

/** An answer given in the dashboard. */
export interface DashboardAnswerResult {
  answer: StaffAnswer;
  /** The asker got it (their route still existed and the platform took it). */
  delivered: boolean;
}

export class StaffFollowUpError extends Error {
  constructor(
    readonly code: "not_found" | "not_draft",
    message: string,
  ) {
    super(message);
  }
}

export class StaffFollowUp implements ConversationExtension {
  private readonly now: () => Date;
  /** Forwards under way (tests and shutdown wait for them). */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly settings: StaffFollowUpSettings) {
    this.now = settings.now ?? (() => new Date());
  }

  async handle(): Promise<Reply[] | undefined> {
    return undefined;
  }

  onUnanswered(question: UnansweredQuestion): void {
    // Web chat and /api/chat askers cannot be answered later (no push): their questions wait in the dashboard.
    if (question.channel !== "telegram" && question.channel !== "zalo") return;
    if (!this.settings.staffChatId || !this.settings.senders.telegram || !this.settings.senders[question.channel]) return;
    const task = this.forward(question)
      .catch((error: unknown) => this.settings.logger.warn({ err: describeError(error) }, "unanswered question not forwarded to staff"))
      .finally(() => this.pending.delete(task));
    this.pending.add(task);
  }

  /** Waits for the forwards under way. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  async intercept(incoming: IncomingMessage, _context: ChannelContext): Promise<Reply[] | undefined> {
    const staffChat = this.settings.staffChatId;
    if (!staffChat || incoming.channel !== "telegram" || incoming.chatId !== staffChat) return undefined;
    // The staff chat is not a place to ask the bot: only replies to forwards are acted on.
    if (incoming.kind !== "text" || !incoming.replyToMessageId || !incoming.text?.trim()) return [];
    if (incoming.text.trim().startsWith("/")) return [];
    return this.staffReply(incoming.replyToMessageId, incoming.text.trim());
  }

  /** Deletes routes older than 7 days; returns how many. */
  pruneRoutes(): Promise<number> {
    return this.settings.store.pruneStaffRoutes(new Date(this.now().getTime() - STAFF_ROUTE_DAYS * DAY_MS));
  }

  /** Staff answer an unanswered question in the dashboard. */
  async answerFromDashboard(recordId: string, answer: string, author: string): Promise<DashboardAnswerResult> {
    const { store } = this.settings;
    const route = await store.findStaffRouteByRecord(recordId);
    const record = route ? undefined : await store.recordQuestion(recordId);
    if (!route && !record) throw new StaffFollowUpError("not_found", "no such question (it may have been purged)");
    const delivered = route ? await this.deliver(route, answer) : false;
    const about = route ?? record!;
    const saved = await this.saveAnswer({
      recordId,
      question: about.question,
      topic: about.topic,
      commune: about.commune,
      channel: about.channel,
      answer,
      answeredBy: author,
      delivered,
    });
    if (route) await store.deleteStaffRoute(route.staffMessageId);
    this.settings.logger.info({ delivered, source: "dashboard" }, "staff answered an unanswered question");
    return { answer: saved, delivered };
  }

  /** Whether the question's asker can still be reached (its route exists). */
  async reachable(recordIds: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const id of recordIds) if (await this.settings.store.findStaffRouteByRecord(id)) out.add(id);
    return out;
  }

  /** Approves a draft: written to the FAQ (re-indexed), marked approved. Edits are optional. */
  async approve(id: string, edits: { question?: string; answer?: string; topic?: Topic }, reviewer: string): Promise<StaffAnswer> {
    const { store, publisher } = this.settings;
    const draft = await store.getStaffAnswer(id);
    if (!draft) throw new StaffFollowUpError("not_found", "no such staff answer");
    if (draft.status !== "draft") throw new StaffFollowUpError("not_draft", "this answer was already reviewed");
    const question = edits.question?.trim() || draft.question;
    const answer = edits.answer?.trim() || draft.answer;
    const topic = edits.topic ?? draft.topic;
    const faqId = await publisher.publish({ question, answer, topic, at: this.now() });
    await store.reviewStaffAnswer(id, { status: "approved", question, answer, topic, faqId, reviewedBy: reviewer, at: this.now() });
    return (await store.getStaffAnswer(id))!;
  }

  async reject(id: string, reviewer: string): Promise<void> {
    const draft = await this.settings.store.getStaffAnswer(id);
    if (!draft) throw new StaffFollowUpError("not_found", "no such staff answer");
    if (!(await this.settings.store.reviewStaffAnswer(id, { status: "rejected", reviewedBy: reviewer, at: this.now() }))) {
      throw new StaffFollowUpError("not_draft", "this answer was already reviewed");
    }
  }

  // === internals

  private async forward(question: UnansweredQuestion): Promise<void> {
    const { record } = question;
    // Records are masked when built; masked again here (idempotent) so that nothing reaches the
    // staff group or the route table unmasked whatever the caller passed.
    const masked = maskPersonalData(record.question);
    const telegram = this.settings.senders.telegram!;
    const text = outreachVi.staffForward({
      commune: record.commune ?? outreachVi.unknownCommune,
      channel: channelLabelsVi[question.channel] ?? question.channel,
      topic: topicLabelsVi[record.topic] ?? record.topic,
      key: (record.userKey ?? "").slice(0, 16),
      question: masked,
      // What the asker read, so staff answer what is missing (stored masked; masked again, idempotent).
      reply: record.reply === undefined || record.reply === null ? record.reply : maskPersonalData(record.reply),
    });
    let outcome = await telegram.send(this.settings.staffChatId!, text.slice(0, telegram.maxMessageLength));
    if (outcome.kind === "rate_limited" && outcome.retryAfterSeconds <= MAX_FORWARD_RETRY_SECONDS) {
      await new Promise((resolve) => setTimeout(resolve, outcome.kind === "rate_limited" ? outcome.retryAfterSeconds * 1000 : 0));
      outcome = await telegram.send(this.settings.staffChatId!, text.slice(0, telegram.maxMessageLength));
    }
    if (outcome.kind !== "sent") {
      this.settings.logger.warn({ outcome: outcome.kind }, "unanswered question not forwarded to staff");
      return;
    }
    await this.settings.store.saveStaffRoute({
      staffMessageId: outcome.messageId,
      recordId: record.id,
      userKey: record.userKey ?? "",
      channel: question.channel,
      chatRef: this.settings.cipher.encrypt(question.chatId),
      question: masked,
      topic: record.topic,
      commune: record.commune,
      createdAt: this.now(),
    });
  }

  private async staffReply(replyTo: string, text: string): Promise<Reply[]> {
    const { store } = this.settings;
    const route = await store.findStaffRoute(replyTo);
    if (!route) return [{ text: outreachVi.staffNoRoute }];
    const delivered = await this.deliver(route, text);
    await this.saveAnswer({
      recordId: route.recordId,
      question: route.question,
      topic: route.topic,
      commune: route.commune,
      channel: route.channel,
      answer: text,
      answeredBy: STAFF_CHAT_AUTHOR,
      delivered,
    });
    // One answer per forward: the route has done its job.
    await store.deleteStaffRoute(route.staffMessageId);
    this.settings.logger.info({ delivered, source: "staff chat" }, "staff answered an unanswered question");
    return [{ text: delivered ? outreachVi.staffSent : outreachVi.staffNotDelivered }];
  }

  /** Sends "Trả lời từ cán bộ: …" to the asker; true when the platform took every part. */
  private async deliver(route: StaffRoute, answer: string): Promise<boolean> {
    const sender = this.settings.senders[route.channel as ChannelName];
    if (!sender) return false;
    let chatId: string;
    try {
      chatId = this.settings.cipher.decrypt(route.chatRef);
    } catch {
      return false;
    }
    for (const part of splitMessage(outreachVi.staffAnswerToUser(answer), sender.maxMessageLength)) {
      let outcome = await sender.send(chatId, part);
      if (outcome.kind === "rate_limited" && outcome.retryAfterSeconds <= MAX_FORWARD_RETRY_SECONDS) {
        await new Promise((resolve) => setTimeout(resolve, (outcome as { retryAfterSeconds: number }).retryAfterSeconds * 1000));
        outcome = await sender.send(chatId, part);
      }
      if (outcome.kind === "blocked") {
        // The asker blocked the bot: no announcement should go to them either.
        await this.settings.store.removeSubscription(route.userKey, "blocked", this.now()).catch(() => undefined);
        return false;
      }
      if (outcome.kind !== "sent") return false;
    }
    return true;
  }

  private async saveAnswer(input: {
    recordId: string;
    question: string;
    topic: Topic;
    commune: string | null;
    channel: string | null;
    answer: string;
    answeredBy: string;
    delivered: boolean;
  }): Promise<StaffAnswer> {
    const answer: StaffAnswer = {
      id: crypto.randomUUID(),
      recordId: input.recordId,
      question: input.question,
      answer: input.answer,
      topic: input.topic,
      commune: input.commune,
      answeredBy: input.answeredBy,
      answeredAt: this.now(),
      delivered: input.delivered,
      channel: input.channel,
      status: "draft",
      faqId: null,
      reviewedBy: null,
      reviewedAt: null,
    };
    await this.settings.store.saveStaffAnswer(answer);
    // The question is taken care of: it leaves the dashboard's "not reviewed" queue.
    await this.settings.stats.markReviewed(input.recordId, true).catch(() => false);
    return answer;
  }
}

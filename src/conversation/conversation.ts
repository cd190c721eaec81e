/**
 * The conversation, the same for every chat channel: one `IncomingMessage` in, the replies out.
 *
 * - Repeated deliveries never reach it: the durable inbox (`channels/inbox-dispatcher.ts`) stores
 *   each delivery key once and hands each update over once (again only after a crash).
 * - Commands: `/start` (greeting, the anonymity sentence, main menu), `/menu`, `/help`,
 *   `/xoadulieu` or "xóa dữ liệu (của tôi)" (deletes the user's questions, memory, profile and
 *   subscription: `delete-user-data.ts`, and says exactly what went).
 * - A menu pick (keyboard text, button, or "1"…"6" where there are no buttons) asks the engine the
 *   item's question. Any other text is a question.
 * - Every question is recorded through the stats recorder under the anonymous user key, with the
 *   role and commune the user chose to tell (or a commune named in the message).
 * - Answers carry 👍/👎; the first feedback is followed by the optional profile questions (asked at
 *   most once; on Telegram also right after /start).
 * - Where replies are numbered (Zalo), the payloads a number picks are remembered with the user's
 *   turn in the store, so "1" after an answer is feedback and "1" after the menu is the menu.
 * - Before the replies go back, the user's memory and the question's record are written (one group
 *   commit, one transaction, for every request under way: `store-conversation-memory.ts`, which is
 *   also the conversation's recorder in production), so a crash after a reply loses nothing, and
 *   another replica finds the memory on the next message.
 * - A message marked `anonymous` (`POST /api/chat` without `userId`) is answered without memory or
 *   profile and recorded without a user key.
 * - Extensions (`conversation-extension.ts`) add menu items, commands, words and buttons of their
 *   own (outreach: /dangky, /huydangky), take whole deliveries (the staff chat), see unanswered
 *   questions, and delete their data on /xoadulieu.
 *
 * ```ts
 * const conversation = new Conversation({ engine, store, recorder, userKey, knowledge, logger });
 * const replies = await conversation.handleMessage(incoming, { supportsButtons: true, typing });
 * ```
 */
import { createHash, randomUUID } from "node:crypto";
import type { Answer } from "../answering/answer.js";
import type { AnswerEngine } from "../answering/answer-engine.js";
import type { ChannelContext, Choice, IncomingMessage, Reply, UnsupportedKind } from "./message.js";
import { describeError, InputError } from "../errors.js";
import type { KnowledgeBase } from "../knowledge/knowledge-base.js";
import { foldedKey } from "../knowledge/vietnamese.js";
import type { Logger } from "../logger.js";
import { channelRepliesVi, dataDeletionVi, errorMessagesVi, mainMenuVi } from "../messages-vi.js";
import { communeFromText, recordFromAnswer } from "../stats/record-from-answer.js";
import type { Feedback, Profile, QueryRecord, Role, Store } from "../store/store.js";
import type { ConversationExtension, ExtensionInput } from "./conversation-extension.js";
import { deleteUserData } from "./delete-user-data.js";
import { StoreConversationMemory } from "./store-conversation-memory.js";

/**
 * Where answered questions go: the memory's group commit (`StoreConversationMemory.record`, written
 * with the turns before the replies) or the batching `StatsRecorder` (`stats/stats-recorder.ts`).
 * `handleMessage` waits for the memory's flush, and for this recorder's only through it.
 */
export interface QueryRecorder {
  /** Queues the record; must not throw or wait for the database. */
  record(record: QueryRecord): void;
  /** Writes records still held in memory; called before feedback on a record not yet stored, and before deleting a user's data. */
  flush?(): Promise<void>;
}

export interface ConversationSettings {
  engine: AnswerEngine;
  store: Store;
  recorder: QueryRecorder;
  /** Anonymous key of a platform user (HMAC of channel and id); the raw id goes nowhere else. */
  userKey: (channel: string, platformUserId: string) => string;
  /** For the commune list (profile question, communes named in messages). */
  knowledge: KnowledgeBase;
  logger: Logger;
  /**
   * The memory the engine was given (one instance: a request must read what it wrote). Default: a
   * memory over `store` of the conversation's own (numbered choices only).
   */
  memory?: StoreConversationMemory;
  /**
   * Longest wait for the engine before a "busy" reply is sent instead, in ms. Default 15500:
   * LLM_TIMEOUT_MS (15000) plus half a second, leaving the other half of the promised "LLM_TIMEOUT_MS
   * + 1 s" for sending. The engine itself falls back to the offline answer at LLM_TIMEOUT_MS, so
   * this only catches an engine stuck elsewhere.
   */
  answerDeadlineMs?: number;
  /** Typing indicator repeat, ms (Telegram shows it for about 5 s). Default 4000. */
  typingEveryMs?: number;
  /** Features that take part in the conversation (outreach subscriptions…); default none. */
  extensions?: ConversationExtension[];
  now?: () => Date;
}

// === choice payloads (short: Telegram allows 64 bytes of callback data)
const FEEDBACK_RE = /^fb:(up|down):([A-Za-z0-9-]{1,64})$/;
const MENU_RE = /^menu:(\d{1,2})$/;
const ROLE_RE = /^pf:role:(student|parent)$/;
const COMMUNE_RE = /^pf:commune:(\d{1,2})$/;
const SKIP_PAYLOAD = "pf:skip";
const COMMAND_RE = /^\/([a-z_]+)(?:@\w+)?(?:\s|$)/i;
// "xóa dữ liệu", "xoá dữ liệu của tôi", "xoa du lieu cua toi" (any case or diacritics), alone.
const DELETE_DATA_RE = /^(xin )?xoa (het )?du lieu( cua (toi|em|minh|con))?( (di|giup|nhe|a|voi))*$/;

const DEFAULT_CONTEXT: ChannelContext = { supportsButtons: true, typing: async () => undefined };
/**
 * Longest wait for the memory to be written before the replies go anyway: a database outage delays
 * answers by at most this, never stops them.
 */
const WRITE_WAIT_MS = 2000;

export class Conversation {
  private readonly memory: StoreConversationMemory;
  private readonly now: () => Date;

  constructor(private readonly settings: ConversationSettings) {
    this.now = settings.now ?? (() => new Date());
    this.memory = settings.memory ?? new StoreConversationMemory(settings.store, { now: () => this.now().getTime(), logger: settings.logger });
  }

  /**
   * Handles one delivery. Never throws for content (a failure becomes an apology reply and a log
   * line without message text).
   */
  async handleMessage(incoming: IncomingMessage, context: ChannelContext = DEFAULT_CONTEXT): Promise<Reply[]> {
    // An anonymous question gets a key of its own that nothing reads again.
    const userKey = incoming.anonymous ? `anonymous:${randomUUID()}` : (incoming.userKey ?? this.settings.userKey(incoming.channel, incoming.platformUserId));
    let replies: Reply[];
    try {
      replies = await this.handle(incoming, userKey, context);
    } catch (error) {
      this.settings.logger.error({ channel: incoming.channel, err: describeError(error) }, "conversation failed");
      replies = [{ text: errorMessagesVi.internal }];
    }
    // The memory's flush also covers the records noted with it (the recorder in production).
    await waitAtMost(this.memory.flush(), WRITE_WAIT_MS);
    return replies;
  }

  private async handle(incoming: IncomingMessage, userKey: string, context: ChannelContext): Promise<Reply[]> {
    // The staff chat and the like: a whole delivery taken before the conversation reads it.
    for (const extension of this.settings.extensions ?? []) {
      const taken = await extension.intercept?.(incoming, context);
      if (taken) return taken;
    }
    return this.route(incoming, userKey, context);
  }

  private async route(incoming: IncomingMessage, userKey: string, context: ChannelContext): Promise<Reply[]> {
    if (incoming.kind === "unsupported") return [{ text: unsupportedText(incoming.unsupported ?? "other") }];
    if (incoming.kind === "choice") return this.choose(incoming.choice ?? "", incoming, userKey, context);

    const text = (incoming.text ?? "").normalize("NFC").trim();
    if (!text) return [];
    const command = COMMAND_RE.exec(text)?.[1]?.toLowerCase();
    if (command) return this.command(command, incoming, userKey, context);
    const folded = foldedKey(text);
    if (DELETE_DATA_RE.test(folded)) return this.deleteData(userKey);
    if (folded === "menu") return this.menu(userKey, context);

    // A number picks from what was offered last; otherwise (nothing offered, or a number beyond
    // that list) from the main menu, the one numbered list users learn by heart.
    const number = /^\d{1,2}$/.test(text) ? Number(text) : undefined;
    const offered = context.supportsButtons ? undefined : await this.memory.getChoices(userKey);
    if (number !== undefined) {
      const picked = offered?.[number - 1] ?? (number >= 1 && number <= mainMenuVi.length ? `menu:${number}` : undefined);
      if (picked) return this.choose(picked, incoming, userKey, context);
    }
    // The menu keyboard sends its label as text.
    const menuIndex = FOLDED_MENU_LABELS.indexOf(folded);
    if (menuIndex >= 0) return this.choose(`menu:${menuIndex + 1}`, incoming, userKey, context);
    // A profile question answered in words ("phụ huynh", "bỏ qua").
    const worded = this.profileChoiceByWords(folded, offered);
    if (worded) return this.choose(worded, incoming, userKey, context);
    const extended = await this.extend({ kind: "text", text, folded }, incoming, userKey, context);
    if (extended) return extended;

    return this.question(text, incoming, userKey, context);
  }

  // === commands

  private async command(command: string, incoming: IncomingMessage, userKey: string, context: ChannelContext): Promise<Reply[]> {
    const extended = await this.extend({ kind: "command", command }, incoming, userKey, context);
    if (extended) return extended;
    switch (command) {
      case "start": {
        const replies: Reply[] = [{ text: `${channelRepliesVi.welcome}\n\n${channelRepliesVi.menuTitle}`, choices: this.menuChoices() }];
        // With buttons the profile question can sit beside the menu; numbered replies allow one list at a time.
        if (context.supportsButtons) replies.push(...(await this.askRoleOnce(userKey, context)));
        else await this.memory.setChoices(userKey, this.menuChoices().items.map((c) => c.payload));
        return replies;
      }
      case "menu":
        return this.menu(userKey, context);
      case "xoadulieu":
        return this.deleteData(userKey);
      default:
        return [{ text: channelRepliesVi.help }];
    }
  }

  private async menu(userKey: string, context: ChannelContext): Promise<Reply[]> {
    const choices = this.menuChoices();
    if (!context.supportsButtons) await this.memory.setChoices(userKey, choices.items.map((c) => c.payload));
    return [{ text: channelRepliesVi.menuTitle, choices }];
  }

  private async deleteData(userKey: string): Promise<Reply[]> {
    const { store, recorder, extensions } = this.settings;
    const deleted = await deleteUserData({ store, recorder, memory: this.memory, extensions }, userKey);
    // Counts only: nothing that identifies the user.
    this.settings.logger.info({ questions: deleted.questions, subscriptions: deleted.subscriptions }, "user data deleted on request");
    return [{ text: dataDeletionVi.reply(deleted) }];
  }

  // === choices: menu, feedback, profile

  private async choose(payload: string, incoming: IncomingMessage, userKey: string, context: ChannelContext): Promise<Reply[]> {
    const menu = MENU_RE.exec(payload);
    if (menu) {
      const item = mainMenuVi[Number(menu[1]) - 1];
      return item ? this.question(item.question, incoming, userKey, context) : this.menu(userKey, context);
    }
    const feedback = FEEDBACK_RE.exec(payload);
    if (feedback) return this.feedback(feedback[2]!, feedback[1] as Feedback, userKey, context);

    const role = ROLE_RE.exec(payload);
    if (role) {
      await this.updateProfile(userKey, { role: role[1] as Role });
      const choices = this.communeChoices();
      if (!context.supportsButtons) await this.memory.setChoices(userKey, choices.map((c) => c.payload));
      return [{ text: channelRepliesVi.askCommune, choices: { style: "inline", items: choices } }];
    }
    const commune = COMMUNE_RE.exec(payload);
    if (commune) {
      const found = this.settings.knowledge.current().lexicon.communes[Number(commune[1])];
      if (found) await this.updateProfile(userKey, { commune: found.name });
      await this.clearChoices(userKey, context);
      return [{ text: channelRepliesVi.profileThanks }];
    }
    if (payload === SKIP_PAYLOAD) {
      await this.updateProfile(userKey, {});
      await this.clearChoices(userKey, context);
      return [{ text: channelRepliesVi.profileSkipped }];
    }
    const extended = await this.extend({ kind: "choice", payload }, incoming, userKey, context);
    if (extended) return extended;
    // An unknown or outdated button: show what the bot can do.
    return this.menu(userKey, context);
  }

  // === extensions

  /** The main menu: the conversation's items, then the extensions'. */
  private menuChoices(): NonNullable<Reply["choices"]> {
    const extra = (this.settings.extensions ?? []).flatMap((e) => e.menuItems ?? []);
    const base = menuChoices();
    return { ...base, items: [...base.items, ...extra] };
  }

  /** The first extension's replies for this input; remembers their numbered choices where replies are numbered. */
  private async extend(input: ExtensionInput, incoming: IncomingMessage, userKey: string, context: ChannelContext): Promise<Reply[] | undefined> {
    for (const extension of this.settings.extensions ?? []) {
      const replies = await extension.handle({ input, incoming, userKey, context });
      if (!replies) continue;
      if (!context.supportsButtons) {
        const offered = [...replies].reverse().find((r) => r.choices && r.choices.items.length > 0)?.choices?.items.map((c) => c.payload);
        await this.memory.setChoices(userKey, offered);
      }
      return replies;
    }
    return undefined;
  }

  private async feedback(recordId: string, value: Feedback, userKey: string, context: ChannelContext): Promise<Reply[]> {
    const { store, recorder } = this.settings;
    let stored = await store.setFeedback(recordId, value);
    if (!stored && recorder.flush) {
      // The record may still wait in the recorder's batch.
      await recorder.flush();
      stored = await store.setFeedback(recordId, value);
    }
    await this.clearChoices(userKey, context);
    if (!stored) return [{ text: channelRepliesVi.feedbackUnknown }];
    const thanks: Reply = { text: value === "up" ? channelRepliesVi.feedbackThanksUp : channelRepliesVi.feedbackThanksDown };
    return [thanks, ...(await this.askRoleOnce(userKey, context))];
  }

  /** The role question, if this user was never asked; marks the profile as asked. */
  private async askRoleOnce(userKey: string, context: ChannelContext): Promise<Reply[]> {
    const profile = await this.settings.store.getProfile(userKey);
    if (profile?.asked) return [];
    await this.updateProfile(userKey, {});
    const items: Choice[] = [
      { label: channelRepliesVi.roleStudent, payload: "pf:role:student" },
      { label: channelRepliesVi.roleParent, payload: "pf:role:parent" },
      { label: channelRepliesVi.skip, payload: SKIP_PAYLOAD },
    ];
    if (!context.supportsButtons) await this.memory.setChoices(userKey, items.map((c) => c.payload));
    return [{ text: channelRepliesVi.askRole, choices: { style: "inline", items } }];
  }

  private communeChoices(): Choice[] {
    const communes = this.settings.knowledge.current().lexicon.communes;
    return [
      ...communes.map((commune, i) => ({ label: commune.name, payload: `pf:commune:${i}` })),
      { label: channelRepliesVi.skip, payload: SKIP_PAYLOAD },
    ];
  }

  /** "học sinh", "phụ huynh", "Long Hiệp", "bỏ qua" typed while a profile question is open. */
  private profileChoiceByWords(folded: string, offered: string[] | undefined): string | undefined {
    if (!offered?.some((payload) => payload.startsWith("pf:"))) return undefined;
    if (folded === foldedKey(channelRepliesVi.skip)) return SKIP_PAYLOAD;
    if (offered.includes("pf:role:student") && folded === foldedKey(channelRepliesVi.roleStudent)) return "pf:role:student";
    if (offered.includes("pf:role:parent") && folded === foldedKey(channelRepliesVi.roleParent)) return "pf:role:parent";
    const communes = this.settings.knowledge.current().lexicon.communes;
    const index = communes.findIndex((c) => folded === foldedKey(c.name) || folded === foldedKey(c.short));
    return index >= 0 && offered.includes(`pf:commune:${index}`) ? `pf:commune:${index}` : undefined;
  }

  private async updateProfile(userKey: string, change: Partial<Pick<Profile, "role" | "commune">>): Promise<void> {
    const current = await this.settings.store.getProfile(userKey);
    await this.settings.store.setProfile(userKey, {
      role: change.role ?? current?.role ?? "unknown",
      commune: change.commune ?? current?.commune ?? null,
      asked: true,
      updatedAt: this.now(),
    });
  }

  private async clearChoices(userKey: string, context: ChannelContext): Promise<void> {
    if (!context.supportsButtons) await this.memory.setChoices(userKey, undefined);
  }

  // === questions

  private async question(text: string, incoming: IncomingMessage, userKey: string, context: ChannelContext): Promise<Reply[]> {
    const { engine, logger } = this.settings;
    const started = performance.now();
    const stopTyping = this.keepTyping(context);
    // Read beside the answer; only the statistics need it.
    // Read with the user's last turn, in one statement (the engine's memory read takes that turn).
    const profile = incoming.anonymous ? Promise.resolve(undefined) : this.memory.readUser(userKey).catch(() => undefined);
    let answer: Answer | undefined;
    try {
      // The profile's commune lets the engine list the events near the user first.
      answer = await withDeadline(
        profile.then((known) => engine.answer({ text, userKey: incoming.anonymous ? undefined : userKey, commune: known?.commune })),
        this.settings.answerDeadlineMs ?? 15_500,
      );
    } catch (error) {
      if (error instanceof InputError) return [{ text: errorMessagesVi[error.code] }];
      throw error;
    } finally {
      stopTyping();
    }
    const latencyMs = Math.round(performance.now() - started);
    const known = await profile;
    const record = recordFromAnswer({
      question: text,
      // A missed deadline is counted as an unanswered question, so staff see it.
      answer: answer ?? { answer: "", answered: false, topic: "out_of_scope", sources: [], confidence: 0, answerer: "rule" },
      channel: incoming.channel,
      userKey: incoming.anonymous ? null : userKey,
      role: known?.role ?? "unknown",
      // What the user told about themselves first; a commune named in the question otherwise.
      commune: known?.commune ?? communeFromText(this.settings.knowledge.current().lexicon, text),
      latencyMs,
      at: this.now(),
      // Derived from the delivery: an update answered again after a crash keeps one record.
      id: recordIdOf(this.settings.userKey("record", incoming.deliveryKey)),
      // What the user read: staff judge the reply, not just whether there was one.
      reply: answer ? answer.answer : errorMessagesVi.provider_timeout,
    });
    this.settings.recorder.record(record);
    // Questions the knowledge could not answer (not refusals or small talk) go to the extensions (staff follow-up).
    if (answer && !record.answered && answer.answerer !== "rule") {
      for (const extension of this.settings.extensions ?? []) extension.onUnanswered?.({ record, channel: incoming.channel, chatId: incoming.chatId });
    }
    logger.info(
      { channel: incoming.channel, topic: record.topic, answered: record.answered, answerer: record.answerer, ms: latencyMs },
      answer ? "answered" : "answer deadline passed",
    );

    if (!answer) {
      await this.clearChoices(userKey, context);
      return [{ text: errorMessagesVi.provider_timeout }];
    }
    const body = answer.suggestions?.length
      ? `${answer.answer}\n\n${channelRepliesVi.suggestionsTitle}\n${answer.suggestions.map((s) => `- ${s}`).join("\n")}`
      : answer.answer;
    // For the web chat, which shows sources and suggestions apart from the text.
    const details: Reply["answer"] = {
      text: answer.answer,
      answered: answer.answered,
      topic: answer.topic,
      sources: answer.sources.map((s) => ({ title: s.title, ...(s.ref ? { ref: s.ref } : {}), ...(s.asOf ? { asOf: s.asOf } : {}) })),
      ...(answer.suggestions?.length ? { suggestions: answer.suggestions } : {}),
    };
    // Greetings and small talk lead to the menu; real answers ask for feedback.
    if (answer.topic === "greeting_smalltalk") {
      const choices = this.menuChoices();
      if (!context.supportsButtons) await this.memory.setChoices(userKey, choices.items.map((c) => c.payload));
      return [{ text: `${answer.answer}\n\n${channelRepliesVi.menuTitle}`, choices, answer: details }];
    }
    if (answer.answerer === "rule") {
      await this.clearChoices(userKey, context);
      return [{ text: body, answer: details }];
    }
    const feedback = { recordId: record.id, up: `fb:up:${record.id}`, down: `fb:down:${record.id}` };
    if (!context.supportsButtons) await this.memory.setChoices(userKey, [feedback.up, feedback.down]);
    return [{ text: body, feedback, answer: details }];
  }

  /** Sends "typing…" now and every few seconds until the returned function is called. */
  private keepTyping(context: ChannelContext): () => void {
    void context.typing().catch(() => undefined);
    const timer = setInterval(() => void context.typing().catch(() => undefined), this.settings.typingEveryMs ?? 4000);
    return () => clearInterval(timer);
  }
}

/** The main menu's labels in shadow form, folded once: every message is compared with them. */
const FOLDED_MENU_LABELS: readonly string[] = mainMenuVi.map((item) => foldedKey(item.label));

function menuChoices(): NonNullable<Reply["choices"]> {
  return { style: "keyboard", items: mainMenuVi.map((item, i) => ({ label: item.label, payload: `menu:${i + 1}` })) };
}

function unsupportedText(kind: UnsupportedKind): string {
  switch (kind) {
    case "image":
      return channelRepliesVi.unsupportedImage;
    case "sticker":
      return channelRepliesVi.unsupportedSticker;
    case "voice":
      return channelRepliesVi.unsupportedVoice;
    default:
      return channelRepliesVi.unsupportedOther;
  }
}

/** A record id (UUID layout) from a keyed digest of the delivery key. */
function recordIdOf(keyed: string): string {
  const h = createHash("sha256").update(keyed, "utf8").digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The task's result, or undefined once `ms` passed (the task keeps running; its result is dropped). */
async function withDeadline<T>(task: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([task, deadline]);
  } finally {
    clearTimeout(timer);
    // A late failure must not surface as an unhandled rejection.
    task.catch(() => undefined);
  }
}

/** Resolves when the task settles or after `ms`, whichever is first. */
async function waitAtMost(task: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([task.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * The answering core's `ConversationMemory` kept in the store, so follow-up questions work across
 * restarts and replicas. A turn older than 30 minutes counts as gone: the conversation starts over
 * after half an hour of silence.
 *
 * ```ts
 * const engine = createEngine(config, knowledge, { memory: new StoreConversationMemory(store) });
 * ```
 */
import type { PreviousTurn } from "../answering/answer.js";
import { CONTEXT_TTL_MS, type ConversationMemory } from "../answering/answer-engine.js";
import type { Store } from "../store/store.js";

export class StoreConversationMemory implements ConversationMemory {
  constructor(
    private readonly store: Pick<Store, "getTurn" | "setTurn">,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user's last turn when it is recent and holds a question. */
  async get(userKey: string): Promise<PreviousTurn | undefined> {
    const turn = await this.fresh(userKey);
    // A turn that only carries numbered choices (after a menu, before any question) is no context.
    return turn?.question ? turn : undefined;
  }

  async set(userKey: string, turn: PreviousTurn): Promise<void> {
    await this.store.setTurn(userKey, turn);
  }

  /** Numbered-reply choices offered to the user last, when recent. */
  async getChoices(userKey: string): Promise<string[] | undefined> {
    return (await this.fresh(userKey))?.choices;
  }

  /**
   * Remembers what a numbered reply picks next (undefined: nothing). Keeps the question context of
   * the same turn.
   */
  async setChoices(userKey: string, choices: string[] | undefined): Promise<void> {
    const turn = await this.fresh(userKey);
    if (!turn && !choices) return;
    const base: PreviousTurn = turn ?? { question: "", topic: "greeting_smalltalk", at: this.now() };
    const { choices: _old, ...rest } = base;
    await this.store.setTurn(userKey, { ...rest, at: this.now(), ...(choices ? { choices } : {}) });
  }

  private async fresh(userKey: string): Promise<PreviousTurn | undefined> {
    const turn = await this.store.getTurn<PreviousTurn>(userKey);
    if (!turn || this.now() - turn.at > CONTEXT_TTL_MS) return undefined;
    return turn;
  }
}

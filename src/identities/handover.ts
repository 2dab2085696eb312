import type { CartAgent } from '../agents/cart/cart-agent.js';
import { mergeCarts } from '../agents/cart/merge-carts.js';
import { channelsOf, senderKey } from '../channels/senders.js';
import { channelGuestOf } from '../domain/customer.js';
import type { Logger } from '../logger.js';
import type { ChannelStore, ConversationStore, IdentityKind } from '../storage/ports.js';

/**
 * What happens to a number's or chat's conversations when it changes hands, so it is never left
 * writing into a conversation that is no longer its owner's (the engine refuses those: silence).
 */
export interface ChannelHandover {
  /**
   * The guest a channel made for this number or chat joined account `to`: its conversation on each
   * channel goes to `to` (the chat carries on, history and all) and its cart joins `to`'s cart, line by
   * line as at a web sign-in. Safe to repeat: it finishes a move that was cut short.
   */
  adopt(kind: IdentityKind, value: string, to: string, actor: string): Promise<void>;
  /**
   * The number or chat left account `from` for another: `from` keeps its conversations, which stop
   * reaching the number (order notices included), and the next message starts a new one for the new owner.
   */
  release(kind: IdentityKind, value: string, from: string): Promise<void>;
}

export function createChannelHandover(deps: {
  channels: Pick<ChannelStore, 'existingSession' | 'renewSession'>;
  conversations: Pick<ConversationStore, 'ownerOf'>;
  /** The sales engine: hands a conversation, with its memory, from one customer to another. */
  engine: { moveConversation(sessionId: string, from: string, to: string): Promise<boolean> };
  cart: Pick<CartAgent, 'view' | 'add' | 'remove'>;
  logger?: Logger;
}): ChannelHandover {
  // One move per guest at a time: the link and a message that races it must not merge its cart twice.
  const moving = new Map<string, Promise<void>>();

  async function adopt(kind: IdentityKind, value: string, to: string, actor: string): Promise<void> {
    const guest = channelGuestOf(kind, value);
    if (guest === to) return;
    for (const channel of channelsOf(kind)) {
      const session = await deps.channels.existingSession(channel, senderKey(value));
      if (session) await deps.engine.moveConversation(session, guest, to);
    }
    const { merged, skipped } = await mergeCarts(deps.cart, guest, to, actor);
    if (merged || skipped.length)
      deps.logger?.info({ from: guest, to, merged, skipped }, "channel guest's cart joined the account");
  }

  return {
    async adopt(kind, value, to, actor) {
      const key = channelGuestOf(kind, value);
      const run = (moving.get(key) ?? Promise.resolve()).then(() => adopt(kind, value, to, actor));
      const settled = run.catch(() => undefined);
      moving.set(key, settled);
      void settled.then(() => moving.get(key) === settled && moving.delete(key));
      return run;
    },
    async release(kind, value, from) {
      for (const channel of channelsOf(kind)) {
        const sender = senderKey(value);
        const session = await deps.channels.existingSession(channel, sender);
        if (session && (await deps.conversations.ownerOf(session)) === from)
          await deps.channels.renewSession(channel, sender, session);
      }
    },
  };
}

import type { ConversationInput, ConversationResult, SalesEngine } from '../engine.js';

/**
 * One customer's conversation through the engine, as a function of their next message: the session id
 * the first turn gets is sent with every later one.
 */
export function conversation(
  engine: Pick<SalesEngine, 'processSalesConversation'>,
  userId: string,
  channel: ConversationInput['channel'] = 'web',
): (message: string) => Promise<ConversationResult> {
  let session: string | undefined;
  return async (message) => {
    const result = await engine.processSalesConversation({
      userId,
      channel,
      message,
      ...(session ? { sessionId: session } : {}),
    });
    session = result.session_id;
    return result;
  };
}

import { AppError } from '../errors.js';

/**
 * A conversation that does not exist, or belongs to someone else: the same answer either way, so a
 * session id reveals nothing about whose it is or whether it is in use.
 */
export const conversationNotFound = (sessionId: string) =>
  new AppError('NOT_FOUND', `Conversation ${sessionId} not found; omit session_id to start a new one.`, {
    details: { field: 'session_id' },
  });

import type { Channel } from '../domain/types.js';
import type { IdentityKind } from '../storage/ports.js';

/** The channels an identity writes on: a phone number on WhatsApp and SMS, a chat on Telegram. */
export const channelsOf = (kind: IdentityKind): Channel[] =>
  kind === 'phone' ? ['whatsapp', 'sms'] : ['telegram'];

/** A sender as channel sessions key them: the number or chat id without `+` or anything unusual. */
export const senderKey = (from: string): string => from.replace(/[^\w.:-]/g, '');

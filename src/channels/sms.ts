import twilio from 'twilio';
import { z } from 'zod';
import { post, type Fetch } from './http-client.js';
import type { ChannelConnector, InboundMessage } from './types.js';

export interface SmsSettings {
  accountSid: string;
  authToken: string;
  /** Twilio REST base, https://api.twilio.com by default; tests point it at a local fake. */
  apiBaseUrl: string;
  /** Characters per reply message: at most 1,600 (Twilio's limit); lower keeps segment costs down. */
  maxChars: number;
  fetch?: Fetch;
}

export const SMS_TEXT_LIMIT = 1600;

/** Validates `X-Twilio-Signature` with Twilio's own library, over the public URL Twilio called. */
export function verifyTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: Record<string, string>,
): boolean {
  return Boolean(signature) && twilio.validateRequest(authToken, signature ?? '', url, params);
}

export const twilioWebhookSchema = z.looseObject({
  MessageSid: z.string().min(1),
  From: z.string().min(1),
  To: z.string().min(1),
  Body: z.string().default(''),
});

export function parseTwilio(body: z.infer<typeof twilioWebhookSchema>): InboundMessage[] {
  if (!body.Body.trim()) return [];
  return [
    {
      channel: 'sms',
      message_id: body.MessageSid,
      from: body.From,
      identity: 'phone',
      text: body.Body,
      reply_to: body.To,
    },
  ];
}

/** Twilio wants TwiML back; an empty response means "no reply here", as replies go through the REST API. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export function createSmsConnector(settings: SmsSettings): ChannelConnector {
  const fetchFn = settings.fetch ?? fetch;
  const auth = Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64');
  return {
    channel: 'sms',
    textLimit: Math.min(SMS_TEXT_LIMIT, settings.maxChars),
    async send({ to, reply_from, text }) {
      await post(
        fetchFn,
        `${settings.apiBaseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`,
        {
          headers: { authorization: `Basic ${auth}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ To: to, From: reply_from, Body: text }).toString(),
        },
      );
    },
  };
}

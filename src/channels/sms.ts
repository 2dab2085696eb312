import twilio from 'twilio';
import { z } from 'zod';
import { post, type Fetch } from './http-client.js';
import { notConfigured, parseBody } from './errors.js';
import { header, type ChannelConnector, type InboundMessage } from './types.js';

export interface SmsSettings {
  /** Validates webhooks (X-Twilio-Signature) and, with the account SID, sends replies. */
  authToken: string;
  accountSid?: string;
  /** The public URL Twilio posts to, when it differs from what the server sees (proxies). */
  webhookUrl?: string;
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
    verify: (request) =>
      verifyTwilioSignature(
        settings.authToken,
        header(request, 'x-twilio-signature'),
        settings.webhookUrl ?? request.url,
        request.body as Record<string, string>,
      ),
    parse: (body) => parseTwilio(parseBody(twilioWebhookSchema, body, 'Twilio')),
    async send({ to, reply_from, text }) {
      if (!settings.accountSid) throw notConfigured('SMS');
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

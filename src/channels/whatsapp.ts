import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { post, type Fetch } from './http-client.js';
import { notConfigured, parseBody } from './errors.js';
import { header, type ChannelConnector, type InboundMessage } from './types.js';

export interface WhatsAppSettings {
  /** Signs every webhook (X-Hub-Signature-256). */
  appSecret: string;
  /** Sends replies; without it the channel can receive but answers 503. */
  accessToken?: string;
  /** Graph API base, e.g. https://graph.facebook.com/v21.0; tests point it at a local fake. */
  apiBaseUrl: string;
  fetch?: Fetch;
}

/** WhatsApp's documented text limit per message. */
export const WHATSAPP_TEXT_LIMIT = 4096;

/** Checks `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with the app secret), in constant time. */
export function verifyWhatsAppSignature(
  rawBody: Buffer,
  header: string | undefined,
  appSecret: string,
): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const messageSchema = z.looseObject({
  id: z.string(),
  from: z.string(),
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  interactive: z
    .looseObject({
      button_reply: z.looseObject({ title: z.string() }).optional(),
      list_reply: z.looseObject({ title: z.string() }).optional(),
    })
    .optional(),
  button: z.looseObject({ text: z.string() }).optional(),
});

export const whatsAppWebhookSchema = z.looseObject({
  object: z.string().optional(),
  entry: z.array(
    z.looseObject({
      changes: z.array(
        z.looseObject({
          value: z.looseObject({
            metadata: z.looseObject({ phone_number_id: z.string() }).optional(),
            messages: z.array(messageSchema).optional(),
            statuses: z.array(z.unknown()).optional(),
          }),
        }),
      ),
    }),
  ),
});

/** Text messages and button replies in a webhook; delivery statuses and media are skipped. */
export function parseWhatsApp(body: z.infer<typeof whatsAppWebhookSchema>): InboundMessage[] {
  const out: InboundMessage[] = [];
  for (const entry of body.entry) {
    for (const change of entry.changes) {
      const phoneNumberId = change.value.metadata?.phone_number_id ?? '';
      for (const m of change.value.messages ?? []) {
        const text =
          m.text?.body ??
          m.interactive?.button_reply?.title ??
          m.interactive?.list_reply?.title ??
          m.button?.text;
        if (!text?.trim()) continue;
        out.push({
          channel: 'whatsapp',
          message_id: m.id,
          from: `+${m.from.replace(/^\+/, '')}`,
          identity: 'phone',
          text,
          reply_to: phoneNumberId,
        });
      }
    }
  }
  return out;
}

export function createWhatsAppConnector(settings: WhatsAppSettings): ChannelConnector {
  const fetchFn = settings.fetch ?? fetch;
  return {
    channel: 'whatsapp',
    textLimit: WHATSAPP_TEXT_LIMIT,
    verify: (request) =>
      verifyWhatsAppSignature(request.rawBody, header(request, 'x-hub-signature-256'), settings.appSecret),
    parse: (body) => parseWhatsApp(parseBody(whatsAppWebhookSchema, body, 'WhatsApp')),
    async send({ to, reply_from, text, template }) {
      if (!settings.accessToken) throw notConfigured('WhatsApp');
      await post(
        fetchFn,
        `${settings.apiBaseUrl.replace(/\/$/, '')}/${encodeURIComponent(reply_from)}/messages`,
        {
          headers: { authorization: `Bearer ${settings.accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to: to.replace(/^\+/, ''),
            ...(template
              ? {
                  type: 'template',
                  template: {
                    name: template.name,
                    language: { code: template.language },
                    // A template parameter may hold no newlines, tabs or runs of more than four spaces.
                    components: [
                      {
                        type: 'body',
                        parameters: [{ type: 'text', text: text.replace(/\s+/g, ' ').trim() }],
                      },
                    ],
                  },
                }
              : { type: 'text', text: { preview_url: false, body: text } }),
          }),
        },
      );
    },
  };
}

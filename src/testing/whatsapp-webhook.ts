import { createHmac } from 'node:crypto';

/** A WhatsApp Cloud API webhook body carrying text messages to phone number id PNID1, as Meta sends it. */
export function whatsAppPayload(
  messages: { id: string; from: string; text: string }[],
  statuses = false,
): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: 'PNID1' },
              ...(statuses ? { statuses: [{ id: 'wamid.x', status: 'delivered' }] } : {}),
              messages: messages.map((m) => ({
                id: m.id,
                from: m.from,
                timestamp: '1',
                type: 'text',
                text: { body: m.text },
              })),
            },
          },
        ],
      },
    ],
  });
}

/** The `x-hub-signature-256` header Meta sends: HMAC-SHA256 of the raw body with the app secret. */
export const signWhatsApp = (body: string, secret: string): string =>
  `sha256=${createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex')}`;

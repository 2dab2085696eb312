import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** The secrets tests sign each platform's webhooks with, as `platformEnv` configures them. */
export const PLATFORM_SECRETS = {
  whatsapp: 'wa-app-secret',
  telegram: 'telegram_secret-token',
  twilio: 'twilio-auth-token',
} as const;

/** Settings that point WhatsApp, Telegram and SMS at the fake at `url`, signed with PLATFORM_SECRETS. */
export const platformEnv = (url: string): Record<string, string> => ({
  WHATSAPP_APP_SECRET: PLATFORM_SECRETS.whatsapp,
  WHATSAPP_ACCESS_TOKEN: 'wa-token',
  WHATSAPP_API_BASE_URL: `${url}/v21.0`,
  TELEGRAM_BOT_TOKEN: '123:abc',
  TELEGRAM_WEBHOOK_SECRET: PLATFORM_SECRETS.telegram,
  TELEGRAM_API_BASE_URL: url,
  TWILIO_ACCOUNT_SID: 'AC123',
  TWILIO_AUTH_TOKEN: PLATFORM_SECRETS.twilio,
  TWILIO_API_BASE_URL: url,
});

/**
 * A local stand-in for the WhatsApp Graph API, the Telegram Bot API and the Twilio REST API: records
 * every call and answers the way each platform does on success.
 */
export async function startFakePlatforms(options: { delayMs?: number } = {}): Promise<{
  url: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}> {
  const calls: RecordedCall[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    // A platform that takes a moment, as real ones do; the call counts once it is answered.
    req.on('end', () => setTimeout(answer, options.delayMs ?? 0));
    const answer = () => {
      const path = req.url ?? '';
      calls.push({ path, headers: req.headers, body });
      res.setHeader('content-type', 'application/json');
      if (path.includes('/messages'))
        res.end(
          JSON.stringify({ messaging_product: 'whatsapp', messages: [{ id: `wamid.out${calls.length}` }] }),
        );
      else if (path.includes('/bot')) res.end(JSON.stringify({ ok: true, result: true }));
      else if (path.includes('/Messages.json'))
        res.writeHead(201).end(JSON.stringify({ sid: `SM${calls.length}`, status: 'queued' }));
      else res.writeHead(404).end('{}');
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

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

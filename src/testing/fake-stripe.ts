import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StripeCall {
  path: string;
  idempotencyKey: string | undefined;
  params: URLSearchParams;
}

/**
 * A local stand-in for the Stripe API calls the shop makes - creating and expiring a Checkout Session,
 * and a refund - answering in Stripe's wire format (form-encoded requests, JSON objects back), and replaying
 * the first answer for a repeated Idempotency-Key as Stripe does.
 */
export async function startFakeStripe(): Promise<{
  url: string;
  calls: StripeCall[];
  close(): Promise<void>;
}> {
  const calls: StripeCall[] = [];
  const answered = new Map<string, string>();
  /** Checkout Sessions by id, and whether each is still open. */
  const open = new Map<string, boolean>();
  const expiring = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/;
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const params = new URLSearchParams(body);
      const path = (req.url ?? '').split('?')[0] ?? '';
      calls.push({ path, idempotencyKey: key, params });
      res.setHeader('content-type', 'application/json');
      const replay = key ? answered.get(`${path} ${key}`) : undefined;
      if (replay) return void res.end(replay);
      n += 1;
      let answer: object;
      if (req.method === 'POST' && path === '/v1/checkout/sessions') {
        const id = `cs_test_${n}`;
        open.set(id, true);
        answer = {
          id,
          object: 'checkout.session',
          mode: 'payment',
          status: 'open',
          payment_status: 'unpaid',
          url: `https://checkout.stripe.com/c/pay/${id}`,
          client_reference_id: params.get('client_reference_id'),
          metadata: { order_id: params.get('metadata[order_id]') },
          currency: params.get('line_items[0][price_data][currency]'),
          amount_total: Number(params.get('line_items[0][price_data][unit_amount]')),
          expires_at: Number(params.get('expires_at')),
        };
      } else if (req.method === 'POST' && expiring.test(path)) {
        const id = decodeURIComponent(expiring.exec(path)![1]!);
        if (open.get(id)) {
          open.set(id, false);
          answer = { id, object: 'checkout.session', status: 'expired', url: null };
        } else {
          res.statusCode = open.has(id) ? 400 : 404;
          answer = {
            error: {
              type: 'invalid_request_error',
              message: open.has(id)
                ? `Only Checkout Sessions with a status in ["open"] can be expired.`
                : `No such checkout.session: '${id}'`,
            },
          };
        }
      } else if (req.method === 'POST' && path === '/v1/refunds') {
        answer = {
          id: `re_test_${n}`,
          object: 'refund',
          amount: Number(params.get('amount')),
          payment_intent: params.get('payment_intent'),
          status: 'succeeded',
        };
      } else {
        res.statusCode = 404;
        answer = {
          error: {
            type: 'invalid_request_error',
            message: `Unrecognized request URL (${req.method}: ${path})`,
          },
        };
      }
      const text = JSON.stringify(answer);
      if (key && res.statusCode === 200) answered.set(`${path} ${key}`, text);
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

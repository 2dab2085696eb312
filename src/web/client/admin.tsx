import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Analytics } from '../../analytics/report.js';
import { AnalyticsPage } from './analytics.js';
import {
  CataloguePage,
  CustomersPage,
  type AdminCustomer,
  type PeopleClient,
  type ProductHit,
  type StockRow,
} from './people.js';
import { OrdersPage, type AdminOrder, type AdminReturn, type OrdersClient } from './orders.js';
import { pause, readEvents, retryAfterMs, type StoredMessage } from './api.js';
import { styles } from './styles.js';
import { ShopMoneyProvider, useMoney } from './money.js';

/**
 * The operator console at /admin: the handoff inbox and every conversation, live. Signing in takes an
 * admin token, kept in memory only (never stored); in local-only mode no sign-in is needed.
 */

interface Head {
  session_id: string;
  user_id: string;
  channel: string;
  status: 'bot' | 'handoff' | 'human' | 'closed';
  operator: string | null;
  handoff_reason: string | null;
  status_at: string;
  ticket_at: string | null;
}

interface Log extends Head {
  messages: StoredMessage[];
}

const STATUSES = ['handoff', 'human', 'bot', 'closed'] as const;
const LABEL: Record<Head['status'], string> = {
  handoff: 'Waiting for a person',
  human: 'With a person',
  bot: 'With the assistant',
  closed: 'Closed',
};

class Unauthorized extends Error {}

function api(token: string | null) {
  const headers = (json: boolean): Record<string, string> => ({
    ...(json ? { 'content-type': 'application/json' } : {}),
    // A JWT (three dot-separated parts) goes as a bearer token; anything else is an admin API key.
    ...(token
      ? /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)
        ? { authorization: `Bearer ${token}` }
        : { 'x-api-key': token }
      : {}),
  });
  const call = async <T,>(method: string, path: string, body?: object): Promise<T> => {
    const res = await fetch(path, {
      method,
      headers: headers(body !== undefined),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status === 401 || res.status === 403) throw new Unauthorized('Sign in with an admin token.');
    const answer = (await res.json().catch(() => ({}))) as T & { message?: string };
    if (!res.ok) throw new Error(answer.message ?? `The server answered ${res.status}.`);
    return answer;
  };
  return {
    list: (status: Head['status']) =>
      call<{ conversations: Head[] }>('GET', `/api/admin/conversations?status=${status}&limit=100`),
    get: (id: string) =>
      call<{ conversation: Log }>('GET', `/api/admin/conversations/${encodeURIComponent(id)}`),
    act: (id: string, action: 'claim' | 'release' | 'close') =>
      call<object>('POST', `/api/admin/conversations/${encodeURIComponent(id)}/${action}`, {}),
    analytics: (from: string | null, to: string | null) =>
      call<{ analytics: Analytics }>(
        'GET',
        `/api/admin/analytics${from && to ? `?from=${from}&to=${to}` : ''}`,
      ).then((r) => r.analytics),
    orders: (status: string | null) =>
      call<{ orders: AdminOrder[] }>(
        'GET',
        `/api/admin/orders?limit=100${status ? `&status=${status}` : ''}`,
      ).then((r) => r.orders),
    setStatus: (orderId: string, body: object) =>
      call<object>('POST', `/api/admin/orders/${encodeURIComponent(orderId)}/status`, body),
    returns: (status: string) =>
      call<{ returns: AdminReturn[] }>('GET', `/api/admin/returns?status=${status}`).then((r) => r.returns),
    returnAction: (returnId: string, action: 'approve' | 'receive', body: object = {}) =>
      call<object>('POST', `/api/admin/returns/${encodeURIComponent(returnId)}/${action}`, body),
    customers: () =>
      call<{ customers: AdminCustomer[] }>('GET', '/api/admin/customers?limit=200').then((r) => r.customers),
    customer: (id: string) =>
      call<Awaited<ReturnType<PeopleClient['customer']>>>(
        'GET',
        `/api/admin/customers/${encodeURIComponent(id)}`,
      ),
    search: (q: string) =>
      call<{ products: ProductHit[] }>(
        'GET',
        `/api/products?in_stock=false&limit=50${q.trim() ? `&q=${encodeURIComponent(q.trim())}` : ''}`,
      ).then((r) => r.products),
    stock: (productId: string) =>
      call<{ product: { name: string }; stock: StockRow[] }>(
        'GET',
        `/api/admin/products/${encodeURIComponent(productId)}/stock`,
      ),
    reply: (id: string, text: string) =>
      call<{ delivery: string; template?: string }>(
        'POST',
        `/api/admin/conversations/${encodeURIComponent(id)}/messages`,
        { text },
      ),
    /** Calls `changed` on every event of the handoff queue until aborted. */
    async follow(changed: () => void, signal: AbortSignal) {
      while (!signal.aborted) {
        try {
          const res = await fetch('/api/admin/conversations/events', { headers: headers(false), signal });
          // Too many of this operator's consoles follow already: ask again later, not every second.
          if (res.status === 429) await pause(retryAfterMs(res), signal);
          else if (res.ok) await readEvents(res, () => changed(), signal);
        } catch {
          if (signal.aborted) return;
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    },
  };
}

/** The cards a turn showed, as the transcript keeps them. */
interface Cards {
  products?: { product_id: string; name: string; price: number }[];
  order?: { order_id: string; status: string; total: number };
  cart?: { item_count: number; subtotal: number };
  checkout?: { total: number };
}

/** What the customer saw besides the words of a reply. */
function Seen({ cards }: { cards: Cards | undefined }) {
  const money = useMoney();
  if (!cards) return null;
  const parts = [
    cards.products?.length
      ? `Shown: ${cards.products.map((p) => `${p.name} (${p.product_id}, ${money(p.price)})`).join('; ')}`
      : null,
    cards.cart ? `Cart: ${cards.cart.item_count} item(s), ${money(cards.cart.subtotal)}` : null,
    cards.checkout ? `Checkout summary: ${money(cards.checkout.total)}` : null,
    cards.order
      ? `Order ${cards.order.order_id}: ${cards.order.status.replace('_', ' ')}, ${money(cards.order.total)}`
      : null,
  ].filter(Boolean);
  return parts.length ? (
    <small class="seen" data-seen>
      {parts.join(' · ')}
    </small>
  ) : null;
}

function SignIn({ onToken, error }: { onToken: (t: string) => void; error: string | null }) {
  const [value, setValue] = useState('');
  return (
    <form
      class="signin"
      onSubmit={(e) => {
        e.preventDefault();
        onToken(value.trim());
      }}
    >
      <h1>Operator console</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <label for="token">Admin token or API key</label>
      <input
        id="token"
        type="password"
        value={value}
        onInput={(e) => setValue((e.target as HTMLInputElement).value)}
      />
      <button type="submit">Sign in</button>
    </form>
  );
}

function Console() {
  const [token, setToken] = useState<string | null>(null);
  const [needsSignIn, setNeedsSignIn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Head['status']>('handoff');
  const [heads, setHeads] = useState<Head[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [log, setLog] = useState<Log | null>(null);
  const [draft, setDraft] = useState('');
  const [tick, setTick] = useState(0);
  const [view, setView] = useState<'conversations' | 'orders' | 'customers' | 'catalogue' | 'analytics'>(
    'conversations',
  );
  const client = api(token);

  const guard = (e: unknown) => {
    if (e instanceof Unauthorized) {
      setNeedsSignIn(true);
      setError(token ? 'That is not an admin token or key.' : null);
    } else setError((e as Error).message);
  };

  useEffect(() => {
    if (needsSignIn) return;
    client
      .list(tab)
      .then((r) => setHeads(r.conversations))
      .catch(guard);
  }, [token, tab, tick, needsSignIn]);

  useEffect(() => {
    if (!open || needsSignIn) return;
    client
      .get(open)
      .then((r) => setLog(r.conversation))
      .catch(guard);
  }, [token, open, tick, needsSignIn]);

  // Live: any event of the queue refreshes the list and the open conversation.
  useEffect(() => {
    if (needsSignIn) return;
    const stop = new AbortController();
    void client.follow(() => setTick((t) => t + 1), stop.signal);
    return () => stop.abort();
  }, [token, needsSignIn]);

  if (needsSignIn)
    return (
      <SignIn
        error={error}
        onToken={(t) => {
          setToken(t);
          setNeedsSignIn(false);
          setError(null);
        }}
      />
    );

  const act = (action: 'claim' | 'release' | 'close') =>
    open &&
    client
      .act(open, action)
      .then(() => setTick((t) => t + 1))
      .catch(guard);

  return (
    <div class="console">
      <header class="bar">
        <h1>Operator console</h1>
        <nav class="views" aria-label="Pages">
          {(['conversations', 'orders', 'customers', 'catalogue', 'analytics'] as const).map((v) => (
            <button
              type="button"
              key={v}
              aria-current={view === v ? 'page' : undefined}
              onClick={() => setView(v)}
            >
              {v.charAt(0).toUpperCase() + v.slice(1)}
            </button>
          ))}
        </nav>
      </header>
      {view === 'customers' ? (
        <CustomersPage client={client as PeopleClient} onError={guard} />
      ) : view === 'catalogue' ? (
        <CataloguePage client={client as PeopleClient} onError={guard} />
      ) : view === 'orders' ? (
        <OrdersPage client={client as OrdersClient} onError={guard} />
      ) : view === 'analytics' ? (
        <main class="analytics-page" aria-label="Analytics">
          <AnalyticsPage
            load={(from, to) =>
              client.analytics(from, to).catch((e: unknown) => {
                guard(e);
                throw e;
              })
            }
          />
        </main>
      ) : (
        <div class="columns">
          <nav aria-label="Conversations">
            <div class="tabs" role="tablist">
              {STATUSES.map((s) => (
                <button type="button" role="tab" aria-selected={tab === s} key={s} onClick={() => setTab(s)}>
                  {LABEL[s]}
                </button>
              ))}
            </div>
            {heads.length === 0 ? (
              <p>None.</p>
            ) : (
              <ul class="inbox">
                {heads.map((h) => (
                  <li key={h.session_id}>
                    <button
                      type="button"
                      aria-current={open === h.session_id}
                      onClick={() => setOpen(h.session_id)}
                    >
                      <strong>{h.user_id}</strong> · {h.channel}
                      <br />
                      <small>
                        {LABEL[h.status]}
                        {h.handoff_reason ? ` (${h.handoff_reason.replace('_', ' ')})` : ''}
                        {h.ticket_at ? ' · ticket' : ''} · since {new Date(h.status_at).toLocaleTimeString()}
                      </small>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </nav>
          <main aria-label="Conversation">
            {error && (
              <p class="error" role="alert">
                {error}
              </p>
            )}
            {!log ? (
              <p>Choose a conversation.</p>
            ) : (
              <>
                <h2>
                  {log.user_id} on {log.channel}: {LABEL[log.status]}
                  {log.operator ? ` (${log.operator})` : ''}
                </h2>
                <div class="actions">
                  <button type="button" onClick={() => act('claim')} disabled={log.status === 'human'}>
                    Claim
                  </button>
                  <button type="button" onClick={() => act('release')} disabled={log.status === 'bot'}>
                    Release to the assistant
                  </button>
                  <button type="button" onClick={() => act('close')} disabled={log.status === 'closed'}>
                    Close
                  </button>
                </div>
                <div class="messages" role="log" aria-live="polite" aria-label="Transcript" tabIndex={0}>
                  {log.messages.map((m, i) => (
                    <div
                      key={i}
                      class={`msg ${m.role === 'user' ? 'customer' : m.agent_name?.startsWith('operator:') ? 'operator' : 'assistant'}`}
                    >
                      {m.agent_name?.startsWith('operator:') && (
                        <span class="who">{m.agent_name.slice(9)}</span>
                      )}
                      <p>{m.content}</p>
                      <Seen cards={m.metadata?.cards as Cards | undefined} />
                    </div>
                  ))}
                </div>
                {log.status === 'human' && (
                  <form
                    class="composer"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const text = draft.trim();
                      if (!text || !open) return;
                      client
                        .reply(open, text)
                        .then(() => {
                          setDraft('');
                          setTick((t) => t + 1);
                        })
                        .catch(guard);
                    }}
                  >
                    <label class="sr-only" for="reply">
                      Reply to the customer
                    </label>
                    <input
                      id="reply"
                      value={draft}
                      onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
                    />
                    <button type="submit">Send</button>
                  </form>
                )}
              </>
            )}
          </main>
        </div>
      )}
    </div>
  );
}

const host = document.createElement('div');
host.id = 'sales-agent-console';
document.body.appendChild(host);
const root = host.attachShadow({ mode: 'open' });
const style = document.createElement('style');
style.textContent = `${styles('#1f4fd1')}
.console { position: fixed; inset: 0; display: flex; flex-direction: column; }
.columns { flex: 1; display: flex; min-height: 0; }
nav { width: 300px; border-right: 1px solid #d6d9de; overflow-y: auto; padding: 8px; }
main { flex: 1; display: flex; flex-direction: column; padding: 8px 12px; min-width: 0; }
main h2 { font-size: 16px; margin: 4px 0; }
.tabs { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 8px; }
.tabs button { border: 1px solid #6b7280; background: #fff; border-radius: 14px; padding: 3px 10px; }
.tabs button[aria-selected="true"] { background: var(--accent); color: #fff; border-color: var(--accent); }
.inbox { list-style: none; margin: 0; padding: 0; }
.inbox button { width: 100%; text-align: left; background: #fff; border: 1px solid #d6d9de; border-radius: 8px; padding: 6px 8px; margin-bottom: 6px; }
.inbox button[aria-current="true"] { border-color: var(--accent); box-shadow: 0 0 0 1px var(--accent); }
.actions { display: flex; gap: 6px; margin-bottom: 6px; }
.actions button, .signin button { background: var(--accent); color: #fff; border: 0; border-radius: 8px; padding: 6px 10px; }
.signin { max-width: 360px; margin: 80px auto; display: flex; flex-direction: column; gap: 8px; }
.signin input { font: inherit; padding: 8px; border: 1px solid #6b7280; border-radius: 8px; }
.console .bar { flex-wrap: wrap; gap: 8px; }
.views { display: flex; flex-wrap: wrap; gap: 6px; flex: 1; justify-content: flex-end; }
.views button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 14px; padding: 3px 10px; }
.views button[aria-current="page"] { background: #fff; color: #1a1a1a; }
.analytics-page { overflow-y: auto; }
.range { display: flex; gap: 10px; align-items: center; margin-bottom: 8px; }
.range button { background: var(--accent); color: #fff; border: 0; border-radius: 8px; padding: 4px 10px; }
.totals { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px; margin: 0 0 10px; }
.totals div { border: 1px solid #d6d9de; border-radius: 8px; padding: 6px 10px; }
.totals dt { font-size: 12px; color: #4b5563; } .totals dd { margin: 0; font-size: 18px; font-weight: 700; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 12px; }
.chart { margin: 0; border: 1px solid #d6d9de; border-radius: 8px; padding: 8px; }
.chart figcaption { font-weight: 600; margin-bottom: 4px; }
table { border-collapse: collapse; } th, td { border-bottom: 1px solid #d6d9de; padding: 4px 10px; text-align: left; }
.seen { display: block; color: #4b5563; font-size: 12px; margin: 2px 12px; }
.chart-box { position: relative; height: 220px; }
@media (max-width: 700px) { .columns { flex-direction: column; } nav { width: auto; max-height: 40vh; border-right: 0; } }
`;
root.appendChild(style);
const mount = document.createElement('div');
mount.className = 'root';
root.appendChild(mount);
render(
  <ShopMoneyProvider base="">
    <Console />
  </ShopMoneyProvider>,
  mount,
);

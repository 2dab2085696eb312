import { useEffect, useState } from 'preact/hooks';
import { useMoney } from './money.js';

/** An order as GET /api/admin/orders lists it (the parts shown here). */
export interface AdminOrder {
  order_id: string;
  user_id: string;
  status: string;
  total: number;
  subtotal: number;
  shipping: number;
  tax: number;
  tier_discount: number;
  points_discount: number;
  created_at: string;
  items: { name: string; quantity: number; color: string | null; size: string | null; line_total: number }[];
  fulfilment: {
    type: string;
    address?: { line1: string; city: string; postal_code?: string } | null;
    store_id?: string;
  };
  carrier?: string | null;
  tracking_number?: string | null;
}

/** A return as GET /api/admin/returns lists it. */
export interface AdminReturn {
  return_id: string;
  order_id: string;
  status: string;
  reason: string;
  refund_amount: number;
  lines: { name: string; quantity: number }[];
}

export interface OrdersClient {
  orders(status: string | null): Promise<AdminOrder[]>;
  setStatus(
    orderId: string,
    body: { status: string; carrier?: string; tracking_number?: string },
  ): Promise<unknown>;
  returns(status: string): Promise<AdminReturn[]>;
  returnAction(returnId: string, action: 'approve' | 'receive', body?: object): Promise<unknown>;
}

const FILTERS = [null, 'pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled'] as const;
/** What an operator may move an order to from where it stands. */
const NEXT: Record<string, string[]> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['fulfilled', 'cancelled'],
  fulfilled: ['delivered'],
};

/** Orders and returns for the shop's staff: status changes, and parcels that came back. */
export function OrdersPage({ client, onError }: { client: OrdersClient; onError: (e: unknown) => void }) {
  const money = useMoney();
  const [filter, setFilter] = useState<string | null>(null);
  const [orders, setOrders] = useState<AdminOrder[]>([]);
  const [open, setOpen] = useState<AdminOrder | null>(null);
  const [returns, setReturns] = useState<AdminReturn[]>([]);
  const [tick, setTick] = useState(0);
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [restock, setRestock] = useState(true);

  useEffect(() => {
    client
      .orders(filter)
      .then((list) => {
        setOrders(list);
        setOpen((o) => (o ? (list.find((n) => n.order_id === o.order_id) ?? o) : o));
      })
      .catch(onError);
    Promise.all([client.returns('requested'), client.returns('approved')])
      .then(([a, b]) => setReturns([...a, ...b]))
      .catch(onError);
  }, [filter, tick]);

  const move = (to: string) =>
    open &&
    client
      .setStatus(open.order_id, {
        status: to,
        ...(to === 'fulfilled' && open.fulfilment.type === 'ship'
          ? { carrier, tracking_number: tracking }
          : {}),
      })
      .then(() => setTick((t) => t + 1))
      .catch(onError);

  return (
    <div class="columns">
      <nav aria-label="Orders">
        <label>
          Status{' '}
          <select
            value={filter ?? ''}
            onChange={(e) => setFilter((e.target as HTMLSelectElement).value || null)}
          >
            {FILTERS.map((f) => (
              <option key={f ?? 'all'} value={f ?? ''}>
                {f ? f.replace('_', ' ') : 'all'}
              </option>
            ))}
          </select>
        </label>
        <ul class="inbox">
          {orders.map((o) => (
            <li key={o.order_id}>
              <button type="button" aria-current={open?.order_id === o.order_id} onClick={() => setOpen(o)}>
                <strong>{o.order_id}</strong> · {money(o.total)}
                <br />
                <small>
                  {o.status.replace('_', ' ')} · {o.user_id}
                </small>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main aria-label="Order">
        {open ? (
          <section>
            <h2>
              Order {open.order_id}: <span data-order-status>{open.status.replace('_', ' ')}</span>
            </h2>
            <ul>
              {open.items.map((i) => (
                <li key={i.name}>
                  {i.quantity} × {i.name}
                  {i.color || i.size ? ` (${[i.color, i.size].filter(Boolean).join(', ')})` : ''} ·{' '}
                  {money(i.line_total)}
                </li>
              ))}
            </ul>
            <p>
              Total {money(open.total)} (shipping {money(open.shipping)}, tax {money(open.tax)}) ·{' '}
              {open.fulfilment.type === 'ship'
                ? `ship to ${open.fulfilment.address?.line1 ?? '-'}, ${open.fulfilment.address?.city ?? ''}`
                : `pickup at ${open.fulfilment.store_id ?? '-'}`}
              {open.tracking_number ? ` · ${open.carrier} ${open.tracking_number}` : ''}
            </p>
            {open.status === 'paid' && open.fulfilment.type === 'ship' && (
              <div class="range">
                <label>
                  Carrier{' '}
                  <input value={carrier} onInput={(e) => setCarrier((e.target as HTMLInputElement).value)} />
                </label>
                <label>
                  Tracking number{' '}
                  <input
                    value={tracking}
                    onInput={(e) => setTracking((e.target as HTMLInputElement).value)}
                  />
                </label>
              </div>
            )}
            <div class="actions">
              {(NEXT[open.status] ?? []).map((to) => (
                <button type="button" key={to} onClick={() => void move(to)}>
                  Mark {to}
                </button>
              ))}
            </div>
          </section>
        ) : (
          <p>Choose an order.</p>
        )}
        <section aria-label="Returns to handle">
          <h2>Returns to handle</h2>
          {returns.length === 0 ? (
            <p>None.</p>
          ) : (
            <>
              <label>
                <input
                  type="checkbox"
                  checked={restock}
                  onChange={(e) => setRestock((e.target as HTMLInputElement).checked)}
                />{' '}
                Put received items back on sale
              </label>
              <ul>
                {returns.map((r) => (
                  <li key={r.return_id}>
                    {r.return_id} ({r.order_id}): {r.lines.map((l) => `${l.quantity} × ${l.name}`).join(', ')}{' '}
                    · {money(r.refund_amount)} · {r.status} · “{r.reason}”{' '}
                    <button
                      type="button"
                      onClick={() =>
                        client
                          .returnAction(
                            r.return_id,
                            r.status === 'requested' ? 'approve' : 'receive',
                            r.status === 'requested' ? {} : { restock },
                          )
                          .then(() => setTick((t) => t + 1))
                          .catch(onError)
                      }
                    >
                      {r.status === 'requested' ? 'Approve' : 'Received'}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </main>
    </div>
  );
}

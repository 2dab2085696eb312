import { useEffect, useState } from 'preact/hooks';
import { useMoney } from './money.js';

/** A customer as the console lists them. */
export interface AdminCustomer {
  user_id: string;
  name: string;
  email: string;
  loyalty_tier: string;
  loyalty_points: number;
  total_spent: number;
  is_guest: boolean;
}

export interface StockRow {
  sku: string;
  color: string | null;
  size: string | null;
  location: string;
  quantity: number;
}

export interface ProductHit {
  product_id: string;
  name: string;
  price: number;
  category: string;
}

export interface PeopleClient {
  customers(): Promise<AdminCustomer[]>;
  customer(id: string): Promise<{
    customer: AdminCustomer;
    orders: { order_id: string; status: string; total: number; created_at: string }[];
  }>;
  search(q: string): Promise<ProductHit[]>;
  stock(productId: string): Promise<{ product: { name: string }; stock: StockRow[] }>;
}

/** Customers: tier, points and spend, and one customer's orders. */
export function CustomersPage({ client, onError }: { client: PeopleClient; onError: (e: unknown) => void }) {
  const money = useMoney();
  const [list, setList] = useState<AdminCustomer[]>([]);
  const [open, setOpen] = useState<Awaited<ReturnType<PeopleClient['customer']>> | null>(null);
  useEffect(() => {
    client.customers().then(setList).catch(onError);
  }, []);
  return (
    <div class="columns">
      <nav aria-label="Customers">
        <ul class="inbox">
          {list.map((c) => (
            <li key={c.user_id}>
              <button
                type="button"
                aria-current={open?.customer.user_id === c.user_id}
                onClick={() => client.customer(c.user_id).then(setOpen).catch(onError)}
              >
                <strong>{c.name || c.user_id}</strong>
                <br />
                <small>
                  {c.user_id} · {c.loyalty_tier}
                </small>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main aria-label="Customer">
        {!open ? (
          <p>Choose a customer.</p>
        ) : (
          <section>
            <h2>{open.customer.name || open.customer.user_id}</h2>
            <dl class="totals">
              <div>
                <dt>Tier</dt>
                <dd data-customer="tier">{open.customer.loyalty_tier}</dd>
              </div>
              <div>
                <dt>Points</dt>
                <dd data-customer="points">{open.customer.loyalty_points}</dd>
              </div>
              <div>
                <dt>Spent</dt>
                <dd data-customer="spent">{money(open.customer.total_spent)}</dd>
              </div>
            </dl>
            <h3>Orders</h3>
            {open.orders.length === 0 ? (
              <p>None.</p>
            ) : (
              <ul data-customer="orders">
                {open.orders.map((o) => (
                  <li key={o.order_id}>
                    {o.order_id} · {o.status.replace('_', ' ')} · {money(o.total)} ·{' '}
                    {new Date(o.created_at).toLocaleDateString()}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </main>
    </div>
  );
}

/** Catalogue: search products and see each variant's units online and in every store. */
export function CataloguePage({ client, onError }: { client: PeopleClient; onError: (e: unknown) => void }) {
  const money = useMoney();
  const [hits, setHits] = useState<ProductHit[]>([]);
  const [stock, setStock] = useState<Awaited<ReturnType<PeopleClient['stock']>> | null>(null);
  const [q, setQ] = useState('');
  return (
    <div class="columns">
      <nav aria-label="Products">
        <form
          class="range"
          onSubmit={(e) => {
            e.preventDefault();
            client.search(q).then(setHits).catch(onError);
          }}
        >
          <label>
            Search <input value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit">Find</button>
        </form>
        <ul class="inbox">
          {hits.map((p) => (
            <li key={p.product_id}>
              <button type="button" onClick={() => client.stock(p.product_id).then(setStock).catch(onError)}>
                <strong>{p.name}</strong>
                <br />
                <small>
                  {p.product_id} · {money(p.price)}
                </small>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main aria-label="Stock">
        {!stock ? (
          <p>Find a product to see its stock.</p>
        ) : (
          <section>
            <h2>
              {stock.product.name}:{' '}
              <span data-stock-total>{stock.stock.reduce((n, s) => n + s.quantity, 0)}</span> units
            </h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">Variant</th>
                  <th scope="col">Where</th>
                  <th scope="col">Units</th>
                </tr>
              </thead>
              <tbody>
                {stock.stock.map((s) => (
                  <tr key={`${s.sku}-${s.location}`}>
                    <td>{[s.color, s.size].filter(Boolean).join(', ') || s.sku}</td>
                    <td>{s.location}</td>
                    <td>{s.quantity}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </main>
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import {
  followConversation,
  guestSession,
  loadSession,
  mergeGuest,
  pendingGuest,
  saveSession,
  setPendingGuest,
  usableGuest,
  sendTurn,
  transcript,
  viewCart,
  type CartView,
  type Session,
  type TurnData,
} from './api.js';
import { useMoney } from './money.js';
import { Product } from './product.js';

export interface ChatOptions {
  /** Where the shop's API answers (no trailing slash). */
  base: string;
  greeting: string;
  /** A signed-in customer's token from the shop's own login; a guest session otherwise. */
  token?: string | undefined;
  /** The user id the token is for. */
  userId?: string | undefined;
}

interface Line {
  key: string;
  who: 'customer' | 'assistant' | 'operator';
  text: string;
  data?: TurnData;
}

/** Quick replies for what the assistant just asked or showed. */
function chipsFor(data: TurnData | undefined): string[] {
  if (!data) return ['Show me headphones', 'Track my order', 'Talk to a person'];
  if (data.checkout) return ['Yes, place the order', 'No, not yet'];
  if (data.needs) return data.needs.missing.includes('color') ? data.needs.colors : data.needs.sizes;
  if (data.products?.length) return ['Compare the first two', 'Show me more', 'Something cheaper'];
  if (data.cart?.items.length) return ['Checkout', 'Show my cart'];
  return [];
}

/** Resolves an image path the shop gave (maybe relative to the shop's own server). */
const imageUrl = (base: string, url: string) => (/^https?:/.test(url) || !url ? url : `${base}${url}`);

function Cards({ data, base, send }: { data: TurnData; base: string; send: (text: string) => void }) {
  const money = useMoney();
  const orders = data.order ? [data.order] : (data.orders ?? []);
  // A list (all of it: beside cards the text no longer lists the products), or the one asked about.
  const products = data.products?.length ? data.products : data.product ? [data.product] : [];
  return (
    <>
      {products.length ? (
        <div class="cards" role="group" aria-label="Products" tabIndex={0}>
          {products.map((p) => (
            <Product key={p.product_id} card={p} imageUrl={imageUrl(base, p.image_url)} send={send} />
          ))}
        </div>
      ) : null}
      {orders.map((o) => (
        <article class="order" key={o.order_id} aria-label={`Order ${o.order_id}`}>
          <h3>Order {o.order_id}</h3>
          <p>
            <span class="status">{o.status.replace(/_/g, ' ')}</span> · {money(o.total)}
          </p>
          <ul>
            {o.items.map((i) => (
              <li key={i.name}>
                {i.quantity} × {i.name}
              </li>
            ))}
          </ul>
          {o.payment_url ? (
            <a href={o.payment_url} target="_blank" rel="noopener">
              Pay now
            </a>
          ) : null}
        </article>
      ))}
    </>
  );
}

function CartDrawer({
  cart,
  close,
  send,
}: {
  cart: CartView | null;
  close: () => void;
  send: (t: string) => void;
}) {
  const money = useMoney();
  return (
    <aside class="drawer" role="dialog" aria-label="Your cart">
      <header>
        <h2>Your cart</h2>
        <button type="button" onClick={close} aria-label="Close the cart">
          ×
        </button>
      </header>
      {!cart || cart.items.length === 0 ? (
        <p>Your cart is empty.</p>
      ) : (
        <>
          <ul>
            {cart.items.map((i) => (
              <li key={`${i.product_id}-${i.color}-${i.size}`}>
                {i.quantity} × {i.name}
                {i.color || i.size ? ` (${[i.color, i.size].filter(Boolean).join(', ')})` : ''} ·{' '}
                {money(i.price * i.quantity)}
              </li>
            ))}
          </ul>
          <p class="total">Subtotal {money(cart.subtotal)}</p>
          <button
            type="button"
            onClick={() => {
              close();
              send('checkout');
            }}
          >
            Checkout
          </button>
        </>
      )}
    </aside>
  );
}

/** The chat: messages with their cards, quick replies, a cart drawer, and an operator's replies live. */
export function Chat({ options }: { options: ChatOptions }) {
  const { base } = options;
  const [session, setSession] = useState<Session | null>(null);
  const [lines, setLines] = useState<Line[]>([{ key: 'hello', who: 'assistant', text: options.greeting }]);
  const [typing, setTyping] = useState(false);
  const [draft, setDraft] = useState('');
  const [streamed, setStreamed] = useState('');
  const [count, setCount] = useState(0);
  const [cart, setCart] = useState<CartView | null>(null);
  const [cartOpen, setCartOpen] = useState(false);
  const [person, setPerson] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seen = useRef(new Set<string>());
  const list = useRef<HTMLDivElement>(null);

  // A session survives a reload: the same guest (or the shop's customer) and conversation.
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const stored = loadSession(base);
        const own =
          options.token && options.userId
            ? { user_id: options.userId, token: options.token, session_id: null }
            : null;
        let s: Session;
        if (own) {
          // A signed-in customer (the shop's token, never stored here): a guest before them brings
          // their cart along; if that fails, it is tried again on the next page.
          const guest = usableGuest(stored) ? stored : pendingGuest(base);
          if (guest && guest.user_id !== own.user_id)
            setPendingGuest(base, (await mergeGuest(base, guest, own).catch(() => false)) ? null : guest);
          s = { ...own, session_id: stored?.user_id === own.user_id ? stored.session_id : null };
        } else {
          // A guest: the one kept here while its token lasts, else a new one. A signed-in customer's
          // session is never picked up by whoever uses the page after they sign out.
          s = usableGuest(stored) ? stored : await guestSession(base);
        }
        let past = await transcript(base, s);
        if (past === 'unauthorized' && !own) {
          s = await guestSession(base);
          past = null;
        }
        if (past === 'unauthorized') throw new Error('Your sign-in has expired; sign in again to chat.');
        if (!past) s = { ...s, session_id: null };
        // Only a guest's token is kept; a customer's stays with the shop's page.
        saveSession(base, own ? { ...s, token: null } : s);
        const cart = await viewCart(base, s).catch(() => null);
        if (cart) {
          setCart(cart);
          setCount(cart.item_count);
        }
        if (!live) return;
        setSession(s);
        if (past?.length) {
          for (const m of past) seen.current.add(`${m.timestamp}|${m.content}`);
          setLines((l) => [
            ...l,
            ...past.map((m, i) => ({
              key: `past-${i}`,
              who:
                m.role === 'user'
                  ? ('customer' as const)
                  : m.agent_name?.startsWith('operator:')
                    ? ('operator' as const)
                    : ('assistant' as const),
              text: m.content,
            })),
          ]);
        }
      } catch (e) {
        setError((e as Error).message);
      }
    })();
    return () => {
      live = false;
    };
  }, [base]);

  // An operator's replies and the conversation's status arrive as they happen.
  useEffect(() => {
    if (!session?.session_id) return;
    const stop = new AbortController();
    void followConversation(
      base,
      session,
      (event) => {
        if (event.type === 'status') {
          setPerson(
            event.data.status === 'handoff' || event.data.status === 'human' ? event.data.status : null,
          );
          return;
        }
        const m = event.data;
        const key = `${m.timestamp}|${m.content}`;
        const fromPerson = m.agent_name?.startsWith('operator:') ?? false;
        if (m.role !== 'assistant' || seen.current.has(key) || !(fromPerson || m.metadata?.notice)) return;
        seen.current.add(key);
        setLines((l) => [
          ...l,
          { key: `ev-${event.id}`, who: fromPerson ? 'operator' : 'assistant', text: m.content },
        ]);
      },
      stop.signal,
    );
    return () => stop.abort();
  }, [base, session?.session_id]);

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView?.({ block: 'end' });
  }, [lines, streamed, typing]);

  async function send(text: string) {
    const message = text.trim();
    if (!message || !session || typing) return;
    setError(null);
    setDraft('');
    setLines((l) => [...l, { key: `me-${l.length}`, who: 'customer', text: message }]);
    setTyping(true);
    setStreamed('');
    try {
      let partial = '';
      const result = await sendTurn(base, session, message, (token, reset) => {
        partial = reset ? '' : partial + token;
        setStreamed(partial);
      });
      if (result.session_id !== session.session_id) {
        const next = { ...session, session_id: result.session_id };
        saveSession(base, options.token ? { ...next, token: null } : next);
        setSession(next);
      }
      setCount(result.cart_items_count);
      if (result.data.cart) setCart(result.data.cart);
      if (result.data.handoff) setPerson(result.data.handoff.status);
      if (result.response)
        setLines((l) => [
          ...l,
          { key: `bot-${l.length}`, who: 'assistant', text: result.response, data: result.data },
        ]);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setTyping(false);
      setStreamed('');
    }
  }

  const last = [...lines].reverse().find((l) => l.who !== 'customer');
  const chips = typing ? [] : chipsFor(last?.data);

  return (
    <div class="chat">
      <header class="bar">
        <h1>Shop assistant</h1>
        <button
          type="button"
          class="cart-button"
          aria-label={`Cart, ${count} item${count === 1 ? '' : 's'}`}
          onClick={() => {
            setCartOpen(true);
            if (session) void viewCart(base, session).then((c) => c && setCart(c));
          }}
        >
          Cart <span class="count">{count}</span>
        </button>
      </header>
      {person && (
        <p class="banner" role="status">
          {person === 'human'
            ? 'A person from the shop is answering you.'
            : 'A person from the shop will reply here.'}
        </p>
      )}
      <div class="messages" ref={list} role="log" aria-live="polite" aria-label="Conversation" tabIndex={0}>
        {lines.map((l) => (
          <div key={l.key} class={`msg ${l.who}`}>
            {l.who === 'operator' && <span class="who">Shop team</span>}
            <p>{l.text}</p>
            {l.data && <Cards data={l.data} base={base} send={(t) => void send(t)} />}
          </div>
        ))}
        {typing && (
          // Not read out word by word: the finished reply joins the log and is announced once.
          <div class="msg assistant" aria-live="off">
            {streamed ? (
              <p>{streamed}</p>
            ) : (
              <p class="typing">
                …<span class="sr-only">The assistant is typing</span>
              </p>
            )}
          </div>
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {chips.length > 0 && (
        <div class="chips" aria-label="Suggestions">
          {chips.map((c) => (
            <button type="button" key={c} onClick={() => void send(c)}>
              {c}
            </button>
          ))}
        </div>
      )}
      <form
        class="composer"
        onSubmit={(e) => {
          e.preventDefault();
          void send(draft);
        }}
      >
        <label class="sr-only" for="chat-input">
          Your message
        </label>
        <input
          id="chat-input"
          value={draft}
          onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
          placeholder="Ask about products, your cart or an order"
          autocomplete="off"
          maxLength={2000}
        />
        <button type="submit" disabled={!session || typing}>
          Send
        </button>
      </form>
      {cartOpen && <CartDrawer cart={cart} close={() => setCartOpen(false)} send={(t) => void send(t)} />}
    </div>
  );
}

/** The shop's chat API as the browser uses it: a guest session, turns streamed over fetch, live events. */

/** One variant's price and units: online (what an order from the chat can take) and everywhere. */
export interface VariantStock {
  color: string | null;
  size: string | null;
  price: number;
  /** What it sold at before a sale; only while it is on one. */
  compare_at_price?: number;
  online: number;
  total: number;
}

/** What the customer asked for, as the card should start: never an option that can't be ordered. */
export interface CardChoice {
  color?: string;
  size?: string;
  /** Asked for but not chosen, and why: the product doesn't come in it, it is sold out, or only in stores. */
  unavailable: { option: 'color' | 'size'; value: string; reason: 'not_made' | 'sold_out' | 'not_online' }[];
}

export interface ProductCard {
  product_id: string;
  name: string;
  brand: string;
  /** The lowest price its variants sell at. */
  price: number;
  compare_at_price?: number;
  /** Its variants sell at different prices: `price` is a "from" price. */
  price_varies: boolean;
  image_url: string;
  category: string;
  colors: string[];
  sizes: string[];
  online_quantity: number;
  total_quantity: number;
  low_stock: boolean;
  variant_stock: VariantStock[];
  preselect?: CardChoice;
  /** What sets this product apart from the rest of the list, when something does. */
  reason?: string;
}

export interface CartLine {
  product_id: string;
  name: string;
  quantity: number;
  price: number;
  color: string | null;
  size: string | null;
}

export interface CartView {
  items: CartLine[];
  subtotal: number;
  item_count: number;
  [key: string]: unknown;
}

export interface OrderView {
  order_id: string;
  status: string;
  total: number;
  items: { name: string; quantity: number }[];
  payment_url?: string | null;
}

export interface TurnData {
  products?: ProductCard[];
  /** One product in detail. */
  product?: ProductCard;
  cart?: CartView;
  order?: OrderView;
  orders?: OrderView[];
  checkout?: { summary: { total: number }; expires_at: string };
  needs?: { product_id: string; missing: ('color' | 'size')[]; colors: string[]; sizes: string[] };
  handoff?: { status: string };
}

export interface TurnResult {
  session_id: string;
  response: string;
  cart_items_count: number;
  data: TurnData;
}

export interface Session {
  user_id: string;
  token: string | null;
  session_id: string | null;
  /** When a guest's token runs out (ISO); null for none. */
  expires_at?: string | null;
}

/** A guest session still good for at least a day more. */
export const usableGuest = (s: Session | null): s is Session =>
  s !== null &&
  s.user_id.startsWith('guest-') &&
  (!s.expires_at || Date.parse(s.expires_at) - Date.now() > 86_400_000);

export interface StoredMessage {
  role: 'user' | 'assistant';
  content: string;
  timestamp: string;
  agent_name: string | null;
  metadata?: Record<string, unknown>;
}

/** One event of a conversation's live stream: a new message, or who answers now. */
export type ConversationEvent =
  | { id: number; type: 'message'; data: StoredMessage }
  | { id: number; type: 'status'; data: { status: string; operator: string | null } };

const KEY = (base: string) => `sales-agent-chat:${base}`;

export function loadSession(base: string): Session | null {
  try {
    const raw = localStorage.getItem(KEY(base));
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(base: string, session: Session): void {
  try {
    localStorage.setItem(KEY(base), JSON.stringify(session));
  } catch {
    // Private mode: the session lasts as long as the page.
  }
}

const headers = (token: string | null) => ({
  'content-type': 'application/json',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

/** A fresh guest: its own user id and (when the shop signs tokens) a token for 30 days. */
export async function guestSession(base: string): Promise<Session> {
  const res = await fetch(`${base}/api/sessions/guest`, {
    method: 'POST',
    headers: headers(null),
    body: '{}',
  });
  if (!res.ok) throw new Error(`Could not start a chat (${res.status}).`);
  const body = (await res.json()) as { user_id: string; token: string | null; expires_at: string | null };
  return { user_id: body.user_id, token: body.token, session_id: null, expires_at: body.expires_at };
}

/** Reads Server-Sent Events from a fetch response body, one callback per event. */
export async function readEvents(
  res: Response,
  onEvent: (event: string, data: string, id: string | null) => void,
  signal?: AbortSignal,
): Promise<void> {
  if (!res.body) return;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  while (!signal?.aborted) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = 'message';
      let id: string | null = null;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
        else if (line.startsWith('id: ')) id = line.slice(4);
      }
      if (data.length > 0) onEvent(event, data.join('\n'), id);
    }
  }
}

/** One turn: streamed tokens as they come, then the whole result. */
export async function sendTurn(
  base: string,
  session: Session,
  message: string,
  onToken: (text: string, reset: boolean) => void,
): Promise<TurnResult> {
  const res = await fetch(`${base}/api/chat/stream`, {
    method: 'POST',
    headers: headers(session.token),
    body: JSON.stringify({
      user_id: session.user_id,
      message,
      channel: 'web',
      ...(session.session_id ? { session_id: session.session_id } : {}),
    }),
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message?: string };
    throw new Error(body.message ?? `The shop did not answer (${res.status}).`);
  }
  let result: TurnResult | null = null;
  let failure: string | null = null;
  await readEvents(res, (event, data) => {
    if (event === 'token') onToken((JSON.parse(data) as { text: string }).text, false);
    else if (event === 'reset') onToken('', true);
    else if (event === 'response') result = JSON.parse(data) as TurnResult;
    else if (event === 'error')
      failure = (JSON.parse(data) as { message?: string }).message ?? 'Something went wrong.';
  });
  if (failure) throw new Error(failure);
  if (!result) throw new Error('The answer was cut off; please try again.');
  return result;
}

/** The wait a refusal asks for (Retry-After; a cross-origin page cannot read it, so 30 s then). */
export const retryAfterMs = (res: Response): number => (Number(res.headers.get('retry-after')) || 30) * 1000;

/** Waits `ms`, or less when `signal` aborts. */
export const pause = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Follows a conversation's live events (an operator's replies, status changes) until aborted,
 * reconnecting from the last event seen.
 */
export async function followConversation(
  base: string,
  session: Session,
  onEvent: (event: ConversationEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  let last = null as string | null;
  while (!signal.aborted && session.session_id) {
    try {
      const res = await fetch(`${base}/api/conversations/${encodeURIComponent(session.session_id)}/events`, {
        headers: last ? { ...headers(session.token), 'last-event-id': last } : headers(session.token),
        signal,
      });
      // Too many of this customer's tabs follow already: this one asks again later, as a tab may close.
      if (res.status === 429) {
        await pause(retryAfterMs(res), signal);
        continue;
      }
      if (!res.ok) return;
      await readEvents(
        res,
        (event, data, id) => {
          if (id) last = id;
          if (event === 'message' || event === 'status') onEvent(JSON.parse(data) as ConversationEvent);
        },
        signal,
      );
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The conversation so far, to show again after a reload; null when it is gone. */
export async function transcript(
  base: string,
  session: Session,
): Promise<StoredMessage[] | null | 'unauthorized'> {
  if (!session.session_id) return null;
  const res = await fetch(`${base}/api/conversations/${encodeURIComponent(session.session_id)}`, {
    headers: headers(session.token),
  });
  // Gone (or never this customer's): start afresh. Refused credentials: the caller renews them.
  if (res.status === 404) return null;
  if (res.status === 401) return 'unauthorized';
  if (!res.ok) throw new Error(`Could not load the conversation (${res.status}); reload to try again.`);
  const body = (await res.json()) as {
    messages?: StoredMessage[];
    conversation?: { messages: StoredMessage[] };
  };
  return body.messages ?? body.conversation?.messages ?? null;
}

/** The customer's cart, as the cart agent sees it. */
export async function viewCart(base: string, session: Session): Promise<CartView | null> {
  const res = await fetch(`${base}/api/cart/operation`, {
    method: 'POST',
    headers: headers(session.token),
    body: JSON.stringify({ action: 'view', user_id: session.user_id }),
  });
  if (!res.ok) return null;
  const body = (await res.json()) as { cart?: CartView };
  return body.cart ?? null;
}

/** On sign-in: the guest's cart joins the signed-in customer's. */
/** True once the shop took the guest's cart into the customer's. */
export async function mergeGuest(base: string, guest: Session, customer: Session): Promise<boolean> {
  const res = await fetch(`${base}/api/sessions/merge`, {
    method: 'POST',
    headers: headers(customer.token),
    body: JSON.stringify({
      user_id: customer.user_id,
      ...(guest.token ? { guest_token: guest.token } : { guest_user_id: guest.user_id }),
    }),
  });
  return res.ok;
}

/** A guest whose cart still waits to join the signed-in customer's (the merge failed last time). */
export function pendingGuest(base: string): Session | null {
  try {
    const raw = localStorage.getItem(`${KEY(base)}:guest`);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function setPendingGuest(base: string, guest: Session | null): void {
  try {
    if (guest) localStorage.setItem(`${KEY(base)}:guest`, JSON.stringify(guest));
    else localStorage.removeItem(`${KEY(base)}:guest`);
  } catch {
    // Private mode: nothing to keep.
  }
}

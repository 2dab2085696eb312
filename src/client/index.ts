import type { z } from 'zod';
import type { CartView } from '../agents/cart/cart-view.js';
import type { Availability } from '../agents/inventory/inventory-agent.js';
import type { LoyaltyQuote, LoyaltyStatus } from '../agents/loyalty/loyalty-agent.js';
import type { ProductDetails, Recommendations } from '../agents/recommendation/recommendation-agent.js';
import type { ConversationLog, Order, Product } from '../domain/types.js';
import type { ConversationResult, ProgressEvent, TurnEvent } from '../engine.js';
import type { ProductQuery } from '../storage/ports.js';
import type { confirmIdentitySchema, linkIdentitySchema } from '../identities/routes.js';
import type {
  cartOperationSchema,
  chatRequestSchema,
  inventoryRequestSchema,
  loyaltyRequestSchema,
  recommendationsRequestSchema,
} from '../http/schemas.js';

export type ChatRequest = z.input<typeof chatRequestSchema>;
export type ChatResponse = ConversationResult;
export type CartOperation = z.input<typeof cartOperationSchema>;
export type RecommendationsRequest = z.input<typeof recommendationsRequestSchema>;
export type InventoryRequest = z.input<typeof inventoryRequestSchema>;
export type LoyaltyRequest = z.input<typeof loyaltyRequestSchema>;
export type LinkIdentityRequest = z.input<typeof linkIdentitySchema>;
export type ConfirmIdentityRequest = z.input<typeof confirmIdentitySchema>;
export interface LinkIdentityResponse {
  user_id: string;
  kind: 'phone' | 'telegram';
  value: string;
  status: 'code_sent' | 'linked';
  channel?: 'sms' | 'whatsapp' | 'telegram';
  expires_at?: string;
}
export type { ProgressEvent, TurnEvent };

export interface CartOperationResult {
  action: CartOperation['action'];
  status: string;
  cart?: CartView;
  order?: Order;
  [key: string]: unknown;
}

/** What `GET /api/products` takes: the catalogue's filters, with the text as `q` and `in_stock` (default true). */
export type ProductSearch = Pick<
  ProductQuery,
  'category' | 'brand' | 'color' | 'size' | 'min_price' | 'max_price' | 'limit'
> & { q?: string; in_stock?: boolean };

export interface Health {
  status: 'healthy' | 'degraded';
  database: string;
  storage: string;
  mistral_client: string;
  understanding: string;
  timestamp: string;
}

export interface SalesAgentClientOptions {
  /** Where the API is, e.g. http://localhost:8000. */
  baseUrl: string;
  /** A customer's or admin's JWT, sent as a bearer token. */
  token?: string;
  /** A server-to-server key, sent as x-api-key. */
  apiKey?: string;
  fetch?: typeof fetch;
  /** Per-request timeout in milliseconds (default 30 s). */
  timeoutMs?: number;
}

/** An error answer from the API: its status, stable code, message and the field at fault. */
export class SalesAgentError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'SalesAgentError';
  }
}

/** A typed client for every endpoint of the sales agent's HTTP API, streaming included. */
export class SalesAgentClient {
  private readonly fetch: typeof fetch;
  private readonly base: string;

  constructor(private readonly options: SalesAgentClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.base = options.baseUrl.replace(/\/$/, '');
  }

  chat(request: ChatRequest): Promise<ChatResponse> {
    return this.call('POST', '/api/chat', request);
  }

  /**
   * One turn over Server-Sent Events: `onEvent` hears each finished step (`progress`), each checked
   * piece of a model-written reply (`token`) and `reset` when that text was replaced; resolves with
   * the answer, whose `response` is the whole reply.
   */
  async chatStream(request: ChatRequest, onEvent?: (event: TurnEvent) => void): Promise<ChatResponse> {
    const response = await this.send('POST', '/api/chat/stream', request);
    if (!response.body) throw new SalesAgentError(response.status, 'NO_BODY', 'The stream had no body.');
    const decoder = new TextDecoder();
    let buffer = '';
    let result: ChatResponse | null = null;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as unknown;
        if (event === 'progress' || event === 'token' || event === 'reset') {
          onEvent?.({ kind: event, ...(data as object) } as TurnEvent);
        } else if (event === 'response') result = data as ChatResponse;
        else if (event === 'error') {
          const e = data as { statusCode: number; error: string; message: string; field?: string };
          throw new SalesAgentError(e.statusCode, e.error, e.message, e.field);
        }
      }
    }
    if (!result) throw new SalesAgentError(502, 'STREAM_ENDED', 'The stream ended without a response.');
    return result;
  }

  cartOperation(operation: CartOperation): Promise<CartOperationResult> {
    return this.call('POST', '/api/cart/operation', operation);
  }

  recommendations(request: RecommendationsRequest): Promise<Recommendations & { user_id: string }> {
    return this.call('POST', '/api/recommendations', request);
  }

  checkInventory(request: InventoryRequest): Promise<Availability> {
    return this.call('POST', '/api/inventory/check', request);
  }

  loyalty(
    request: LoyaltyRequest,
  ): Promise<{ action: string } & (Partial<LoyaltyStatus> & Partial<LoyaltyQuote>)> {
    return this.call('POST', '/api/loyalty/status', request);
  }

  product(productId: string): Promise<ProductDetails> {
    return this.call('GET', `/api/products/${encodeURIComponent(productId)}`);
  }

  searchProducts(search: ProductSearch = {}): Promise<{ count: number; products: Product[] }> {
    const query = new URLSearchParams(
      Object.entries(search)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]): [string, string] => [k, String(v)]),
    );
    return this.call('GET', `/api/products${query.size ? `?${query}` : ''}`);
  }

  conversation(sessionId: string, options: { limit?: number } = {}): Promise<ConversationLog> {
    const limit = options.limit ? `?limit=${options.limit}` : '';
    return this.call('GET', `/api/conversations/${encodeURIComponent(sessionId)}${limit}`);
  }

  /** Sends a code over the channel (or answers `linked` when it already is); confirm it next. */
  linkIdentity(request: LinkIdentityRequest): Promise<LinkIdentityResponse> {
    return this.call('POST', '/api/identities', request);
  }

  confirmIdentity(request: ConfirmIdentityRequest): Promise<LinkIdentityResponse> {
    return this.call('POST', '/api/identities/confirm', request);
  }

  health(): Promise<Health> {
    return this.call('GET', '/health');
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    return (await (await this.send(method, path, body)).json()) as T;
  }

  private async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (this.options.apiKey) headers['x-api-key'] = this.options.apiKey;
    const response = await this.fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
    if (!response.ok) {
      const e = (await response.json().catch(() => ({}))) as {
        error?: string;
        message?: string;
        field?: string;
      };
      throw new SalesAgentError(
        response.status,
        e.error ?? 'HTTP_ERROR',
        e.message ?? response.statusText,
        e.field,
      );
    }
    return response;
  }
}

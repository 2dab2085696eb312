import { AppError } from '../errors.js';

/** Longest an outbound platform call may take before it is abandoned (and not retried). */
export const SEND_TIMEOUT_MS = 10_000;

export type Fetch = typeof fetch;

/** POSTs to a platform API; a non-2xx answer or a timeout becomes a third-party AppError. */
export async function post(
  fetchFn: Fetch,
  url: string,
  init: { headers: Record<string, string>; body: string },
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchFn(url, { method: 'POST', ...init, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
  } catch (error) {
    throw new AppError(
      'CHANNEL_SEND_FAILED',
      `Could not reach ${new URL(url).host}: ${(error as Error).message}`,
      {
        category: 'third_party',
        cause: error,
      },
    );
  }
  const text = await response.text();
  if (!response.ok) {
    throw new AppError('CHANNEL_SEND_FAILED', `${new URL(url).host} answered ${response.status}`, {
      category: 'third_party',
      details: { status: response.status, body: text.slice(0, 500) },
    });
  }
  return text ? (JSON.parse(text) as unknown) : null;
}

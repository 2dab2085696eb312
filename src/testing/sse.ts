/** Splits a Server-Sent Events body into its events, data parsed as JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test payloads are checked by assertions
export function parseSse(body: string): { event: string | undefined; data: any }[] {
  return body
    .trim()
    .split('\n\n')
    .map((block) => ({
      event: /^event: (.*)$/m.exec(block)?.[1],
      data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as unknown,
    }));
}

/** One event read off a live stream: its `id`, `event` and parsed `data`. */
export interface StreamedEvent<T> {
  id: number;
  event: string;
  data: T;
}

/** Reads a live stream until `until` holds (or `ms` pass), then hangs up. */
export async function readSse<T>(
  url: string,
  headers: Record<string, string>,
  until: (events: StreamedEvent<T>[]) => boolean,
  ms = 5_000,
): Promise<{ status: number; events: StreamedEvent<T>[] }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  const response = await fetch(url, { headers, signal: abort.signal });
  const events: StreamedEvent<T>[] = [];
  try {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          block
            .split('\n')
            .find((l) => l.startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim();
        const data = field('data');
        if (data)
          events.push({ id: Number(field('id')), event: field('event')!, data: JSON.parse(data) as T });
      }
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return { status: response.status, events };
}

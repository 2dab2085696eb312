/* eslint-disable @typescript-eslint/no-explicit-any -- raw wire JSON, checked field by field */
import { describe, expect, it } from 'vitest';
import { createFakeMistral } from './fake-mistral.js';

// The other model tests trust this fake; these pin down that it speaks Mistral's wire format.
const fake = createFakeMistral({ apiKey: 'k', chunkDelayMs: 5 });

const completions = (body: object, init: RequestInit = {}) =>
  fake.fetch(`${fake.url}/v1/chat/completions`, {
    ...init,
    method: 'POST',
    headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'mistral-small-latest',
      messages: [{ role: 'user', content: 'hi' }],
      ...body,
    }),
  });

describe('the fake Mistral server', () => {
  it('streams chunks with deltas, usage only on the final chunk, then [DONE]', async () => {
    fake.script({ content: 'one two three' });
    const text = await (await completions({ stream: true })).text();
    const events = text.trim().split('\n\n');
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events
      .slice(0, -1)
      .map((e) => JSON.parse(e.replace(/^data: /, '')) as Record<string, any>);
    expect(text).not.toContain('"usage":null');
    const final = chunks.at(-1)!;
    expect(final.choices[0].finish_reason).toBe('stop');
    expect(final.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: 4 });
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk).not.toHaveProperty('usage');
      expect(chunk.choices[0].finish_reason).toBeNull();
      expect(chunk.object).toBe('chat.completion.chunk');
    }
    expect(chunks.map((c) => c.choices[0].delta.content ?? '').join('')).toBe('one two three');
  });

  it('answers tool calls with nine-character alphanumeric ids', async () => {
    fake.script({ tool_call: { name: 'f', arguments: '{}' } });
    const body = (await (
      await completions({ tools: [{ type: 'function', function: { name: 'f', parameters: {} } }] })
    ).json()) as Record<string, any>;
    expect(body.choices[0].finish_reason).toBe('tool_calls');
    expect(body.choices[0].message.tool_calls[0].id).toMatch(/^[A-Za-z0-9]{9}$/);
  });

  it('sends Retry-After only when told to, and refuses a wrong key', async () => {
    fake.script({ status: 429, retry_after: '7' }, { status: 429 });
    expect((await completions({})).headers.get('retry-after')).toBe('7');
    const plain = await completions({});
    expect(plain.status).toBe(429);
    expect(plain.headers.get('retry-after')).toBeNull();
    const wrong = await fake.fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(wrong.status).toBe(401);
  });

  it('fails like a real fetch when the caller aborts, before the answer or while it streams', async () => {
    fake.script({ content: 'late', delay_ms: 10_000 });
    const early = new AbortController();
    const pending = completions({}, { signal: early.signal });
    early.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });

    fake.script({ content: 'one two three four five six' });
    const late = new AbortController();
    const reader = (await completions({ stream: true }, { signal: late.signal })).body!.getReader();
    await reader.read();
    late.abort();
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});

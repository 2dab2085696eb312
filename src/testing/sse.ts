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

import { createHmac, sign, type KeyObject } from 'node:crypto';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * A compact JWT signed with HS256, for tests: issued at `now` (pass the app's clock when the test has
 * one: tokens are read against it) and expiring `expiresInSeconds` later. Claims in `payload` win,
 * and one given as `undefined` is left out.
 */
export function hs256(payload: object, secret: string, expiresInSeconds = 3600, now = new Date()): string {
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iat: seconds(now), exp: seconds(now) + expiresInSeconds, ...payload })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** A compact JWT signed with RS256 by `key`, naming `kid`, issued at `now` and lasting an hour, for tests. */
export function rs256(payload: object, key: KeyObject, kid: string, now = new Date()): string {
  const body = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64({ iat: seconds(now), exp: seconds(now) + 3600, ...payload })}`;
  return `${body}.${sign('RSA-SHA256', Buffer.from(body), key).toString('base64url')}`;
}

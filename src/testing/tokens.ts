import { createHmac, sign, type KeyObject } from 'node:crypto';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWT signed with HS256, for tests. */
export function hs256(payload: object, secret: string, expiresInSeconds = 3600): string {
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iat: now(), exp: now() + expiresInSeconds, ...payload })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** A compact JWT signed with RS256 by `key`, naming `kid`, for tests. */
export function rs256(payload: object, key: KeyObject, kid: string): string {
  const body = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64({ iat: now(), exp: now() + 3600, ...payload })}`;
  return `${body}.${sign('RSA-SHA256', Buffer.from(body), key).toString('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);

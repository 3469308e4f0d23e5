import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Path segment of the self-check's echo request: `<public base>/scim/v2/_selfcheck/<nonce>`. */
export const SELF_CHECK_SEGMENT = '_selfcheck';

/** What the SCIM listener echoes for a self-check nonce: the path and header as they arrived. */
export interface SelfCheckEcho {
  readonly nonce: string;
  /** The request path as the listener received it (after every proxy on the way). */
  readonly path: string;
  /** Whether the `Authorization` header the check sent arrived unchanged. */
  readonly authorization: 'match' | 'missing' | 'different';
}

/**
 * One-time nonces for the self-check (issue #17). The admin API issues a nonce and a random
 * bearer value; the check calls the public URL with both; the SCIM listener answers a pending
 * nonce once, with what arrived, and forgets it. Nothing here is a secret worth stealing: an
 * unknown or used nonce is an ordinary 404, so the echo endpoint gives nothing to a stranger.
 */
export interface SelfCheckNonces {
  issue(): { nonce: string; bearer: string };
  /** The echo for a pending nonce (consumed), or undefined. */
  answer(nonce: string, path: string, authorization: string | undefined): SelfCheckEcho | undefined;
}

const TTL_MS = 30_000;
const MAX_PENDING = 32;

export function createSelfCheckNonces(now: () => number = Date.now): SelfCheckNonces {
  const pending = new Map<string, { bearer: string; until: number }>();
  const sweep = (t: number): void => {
    for (const [n, p] of pending) if (p.until <= t) pending.delete(n);
  };
  return {
    issue() {
      const t = now();
      sweep(t);
      // A flood of checks cannot grow the map: the oldest pending nonce gives way.
      if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value ?? '');
      const nonce = randomBytes(18).toString('base64url');
      const bearer = `selfcheck-${randomBytes(18).toString('base64url')}`;
      pending.set(nonce, { bearer, until: t + TTL_MS });
      return { nonce, bearer };
    },
    answer(nonce, path, authorization) {
      const p = pending.get(nonce);
      if (!p || p.until <= now()) return undefined;
      pending.delete(nonce);
      const expected = Buffer.from(`Bearer ${p.bearer}`);
      const got = authorization === undefined ? undefined : Buffer.from(authorization);
      const state = got === undefined ? 'missing' : got.length === expected.length && timingSafeEqual(got, expected) ? 'match' : 'different';
      return { nonce, path, authorization: state };
    },
  };
}

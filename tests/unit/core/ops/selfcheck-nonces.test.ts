import { describe, expect, it } from 'vitest';
import { createSelfCheckNonces } from '../../../../main/core/ops/selfcheck-nonces.js';

describe('self-check nonces', () => {
  it('answers a pending nonce once, with the path and whether the bearer arrived unchanged', () => {
    const nonces = createSelfCheckNonces();
    const { nonce, bearer } = nonces.issue();
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(nonces.answer(nonce, `/scim/v2/_selfcheck/${nonce}`, `Bearer ${bearer}`)).toEqual({ nonce, path: `/scim/v2/_selfcheck/${nonce}`, authorization: 'match' });
    expect(nonces.answer(nonce, '/again', `Bearer ${bearer}`)).toBeUndefined();
  });

  it('tells a missing header from a changed one', () => {
    const nonces = createSelfCheckNonces();
    const a = nonces.issue();
    const b = nonces.issue();
    expect(nonces.answer(a.nonce, '/p', undefined)?.authorization).toBe('missing');
    expect(nonces.answer(b.nonce, '/p', 'Basic dXNlcjpwYXNz')?.authorization).toBe('different');
  });

  it('forgets unknown and expired nonces, and keeps at most 32 pending', () => {
    let now = 0;
    const nonces = createSelfCheckNonces(() => now);
    expect(nonces.answer('never-issued-0123456789', '/p', undefined)).toBeUndefined();
    const old = nonces.issue();
    now = 30_001;
    expect(nonces.answer(old.nonce, '/p', undefined)).toBeUndefined();
    const issued = Array.from({ length: 40 }, () => nonces.issue());
    expect(nonces.answer(issued[0]!.nonce, '/p', undefined)).toBeUndefined(); // gave way to newer ones
    expect(nonces.answer(issued[39]!.nonce, '/p', undefined)).toBeDefined();
  });
});

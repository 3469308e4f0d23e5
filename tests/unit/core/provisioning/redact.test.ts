import { describe, expect, it } from 'vitest';
import { redactBody } from '../../../../main/core/provisioning/redact.js';

describe('redactBody', () => {
  it('copies a body with secrets replaced, PATCH password values included', () => {
    const body = { userName: 'a@b.c', password: 'hunter2', Operations: [{ op: 'replace', path: 'password', value: 'x' }, { op: 'replace', path: 'title', value: 'Lead' }] };
    expect(redactBody(body)).toEqual({
      userName: 'a@b.c',
      password: '[redacted]',
      Operations: [{ op: 'replace', path: 'password', value: '[redacted]' }, { op: 'replace', path: 'title', value: 'Lead' }],
    });
  });

  it('keeps bodies just under the limit and summarises larger ones, however the size is made up', () => {
    const under = { note: 'x'.repeat(15_000) };
    expect(redactBody(under)).toEqual(under);
    const long = { note: 'x'.repeat(20_000) };
    expect(redactBody(long)).toEqual({ truncated: true, approxChars: JSON.stringify(long).length });
    const many = { emails: Array.from({ length: 2000 }, (_, i) => ({ value: `u${i}@example.com` })) };
    expect(redactBody(many)).toEqual({ truncated: true, approxChars: JSON.stringify(many).length });
    expect(redactBody(null)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { redactBody, secretNamesOf } from '../../../../main/core/provisioning/redact.js';
import { createSchemaRegistry } from '../../../../main/core/scim/schema-registry.js';

const URN_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('redactBody', () => {
  it('copies a body with secrets replaced, PATCH password values included', () => {
    const body = { userName: 'a@b.c', password: 'hunter2', Operations: [{ op: 'replace', path: 'password', value: 'x' }, { op: 'replace', path: 'title', value: 'Lead' }] };
    expect(redactBody(body)).toEqual({
      userName: 'a@b.c',
      password: '[redacted]',
      Operations: [{ op: 'replace', path: 'password', value: '[redacted]' }, { op: 'replace', path: 'title', value: 'Lead' }],
    });
  });

  it('finds the secrets in the schema: every attribute marked returned "never"', () => {
    const names = secretNamesOf(createSchemaRegistry([{ urn: 'urn:x:2.0:User', name: 'tag' }]));
    expect(names.has('password')).toBe(true);
    expect(names.has('username')).toBe(false);
    expect(names.has('tag')).toBe(false);
  });

  it('redacts the password however the key or PATCH path is spelled', () => {
    const body = {
      ' PassWord\t': 'a',
      [`${URN_USER.toUpperCase()}:password`]: 'b',
      [URN_USER]: { PASSWORD: 'c' },
      Operations: [
        { Op: 'Replace', Path: ' password ', Value: 'd' },
        { OP: 'add', PATH: `${URN_USER}:Password`, VALUE: { value: 'e' } },
        { op: 'add', path: 'password[type eq "f"]', value: 'g' },
        { op: 'add', value: { [`${URN_USER}:password`]: 'h', displayName: 'Kept' } },
        { op: 'add', path: 'emails[type eq "work"].value', value: 'kept@example.com' },
      ],
    };
    const text = JSON.stringify(redactBody(body));
    for (const secret of ['"a"', '"b"', '"c"', '"d"', '"e"', '"f', '"g"', '"h"']) expect(text).not.toContain(secret);
    expect(text).toContain('Kept');
    expect(text).toContain('kept@example.com');
    expect(text).toContain('password[[redacted]]');
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

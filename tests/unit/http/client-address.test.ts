import { describe, expect, it } from 'vitest';
import type { Request } from 'express';
import { clientAddressOf, MAX_CLIENT_ADDRESS_CHARS } from '../../../main/http/scim/client-address.js';

const req = (ip: string | undefined, socket: string | undefined): Request => ({ ip, socket: { remoteAddress: socket } }) as unknown as Request;

describe('clientAddressOf', () => {
  it('uses the socket peer when no proxy hop is trusted, whatever req.ip says', () => {
    expect(clientAddressOf(req('203.0.113.9', '127.0.0.1'), 0)).toBe('127.0.0.1');
  });

  it('uses the forwarded address behind a trusted proxy, IPv4-mapped IPv6 shown as IPv4', () => {
    expect(clientAddressOf(req('203.0.113.9', '10.0.0.1'), 1)).toBe('203.0.113.9');
    expect(clientAddressOf(req('::ffff:203.0.113.9', '10.0.0.1'), 1)).toBe('203.0.113.9');
    expect(clientAddressOf(req('2001:db8::7', '10.0.0.1'), 1)).toBe('2001:db8::7');
    expect(clientAddressOf(req('::ffff:10.0.0.1', '::ffff:10.0.0.1'), 0)).toBe('10.0.0.1');
  });

  it('falls back to the socket peer when the forwarded entry is not an IP address or is too long', () => {
    for (const forged of ['<b>html</b>', 'x'.repeat(8000), '203.0.113.9:443', 'unknown', '', `fe80::1%${'a'.repeat(MAX_CLIENT_ADDRESS_CHARS)}`]) {
      expect(clientAddressOf(req(forged, '10.0.0.1'), 1), forged.slice(0, 20)).toBe('10.0.0.1');
    }
    expect(clientAddressOf(req(undefined, undefined), 1)).toBeNull();
  });
});

import { describe, it, expect } from 'vitest';
import { buildCoreArgs } from '../../../main/electron/core-args.js';

describe('buildCoreArgs', () => {
  it('defaults the data dir to userData', () => {
    expect(buildCoreArgs([], '/home/a/.config/SCIM Desk')).toEqual(['--data-dir', '/home/a/.config/SCIM Desk']);
  });

  it('forwards only the core flags, in both spellings', () => {
    const argv = ['.', '--hidden', '--scim-port', '9000', '--admin-port=9001', '--inspect=9229', '--no-sandbox', '--log-level', 'debug'];
    expect(buildCoreArgs(argv, '/u')).toEqual(['--data-dir', '/u', '--scim-port', '9000', '--admin-port', '9001', '--log-level', 'debug']);
  });

  it('keeps an explicit --data-dir instead of userData', () => {
    expect(buildCoreArgs(['--data-dir', '/srv/scim'], '/u')).toEqual(['--data-dir', '/srv/scim']);
  });

  it('drops a flag whose value is missing', () => {
    expect(buildCoreArgs(['--scim-port', '--hidden'], '/u')).toEqual(['--data-dir', '/u']);
    expect(buildCoreArgs(['--scim-port'], '/u')).toEqual(['--data-dir', '/u']);
  });
});

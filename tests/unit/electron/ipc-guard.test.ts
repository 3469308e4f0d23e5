import { describe, it, expect } from 'vitest';
import { checkIpcRequest, httpOrigin, isCompanionChannel, isTrustedSender } from '../../../main/electron/ipc-guard.js';

const ADMIN = 'http://127.0.0.1:8081';
const mainFrame = (url: string | undefined) => ({ url, isMainFrame: true });

describe('IPC sender check', () => {
  it('accepts the main frame of the admin origin on a companion: channel', () => {
    expect(checkIpcRequest('companion:get-admin-session', mainFrame(`${ADMIN}/settings#token=x`), ADMIN)).toEqual({ ok: true });
  });

  it('refuses a foreign origin', () => {
    for (const url of ['https://evil.example/', 'http://127.0.0.1:8082/', 'http://localhost:8081/', 'http://127.0.0.1:8081.evil.example/']) {
      const verdict = checkIpcRequest('companion:open-external', mainFrame(url), ADMIN);
      expect(verdict.ok, url).toBe(false);
    }
    expect(checkIpcRequest('companion:open-external', mainFrame('https://evil.example/'), ADMIN)).toEqual({
      ok: false,
      reason: 'sender origin https://evil.example is not the admin origin',
    });
  });

  it('refuses an unprefixed channel even from the trusted origin', () => {
    for (const channel of ['open-external', 'companion', 'companion:', 'Companion:open-external', 'xcompanion:open-external']) {
      expect(checkIpcRequest(channel, mainFrame(`${ADMIN}/`), ADMIN).ok, channel).toBe(false);
    }
  });

  it('refuses subframes, opaque origins and a vanished frame', () => {
    expect(checkIpcRequest('companion:open-data-folder', { url: `${ADMIN}/`, isMainFrame: false }, ADMIN).ok).toBe(false);
    expect(checkIpcRequest('companion:open-data-folder', mainFrame('file:///app/index.html'), ADMIN).ok).toBe(false);
    expect(checkIpcRequest('companion:open-data-folder', mainFrame('about:blank'), ADMIN).ok).toBe(false);
    expect(checkIpcRequest('companion:open-data-folder', mainFrame(undefined), ADMIN).ok).toBe(false);
  });

  it('trusts nobody before the core is ready', () => {
    expect(checkIpcRequest('companion:open-data-folder', mainFrame(`${ADMIN}/`), undefined).ok).toBe(false);
    expect(isTrustedSender(mainFrame(`${ADMIN}/`), undefined)).toBe(false);
  });
});

describe('guard helpers', () => {
  it('recognises companion: channels', () => {
    expect(isCompanionChannel('companion:open-data-folder')).toBe(true);
    expect(isCompanionChannel('companion:')).toBe(false);
    expect(isCompanionChannel('ELECTRON_BROWSER_REQUIRE')).toBe(false);
  });

  it('computes http(s) origins and nothing else', () => {
    expect(httpOrigin('http://127.0.0.1:8081/a?b#c')).toBe(ADMIN);
    expect(httpOrigin('HTTP://127.0.0.1:8081/')).toBe(ADMIN);
    expect(httpOrigin('data:text/html,hi')).toBeUndefined();
    expect(httpOrigin('::::')).toBeUndefined();
  });
});

import { describe, it, expect } from 'vitest';
import {
  adminLoginUrl,
  buildWindowOptions,
  decideNavigation,
  decideWindowOpen,
  FALLBACK_CSP,
  hasCspHeader,
  isPermissionAllowed,
  isSafeExternalUrl,
} from '../../../main/electron/window-options.js';

const ADMIN = 'http://127.0.0.1:8081';

describe('buildWindowOptions', () => {
  it('keeps every security flag on, whatever the input', () => {
    const options = buildWindowOptions({ preloadPath: '/app/dist/main/electron/preload.cjs', iconPath: '/app/icon.png' });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/main/electron/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(options.icon).toBe('/app/icon.png');
    expect(options.show).toBe(false);
  });

  it('omits the icon when none is given (exactOptionalPropertyTypes)', () => {
    expect('icon' in buildWindowOptions({ preloadPath: '/p.cjs' })).toBe(false);
  });
});

describe('adminLoginUrl', () => {
  it('puts the token in the fragment of the admin origin, as serve prints it', () => {
    expect(adminLoginUrl('http://127.0.0.1:8081', 'abc_DEF-123')).toBe('http://127.0.0.1:8081/#token=abc_DEF-123');
    expect(adminLoginUrl('http://127.0.0.1:8081/#token=old', 'new')).toBe('http://127.0.0.1:8081/#token=new');
    expect(adminLoginUrl('http://[::1]:8081', 'a+b/c')).toBe('http://[::1]:8081/#token=a%2Bb%2Fc');
  });
});

describe('navigation policy', () => {
  it('allows navigation within the admin origin only', () => {
    expect(decideNavigation(`${ADMIN}/members?x=1#token=abc`, ADMIN)).toBe('allow');
    expect(decideNavigation('http://127.0.0.1:8082/', ADMIN)).toBe('open-external');
    expect(decideNavigation('http://127.0.0.1.evil.example:8081/', ADMIN)).toBe('open-external');
    expect(decideNavigation('http://127.0.0.1:8081.evil.example/', ADMIN)).toBe('deny'); // not even a valid URL
    expect(decideNavigation('https://127.0.0.1:8081/', ADMIN)).toBe('open-external');
  });

  it('sends external web links to the system browser and drops other schemes', () => {
    expect(decideNavigation('https://learn.microsoft.com/entra/', ADMIN)).toBe('open-external');
    expect(decideNavigation('file:///etc/passwd', ADMIN)).toBe('deny');
    expect(decideNavigation('javascript:alert(1)', ADMIN)).toBe('deny');
    expect(decideNavigation('ms-settings:privacy', ADMIN)).toBe('deny');
    expect(decideNavigation('not a url', ADMIN)).toBe('deny');
  });

  it('allows no in-app navigation before the core is ready', () => {
    expect(decideNavigation(`${ADMIN}/`, undefined)).toBe('open-external');
  });

  it('never opens a second window', () => {
    expect(decideWindowOpen(`${ADMIN}/settings`, ADMIN)).toBe('deny');
    expect(decideWindowOpen('https://okta.com/', ADMIN)).toBe('open-external');
    expect(decideWindowOpen('smb://fileserver/share', ADMIN)).toBe('deny');
  });

  it('accepts only http, https and mailto for openExternal', () => {
    expect(isSafeExternalUrl('mailto:it@example.com')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(true);
    expect(isSafeExternalUrl('file:///C:/Windows/system32/calc.exe')).toBe(false);
    expect(isSafeExternalUrl('')).toBe(false);
  });
});

describe('permission policy', () => {
  it('denies permission requests', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(isPermissionAllowed(permission, `${ADMIN}/`, ADMIN)).toBe(false);
    }
  });

  it('allows sanitized clipboard writes from the admin origin only', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', `${ADMIN}/settings`, ADMIN)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', ADMIN)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', undefined, ADMIN)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', `${ADMIN}/`, undefined)).toBe(false);
  });
});

describe('fallback CSP', () => {
  it('is strict: self only, no objects, no framing', () => {
    expect(FALLBACK_CSP).toContain("default-src 'self'");
    expect(FALLBACK_CSP).toContain("script-src 'self'");
    expect(FALLBACK_CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(FALLBACK_CSP).toContain("object-src 'none'");
    expect(FALLBACK_CSP).toContain("frame-ancestors 'none'");
  });

  it('detects a CSP header in any letter case', () => {
    expect(hasCspHeader({ 'content-security-policy': ["default-src 'self'"] })).toBe(true);
    expect(hasCspHeader({ 'Content-Security-Policy': "default-src 'self'" })).toBe(true);
    expect(hasCspHeader({ 'content-type': ['text/html'] })).toBe(false);
    expect(hasCspHeader(undefined)).toBe(false);
  });
});

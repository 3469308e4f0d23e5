import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRotatingLog, redactCoreOutput } from '../../../main/electron/rotating-log.js';

describe('rotating log file', () => {
  it('rotates before exceeding maxBytes and keeps a bounded number of files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scimdesk-log-'));
    try {
      const path = join(dir, 'scim-desk.log');
      const log = createRotatingLog({ path, maxBytes: 100, keep: 2 });
      for (let i = 0; i < 10; i++) log.write(`${String(i).padStart(2, '0')}:${'x'.repeat(36)}\n`); // 40 bytes a line
      log.close();
      log.write('after close is dropped\n');
      expect(readFileSync(path, 'utf8')).toBe(`08:${'x'.repeat(36)}\n09:${'x'.repeat(36)}\n`);
      expect(readFileSync(`${path}.1`, 'utf8').startsWith('06:')).toBe(true);
      expect(readFileSync(`${path}.2`, 'utf8').startsWith('04:')).toBe(true);
      expect(existsSync(`${path}.3`)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('appends to an existing file across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scimdesk-log-'));
    try {
      const path = join(dir, 'scim-desk.log');
      const first = createRotatingLog({ path });
      first.write('one\n');
      first.close();
      const second = createRotatingLog({ path });
      second.write('two\n');
      second.close();
      expect(readFileSync(path, 'utf8')).toBe('one\ntwo\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('redactCoreOutput', () => {
  it('removes the admin token from the core\'s "Admin UI:" line', () => {
    expect(redactCoreOutput('Admin UI: http://127.0.0.1:8081/#token=s3cr3t-t0ken')).toBe('Admin UI: http://127.0.0.1:8081/#token=[redacted]');
    expect(redactCoreOutput('SCIM base URL: http://127.0.0.1:8080/scim/v2')).toBe('SCIM base URL: http://127.0.0.1:8080/scim/v2');
  });
});

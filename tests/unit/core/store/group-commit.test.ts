import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { fsync } from 'node:fs';
import { createGroupCommit } from '../../../../main/core/store/group-commit.js';
import { tempDir } from '../../../helpers/temp-dir.js';

type Callback = (err: NodeJS.ErrnoException | null) => void;
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** A fake fsync whose completions the test releases by hand. */
function manualFsync() {
  const pending: Callback[] = [];
  const fn = ((_fd: number, cb: Callback) => void pending.push(cb)) as unknown as typeof fsync;
  return { fn, pending, release: (err: NodeJS.ErrnoException | null = null) => pending.shift()?.(err) };
}

function walFile(): string {
  const t = tempDir();
  cleanup = t.cleanup;
  const file = join(t.dir, 'x.db-wal');
  writeFileSync(file, '');
  return file;
}

describe('group commit', () => {
  it('really fsyncs the WAL file', async () => {
    const gc = createGroupCommit(walFile());
    await expect(gc.sync()).resolves.toBeUndefined();
    gc.close();
  });

  it('shares one fsync among callers that arrive while one is running (at most one more)', async () => {
    const f = manualFsync();
    const gc = createGroupCommit(walFile(), undefined, f.fn);
    const first = gc.sync();
    const waiting = Array.from({ length: 10 }, () => gc.sync());
    expect(f.pending).toHaveLength(1);
    f.release();
    await first;
    await Promise.resolve();
    // The ten callers may have committed after the first fsync began: they share exactly one more.
    expect(f.pending).toHaveLength(1);
    f.release();
    await Promise.all(waiting);
    expect(f.pending).toHaveLength(0);
    gc.close();
  });

  it('never acknowledges again after an fsync failure, and reports it once', async () => {
    const f = manualFsync();
    const failures: Error[] = [];
    const gc = createGroupCommit(walFile(), (err) => failures.push(err), f.fn);
    const a = gc.sync();
    f.release(Object.assign(new Error('EIO'), { code: 'EIO' }));
    await expect(a).rejects.toThrow(/fsync of .* failed/);
    await expect(gc.sync()).rejects.toThrow(/restart SCIM Desk/);
    expect(f.pending).toHaveLength(0); // a later fsync that "succeeds" could hide lost pages: none is attempted
    expect(failures).toHaveLength(1);
    gc.close();
  });
});

import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/**
 * Write `text` to `file` readable by the owner only (0600), atomically: a fresh temp file created
 * 0600 in the same folder, synced, renamed over `file`, then chmod 0600 to be explicit. Writing in
 * place kept the mode of a file that already existed, so a regenerated admin token inherited an
 * old 0644 (issue #15 item 7); a rename replaces the file, mode and all, and a crash mid-write
 * leaves either the old file or the new one, never half a token.
 */
export function writeOwnerOnly(file: string, text: string): void {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    // 'wx': the temp name must be new, so the 0600 creation mode really applies.
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new Error(`Cannot write ${file}`, { cause: err });
  }
  if (process.platform !== 'win32') chmodSync(file, 0o600);
}

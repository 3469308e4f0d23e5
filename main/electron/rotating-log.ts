/**
 * A size-rotated log file in userData (scim-desk.log, .1, .2 …) that pino can write to, plus the
 * redaction applied to the core's stdout before it lands there. Synchronous writes: the main
 * process logs lifecycle events, not request traffic, and a crash must not lose the last lines.
 * Electron-free on purpose (unit-testable); pino transports are avoided because they start worker
 * threads that do not survive packaging (see CONVENTIONS, logging).
 */
import { closeSync, existsSync, fstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

export interface RotatingLogOptions {
  /** The live file, e.g. <userData>/logs/scim-desk.log. Its folder must exist. */
  readonly path: string;
  /** Rotate before a write would push the file past this size. Default 5 MiB. */
  readonly maxBytes?: number;
  /** Rotated files kept besides the live one. Default 3. */
  readonly keep?: number;
}

/** Something pino (or anything else) can write lines to. */
export interface RotatingLog {
  write(chunk: string): void;
  close(): void;
}

/** Open (append) the log file; rotation happens on write. */
export function createRotatingLog(options: RotatingLogOptions): RotatingLog {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 3;
  let fd: number | undefined = openSync(options.path, 'a', 0o600);
  let size = fstatSync(fd).size;

  const rotate = (): void => {
    if (fd !== undefined) closeSync(fd);
    const oldest = `${options.path}.${keep}`;
    if (existsSync(oldest)) rmSync(oldest);
    for (let n = keep - 1; n >= 1; n--) {
      const from = `${options.path}.${n}`;
      if (existsSync(from)) renameSync(from, `${options.path}.${n + 1}`);
    }
    if (keep >= 1) renameSync(options.path, `${options.path}.1`);
    else rmSync(options.path);
    fd = openSync(options.path, 'a', 0o600);
    size = 0;
  };

  return {
    write(chunk) {
      if (fd === undefined) return; // closed during shutdown: late lines are dropped, not thrown
      const bytes = Buffer.byteLength(chunk);
      if (size > 0 && size + bytes > maxBytes) rotate();
      writeSync(fd, chunk);
      size += bytes;
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** Remove secrets from a line of core output (`Admin UI: …#token=<secret>`) before it is logged. */
export function redactCoreOutput(line: string): string {
  return line.replace(/([#?&](?:token|access_token)=)[^\s&#]+/gi, '$1[redacted]');
}

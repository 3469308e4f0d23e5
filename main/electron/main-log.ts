/**
 * The Electron main process's logger: pino into a rotating file under userData/logs (and stderr
 * too in development). The core's own output is appended to the same file by core-process.ts, so
 * one file tells the whole story when an admin sends it to support. Electron-free on purpose.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { createRotatingLog, type RotatingLog } from './rotating-log.js';

/** Same secrets as the core's logger (main/core/logger.ts): never in a log line. */
const REDACT_PATHS = ['authorization', 'headers.authorization', 'adminToken', 'connectorKey', 'token', 'ready.adminToken'];

export interface MainLog {
  readonly log: Logger;
  /** The raw file, for the core's stdout/stderr lines. */
  readonly file: RotatingLog;
  readonly path: string;
}

/** Open <logDir>/scim-desk.log (rotated at 5 MiB, 3 kept) and a pino logger writing to it. */
export function createMainLog(logDir: string, alsoStderr: boolean): MainLog {
  mkdirSync(logDir, { recursive: true });
  const path = join(logDir, 'scim-desk.log');
  const file = createRotatingLog({ path, maxBytes: 5 * 1024 * 1024, keep: 3 });
  const destination = {
    write(line: string): void {
      file.write(line);
      if (alsoStderr) process.stderr.write(line);
    },
  };
  const log = pino(
    { level: 'info', base: { app: 'scim-desk', proc: 'electron-main' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    destination,
  );
  return { log, file, path };
}

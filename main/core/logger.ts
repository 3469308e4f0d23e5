import pino from 'pino';
import type { Logger, DestinationStream } from 'pino';

export type { Logger };

/** Paths pino blanks out wherever they occur: secrets never reach a log line. */
export const REDACT_PATHS: ReadonlyArray<string> = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'connectorKey',
  'adminToken',
  'password',
  '*.password',
  'token',
];

/** Create the core's logger. Destination defaults to stderr so stdout stays for the URLs scripts read. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, base: { app: 'scim-desk' }, redact: { paths: [...REDACT_PATHS], censor: '[redacted]' } },
    destination ?? pino.destination({ fd: 2, sync: false }),
  );
}

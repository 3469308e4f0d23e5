import type { Response } from 'express';
import { StorageUnavailableError, storageCodeOf } from '../core/errors.js';

/** Headers a handler may have set for the answer being replaced by a failure. */
const ANSWER_HEADERS = ['Content-Length', 'Content-Type', 'ETag', 'Location'];

/** What the client is told when its change could not be made durable and the core restarts. */
const NOT_DURABLE = 'The change could not be made durable; SCIM Desk is restarting. Retry in a moment.';

/**
 * Hold the answer to a write until `durable()` resolves, so a change is acknowledged only once
 * its commit is on disk (group-commit.ts). Both listeners use this one helper with one failure
 * policy: if the change cannot be made durable (the core is about to restart), the client gets a
 * 503 with Retry-After in the listener's error shape (`renderError`, the listener's own error
 * answer, given the storage error or a StorageUnavailableError), or the connection is cut
 * when the headers have already gone.
 */
export function answerWhenDurable(res: Response, durable: () => Promise<void>, renderError: (res: Response, err: unknown) => void): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  let isHeld = true;
  res.end = ((...args: unknown[]) => {
    if (!isHeld) return end(...args);
    isHeld = false;
    durable().then(
      () => end(...args),
      (err: unknown) => {
        if (res.headersSent) return void res.destroy();
        for (const h of ANSWER_HEADERS) res.removeHeader(h);
        // Disk full or read-only: say so (no restart follows). Anything else: the core restarts.
        renderError(res, storageCodeOf(err) !== undefined ? err : new StorageUnavailableError(NOT_DURABLE, { cause: err }));
      },
    );
    return res;
  }) as Response['end'];
}

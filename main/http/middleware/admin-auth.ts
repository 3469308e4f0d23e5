import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AdminError } from '../admin/admin-error.js';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Constant-time comparison of a presented admin token (hashing first equalises lengths). */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * Admin API gate: `Authorization: Bearer <admin token>`. EventSource cannot set headers, so the
 * SSE stream alone may pass the token as `?token=` (loopback only; never logged).
 */
export function adminAuth(token: string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const presented = m?.[1] ?? (req.path === '/log/stream' && typeof req.query.token === 'string' ? req.query.token : undefined);
    if (presented !== undefined && tokenMatches(presented, token)) return next();
    next(new AdminError(401, 'unauthorized', 'Missing or wrong admin token. Open the Admin UI link printed at start-up.'));
  };
}

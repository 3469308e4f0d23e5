import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { FieldError } from '../../../shared/api/errors.js';
import { plainZodError } from '../../../shared/api/plain-errors.js';
import { AdminError } from './admin-error.js';

/** An admin route handler; Express 5 forwards thrown errors and rejected promises to the error middleware. */
export type Handler = (req: Request, res: Response) => void | Promise<void>;

/**
 * Parse request input with a shared schema; a mismatch is a 400 naming each problem, in the message
 * for people and in `fields` (`{ field: 'rows.3.scimPath', message }`) for forms. A problem with the
 * body or query as a whole has no field and is in the message only.
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query'): z.output<T> {
  const r = schema.safeParse(value, { error: plainZodError });
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
  const fields: FieldError[] = r.error.issues.filter((i) => i.path.length > 0).map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
  throw new AdminError(400, 'invalid-request', `The request ${where} is not valid: ${problems.join('; ')}`, { fields });
}

/** The JSON body, `{}` when the request has none (POST endpoints whose fields are all optional). */
export const bodyOf = (req: Request): unknown => (req.body === undefined ? {} : (req.body as unknown));

/** Send a JSON answer after parsing it with its contract schema, so the server never drifts from it. */
export function sendJson<T extends z.ZodType>(res: Response, schema: T, value: z.input<T>, status = 200): void {
  res.status(status).json(schema.parse(value));
}

/** A positive integer id from the path, else 400. */
export function intId(req: Request, what: string): number {
  const raw = strId(req);
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) throw new AdminError(400, 'invalid-id', `"${raw}" is not a valid ${what} id.`);
  return Number(raw);
}

/** The string id from the path. */
export function strId(req: Request): string {
  const id = req.params.id;
  return typeof id === 'string' ? id : '';
}

/**
 * Write a chunk, waiting for the socket to drain when its buffer is full. Resolves false when the
 * client went away, so streaming loops stop instead of waiting for a drain that never comes.
 */
export function writeChunk(res: Response, chunk: string): Promise<boolean> | boolean {
  if (res.destroyed || res.writableEnded) return false;
  if (res.write(chunk)) return true;
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

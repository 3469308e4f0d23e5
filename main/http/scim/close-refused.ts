import type { Request, Response } from 'express';

/** Whether the request announces a body (a non-zero Content-Length, or chunked). */
function declaresBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * A refused request's body is never read. With keep-alive, Node would still wait for all of it
 * before the next request on the connection, so a client dripping a declared body after its 401 held
 * the socket for ~307 s (issue #15). The answer says `Connection: close` instead; Node then ends the
 * socket once the answer is flushed, and if the body is still incoming at that point the socket is
 * destroyed rather than drained.
 */
export function closeAfterRefusal(req: Request, res: Response): void {
  if (!declaresBody(req) || res.headersSent) return;
  res.setHeader('Connection', 'close');
  res.once('finish', () => {
    if (!req.complete) req.socket.destroySoon();
  });
}

import type { IncomingMessage, ServerResponse } from 'node:http';

const PREFIX = '/.well-known/acme-challenge/';
const TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

/** Tokens being validated right now, and their key authorizations (RFC 8555 §8.3). */
export interface ChallengeTokens {
  get(token: string): string | undefined;
}

/**
 * The HTTP-01 listener of automatic TLS (issue #17): the CA fetches
 * `http://<domain>/.well-known/acme-challenge/<token>` and must get the key authorization. It
 * answers that, `/ping` (so the same port can be a health check), and nothing else: a 404 with no
 * body for every other path and method. No SCIM, no admin, no redirect.
 */
export function acmeChallengeHandler(tokens: ChallengeTokens, pingBody: string): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const isRead = req.method === 'GET' || req.method === 'HEAD';
    const answer = (status: number, type?: string, body = ''): void => {
      res.statusCode = status;
      res.setHeader('Cache-Control', 'no-store');
      if (type) res.setHeader('Content-Type', type);
      res.setHeader('Content-Length', Buffer.byteLength(body));
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (isRead && path === '/ping') return answer(200, 'application/json; charset=utf-8', pingBody);
    const token = path.startsWith(PREFIX) ? path.slice(PREFIX.length) : undefined;
    const keyAuthorization = isRead && token !== undefined && TOKEN.test(token) ? tokens.get(token) : undefined;
    if (keyAuthorization !== undefined) return answer(200, 'application/octet-stream', keyAuthorization);
    return answer(404);
  };
}

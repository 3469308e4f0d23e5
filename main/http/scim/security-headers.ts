import type { Request, Response } from 'express';
import helmet from 'helmet';

/** The headers a fixed header middleware (helmet's) sets, captured once from a stand-in response. */
function headersOf(middleware: (req: Request, res: Response, next: (err?: unknown) => void) => void): Array<[string, string]> {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: unknown) => void headers.set(name, String(value)),
    removeHeader: (name: string) => void headers.delete(name),
  } as unknown as Response;
  let isDone = false;
  middleware({ headers: {} } as Request, res, () => (isDone = true));
  if (!isDone) throw new Error('The security header middleware did not complete synchronously.');
  return [...headers];
}

/**
 * The headers that matter for a JSON API (helmet's browser-only extras are off). They never vary,
 * so helmet runs once and the SCIM app copies its headers onto every answer: helmet's own stack of
 * seven middleware layers cost each IdP request more than the headers are worth (lookup profile).
 */
export function scimSecurityHeaders(): ReadonlyArray<readonly [string, string]> {
  return headersOf(
    helmet({
      // An API's policy: nothing may load or frame it (helmet's page defaults are for HTML, and were
      // ~250 bytes of header on every IdP request).
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginResourcePolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    }),
  );
}

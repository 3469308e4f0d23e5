import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import type { HttpGet } from '../core/ops/selfcheck-probes.js';
import { why } from '../core/ops/selfcheck-probes.js';

/**
 * The self-check's HTTP probe (core/ops/selfcheck.ts), here because main/core opens no HTTP
 * connections of its own: start-up hands it to the core.
 */
const MAX_BODY = 64 * 1024;

/** One GET without connection reuse, so its time includes the connection an IdP would open. */
export const probeGet: HttpGet = (url, headers, opts) => {
  return new Promise((done) => {
    const start = performance.now();
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const options = { method: 'GET', headers, agent: false, rejectUnauthorized: !opts.insecure, timeout: opts.timeoutMs, ...(opts.lookup ? { lookup: opts.lookup } : {}) };
    const req = request(url, options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < MAX_BODY) body += chunk;
      });
      res.on('end', () => done({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body, ms: performance.now() - start }));
      res.on('error', (err) => done({ ok: false, error: why(err) }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${opts.timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })));
    req.on('error', (err) => done({ ok: false, error: why(err) }));
    req.end();
  });
};

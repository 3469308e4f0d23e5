import { isPlainObject } from '../scim/resources/user-doc.js';

/** Keys whose values never reach the provisioning log (case-insensitive). */
const SECRET_KEYS = /^(password|secret|token|authorization|connectorkey|admintoken|apikey|clientsecret)$/i;
const MAX_LOGGED_CHARS = 16 * 1024;

/**
 * A copy of a request or response body safe to store in the log: secrets replaced, very large
 * bodies cut to a summary so a hostile request cannot bloat the log table.
 */
export function redactBody(body: unknown, depth = 0): unknown {
  if (depth === 0) {
    if (body === undefined || body === null) return null;
    const text = safeLength(body);
    if (text > MAX_LOGGED_CHARS) return { truncated: true, approxChars: text };
  }
  if (depth > 10) return '[nested too deeply]';
  if (Array.isArray(body)) return body.map((v) => redactBody(v, depth + 1));
  if (isPlainObject(body)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) {
      if (k === '__proto__') continue;
      // PATCH ops carry the attribute in "path": {"path":"password","value":"…"} must hide the value too.
      out[k] = SECRET_KEYS.test(k) || (k === 'value' && typeof body.path === 'string' && SECRET_KEYS.test(body.path)) ? '[redacted]' : redactBody(v, depth + 1);
    }
    return out;
  }
  return body;
}

function safeLength(v: unknown): number {
  try {
    return JSON.stringify(v)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

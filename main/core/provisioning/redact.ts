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
    // A walk that stops at the limit instead of serialising every body just to measure it.
    if (sizeAtLeast(body, MAX_LOGGED_CHARS)) return { truncated: true, approxChars: safeLength(body) };
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

/** True when `v` serialises to at least `limit` characters (counts strings and keys, stops early). */
function sizeAtLeast(v: unknown, limit: number): boolean {
  let left = limit;
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x === 'string') left -= x.length + 3;
    else if (Array.isArray(x)) {
      left -= x.length + 2;
      for (const el of x) stack.push(el);
    } else if (x !== null && typeof x === 'object') {
      for (const [k, el] of Object.entries(x)) {
        left -= k.length + 4;
        stack.push(el);
      }
    } else left -= 6;
    if (left <= 0) return true;
  }
  return false;
}

function safeLength(v: unknown): number {
  try {
    return JSON.stringify(v)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

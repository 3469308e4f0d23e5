import { ADMIN_TOKEN } from './core.js';

/** Calls the admin API directly (test set-up that is not what the test is about). */
export async function adminApi<T = unknown>(adminOrigin: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${adminOrigin}/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

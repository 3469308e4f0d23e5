import type { z } from 'zod';
import { ApiErrorSchema } from '../../../shared/api/errors';
import { useSessionStore } from '../stores/session-store';

/** A failed admin API call, carrying the server's kebab-case code and readable message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra fields of the error envelope (e.g. `index` of the mapping row a 400 is about). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

/** Builds `/api/...?a=b`, dropping empty parameters. */
export function apiPath(path: string, query?: Readonly<Record<string, string | number | boolean | null | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

function authHeader(): Record<string, string> {
  const token = useSessionStore.getState().token;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): report the status, which is what the admin can act on.
    throw new ApiError(res.status, 'bad-response', `The server sent a response that is not JSON (HTTP ${res.status}).`);
  }
}

/**
 * Calls the admin API and parses the answer with the shared zod schema. Every failure becomes an
 * ApiError with a message fit for the screen; a 401 also ends the session.
 */
export async function apiRequest<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.infer<S>> {
  const init: RequestInit = {
    method: options.method ?? 'GET',
    headers: { Accept: 'application/json', ...authHeader(), ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError(0, 'network-error', 'Cannot reach the SCIM Desk core. Check that it is still running.');
  }
  const body = await readJson(res);
  if (!res.ok) {
    if (res.status === 401) useSessionStore.getState().reject();
    const envelope = ApiErrorSchema.safeParse(body);
    if (envelope.success) {
      const { code: _code, message: _message, ...details } = (body as { error: Record<string, unknown> }).error;
      throw new ApiError(res.status, envelope.data.error.code, envelope.data.error.message, details);
    }
    throw new ApiError(res.status, 'http-error', `The request failed with HTTP ${res.status}.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(res.status, 'bad-response', `The server's answer did not match the expected format (${path.split('?')[0]}).`);
  }
  return parsed.data;
}

/** A readable message for anything thrown by a fetch. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Downloads an export (CSV/JSON). Plain links cannot send the Authorization header, so the file is
 * fetched with it and handed to the browser as a blob.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { headers: authHeader() });
  } catch {
    throw new ApiError(0, 'network-error', 'Cannot reach the SCIM Desk core. Check that it is still running.');
  }
  if (!res.ok) {
    if (res.status === 401) useSessionStore.getState().reject();
    const envelope = ApiErrorSchema.safeParse(await readJson(res).catch(() => null));
    throw new ApiError(res.status, envelope.success ? envelope.data.error.code : 'http-error', envelope.success ? envelope.data.error.message : `The export failed with HTTP ${res.status}.`);
  }
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the blob goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

import { API_ROUTES } from '../../../shared/api/routes';
import { ApiErrorSchema, type FieldError } from '../../../shared/api/errors';
import { routeUrl, type AnyRouteInput, type CallableRouteKey, type RouteInput, type RouteOutput, type StreamRouteKey } from '../../../shared/api/route-call';
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
    /** The invalid input values the server named (`{ field: 'rows.3.scimPath', message }`). */
    readonly fields: ReadonlyArray<FieldError> = [],
    /** The whole answer, for the few callers that read more than the envelope (the asset import). */
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** `[input, options]`, the input optional when the route needs none. */
type CallArgs<K extends CallableRouteKey> = object extends RouteInput<K> ? [input?: RouteInput<K>, options?: CallOptions] : [input: RouteInput<K>, options?: CallOptions];

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

/** The ApiError of a failed answer; a 401 also ends the session. */
function failure(res: Response, body: unknown, fallback: string): ApiError {
  if (res.status === 401) useSessionStore.getState().reject();
  const envelope = ApiErrorSchema.safeParse(body);
  if (!envelope.success) return new ApiError(res.status, 'http-error', fallback, {}, [], body);
  const { code, message, fields, ...details } = envelope.data.error;
  return new ApiError(res.status, code, message, details, fields ?? [], body);
}

async function send(url: string, init: RequestInit, signal: AbortSignal | undefined): Promise<Response> {
  try {
    return await fetch(url, signal ? { ...init, signal } : init);
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, 'network-error', 'Cannot reach the SCIM Desk core. Check that it is still running.');
  }
}

/**
 * Calls an admin API route by its key in the route table: path, method, request and answer schema
 * all come from there. The answer is parsed with the route's schema; every failure becomes an
 * ApiError with a message fit for the screen, and a 401 also ends the session.
 */
async function call<K extends CallableRouteKey>(key: K, ...[input, options]: CallArgs<K>): Promise<RouteOutput<K>> {
  const route = API_ROUTES[key];
  const loose: AnyRouteInput = input ?? {};
  const hasBody = loose.body !== undefined;
  const init: RequestInit = {
    method: route.method.toUpperCase(),
    headers: { Accept: 'application/json', ...authHeader(), ...(hasBody ? { 'Content-Type': 'application/json' } : {}) },
    ...(hasBody ? { body: JSON.stringify(loose.body) } : {}),
  };
  const res = await send(routeUrl(key, loose), init, options?.signal);
  const body = await readJson(res);
  if (!res.ok) throw failure(res, body, `The request failed with HTTP ${res.status}.`);
  if (!('response' in route)) return undefined as RouteOutput<K>;
  const parsed = route.response.safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, 'bad-response', `The server's answer did not match the expected format (${route.path}).`);
  return parsed.data as RouteOutput<K>;
}

/** The URL of a streamed route (e.g. the live log's EventSource), built from the route table. */
function url<K extends StreamRouteKey>(key: K, input: RouteInput<K>): string {
  return routeUrl(key, input as AnyRouteInput);
}

/**
 * Downloads an export (CSV/JSON). Plain links cannot send the Authorization header, so the file is
 * fetched with it and handed to the browser as a blob.
 */
async function download<K extends StreamRouteKey>(key: K, input: RouteInput<K>, fallbackName: string): Promise<void> {
  const res = await send(routeUrl(key, input as AnyRouteInput), { headers: authHeader() }, undefined);
  if (!res.ok) throw failure(res, await readJson(res).catch(() => null), `The export failed with HTTP ${res.status}.`);
  const name = /filename="?([^";]+)"?/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
  const blobUrl = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = blobUrl;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the blob goes away.
  window.setTimeout(() => URL.revokeObjectURL(blobUrl), 10_000);
}

/** The admin API client, typed from shared/api/routes.ts: `api.call('patchMember', { params: { id }, body })`. */
export const api = { call, url, download } as const;

/** A readable message for anything thrown by a fetch. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

import type { z } from 'zod';
import { API_ROUTES } from './routes.js';
import type { ApiRouteKey } from './routes.js';

/*
 * What a call of a route-table entry takes and gives, inferred from its zod schemas, plus the one
 * function that turns a route and its inputs into a URL. The GUI's client is built on these, so a
 * path is spelled only in routes.ts.
 */

type Routes = typeof API_ROUTES;

/** `'id'` for `/api/members/{id}`; never for a path without placeholders. */
type PathParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | PathParamNames<Rest> : never;

/** A query value as the client accepts it; `undefined` and `''` are left out of the URL. */
export type QueryValue = string | number | boolean | null | undefined;

type ParamsOf<K extends ApiRouteKey> = [PathParamNames<Routes[K]['path']>] extends [never]
  ? unknown
  : { readonly params: { readonly [N in PathParamNames<Routes[K]['path']>]: string | number } };
type BodyOf<K extends ApiRouteKey> = Routes[K] extends { readonly body: infer B extends z.ZodType } ? { readonly body: z.input<B> } : unknown;
type QueryOf<K extends ApiRouteKey> = Routes[K] extends { readonly query: infer Q extends z.ZodType }
  ? { readonly query?: { readonly [F in keyof z.input<Q>]?: z.input<Q>[F] | null | undefined } }
  : unknown;

/** The inputs of a route: `params` for its `{…}` placeholders, `body` and `query` typed from its schemas. */
export type RouteInput<K extends ApiRouteKey> = ParamsOf<K> & BodyOf<K> & QueryOf<K>;

/** What a route answers once parsed: its response schema's output, or nothing (204). */
export type RouteOutput<K extends ApiRouteKey> = Routes[K] extends { readonly response: infer R extends z.ZodType } ? z.output<R> : undefined;

/** Routes answering JSON or nothing (called and parsed). */
export type CallableRouteKey = { [K in ApiRouteKey]: Routes[K] extends { readonly produces: string } ? never : K }[ApiRouteKey];
/** Routes answering a file or a stream (downloaded or opened by URL). */
export type StreamRouteKey = Exclude<ApiRouteKey, CallableRouteKey>;

/** The loose view of any route's inputs the URL builder works on. */
export interface AnyRouteInput {
  readonly params?: Readonly<Record<string, string | number>>;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
}

function queryString(query: Readonly<Record<string, unknown>>): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw new TypeError(`Query parameter ${key} is not a plain value.`);
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/**
 * The URL of a route: placeholders filled (URI-encoded) from `params`, then the query with empty
 * values dropped. A missing parameter throws: a request to `/api/members/undefined` is a bug.
 */
export function routeUrl(key: ApiRouteKey, input: AnyRouteInput = {}): string {
  const path = API_ROUTES[key].path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = input.params?.[name];
    if (value === undefined || value === '') throw new TypeError(`Route ${key} needs the path parameter "${name}".`);
    return encodeURIComponent(String(value));
  });
  return path + queryString(input.query ?? {});
}

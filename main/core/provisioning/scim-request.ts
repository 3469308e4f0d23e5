/** Per-request facts the SCIM use cases need for resources (base URL) and the provisioning log. */
export interface ScimRequestContext {
  readonly requestId: string;
  readonly client: string;
  /** Caller address (from X-Forwarded-For only when a proxy hop count is configured). */
  readonly clientAddress: string | null;
  readonly method: string;
  readonly path: string;
  /** hrtime at the start of the request, for the logged duration. */
  readonly startNs: bigint;
  /** The `/scim/v2` URL the client used (or the admin's public base URL). */
  readonly baseUrl: string;
  readonly body: unknown;
  readonly attributes: ReadonlyArray<string>;
  readonly excludedAttributes: ReadonlyArray<string>;
  readonly ifMatch: string | undefined;
}

/** What a route sends back. */
export interface ScimOutcome {
  readonly status: number;
  readonly body?: Record<string, unknown>;
  /** `body` already serialised (a write's response is also its log row's): send this text. */
  readonly json?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ListQuery {
  readonly filter: string | undefined;
  readonly startIndex: number;
  readonly count: number;
  readonly sortBy: string | undefined;
  readonly sortOrder: 'ascending' | 'descending';
}

/** Page size when the client gives none, and the cap (ServiceProviderConfig `filter.maxResults`). */
export const DEFAULT_COUNT = 100;
export const MAX_RESULTS = 1000;

import { ScimError } from './scim/errors.js';

/**
 * One error model for the core. Typed errors carry their HTTP status; {@link describeFailure}
 * is the one mapping from anything thrown to a status, a code and words, and it feeds both the
 * wire answer (SCIM: RFC 7644 §3.12 body; admin: `{ error: { code, message } }`) and the
 * provisioning-log row, so the two never disagree.
 */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  constructor(
    readonly status: number,
    /** Kebab-case code of the admin API's error envelope. */
    readonly code: string,
    message: string,
    /** Machine-readable extras added to the admin envelope (e.g. the index of a bad row). */
    readonly details: Readonly<Record<string, unknown>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** The input is well-formed but not acceptable (400). */
export class InvalidInputError extends DomainError {
  override readonly name = 'InvalidInputError';
  constructor(code: string, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(400, code, message, details);
  }
}

/** The addressed thing does not exist (404). */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  constructor(code: string, message: string) {
    super(404, code, message);
  }
}

/** The request conflicts with the current state (409); nothing was changed. */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  constructor(code: string, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(409, code, message, details);
  }
}

/** Storage cannot take writes now (disk full, read-only, a failed fsync): 503, retry later. */
export class StorageUnavailableError extends DomainError {
  override readonly name = 'StorageUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(503, 'storage-unavailable', message, {}, { 'Retry-After': '60' });
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** What a failure means, for the wire and for the log alike. */
export interface Failure {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly scimType: ScimError['scimType'];
  readonly details: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
  /** The database or file system refused (disk full, read-only): a human must act. */
  readonly isStorage: boolean;
}

/** SQLite errors that mean "storage unavailable" rather than a bug: answered 503 so the IdP retries. */
const STORAGE_CODES = /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|PROTOCOL)/;
/** File-system errors with the same meaning, e.g. from the group-commit fsync (wrapped, so also checked on `cause`). */
const FS_CODES = /^(ENOSPC|EDQUOT|EROFS|EIO|EACCES|EPERM)$/;

/** The SQLite or file-system error code that says storage is unavailable, if `err` (or its cause) has one. */
export function storageCodeOf(err: unknown): string | undefined {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (STORAGE_CODES.test(code) || FS_CODES.test(code))) return code;
  }
  return undefined;
}

const STORAGE_MESSAGE = 'SCIM Desk cannot write to its database right now (disk full or read-only). Retry later.';

/** Errors of the HTTP body reader (body-parser), recognised by their `type`. */
const BODY_ERRORS: Readonly<Record<string, { status: number; code: string; scimType?: 'invalidSyntax'; message: string }>> = {
  'entity.parse.failed': { status: 400, code: 'invalid-json', scimType: 'invalidSyntax', message: 'The request body is not valid JSON.' },
  'entity.too.large': { status: 413, code: 'body-too-large', message: 'The request body is too large.' },
  'encoding.unsupported': { status: 415, code: 'unsupported-encoding', message: 'Unsupported request body encoding; send UTF-8 JSON.' },
  'charset.unsupported': { status: 415, code: 'unsupported-encoding', message: 'Unsupported request body encoding; send UTF-8 JSON.' },
};

const failure = (f: Partial<Failure> & Pick<Failure, 'status' | 'code' | 'message'>): Failure => ({ scimType: undefined, details: {}, headers: {}, isStorage: false, ...f });

/** Map anything thrown to a {@link Failure}; unknown errors become a generic 500 (details go to the log only). */
export function describeFailure(err: unknown): Failure {
  if (err instanceof ScimError) return failure({ status: err.status, code: err.scimType ?? `status-${err.status}`, message: err.detail, scimType: err.scimType, headers: err.headers });
  if (err instanceof DomainError) return failure({ status: err.status, code: err.code, message: err.message, details: err.details, headers: err.headers, isStorage: err.status === 503 });
  if (storageCodeOf(err) !== undefined) return failure({ status: 503, code: 'storage-unavailable', message: STORAGE_MESSAGE, headers: { 'Retry-After': '60' }, isStorage: true });
  const e = err as { type?: unknown; status?: unknown };
  const body = typeof e?.type === 'string' ? BODY_ERRORS[e.type] : undefined;
  if (body) return failure(body);
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return failure({ status: e.status, code: 'bad-request', message: 'The request could not be processed.' });
  return failure({ status: 500, code: 'internal-error', message: 'Internal error in SCIM Desk; details are in its application log.' });
}

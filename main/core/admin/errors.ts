/** What kind of refusal a domain error is; the admin app maps it to 400 / 404 / 409. */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict';

/**
 * A refusal raised by the admin domain modules. `code` is the kebab-case code of the admin API's
 * error envelope, `message` is written for the admin, and `details` (e.g. the offending row index)
 * is added to the envelope as extra keys.
 */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** The input is well-formed but not acceptable (400). */
export class InvalidInputError extends DomainError {
  override readonly name = 'InvalidInputError';
  constructor(code: string, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super('invalid', code, message, details);
  }
}

/** The addressed thing does not exist (404). */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  constructor(code: string, message: string) {
    super('not-found', code, message);
  }
}

/** The request conflicts with the current state (409); nothing was changed. */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  constructor(code: string, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super('conflict', code, message, details);
  }
}

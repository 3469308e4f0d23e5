/** The admin use cases' refusals: typed errors carrying their status (see ../errors.ts). */
export { ConflictError, DomainError, InvalidInputError, NotFoundError } from '../errors.js';

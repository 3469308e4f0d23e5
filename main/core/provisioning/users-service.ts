import type { ScimLogDeps } from './scim-log.js';
import { createScimLog } from './scim-log.js';
import { createUserReads } from './user-reads.js';
import type { UserReadDeps } from './user-reads.js';
import { createUserWrites } from './user-writes.js';
import type { UserUseCaseDeps } from './user-writes.js';

export type { ListQuery, ScimOutcome, ScimRequestContext } from './scim-request.js';
export { DEFAULT_COUNT, MAX_RESULTS } from './scim-request.js';

export type UsersServiceDeps = Omit<UserUseCaseDeps, 'log'> & Omit<UserReadDeps, 'log'> & Omit<ScimLogDeps, 'members'>;

/** The SCIM `/Users` use cases: writes (user-writes.ts), reads (user-reads.ts), each logged (scim-log.ts). */
export type UsersService = ReturnType<typeof createUserWrites> & ReturnType<typeof createUserReads>;

export function createUsersService(deps: UsersServiceDeps): UsersService {
  const log = createScimLog({ ...deps, members: deps.members });
  return { ...createUserWrites({ ...deps, log }), ...createUserReads({ ...deps, log }) };
}

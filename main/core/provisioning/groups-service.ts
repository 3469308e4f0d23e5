import type { ScimLogDeps } from './scim-log.js';
import { createScimLog } from './scim-log.js';
import { createGroupReads } from './group-reads.js';
import type { GroupReadDeps } from './group-reads.js';
import { createGroupWrites } from './group-writes.js';
import type { GroupUseCaseDeps } from './group-writes.js';

export type GroupsServiceDeps = Omit<GroupUseCaseDeps, 'log'> & Omit<GroupReadDeps, 'log'> & ScimLogDeps;

/** The SCIM `/Groups` use cases: writes (group-writes.ts), reads (group-reads.ts), each logged (scim-log.ts). */
export type GroupsService = ReturnType<typeof createGroupWrites> & ReturnType<typeof createGroupReads>;

export function createGroupsService(deps: GroupsServiceDeps): GroupsService {
  const log = createScimLog(deps);
  return { ...createGroupWrites({ ...deps, log }), ...createGroupReads({ ...deps, log }) };
}

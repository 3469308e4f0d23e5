import type { FieldChange } from '../../../shared/api/log-events.js';
import type { HistoryRepo } from '../store/history-repo.js';
import type { MemberRow, MembersRepo } from '../store/members-repo.js';
import { MEMBER_COLUMNS } from '../store/member-row.js';

/** One change to a member, from whoever makes it (the IdP, the admin, a role or asset rule). */
export interface MemberChange {
  /** The row as read; none for a new member. */
  readonly prev: MemberRow | undefined;
  /** The row as it should be; `version` and `updated_at` are set here. */
  readonly next: MemberRow;
  /** What changed, in the admin's words (the history change set, the log row). */
  readonly changes: ReadonlyArray<FieldChange>;
  /** History actor: `admin`, `scim:<client>:<request id>`, … */
  readonly actor: string;
  readonly at: string;
}

/**
 * The one path every change to a member takes, so each gets the same bookkeeping:
 * - a new version (the SCIM ETag: what `If-Match` accepts changes with it),
 * - `updated_at`, and only changed columns written (members-repo.ts),
 * - one history change set,
 * - the admin search index, which follows every written row through TEMP triggers on the
 *   connection (member-search-index.ts).
 * A change that alters nothing but timestamps is not written: the IdP re-sends unchanged values
 * every cycle, and those must not bump versions or fill the history.
 */
export interface MemberWriter {
  /** Write one change; call inside `uow.write`. Returns the row as stored (the previous one for a no-op). */
  save(change: MemberChange): MemberRow;
}

/** Columns whose change alone does not make a write: they are stamped on every save. */
const STAMPS: ReadonlySet<keyof MemberRow> = new Set(['version', 'updated_at', 'last_provisioned_at']);
const SUBSTANTIVE = MEMBER_COLUMNS.filter((c) => !STAMPS.has(c));

export const isSameMember = (a: MemberRow, b: MemberRow): boolean => SUBSTANTIVE.every((c) => a[c] === b[c]);

export interface MemberWriterDeps {
  readonly members: Pick<MembersRepo, 'insert' | 'update'>;
  readonly history: Pick<HistoryRepo, 'add'>;
}

export function createMemberWriter(deps: MemberWriterDeps): MemberWriter {
  return {
    save({ prev, next, changes, actor, at }) {
      if (prev && changes.length === 0 && isSameMember(prev, next)) return prev;
      const saved: MemberRow = { ...next, version: prev ? prev.version + 1 : 1, updated_at: at };
      if (prev) deps.members.update(saved, prev);
      else deps.members.insert(saved);
      deps.history.add(saved.id, at, actor, changes);
      return saved;
    },
  };
}

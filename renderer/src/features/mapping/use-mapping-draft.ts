import { useCallback, useMemo, useState } from 'react';
import type { MappingRow } from '../../../../shared/api/mapping';

/** A table row being edited, with a stable key for React. */
export interface DraftRow extends MappingRow {
  readonly uid: number;
}

let nextUid = 1;
const withUid = (rows: ReadonlyArray<MappingRow>): ReadonlyArray<DraftRow> => rows.map((r) => ({ ...r, uid: nextUid++ }));
const strip = (rows: ReadonlyArray<DraftRow>): ReadonlyArray<MappingRow> => rows.map(({ scimPath, target, enabled }) => ({ scimPath, target, enabled }));

/** The editable copy of the mapping table and the operations on it (nothing is saved until save). */
export function useMappingDraft(saved: ReadonlyArray<MappingRow>) {
  const [base, setBase] = useState(saved);
  const [rows, setRows] = useState<ReadonlyArray<DraftRow>>(() => withUid(saved));
  const plain = useMemo(() => strip(rows), [rows]);
  const isDirty = useMemo(() => JSON.stringify(plain) !== JSON.stringify(base), [plain, base]);

  const update = useCallback((uid: number, row: MappingRow) => setRows((rs) => rs.map((r) => (r.uid === uid ? { ...row, uid } : r))), []);
  const add = useCallback((row: MappingRow) => setRows((rs) => [...rs, { ...row, uid: nextUid++ }]), []);
  const remove = useCallback((uid: number) => setRows((rs) => rs.filter((r) => r.uid !== uid)), []);
  const toggle = useCallback((uid: number) => setRows((rs) => rs.map((r) => (r.uid === uid ? { ...r, enabled: !r.enabled } : r))), []);
  const move = useCallback(
    (uid: number, delta: -1 | 1) =>
      setRows((rs) => {
        const i = rs.findIndex((r) => r.uid === uid);
        const j = i + delta;
        const a = rs[i];
        const b = rs[j];
        if (i < 0 || !a || !b) return rs;
        const copy = [...rs];
        copy[i] = b;
        copy[j] = a;
        return copy;
      }),
    [],
  );
  const replaceAll = useCallback((next: ReadonlyArray<MappingRow>) => setRows(withUid(next)), []);
  /** After a save: the server's table becomes the new baseline. */
  const markSaved = useCallback((next: ReadonlyArray<MappingRow>) => {
    setBase(next);
    setRows(withUid(next));
  }, []);
  const discard = useCallback(() => setRows(withUid(base)), [base]);

  return { rows, plain, isDirty, update, add, remove, toggle, move, replaceAll, markSaved, discard };
}

export type MappingDraft = ReturnType<typeof useMappingDraft>;

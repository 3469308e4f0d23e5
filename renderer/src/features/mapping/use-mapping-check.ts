import { useEffect, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import type { MappingRow } from '../../../../shared/api/mapping';
import { checkMappings } from '../../api/mapping-api';

export interface RowProblem {
  readonly index: number;
  readonly field: string;
  readonly message: string;
}

/**
 * The server's verdict on rows as they are typed (debounced): every bad row, not only the first.
 * The server checks paths with the same parser the SCIM path uses, so nothing it would refuse on
 * save passes here. A failed check (core unreachable) reports nothing: Save says what is wrong then.
 */
export function useMappingCheck(rows: ReadonlyArray<Pick<MappingRow, 'scimPath' | 'target'>>, isEnabled = true): { readonly problems: ReadonlyArray<RowProblem>; readonly isChecking: boolean } {
  const key = JSON.stringify(rows.map((r) => [r.scimPath, r.target]));
  const [debounced] = useDebouncedValue(key, 300);
  const [result, setResult] = useState<{ key: string; problems: ReadonlyArray<RowProblem> }>({ key: '', problems: [] });
  useEffect(() => {
    if (!isEnabled) return;
    const controller = new AbortController();
    const parsed = (JSON.parse(debounced) as Array<[string, string]>).map(([scimPath, target]) => ({ scimPath, target }));
    checkMappings(parsed, controller.signal).then(
      (problems) => setResult({ key: debounced, problems }),
      () => setResult({ key: debounced, problems: [] }),
    );
    return () => controller.abort();
  }, [debounced, isEnabled]);
  return { problems: isEnabled && result.key === key ? result.problems : [], isChecking: isEnabled && result.key !== key };
}

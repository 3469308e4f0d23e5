import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { CustomField } from '../../../shared/api/mapping';
import { fieldLabel } from '../lib/field-labels';
import { api } from '../api/http-client';

interface CustomFieldsState {
  readonly fields: ReadonlyArray<CustomField>;
  /** key → label */
  readonly labels: Readonly<Record<string, string>>;
  readonly isLoaded: boolean;
  load(): Promise<void>;
}

let loading: Promise<void> | null = null;

/** The custom fields' labels, so change sets and details show "Badge colour", not `custom:badge`. */
export const useCustomFieldsStore = create<CustomFieldsState>((set) => ({
  fields: [],
  labels: {},
  isLoaded: false,
  load() {
    loading ??= api
      .call('listCustomFields')
      .then((r) => set({ fields: r.fields, labels: Object.fromEntries(r.fields.map((f) => [f.key, f.label])), isLoaded: true }))
      .catch(() => undefined) // Labels fall back to keys; the mapping view reports the failure itself.
      .finally(() => {
        loading = null;
      });
    return loading;
  },
}));

/** `(field) => label`, loading the custom field labels once; the same function until the labels change. */
export function useFieldLabel(): (field: string) => string {
  const labels = useCustomFieldsStore((s) => s.labels);
  const isLoaded = useCustomFieldsStore((s) => s.isLoaded);
  useEffect(() => {
    if (!isLoaded) void useCustomFieldsStore.getState().load();
  }, [isLoaded]);
  return useMemo(() => (field: string) => fieldLabel(field, labels), [labels]);
}

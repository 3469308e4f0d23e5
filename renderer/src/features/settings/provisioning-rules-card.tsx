import { useEffect } from 'react';
import { Button, Card, Group, NumberInput, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import type { Control } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { SettingsSchema, type SettingsView } from '../../../../shared/api/settings';
import { useSettingsStore } from '../../stores/settings-store';
import { applyServerError } from '../../lib/form-errors';

/** The server's limits, said in words on the field; nothing is clamped behind the admin's back (issue #16). */
const FormSchema = SettingsSchema.pick({ deprovisionWithAssets: true }).extend({
  logRetentionDays: z
    .number({ error: 'Enter a number of days.' })
    .int('Enter whole days.')
    .min(1, 'Keep the log at least 1 day.')
    .max(3650, 'Keep the log at most 3,650 days (10 years).'),
  logMaxRows: z
    .number({ error: 'Enter a number of rows.' })
    .int('Enter a whole number of rows.')
    .min(1000, 'Keep at least 1,000 rows.')
    .max(100_000_000, 'Keep at most 100,000,000 rows.'),
  scimRateLimitPerMinute: z
    .number({ error: 'Enter a number of requests, or 0 for no limit.' })
    .int('Enter a whole number.')
    .min(0, 'Enter 0 (no limit) or more.')
    .max(1_000_000, 'Enter at most 1,000,000 requests a minute.'),
});
/** A NumberInput's value as the form keeps it: empty or half-typed is not a number (NaN), never 0 or the minimum. */
const toNumber = (v: number | string): number => (typeof v === 'number' ? v : v.trim() === '' || v === '-' ? Number.NaN : Number(v));
type FormValues = Pick<SettingsView, 'deprovisionWithAssets' | 'logRetentionDays' | 'logMaxRows' | 'scimRateLimitPerMinute'>;

function pick(view: SettingsView): FormValues {
  return { deprovisionWithAssets: view.deprovisionWithAssets, logRetentionDays: view.logRetentionDays, logMaxRows: view.logMaxRows, scimRateLimitPerMinute: view.scimRateLimitPerMinute };
}

/** Deprovisioning with assets, log retention (age and size) and rate limit. */
export function ProvisioningRulesCard({ view }: { readonly view: SettingsView }) {
  const save = useSettingsStore((s) => s.save);
  const { control, handleSubmit, formState, reset, setError } = useForm<FormValues>({ resolver: zodResolver(FormSchema), defaultValues: pick(view), mode: 'onChange' });
  useEffect(() => reset(pick(view)), [view, reset]);
  const onSubmit = handleSubmit(async (values) => {
    try {
      await save(values);
      notifications.show({ color: 'teal', message: 'Provisioning rules saved.' });
    } catch (error) {
      applyServerError(error, setError, ['logRetentionDays', 'logMaxRows', 'scimRateLimitPerMinute', 'deprovisionWithAssets']);
    }
  });
  return (
    <Card withBorder padding="md">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <Stack gap="sm">
          <Text fw={600}>Provisioning rules</Text>
          <Controller
            control={control}
            name="deprovisionWithAssets"
            render={({ field }) => (
              <Radio.Group label="When the IdP deactivates a member who still holds assets" value={field.value} onChange={field.onChange}>
                <Stack gap={6} mt={6}>
                  <Radio value="refuse" label="Refuse the deactivation" description="The IdP gets an error naming the assets and retries later; check the assets in first." />
                  <Radio value="deactivate-and-flag" label="Deactivate anyway and flag as a leaver holding assets" description="The member is deactivated and listed as a leaver to chase." />
                </Stack>
              </Radio.Group>
            )}
          />
          <Group grow align="flex-start">
            <NumberField control={control} name="logRetentionDays" label="Log retention (days)" description="Older provisioning log rows are removed." />
            <NumberField control={control} name="logMaxRows" label="Log size limit (rows)" description="The oldest rows beyond it are removed, whatever their age." isCount />
            <NumberField
              control={control}
              name="scimRateLimitPerMinute"
              isCount
              label="SCIM rate limit (requests per minute)"
              description="0 = unlimited. Entra ID and Okta slow down on HTTP 429."
            />
          </Group>
          {formState.errors.root?.server ? (
            <Text size="sm" c="red" role="alert">
              {formState.errors.root.server.message}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={formState.isSubmitting} disabled={!formState.isDirty}>
              Save rules
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

type NumberName = 'logRetentionDays' | 'logMaxRows' | 'scimRateLimitPerMinute';

/**
 * A number setting with its description under the input and the error on the field. The limits are
 * the form schema's, said in words; nothing is clamped behind the admin's back (issue #16).
 */
function NumberField(props: {
  readonly control: Control<FormValues>;
  readonly name: NumberName;
  readonly label: string;
  readonly description: string;
  /** Thousands separators for counts (rows, requests); days are typed and shown plain. */
  readonly isCount?: boolean;
}) {
  const { control, name, isCount, ...input } = props;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <NumberInput
          {...input}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          clampBehavior="none"
          allowDecimal={false}
          value={Number.isNaN(field.value) ? '' : field.value}
          onChange={(v) => field.onChange(toNumber(v))}
          error={fieldState.error?.message}
          {...(isCount ? { thousandSeparator: ',' } : {})}
        />
      )}
    />
  );
}

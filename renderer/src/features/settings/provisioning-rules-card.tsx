import { useEffect } from 'react';
import { Button, Card, Group, NumberInput, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import type { Control } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { SettingsSchema, type SettingsView } from '../../../../shared/api/settings';
import { useSettingsStore } from '../../stores/settings-store';
import { applyServerError } from '../../lib/form-errors';

const FormSchema = SettingsSchema.pick({ deprovisionWithAssets: true, logRetentionDays: true, logMaxRows: true, scimRateLimitPerMinute: true });
type FormValues = Pick<SettingsView, 'deprovisionWithAssets' | 'logRetentionDays' | 'logMaxRows' | 'scimRateLimitPerMinute'>;

function pick(view: SettingsView): FormValues {
  return { deprovisionWithAssets: view.deprovisionWithAssets, logRetentionDays: view.logRetentionDays, logMaxRows: view.logMaxRows, scimRateLimitPerMinute: view.scimRateLimitPerMinute };
}

/** Deprovisioning with assets, log retention (age and size) and rate limit. */
export function ProvisioningRulesCard({ view }: { readonly view: SettingsView }) {
  const save = useSettingsStore((s) => s.save);
  const { control, handleSubmit, formState, reset, setError } = useForm<FormValues>({ resolver: zodResolver(FormSchema), defaultValues: pick(view) });
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
            <NumberField control={control} name="logRetentionDays" label="Log retention (days)" description="Older provisioning log rows are removed." min={1} max={3650} />
            <NumberField
              control={control}
              name="logMaxRows"
              label="Log size limit (rows)"
              description="The oldest rows beyond it are removed, whatever their age."
              min={1000}
              max={100_000_000}
            />
            <NumberField
              control={control}
              name="scimRateLimitPerMinute"
              label="SCIM rate limit (requests per minute)"
              description="0 = unlimited. Entra ID and Okta slow down on HTTP 429."
              min={0}
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

/** A number setting with its description under the input and the server's error on the field. */
function NumberField(props: {
  readonly control: Control<FormValues>;
  readonly name: NumberName;
  readonly label: string;
  readonly description: string;
  readonly min: number;
  readonly max?: number;
}) {
  const { control, name, ...input } = props;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <NumberInput
          {...input}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          value={field.value}
          onChange={(v) => field.onChange(Number(v))}
          error={fieldState.error?.message}
          thousandSeparator=","
        />
      )}
    />
  );
}

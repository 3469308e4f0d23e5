import { z } from 'zod';

/** GET /api/metrics/token: whether `/metrics` is on (it is off until a token exists). */
export const MetricsTokenInfoSchema = z.object({ hasToken: z.boolean(), createdAt: z.string().nullable() });
export type MetricsTokenInfo = z.infer<typeof MetricsTokenInfoSchema>;

/** POST /api/metrics/token: the new token, in this answer only. */
export const MetricsTokenCreatedSchema = z.object({ metricsToken: z.string(), createdAt: z.string() });
export type MetricsTokenCreated = z.infer<typeof MetricsTokenCreatedSchema>;

/** The self-check's steps, in the order they run. */
export const SELF_CHECK_STEPS = ['dns', 'tls', 'reach', 'auth', 'path', 'rtt'] as const;
export const SelfCheckStepIdSchema = z.enum(SELF_CHECK_STEPS);
export type SelfCheckStepId = z.infer<typeof SelfCheckStepIdSchema>;

/** A fix in words, and where it helps, the proxy configuration that makes it. */
export const SelfCheckFixSchema = z.object({
  text: z.string(),
  /** Configuration lines for `configFor` (nginx unless the answer came from Caddy or Cloudflare). */
  config: z.string().nullable(),
  configFor: z.enum(['nginx', 'caddy', 'cloudflared']).nullable(),
});
export type SelfCheckFix = z.infer<typeof SelfCheckFixSchema>;

export const SelfCheckStepSchema = z.object({
  id: SelfCheckStepIdSchema,
  /** What the step checks, for people. */
  label: z.string(),
  ok: z.boolean(),
  /** Not run, because an earlier step failed in a way that leaves nothing to check. */
  skipped: z.boolean(),
  detail: z.string(),
  fix: SelfCheckFixSchema.nullable(),
});
export type SelfCheckStep = z.infer<typeof SelfCheckStepSchema>;

/** POST /api/selfcheck: the public base URL, called from this box, step by step. */
export const SelfCheckResultSchema = z.object({
  ok: z.boolean(),
  /** The URL that was checked (`…/scim/v2`). */
  url: z.string(),
  checkedAt: z.string(),
  steps: z.array(SelfCheckStepSchema),
});
export type SelfCheckResult = z.infer<typeof SelfCheckResultSchema>;

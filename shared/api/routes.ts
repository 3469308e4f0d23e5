import { z } from 'zod';
import {
  AcknowledgeRequestSchema,
  ApplyRoleRequestSchema,
  ApplyRoleResultSchema,
  DismissProblemSchema,
  ReviewChangesPageSchema,
  ReviewChangesQuerySchema,
  ReviewGroupsPageSchema,
  ReviewGroupsQuerySchema,
  ReviewProblemsPageSchema,
  ReviewProblemsQuerySchema,
  ReviewSummarySchema,
} from './refresh.js';
import { AssetImportRequestSchema, AssetImportResultSchema, AssetInputSchema, AssetListSchema, AssetSchema, CheckoutRequestSchema, RetireAssetRequestSchema } from './assets.js';
import { HealthSchema } from './health.js';
import { LOG_OPERATIONS, LogDetailSchema, LogPageSchema, LogResultSchema } from './log-events.js';
import { CustomFieldRenameSchema, CustomFieldSchema, CustomFieldUsageSchema, MapAttributeRequestSchema, MappingCheckRequestSchema, MappingCheckSchema, MappingPreviewRequestSchema, MappingPreviewSchema, MappingTableSchema, UnmappedAttributeListSchema } from './mapping.js';
import { GroupDetailSchema, GroupListSchema } from './groups.js';
import { MemberDetailSchema, MemberListQuerySchema, MemberPageSchema, MemberPatchSchema } from './members.js';
import { RoleInputSchema, RoleListSchema, RolePatchSchema, RoleSchema } from './roles.js';
import { RotateKeyRequestSchema, RotateKeyResponseSchema, SettingsPatchSchema, SettingsViewSchema } from './settings.js';
import { MetricsTokenCreatedSchema, MetricsTokenInfoSchema, SelfCheckResultSchema } from './ops.js';
import { TlsStatusSchema } from './tls.js';

/*
 * The admin API's route table: one entry per endpoint with its request and response schemas.
 * The server registers exactly these routes (a handler per key is required at compile time) and
 * generates /api/openapi.json from them; the GUI's client (renderer/src/api/http-client.ts) calls
 * them by key, so a path, method or answer schema is written here only.
 */

/** GET /api/custom-fields. */
export const CustomFieldListSchema = z.object({ fields: z.array(CustomFieldSchema) });

/** POST /api/mappings/apply?dryRun=true counts the members that would change without writing. */
export const MappingApplyQuerySchema = z.object({ dryRun: z.enum(['true', 'false']).default('false') });
export const MappingApplyResultSchema = z.object({
  /** Members whose derived fields differ from the stored ones (changed, or would change on a dry run). */
  changed: z.number().int(),
  /** Members re-derived (every IdP-provisioned member). */
  total: z.number().int(),
  dryRun: z.boolean(),
});
export type MappingApplyResult = z.infer<typeof MappingApplyResultSchema>;

const isoTime = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'Use an ISO 8601 date-time, e.g. 2026-11-28T09:00:00Z');
const operationList = z
  .string()
  .max(400)
  .refine((s) => s.split(',').every((op) => (LOG_OPERATIONS as ReadonlyArray<string>).includes(op.trim())), `Operations are a comma-separated list of ${LOG_OPERATIONS.join(', ')}`);

/** GET /api/log query. `operation` may list several (comma-separated); `member` is a member id or a userName. */
export const LogQuerySchema = z.object({
  since: isoTime.optional(),
  until: isoTime.optional(),
  operation: operationList.optional(),
  result: LogResultSchema.optional(),
  member: z.string().min(1).max(300).optional(),
  client: z.string().min(1).max(100).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type LogQuery = z.infer<typeof LogQuerySchema>;

/** GET /api/log/export: the same filters, every matching row (newest first). */
export const LogExportQuerySchema = LogQuerySchema.omit({ cursor: true, limit: true }).extend({ format: z.enum(['csv', 'json']).default('csv') });
export type LogExportQuery = z.infer<typeof LogExportQuerySchema>;

/** GET /api/log/stream: `since` is a log row id (like Last-Event-ID); `token` because EventSource cannot send headers. */
export const LogStreamQuerySchema = z.object({ since: z.string().regex(/^\d+$/).optional(), token: z.string().optional() });

/** GET /api/members/export.csv: the member-list filters, without paging. */
export const MemberExportQuerySchema = MemberListQuerySchema.omit({ cursor: true, limit: true });

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface ApiRouteBase {
  readonly method: HttpMethod;
  /** OpenAPI-style path (`/api/members/{id}`). */
  readonly path: string;
  readonly summary: string;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
}

/**
 * One admin endpoint. Every route says what it answers: a JSON body with its schema, no body (204),
 * or a non-JSON media type; a route without an answer contract does not compile.
 */
export type ApiRoute = ApiRouteBase &
  (
    | {
        /** JSON answer, parsed by the server before sending and by the GUI on receipt. */
        readonly response: z.ZodType;
        /** Success status (default 200). */
        readonly status?: 200 | 201;
        readonly produces?: never;
      }
    | { readonly status: 204; readonly response?: never; readonly produces?: never }
    | {
        /** Media type of a non-JSON answer. */
        readonly produces: 'text/csv' | 'text/event-stream' | 'text/csv, application/json';
        readonly response?: never;
        readonly status?: never;
      }
  );

/** GET /api/openapi.json: an OpenAPI 3.1 document; the parts a client relies on are checked. */
export const OpenApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.looseObject({ operationId: z.string(), summary: z.string() }))),
});

/** Every admin endpoint, in registration order (literal paths before `{id}` ones). */
export const API_ROUTES = {
  getHealth: { method: 'get', path: '/api/health', summary: 'Status for the badge, tray and connection card', response: HealthSchema },
  getSettings: { method: 'get', path: '/api/settings', summary: 'Settings plus the Tenant URL and connector-key facts', response: SettingsViewSchema },
  putSettings: { method: 'put', path: '/api/settings', summary: 'Change any subset of the settings', body: SettingsPatchSchema, response: SettingsViewSchema },
  rotateConnectorKey: {
    method: 'post',
    path: '/api/scim/connector-key',
    summary: 'Generate a new connector key (returned once); optionally keep the previous one valid for a grace period',
    body: RotateKeyRequestSchema,
    response: RotateKeyResponseSchema,
  },
  getMetricsToken: { method: 'get', path: '/api/metrics/token', summary: 'Whether GET /metrics on the SCIM listener is on (it needs a metrics token)', response: MetricsTokenInfoSchema },
  createMetricsToken: {
    method: 'post',
    path: '/api/metrics/token',
    summary: 'Generate a new metrics token (returned once) for Prometheus; the previous one stops working',
    response: MetricsTokenCreatedSchema,
  },
  runSelfCheck: {
    method: 'post',
    path: '/api/selfcheck',
    summary: 'Call the public base URL from this box and check DNS, TLS, reachability, the Authorization header, the path and the round-trip time',
    response: SelfCheckResultSchema,
  },
  getTls: { method: 'get', path: '/api/tls', summary: 'How the SCIM listener does TLS: certificate, automatic renewal (ACME) and its last failure', response: TlsStatusSchema },
  listRoles: { method: 'get', path: '/api/roles', summary: 'Roles with their member counts', response: RoleListSchema },
  createRole: { method: 'post', path: '/api/roles', summary: 'Create a custom role', body: RoleInputSchema, response: RoleSchema, status: 201 },
  renameRole: { method: 'put', path: '/api/roles/{id}', summary: 'Rename a custom role', body: RoleInputSchema, response: RoleSchema },
  patchRole: {
    method: 'patch',
    path: '/api/roles/{id}',
    summary: "Change a role's name, the IdP groups that grant it, or its place in the order; members' roles are decided again",
    body: RolePatchSchema,
    response: RoleSchema,
  },
  deleteRole: { method: 'delete', path: '/api/roles/{id}', summary: 'Delete an unused custom role', status: 204 },
  getMappings: { method: 'get', path: '/api/mappings', summary: 'The attribute-mapping table', response: MappingTableSchema },
  putMappings: { method: 'put', path: '/api/mappings', summary: 'Replace the whole mapping table', body: MappingTableSchema, response: MappingTableSchema },
  checkMappings: {
    method: 'post',
    path: '/api/mappings/check',
    summary: 'Every bad row of a draft mapping table, in words; writes nothing',
    body: MappingCheckRequestSchema,
    response: MappingCheckSchema,
  },
  previewMapping: {
    method: 'post',
    path: '/api/mappings/preview',
    summary: 'Member fields and role a SCIM user would produce (optionally with unsaved rows); writes nothing',
    body: MappingPreviewRequestSchema,
    response: MappingPreviewSchema,
  },
  applyMapping: {
    method: 'post',
    path: '/api/mappings/apply',
    summary: "Re-derive every IdP member's fields from the stored SCIM resource in one transaction",
    query: MappingApplyQuerySchema,
    response: MappingApplyResultSchema,
  },
  listUnmappedAttributes: {
    method: 'get',
    path: '/api/mappings/unmapped',
    summary: 'Attributes the IdP sends that no mapping row reads, with how many members carry each',
    response: UnmappedAttributeListSchema,
  },
  mapAttribute: {
    method: 'post',
    path: '/api/mappings/rows',
    summary: 'Add a mapping row for one attribute, to an existing field or a new custom field',
    body: MapAttributeRequestSchema,
    response: MappingTableSchema,
    status: 201,
  },
  listCustomFields: { method: 'get', path: '/api/custom-fields', summary: 'Admin-defined custom fields', response: CustomFieldListSchema },
  createCustomField: { method: 'post', path: '/api/custom-fields', summary: 'Create a custom field (labels are unique)', body: CustomFieldSchema, response: CustomFieldSchema, status: 201 },
  getCustomFieldUsage: {
    method: 'get',
    path: '/api/custom-fields/{key}/usage',
    summary: 'How many members hold a value and which mapping rows feed a custom field',
    response: CustomFieldUsageSchema,
  },
  renameCustomField: { method: 'put', path: '/api/custom-fields/{key}', summary: 'Rename a custom field (its label)', body: CustomFieldRenameSchema, response: CustomFieldSchema },
  deleteCustomField: { method: 'delete', path: '/api/custom-fields/{key}', summary: 'Delete a custom field no mapping row feeds', status: 204 },
  listMembers: { method: 'get', path: '/api/members', summary: 'Members, filtered and sorted, keyset-paginated', query: MemberListQuerySchema, response: MemberPageSchema },
  exportMembers: { method: 'get', path: '/api/members/export.csv', summary: 'Members as CSV (the list filters apply)', query: MemberExportQuerySchema, produces: 'text/csv' },
  getMember: { method: 'get', path: '/api/members/{id}', summary: 'Member detail: fields, SCIM resource, held assets, history', response: MemberDetailSchema },
  patchMember: { method: 'patch', path: '/api/members/{id}', summary: 'Change role, role lock or active', body: MemberPatchSchema, response: MemberDetailSchema },
  deleteMember: { method: 'delete', path: '/api/members/{id}', summary: 'Delete a member (refused when it holds assets or has checkout history)', status: 204 },
  listGroups: { method: 'get', path: '/api/groups', summary: 'IdP groups with member counts and the roles they give', response: GroupListSchema },
  getGroup: { method: 'get', path: '/api/groups/{id}', summary: 'One IdP group with its members', response: GroupDetailSchema },
  listAssets: { method: 'get', path: '/api/assets', summary: 'Assets with their current holder', response: AssetListSchema },
  createAsset: { method: 'post', path: '/api/assets', summary: 'Register an asset', body: AssetInputSchema, response: AssetSchema, status: 201 },
  importAssets: {
    method: 'post',
    path: '/api/assets/import',
    summary: 'Import assets from CSV; any bad row rejects the whole file (400 with per-row errors)',
    body: AssetImportRequestSchema,
    response: AssetImportResultSchema,
  },
  updateAsset: { method: 'put', path: '/api/assets/{id}', summary: 'Correct an asset (tag, name, category, serial number, notes)', body: AssetInputSchema, response: AssetSchema },
  deleteAsset: { method: 'delete', path: '/api/assets/{id}', summary: 'Delete an asset that was never checked out', status: 204 },
  retireAsset: {
    method: 'post',
    path: '/api/assets/{id}/retire',
    summary: 'Retire an asset (kept with its history) or return it to service',
    body: RetireAssetRequestSchema,
    response: AssetSchema,
  },
  checkoutAsset: { method: 'post', path: '/api/assets/{id}/checkout', summary: 'Check an asset out to an active member', body: CheckoutRequestSchema, response: AssetSchema },
  checkinAsset: { method: 'post', path: '/api/assets/{id}/checkin', summary: 'Check an asset back in', response: AssetSchema },
  listLog: { method: 'get', path: '/api/log', summary: 'Provisioning log, newest first, keyset-paginated', query: LogQuerySchema, response: LogPageSchema },
  exportLog: { method: 'get', path: '/api/log/export', summary: 'Provisioning log as CSV or JSON (streamed)', query: LogExportQuerySchema, produces: 'text/csv, application/json' },
  streamLog: {
    method: 'get',
    path: '/api/log/stream',
    summary: 'Server-Sent Events: one event per new log row (id = row id); resumable with Last-Event-ID or ?since=',
    query: LogStreamQuerySchema,
    produces: 'text/event-stream',
  },
  getLogRow: { method: 'get', path: '/api/log/{id}', summary: 'One log row with redacted bodies and a recommended action', response: LogDetailSchema },
  getReview: { method: 'get', path: '/api/review', summary: 'Sync review summary: counts of changes per kind, open problems, notices', response: ReviewSummarySchema },
  listReviewChanges: {
    method: 'get',
    path: '/api/review/changes',
    summary: 'Net member changes since the last acknowledged review, newest first, keyset-paginated',
    query: ReviewChangesQuerySchema,
    response: ReviewChangesPageSchema,
  },
  listReviewGroups: {
    method: 'get',
    path: '/api/review/groups',
    summary: 'Net IdP group changes since the last acknowledged review, newest first, keyset-paginated',
    query: ReviewGroupsQuerySchema,
    response: ReviewGroupsPageSchema,
  },
  listReviewProblems: {
    method: 'get',
    path: '/api/review/problems',
    summary: 'Open problems (refusals, role fallbacks), newest first, keyset-paginated',
    query: ReviewProblemsQuerySchema,
    response: ReviewProblemsPageSchema,
  },
  acknowledgeReview: {
    method: 'post',
    path: '/api/review/acknowledge',
    summary: 'Mark the review up to toLogId as done (open problems stay open)',
    body: AcknowledgeRequestSchema,
    response: ReviewSummarySchema,
  },
  applyReviewRole: {
    method: 'post',
    path: '/api/review/roles/apply',
    summary: 'Give an existing role to the members who fell back from it',
    body: ApplyRoleRequestSchema,
    response: ApplyRoleResultSchema,
  },
  dismissReviewProblem: { method: 'post', path: '/api/review/problems/{id}/dismiss', summary: 'Close an open problem with a reason', body: DismissProblemSchema, status: 204 },
  deactivateReviewProblem: {
    method: 'post',
    path: '/api/review/problems/{id}/deactivate',
    summary: 'Blocked deactivation: deactivate the member anyway and flag it as a leaver holding assets',
    status: 204,
  },
  getOpenApi: { method: 'get', path: '/api/openapi.json', summary: 'This document', response: OpenApiDocumentSchema },
} as const satisfies Record<string, ApiRoute>;

export type ApiRouteKey = keyof typeof API_ROUTES;

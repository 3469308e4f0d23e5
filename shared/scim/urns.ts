/** SCIM schema and message URNs (RFC 7643 §8.7, RFC 7644 §3). Constants only: shared by core and renderer. */
export const URN_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const URN_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const URN_ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const URN_LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const URN_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const URN_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const URN_SERVICE_PROVIDER_CONFIG = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const URN_RESOURCE_TYPE = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const URN_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

/** Media type every SCIM response carries (RFC 7644 §3.1, Entra "General" requirement). */
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** Error `scimType` values defined by RFC 7644 §3.12 (table 9). */
export type ScimErrorType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

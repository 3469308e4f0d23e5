/** The parts of a log row the advice depends on. */
export interface AdviceInput {
  readonly operation: string;
  readonly result: string;
  readonly status: number;
  readonly scimType: string | null;
  readonly method: string;
}

/**
 * What the admin should do about a logged request, in Entra's "recommended action" style; null
 * when nothing is needed. Derived from operation, status and scimType, never from free text.
 */
export function recommendedAction(r: AdviceInput): string | null {
  switch (r.operation) {
    case 'blocked-deactivation':
      return "Check in the member's assets in SCIM Desk (or set deprovisioning to \"deactivate and flag\"); the IdP retries automatically.";
    case 'rejected-role':
      return 'Create the role in SCIM Desk, or change the unknown-role setting; the IdP retries on its next cycle.';
    case 'auth-failure':
      return r.status === 403
        ? 'SCIM provisioning is turned off: turn it on under Setup.'
        : 'Paste the current connector key into the IdP (Entra: Secret Token; Okta: API token), or generate a new key under Setup.';
    case 'rate-limited':
      return 'The IdP sent more requests than the SCIM rate limit allows; it backs off and retries. Raise the limit under Setup (Provisioning rules) if this keeps happening.';
  }
  if (r.result !== 'failure') return null;
  if (r.status === 409 && r.scimType === 'uniqueness') {
    return 'Another member already has this userName. Remove the duplicate in the IdP or in SCIM Desk; the IdP retries on its next cycle.';
  }
  if (r.status === 404) {
    return r.method === 'GET'
      ? 'None needed if the IdP was checking whether the user exists; it creates the user next.'
      : 'The IdP refers to a user SCIM Desk no longer has. Restart provisioning for that user in the IdP so it creates it again.';
  }
  if (r.status === 412) return 'The member changed between the IdP reading and writing it; the IdP retries with the current version.';
  if (r.status === 413) return 'The request was too large. Check which attributes the IdP maps for this user.';
  if (r.status === 400) {
    return 'The IdP sent data SCIM Desk could not accept. Check the attribute named in the detail in the IdP\'s attribute mappings.';
  }
  if (r.status === 503) return 'SCIM Desk could not write to its database (disk full or read-only). Free disk space; the IdP retries.';
  if (r.status >= 500) return 'An internal error occurred. See the SCIM Desk application log for the request id.';
  return 'See the detail; the IdP retries failed requests on its next cycle.';
}

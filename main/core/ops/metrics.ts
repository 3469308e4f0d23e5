import { statSync } from 'node:fs';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { TlsStatus } from '../../../shared/api/tls.js';
import type { HealthRepo } from '../store/health-repo.js';

/** The SCIM operation a request is counted under (a small fixed set, so labels stay bounded). */
export type ScimMetricOperation = 'create' | 'read' | 'lookup' | 'list' | 'replace' | 'patch' | 'delete' | 'groups' | 'discovery' | 'other';

export interface MetricsDeps {
  readonly health: Pick<HealthRepo, 'lastIdpRequest' | 'blockedDeprovisionings' | 'databaseBytes' | 'memberCounts'>;
  /** Refusals the admin has not acknowledged in the Refresh review. */
  readonly openRefusals: () => number;
  readonly isScimEnabled: () => boolean;
  /** The database file; its `-wal` sibling's size is reported too. */
  readonly dbFile: string;
  readonly tls: () => TlsStatus;
  readonly version: string;
  readonly now: () => Date;
}

/** What the SCIM listener needs: count a request, and render the text exposition for a scrape. */
export interface CoreMetrics {
  observeScimRequest(operation: ScimMetricOperation, status: number, seconds: number): void;
  /** The Prometheus text format, with its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Open refusals fold the whole unacknowledged log (review.ts): computed at most once a minute. */
const REFUSALS_TTL_MS = 60_000;

const fileBytes = (file: string): number => {
  try {
    return statSync(file).size;
  } catch {
    return 0; // no WAL file (yet, or checkpointed and truncated): nothing pending
  }
};

/**
 * Prometheus metrics of one core (issue #17), on a registry of its own: no prom-client global
 * registry, so two cores in one process (tests) never share or collide on a metric. The gauges are
 * read from the store at scrape time; the request counters are fed by the SCIM listener.
 */
export function createMetrics(deps: MetricsDeps): CoreMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'scimdesk_scim_requests_total',
    help: 'SCIM requests answered, by operation, result and status class',
    labelNames: ['operation', 'result', 'status_class'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'scimdesk_scim_request_duration_seconds',
    help: 'Time to answer a SCIM request, by operation',
    labelNames: ['operation'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const failedAuth = new Counter({ name: 'scimdesk_failed_authentications_total', help: 'SCIM requests refused for a missing or wrong connector key (401)', registers: [registry] });
  gauges(registry, deps);
  return {
    observeScimRequest(operation, status, seconds) {
      const result = status < 400 ? 'success' : 'failure';
      requests.inc({ operation, result, status_class: `${Math.floor(status / 100)}xx` });
      duration.observe({ operation }, seconds);
      if (status === 401) failedAuth.inc();
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/** A gauge whose value is computed at scrape time. */
function gauge(registry: Registry, name: string, help: string, read: () => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/**
 * A gauge that exists only in some set-ups (TLS on, ACME on): labelled, because prom-client always
 * prints an unlabelled gauge (as 0) and a missing certificate must not look like an expired one.
 */
function labelledGauge(registry: Registry, name: string, help: string, label: string, read: () => { label: string; value: number } | undefined): void {
  new Gauge({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    collect() {
      this.reset();
      const v = read();
      if (v !== undefined) this.set({ [label]: v.label }, v.value);
    },
  });
}

function gauges(registry: Registry, deps: MetricsDeps): void {
  let refusals: { at: number; n: number } | undefined;
  // Both member gauges come from one query: a scrape collects them within the same second.
  let members: { at: number; counts: { total: number; active: number } } | undefined;
  const memberCounts = (): { total: number; active: number } => {
    const t = deps.now().getTime();
    if (!members || t - members.at >= 1000) members = { at: t, counts: deps.health.memberCounts() };
    return members.counts;
  };
  const epoch = (iso: string): number => Date.parse(iso) / 1000;
  new Gauge({ name: 'scimdesk_info', help: 'Always 1; the version label says which SCIM Desk this is', labelNames: ['version'] as const, registers: [registry] }).set({ version: deps.version }, 1);
  gauge(registry, 'scimdesk_scim_enabled', '1 when SCIM provisioning is turned on', () => (deps.isScimEnabled() ? 1 : 0));
  gauge(registry, 'scimdesk_seconds_since_last_idp_request', 'Seconds since the last SCIM request that was not an auth failure or rate limited (+Inf: none yet)', () => {
    const last = deps.health.lastIdpRequest();
    return last ? Math.max(0, deps.now().getTime() / 1000 - epoch(last.at)) : Infinity;
  });
  gauge(registry, 'scimdesk_open_refusals', 'Refused IdP requests not yet resolved or acknowledged in the Refresh review', () => {
    const t = deps.now().getTime();
    if (!refusals || t - refusals.at >= REFUSALS_TTL_MS) refusals = { at: t, n: deps.openRefusals() };
    return refusals.n;
  });
  gauge(registry, 'scimdesk_blocked_deprovisionings', 'Members the IdP wants deactivated who still hold checked-out assets', () => deps.health.blockedDeprovisionings());
  gauge(registry, 'scimdesk_members', 'Members present in the store (not deleted)', () => memberCounts().total);
  gauge(registry, 'scimdesk_members_active', 'Present members who are active', () => memberCounts().active);
  gauge(registry, 'scimdesk_database_bytes', 'Size of the SQLite database file in bytes', () => deps.health.databaseBytes());
  gauge(registry, 'scimdesk_wal_bytes', 'Size of the SQLite write-ahead log in bytes', () => fileBytes(`${deps.dbFile}-wal`));
  labelledGauge(registry, 'scimdesk_tls_certificate_expiry_timestamp_seconds', 'When the certificate the SCIM listener serves expires (Unix time; only when TLS is on)', 'mode', () => {
    const tls = deps.tls();
    return tls.certificate ? { label: tls.mode, value: epoch(tls.certificate.notAfter) } : undefined;
  });
  labelledGauge(registry, 'scimdesk_acme_consecutive_failures', 'Failed ACME issuance or renewal attempts since the last success (only with automatic TLS)', 'domain', () => {
    const acme = deps.tls().acme;
    return acme ? { label: acme.domain, value: acme.consecutiveFailures } : undefined;
  });
}

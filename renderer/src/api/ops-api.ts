import type { MetricsTokenCreated, MetricsTokenInfo, SelfCheckResult } from '../../../shared/api/ops';
import type { TlsStatus } from '../../../shared/api/tls';
import { api } from './http-client';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** `getMetricsToken`: is /metrics on? */
export function fetchMetricsToken(signal?: AbortSignal): Promise<MetricsTokenInfo> {
  return api.call('getMetricsToken', {}, opts(signal));
}

/** `createMetricsToken`: a new token, shown once. */
export function createMetricsToken(): Promise<MetricsTokenCreated> {
  return api.call('createMetricsToken');
}

/** `runSelfCheck`: "Test from outside". */
export function runSelfCheck(): Promise<SelfCheckResult> {
  return api.call('runSelfCheck');
}

/** `getTls`: certificate and automatic renewal status. */
export function fetchTlsStatus(signal?: AbortSignal): Promise<TlsStatus> {
  return api.call('getTls', {}, opts(signal));
}

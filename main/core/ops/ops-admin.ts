import type { MetricsTokenCreated, MetricsTokenInfo, SelfCheckResult } from '../../../shared/api/ops.js';
import type { TlsStatus } from '../../../shared/api/tls.js';
import type { MetricsToken } from '../auth/metrics-token.js';
import type { Logger } from '../logger.js';

/** The admin side of running SCIM Desk as a service (issue #17): metrics token, self-check, TLS status. */
export interface OpsAdmin {
  metricsToken(): MetricsTokenInfo;
  /** A new metrics token, returned here once; the previous one stops working. */
  rotateMetricsToken(): MetricsTokenCreated;
  selfCheck(): Promise<SelfCheckResult>;
  tls(): TlsStatus;
}

export interface OpsAdminDeps {
  readonly metricsToken: MetricsToken;
  readonly selfCheck: () => Promise<SelfCheckResult>;
  readonly tls: () => TlsStatus;
  readonly logger: Logger;
}

export function createOpsAdmin(deps: OpsAdminDeps): OpsAdmin {
  return {
    metricsToken: () => deps.metricsToken.info(),
    rotateMetricsToken() {
      const r = deps.metricsToken.rotate();
      deps.logger.info({ createdAt: r.createdAt }, 'metrics token generated');
      return { metricsToken: r.secret, createdAt: r.createdAt };
    },
    async selfCheck() {
      const result = await deps.selfCheck();
      const failed = result.steps.filter((s) => !s.ok && !s.skipped).map((s) => s.id);
      deps.logger.info({ url: result.url, ok: result.ok, failed }, 'self-check of the public URL');
      return result;
    },
    tls: () => deps.tls(),
  };
}

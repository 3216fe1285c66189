import { AppError, NetworkStatus, type PayerClient } from '../../domain/index.js';
import { WireNetworkStatus } from '../ehr/wire.js';
import { createHttpClient, type HttpClientOptions } from '../http-client.js';

/** The payer's network-status API: is the coverage active, and which networks does the plan pay in. */
export function createPayerClient(options: Omit<HttpClientOptions, 'upstream'>): PayerClient {
  const http = createHttpClient({ ...options, upstream: 'payer' });
  return {
    async getNetworkStatus({ planId }) {
      const w = await http.request({
        path: `/payer/plans/${encodeURIComponent(planId)}/network-status`,
        schema: WireNetworkStatus,
      });
      const parsed = NetworkStatus.safeParse({
        payerId: w.payer_id,
        planId: w.plan_id,
        coverageActive: w.coverage_active,
        networkIds: w.network_ids,
      });
      if (!parsed.success) {
        throw new AppError('UPSTREAM_REJECTED', 'payer status failed validation', {
          details: { upstream: 'payer' },
        });
      }
      return parsed.data;
    },
  };
}

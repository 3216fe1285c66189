import type { Referral } from '../../sandbox/index.js';
import type { StoredMessage, StoredTask } from '../../sandbox/world-state.js';
import { type HttpResult, jsonClient } from './http.js';

/** The demo patient's referral: retina (wet AMD), BlueWave PPO, Providence. */
export const RETINA_REFERRAL = {
  patient_id: 'pat-0001',
  referring_provider_id: 'prov-01',
  reason: 'Suspected wet AMD left eye',
  diagnosis_codes: ['H35.3211'],
} as const;

import type { DeliveryRecord as DeliveryLogEntry } from '../../sandbox/index.js';

export type { DeliveryLogEntry };

function ok<T>(what: string, res: HttpResult<T>, expected = 200): T {
  if (res.status !== expected) {
    throw new Error(`sandbox ${what}: HTTP ${res.status} ${res.text.slice(0, 500)}`);
  }
  return res.json;
}

/** The sandbox EHR over HTTP, as staff, the integration (api key) and the test controls. */
export function sandboxApi(baseUrl: string, apiKey: string) {
  const http = jsonClient(baseUrl, apiKey);
  return {
    ...http,
    async createReferral(input: Record<string, unknown> = RETINA_REFERRAL): Promise<Referral> {
      return ok('create referral', await http.post<Referral>('/api/referrals', input), 201);
    },
    async referral(id: string): Promise<Referral> {
      return ok(`referral ${id}`, await http.get<Referral>(`/api/referrals/${id}`));
    },
    async statuses(id: string): Promise<string[]> {
      return (await this.referral(id)).status_history.map((h) => h.status);
    },
    async messages(referralId: string): Promise<StoredMessage[]> {
      const res = await http.get<{ data: StoredMessage[] }>(
        `/api/messages?referral_id=${referralId}`,
      );
      return ok('messages', res).data;
    },
    async tasks(referralId: string): Promise<StoredTask[]> {
      const res = await http.get<{ data: StoredTask[] }>(`/api/tasks?referral_id=${referralId}`);
      return ok('tasks', res).data;
    },
    async specialistResponse(
      id: string,
      body: { type: 'acknowledged' | 'declined' | 'scheduled'; note?: string },
    ): Promise<{ webhook_id: string }> {
      return ok(
        'specialist-response',
        await http.post<{ webhook_id: string }>(`/api/referrals/${id}/specialist-response`, body),
        202,
      );
    },
    async fault(target: 'ehr' | 'payer', mode: 'ok' | 'down' | 'slow'): Promise<void> {
      ok('faults', await http.post('/sandbox/faults', { target, mode }));
    },
    async resetFaults(): Promise<void> {
      ok('reset-faults', await http.post('/sandbox/reset-faults'));
    },
    async webhooks(): Promise<DeliveryLogEntry[]> {
      const res = await http.get<{ data: DeliveryLogEntry[] }>('/sandbox/webhooks');
      return ok('webhooks', res).data;
    },
  };
}

export type SandboxApi = ReturnType<typeof sandboxApi>;

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../sandbox/index.js';
import { type SandboxApi, sandboxApi } from './sandbox-api.js';

const API_KEY = 'sandbox-api-patient-messages-key';
let sandbox: RunningSandbox;
let api: SandboxApi;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    practiceId: 'practice-demo',
    apiKey: API_KEY,
    webhookUrl: 'http://127.0.0.1:9/webhooks/ehr',
    webhookSecret: `whsec_${Buffer.from('sandbox-api-test-secret-0123456').toString('base64')}`,
    webhookRetryDelaysMs: [],
    patientCount: 3,
  });
  api = sandboxApi(sandbox.url, API_KEY);
});
afterAll(async () => {
  await sandbox.close();
});

describe('sandboxApi.patientMessages', () => {
  it("lists one referral's patient messages", async () => {
    const first = await api.createReferral();
    const second = await api.createReferral();
    const message = { patient_id: 'pat-0001', channel: 'email', language: 'en', body: 'Approved.' };
    const post = (referralId: string, key: string) =>
      api.post(
        '/api/patient-messages',
        { referral_id: referralId, ...message },
        { 'idempotency-key': key },
      );
    expect((await post(first.id, 'a')).status).toBe(201);
    expect((await post(second.id, 'b')).status).toBe(201);
    const listed = await api.patientMessages(first.id);
    expect(listed).toEqual([
      expect.objectContaining({ id: 'pmsg-000001', referral_id: first.id, ...message }),
    ]);
    expect(await api.patientMessages('ref-none')).toEqual([]);
  });
});

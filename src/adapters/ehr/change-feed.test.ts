import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_KEY, type TestSandbox, testSandbox } from '../../../sandbox/test-client.js';
import { createRevolutionEhrClient } from './revolution-ehr-client.js';

let sb: TestSandbox;
let clock: Date;
const at = (iso: string) => {
  clock = new Date(iso);
};
beforeEach(() => {
  clock = new Date('2030-01-07T15:00:00.000Z');
  sb = testSandbox(204, { now: () => clock });
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => sb.app.request(url, init));
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await sb.close();
});

const client = () =>
  createRevolutionEhrClient({
    baseUrl: 'http://ehr.test/',
    apiKey: API_KEY,
    timeoutMs: 2000,
    maxAttempts: 1,
    backoffMs: 1,
  });

const createReferral = () =>
  sb.world.createReferral({
    patient_id: 'pat-0001',
    referring_provider_id: 'prov-01',
    reason: 'Suspected wet AMD',
    diagnosis_codes: ['H35.3211'],
    urgency: 'routine',
  });

/** Answers every request with one body, as a drifting upstream would. */
function upstreamAnswers(body: unknown): void {
  vi.stubGlobal('fetch', async () => Response.json(body));
}

describe('listChangedReferrals', () => {
  it("maps what the reconciler reads: our last write-back, the office's answers, a cancellation", async () => {
    const referral = createReferral();
    at('2030-01-07T16:00:00.000Z');
    sb.world.writeStatus(referral, 'sent', undefined, 'k-1');
    at('2030-01-07T17:00:00.000Z');
    sb.world.recordSpecialistResponse(referral, {
      type: 'scheduled',
      note: 'Tuesday',
      appointment_at: '2030-01-15T14:00:00Z',
    });
    at('2030-01-07T18:00:00.000Z');
    sb.world.cancelReferral(referral, 'Patient moved');

    const page = await client().listChangedReferrals({
      since: '2030-01-07T15:00:00.000Z',
      limit: 10,
    });
    expect(page).toEqual({
      changes: [
        {
          referralId: 'ref-000001',
          practiceId: 'practice-demo',
          createdAt: '2030-01-07T15:00:00.000Z',
          updatedAt: '2030-01-07T18:00:00.000Z',
          status: 'cancelled',
          lastWriteBack: 'sent',
          cancelledAt: '2030-01-07T18:00:00.000Z',
          cancellationNote: 'Patient moved',
          responses: [
            {
              type: 'scheduled',
              at: '2030-01-07T17:00:00.000Z',
              note: 'Tuesday',
              appointmentAt: '2030-01-15T14:00:00Z',
            },
          ],
        },
      ],
      invalid: 0,
      nextCursor: null,
      lastUpdatedAt: '2030-01-07T18:00:00.000Z',
    });
  });

  it('pages by limit with the next cursor as the next since, and asks exclusively after since', async () => {
    for (let i = 0; i < 3; i++) createReferral();
    const ehr = client();
    const first = await ehr.listChangedReferrals({ since: '2000-01-01T00:00:00Z', limit: 2 });
    expect(first.changes.map((c) => c.referralId)).toEqual(['ref-000001', 'ref-000002']);
    expect(first.nextCursor).toBe(first.lastUpdatedAt);
    const second = await ehr.listChangedReferrals({ since: first.nextCursor ?? '', limit: 2 });
    expect(second.changes.map((c) => c.referralId)).toEqual(['ref-000003']);
    expect(second.nextCursor).toBeNull();
    const none = await ehr.listChangedReferrals({ since: second.lastUpdatedAt ?? '', limit: 2 });
    expect(none).toEqual({ changes: [], invalid: 0, nextCursor: null, lastUpdatedAt: null });
  });

  it('skips and counts entries that do not validate, still reading past them', async () => {
    const good = {
      id: 'ref-1',
      practice_id: 'practice-demo',
      status: 'created',
      updated_at: '2030-01-07T15:00:00.000Z',
      specialist_responses: [{ type: 'no_show', at: '2030-01-07T15:00:00.000Z' }],
    };
    upstreamAnswers({
      data: [
        good,
        { ...good, id: 'ref 2 with spaces', updated_at: '2030-01-07T15:00:01.000Z' },
        { ...good, id: 'ref-3', status: 42, updated_at: '2030-01-07T15:00:02.000Z' },
        { ...good, id: 'ref-4', cancelled_at: 'yesterday', updated_at: '2030-01-07T15:00:03.000Z' },
      ],
      next_cursor: null,
    });
    const page = await client().listChangedReferrals({ since: '2030-01-01T00:00:00Z', limit: 10 });
    expect(page.changes.map((c) => [c.referralId, c.responses])).toEqual([['ref-1', []]]);
    expect(page.invalid).toBe(3);
    expect(page.lastUpdatedAt).toBe('2030-01-07T15:00:03.000Z');
  });

  it('refuses a page it cannot read past (no valid updated_at) and reports an outage as retryable', async () => {
    upstreamAnswers({ data: [{ id: 'ref-1', updated_at: 'soon' }], next_cursor: null });
    await expect(
      client().listChangedReferrals({ since: '2030-01-01T00:00:00Z', limit: 10 }),
    ).rejects.toMatchObject({ code: 'UPSTREAM_REJECTED' });
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) => sb.app.request(url, init));
    sb.faults.set('ehr', 'down');
    await expect(
      client().listChangedReferrals({ since: '2030-01-01T00:00:00Z', limit: 10 }),
    ).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', isRetryable: true });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_KEY, type TestSandbox, testSandbox } from '../../../sandbox/test-client.js';
import { AppError } from '../../domain/index.js';
import { createRevolutionEhrClient } from './revolution-ehr-client.js';

let sb: TestSandbox;
beforeEach(() => {
  sb = testSandbox();
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

/** Answers every request with one body, as a drifting upstream would. */
function upstreamAnswers(body: unknown): void {
  vi.stubGlobal('fetch', async () => Response.json(body));
}

describe('getClinicalNotes', () => {
  it('maps the wire notes to domain notes, newest first, a missing author left out', async () => {
    const notes = await client().getClinicalNotes('pat-0001');
    expect(notes.map((n) => n.date)).toEqual([
      '2025-09-12',
      '2025-06-03',
      '2024-11-20',
      '2024-03-08',
    ]);
    expect(notes[0]).toEqual({
      id: 'note-000001',
      patientId: 'pat-0001',
      date: '2025-09-12',
      kind: 'exam',
      author: 'Dr. Imogen Thistlewood, OD',
      text: expect.stringContaining('drusen'),
    });
    expect(notes[2]).not.toHaveProperty('author');
  });

  it('returns at most the 50 newest notes', async () => {
    const planted = Array.from({ length: 60 }, (_, i) => ({
      date: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      kind: 'progress' as const,
      text: `Visit ${i}`,
    }));
    sb.world.addNotes('pat-0002', planted);
    const notes = await client().getClinicalNotes('pat-0002');
    expect(notes).toHaveLength(50);
    const dates = notes.map((n) => n.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(notes.every((n) => n.date.startsWith('2026-'))).toBe(true);
  });

  it('sorts an unordered upstream answer newest first', async () => {
    const wire = (id: string, date: string) => ({
      id,
      patient_id: 'p-1',
      date,
      kind: 'history',
      author: null,
      text: 'x',
    });
    upstreamAnswers({
      data: [wire('a', '2023-01-01'), wire('b', '2025-01-01'), wire('c', '2024-01-01')],
    });
    const notes = await client().getClinicalNotes('p-1');
    expect(notes.map((n) => n.id)).toEqual(['b', 'c', 'a']);
  });

  it('reports an unknown patient as NOT_FOUND', async () => {
    await expect(client().getClinicalNotes('pat-9999')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it.each([
    ['an unknown kind', { kind: 'imaging' }],
    ['a non-ISO date', { date: '09/12/2025' }],
    ['an empty text', { text: '' }],
    ['a text over 8000 chars', { text: 'x'.repeat(8001) }],
  ])('refuses %s as UPSTREAM_REJECTED', async (_, patch) => {
    const note = {
      id: 'n-1',
      patient_id: 'p-1',
      date: '2025-01-01',
      kind: 'exam',
      text: 'ok',
      ...patch,
    };
    upstreamAnswers({ data: [note] });
    const err = await client()
      .getClinicalNotes('p-1')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'UPSTREAM_REJECTED' });
  });
});

describe('deliver patient_message', () => {
  const payload = {
    kind: 'patient_message',
    referralId: 'ref-000001',
    patientId: 'pat-0001',
    channel: 'sms',
    language: 'es',
    body: 'Su referido fue aprobado.',
  } as const;

  beforeEach(() => {
    sb.world.createReferral({
      patient_id: 'pat-0001',
      referring_provider_id: 'prov-01',
      reason: 'Suspected wet AMD',
      diagnosis_codes: ['H35.3211'],
      urgency: 'routine',
    });
  });

  it('posts the snake_case body with the idempotency key; a redelivery is a no-op', async () => {
    const requests: { url: string; init: RequestInit | undefined }[] = [];
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
      requests.push({ url, init });
      return sb.app.request(url, init);
    });
    const first = await client().deliver(payload, 'idem-1');
    expect(first).toEqual({ externalId: 'pmsg-000001' });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.url).toBe('http://ehr.test/api/patient-messages');
    expect(request?.init?.method).toBe('POST');
    expect(new Headers(request?.init?.headers).get('idempotency-key')).toBe('idem-1');
    expect(JSON.parse(String(request?.init?.body))).toEqual({
      referral_id: 'ref-000001',
      patient_id: 'pat-0001',
      channel: 'sms',
      language: 'es',
      body: 'Su referido fue aprobado.',
    });
    expect(await client().deliver(payload, 'idem-1')).toEqual(first);
    expect(sb.world.patientMessages).toEqual([
      expect.objectContaining({ id: 'pmsg-000001', idempotency_key: 'idem-1', language: 'es' }),
    ]);
  });

  it('reports an unknown referral as NOT_FOUND and an EHR outage as retryable', async () => {
    await expect(
      client().deliver({ ...payload, referralId: 'ref-999999' }, 'idem-2'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', isRetryable: false });
    sb.faults.set('ehr', 'down');
    await expect(client().deliver(payload, 'idem-3')).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      isRetryable: true,
    });
    expect(sb.world.patientMessages).toEqual([]);
  });
});

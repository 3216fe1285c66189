import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isValidNpi } from './npi.js';
import { json, type TestSandbox, testSandbox } from './test-client.js';

let sb: TestSandbox;
beforeEach(() => {
  sb = testSandbox();
});
afterEach(async () => {
  await sb.close();
});

const newPatient = {
  given_name: 'Casey',
  family_name: 'Fernhill',
  birth_date: '1970-02-03',
  sex: 'other',
  address: { line: '9 Angell St', city: 'Providence', state: 'RI', postal_code: '02906' },
  location: { lat: 41.83, lon: -71.4 },
  language: 'pt',
  preferred_channel: 'email',
  phone: '401-555-0199',
  email: 'casey@example.org',
  insurance: [
    {
      payer_id: 'harborcare',
      payer_name: 'HarborCare',
      plan_id: 'harborcare-gold',
      plan_name: 'HarborCare Gold',
      member_id: 'HC000000001',
      is_primary: true,
    },
  ],
};

describe('auth', () => {
  it.each([
    ['GET', '/api/patients'],
    ['GET', '/api/providers'],
    ['POST', '/api/referrals'],
    ['GET', '/payer/plans/bluewave-ppo/network-status'],
    ['GET', '/api/does-not-exist'],
  ])('refuses %s %s without the bearer token', async (method, path) => {
    const body = method === 'GET' ? undefined : {};
    const res = await sb.call(method, path, { auth: false, body });
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('UNAUTHORIZED');
  });

  it('refuses a wrong token and a non-bearer scheme', async () => {
    for (const authorization of ['Bearer nope', 'Basic dGVzdA==', 'Bearer', 'test-api-key']) {
      const res = await sb.call('GET', '/api/patients', { headers: { authorization } });
      expect(res.status, authorization).toBe(401);
    }
  });

  it('leaves /health and /sandbox/* open', async () => {
    const health = await sb.call('GET', '/health', { auth: false });
    expect(await json(health)).toEqual({ status: 'ok', practice_id: 'practice-demo' });
    expect((await sb.call('GET', '/sandbox/faults', { auth: false })).status).toBe(200);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await sb.call('GET', '/nowhere');
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('NOT_FOUND');
  });
});

describe('patients', () => {
  it('lists the generated practice without coverage and fetches one', async () => {
    const list = await json(await sb.call('GET', '/api/patients'));
    expect(list.data).toHaveLength(40);
    expect(list.data[0]).not.toHaveProperty('insurance');
    const one = await json(await sb.call('GET', '/api/patients/pat-0001'));
    expect(one).toEqual(list.data[0]);
    expect(one).toMatchObject({ id: 'pat-0001', practice_id: 'practice-demo', language: 'en' });
  });

  it('404s an unknown patient and its insurance', async () => {
    for (const path of ['/api/patients/pat-9999', '/api/patients/pat-9999/insurance']) {
      const res = await sb.call('GET', path);
      expect(res.status).toBe(404);
      expect((await json(res)).error.code).toBe('NOT_FOUND');
    }
  });

  it('creates a patient with a new id, readable back with its coverage', async () => {
    const res = await sb.call('POST', '/api/patients', { body: newPatient });
    expect(res.status).toBe(201);
    const created = await json(res);
    const { insurance, ...demographics } = newPatient;
    expect(created).toMatchObject({
      id: 'pat-0041',
      practice_id: 'practice-demo',
      ...demographics,
    });
    expect(created.mrn).toMatch(/^MRN\d+$/);
    expect(await json(await sb.call('GET', '/api/patients/pat-0041'))).toEqual(created);
    const cov = await json(await sb.call('GET', '/api/patients/pat-0041/insurance'));
    expect(cov.data).toEqual(insurance);
  });

  it('refuses an invalid patient with field issues and without echoing values', async () => {
    const bad = {
      ...newPatient,
      birth_date: 'SECRET-DOB-1',
      address: { ...newPatient.address, state: 'SECRET-STATE', postal_code: 'SECRET-ZIP' },
      preferred_channel: 'SECRET-CHANNEL',
      email: 'SECRET-EMAIL',
    };
    const res = await sb.call('POST', '/api/patients', { body: bad });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).not.toContain('SECRET');
    const { error } = JSON.parse(text);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'address.postal_code',
      'address.state',
      'birth_date',
      'email',
      'preferred_channel',
    ]);
    for (const issue of error.issues)
      expect(Object.keys(issue).sort()).toEqual(['code', 'message', 'path']);
    expect((await json(await sb.call('GET', '/api/patients'))).data).toHaveLength(40);
  });

  it.each([
    ['an id', { ...newPatient, id: 'pat-7777' }, 'id'],
    ['another practice', { ...newPatient, practice_id: 'practice-other' }, 'practice_id'],
    [
      'two primary coverages',
      { ...newPatient, insurance: [newPatient.insurance[0], newPatient.insurance[0]] },
      'insurance',
    ],
    ['a missing name', { ...newPatient, given_name: undefined }, 'given_name'],
  ])('refuses a patient with %s', async (_, body, path) => {
    const res = await sb.call('POST', '/api/patients', { body });
    expect(res.status).toBe(422);
    const paths = (await json(res)).error.issues.map((i: { path: string }) => i.path);
    expect(paths.some((p: string) => p === path || p === '(root)')).toBe(true);
  });

  it('answers 400 to broken JSON, 415 to a non-JSON body and 413 to an oversized one', async () => {
    const broken = await sb.call('POST', '/api/patients', { body: '{"given_name":' });
    expect(broken.status).toBe(400);
    expect((await json(broken)).error.code).toBe('BAD_REQUEST');
    const text = await sb.call('POST', '/api/patients', {
      body: 'given_name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect((await json(text)).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const huge = await sb.call('POST', '/api/patients', {
      body: JSON.stringify({ given_name: 'x'.repeat(1_100_000) }),
      headers: { 'content-length': '1100020' },
    });
    expect(huge.status).toBe(413);
  });
});

describe('insurance and providers', () => {
  it('returns the demo patient coverage', async () => {
    const res = await json(await sb.call('GET', '/api/patients/pat-0001/insurance'));
    expect(res.data).toEqual([
      {
        payer_id: 'bluewave',
        payer_name: 'BlueWave Health',
        plan_id: 'bluewave-ppo',
        plan_name: 'BlueWave PPO',
        member_id: expect.stringMatching(/^BW\d{9}$/),
        is_primary: true,
      },
    ]);
  });

  it('lists four providers with valid NPIs, fetches one, 404s an unknown one', async () => {
    const { data } = await json(await sb.call('GET', '/api/providers'));
    expect(data.map((p: { id: string }) => p.id)).toEqual([
      'prov-01',
      'prov-02',
      'prov-03',
      'prov-04',
    ]);
    for (const p of data) expect(isValidNpi(p.npi)).toBe(true);
    expect(await json(await sb.call('GET', '/api/providers/prov-03'))).toEqual(data[2]);
    expect((await sb.call('GET', '/api/providers/prov-05')).status).toBe(404);
  });
});

describe('payer', () => {
  it.each([
    ['bluewave-ppo', 'bluewave', true, ['net-bluewave-broad']],
    ['bluewave-hmo', 'bluewave', true, ['net-bluewave-narrow']],
    ['bluewave-lapsed', 'bluewave', false, []],
    ['harborcare-gold', 'harborcare', true, ['net-harbor-premier', 'net-harbor-standard']],
    ['harborcare-silver', 'harborcare', true, ['net-harbor-standard']],
    ['medicare-b', 'medicare', true, ['net-medicare']],
    ['oceanstate-medicaid', 'oceanstate', true, ['net-oceanstate']],
  ])('answers the network status of %s', async (planId, payerId, active, networks) => {
    const res = await sb.call('GET', `/payer/plans/${planId}/network-status`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      payer_id: payerId,
      plan_id: planId,
      coverage_active: active,
      network_ids: networks,
    });
  });

  it('404s an unknown plan', async () => {
    const res = await sb.call('GET', '/payer/plans/nope/network-status');
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('NOT_FOUND');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { MatchResponse } from '../../src/domain/index.js';
import { type Harness, startHarness, TOKENS } from '../support/harness.js';

describe('POST /api/match on the running service', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const post = (harness: Harness, body: unknown, token: string | null = TOKENS.coordinator) =>
    fetch(`${harness.service.url}/api/match`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });

  it('ranks in-network specialists of the generated directory for the sandbox plan, and audits the search', async () => {
    h = await startHarness();
    const res = await post(h, {
      reason: 'Moderate NPDR OU, please evaluate',
      diagnosisCodes: ['E11.3293'],
      maxDistanceMiles: 50,
      patient: { lat: 41.84, lon: -71.39, language: 'en', planId: 'bluewave-ppo' },
    });
    expect(res.status).toBe(200);
    const result = MatchResponse.parse(await res.json());
    expect(result.status).toBe('matched');
    expect(result.candidates.every((c) => c.isValid && c.taxonomy === '207WX0107X')).toBe(true);
    expect(result.candidates.every((c) => c.networkIds.includes('net-bluewave-broad'))).toBe(true);
  });

  it('refuses an unknown plan (422 on the field) and an anonymous caller (401)', async () => {
    h = await startHarness();
    const body = {
      reason: 'glaucoma suspect',
      patient: { lat: 41.84, lon: -71.39, planId: 'nope' },
    };
    const unknown = await post(h, body);
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ error: { issues: [{ path: 'patient.planId' }] } });
    expect((await post(h, body, null)).status).toBe(401);
  });
});

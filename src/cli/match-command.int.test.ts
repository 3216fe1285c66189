import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInto } from '../../retrieval/index.js';
import { openDirectoryIndex } from '../adapters/directory-index/index.js';
import { openStore } from '../adapters/store/index.js';
import { loadConfig } from '../config.js';
import { MatchResponse } from '../domain/index.js';
import { matchCommand } from './match-command.js';

const request = (over: Record<string, unknown> = {}) => ({
  reason: 'Moderate NPDR OU, please evaluate',
  diagnosisCodes: ['E11.3293'],
  maxDistanceMiles: 50,
  patient: { lat: 41.84, lon: -71.39, language: 'es', planId: 'bluewave-ppo' },
  ...over,
});

describe('referrals match', () => {
  const dir = mkdtempSync(join(tmpdir(), 'match-cli-'));
  const config = loadConfig({ DATA_DIR: dir });
  beforeAll(async () => {
    const opened = await openStore(config.store);
    const index = await openDirectoryIndex(config.directory.index);
    await generateInto({
      count: 3000,
      seed: 5,
      repo: opened.store.directory,
      index: index.index,
      importId: 'g',
    });
    index.close();
    await opened.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (input: string, source = '-') => {
    const out: string[] = [];
    const code = await matchCommand(config, [source], {
      out: (l) => out.push(l),
      readStdin: () => input,
    });
    return { code, out };
  };

  it('matches one referral: eligible candidates ranked, each with components and an explanation', async () => {
    const { code, out } = await run(JSON.stringify(request()));
    expect(code).toBe(0);
    const result = MatchResponse.parse(JSON.parse(out.join('\n')));
    expect(result.status).toBe('matched');
    expect(result.specialty.specialties[0]?.taxonomies).toEqual(['207WX0107X']);
    expect(result.candidates.length).toBeGreaterThan(0);
    for (const c of result.candidates) {
      expect(c.isValid).toBe(true);
      expect(c.distanceMiles).toBeLessThanOrEqual(50);
      expect(c.components.map((f) => f.name)).toContain('specificity');
      expect(c.explanation.length).toBeGreaterThan(0);
    }
    const scores = result.candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('answers NDJSON one line per referral, in order, with errors in place; exits 1 when any failed', async () => {
    const lines = [
      JSON.stringify(request()),
      'not json',
      JSON.stringify(request({ patient: { lat: 41.84, lon: -71.39, planId: 'no-such-plan' } })),
      JSON.stringify(request({ diagnosisCodes: ['Z01.00'], reason: 'Follow-up as discussed' })),
    ].join('\n');
    const { code, out } = await run(lines);
    expect(code).toBe(1);
    expect(out).toHaveLength(4);
    const [ok, notJson, unknownPlan, unmapped] = out.map((l) => JSON.parse(l));
    expect(ok.status).toBe('matched');
    expect(notJson.error.issues[0].code).toBe('invalid_json');
    expect(unknownPlan.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'patient.planId' }],
    });
    expect(unmapped).toMatchObject({ status: 'exception', specialty: { confidence: 'none' } });
  });

  it('reports an exception with the nearest ways out when nothing fits within the distance', async () => {
    const { out } = await run(JSON.stringify(request({ maxDistanceMiles: 0.2 })));
    const result = MatchResponse.parse(JSON.parse(out.join('\n')));
    expect(result.status).toBe('exception');
    expect(result.reason).toMatch(/within 0\.3 km|within 0\.32/);
    expect(result.alternatives?.length).toBeGreaterThan(0);
  });
});

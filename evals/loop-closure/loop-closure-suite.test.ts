import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SuiteContext, SuiteOutcome } from '../core/suite.js';
import { createLoopClosureSuite, type InboundMatcher, loopClosureSuite } from './index.js';
import { loadMatchingSet } from './matching-cases.js';

const ctx: SuiteContext = {
  dataRoot: fileURLToPath(new URL('../../../shared/data', import.meta.url)),
  seed: 23,
  progress: () => {},
};

/**
 * Gates the current code misses: a message quoting our referral id but naming another patient by
 * name only (no MRN, no birth date) is filed against our referral (case m26). When the matcher
 * refuses it, this list must be emptied (the test fails until it is).
 */
const KNOWN_GATE_FAILURES = ['match-precision'];

const failing = (o: SuiteOutcome) => o.metrics.filter((m) => m.status === 'fail').map((m) => m.id);
const metric = (o: SuiteOutcome, id: string) => o.metrics.find((m) => m.id === id);

describe('loop-closure suite', () => {
  it('fails no gate but the known ones', async () => {
    const outcome = await loopClosureSuite.run(ctx);
    expect(failing(outcome).sort()).toEqual([...KNOWN_GATE_FAILURES].sort());
    expect(metric(outcome, 'parse-failures')).toMatchObject({ value: 0, status: 'pass' });
    expect(outcome.failures?.filter((f) => /^m\d+$/.test(f.caseId))).toEqual([
      { caseId: 'm26', problem: 'expected a coordinator task, got ref-1001' },
    ]);
    expect(outcome.confusion?.[0]?.labels.at(-1)).toBe('(none)');
  });

  it('catches a matcher that files by the patient name alone', async () => {
    const { referrals } = loadMatchingSet();
    const byName: InboundMatcher = async (message) => {
      const family = message.patient.family?.toUpperCase();
      const hit = referrals.find((r) => r.patient.family.toUpperCase() === family);
      return hit
        ? { kind: 'matched', referralId: hit.id, by: 'patient' }
        : { kind: 'unmatched', reason: 'no_referral' };
    };
    const outcome = await createLoopClosureSuite(byName).run(ctx);
    const precision = metric(outcome, 'match-precision');
    expect(precision?.status).toBe('fail');
    expect(precision?.value).toBeLessThan(0.8);
    expect(metric(outcome, 'coordinator-routing')?.status).toBe('warn');
  });
});

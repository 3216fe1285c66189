import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { matchInbound } from '../../agents/index.js';
import type { SuiteContext, SuiteOutcome } from '../core/suite.js';
import { createLoopClosureSuite, type InboundMatcher, loopClosureSuite } from './index.js';
import { loadMatchingSet } from './matching-cases.js';

const ctx: SuiteContext = {
  dataRoot: fileURLToPath(new URL('../../../shared/data', import.meta.url)),
  seed: 23,
  progress: () => {},
};

/** Gates the current code misses (none: every gate must hold). */
const KNOWN_GATE_FAILURES: string[] = [];

const failing = (o: SuiteOutcome) => o.metrics.filter((m) => m.status === 'fail').map((m) => m.id);
const metric = (o: SuiteOutcome, id: string) => o.metrics.find((m) => m.id === id);

describe('loop-closure suite', () => {
  it('fails no gate', async () => {
    const outcome = await loopClosureSuite.run(ctx);
    expect(failing(outcome).sort()).toEqual([...KNOWN_GATE_FAILURES].sort());
    expect(metric(outcome, 'parse-failures')).toMatchObject({ value: 0, status: 'pass' });
    expect(outcome.failures?.filter((f) => /^m\d+$/.test(f.caseId))).toEqual([]);
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

  it('catches a matcher that files on our id whatever patient the message names', async () => {
    const trusting: InboundMatcher = async (message, lookup) => {
      const quoted = message.placerId ? await lookup.getReferral(message.placerId) : undefined;
      return quoted
        ? { kind: 'matched', referralId: quoted.id, by: 'placer' }
        : matchInbound(message, lookup);
    };
    const outcome = await createLoopClosureSuite(trusting).run(ctx);
    expect(metric(outcome, 'match-precision')?.status).toBe('fail');
    const wrong = outcome.failures?.filter((f) => /^m\d+$/.test(f.caseId)).map((f) => f.caseId);
    expect(wrong).toEqual(['m11', 'm24', 'm26', 'm30', 'm31', 'm32']);
  });
});

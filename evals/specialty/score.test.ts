import { describe, expect, it } from 'vitest';
import {
  type DevCase,
  evaluate,
  gateFailures,
  type Infer,
  type InferredPlan,
  parseDevSet,
} from './score.js';

const line = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'ret-001',
    reason: 'CRVO OD with macular edema',
    diagnosisCodes: ['H34.8110'],
    requested: null,
    expected: { preferred: ['retina'], fallback: ['ophthalmology'], also: [] },
    urgent: false,
    tags: ['cond:crvo'],
    ...over,
  });

const devCase = (over: Record<string, unknown> = {}): DevCase => {
  const [c] = parseDevSet(line(over));
  if (c === undefined) throw new Error('no case');
  return c;
};

const answering =
  (byId: Record<string, InferredPlan>): Infer =>
  (input) =>
    byId[input.reason] ?? { specialties: [], urgentCondition: null };

describe('parseDevSet', () => {
  it('reads a valid line and defaults absent and none', () => {
    const c = devCase();
    expect(c.expected.absent).toEqual([]);
    expect(c.none).toBe(false);
  });

  it('refuses unknown keys, bad codes, missing cond tags and duplicate ids, naming every line', () => {
    const text = [
      line({ expected: { preferred: ['retina-surgery'], fallback: [], also: [] } }),
      line({ id: 'ret-002', diagnosisCodes: ['U07.1'] }),
      line({ id: 'ret-003', tags: ['area:retina'] }),
      line(),
      'not json',
    ].join('\n');
    expect(() => parseDevSet(text)).toThrow(/line 1[\s\S]*line 2[\s\S]*line 3[\s\S]*line 5/);
    expect(() => parseDevSet([line(), line()].join('\n'))).toThrow(/duplicate id ret-001/);
  });

  it('keeps negation tags and absent keys together, and absent out of the expected plan', () => {
    expect(() => parseDevSet(line({ tags: ['cond:crvo', 'negation'] }))).toThrow(/negation/);
    const absentRetina = { preferred: ['retina'], fallback: [], also: [], absent: ['retina'] };
    expect(() =>
      parseDevSet(line({ expected: absentRetina, tags: ['cond:crvo', 'negation'] })),
    ).toThrow(/absent overlaps/);
  });

  it('requires none cases to expect nothing', () => {
    expect(() => parseDevSet(line({ none: true, tags: ['cond:x', 'none'] }))).toThrow(/none/);
  });
});

describe('evaluate', () => {
  const retina = devCase();
  const negated = devCase({
    id: 'cor-001',
    reason: 'Severe dry eye OU, no retinal tear',
    diagnosisCodes: [],
    expected: { preferred: ['cornea'], fallback: ['ophthalmology'], also: [], absent: ['retina'] },
    tags: ['cond:dry-eye', 'negation'],
  });
  const nothing = devCase({
    id: 'none-001',
    reason: 'Routine exam',
    diagnosisCodes: [],
    expected: { preferred: [], fallback: [], also: [] },
    none: true,
    tags: ['cond:routine-exam', 'none'],
  });
  const urgent = devCase({
    id: 'ret-002',
    reason: 'Mac-on RD OD',
    diagnosisCodes: [],
    urgent: true,
    tags: ['cond:rd', 'urgent'],
  });
  const cases = [retina, negated, nothing, urgent];

  it('scores perfect answers at 1 and passes the gate', () => {
    const m = evaluate(
      cases,
      answering({
        [retina.reason]: {
          specialties: [
            { key: 'retina', tier: 'preferred' },
            { key: 'ophthalmology', tier: 'fallback' },
          ],
        },
        [negated.reason]: {
          specialties: [{ key: 'cornea' }, { key: 'ophthalmology', tier: 'fallback' }],
        },
        [urgent.reason]: {
          specialties: [{ key: 'retina' }, { key: 'ophthalmology', tier: 'fallback' }],
          urgentCondition: 'retinal detachment',
        },
      }),
    );
    expect(m.failures).toEqual([]);
    expect([m.preferredPrecision.value, m.preferredRecall.value, m.top1.value]).toEqual([1, 1, 1]);
    expect([m.planRecall.value, m.fallbackRecall.value, m.emptyPlanAccuracy.value]).toEqual([
      1, 1, 1,
    ]);
    expect([m.urgentPrecision.value, m.urgentRecall.value]).toEqual([1, 1]);
    expect(gateFailures(m)).toEqual([]);
  });

  it('counts wrong tiers, negated specialties, false alarms and throwing rules as failures', () => {
    const m = evaluate(cases, (input) => {
      if (input.reason === urgent.reason) throw new Error('boom');
      if (input.reason === negated.reason) {
        return { specialties: [{ key: 'retina' }, { key: 'cornea', tier: 'fallback' }] };
      }
      return {
        specialties: [{ key: 'ophthalmology' }, { key: 'retina', tier: 'fallback' }],
        urgentCondition: 'something',
      };
    });
    expect(m.preferredPrecision).toMatchObject({ n: 0, d: 3 });
    expect(m.preferredRecall).toMatchObject({ n: 0, d: 3 });
    expect(m.top1.value).toBe(0);
    expect(m.negationFalsePositives).toEqual({ count: 1, of: 1, ids: ['cor-001'] });
    expect(m.urgentPrecision).toMatchObject({ n: 0, d: 2 });
    expect(m.urgentRecall).toMatchObject({ n: 0, d: 1 });
    expect(m.emptyPlanAccuracy.value).toBe(0);
    expect(m.failures.map((f) => f.id)).toEqual(['ret-001', 'cor-001', 'none-001', 'ret-002']);
    expect(m.failures.find((f) => f.id === 'ret-002')?.problems).toContain('threw: boom');
    expect(gateFailures(m)).toHaveLength(6);
  });

  it('passes the requested specialty only when the case has one', () => {
    const seen: Array<string | undefined> = [];
    const spy: Infer = (input) => {
      seen.push(input.requested);
      return { specialties: [] };
    };
    evaluate([retina, devCase({ id: 'ret-009', requested: '207WX0107X' })], spy);
    expect(seen).toEqual([undefined, '207WX0107X']);
  });
});

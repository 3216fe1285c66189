import { describe, expect, it } from 'vitest';
import { metricsOf } from './directory-metrics.js';
import { location, OPHTHALMOLOGY, profile, RETINA, retinaQuery, waitOf } from './hand-made.js';
import { type MatcherAnswer, scoreCase } from './score-case.js';
import { KM_PER_MILE, truthDirectory } from './truth.js';

/** Two valid retina specialists (3 and 9 km), a nearer general ophthalmologist, two invalid ones. */
const dir = truthDirectory([
  profile('4000000001', [RETINA], [location('r1', 3)], { metrics: waitOf(30) }),
  profile('4000000002', [RETINA], [location('r2', 9)], { metrics: waitOf(5) }),
  profile('4000000003', [OPHTHALMOLOGY], [location('o1', 1)]),
  profile('4000000004', [RETINA], [location('x1', 2)], { networkIds: ['net-b'] }),
  profile('4000000005', [RETINA], [location('c1', 1.5, { acceptingNewPatients: false })]),
]);
const R1 = '4000000001@r1';
const R2 = '4000000002@r2';
const O1 = '4000000003@o1';
const OUT = '4000000004@x1';
const CLOSED = '4000000005@c1';

const matched = (...ids: string[]): MatcherAnswer => ({
  exception: false,
  candidates: ids.map((candidateId) => ({ candidateId, isValid: true })),
});
const retinaCase = (id: string, networkIds = ['net-a']) => ({
  id,
  query: retinaQuery(20, networkIds),
  subspecialty: true,
});

describe('scoreCase', () => {
  it('finds nothing wrong with the nearest valid subspecialist first', () => {
    const s = scoreCase(dir, retinaCase('ok'), matched(R1, R2));
    expect(s.problems).toEqual([]);
    expect(s).toMatchObject({
      exceptionPredicted: false,
      exceptionTruth: false,
      precisionAt3: { num: 2, den: 2 },
      top1Right: true,
      top1Specific: true,
      distanceRegretMiles: 0,
      waitRegretDays: 25,
    });
  });

  it('measures the regret of a farther top-1 in miles', () => {
    const s = scoreCase(dir, retinaCase('far'), matched(R2, R1));
    expect(s.distanceRegretMiles).toBeCloseTo(6 / KM_PER_MILE, 2);
    expect(s.waitRegretDays).toBe(0);
  });

  it('reports candidates returned as valid that break a hard constraint', () => {
    const s = scoreCase(dir, retinaCase('broken'), matched(OUT, CLOSED, R1));
    expect(s.problems.filter((p) => p.startsWith('returned '))).toEqual([
      `returned ${OUT} as valid: out of the plan's networks`,
      `returned ${CLOSED} as valid: closed to new patients`,
    ]);
    expect(s.distanceRegretMiles).toBeNull();
  });

  it('ignores candidates the matcher itself marked invalid', () => {
    const s = scoreCase(dir, retinaCase('shown'), {
      exception: false,
      candidates: [
        { candidateId: R1, isValid: true },
        { candidateId: OUT, isValid: false },
      ],
    });
    expect(s.returned.map((v) => v.candidateId)).toEqual([R1]);
    expect(s.problems).toEqual([]);
  });

  it('charges a general ophthalmologist on top when a valid subspecialist exists', () => {
    const s = scoreCase(dir, retinaCase('general'), matched(O1, R1));
    expect(s).toMatchObject({
      top1Right: false,
      top1Specific: false,
      precisionAt3: { num: 1, den: 2 },
      distanceRegretMiles: null,
    });
  });

  it('charges an exception when a valid candidate exists, and a match when none does', () => {
    const missed = scoreCase(dir, retinaCase('missed'), { exception: true, candidates: [] });
    expect(missed).toMatchObject({ exceptionPredicted: true, exceptionTruth: false });
    expect(missed.problems[0]).toMatch(/^exception, but 2 valid preferred/);
    const invented = scoreCase(dir, retinaCase('invented', ['net-z']), matched(R1));
    expect(invented).toMatchObject({ exceptionPredicted: false, exceptionTruth: true });
    expect(invented.problems).toContain(
      'matched, but no valid candidate exists in any acceptable tier',
    );
    const right = scoreCase(dir, retinaCase('right', ['net-z']), {
      exception: true,
      candidates: [],
    });
    expect(right.problems).toEqual([]);
  });
});

describe('metricsOf', () => {
  const value = (ms: ReturnType<typeof metricsOf>, id: string) =>
    ms.metrics.find((m) => m.id === `t.${id}`);

  it('passes every gate and threshold on right answers', () => {
    const scores = [
      scoreCase(dir, retinaCase('a'), matched(R1, R2)),
      scoreCase(dir, retinaCase('b', ['net-z']), { exception: true, candidates: [] }),
    ];
    const m = metricsOf('t', scores, 1, { waits: false });
    expect(m.metrics.filter((x) => x.status === 'fail' || x.status === 'warn')).toEqual([]);
    expect(value(m, 'in_network_rate')).toMatchObject({ value: 1, n: 1, status: 'pass' });
    expect(value(m, 'exception_precision')).toMatchObject({ value: 1, n: 1 });
    expect(value(m, 'exception_recall')).toMatchObject({ value: 1, n: 1 });
    expect(value(m, 'distance_regret.mean')).toMatchObject({ value: 0, n: 1 });
    expect(m.metrics.some((x) => x.id.startsWith('t.wait_regret'))).toBe(false);
    expect(m.confusion.counts).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(m.failures).toEqual([]);
  });

  it('fails the gate of each broken constraint and lists the worst case first', () => {
    const scores = [
      scoreCase(dir, retinaCase('a-fine'), matched(R1, R2)),
      scoreCase(dir, retinaCase('b-out'), matched(OUT, R1)),
      scoreCase(dir, retinaCase('c-closed'), matched(CLOSED)),
      scoreCase(dir, retinaCase('d-far'), matched(R2, R1)),
    ];
    const m = metricsOf('t', scores, 1, { waits: true });
    expect(value(m, 'in_network_rate')).toMatchObject({ value: 6 / 7, n: 4, status: 'fail' });
    expect(value(m, 'open_rate')).toMatchObject({ value: 6 / 7, status: 'fail' });
    expect(value(m, 'in_radius_rate')?.status).toBe('pass');
    expect(value(m, 'reachable_rate')?.status).toBe('pass');
    expect(value(m, 'distance_regret.mean')?.value).toBeCloseTo(3 / KM_PER_MILE, 2);
    expect(value(m, 'wait_regret.mean')).toMatchObject({ value: 12.5, n: 2 });
    expect(
      m.failures
        .map((f) => f.caseId)
        .slice(0, 2)
        .sort(),
    ).toEqual(['b-out', 'c-closed']);
    expect(m.histograms.map((h) => h.values.length)).toEqual([2, 2]);
  });

  it('warns when exceptions disagree with the truth and regrets exceed their bounds', () => {
    const far = truthDirectory([
      profile('5000000001', [RETINA], [location('n', 1)]),
      profile('5000000002', [RETINA], [location('f', 60)]),
    ]);
    const wide = { id: 'w', query: retinaQuery(80), subspecialty: true };
    const scores = [
      scoreCase(far, wide, matched('5000000002@f')),
      scoreCase(far, { ...wide, id: 'x' }, { exception: true, candidates: [] }),
      scoreCase(
        far,
        { ...wide, id: 'y', query: retinaQuery(80, ['net-z']) },
        matched('5000000001@n'),
      ),
    ];
    const m = metricsOf('t', scores, 1, { waits: false });
    expect(value(m, 'distance_regret.mean')).toMatchObject({ status: 'warn' });
    expect(value(m, 'distance_regret.p90')).toMatchObject({ status: 'warn' });
    expect(value(m, 'exception_precision')).toMatchObject({ value: 0, status: 'warn' });
    expect(value(m, 'exception_recall')).toMatchObject({ value: 0, status: 'warn' });
    expect(value(m, 'in_network_rate')?.status).toBe('fail');
  });
});

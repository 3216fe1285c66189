import { describe, expect, it } from 'vitest';
import { adverseStatement } from './causes.js';
import { fourFifths, lowestRatio } from './four-fifths.js';
import { groupFigures } from './group-outcomes.js';
import type { ReferralOutcome } from './referral-outcome.js';

describe('fourFifths', () => {
  it('flags a group whose favourable rate is below four fifths of the best group’s', () => {
    const rows = fourFifths([
      { group: 'urban', n: 100, favourable: 90 },
      { group: 'rural', n: 40, favourable: 24 },
    ]);
    expect(rows.map((r) => [r.group, r.rate, r.adverse])).toEqual([
      ['urban', 0.9, false],
      ['rural', 0.6, true],
    ]);
    expect(rows[1]?.ratio).toBeCloseTo(0.6 / 0.9, 12);
    expect(lowestRatio(rows)).toBeCloseTo(2 / 3, 12);
  });

  it('does not flag a group at or above four fifths', () => {
    const rows = fourFifths([
      { group: 'a', n: 50, favourable: 50 },
      { group: 'b', n: 50, favourable: 40 },
      { group: 'c', n: 50, favourable: 45 },
    ]);
    expect(rows.map((r) => r.ratio)).toEqual([1, 0.8, 0.9]);
    expect(rows.some((r) => r.adverse)).toBe(false);
  });

  it('leaves groups under the minimum size out of the best rate and the flags', () => {
    const rows = fourFifths([
      { group: 'big', n: 30, favourable: 15 },
      { group: 'tiny', n: 3, favourable: 3 },
      { group: 'low', n: 20, favourable: 2 },
    ]);
    expect(rows.map((r) => [r.group, r.ratio, r.compared, r.adverse])).toEqual([
      ['big', 1, true, false],
      ['tiny', 2, false, false],
      ['low', 0.2, true, true],
    ]);
  });

  it('gives no ratio when nobody anywhere had a favourable outcome, or a group is empty', () => {
    const rows = fourFifths([
      { group: 'a', n: 20, favourable: 0 },
      { group: 'b', n: 0, favourable: 0 },
    ]);
    expect(rows.map((r) => [r.rate, r.ratio, r.adverse])).toEqual([
      [0, null, false],
      [null, null, false],
    ]);
    expect(lowestRatio(rows)).toBeNull();
  });
});

function outcome(i: number, rural: boolean, over: Partial<ReferralOutcome> = {}): ReferralOutcome {
  return {
    directory: 'generated',
    caseId: `c${i}`,
    groups: {
      'payer-type': 'commercial',
      language: 'en',
      'age-band': '40-64',
      'urban-rural': rural ? 'rural' : 'urban',
    },
    exception: false,
    firstMiles: 5,
    inNetwork: true,
    waitDays: 10,
    specialties: ['Retina specialist'],
    nearby: { any: 6, inNetwork: 4, inNetworkNear: 2 },
    firstSpeaksLanguage: true,
    ...over,
  };
}

describe('group figures and the statement of an adverse outcome', () => {
  const noRetinaNearby = {
    exception: true,
    firstMiles: 140,
    nearby: { any: 0, inNetwork: 0, inNetworkNear: 0 },
  };
  const population = [
    ...Array.from({ length: 30 }, (_, i) => outcome(i, false)),
    ...Array.from({ length: 20 }, (_, i) => outcome(100 + i, true, i < 12 ? noRetinaNearby : {})),
  ];

  it('flags rural exceptions and distance, each with the cause the data shows', () => {
    const figures = groupFigures(population, 'urban-rural', 7);
    const rural = (id: string) => figures.find((f) => f.group === 'rural' && f.outcome === id);
    expect(rural('exception')).toMatchObject({ n: 20, favourable: 8, value: 0.6, adverse: true });
    expect(rural('distance')).toMatchObject({ favourable: 8, adverse: true });
    expect(rural('wait')).toMatchObject({ n: 20, favourable: 20, adverse: false });
    const exception = rural('exception');
    if (!exception) throw new Error('no rural exception figure');
    const text = adverseStatement({
      seed: 1,
      directoryLabel: 'generated',
      attribute: 'urban-rural',
      figure: exception,
      figures,
    });
    expect(text).toContain('rural patients: 12 of 20 ended in an exception');
    expect(text).toContain('against 100% for urban patients, ratio 0.4');
    expect(text).toContain(
      'for 12 no Retina specialist of any network practises within 50 miles (thin coverage',
    );
  });

  it('names a narrow network when specialists are near but none in the plan', () => {
    const narrow = population.map((o) =>
      o.groups['urban-rural'] === 'rural' && o.exception
        ? { ...o, nearby: { any: 5, inNetwork: 0, inNetworkNear: 0 } }
        : o,
    );
    const figures = groupFigures(narrow, 'urban-rural', 7);
    const figure = figures.find((f) => f.group === 'rural' && f.outcome === 'exception');
    if (!figure) throw new Error('no rural exception figure');
    expect(
      adverseStatement({ seed: 1, directoryLabel: 'g', attribute: 'urban-rural', figure, figures }),
    ).toContain(
      "for 12 Retina specialists practise within 50 miles but none in their plan's network",
    );
  });

  it('flags nothing when the groups fare alike', () => {
    const alike = population.map((o) => ({ ...o, ...outcome(0, false), groups: o.groups }));
    expect(groupFigures(alike, 'urban-rural', 7).filter((f) => f.adverse)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { DirectoryProfile, IndexHit, SpecialistOutcome } from '../src/domain/index.js';
import { directoryProfile, metric } from '../test/fixtures/directory.js';
import { rankHits } from './rank.js';
import type { RankContext } from './rank-context.js';
import { planOf } from './specialty/index.js';

const profile = (npi: string, over: Partial<DirectoryProfile> = {}) =>
  directoryProfile(npi, { source: 'test', ...over });

const hit = (p: DirectoryProfile, distanceKm = 5, textScore = 0): IndexHit => ({
  profile: p,
  locationId: p.locations[0]?.id ?? 'x',
  distanceKm,
  textScore,
});

const ctx: RankContext = {
  specialties: planOf(['retina', 'ophthalmology'], 'test condition', 'H35.30'),
  radiusKm: 50,
  language: 'en',
  networkIds: ['net-a'],
  urgency: 'routine',
  excludedNpis: [],
  weights: loadConfig({}).matching.weights,
};

describe('rankHits', () => {
  it('puts valid candidates first and explains each check', () => {
    const ranked = rankHits(
      [hit(profile('1111111111', { networkIds: ['net-b'] })), hit(profile('2222222222'))],
      ctx,
    );
    expect(ranked.map((c) => [c.npi, c.isValid])).toEqual([
      ['2222222222', true],
      ['1111111111', false],
    ]);
    expect(ranked[1]?.reasons).toContain("Not in network for the patient's plan");
    expect(ranked[1]?.explanation).toBe('Not eligible: in network failed.');
    expect(ranked[0]?.explanation).toMatch(
      /^Retina specialist 5 km away, in network; strongest on /,
    );
  });

  it('scores as the sum of the factor contributions, each with its source; shorter waits rank higher', () => {
    const ranked = rankHits(
      [
        hit(profile('1', { metrics: { ...profile('1').metrics, waitDays: metric(60, 10) } })),
        hit(profile('2')),
      ],
      ctx,
    );
    expect(ranked[0]?.npi).toBe('2');
    for (const c of ranked) {
      expect(c.score).toBeCloseTo(
        c.factors.reduce((s, f) => s + f.contribution, 0),
        2,
      );
      expect(c.factors.every((f) => f.source.length > 0)).toBe(true);
    }
  });

  it('smooths a rating that rests on few reviews toward the prior', () => {
    const few = profile('3', { metrics: { ...profile('3').metrics, rating: metric(5, 1) } });
    const many = profile('4', { metrics: { ...profile('4').metrics, rating: metric(4.8, 500) } });
    const [a, b] = rankHits([hit(few), hit(many)], ctx);
    const rating = (npi: string) =>
      [a, b].find((c) => c?.npi === npi)?.factors.find((f) => f.name === 'rating');
    expect(rating('3')?.value).toBeLessThan(rating('4')?.value ?? 0);
    expect(rating('3')?.source).toContain('smoothed');
  });

  it('invalidates beyond-radius, not-accepting, unreachable and wrong-taxonomy hits; drops exclusions', () => {
    const closed = profile('5', { acceptingNewPatients: false });
    const other = profile('6', { taxonomyCodes: ['207WX0009X'] });
    const mute = profile('7', {
      endpoints: [],
      preferredChannel: null,
      locations: profile('7').locations.map((l) => ({ ...l, fax: null })),
    });
    const ranked = rankHits(
      [hit(profile('8'), 70), hit(closed), hit(other), hit(mute), hit(profile('9'))],
      {
        ...ctx,
        excludedNpis: ['9'],
      },
    );
    expect(ranked.map((c) => c.npi).sort()).toEqual(['5', '6', '7', '8']);
    expect(ranked.every((c) => !c.isValid)).toBe(true);
    expect(ranked.find((c) => c.npi === '7')?.checks.reachable).toBe(false);
  });

  it("carries the office contact of the location it was ranked at, not the profile's first", () => {
    const base = profile('31');
    const [first] = base.locations;
    if (!first) throw new Error('fixture has a location');
    const second = {
      ...first,
      id: 'loc-31-b',
      name: 'East Office',
      line: '9 Elm Street',
      city: 'Cranston',
      postalCode: '02920',
      phone: '401.555.0199',
    };
    const p = profile('31', { locations: [{ ...first, phone: '401-555-0100' }, second] });
    const [c] = rankHits([{ ...hit(p), locationId: 'loc-31-b' }], ctx);
    expect(c?.locationName).toBe('East Office');
    expect(c?.contact).toEqual({
      phone: '(401) 555-0199',
      line: '9 Elm Street',
      city: 'Cranston',
      state: 'RI',
      postalCode: '02920',
    });
  });

  it('treats an unknown accepting status as acceptable, and says it is not stated', () => {
    const unknown = profile('10', { acceptingNewPatients: null });
    const [c] = rankHits([hit(unknown)], ctx);
    expect(c?.isValid).toBe(true);
    expect(c?.reasons).toContain('Accepting new patients: not stated');
  });

  it('ranks the most specific qualification first, ties broken deterministically', () => {
    const general = profile('11', { taxonomyCodes: ['207W00000X'] });
    const ranked = rankHits([hit(general), hit(profile('12'))], ctx);
    expect(ranked.map((c) => [c.npi, c.taxonomy])).toEqual([
      ['12', '207WX0107X'],
      ['11', '207W00000X'],
    ]);
    const twins = rankHits([hit(profile('14')), hit(profile('13'))], ctx);
    expect(twins.map((c) => c.npi)).toEqual(['13', '14']);
  });

  it("moves loop closure and wait toward the practice's own record, and says so", () => {
    const own = (npi: string, closed: number, of: number, days: number): SpecialistOutcome => ({
      npi,
      sent: of,
      timeToAcknowledge: { count: of, medianHours: 20 },
      timeToAppointment: { count: of, medianDays: days },
      noShows: { count: 0, of },
      declines: { count: 0, of },
      loopClosure: { count: closed, of },
    });
    const outcomes = new Map([
      ['21', own('21', 2, 11, 60)],
      ['22', own('22', 9, 11, 7)],
    ]);
    const hits = [hit(profile('21')), hit(profile('22')), hit(profile('23'))];
    const plain = rankHits(hits, ctx);
    expect(plain.map((c) => c.npi)).toEqual(['21', '22', '23']);

    const ranked = rankHits(hits, { ...ctx, outcomes });
    expect(ranked.map((c) => c.npi)).toEqual(['22', '23', '21']);
    const [best] = ranked;
    expect(best?.explanation).toMatch(/Closes the loop on 9 of 11 referrals from this practice\.$/);
    expect(best?.reasons).toContain('Closes the loop on 9 of 11 referrals from this practice');
    expect(best?.reasons).toContain(
      'This practice has sent 11 referrals here: answers in a median 20 h, books within a median 7 days, 0 of 11 declined, 0 of 11 no-shows',
    );
    const factor = (name: string) => best?.factors.find((f) => f.name === name);
    expect(factor('loop_closure')?.source).toBe('our referrals: 9 of 11 closed, smoothed');
    // The directory's 80% of 50 smoothed toward 0.7 (47/60), then 11 of our own at 9/11 weighted against it 11:10.
    expect(factor('loop_closure')?.value).toBeCloseTo((9 + (10 * 47) / 60) / 21, 3);
    expect(factor('wait_time')?.source).toContain('median 7 days to appointment (11)');
    const neverSent = ranked.find((c) => c.npi === '23');
    expect(neverSent?.reasons).toContain('Closes the loop on 80% of referrals (50)');
    expect(neverSent?.explanation).not.toContain('from this practice');
  });
});

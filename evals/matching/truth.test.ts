import { describe, expect, it } from 'vitest';
import {
  location,
  OPHTHALMOLOGY,
  PATIENT,
  PRIMARY_CARE,
  profile,
  RETINA,
  retinaQuery,
} from './hand-made.js';
import {
  haversineKm,
  isValid,
  judgeCandidate,
  judgeLocation,
  truthDirectory,
  truthOf,
} from './truth.js';

describe('haversineKm', () => {
  it('gives a degree of latitude as 111.195 km, and zero for the same point', () => {
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111.195, 2);
    expect(haversineKm(PATIENT, PATIENT)).toBe(0);
  });

  it('gives Providence to Boston as about 66 km', () => {
    const boston = { lat: 42.3601, lon: -71.0589 };
    expect(haversineKm({ lat: 41.824, lon: -71.4128 }, boston)).toBeGreaterThan(64);
    expect(haversineKm({ lat: 41.824, lon: -71.4128 }, boston)).toBeLessThan(68);
  });
});

describe('judgeLocation', () => {
  const q = retinaQuery(20);

  it('passes a retina specialist in network, 10 km away, open, with an endpoint', () => {
    const p = profile('1000000001', [RETINA], [location('a', 10)]);
    const v = judgeLocation(p, p.locations[0] as never, q);
    expect(v).toMatchObject({ inNetwork: true, inRadius: true, open: true, reachable: true });
    expect(v.tier).toBe('preferred');
    expect(v.distanceKm).toBeCloseTo(10, 6);
    expect(isValid(v)).toBe(true);
  });

  it('fails each constraint on its own', () => {
    const judge = (p: ReturnType<typeof profile>) => judgeLocation(p, p.locations[0] as never, q);
    const out = judge(
      profile('1000000002', [RETINA], [location('a', 5)], { networkIds: ['net-b'] }),
    );
    expect(out.inNetwork).toBe(false);
    expect(isValid(out)).toBe(false);
    const far = judge(profile('1000000003', [RETINA], [location('a', 20.5)]));
    expect(far.inRadius).toBe(false);
    const closed = judge(
      profile('1000000004', [RETINA], [location('a', 5, { acceptingNewPatients: false })]),
    );
    expect(closed.open).toBe(false);
    const silent = judge(
      profile('1000000005', [RETINA], [location('a', 5)], {
        endpoints: [],
        preferredChannel: null,
      }),
    );
    expect(silent.reachable).toBe(false);
    const wrong = judge(profile('1000000006', [PRIMARY_CARE], [location('a', 5)]));
    expect(wrong.tier).toBeNull();
    const inactive = judge(profile('1000000007', [RETINA], [location('a', 5)], { active: false }));
    expect(isValid(inactive)).toBe(false);
    const nowhere = judge(profile('1000000008', [RETINA], [location('a', 5, { position: null })]));
    expect(nowhere).toMatchObject({ distanceKm: null, inRadius: false });
    for (const v of [far, closed, silent, wrong, nowhere]) expect(isValid(v)).toBe(false);
  });

  it('reads acceptance at the location first, then the practitioner, and counts unknown as open', () => {
    const at = (loc: boolean | null, prof: boolean | null) => {
      const p = profile('1000000009', [RETINA], [location('a', 5, { acceptingNewPatients: loc })], {
        acceptingNewPatients: prof,
      });
      return judgeLocation(p, p.locations[0] as never, q);
    };
    expect(at(true, false)).toMatchObject({ acceptance: true, open: true });
    expect(at(false, true)).toMatchObject({ acceptance: false, open: false });
    expect(at(null, false)).toMatchObject({ acceptance: false, open: false });
    expect(at(null, null)).toMatchObject({ acceptance: null, open: true });
  });

  it('takes a fax at the location as a way to send the packet', () => {
    const p = profile('1000000010', [RETINA], [location('a', 5, { fax: '4015550100' })], {
      endpoints: [],
      preferredChannel: null,
    });
    expect(judgeLocation(p, p.locations[0] as never, q).reachable).toBe(true);
  });
});

describe('truthOf', () => {
  const retinaNear = profile('2000000001', [RETINA], [location('r1', 12), location('r2', 4)]);
  const retinaClosed = profile(
    '2000000002',
    [RETINA],
    [location('r3', 2, { acceptingNewPatients: false })],
  );
  const ophthalmologist = profile('2000000003', [OPHTHALMOLOGY], [location('o1', 1)]);
  const primaryCare = profile('2000000004', [PRIMARY_CARE], [location('p1', 1)]);

  it('uses the preferred tier when it has a valid location, nearest first', () => {
    const dir = truthDirectory([retinaNear, retinaClosed, ophthalmologist, primaryCare]);
    const t = truthOf(dir, retinaQuery(20));
    expect(t.tier).toBe('preferred');
    expect(t.valid.map((v) => v.candidateId)).toEqual(['2000000001@r2', '2000000001@r1']);
    expect(t.rightTaxonomies).toEqual([RETINA]);
  });

  it('falls back when every preferred location fails a constraint', () => {
    const dir = truthDirectory([retinaClosed, ophthalmologist, primaryCare]);
    const t = truthOf(dir, retinaQuery(20));
    expect(t.tier).toBe('fallback');
    expect(t.valid.map((v) => v.candidateId)).toEqual(['2000000003@o1']);
  });

  it('says no tier when nobody acceptable is valid (an exception), whoever else is near', () => {
    const dir = truthDirectory([retinaClosed, primaryCare]);
    expect(truthOf(dir, retinaQuery(20))).toMatchObject({ tier: null, valid: [] });
    const outOfNetwork = truthDirectory([retinaNear, ophthalmologist]);
    expect(truthOf(outOfNetwork, retinaQuery(20, ['net-z'])).tier).toBeNull();
  });
});

describe('judgeCandidate', () => {
  const dir = truthDirectory([profile('3000000001', [RETINA], [location('x@1', 3)])]);

  it('finds the location by `<npi>@<location id>`, even when the id holds an @', () => {
    const v = judgeCandidate(dir, '3000000001@x@1', retinaQuery(20));
    expect(v.unknown).toBe(false);
    expect(isValid(v)).toBe(true);
  });

  it('marks an id the directory does not hold as unknown and invalid', () => {
    for (const id of ['3000000001@nowhere', '9999999999@x@1', 'garbage']) {
      const v = judgeCandidate(dir, id, retinaQuery(20));
      expect(v.unknown).toBe(true);
      expect(isValid(v)).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { PLANS as SANDBOX_PLANS } from '../../sandbox/catalog.js';
import { DirectoryProfile, InsurancePlanRecord, NetworkRecord } from '../../src/domain/index.js';
import { generateDirectory, generateProfile } from './index.js';

const take = (count: number, seed: number) => [...generateDirectory({ count, seed }).profiles()];

describe('generateDirectory', () => {
  it('gives the same directory for the same seed and count', () => {
    expect(take(3_000, 7)).toEqual(take(3_000, 7));
  });

  it('extends a smaller directory: profile k does not depend on count', () => {
    const small = take(777, 7);
    const big = take(3_000, 7);
    expect(small).toHaveLength(777);
    expect(big.slice(0, 777)).toEqual(small);
    for (const k of [0, 31, 32, 776, 2_999]) expect(generateProfile(7, k)).toEqual(big[k]);
  });

  it('gives another directory for another seed', () => {
    const [a, b] = [take(50, 1), take(50, 2)];
    expect(a.filter((p, i) => p.npi === b[i]?.npi).length).toBeLessThan(3);
  });

  it('restarts the stream on each call and yields nothing for count 0', () => {
    const d = generateDirectory({ count: 40, seed: 3 });
    expect([...d.profiles()]).toEqual([...d.profiles()]);
    expect(take(0, 3)).toEqual([]);
  });

  it('rejects a count or seed that is not a usable integer', () => {
    for (const count of [-1, 1.5, Number.NaN, 2 ** 26 + 1]) {
      expect(() => generateDirectory({ count, seed: 1 })).toThrow(RangeError);
    }
    expect(() => generateDirectory({ count: 1, seed: 0.5 })).toThrow(RangeError);
    expect(() => generateProfile(1, -1)).toThrow(RangeError);
  });

  it('produces only profiles, networks and plans the directory schemas accept', () => {
    const d = generateDirectory({ count: 10_000, seed: 11 });
    for (const p of d.profiles()) expect(DirectoryProfile.parse(p)).toEqual(p);
    for (const n of d.networks) NetworkRecord.parse(n);
    for (const p of d.plans) InsurancePlanRecord.parse(p);
  });

  it('has ~12 networks and ~25 plans, each plan paying in 1–3 known networks', () => {
    const { networks, plans } = generateDirectory({ count: 0, seed: 1 });
    const ids = new Set(networks.map((n) => n.id));
    expect(ids.size).toBe(networks.length);
    expect(networks.length).toBeGreaterThanOrEqual(11);
    expect(plans.length).toBeGreaterThanOrEqual(20);
    for (const plan of plans) {
      expect(plan.networkIds.length).toBeGreaterThanOrEqual(1);
      expect(plan.networkIds.length).toBeLessThanOrEqual(3);
      for (const id of plan.networkIds) expect(ids.has(id)).toBe(true);
    }
    expect(new Set(plans.map((p) => p.ownerName)).size).toBeGreaterThanOrEqual(4);
  });

  it('carries the sandbox practice’s active plans with the same networks', () => {
    const { plans } = generateDirectory({ count: 0, seed: 1 });
    const active = SANDBOX_PLANS.filter((p) => p.coverage_active);
    expect(active.length).toBeGreaterThan(0);
    for (const sandbox of active) {
      const plan = plans.find((p) => p.id === sandbox.plan_id);
      expect(plan?.networkIds.toSorted()).toEqual(sandbox.network_ids.toSorted());
    }
  });

  it('puts every profile in 1–5 known networks, each used somewhere', () => {
    const d = generateDirectory({ count: 5_000, seed: 5 });
    const ids = new Set(d.networks.map((n) => n.id));
    const used = new Set<string>();
    for (const p of d.profiles()) {
      expect(p.networkIds.length).toBeGreaterThanOrEqual(1);
      expect(p.networkIds.length).toBeLessThanOrEqual(5);
      for (const id of p.networkIds) used.add(id);
    }
    expect([...used].toSorted()).toEqual([...ids].toSorted());
  });

  it('groups practitioners: shared sites agree on place, some work at 2–3 sites', () => {
    const sites = new Map<string, { line: string; lat: number; lon: number; people: number }>();
    const perProfile = [0, 0, 0, 0];
    for (const p of take(5_000, 9)) {
      perProfile[p.locations.length] = (perProfile[p.locations.length] ?? 0) + 1;
      expect(new Set(p.locations.map((l) => l.id)).size).toBe(p.locations.length);
      for (const l of p.locations) {
        const seen = sites.get(l.id);
        const here = { line: l.line, lat: l.position?.lat ?? 0, lon: l.position?.lon ?? 0 };
        if (seen) expect({ line: seen.line, lat: seen.lat, lon: seen.lon }).toEqual(here);
        sites.set(l.id, { ...here, people: (seen?.people ?? 0) + 1 });
      }
    }
    const shared = [...sites.values()].filter((s) => s.people >= 3).length;
    expect(shared / sites.size).toBeGreaterThan(0.2);
    expect(perProfile[2]).toBeGreaterThan(100);
    expect(perProfile[3]).toBeGreaterThan(10);
    expect(perProfile[0]).toBe(0);
  });

  it('keeps acceptingNewPatients consistent between the profile and its locations', () => {
    for (const p of take(5_000, 13)) {
      const at = p.locations.map((l) => l.acceptingNewPatients);
      const overall = at.includes(true) ? true : at.includes(false) ? false : null;
      expect(p.acceptingNewPatients).toBe(overall);
      expect(p.locations[0]?.acceptingNewPatients).toBe(p.acceptingNewPatients);
    }
  });

  it('prefers a channel the profile has an endpoint for', () => {
    for (const p of take(5_000, 17)) {
      const channels = p.endpoints.map((e) => e.channel);
      if (channels.length === 0) expect(p.preferredChannel).toBeNull();
      else expect(channels).toContain(p.preferredChannel);
      expect(new Set(channels).size).toBe(channels.length);
    }
  });
});

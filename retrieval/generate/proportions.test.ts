import { describe, expect, it } from 'vitest';
import { type DirectoryProfile, distanceKm } from '../../src/domain/index.js';
import { SPECIALTIES } from '../specialty/index.js';
import { generateDirectory, METROS } from './index.js';

const N = 20_000;
const profiles: DirectoryProfile[] = [...generateDirectory({ count: N, seed: 2026 }).profiles()];
const share = (test: (p: DirectoryProfile) => boolean) => profiles.filter(test).length / N;
const primaryIs = (code: string) => share((p) => p.taxonomyCodes[0] === code);

describe(`the generated mix over ${N.toLocaleString('en-US')} profiles`, () => {
  it('has every specialty we refer to, with general ophthalmology the commonest eye code', () => {
    for (const [key, s] of Object.entries(SPECIALTIES)) {
      const codes: readonly string[] = s.taxonomies;
      const found = profiles.filter((p) => p.taxonomyCodes.some((c) => codes.includes(c)));
      expect(found.length, key).toBeGreaterThanOrEqual(15);
    }
    const eye = ['207W00000X', '207WX0107X', '207WX0009X', '207WX0120X'].map(primaryIs);
    expect(eye).toEqual(eye.toSorted((a, b) => b - a));
    expect(primaryIs('207WX0108X')).toBeLessThan(primaryIs('207WX0110X'));
    expect(primaryIs('207WX0109X')).toBeLessThan(primaryIs('207WX0110X'));
  });

  it('is led by primary care and internal medicine, with codes we never refer to', () => {
    const primary = share((p) =>
      SPECIALTIES['primary-care'].taxonomies.some((c) => c === p.taxonomyCodes[0]),
    );
    expect(primary).toBeGreaterThan(0.2);
    expect(primary).toBeLessThan(0.4);
    const never = ['207X00000X', '207V00000X', '208000000X', '2084P0800X'];
    for (const code of never) expect(primaryIs(code), code).toBeGreaterThan(0.01);
    const eye = share((p) =>
      p.taxonomyCodes.some((c) => c.startsWith('207W') || c.startsWith('152W')),
    );
    expect(eye).toBeGreaterThan(0.08);
    expect(eye).toBeLessThan(0.25);
  });

  it('speaks English everywhere and the other languages about as often as Plan-Net', () => {
    expect(share((p) => p.languages[0] === 'en')).toBe(1);
    const expected = { es: 0.18, zh: 0.15, pt: 0.15, vi: 0.12, ht: 0.11 };
    for (const [lang, p] of Object.entries(expected)) {
      expect(Math.abs(share((x) => x.languages.includes(lang)) - p), lang).toBeLessThan(0.02);
    }
    expect(share((p) => p.languages.length === 3)).toBeGreaterThan(0.05);
    expect(share((p) => p.languages.length > 3)).toBe(0);
  });

  it('accepts new patients ~70%, declines ~15%, does not say ~15%', () => {
    expect(Math.abs(share((p) => p.acceptingNewPatients === true) - 0.7)).toBeLessThan(0.02);
    expect(Math.abs(share((p) => p.acceptingNewPatients === false) - 0.15)).toBeLessThan(0.02);
    expect(Math.abs(share((p) => p.acceptingNewPatients === null) - 0.15)).toBeLessThan(0.02);
    expect(Math.abs(share((p) => p.active) - 0.98)).toBeLessThan(0.01);
  });

  it('clusters practices around metro centres, New England heaviest', () => {
    const nearest = (p: DirectoryProfile) => {
      const at = p.locations[0]?.position;
      return at ? Math.min(...METROS.map((m) => distanceKm(m, at))) : Number.POSITIVE_INFINITY;
    };
    const km = profiles.map(nearest);
    expect(km.filter((d) => d <= 20).length / N).toBeGreaterThanOrEqual(0.6);
    expect(km.filter((d) => d > 25).length / N).toBeGreaterThan(0.02);
    expect(Math.max(...km)).toBeLessThan(75);
    const newEngland = share((p) =>
      ['RI', 'MA', 'CT', 'NH', 'ME', 'VT'].includes(p.locations[0]?.state ?? ''),
    );
    expect(newEngland).toBeGreaterThan(0.4);
    const providence = { lat: 41.82, lon: -71.41 };
    const nearProvidence = share((p) => {
      const at = p.locations[0]?.position;
      return at !== null && at !== undefined && distanceKm(providence, at) < 25;
    });
    expect(nearProvidence).toBeGreaterThan(0.05);
  });

  it('has addresses with 5-digit ZIPs from the metro tables and 2-letter states', () => {
    const prefixes = new Set(METROS.flatMap((m) => m.zip3));
    for (const l of profiles.flatMap((p) => p.locations)) {
      expect(l.postalCode).toMatch(/^\d{5}$/);
      expect(prefixes.has(l.postalCode.slice(0, 3))).toBe(true);
      expect(l.state).toMatch(/^[A-Z]{2}$/);
      expect(l.line).toMatch(/^\d+ [A-Z]/);
    }
  });

  it('gives most profiles Direct and fax endpoints, some FHIR, a few portals', () => {
    const has = (channel: string) => share((p) => p.endpoints.some((e) => e.channel === channel));
    expect(has('direct')).toBeGreaterThan(0.7);
    expect(has('fax')).toBeGreaterThan(0.5);
    expect(has('fhir')).toBeGreaterThan(0.1);
    expect(has('fhir')).toBeLessThan(has('fax'));
    expect(has('portal')).toBeGreaterThan(0.03);
    expect(has('portal')).toBeLessThan(has('fhir'));
  });

  it('has metrics in range, often from small counts, sometimes missing', () => {
    const metrics = profiles.flatMap((p) => Object.entries(p.metrics));
    for (const [name, m] of metrics) {
      if (!m) continue;
      expect(m.source).toBe('generated');
      expect(m.asOf).toBe('2026-11-01');
      if (name === 'rating') expect(m.value >= 1 && m.value <= 5).toBe(true);
      if (name === 'loopClosureRate') expect(m.value >= 0 && m.value <= 1).toBe(true);
      if (name === 'waitDays') expect(Number.isInteger(m.value) && m.value >= 1).toBe(true);
    }
    const ratings = profiles.flatMap((p) => (p.metrics.rating ? [p.metrics.rating] : []));
    expect(ratings.filter((r) => (r.count ?? 0) < 5).length / ratings.length).toBeGreaterThan(0.25);
    for (const key of ['waitDays', 'rating', 'loopClosureRate'] as const) {
      const missing = share((p) => p.metrics[key] === null);
      expect(missing, key).toBeGreaterThan(0.05);
      expect(missing, key).toBeLessThan(0.4);
    }
  });
});

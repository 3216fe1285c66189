import { afterEach, describe, expect, it, vi } from 'vitest';
import { PLANS } from './catalog.js';
import { isValidNpi, npiCheckDigit } from './npi.js';
import { generatePractice } from './world.js';

const PROVIDENCE = { lat: 41.82, lon: -71.41 };

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('generatePractice', () => {
  it('is deterministic in its seed and never calls Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    const a = generatePractice(42, 'practice-demo', 40);
    const b = generatePractice(42, 'practice-demo', 40);
    expect(a).toEqual(b);
    expect(random).not.toHaveBeenCalled();
  });

  it('differs for a different seed', () => {
    const a = generatePractice(42, 'p', 40);
    const b = generatePractice(43, 'p', 40);
    expect(b.patients.slice(1)).not.toEqual(a.patients.slice(1));
    expect(b.providers.map((p) => p.npi)).not.toEqual(a.providers.map((p) => p.npi));
  });

  it('creates the requested number of patients with unique ids and MRNs', () => {
    const { patients } = generatePractice(7, 'p', 40);
    expect(patients).toHaveLength(40);
    expect(new Set(patients.map((p) => p.id)).size).toBe(40);
    expect(new Set(patients.map((p) => p.mrn)).size).toBe(40);
    expect(patients[39]?.id).toBe('pat-0040');
    expect(() => generatePractice(1, 'p', -1)).toThrow();
    expect(() => generatePractice(1, 'p', 1.5)).toThrow();
  });

  it('makes four referring providers prov-01..prov-04 whose NPIs pass the Luhn check', () => {
    for (const seed of [1, 42, 9999]) {
      const { providers } = generatePractice(seed, 'p', 1);
      expect(providers.map((p) => p.id)).toEqual(['prov-01', 'prov-02', 'prov-03', 'prov-04']);
      for (const p of providers) {
        expect(p.npi).toMatch(/^\d{10}$/);
        expect(isValidNpi(p.npi)).toBe(true);
        expect(p.name.length).toBeGreaterThan(0);
      }
    }
  });

  it('gives every patient exactly one primary coverage of a known plan', () => {
    const { patients } = generatePractice(42, 'p', 400);
    for (const patient of patients) {
      expect(patient.insurance.filter((c) => c.is_primary)).toHaveLength(1);
      for (const c of patient.insurance) {
        const plan = PLANS.find((p) => p.plan_id === c.plan_id);
        expect(plan, c.plan_id).toBeDefined();
        expect(c.payer_id).toBe(plan?.payer_id);
        expect(c.payer_name).toBe(plan?.payer_name);
        expect(c.plan_name).toBe(plan?.plan_name);
        expect(c.member_id).toMatch(/^(BW|HC|MC|OS)\d{9}$/);
      }
      const payers = patient.insurance.map((c) => c.payer_id);
      expect(new Set(payers).size).toBe(payers.length);
    }
  });

  it('puts most seniors on Medicare and about 5% on the lapsed plan', () => {
    const { patients } = generatePractice(42, 'p', 2000);
    const primary = (p: (typeof patients)[number]) => p.insurance.find((c) => c.is_primary);
    const seniors = patients.filter((p) => Number(p.birth_date.slice(0, 4)) <= 1960);
    const onMedicare = seniors.filter((p) => primary(p)?.plan_id === 'medicare-b').length;
    expect(onMedicare / seniors.length).toBeGreaterThan(0.7);
    const lapsed = patients.filter((p) => primary(p)?.plan_id === 'bluewave-lapsed').length;
    expect(lapsed / patients.length).toBeGreaterThan(0.03);
    expect(lapsed / patients.length).toBeLessThan(0.08);
  });

  it('generates plausible Rhode Island demographics', () => {
    const { patients } = generatePractice(42, 'practice-x', 300);
    const languages = new Set<string>();
    for (const p of patients) {
      expect(p.practice_id).toBe('practice-x');
      expect(km(PROVIDENCE, p.location)).toBeLessThan(45);
      expect(p.address.state).toBe('RI');
      expect(p.address.postal_code).toMatch(/^02[89]\d\d$/);
      const year = Number(p.birth_date.slice(0, 4));
      expect(year).toBeGreaterThanOrEqual(1935);
      expect(year).toBeLessThanOrEqual(2015);
      expect(Number.isNaN(Date.parse(p.birth_date))).toBe(false);
      expect(['female', 'male', 'other', 'unknown']).toContain(p.sex);
      expect(['sms', 'email', 'phone', 'portal', 'mail']).toContain(p.preferred_channel);
      expect(p.phone).toMatch(/^401-555-01\d\d$/);
      expect(p.email).toMatch(/^[a-z0-9.-]+@example\.org$/);
      expect(p.mrn).toMatch(/^MRN\d+$/);
      languages.add(p.language);
    }
    expect([...languages].sort()).toEqual(['en', 'es', 'ht', 'pt', 'vi', 'zh']);
    const english = patients.filter((p) => p.language === 'en').length;
    expect(english / patients.length).toBeGreaterThan(0.55);
  });

  it('keeps pat-0001 as the stable demo patient whatever the seed', () => {
    const a = generatePractice(42, 'practice-demo', 40).patients[0];
    const b = generatePractice(123, 'practice-demo', 5).patients[0];
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      id: 'pat-0001',
      language: 'en',
      address: { city: 'Providence', state: 'RI', postal_code: '02906' },
    });
    expect(a?.insurance).toHaveLength(1);
    expect(a?.insurance[0]).toMatchObject({ plan_id: 'bluewave-ppo', is_primary: true });
    expect(km(PROVIDENCE, a?.location ?? { lat: 0, lon: 0 })).toBeLessThan(5);
  });
});

describe('NPI check digit', () => {
  it('accepts the CMS example NPI and rejects a one-digit change', () => {
    expect(isValidNpi('1234567893')).toBe(true);
    expect(npiCheckDigit('123456789')).toBe(3);
    expect(isValidNpi('1234567890')).toBe(false);
    expect(isValidNpi('1234567993')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('12345678a3')).toBe(false);
  });
});

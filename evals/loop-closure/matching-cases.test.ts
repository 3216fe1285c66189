import { describe, expect, it } from 'vitest';
import { isValidNpi } from '../../src/domain/index.js';
import { loadMatchingSet } from './matching-cases.js';

const { referrals, cases, version } = loadMatchingSet();

describe('loop-closure-matching.jsonl', () => {
  it('has unique ids, valid NPIs and expectations that name known referrals', () => {
    const ids = new Set(referrals.map((r) => r.id));
    expect(ids.size).toBe(referrals.length);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(referrals.every((r) => isValidNpi(r.specialistNpi))).toBe(true);
    for (const c of cases) if (c.expected !== null) expect(ids).toContain(c.expected);
    expect(version).toMatch(/^[0-9a-f]{8}$/);
  });

  it('mixes messages with our id, with patient identifiers only, and for a coordinator', () => {
    const withId = cases.filter((c) => c.expected && c.message.placerId === c.expected);
    const byPatient = cases.filter((c) => c.expected && c.message.placerId !== c.expected);
    const coordinator = cases.filter((c) => c.expected === null);
    expect(withId.length).toBeGreaterThanOrEqual(5);
    expect(byPatient.length).toBeGreaterThanOrEqual(5);
    expect(coordinator.length).toBeGreaterThanOrEqual(5);
  });

  it('holds namesakes and closed loops, which a match on the name alone gets wrong', () => {
    const names = referrals.map((r) => `${r.patient.family}|${r.patient.given}`);
    expect(new Set(names).size).toBeLessThan(names.length);
    expect(referrals.some((r) => r.status === 'closed' || r.status === 'cancelled')).toBe(true);
  });
});

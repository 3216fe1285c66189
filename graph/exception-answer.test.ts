import { describe, expect, it } from 'vitest';
import type { HumanResponse } from '../src/domain/index.js';
import { exceptionAnswer, retryChoice, retryData } from './exception-answer.js';

const edit = (args: Record<string, unknown>): HumanResponse => ({
  type: 'edit',
  args: { action: 'resolve_exception', args: { referral_id: 'r', reason: 'x', ...args } },
});

describe('exceptionAnswer', () => {
  it('reads accept as a retry, an edit as a retry with a choice, anything else as a cancel', () => {
    expect(exceptionAnswer({ type: 'accept', args: null })).toEqual({
      kind: 'retry',
      specialty: null,
      specialist: null,
    });
    expect(exceptionAnswer(edit({ specialty: 'glaucoma' }))).toMatchObject({
      kind: 'retry',
      specialty: 'glaucoma',
    });
    expect(exceptionAnswer(edit({ npi: '1234567893', location_id: 'loc-1' }))).toMatchObject({
      specialist: { npi: '1234567893', locationId: 'loc-1' },
    });
    expect(exceptionAnswer(edit({ npi: '1234567893' }))).toMatchObject({
      specialist: { npi: '1234567893', locationId: null },
    });
    expect(exceptionAnswer({ type: 'response', args: 'duplicate' })).toEqual({
      kind: 'cancel',
      reason: 'duplicate',
    });
    expect(exceptionAnswer({ type: 'ignore', args: null })).toMatchObject({ kind: 'cancel' });
    expect(exceptionAnswer(undefined)).toMatchObject({ kind: 'cancel' });
  });

  it('refuses an edit (from any Agent Inbox client) that names no catalog specialty or valid NPI', () => {
    for (const args of [
      {},
      { specialty: 'cataract' },
      { npi: '12345' },
      { location_id: 'loc-1' },
    ]) {
      expect(() => exceptionAnswer(edit(args)), JSON.stringify(args)).toThrowError(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    }
  });

  it('keeps a chosen specialty for later rounds and a chosen specialist for the next match only', () => {
    const specialty = { kind: 'retry', specialty: 'retina', specialist: null } as const;
    const specialist = {
      kind: 'retry',
      specialty: null,
      specialist: { npi: '1234567893', locationId: null },
    } as const;
    const plain = { kind: 'retry', specialty: null, specialist: null } as const;
    expect(retryChoice(specialty)).toEqual({ chosenSpecialty: 'retina', chosenSpecialist: null });
    expect(retryChoice(specialist)).toEqual({ chosenSpecialist: specialist.specialist });
    expect(retryChoice(plain)).toEqual({});
    expect(retryData(specialist)).toEqual({
      decision: 'retry',
      npi: '1234567893',
      locationId: null,
    });
    expect(retryData(plain)).toEqual({ decision: 'retry' });
  });
});

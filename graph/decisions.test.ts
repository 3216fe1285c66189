import { describe, expect, it } from 'vitest';
import type { DirectoryProfile, ReviewDecision } from '../src/domain/index.js';
import { refuseUnlistedSpecialist, toHumanResponses } from './decisions.js';
import type { PendingInterrupt } from './runner.js';
import type { State } from './state.js';

const request = {
  action: 'send_referral',
  args: { referral_id: 'r', candidate_id: 'good@1', note: '' },
};
const review: PendingInterrupt = { id: 'i1', kind: 'review', value: { action_request: request } };
const exception: PendingInterrupt = {
  id: 'i2',
  kind: 'exception',
  value: { action_request: { action: 'resolve_exception', args: {} } },
};
const state = {
  recommendedId: 'good@1',
  candidates: [
    { candidateId: 'good@1', isValid: true },
    { candidateId: 'other@2', isValid: true },
    { candidateId: 'bad@3', isValid: false },
  ],
} as unknown as State;

describe('toHumanResponses', () => {
  it('maps approve to accept, reject to a response, and an edit to an edited action', () => {
    expect(toHumanResponses({ decision: 'approve' }, review, state)).toEqual([
      { type: 'accept', args: request },
    ]);
    expect(toHumanResponses({ decision: 'reject', note: 'wrong eye' }, review, state)).toEqual([
      { type: 'response', args: 'wrong eye' },
    ]);
    expect(
      toHumanResponses({ decision: 'edit', candidateId: 'other@2', note: 'n' }, review, state),
    ).toEqual([
      {
        type: 'edit',
        args: {
          action: 'send_referral',
          args: {
            ...request.args,
            candidate_id: 'other@2',
            note: 'n',
            packet_body: null,
            patient_message: null,
          },
        },
      },
    ]);
  });

  it('refuses a candidate that was not retrieved or is not eligible', () => {
    for (const candidateId of ['bad@3', 'invented@9']) {
      expect(() => toHumanResponses({ decision: 'edit', candidateId }, review, state)).toThrowError(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
    }
    expect(() => toHumanResponses({ decision: 'edit' }, review, state)).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('lets an exception be retried or cancelled, and nothing else', () => {
    expect(toHumanResponses({ decision: 'retry' }, exception, state)[0]?.type).toBe('accept');
    expect(toHumanResponses({ decision: 'reject' }, exception, state)[0]?.type).toBe('response');
    expect(() =>
      toHumanResponses({ decision: 'edit', candidateId: 'good@1' }, exception, state),
    ).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => toHumanResponses({ decision: 'retry' }, review, state)).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('turns a retry with a specialty or a specialist into an edit of the exception gate', () => {
    const exceptionState = { ...state, excludedNpis: [] } as unknown as State;
    expect(
      toHumanResponses({ decision: 'retry', specialty: 'glaucoma' }, exception, exceptionState),
    ).toEqual([
      { type: 'edit', args: { action: 'resolve_exception', args: { specialty: 'glaucoma' } } },
    ]);
    expect(
      toHumanResponses(
        { decision: 'retry', npi: '1234567893', locationId: 'loc-2' },
        exception,
        exceptionState,
      ),
    ).toEqual([
      {
        type: 'edit',
        args: { action: 'resolve_exception', args: { npi: '1234567893', location_id: 'loc-2' } },
      },
    ]);
    expect(
      toHumanResponses({ decision: 'approve', npi: '1234567893' }, exception, exceptionState)[0],
    ).toMatchObject({ type: 'edit', args: { args: { npi: '1234567893', location_id: null } } });
  });

  it('refuses a choice that is off the catalog, ambiguous, excluded, or on the wrong gate', () => {
    const exceptionState = { ...state, excludedNpis: ['1111111111'] } as unknown as State;
    const refusals: Array<[ReviewDecision, PendingInterrupt, string]> = [
      [{ decision: 'retry', specialty: 'cataract' }, exception, 'specialty'],
      [{ decision: 'retry', specialty: 'retina', npi: '1234567893' }, exception, 'npi'],
      [{ decision: 'retry', locationId: 'loc-1' }, exception, 'locationId'],
      [{ decision: 'retry', npi: '1111111111' }, exception, 'npi'],
      [{ decision: 'cancel', specialty: 'retina' }, exception, 'specialty'],
      [{ decision: 'reject', npi: '1234567893' }, exception, 'npi'],
      [{ decision: 'retry', specialty: 'retina' }, review, 'specialty'],
      [{ decision: 'edit', npi: '1234567893' }, review, 'npi'],
      [{ decision: 'approve', locationId: 'loc-1' }, review, 'locationId'],
    ];
    for (const [decision, gate, path] of refusals) {
      expect(() => toHumanResponses(decision, gate, exceptionState), path).toThrowError(
        expect.objectContaining({
          code: 'VALIDATION_FAILED',
          issues: [expect.objectContaining({ path })],
        }),
      );
    }
  });

  it('refuses a specialist the directory does not list as active, or a location not theirs', async () => {
    const profile = {
      npi: '1234567893',
      active: true,
      locations: [{ id: 'loc-1' }],
    } as unknown as DirectoryProfile;
    const inactive = { ...profile, active: false };
    const directory = {
      getProfile: async (npi: string) =>
        npi === profile.npi ? profile : npi === '1111111111' ? inactive : undefined,
    };
    const listed: ReviewDecision = { decision: 'retry', npi: '1234567893', locationId: 'loc-1' };
    await expect(refuseUnlistedSpecialist(listed, directory)).resolves.toBeUndefined();
    await expect(
      refuseUnlistedSpecialist({ decision: 'retry' }, directory),
    ).resolves.toBeUndefined();
    const refused: Array<[ReviewDecision, string]> = [
      [{ decision: 'retry', npi: '2222222222' }, 'npi'],
      [{ decision: 'retry', npi: '1111111111' }, 'npi'],
      [{ decision: 'retry', npi: '1234567893', locationId: 'loc-9' }, 'locationId'],
    ];
    for (const [decision, path] of refused) {
      await expect(refuseUnlistedSpecialist(decision, directory)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        issues: [{ path }],
      });
    }
  });

  it('refuses any decision while the thread only waits for the specialist', () => {
    const wait: PendingInterrupt = {
      id: 'i3',
      kind: 'await-response',
      value: { kind: 'await-response' },
    };
    expect(() => toHumanResponses({ decision: 'approve' }, wait, state)).toThrowError(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });
});

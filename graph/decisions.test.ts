import { describe, expect, it } from 'vitest';
import { toHumanResponses } from './decisions.js';
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

import { describe, expect, it } from 'vitest';
import { canaryNotes, makeCanaryPatient } from '../../evals/datasets/phi-canaries.js';
import { PROMPT_INJECTIONS } from '../../evals/datasets/prompt-injections.js';
import { deidentify } from './deidentify.js';
import { DIGIT_DETECTORS, SAFE_HARBOR_DETECTORS } from './safe-harbor.js';
import type { Mask } from './text.js';

/** Digits gone or swapped for lookalike letters ("4O1-555-Ol0l" is not a phone number). */
const withoutDigits = (text: string, i: number) =>
  i % 2 === 0
    ? text.replace(/[0-9]/g, '')
    : text.replace(/[0-9]/g, (d) => (d === '0' ? 'O' : d === '1' ? 'l' : 'x'));

const corpus = [
  ...Array.from({ length: 40 }, (_, i) => canaryNotes(makeCanaryPatient(i))),
  ...PROMPT_INJECTIONS,
  'Pt [PATIENT_NAME_1], DOB [DOB_1], seen on [DATE_2] at [ADDRESS_1], call [PHONE_1].',
  'MRN: ABCDEF; member ID WXYZ; SSN: none; phone: ask front desk; born April; aged ninety.',
].map(withoutDigits);

const recording = (): { mask: Mask; calls: string[] } => {
  const calls: string[] = [];
  return {
    calls,
    mask: (kind, original) => {
      calls.push(`${kind}:${original}`);
      return `[${kind}_1]`;
    },
  };
};

describe('the detectors skipped for text without a digit', () => {
  it('are Safe Harbor detectors, and not all of them', () => {
    for (const detect of DIGIT_DETECTORS) expect(SAFE_HARBOR_DETECTORS).toContain(detect);
    expect(DIGIT_DETECTORS.size).toBeLessThan(SAFE_HARBOR_DETECTORS.length);
  });

  it(`change nothing in ${corpus.length} digit-free texts (canary notes, injections, placeholders)`, () => {
    for (const text of corpus) {
      for (const detect of DIGIT_DETECTORS) {
        const { mask, calls } = recording();
        expect(detect(text, mask), `${detect.name} on ${text}`).toBe(text);
        expect(calls).toEqual([]);
      }
    }
  });

  it('still run when the only digits are outside placeholders', () => {
    expect(deidentify('[PATIENT_NAME_1] can be reached at 401-555-0101.').text).toBe(
      '[PATIENT_NAME_1] can be reached at [PHONE_1].',
    );
  });

  it('do not run on digits inside placeholders, and the other detectors still do', () => {
    const out = deidentify('[PATIENT_NAME_1] wrote from 2001:db8::ff00:42:8329 and dead::beef.');
    expect(out.text).toBe('[PATIENT_NAME_1] wrote from [IP_1] and [IP_2].');
    expect(deidentify('[DATE_1] Daughter Jane Roe called.').text).toBe(
      '[DATE_1] Daughter [NAME_1] called.',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { isNegated } from './finding-context.js';
import { tokenize } from './tokens.js';

/** Whether `finding` (a word or words of `text`) is negated there. */
function negated(text: string, finding: string): boolean {
  const tokens = tokenize(text);
  const words = tokenize(finding).map((t) => t.folded);
  const start = tokens.findIndex((_, i) => words.every((w, k) => tokens[i + k]?.folded === w));
  if (start < 0) throw new Error(`"${finding}" not in "${text}"`);
  return isNegated(tokens, start, start + words.length);
}

describe('isNegated', () => {
  it('reads a cue before the finding within its clause', () => {
    expect(negated('moderate NPDR OU, no DME seen', 'DME')).toBe(true);
    expect(negated('denies flashes or floaters', 'floaters')).toBe(true);
    expect(negated('negative for HLA-B27', 'HLA')).toBe(true);
    expect(negated('no evidence of papilledema', 'papilledema')).toBe(true);
    expect(negated('w/o macular edema', 'macular edema')).toBe(true);
  });

  it('reads a cue right after the finding', () => {
    expect(negated('retinal detachment ruled out on dilated exam', 'retinal detachment')).toBe(
      true,
    );
    expect(negated('RD not seen', 'RD')).toBe(true);
  });

  it('stops at the clause boundary, a contrast word, or far away', () => {
    expect(negated('no DME, moderate NPDR OU', 'NPDR')).toBe(false);
    expect(negated('no DME but PDR with NVD', 'PDR')).toBe(false);
    expect(negated('no pain today and the left upper lid now shows ptosis', 'ptosis')).toBe(false);
    expect(negated('no DME. Severe NPDR', 'NPDR')).toBe(false);
  });

  it('does not take "no improvement" or "not resolved" for a negation', () => {
    expect(negated('no improvement in ptosis', 'ptosis')).toBe(false);
    expect(negated('chalazion not resolved after warm compresses', 'chalazion')).toBe(false);
    expect(negated('constant watery eye, probing did not help', 'watery eye')).toBe(false);
  });
});

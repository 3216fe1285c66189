import { describe, expect, it } from 'vitest';
import { readability } from './readability.js';

describe('readability (Flesch–Kincaid grade)', () => {
  it('counts sentences, words and syllables of a hand-checked text', () => {
    // 2 sentences, 6 words, 6 syllables: 0.39 × 3 + 11.8 × 1 − 15.59 = −2.62.
    const r = readability('The cat sat. The dog ran.');
    expect(r).toMatchObject({ sentences: 2, words: 6, syllables: 6 });
    expect(r?.grade).toBeCloseTo(-2.62, 2);
  });

  it('does not end a sentence at a title or split words at numbers', () => {
    const r = readability('Dr. Kim will see you on May 5 at 10 a.m. at the clinic.');
    expect(r?.sentences).toBe(1);
    expect(r?.words).toBe(12);
  });

  it('puts a short plain message at or under grade 8', () => {
    const text =
      'Hello Maria, your eye doctor has sent you to Dr. Elena Vasquez. Her office will call you to set up a visit. If you do not hear from them in 7 days, please call us.';
    expect(readability(text)?.grade).toBeLessThanOrEqual(8);
  });

  it('puts dense clinical prose well above grade 8', () => {
    const text =
      'Your ophthalmologist has identified characteristics consistent with neovascular age-related macular degeneration, necessitating expeditious evaluation by a retinal subspecialist regarding intravitreal anti-vascular endothelial growth factor pharmacotherapy.';
    expect(readability(text)?.grade).toBeGreaterThan(12);
  });

  it('gives null for a text without words', () => {
    expect(readability('217-555-0142')).toBeNull();
  });
});

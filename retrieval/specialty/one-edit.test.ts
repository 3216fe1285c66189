import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withinOneEdit } from './one-edit.js';

describe('withinOneEdit', () => {
  it('accepts the typos providers make', () => {
    expect(withinOneEdit('glaucomma', 'glaucoma')).toBe(true);
    expect(withinOneEdit('gluacoma', 'glaucoma')).toBe(true);
    expect(withinOneEdit('keratoconis', 'keratoconus')).toBe(true);
    expect(withinOneEdit('catarct', 'cataract')).toBe(true);
    expect(withinOneEdit('papiledema', 'papilledema')).toBe(true);
  });

  it('refuses two edits and different words', () => {
    expect(withinOneEdit('glaucma', 'glaucomma')).toBe(false);
    expect(withinOneEdit('keratitis', 'scleritis')).toBe(false);
    expect(withinOneEdit('ab', 'ba')).toBe(true);
    expect(withinOneEdit('abc', 'cba')).toBe(false);
  });

  it('is symmetric and holds for every single edit of a word', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 8 });
    fc.assert(fc.property(word, word, (a, b) => withinOneEdit(a, b) === withinOneEdit(b, a)));
    fc.assert(
      fc.property(word, fc.nat(), fc.constantFrom('a', 'b', 'z'), (w, at, letter) => {
        const i = at % w.length;
        return (
          withinOneEdit(w, w.slice(0, i) + w.slice(i + 1)) &&
          withinOneEdit(w, w.slice(0, i) + letter + w.slice(i)) &&
          withinOneEdit(w, w.slice(0, i) + letter + w.slice(i + 1))
        );
      }),
    );
  });
});

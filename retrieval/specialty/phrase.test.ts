import { describe, expect, it } from 'vitest';
import { compilePhrase, findPhrase, vocabularyOf } from './phrase.js';
import { tokenize } from './tokens.js';

const vocabulary = vocabularyOf(
  ['esotropia', 'exotropia', 'glaucoma', 'chalazion'].map(compilePhrase),
);
const finds = (phrase: string, text: string) =>
  findPhrase(compilePhrase(phrase), tokenize(text), vocabulary).length > 0;

describe('findPhrase', () => {
  it('matches whole words in any case, plurals and one typo in long words', () => {
    expect(finds('retinal detachment', 'Retinal Detachment OS')).toBe(true);
    expect(finds('drusen', 'soft drusens')).toBe(true);
    expect(finds('glaucoma', 'r/o glaucomma')).toBe(true);
    expect(finds('chalazion', 'chalazian LUL')).toBe(true);
    expect(finds('amd', 'gamma')).toBe(false);
  });

  it('never reads a catalog word as a typo of another', () => {
    expect(finds('exotropia', 'intermittent esotropia')).toBe(false);
    expect(finds('esotropia', 'intermittent esotropia')).toBe(true);
  });

  it('matches short abbreviations only as written, longer ones in any case', () => {
    expect(finds('CI', 'CI with asthenopia')).toBe(true);
    expect(finds('CI', 'ci with asthenopia')).toBe(false);
    expect(finds('NPDR', 'mod npdr ou')).toBe(true);
    expect(finds('TED', 'ted talk')).toBe(false);
    expect(finds('TED', 'TED with proptosis')).toBe(true);
  });

  it('does not match across a clause boundary, and reads codes and numbers as one word', () => {
    expect(finds('macular hole', 'macular, hole')).toBe(false);
    expect(tokenize('IOP 32, c/d .8 OD; H40.1131').map((t) => t.raw)).toEqual([
      'IOP',
      '32',
      'c',
      'd',
      '8',
      'OD',
      'H40',
      '1131',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeLanguage } from './languages.js';

describe('normalizeLanguage', () => {
  it('keeps the lower-case primary subtag of a BCP-47 code', () => {
    expect(normalizeLanguage('en')).toBe('en');
    expect(normalizeLanguage('en-US')).toBe('en');
    expect(normalizeLanguage('ZH_Hant')).toBe('zh');
    expect(normalizeLanguage(' PT-br ')).toBe('pt');
  });

  it('maps display names', () => {
    expect(normalizeLanguage('Spanish')).toBe('es');
    expect(normalizeLanguage('Chinese')).toBe('zh');
    expect(normalizeLanguage('Portuguese')).toBe('pt');
    expect(normalizeLanguage('Vietnamese')).toBe('vi');
    expect(normalizeLanguage('Haitian')).toBe('ht');
    expect(normalizeLanguage('Haitian Creole')).toBe('ht');
    expect(normalizeLanguage('English')).toBe('en');
  });

  it('maps ISO 639-2 codes to their two-letter tags', () => {
    expect(normalizeLanguage('spa')).toBe('es');
    expect(normalizeLanguage('chi')).toBe('zh');
    expect(normalizeLanguage('hat')).toBe('ht');
  });

  it('returns null for nothing or something that is not a language tag', () => {
    expect(normalizeLanguage(undefined)).toBeNull();
    expect(normalizeLanguage('')).toBeNull();
    expect(normalizeLanguage('Klingonese dialect')).toBeNull();
    expect(normalizeLanguage('12')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { rewrite } from './text.js';

/** What `rewrite` must equal: the built-in replace, which walks a global regex the same way. */
const reference = (text: string, pattern: RegExp, replace: (match: string) => string) =>
  text.replace(pattern, (match: string) => replace(match));

describe('rewrite', () => {
  const cases: [string, RegExp][] = [
    ['call 401-555-0101 or 401-555-0199 today', /\d{3}-\d{3}-\d{4}/g],
    ['no match here', /\d+/g],
    ['', /x*/g],
    ['abc', /x*/g],
    ['a😀b😀', /(?:)/gu],
    ['a😀b😀', /(?:)/g],
    ['Ada ada ADA', /ada/gi],
    ['é😀é', /\p{L}?/gu],
  ];
  for (const [text, pattern] of cases) {
    it(`replaces every match of ${pattern} in ${JSON.stringify(text)} as replace() does`, () => {
      const tag = (m: string) => `<${m}>`;
      expect(rewrite(text, pattern, (m) => tag(m[0]))).toBe(reference(text, pattern, tag));
    });
  }

  it('gives the match its index and input, and leaves the regex at lastIndex 0', () => {
    const pattern = /\d+/g;
    const seen: [number, string][] = [];
    rewrite('a1 b22 c333', pattern, (m) => {
      seen.push([m.index, m.input.slice(0, m.index)]);
      return '#';
    });
    expect(seen).toEqual([
      [1, 'a'],
      [4, 'a1 b'],
      [8, 'a1 b22 c'],
    ]);
    expect(pattern.lastIndex).toBe(0);
  });

  it('keeps its place when the replacement uses the same regex', () => {
    const pattern = /\d+/g;
    const out = rewrite('1 22 333', pattern, (m) =>
      rewrite(`[${m[0]}]`, pattern, (n) => `${n[0].length}`),
    );
    expect(out).toBe('[1] [2] [3]');
  });

  it('refuses a regex without the global flag, which would match forever', () => {
    expect(() => rewrite('a', /a/, () => 'b')).toThrow(TypeError);
  });
});

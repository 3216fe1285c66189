import { describe, expect, it } from 'vitest';
import { scanForCanaries } from './phi-scan.js';

describe('scanForCanaries', () => {
  it('finds every occurrence, case-insensitively, with where and around', () => {
    const r = scanForCanaries(
      'log',
      ['ok', 'Pt QUILLAaaab and quillaaaab', 'none'],
      ['Quillaaaab'],
    );
    expect(r.leaks.map((l) => l.index)).toEqual([1, 1]);
    expect(r.leaks[0]?.context).toContain('QUILLAaaab');
    expect(r).toMatchObject({ sink: 'log', texts: 3 });
    expect(r.bytes).toBe(2 + 28 + 4);
  });

  it('counts a digits-only canary only when no hex digit touches it', () => {
    const texts = ['trace 0a02801f', 'ZIP 02801.', 'MRN88000001', 'ts 1702801999'];
    const r = scanForCanaries('otlp', texts, ['02801', '88000001']);
    expect(r.leaks.map((l) => `${l.index}:${l.canary}`)).toEqual(['1:02801', '2:88000001']);
  });

  it('finds nothing in clean text', () => {
    expect(scanForCanaries('x', ['[PATIENT_NAME_1] seen'], ['Quillaaaab']).leaks).toEqual([]);
  });
});

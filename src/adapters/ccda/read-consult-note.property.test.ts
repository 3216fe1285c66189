import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildConsultNoteXml } from '../../../test/support/ccda-documents.js';
import { CcdaProblem, ConsultNote } from '../../domain/index.js';
import { readConsultNote } from './index.js';

const SAMPLE = fileURLToPath(
  new URL(
    '../../../../shared/data/hl7-c-cda-examples/Documents/Consultation Note/Consultation_Note.xml',
    import.meta.url,
  ),
);
/** The public sample when present (90 kB), else a built note: the property holds for both. */
const BASE = existsSync(SAMPLE)
  ? readFileSync(SAMPLE, 'utf8')
  : buildConsultNoteXml({
      author: { given: 'Rosa', family: 'Neil', npi: '1234567893' },
      assessment: 'Wet AMD OS.',
      plan: 'Inject.',
    });

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'drop-closing-tag'; nth: number }
  | { kind: 'replace'; at: number; length: number; text: string };

const XMLISH = fc.constantFrom(
  '<',
  '>',
  '&',
  '/',
  '"',
  "'",
  '=',
  '!',
  '?',
  '[',
  ']',
  ';',
  '#',
  ' ',
);
const noisy = fc
  .array(fc.oneof(XMLISH, fc.string({ maxLength: 3 }), fc.constantFrom('<!--', ']]>', '&amp;')), {
    maxLength: 8,
  })
  .map((parts) => parts.join(''));
/** Unbiased, so truncations spread over the whole document instead of clustering at its start. */
const position = fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((n) => n / 1_000_000);
const words = fc.stringMatching(/^[A-Za-z0-9 ]{1,12}$/);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  position.map((p) => ({ kind: 'truncate' as const, at: p })),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: noisy }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: words }),
  fc.record({ kind: fc.constant('drop-closing-tag' as const), nth: fc.nat() }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: position,
    length: fc.integer({ min: 1, max: 40 }),
    text: noisy,
  }),
);

function apply(xml: string, m: Mutation): string {
  const at = (p: number) => Math.floor(p * xml.length);
  switch (m.kind) {
    case 'truncate':
      return xml.slice(0, at(m.at));
    case 'insert':
      return xml.slice(0, at(m.at)) + m.text + xml.slice(at(m.at));
    case 'replace':
      return xml.slice(0, at(m.at)) + m.text + xml.slice(at(m.at) + m.length);
    case 'drop-closing-tag': {
      const closings = [...xml.matchAll(/<\/[^>]+>/g)];
      const hit = closings[m.nth % Math.max(1, closings.length)];
      if (hit?.index === undefined) return xml;
      return xml.slice(0, hit.index) + xml.slice(hit.index + hit[0].length);
    }
  }
}

describe('readConsultNote on mutated consult notes (property, seed 20240611)', () => {
  it('never throws, and answers a note or one of the closed problems', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const xml = mutations.reduce(apply, BASE);
        const result = readConsultNote(xml);
        seen.add(result.ok ? 'ok' : result.problem);
        if (result.ok) {
          expect(ConsultNote.safeParse(result.note).success).toBe(true);
          expect(result.note.sections.every((s) => s.text.length <= 4000)).toBe(true);
        } else {
          expect(CcdaProblem.options).toContain(result.problem);
          expect(result.detail, 'the catch-all hides a defect').not.toBe(
            'the document could not be read',
          );
          expect(result.detail).not.toMatch(/Betterhalf|Eve|444-22-2222|diabetic/);
        }
      }),
      { numRuns: 600, seed: 20_240_611 },
    );
    expect(seen.has('ok')).toBe(true);
    expect(seen.has('not_xml')).toBe(true);
  }, 60_000);
});

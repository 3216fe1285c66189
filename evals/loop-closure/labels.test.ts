import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLoopLabels } from './labels.js';

const DATA = fileURLToPath(new URL('../../../shared/data', import.meta.url));
const { labels, version } = loadLoopLabels();

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(join(DATA, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, ext);
    return entry.name.endsWith(ext) ? [path] : [];
  });
}

describe('loop-closure-labels.jsonl', () => {
  it('labels each path once, with a reason, and has a content version', () => {
    expect(new Set(labels.map((l) => l.path)).size).toBe(labels.length);
    expect(version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('gives every C-CDA document its kind and fields, and fragments neither', () => {
    for (const l of labels) {
      if (l.format !== 'ccda') continue;
      expect(l.documentKind === undefined).toBe(l.extract === undefined);
      if (!l.documentKind) expect(l.expected).toBe('none');
    }
  });

  it('covers every loop event the HL7 intake reports, and messages that report none', () => {
    const events = new Set(labels.map((l) => l.expected));
    for (const e of ['scheduled', 'rescheduled', 'appointment_cancelled', 'no_show', 'seen']) {
      expect(events).toContain(e);
    }
    for (const e of ['consult_received', 'cancelled', 'none']) expect(events).toContain(e);
  });

  it.skipIf(!existsSync(DATA))('labels every public HL7 v2 and C-CDA sample', () => {
    const samples = [
      ...filesUnder('fhir-converter-samples/hl7v2', '.hl7'),
      ...filesUnder('fhir-converter-samples/ccda', '.xml'),
      ...filesUnder('hl7-c-cda-examples', '.xml'),
    ].sort();
    expect(labels.map((l) => l.path).sort()).toEqual(samples);
  });
});

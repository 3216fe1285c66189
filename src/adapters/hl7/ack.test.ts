import { Hl7Message } from '@medplum/core';
import { describe, expect, it } from 'vitest';
import { buildHl7Message } from '../../../test/support/hl7-messages.js';
import { HL7_PROBLEMS, type Hl7Header } from '../../domain/index.js';
import { ackCodeFor, buildHl7Ack } from './ack.js';
import { readHl7Message } from './read-message.js';

const NOW = new Date('2026-12-03T14:30:00Z');
const headerOf = (raw: string): Hl7Header => {
  const reading = readHl7Message(raw);
  if (reading.kind === 'unreadable') throw new Error('unreadable');
  return reading.header;
};
const segmentsOf = (ack: string) => ack.split('\r');

describe('buildHl7Ack', () => {
  const header = headerOf(
    buildHl7Message({ type: 'SIU^S12', version: '2.5.1', controlId: 'MSG-77' }).replace(
      'SPECAPP|SPECIALIST EYE|LOOPAPP|REFERRING PRACTICE',
      'SPECAPP|SPEC EYE^2.16.1^ISO|LOOPAPP|OUR PRACTICE',
    ),
  );

  it('accepts with AA: sender and receiver swapped, same version and processing id', () => {
    const ack = buildHl7Ack(header, 'AA', { now: NOW, controlId: 'ACK1' });
    expect(segmentsOf(ack)).toEqual([
      'MSH|^~\\&|LOOPAPP|OUR PRACTICE|SPECAPP|SPEC EYE|20261203143000+0000||ACK^S12^ACK|ACK1|P|2.5.1',
      'MSA|AA|MSG-77',
    ]);
    const parsed = Hl7Message.parse(ack);
    expect(parsed.getSegment('MSA')?.getComponent(2, 1)).toBe('MSG-77');
  });

  it.each(['SIU^S16', 'SIU^S17', 'MDM^T06', 'MDM^T10'])(
    'acknowledges %s (read as the type with the same event) under its own trigger',
    (type) => {
      const [family = '', trigger = ''] = type.split('^');
      const base = family === 'SIU' ? 'SIU^S12' : 'MDM^T02';
      const raw = buildHl7Message({ type: base, version: '2.5.1', controlId: 'MSG-78' }).replace(
        `${base}^${base.replace('^', '_')}`,
        `${type}^${type.replace('^', '_')}`,
      );
      const reading = readHl7Message(raw);
      expect(reading.kind).toBe('read');
      const ack = buildHl7Ack(headerOf(raw), 'AA', { now: NOW, controlId: 'ACK2' });
      expect(segmentsOf(ack)[0]).toContain(`|ACK^${trigger}^ACK|ACK2|`);
      expect(segmentsOf(ack)[1]).toBe('MSA|AA|MSG-78');
    },
  );

  it('adds an ERR (v2.5+ layout) for AE and AR', () => {
    const ae = buildHl7Ack(header, 'AE', { problem: 'missing_required_field', now: NOW });
    expect(segmentsOf(ae).slice(1)).toEqual([
      'MSA|AE|MSG-77|Required field missing',
      'ERR|||101^Required field missing^HL70357|E||||Required field missing',
    ]);
    const ar = buildHl7Ack(header, 'AR', { problem: 'unsupported_message_type', now: NOW });
    expect(segmentsOf(ar).slice(1)).toEqual([
      'MSA|AR|MSG-77|Unsupported message type',
      'ERR||MSH^1^9|200^Unsupported message type^HL70357|E||||Unsupported message type',
    ]);
  });

  it('uses the v2.3/2.4 ERR layout (ERR-1 only) for older versions', () => {
    const old = headerOf(buildHl7Message({ type: 'ADT^A04', version: '2.3', controlId: 'OLD1' }));
    const ack = buildHl7Ack(old, 'AR', { problem: 'unsupported_version', now: NOW });
    expect(segmentsOf(ack)).toEqual([
      expect.stringMatching(/\|ACK\^A04\^ACK\|ACK[0-9A-F]{16}\|P\|2\.3$/),
      'MSA|AR|OLD1|Unsupported version id',
      'ERR|MSH^1^12^203&Unsupported version id&HL70357',
    ]);
  });

  it('answers without a header: empty MSA-2, default version, AR', () => {
    const ack = buildHl7Ack(null, 'AR', { problem: 'no_msh', now: NOW, controlId: 'ACK2' });
    expect(segmentsOf(ack)).toEqual([
      'MSH|^~\\&|||||20261203143000+0000||ACK|ACK2|P|2.5.1',
      'MSA|AR||No MSH segment',
      'ERR|||100^No MSH segment^HL70357|E||||No MSH segment',
    ]);
  });

  it('escapes what it echoes and cleans caller text', () => {
    const odd = { ...header, controlId: 'A|B^C', trigger: 'S^1' };
    const ack = buildHl7Ack(odd, 'AE', { text: 'bad\r\nthing | here', problem: 'malformed_field' });
    const [msh, msa, err] = segmentsOf(ack);
    expect(msh).toContain('|ACK^S\\S\\1^ACK|');
    expect(msa).toBe('MSA|AE|A\\F\\B\\S\\C|bad  thing \\F\\ here');
    expect(err).toContain('102^bad  thing \\F\\ here^HL70357');
    expect(segmentsOf(ack)).toHaveLength(3);
  });

  it('gives a fresh control id to each ACK', () => {
    const ids = new Set(
      Array.from({ length: 50 }, () =>
        Hl7Message.parse(buildHl7Ack(header, 'AA')).getSegment('MSH')?.getComponent(10, 1),
      ),
    );
    expect(ids.size).toBe(50);
  });

  it('never carries the patient: no PID value appears in any ACK', () => {
    const raw = buildHl7Message({
      type: 'REF^I12',
      controlId: 'PHI-1',
      mrn: 'MRN-PHI-424242',
      otherId: 'SSN-999-88-7777',
      family: 'Quuxworthington',
      given: 'Zebediah',
      birthDate: '1931-02-27',
      note: 'Zebediah prefers mornings',
    });
    const reading = readHl7Message(raw);
    expect(reading.kind).toBe('read');
    const withoutPid = raw.replace(/\rPID\|[^\r]*/, '');
    const readings = [reading, readHl7Message(withoutPid)];
    for (const r of readings) {
      if (r.kind === 'unreadable') throw new Error('unreadable');
      for (const code of ['AA', 'AE', 'AR'] as const) {
        for (const problem of HL7_PROBLEMS) {
          const ack = buildHl7Ack(r.header, code, { problem });
          for (const value of [
            'MRN-PHI-424242',
            'SSN-999-88-7777',
            'Quuxworth',
            'Zebediah',
            '19310227',
          ]) {
            expect(ack).not.toContain(value);
          }
        }
      }
    }
  });

  it('maps problems to AR, or AE for content the sender got wrong', () => {
    const codes = Object.fromEntries(HL7_PROBLEMS.map((p) => [p, ackCodeFor(p)]));
    expect(codes).toEqual({
      empty: 'AR',
      too_large: 'AR',
      no_msh: 'AR',
      bad_encoding_characters: 'AR',
      batch_not_supported: 'AR',
      malformed_segment: 'AR',
      missing_control_id: 'AR',
      unsupported_version: 'AR',
      unsupported_message_type: 'AR',
      missing_required_field: 'AE',
      malformed_field: 'AE',
      internal_error: 'AR',
      unauthorized: 'AR',
      unreadable_document: 'AE',
    });
  });
});

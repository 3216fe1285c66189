import { describe, expect, it } from 'vitest';
import { buildHl7Message, type Hl7MessageSpec } from '../../../test/support/hl7-messages.js';
import type { Hl7Reading } from '../../domain/index.js';
import { HL7_MAX_BYTES } from './header.js';
import { readHl7Message } from './read-message.js';

const NPI = '1234567893';
const message = (spec: Partial<Hl7MessageSpec> = {}) =>
  buildHl7Message({ type: 'SIU^S12', version: '2.5.1', ...spec });
const withoutSegments = (raw: string, ...names: string[]) =>
  raw
    .split('\r')
    .filter((line) => !names.includes(line.slice(0, 3)))
    .join('\r');
const replaceSegment = (raw: string, name: string, line: string) =>
  raw
    .split('\r')
    .map((l) => (l.startsWith(`${name}|`) ? line : l))
    .join('\r');
const readOk = (raw: string) => {
  const reading = readHl7Message(raw);
  if (reading.kind !== 'read') throw new Error(`expected read, got ${JSON.stringify(reading)}`);
  return reading.message;
};
const problemOf = (reading: Hl7Reading) => (reading.kind === 'read' ? null : reading.problem);

describe('readHl7Message: refusals', () => {
  it.each([
    ['', 'empty'],
    ['   \r\n\t ', 'empty'],
    ['\uFEFF', 'empty'],
    ['PID|1||X', 'no_msh'],
    ['hello world', 'no_msh'],
    ['MSH', 'no_msh'],
    ['MSH|^~\\|X', 'bad_encoding_characters'],
    ['MSH|^^\\&|X', 'bad_encoding_characters'],
    ['MSHa^~\\&a', 'bad_encoding_characters'],
  ])('%j is unreadable (%s)', (raw, problem) => {
    expect(readHl7Message(raw)).toEqual({ kind: 'unreadable', problem });
  });

  it('refuses a batch or two messages, but not "MSH" as a field value', () => {
    const one = message({ controlId: 'A1' });
    expect(problemOf(readHl7Message(`${one}\r${message({ controlId: 'A2' })}`))).toBe(
      'batch_not_supported',
    );
    expect(problemOf(readHl7Message(`BHS|^~\\&\r${one}\rBTS|1`))).toBe('batch_not_supported');
    const pidWithMsh = replaceSegment(one, 'PID', 'PID|1||MSH^^^X||Doe^Jane||19700101|F|||MSH');
    expect(readOk(pidWithMsh).patient.ids).toEqual(['MSH']);
  });

  it.each([
    ['2.2', 'unsupported_version'],
    ['2.9', 'unsupported_version'],
    ['3.0', 'unsupported_version'],
    ['', 'unsupported_version'],
    ['2.5.1.1', 'unsupported_version'],
  ])('MSH-12 %j is %s', (version, problem) => {
    const raw = message().replace('|P|2.5.1', `|P|${version}`);
    expect(problemOf(readHl7Message(raw))).toBe(problem);
  });

  it('accepts 2.8.x versions', () => {
    expect(readOk(message().replace('|P|2.5.1', '|P|2.8.2')).version).toBe('2.8.2');
  });

  it.each([
    'SIU^S18',
    'MDM^T01',
    'MDM^T05',
    'ADT^A08',
    'ACK^S12',
    'ORU^R30',
    'ZZZ^Z01',
    '^',
    'SIU',
  ])('MSH-9 %s is unsupported_message_type, with its header kept', (type) => {
    const raw = message({ controlId: 'KEEP1' }).replace('SIU^S12^SIU_S12', type);
    expect(readHl7Message(raw)).toMatchObject({
      kind: 'rejected',
      problem: 'unsupported_message_type',
      header: { controlId: 'KEEP1', sendingFacility: 'SPECIALIST EYE' },
    });
  });

  it('needs MSH-10 and a PID', () => {
    expect(problemOf(readHl7Message(message({ controlId: '' })))).toBe('missing_control_id');
    expect(problemOf(readHl7Message(message({ controlId: 'x'.repeat(200) })))).toBe(
      'malformed_field',
    );
    for (const type of ['SIU^S12', 'ADT^A01', 'MDM^T02', 'ORU^R01', 'REF^I12'] as const) {
      const raw = withoutSegments(buildHl7Message({ type }), 'PID');
      expect(readHl7Message(raw)).toMatchObject({
        kind: 'rejected',
        problem: 'missing_required_field',
        detail: 'The PID segment is missing.',
      });
    }
  });

  it('refuses a line that is not a segment (a PID with | and ^ swapped)', () => {
    const raw = replaceSegment(message(), 'PID', 'PID^1^^MRN1|||HOSP^^Doe|Jane');
    expect(problemOf(readHl7Message(raw))).toBe('malformed_segment');
  });

  it('refuses more than 1 MiB but keeps the header', () => {
    const raw = `${message({ controlId: 'BIG1', note: 'x'.repeat(HL7_MAX_BYTES) })}`;
    expect(readHl7Message(raw)).toMatchObject({
      kind: 'rejected',
      problem: 'too_large',
      header: { controlId: 'BIG1' },
    });
    const fits = message({ note: 'y'.repeat(HL7_MAX_BYTES - 2000) });
    expect(readHl7Message(fits).kind).toBe('read');
  });

  it('refuses a placer id longer than an EI allows', () => {
    expect(problemOf(readHl7Message(message({ placerId: 'p'.repeat(200) })))).toBe(
      'malformed_field',
    );
  });
});

describe('readHl7Message: mapping details', () => {
  it('falls back from SCH-26 to SCH-1 only when SCH-26 is empty', () => {
    expect(readOk(message({ placerId: null, placerAppointmentId: 'APPT-7' })).placerId).toBe(
      'APPT-7',
    );
    expect(readOk(message({ placerAppointmentId: 'APPT-7' })).placerId).toBe('REF-000123');
    expect(readOk(message({ placerId: null })).placerId).toBeUndefined();
  });

  it('takes the SIU start from SCH-11 up to v2.5, TQ1-7 after, then the resource segments', () => {
    const at = '2026-12-03T14:30:00.000Z';
    const v24 = withoutSegments(message({ version: '2.4' }), 'AIS', 'AIP');
    expect(readOk(v24).appointmentAt).toBe(at);
    const v28 = withoutSegments(message({ version: '2.8' }), 'AIS', 'AIP');
    expect(readOk(v28).appointmentAt).toBe(at);
    const aipOnly = withoutSegments(message({ version: '2.8' }), 'AIS', 'TQ1');
    expect(readOk(aipOnly).appointmentAt).toBe(at);
  });

  it('reads an SIU without any start time, with appointmentAt absent', () => {
    const raw = withoutSegments(message({ version: '2.8' }), 'AIS', 'AIP', 'TQ1');
    const read = readOk(raw);
    expect(read.event).toBe('scheduled');
    expect(read.appointmentAt).toBeUndefined();
    expect(read.at).toBeUndefined();
  });

  it('drops values that do not validate instead of passing garbage on', () => {
    const raw = replaceSegment(
      message({ npi: '1234567890' }),
      'PID',
      'PID|1||A1||12345^67890||1988-08-18|F',
    );
    const read = readOk(raw);
    expect(read.patient).toEqual({ ids: ['A1'] });
    expect(read.providerNpi).toBeUndefined();
  });

  it('skips the referring doctor (PV1-8) and the ordering provider (OBR-16): that is us', () => {
    expect(readOk(buildHl7Message({ type: 'ADT^A04' })).providerNpi).toBeUndefined();
    expect(readOk(buildHl7Message({ type: 'ORU^R01' })).providerNpi).toBeUndefined();
    const consulting = replaceSegment(
      buildHl7Message({ type: 'ADT^A01' }),
      'PV1',
      `PV1|1|O|||||ATT^A|1234567893^Ref|${NPI}^Consulting`,
    );
    expect(readOk(consulting).providerNpi).toBe(NPI);
  });

  it('uses PV1-45 for A03 and falls back to EVN-2, then MSH-7', () => {
    const a01 = buildHl7Message({ type: 'ADT^A01', eventAt: '2027-01-02T03:04:05Z' });
    expect(readOk(a01).at).toBe('2027-01-02T03:04:05.000Z');
    const noPv1Time = replaceSegment(a01, 'PV1', 'PV1|1|O');
    expect(readOk(noPv1Time).at).toBe('2026-12-01T15:00:00.000Z');
    const noEvn = withoutSegments(noPv1Time, 'EVN');
    expect(readOk(noEvn).at).toBe('2026-12-01T15:00:00.000Z');
  });

  it('maps RF1-1 and the I14 trigger to events, and reads the RT provider only', () => {
    const events = (['A', 'R', 'P', 'E'] as const).map(
      (rf1Status) => readOk(buildHl7Message({ type: 'REF^I12', rf1Status })).event,
    );
    expect(events).toEqual(['acknowledged', 'declined', null, null]);
    expect(readOk(buildHl7Message({ type: 'REF^I14', rf1Status: 'A' })).event).toBe('cancelled');
    expect(readOk(buildHl7Message({ type: 'REF^I12' })).providerNpi).toBeUndefined();
    expect(readOk(buildHl7Message({ type: 'REF^I12', npi: NPI })).providerNpi).toBe(NPI);
  });

  it.each([
    ['SIU^S16^SIU_S16', 'SIU^S16'],
    ['SIU^S17^SIU_S17', 'SIU^S17'],
  ])('reads %s (no appointment stands) as a cancellation', (msh9, type) => {
    const reading = readHl7Message(message({ placerId: 'REF-9' }).replace('SIU^S12^SIU_S12', msh9));
    expect(reading).toMatchObject({
      kind: 'read',
      header: { messageType: 'SIU', trigger: msh9.slice(4, 7) },
      message: { type, event: 'appointment_cancelled', placerId: 'REF-9' },
    });
  });

  it.each(['MDM^T06^MDM_T06', 'MDM^T10^MDM_T10'])(
    'reads %s (addendum, replacement with content) as a document arriving, with its content',
    (msh9) => {
      const raw = `${buildHl7Message({ type: 'MDM^T02', version: '2.5.1', placerId: 'REF-9' })}\rOBX|1|TX|11488-4^Consult note^LN||Addendum: stable.||||||F`;
      const reading = readHl7Message(raw.replace('MDM^T02^MDM_T02', msh9));
      expect(reading).toMatchObject({
        kind: 'read',
        header: { messageType: 'MDM', trigger: msh9.slice(4, 7) },
        message: { type: msh9.slice(0, 7), event: 'consult_received', placerId: 'REF-9' },
      });
      if (reading.kind !== 'read') return;
      expect(reading.message.document?.content).toContain('Addendum: stable.');
    },
  );

  it('cuts notes to 2000 characters', () => {
    const note = readOk(message({ note: 'n'.repeat(5000) })).note;
    expect(note).toHaveLength(2000);
  });

  it('reads ED documents in Base64 or plain text and ignores binary ones', () => {
    const base = buildHl7Message({ type: 'MDM^T02' });
    const obx = (value: string, type = 'ED') =>
      `${base}\rOBX|1|${type}|11488-4^Consult note^LN||${value}||||||F`;
    const pdf = Buffer.from('%PDF-1.4\u0000\u0001binary').toString('base64');
    expect(readOk(obx(`^application^pdf^Base64^${pdf}`)).document).toBeUndefined();
    expect(readOk(obx('^text^plain^A^Seen\\.br\\stable^ok')).document).toEqual({
      format: 'text',
      content: 'Seen\nstable^ok',
      title: 'Consult note',
    });
    expect(readOk(obx('^text^plain^Base64^not base64!')).document).toBeUndefined();
    expect(readOk(obx('Line one\\.br\\Line two', 'FT')).document?.content).toBe(
      'Line one\nLine two',
    );
  });

  it('prefers a C-CDA over other encapsulated data', () => {
    const xml = '<ClinicalDocument xmlns="urn:hl7-org:v3"/>';
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const raw = [
      buildHl7Message({ type: 'ORU^R01' }),
      `OBX|1|ED|X^Other^L||^text^plain^Base64^${b64('just text')}||||||F`,
      `OBX|2|ED|Y^CCD^L||^text^XML^Base64^${b64(xml)}||||||F`,
    ].join('\r');
    expect(readOk(raw).document).toEqual({ format: 'ccda', content: xml, title: 'Consult note' });
  });

  it('honours declared encoding characters (\\F\\ is then the declared field separator)', () => {
    const standard = buildHl7Message({ type: 'MDM^T02', family: 'O|Brien', npi: NPI });
    const swap: Record<string, string> = { '|': '#', '^': '@', '\\': '!', '&': '$' };
    const custom = standard.replace(/[|^\\&]/g, (c) => swap[c] ?? c);
    const a = readHl7Message(standard);
    const b = readHl7Message(custom);
    expect(b.kind).toBe('read');
    if (a.kind === 'read' && b.kind === 'read') {
      expect(b.message).toEqual({
        ...a.message,
        patient: { ...a.message.patient, family: 'O#Brien' },
      });
      expect(b.header.encodingCharacters).toBe('#@~!$');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { escapeHl7, field, hl7Time, parseAck, positioned, segment } from './hl7.js';
import { splitName } from './specialist-offices.js';

describe('HL7 text', () => {
  it('escapes the five delimiters, the escape character first', () => {
    expect(escapeHl7('a|b^c~d\\e&f')).toBe('a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f');
    expect(escapeHl7('\\F\\')).toBe('\\E\\F\\E\\');
  });

  it('turns segment and frame characters in values into spaces', () => {
    expect(escapeHl7('line 1\rline 2\nx\u000by\u001cz')).toBe('line 1 line 2 x y z');
  });

  it('builds fields and segments without trailing empties', () => {
    expect(field('1234567893', 'Ruiz', 'Ana', '', undefined)).toBe('1234567893^Ruiz^Ana');
    expect(field('O|Brien')).toBe('O\\F\\Brien');
    expect(segment('RGS', ['1', '', ''])).toBe('RGS|1');
    expect(segment('RF1', positioned({ 1: 'A', 6: 'ref-1' }))).toBe('RF1|A|||||ref-1');
  });

  it('formats UTC timestamps at three precisions', () => {
    const at = new Date('2030-03-04T05:06:07.890Z');
    expect(hl7Time(at, 'day')).toBe('20300304');
    expect(hl7Time(at, 'minute')).toBe('203003040506');
    expect(hl7Time(at, 'second')).toBe('20300304050607');
  });

  it('reads MSA-1 and MSA-2 from an acknowledgement', () => {
    const ack = 'MSH|^~\\&|REFERRALS|p|OFFICE|NPI1|20300101||ACK^I12^ACK|a1|P|2.8\rMSA|AE|c-9|oops';
    expect(parseAck(ack)).toEqual({ code: 'AE', controlId: 'c-9' });
    expect(parseAck('MSA|AA|c-1\n')).toEqual({ code: 'AA', controlId: 'c-1' });
    expect(parseAck('MSH|^~\\&|x')).toBeUndefined();
    expect(parseAck('MSA||c-1')).toBeUndefined();
  });
});

describe('splitName', () => {
  it.each([
    ['Dr. Ana Ruiz, MD', { given: 'Ana', family: 'Ruiz' }],
    ['Maria del Carmen Soto MD', { given: 'Maria del Carmen', family: 'Soto' }],
    ['Okafor', { given: '', family: 'Okafor' }],
  ])('%s', (name, parts) => {
    expect(splitName(name)).toEqual(parts);
  });
});

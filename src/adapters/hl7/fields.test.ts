import { Hl7Context, Hl7Segment } from '@medplum/core';
import { describe, expect, it } from 'vitest';
import {
  componentOf,
  escapeHl7,
  hl7Date,
  hl7DateTime,
  idsOf,
  namePart,
  npiOf,
  textOf,
  unescapeHl7,
} from './fields.js';
import { encodingOf, segmentLines } from './header.js';

const standard = new Hl7Context();

describe('hl7DateTime', () => {
  it.each([
    ['20261203143000', '2026-12-03T14:30:00.000Z'],
    ['20261203143000+0000', '2026-12-03T14:30:00.000Z'],
    ['20261203093000-0500', '2026-12-03T14:30:00.000Z'],
    ['202109241000+0215', '2021-09-24T07:45:00.000Z'],
    ['20210817151943.4+0200', '2021-08-17T13:19:43.400Z'],
    ['20261203', '2026-12-03T00:00:00.000Z'],
    ['202612', '2026-12-01T00:00:00.000Z'],
    ['2026', '2026-01-01T00:00:00.000Z'],
    ['2026120314', '2026-12-03T14:00:00.000Z'],
  ])('%s -> %s', (value, iso) => {
    expect(hl7DateTime(value)).toBe(iso);
  });

  it.each([
    '',
    '2026-12-03',
    '20261303',
    '20260230',
    '20261203250000',
    '20261203146000',
    '2026120314300',
    '20261203143000+2500',
    '20261203143000+05',
    '202612031430.5',
    '17991231',
    'yesterday',
    '20261203 143000',
  ])('drops %j', (value) => {
    expect(hl7DateTime(value)).toBeUndefined();
  });

  it('reads a birth date as the calendar date written, ignoring time and offset', () => {
    expect(hl7Date('198808181126+0215')).toBe('1988-08-18');
    expect(hl7Date('19241010')).toBe('1924-10-10');
    expect(hl7Date('1924')).toBeUndefined();
    expect(hl7Date('19240231')).toBeUndefined();
  });
});

describe('unescapeHl7 / escapeHl7', () => {
  it('resolves the separator escapes, hex and line breaks', () => {
    expect(unescapeHl7('A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\F', standard)).toBe('A|B^C&D~E\\F');
    expect(unescapeHl7('x\\.br\\y', standard)).toBe('x\ny');
    expect(unescapeHl7('\\X48656C6C6F\\ \\XC3A9\\', standard)).toBe('Hello é');
    expect(unescapeHl7('\\H\\bold\\N\\', standard)).toBe('bold');
  });

  it('keeps unknown and unterminated escapes as written', () => {
    expect(unescapeHl7('a\\Q\\b', standard)).toBe('a\\Q\\b');
    expect(unescapeHl7('ends \\', standard)).toBe('ends \\');
    expect(unescapeHl7('\\X4\\', standard)).toBe('\\X4\\');
  });

  it('honours declared escape characters', () => {
    const custom = new Hl7Context('\r', '#', '@', '~', '!', '$');
    expect(unescapeHl7('a!F!b!S!c!T!d', custom)).toBe('a#b@c$d');
  });

  it('round-trips any value through escape and unescape', () => {
    for (const value of ['O|Brien^&~\\x', 'plain', '\\E\\ literal', 'a\nb']) {
      expect(unescapeHl7(escapeHl7(value), standard)).toBe(value);
    }
  });
});

describe('field readers', () => {
  const pid = Hl7Segment.parse(
    'PID|1||A1^^^H^MR~""~B2^^^X||DOE&van^JANE\\T\\ANN^Q||19700531|F|||||||||||||||||||||||||x',
    standard,
  );

  it('reads components, subcomponents and repetitions', () => {
    expect(componentOf(pid, 5, 1)).toBe('DOE');
    expect(componentOf(pid, 5, 1, { subcomponent: 1 })).toBe('van');
    expect(componentOf(pid, 5, 2)).toBe('JANE&ANN');
    expect(idsOf(pid, 3)).toEqual(['A1', 'B2']);
    expect(componentOf(pid, 99)).toBeUndefined();
    expect(componentOf(pid, 3, 1, { repetition: 9 })).toBeUndefined();
  });

  it('reads free text whole, even with unescaped component separators', () => {
    const nte = Hl7Segment.parse('NTE|1||Call^back & confirm~second line', standard);
    expect(textOf(nte, 3)).toBe('Call^back & confirm\nsecond line');
  });

  it('keeps only NPIs that pass the check digit', () => {
    const pv1 = Hl7Segment.parse(
      'PV1|1|O|||||1234567890^Bad~1234567893^Good|||1245319599',
      standard,
    );
    expect(npiOf(pv1, 7)).toBe('1234567893');
    expect(npiOf(pv1, 9, 7)).toBe('1234567893');
    expect(npiOf(pv1, 8)).toBeUndefined();
  });

  it('drops name parts with no letter', () => {
    expect(namePart('19700531')).toBeUndefined();
    expect(namePart('Ó Súilleabháin')).toBe('Ó Súilleabháin');
    expect(namePart('x'.repeat(101))).toBeUndefined();
  });
});

describe('encodingOf / segmentLines', () => {
  it('accepts four or five distinct non-alphanumeric encoding characters', () => {
    expect(encodingOf('MSH|^~\\&|A')?.subcomponentSeparator).toBe('&');
    expect(encodingOf('MSH|^~\\&#|A')?.escapeCharacter).toBe('\\');
    expect(encodingOf('MSH#@~!$#A')?.componentSeparator).toBe('@');
  });

  it.each(['MSH|^~\\|A', 'MSH|^^\\&|A', 'MSH|^~\\&^~|A', 'MSH|ab\\&|A', 'MSH', 'MSH|||A'])(
    'refuses %j',
    (line) => {
      expect(encodingOf(line)).toBeUndefined();
    },
  );

  it('splits on CR when present (a bare LF is then text), else on LF', () => {
    expect(segmentLines('MSH|a\rOBX|x\ny\r\n\rPID|')).toEqual(['MSH|a', 'OBX|x\ny', 'PID|']);
    expect(segmentLines('MSH|a\nPID|b\n\n')).toEqual(['MSH|a', 'PID|b']);
  });
});

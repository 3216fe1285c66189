import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvLine, readCsvRecords, splitCsvLine } from './csv.js';

describe('splitCsvLine', () => {
  it('splits plain and quoted fields', () => {
    expect(splitCsvLine('a,b,c')).toEqual(['a', 'b', 'c']);
    expect(splitCsvLine('"a","b","c"')).toEqual(['a', 'b', 'c']);
  });

  it('keeps commas inside quotes', () => {
    expect(splitCsvLine('"SMITH, JR","1 MAIN ST, STE 2",x')).toEqual([
      'SMITH, JR',
      '1 MAIN ST, STE 2',
      'x',
    ]);
  });

  it('turns doubled quotes into one', () => {
    expect(splitCsvLine('"say ""hi""",b')).toEqual(['say "hi"', 'b']);
    expect(splitCsvLine('""""')).toEqual(['"']);
  });

  it('keeps empty fields, leading, trailing and quoted', () => {
    expect(splitCsvLine(',a,,')).toEqual(['', 'a', '', '']);
    expect(splitCsvLine('"",""')).toEqual(['', '']);
    expect(splitCsvLine('')).toEqual(['']);
  });

  it('says when a quote stays open, and continues it on the next line', () => {
    const first = parseCsvLine('1,"two');
    expect(first.openQuote).toBe(true);
    const second = parseCsvLine('lines",3', first);
    expect(second).toEqual({ fields: ['1', 'two\nlines', '3'], openQuote: false });
  });
});

describe('readCsvRecords', () => {
  it('streams records, joining a quoted field across lines and skipping blank lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ingest-csv-'));
    try {
      const file = join(dir, 'x.csv');
      await writeFile(file, '\ufeffa,b\r\n1,"multi\r\nline"\r\n\r\n"3","x,y"\r\n');
      const records = [];
      for await (const r of readCsvRecords(file)) records.push(r);
      expect(records).toEqual([
        { fields: ['a', 'b'], line: 1 },
        { fields: ['1', 'multi\nline'], line: 2 },
        { fields: ['3', 'x,y'], line: 5 },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

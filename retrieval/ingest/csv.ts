import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** The result of parsing a line: its fields, and whether a quoted field is still open at the end. */
export interface CsvLineResult {
  fields: string[];
  openQuote: boolean;
}

/**
 * Splits one CSV line (RFC 4180: `"` quotes a field, `""` inside quotes is one `"`). Pass the
 * previous result as `carry` to continue a record whose quoted field spans lines.
 */
export function parseCsvLine(line: string, carry?: CsvLineResult): CsvLineResult {
  const fields = carry ? [...carry.fields] : [];
  let field = carry ? `${fields.pop() ?? ''}\n` : '';
  let quoted = carry?.openQuote ?? false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return { fields, openQuote: quoted };
}

/** The fields of a single complete CSV line. */
export function splitCsvLine(line: string): string[] {
  return parseCsvLine(line).fields;
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line number where the record starts. */
  line: number;
}

/** Streams CSV records line by line, joining lines while a quoted field is open. */
export async function* readCsvRecords(path: string): AsyncGenerator<CsvRecord> {
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let lineNo = 0;
  let pending: CsvLineResult | undefined;
  let start = 0;
  for await (const raw of lines) {
    lineNo += 1;
    const text = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (!pending) {
      if (text === '') continue;
      start = lineNo;
    }
    const result = parseCsvLine(text, pending);
    if (result.openQuote) {
      pending = result;
      continue;
    }
    pending = undefined;
    yield { fields: result.fields, line: start };
  }
  if (pending) yield { fields: pending.fields, line: start };
}

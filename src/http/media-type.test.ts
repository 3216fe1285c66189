import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isJsonContentType } from './media-type.js';

/** Each character of `text` in a random case. */
const anyCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((upper) => [...text].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(''));
const ows = fc.constantFrom('', ' ', '  ', '\t', ' \t ');

describe('isJsonContentType', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/json;charset=utf-8',
    'Application/JSON; Charset=UTF-8',
    'application/json ; charset = utf-8',
    'application/json; charset="utf-8"',
    'application/json;',
  ])('accepts %j', (header) => {
    expect(isJsonContentType(header)).toBe(true);
  });

  it.each([
    undefined,
    null,
    '',
    'text/plain',
    'text/json',
    'application/jsonp',
    'application/json-seq',
    'application/json5',
    'application/vnd.api+json',
    'application/ld+json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/*',
    '*/*',
    'application/json; charset=latin1',
    'application/json; charset=utf8',
    'application/json; charset=utf-16',
    'application/json; charset=',
    'application/json; charset',
    'application/json; boundary=x',
    'application/json; charset=utf-8; q=1',
    'application/json, text/plain',
    'application / json',
  ])('refuses %j', (header) => {
    expect(isJsonContentType(header)).toBe(false);
  });

  it('accepts application/json with a utf-8 charset in any case and spacing', () => {
    fc.assert(
      fc.property(
        anyCase('application/json'),
        fc.option(fc.tuple(ows, anyCase('charset'), ows, anyCase('utf-8'), fc.boolean())),
        (type, charset) => {
          const parameter = charset
            ? `;${charset[0]}${charset[1]}${charset[2]}=${charset[2]}${charset[4] ? `"${charset[3]}"` : charset[3]}`
            : '';
          expect(isJsonContentType(`${type}${parameter}`)).toBe(true);
        },
      ),
    );
  });

  it('refuses anything whose media type is not exactly application/json', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (header) => {
        const essence = header.split(';')[0]?.trim().toLowerCase();
        fc.pre(essence !== 'application/json');
        expect(isJsonContentType(header)).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (suffix) => {
        fc.pre(suffix.trim() !== '' && !suffix.trimStart().startsWith(';'));
        expect(isJsonContentType(`application/json${suffix}`)).toBe(false);
      }),
    );
  });
});

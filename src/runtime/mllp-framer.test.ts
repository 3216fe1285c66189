import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMllpDecoder, frameMllp, type MllpFrameEvent } from './mllp-framer.js';

const VT = '\x0b';
const FS = '\x1c';
const decodeAll = (chunks: Array<string | Buffer>, maxFrameBytes = 1024) => {
  const decoder = createMllpDecoder({ maxFrameBytes });
  return chunks.flatMap((c) => decoder.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : c));
};
const frames = (events: MllpFrameEvent[]) =>
  events.flatMap((e) => (e.kind === 'frame' ? [e.text] : []));
const withoutFraming = (s: string, by: string) => s.split(VT).join(by).split(FS).join(by);
const garbageBytes = (events: MllpFrameEvent[]) =>
  events.reduce((n, e) => n + (e.kind === 'garbage' ? e.bytes : 0), 0);

describe('createMllpDecoder', () => {
  it('decodes one frame', () => {
    expect(decodeAll([frameMllp('MSH|a')])).toEqual([{ kind: 'frame', text: 'MSH|a' }]);
  });

  it('decodes a frame pushed one byte at a time, multibyte characters included', () => {
    const bytes = frameMllp('MSH|Müller|日本');
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    expect(decodeAll(chunks)).toEqual([{ kind: 'frame', text: 'MSH|Müller|日本' }]);
  });

  it('decodes many frames in one chunk, in order', () => {
    const chunk = Buffer.concat(['one', 'two', 'three'].map(frameMllp));
    expect(frames(decodeAll([chunk]))).toEqual(['one', 'two', 'three']);
  });

  it('drops and counts bytes before and between frames', () => {
    const events = decodeAll([`junk!${VT}A${FS}\r\n\n${VT}B${FS}\r`]);
    expect(events).toEqual([
      { kind: 'garbage', bytes: 5 },
      { kind: 'frame', text: 'A' },
      { kind: 'garbage', bytes: 2 },
      { kind: 'frame', text: 'B' },
    ]);
  });

  it('restarts a frame at a VT inside it, counting the abandoned bytes', () => {
    const events = decodeAll([`${VT}AAA${VT}BBB${FS}\r`]);
    expect(events).toEqual([
      { kind: 'garbage', bytes: 4 },
      { kind: 'frame', text: 'BBB' },
    ]);
  });

  it('ends a frame at FS without CR, and swallows a CR that arrives in the next chunk', () => {
    expect(frames(decodeAll([`${VT}A${FS}${VT}B${FS}`]))).toEqual(['A', 'B']);
    const split = decodeAll([`${VT}A${FS}`, `\r${VT}B${FS}\r`]);
    expect(split).toEqual([
      { kind: 'frame', text: 'A' },
      { kind: 'frame', text: 'B' },
    ]);
    expect(decodeAll([`${VT}A${FS}`, 'x'])).toEqual([
      { kind: 'frame', text: 'A' },
      { kind: 'garbage', bytes: 1 },
    ]);
  });

  it('reports an oversize frame once, keeps no more than the cap, and reads the next frame', () => {
    const events = decodeAll(
      [`${VT}${'x'.repeat(6)}`, `${'y'.repeat(6)}${FS}\r`, frameMllp('ok')],
      10,
    );
    expect(events).toEqual([{ kind: 'oversize' }, { kind: 'frame', text: 'ok' }]);
    expect(decodeAll([frameMllp('x'.repeat(10))], 10)).toEqual([
      { kind: 'frame', text: 'x'.repeat(10) },
    ]);
    expect(decodeAll([`${VT}${'x'.repeat(11)}${VT}ok${FS}\r`], 10)).toEqual([
      { kind: 'oversize' },
      { kind: 'frame', text: 'ok' },
    ]);
  });

  it('ignores an empty chunk and a frame that never ends', () => {
    expect(decodeAll([Buffer.alloc(0), `${VT}pending`])).toEqual([]);
  });

  it('gives the same frames however the stream is chunked (property, seed 7)', () => {
    const payload = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => withoutFraming(s, '.'));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ unit: 'binary-ascii', maxLength: 5 }), payload), {
          maxLength: 8,
        }),
        fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 30 }),
        (items, cuts) => {
          const junk = (s: string) => withoutFraming(s, '');
          const stream = Buffer.concat(
            items.flatMap(([g, p]) => [Buffer.from(junk(g), 'utf8'), frameMllp(p)]),
          );
          const chunks: Buffer[] = [];
          for (let at = 0, k = 0; at < stream.length; k++) {
            const n = cuts[k % cuts.length] ?? 1;
            chunks.push(stream.subarray(at, at + n));
            at += n;
          }
          const events = decodeAll(chunks, 4096);
          expect(frames(events)).toEqual(items.map(([, p]) => p));
          const expectedGarbage = items.reduce((n, [g]) => n + Buffer.byteLength(junk(g)), 0);
          expect(garbageBytes(events)).toBe(expectedGarbage);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('frameMllp', () => {
  it('wraps UTF-8 text in VT … FS CR', () => {
    expect([...frameMllp('é')]).toEqual([0x0b, 0xc3, 0xa9, 0x1c, 0x0d]);
  });
});

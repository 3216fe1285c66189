import fc from 'fast-check';

/** One damaged message and how it was damaged. */
export interface Hl7Mutation {
  kind: string;
  raw: string;
}

const MIB = 1024 * 1024;
const DELIMITERS = ['|', '^', '~', '\\', '&', '\r', '\n', '#', ' '];

const lines = (raw: string) => raw.split(/\r\n|\r|\n/);
const join = (parts: string[]) => parts.join('\r');

/** Characters that break naive readers: controls, NUL, U+FFFD, lone surrogates, delimiters. */
const nastyChar = fc.oneof(
  fc.constantFrom('\u0000', '\u0001', '\u001b', '\u007f', '\uFFFD', '\uFEFF', '\uD800', '\uDFFF'),
  fc.constantFrom(...DELIMITERS, '\u000b', '\u001c'),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
);
const nastyString = fc.array(nastyChar, { maxLength: 40 }).map((cs) => cs.join(''));

/** Bytes as a receiver sees them after UTF-8 decoding (invalid sequences become U+FFFD). */
const binaryGarbage = fc
  .uint8Array({ maxLength: 600 })
  .chain((bytes) =>
    fc
      .constantFrom<BufferEncoding>('utf8', 'latin1')
      .map((encoding) => Buffer.from(bytes).toString(encoding)),
  );

function mutations(base: string): fc.Arbitrary<Hl7Mutation> {
  const size = base.length;
  const at = fc.integer({ min: 0, max: Math.max(0, size) });
  const segs = lines(base);
  const segIndex = fc.integer({ min: 0, max: Math.max(0, segs.length - 1) });
  const mutated = (kind: string) => (raw: string) => ({ kind, raw });
  return fc.oneof(
    { weight: 10, arbitrary: at.map((k) => base.slice(0, k)).map(mutated('truncated')) },
    {
      weight: 8,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...DELIMITERS),
          fc.constantFrom(...DELIMITERS),
          fc.boolean(),
          segIndex,
        )
        .map(([from, to, everywhere, i]) =>
          everywhere
            ? base.split(from).join(to)
            : join(segs.map((s, j) => (j === i ? s.split(from).join(to) : s))),
        )
        .map(mutated('delimiters_replaced')),
    },
    {
      weight: 10,
      arbitrary: fc
        .array(fc.tuple(at, nastyString, fc.integer({ min: 0, max: 5 })), {
          minLength: 1,
          maxLength: 6,
        })
        .map((edits) =>
          edits.reduce((s, [k, text, cut]) => s.slice(0, k) + text + s.slice(k + cut), base),
        )
        .map(mutated('random_characters')),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(MIB - size - 64, MIB - size + 64, MIB + 1, 2 * MIB), segIndex)
        .map(([n, i]) =>
          join(segs.map((s, j) => (j === i ? `${s}|${'Z'.repeat(Math.max(1, n))}` : s))),
        )
        .map(mutated('huge_field')),
    },
    {
      weight: 4,
      arbitrary: fc
        .oneof(fc.constantFrom('ACK^A01', 'ZZZ^Z99', 'SIU^S99', 'ADT', '', '^^^'), nastyString)
        .map((type) => {
          const msh = (segs[0] ?? '').split('|');
          if (msh.length > 8) msh[8] = type;
          return join([msh.join('|'), ...segs.slice(1)]);
        })
        .map(mutated('unknown_type')),
    },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom('whole', 'header')
        .map((what) => (what === 'whole' ? `${base}\r${base}` : join([...segs, segs[0] ?? ''])))
        .map(mutated('duplicated_msh')),
    },
    {
      weight: 4,
      arbitrary: fc
        .oneof(fc.constantFrom('', '^', '^~', '^~\\', '^~\\&&', 'abcd', '||||'), nastyString)
        .map((chars) => {
          const msh = segs[0] ?? '';
          const rest = msh.slice(4).split('|').slice(1).join('|');
          return join([`MSH|${chars}|${rest}`, ...segs.slice(1)]);
        })
        .map(mutated('wrong_encoding_characters')),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(segIndex, fc.boolean())
        .map(([i, drop]) =>
          join(drop ? segs.filter((_, j) => j !== i) : [...segs.slice(i), ...segs.slice(0, i)]),
        )
        .map(mutated('segments_dropped_or_rotated')),
    },
  );
}

/** Inputs that were never messages. */
const nonMessages: fc.Arbitrary<Hl7Mutation> = fc.oneof(
  fc.constant({ kind: 'empty', raw: '' }),
  fc
    .array(fc.constantFrom(' ', '\t', '\r', '\n', '\uFEFF', '\u00a0'), { maxLength: 30 })
    .map((cs) => ({ kind: 'whitespace', raw: cs.join('') })),
  binaryGarbage.map((raw) => ({ kind: 'binary_garbage', raw })),
  nastyString.map((raw) => ({ kind: 'binary_garbage', raw: `MSH${raw}` })),
);

/** A deterministic corpus of damaged messages derived from `bases`. */
export function hl7MutationCorpus(bases: string[], count: number, seed: number): Hl7Mutation[] {
  const derived = fc.constantFrom(...bases).chain(mutations);
  const arbitrary = fc.oneof(
    { weight: 9, arbitrary: derived },
    { weight: 1, arbitrary: nonMessages },
  );
  return fc.sample(arbitrary, { numRuns: count, seed });
}

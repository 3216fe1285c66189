import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readHl7Message } from '../../src/adapters/hl7/index.js';
import { createLogger } from '../../src/adapters/log/index.js';
import { CLINICAL_MESSAGE_TYPES } from '../../src/domain/index.js';
import {
  DEMO_PRACTICE_ID,
  type Harness,
  HL7_KEY,
  type StoreKind,
  startHarness,
} from '../support/harness.js';
import { ackCodeOf, checkHl7Intake } from '../support/hl7-intake-invariants.js';
import { buildHl7Message, HL7_VERSIONS } from '../support/hl7-messages.js';
import { hl7MutationCorpus } from '../support/hl7-mutations.js';
import { officeMessages, referralAtOffice } from '../support/loop-referrals.js';
import { framesOf, type MllpSession, openMllpSession } from '../support/mllp-session.js';

const SAMPLES = fileURLToPath(
  new URL('../../../shared/data/fhir-converter-samples/hl7v2/', import.meta.url),
);
const CASES = 1200;
const SEED = 20_261_204;
const REFERRALS = 3;
/** Control ids of the messages built for real referrals start with this; each copy gets its own. */
const MARK = 'QX_';
/** Every how many MLLP messages one goes over a connection of its own. */
const FRESH_EVERY = 8;
const HTTP_CONCURRENCY = 6;
const RESENDS = 40;
/** Most go as UTF-8; every tenth as Latin-1 and every tenth as UTF-16LE (the wrong encodings). */
const encodingOf = (n: number): BufferEncoding =>
  n % 10 === 3 ? 'latin1' : n % 10 === 7 ? 'utf16le' : 'utf8';

const samples = existsSync(SAMPLES)
  ? readdirSync(SAMPLES)
      .filter((f) => f.endsWith('.hl7'))
      .map((f) => readFileSync(`${SAMPLES}${f}`, 'utf8'))
  : [];
const generated = CLINICAL_MESSAGE_TYPES.flatMap((type) =>
  HL7_VERSIONS.map((version) =>
    buildHl7Message({ type, version, controlId: `G-${type}-${version}`, family: 'Doe|^&~\\' }),
  ),
);

/** What the service's HTTP body reader hands the intake: UTF-8 decoded, a leading BOM dropped. */
const asHttpBody = (bytes: Buffer) => new TextDecoder().decode(bytes);
const controlIdOf = (text: string) => {
  const reading = readHl7Message(text);
  return reading.kind === 'unreadable' ? '' : reading.header.controlId;
};
const msa = (ack: string) =>
  (ack.split('\r').find((s) => s.startsWith('MSA|')) ?? '').split('|').slice(1);

interface Sent {
  /** The message as sent on the wire. */
  bytes: Buffer;
  encoding: BufferEncoding;
  /** MLLP: one per frame the listener decodes; HTTP: the body of a 200. */
  answers: string[];
  status?: number;
}

/** Runs `fn` over `items` with `width` in flight. */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

describe.each<StoreKind>(['sqlite', 'postgres'])(
  'HL7 v2 mutation corpus, end to end (%s)',
  (store) => {
    let h: Harness | undefined;
    let sessions: MllpSession[] = [];
    afterEach(async () => {
      await Promise.all(sessions.map((s) => s.close()));
      sessions = [];
      await h?.close();
      h = undefined;
    });

    it(`answers ${CASES} damaged messages over MLLP and HTTP with no crash and no half-applied change`, async ({
      annotate,
    }) => {
      const rejections: unknown[] = [];
      const onRejection = (reason: unknown) => rejections.push(reason);
      process.on('unhandledRejection', onRejection);
      const errors: string[] = [];
      try {
        h = await startHarness({
          store,
          logger: createLogger('error', (line) => errors.push(line)),
        });
        const service = h.service;
        const referrals = await Promise.all(
          Array.from({ length: REFERRALS }, () => referralAtOffice(h as Harness)),
        );
        const real = referrals.flatMap((r, i) => officeMessages(r, `${MARK}${i}`));
        // The real referrals' messages weigh about as much as the samples and generated ones.
        const bases = [...samples, ...generated, ...real, ...real, ...real, ...real];
        const corpus = hl7MutationCorpus(bases, CASES, SEED).map((m, n) => ({
          ...m,
          raw: m.raw.replaceAll(MARK, `QX${n}_`),
        }));
        expect(
          corpus.filter((m) => m.raw.includes(referrals[0]?.id ?? '?')).length,
        ).toBeGreaterThan(20);

        const counts: Record<string, number> = {};
        const corpusKinds: Record<string, number> = {};
        const tally = (record: Record<string, number>, key: string) => {
          record[key] = (record[key] ?? 0) + 1;
        };
        const bump = (key: string) => tally(counts, key);
        // Half over MLLP (one long connection, every FRESH_EVERY-th message on its own), half over HTTP.
        const overMllp: Sent[] = [];
        const overHttp: Sent[] = [];
        corpus.forEach((m, n) => {
          const encoding = encodingOf(n >> 1);
          const sent = { bytes: Buffer.from(m.raw, encoding), encoding, answers: [] };
          (n % 2 === 0 ? overMllp : overHttp).push(sent);
          tally(corpusKinds, `${m.kind}:${encoding}`);
        });
        const long = await openMllpSession(service.mllpPort);
        sessions.push(long);
        const sendMllp = async (sent: Sent, session: MllpSession) => {
          sent.answers = await session.send(sent.bytes, framesOf(sent.bytes).length);
        };
        const mllpRun = (async () => {
          for (const [n, sent] of overMllp.entries()) {
            if (n % FRESH_EVERY !== 0) {
              await sendMllp(sent, long);
              continue;
            }
            const fresh = await openMllpSession(service.mllpPort);
            await sendMllp(sent, fresh);
            await fresh.close();
          }
        })();
        const post = async (body: string | Buffer) => {
          const res = await fetch(`${service.url}/hl7/v2`, {
            method: 'POST',
            headers: { authorization: `Bearer ${HL7_KEY}`, 'content-type': 'application/hl7-v2' },
            body,
          });
          return {
            status: res.status,
            type: res.headers.get('content-type'),
            text: await res.text(),
          };
        };
        const httpRun = pool(overHttp, HTTP_CONCURRENCY, async (sent) => {
          const res = await post(sent.bytes);
          sent.status = res.status;
          if (res.status === 200) {
            expect(res.type).toMatch(/^application\/hl7-v2/);
            sent.answers = [res.text];
          } else {
            expect(res.type).toMatch(/^application\/json/);
            sent.answers = [JSON.parse(res.text).error.code];
          }
        });
        await Promise.all([mllpRun, httpRun]);

        // Every message answered: over HTTP a 200 ACK or a 4xx, over MLLP an ACK per frame.
        const acks: string[] = [];
        let unreadable = 0;
        for (const sent of overHttp) {
          const status = sent.status ?? 0;
          expect(status, 'HTTP status').toBeLessThan(500);
          expect([200, 400, 413]).toContain(status);
          const [answer = ''] = sent.answers;
          if (status === 200) {
            expect(['AA', 'AE', 'AR']).toContain(ackCodeOf(answer));
            acks.push(answer);
            bump(`http:200:${ackCodeOf(answer)}`);
          } else {
            expect(answer).toBe(status === 400 ? 'MESSAGE_UNREADABLE' : 'PAYLOAD_TOO_LARGE');
            if (status === 400) unreadable++;
            bump(`http:${status}`);
          }
        }
        let split = 0;
        for (const sent of overMllp) {
          const frames = framesOf(sent.bytes);
          expect(sent.answers).toHaveLength(frames.length);
          if (frames.length > 1) split++;
          frames.forEach((frame, k) => {
            const answer = sent.answers[k] ?? '';
            const code = ackCodeOf(answer);
            expect(['AA', 'AE', 'AR']).toContain(code);
            if (frame.kind === 'oversize') {
              expect(msa(answer).slice(0, 2)).toEqual(['AR', '']);
              expect(answer).toContain('Message too large');
              bump('mllp:oversize');
            } else if (readHl7Message(frame.text).kind === 'unreadable') {
              expect(code).toBe('AR');
              expect(msa(answer)[1]).toBe('');
              unreadable++;
              bump('mllp:unreadable');
            } else {
              acks.push(answer);
              bump(`mllp:${code}`);
            }
          });
        }

        // A repeat of a control id gets the first answer, over either transport.
        const again = (list: Sent[], text: (bytes: Buffer) => string) =>
          list
            .filter((s) => s.answers.length === 1 && acks.includes(s.answers[0] ?? ''))
            .filter((s) => controlIdOf(text(s.bytes)) !== '')
            .slice(0, RESENDS);
        const onlyFrame = (bytes: Buffer) => {
          const [frame] = framesOf(bytes);
          return frame?.kind === 'frame' ? frame.text : '';
        };
        const mllpAgain = again(
          overMllp.filter((s) => framesOf(s.bytes).length === 1),
          onlyFrame,
        );
        const repeat = await openMllpSession(service.mllpPort);
        sessions.push(repeat);
        for (const sent of mllpAgain)
          expect(await repeat.send(sent.bytes, 1)).toEqual(sent.answers);
        const httpAgain = again(overHttp, asHttpBody);
        for (const sent of httpAgain) expect((await post(sent.bytes)).text).toBe(sent.answers[0]);
        expect(mllpAgain.length + httpAgain.length).toBe(2 * RESENDS);

        // The listener and the route still take a valid message, on the old and on new connections.
        const valid = (controlId: string) =>
          buildHl7Message({ type: 'REF^I12', rf1Status: 'P', controlId, placerId: null });
        for (const [name, answer] of [
          ['END-LONG', (await long.send(valid('END-LONG'), 1))[0]],
          ['END-FRESH', (await repeat.send(valid('END-FRESH'), 1))[0]],
          ['END-HTTP', (await post(valid('END-HTTP'))).text],
        ] as const) {
          expect(msa(answer ?? '').slice(0, 2)).toEqual(['AA', name]);
          acks.push(answer ?? '');
        }
        expect(long.unclaimed() + repeat.unclaimed()).toBe(0);

        // Every effect applied, then nothing half-done anywhere.
        await service.drain();
        await service.drain();
        const report = await checkHl7Intake(h.rows, DEMO_PRACTICE_ID, { acks, unreadable });
        expect(report.problems.slice(0, 10)).toEqual([]);
        expect(await service.store.audit.verify()).toMatchObject({ ok: true });
        expect(errors).toEqual([]);
        expect(rejections).toEqual([]);

        const total = overMllp.length + overHttp.length;
        expect(total).toBe(CASES);
        // The corpus reached every part of the intake.
        for (const key of ['mllp:AA', 'mllp:AR', 'mllp:unreadable', 'http:200:AA', 'http:400']) {
          expect(counts[key], key).toBeGreaterThan(0);
        }
        for (const key of [
          'log:applied',
          'log:task',
          'log:rejected:too_large',
          'inbox:processed',
        ]) {
          expect(report.counts[key], key).toBeGreaterThan(0);
        }
        await annotate(
          JSON.stringify({
            store,
            total,
            split,
            corpusKinds,
            answers: counts,
            rows: report.counts,
          }),
        );
      } finally {
        process.off('unhandledRejection', onRejection);
      }
    }, 240_000);
  },
);

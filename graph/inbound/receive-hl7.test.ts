import { describe, expect, it } from 'vitest';
import { createGraphHarness } from '../../test/fakes/graph-harness.js';
import { ada, PRACTICE_ID, referralFor } from '../../test/fixtures/world.js';
import { buildConsultNoteXml } from '../../test/support/ccda-documents.js';
import { hl7IntakeFor } from '../../test/support/hl7-intake.js';
import {
  buildHl7Message,
  HL7_VERSIONS,
  type Hl7MessageSpec,
} from '../../test/support/hl7-messages.js';
import { drainInbox, sentReferral } from '../../test/support/loop-driver.js';
import { manualClock } from '../../test/support/manual-clock.js';

type Harness = Awaited<ReturnType<typeof createGraphHarness>>;

const ADA = {
  mrn: ada.mrn ?? '',
  family: ada.familyName,
  given: ada.givenName,
  birthDate: ada.birthDate,
};
let control = 0;

async function harness(referralIds = ['ref-1']) {
  const clock = manualClock('2026-01-02T15:00:00.000Z');
  const h = await createGraphHarness({
    clock,
    referrals: referralIds.map((id) => referralFor(id)),
  });
  for (const id of referralIds) await sentReferral(h, id);
  return Object.assign(h, { intake: hl7IntakeFor(h) });
}

const npiOf = async (h: Harness, referralId = 'ref-1') => {
  const state = await h.runner.state({ practiceId: PRACTICE_ID, referralId });
  return state?.candidates.find((c) => c.candidateId === state.selectedId)?.npi ?? '';
};

function message(spec: Partial<Hl7MessageSpec> & Pick<Hl7MessageSpec, 'type'>) {
  control += 1;
  return buildHl7Message({
    controlId: `C${control}`,
    ...ADA,
    eventAt: '2026-01-12T14:00:00Z',
    appointmentAt: '2026-01-12T14:00:00Z',
    ...spec,
  });
}

const msa = (ack: string) =>
  ack
    .split('\r')
    .find((s) => s.startsWith('MSA'))
    ?.split('|') ?? [];
const status = async (h: Harness, id = 'ref-1') =>
  (await h.store.referrals.getReferral(PRACTICE_ID, id))?.status;
const openTasks = async (h: Harness) =>
  (await h.store.tasks.list(PRACTICE_ID, {})).filter((t) => t.kind === 'unmatched_message');

describe('HL7 v2 intake', () => {
  it('a booking quoting our id schedules the referral; a repeat gets the first ACK and changes nothing', async () => {
    await using h = await harness();
    const raw = message({ type: 'SIU^S12', placerId: 'ref-1' });
    const first = await h.intake.receive(raw);
    expect(first).toMatchObject({ kind: 'ack', code: 'AA', disposition: 'applied' });
    if (first.kind !== 'ack') throw new Error('expected an ACK');
    expect(msa(first.ack).slice(0, 3)).toEqual(['MSA', 'AA', `C${control}`]);
    expect(await h.intake.receive(raw)).toEqual(first);
    expect(await drainInbox(h)).toBe(1);
    expect(await status(h)).toBe('scheduled');
    expect(
      (await h.runner.state({ practiceId: PRACTICE_ID, referralId: 'ref-1' }))?.loop.appointmentAt,
    ).toBe('2026-01-12T14:00:00.000Z');
  });

  it.each(HL7_VERSIONS)('reads version %s', async (version) => {
    await using h = await harness();
    const answer = await h.intake.receive(message({ type: 'SIU^S12', placerId: 'ref-1', version }));
    expect(answer).toMatchObject({ code: 'AA', disposition: 'applied' });
  });

  it('a visit without our id is matched by the patient and the specialist', async () => {
    await using h = await harness();
    const answer = await h.intake.receive(
      message({ type: 'ADT^A04', placerId: null, npi: await npiOf(h) }),
    );
    expect(answer).toMatchObject({ code: 'AA', disposition: 'applied' });
    await drainInbox(h);
    expect(await status(h)).toBe('seen');
  });

  it('a consult note (MDM^T02 with a C-CDA) is stored, summarized, filed in the EHR, and closes the loop', async () => {
    await using h = await harness();
    const npi = await npiOf(h);
    const xml = buildConsultNoteXml({
      placerId: 'ref-1',
      encounterDate: '2026-01-12',
      author: { given: 'Rosa', family: 'Vitreo', npi },
      patient: { ids: [ADA.mrn], given: ADA.given, family: ADA.family, birthDate: ADA.birthDate },
      assessment: 'Neovascular AMD, left eye, active.',
      plan: 'Intravitreal anti-VEGF injection today; return in 4 weeks.',
    });
    const answer = await h.intake.receive(
      message({
        type: 'MDM^T02',
        placerId: 'ref-1',
        npi,
        document: { format: 'ccda', content: xml },
      }),
    );
    expect(answer).toMatchObject({ code: 'AA', disposition: 'applied' });
    await drainInbox(h);
    expect(await status(h)).toBe('closed');
    const [doc] = await h.store.documents.listForReferral(PRACTICE_ID, 'ref-1');
    expect(doc).toMatchObject({ format: 'ccda', authorNpi: npi, encounterDate: '2026-01-12' });
    expect(doc?.summary).toContain('anti-VEGF');
    const filed = (await h.store.outbox.listForReferral(PRACTICE_ID, 'ref-1'))
      .map((m) => m.payload)
      .find((p) => p.kind === 'ehr_document');
    expect(filed).toMatchObject({ documentId: doc?.id, contentType: 'application/xml' });
  });

  it('SIU^S16 (discontinued) undoes a booking like S15, and MDM^T10 (replacement) brings its document; both get AA under their own trigger', async () => {
    await using h = await harness();
    await h.intake.receive(message({ type: 'SIU^S12', placerId: 'ref-1' }));
    await drainInbox(h);
    expect(await status(h)).toBe('scheduled');
    const s16 = message({ type: 'SIU^S15', placerId: 'ref-1' }).replace('|SIU^S15^', '|SIU^S16^');
    const discontinued = await h.intake.receive(s16);
    expect(discontinued).toMatchObject({ code: 'AA', disposition: 'applied' });
    if (discontinued.kind !== 'ack') throw new Error('expected an ACK');
    expect(discontinued.ack).toContain('|ACK^S16^ACK|');
    await drainInbox(h);
    expect(await status(h)).toBe('acknowledged');

    const t10 = message({
      type: 'MDM^T02',
      placerId: 'ref-1',
      document: { format: 'text', content: 'Replacement report.\nStable; review in a year.' },
    }).replace('|MDM^T02^', '|MDM^T10^');
    const replaced = await h.intake.receive(t10);
    expect(replaced).toMatchObject({ code: 'AA', disposition: 'applied' });
    if (replaced.kind !== 'ack') throw new Error('expected an ACK');
    expect(replaced.ack).toContain('|ACK^T10^ACK|');
    await drainInbox(h);
    expect(await status(h)).toBe('closed');
    const [doc] = await h.store.documents.listForReferral(PRACTICE_ID, 'ref-1');
    expect(doc?.content).toContain('Replacement report.');
  });

  it('a message that matches no referral becomes a coordinator task; nothing is filed', async () => {
    await using h = await harness();
    const answer = await h.intake.receive(
      message({ type: 'ADT^A04', placerId: 'REF-UNKNOWN', mrn: 'MRN-OTHER', family: 'Nobody' }),
    );
    expect(answer).toMatchObject({ code: 'AA', disposition: 'task' });
    expect(await openTasks(h)).toHaveLength(1);
    expect(await h.store.inbox.pending(10)).toEqual([]);
    expect(await status(h)).toBe('sent');
  });

  it('our id with another patient is not filed against ours', async () => {
    await using h = await harness();
    const answer = await h.intake.receive(
      message({
        type: 'SIU^S12',
        placerId: 'ref-1',
        mrn: 'MRN-OTHER',
        family: 'Other',
        given: 'Person',
      }),
    );
    expect(answer).toMatchObject({ code: 'AA', disposition: 'task' });
    expect((await openTasks(h))[0]?.detail).toContain('another patient');
    expect(await status(h)).toBe('sent');
  });

  it('our id with only the name of another patient (no MRN, no birth date) is not filed; the task names the quoted referral', async () => {
    await using h = await harness();
    const answer = await h.intake.receive(
      message({
        type: 'SIU^S12',
        placerId: 'ref-1',
        mrn: '',
        otherId: '',
        family: 'Smith',
        given: 'John',
        birthDate: '',
      }),
    );
    expect(answer).toMatchObject({ code: 'AA', disposition: 'task' });
    const [task] = await openTasks(h);
    expect(task?.title).toBe(
      'An SIU^S12 message quotes referral ref-1 but its patient does not match',
    );
    expect(task?.detail).toContain('Candidates: ref-1.');
    expect(await h.store.inbox.pending(10)).toEqual([]);
    expect(await status(h)).toBe('sent');
  });

  it('our id with our patient written the other way round (Last^First swapped, in capitals) is filed', async () => {
    await using h = await harness();
    const answer = await h.intake.receive(
      message({
        type: 'SIU^S12',
        placerId: 'ref-1',
        mrn: 'OFFICE-1',
        otherId: '',
        family: ADA.given.toUpperCase(),
        given: `${ADA.family.toUpperCase()} J`,
      }),
    );
    expect(answer).toMatchObject({ code: 'AA', disposition: 'applied' });
    await drainInbox(h);
    expect(await status(h)).toBe('scheduled');
  });

  it('a message that could be for two open referrals becomes a task naming both', async () => {
    await using h = await harness(['ref-1', 'ref-2']);
    const answer = await h.intake.receive(message({ type: 'ADT^A04', placerId: null }));
    expect(answer).toMatchObject({ code: 'AA', disposition: 'task' });
    const [task] = await openTasks(h);
    expect(task?.detail).toContain('ref-1');
    expect(task?.detail).toContain('ref-2');
    expect(await status(h, 'ref-1')).toBe('sent');
    expect(await status(h, 'ref-2')).toBe('sent');
  });

  it('a Referral Note sent as the document is not filed as the consult: AA, a task, the loop stays open', async () => {
    await using h = await harness();
    const xml = buildConsultNoteXml({
      kind: 'referral_note',
      placerId: 'ref-1',
      patient: { ids: [ADA.mrn], given: ADA.given, family: ADA.family, birthDate: ADA.birthDate },
      assessment: 'Suspected glaucoma.',
    });
    const answer = await h.intake.receive(
      message({ type: 'MDM^T02', placerId: 'ref-1', document: { format: 'ccda', content: xml } }),
    );
    expect(answer).toMatchObject({ code: 'AA', disposition: 'task' });
    const [task] = await openTasks(h);
    expect(task?.title).toBe('An MDM^T02 message carried a referral request, not a consult note');
    expect(await h.store.inbox.pending(10)).toEqual([]);
    expect(await h.store.documents.listForReferral(PRACTICE_ID, 'ref-1')).toEqual([]);
    expect(await status(h)).toBe('sent');
  });

  it('a consult note whose C-CDA does not read gets AE and a task', async () => {
    await using h = await harness();
    const answer = await h.intake.receive(
      message({
        type: 'MDM^T02',
        placerId: 'ref-1',
        document: { format: 'ccda', content: '<ClinicalDocument><broken' },
      }),
    );
    expect(answer).toMatchObject({ code: 'AE', disposition: 'task' });
    expect(await openTasks(h)).toHaveLength(1);
    expect(await status(h)).toBe('sent');
  });

  it('refuses what it does not read: AR for an unknown type or facility, nothing readable without an MSH', async () => {
    await using h = await harness();
    const adt08 = message({ type: 'ADT^A04', placerId: 'ref-1' }).replace('ADT^A04', 'ADT^A08');
    expect(await h.intake.receive(adt08)).toMatchObject({ code: 'AR', disposition: 'rejected' });
    const guarded = hl7IntakeFor(h, ['TRUSTED EYE']);
    expect(await guarded.receive(message({ type: 'SIU^S12', placerId: 'ref-1' }))).toMatchObject({
      code: 'AR',
      disposition: 'rejected',
    });
    const garbage = await h.intake.receive('this is not HL7');
    expect(garbage).toMatchObject({ kind: 'unreadable', problem: 'no_msh' });
    expect(await h.store.inbox.pending(10)).toEqual([]);
    expect(await status(h)).toBe('sent');
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referralFor } from '../../../test/fixtures/world.js';
import { buildConsultNoteXml } from '../../../test/support/ccda-documents.js';
import { createFakeApp, FAKE_APP_TOKENS } from '../../../test/support/fake-app.js';
import { drainInbox, relay, sentReferral } from '../../../test/support/loop-driver.js';
import { ConsultDocument, DocumentUploadResult, ReferralDetail } from '../schemas.js';

type Fake = Awaited<ReturnType<typeof createFakeApp>>;

const PRACTICE = 'practice-test';
const NPI = '1234567893';
const NOTE = buildConsultNoteXml({
  encounterDate: '2026-01-12',
  author: { given: 'Rosa', family: 'Vitreo', npi: NPI },
  assessment: 'Neovascular AMD, left eye, active.',
  plan: 'Intravitreal anti-VEGF today; return in 4 weeks.',
  recommendations: 'Continue AREDS2 supplements.',
});

/** SOURCES.md: HL7's C-CDA R2.1 examples and the FHIR converter's samples, read in place. */
const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const PUBLIC_CONSULTS = [
  'hl7-c-cda-examples/Documents/Consultation Note/Consultation_Note.xml',
  'hl7-c-cda-examples/Referrals - Planned and Completed/Close Referral with a Document/Consult Document Closing Referral(C-CDAR2.1).xml',
  'fhir-converter-samples/ccda/Consultation_Note.ccda.xml',
];
const samplesPresent = PUBLIC_CONSULTS.every((p) => existsSync(`${DATA}${p}`));

let fake: Fake;
let keys = 0;
beforeEach(async () => {
  fake = await createFakeApp();
});
afterEach(() => fake.close());

function upload(
  body: string,
  options: { referralId?: string; token?: string | null; key?: string | null; type?: string } = {},
) {
  const token = options.token === undefined ? FAKE_APP_TOKENS.coordinator : options.token;
  const key = options.key === undefined ? `upload-${++keys}` : options.key;
  const headers: Record<string, string> = { 'content-type': options.type ?? 'application/xml' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (key !== null) headers['idempotency-key'] = key;
  return fake.app.request(`/api/referrals/${options.referralId ?? 'ref-1'}/documents`, {
    method: 'POST',
    headers,
    body,
  });
}

const get = (path: string, token: string = FAKE_APP_TOKENS.coordinator) =>
  fake.app.request(path, { headers: { authorization: `Bearer ${token}` } });

async function errorOf(res: Response, status: number) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (JSON.parse(text) as { error: { code: string; issues?: { code: string }[] } }).error;
}

/** What the upload left behind: stored documents and the loop events recorded for them. */
async function traces(referralId = 'ref-1') {
  const documents = await fake.harness.store.documents.listForReferral(PRACTICE, referralId);
  const events = (await fake.harness.store.inbox.pending(50)).filter(
    (e) => e.origin === 'loop' && e.event.type === 'consult_received',
  );
  return { documents, events };
}

describe('POST /api/referrals/{id}/documents', () => {
  it('202: stores, summarizes and answers; the worker files it in the EHR and closes the loop', async () => {
    await sentReferral(fake.harness);
    const res = await upload(NOTE, { key: 'note-1' });
    expect(res.status, await res.clone().text()).toBe(202);
    const answer = DocumentUploadResult.parse(await res.json());
    expect(answer).toMatchObject({
      referralId: 'ref-1',
      title: 'Consultation Note',
      authorNpi: NPI,
      encounterDate: '2026-01-12',
      href: `/api/referrals/ref-1/documents/${answer.documentId}`,
    });
    expect(res.headers.get('location')).toBe(answer.href);
    expect(answer.summary).toContain('anti-VEGF');
    expect(answer.summary).toContain('AREDS2');
    const { documents, events } = await traces();
    expect(documents).toEqual([
      expect.objectContaining({ id: answer.documentId, source: 'upload', content: NOTE }),
    ]);
    expect(events).toHaveLength(1);
    expect(events[0]?.event).toMatchObject({ source: 'upload', documentId: answer.documentId });

    expect(await drainInbox(fake.harness)).toBe(1);
    await relay(fake.harness);
    const detail = ReferralDetail.parse(await (await get('/api/referrals/ref-1')).json());
    expect(detail.status).toBe('closed');
    expect(detail.consultNote).toMatchObject({ documentId: answer.documentId, href: answer.href });
    const outbox = await fake.harness.store.outbox.listForReferral(PRACTICE, 'ref-1');
    const filed = outbox.filter((m) => m.payload.kind === 'ehr_document');
    expect(filed.map((m) => m.state)).toEqual(['sent']);
    expect(filed.map((m) => m.payload)).toEqual([
      expect.objectContaining({
        referralId: 'ref-1',
        documentId: answer.documentId,
        contentType: 'application/xml',
        content: NOTE,
        authorNpi: NPI,
      }),
    ]);
    const audit = await fake.harness.store.audit.list(PRACTICE, 'ref-1');
    expect(audit.find((e) => e.action === 'document.stored')?.actor).toBe('coordinator:cora');
  });

  it.skipIf(!samplesPresent).each(PUBLIC_CONSULTS)(
    'reads the public sample %s: author, encounter date, assessment and plan in the summary',
    async (path) => {
      await sentReferral(fake.harness);
      const xml = readFileSync(`${DATA}${path}`, 'utf8');
      const res = await upload(xml, { type: 'text/xml; charset=utf-8' });
      expect(res.status, await res.clone().text()).toBe(202);
      const answer = DocumentUploadResult.parse(await res.json());
      expect(answer.encounterDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(answer.summary.length).toBeGreaterThan(40);
      expect(answer.summary).not.toContain('<');
      await drainInbox(fake.harness);
      const detail = ReferralDetail.parse(await (await get('/api/referrals/ref-1')).json());
      expect(detail.status).toBe('closed');
    },
  );

  it('a retry with the same Idempotency-Key gets the first answer and writes nothing', async () => {
    await sentReferral(fake.harness);
    const [first, again] = await Promise.all([
      upload(NOTE, { key: 'same' }),
      upload(NOTE, { key: 'same' }),
    ]);
    const third = await upload(NOTE, { key: 'same' });
    expect([first.status, again.status, third.status]).toEqual([202, 202, 202]);
    const answer = await first.json();
    expect(await again.json()).toEqual(answer);
    expect(await third.json()).toEqual(answer);
    const { documents, events } = await traces();
    expect(documents).toHaveLength(1);
    expect(events).toHaveLength(1);

    // Still the first answer once the loop has closed.
    await drainInbox(fake.harness);
    const late = await upload(NOTE, { key: 'same' });
    expect(late.status).toBe(202);
    expect(await late.json()).toEqual(answer);
  });

  it('the key with another document: 422 IDEMPOTENCY_MISMATCH, nothing written', async () => {
    await sentReferral(fake.harness);
    expect((await upload(NOTE, { key: 'k' })).status).toBe(202);
    const other = buildConsultNoteXml({ assessment: 'Something else entirely.' });
    expect((await errorOf(await upload(other, { key: 'k' }), 422)).code).toBe(
      'IDEMPOTENCY_MISMATCH',
    );
    expect((await traces()).documents).toHaveLength(1);
  });

  it('409 CONFLICT before the referral was sent, and once its loop has closed', async () => {
    fake.harness.ehr.addReferral(referralFor('ref-2'));
    await fake.harness.runner.start({ practiceId: PRACTICE, referralId: 'ref-2' });
    const early = await errorOf(await upload(NOTE, { referralId: 'ref-2' }), 409);
    expect(early.code).toBe('CONFLICT');
    expect((await traces('ref-2')).documents).toEqual([]);

    await sentReferral(fake.harness);
    expect((await upload(NOTE)).status).toBe(202);
    await drainInbox(fake.harness);
    expect((await errorOf(await upload(NOTE), 409)).code).toBe('CONFLICT');
  });

  it('404 for an unknown referral and for another practice, with nothing written', async () => {
    await sentReferral(fake.harness);
    expect((await errorOf(await upload(NOTE, { referralId: 'ref-404' }), 404)).code).toBe(
      'NOT_FOUND',
    );
    const other = await upload(NOTE, { token: FAKE_APP_TOKENS.otherPractice });
    expect((await errorOf(other, 404)).code).toBe('NOT_FOUND');
    expect((await traces()).documents).toEqual([]);
  });

  it.each([
    ['not XML', 'CANARY-7731 this is not xml', 'not_xml'],
    ['XML, not a C-CDA', '<note><to>CANARY-7731</to></note>', 'not_clinical_document'],
    [
      'a DTD',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "CANARY-7731">]><x>&e;</x>',
      'unsafe_xml',
    ],
    ['an empty body', '', 'empty'],
  ])(
    '422 DOCUMENT_UNREADABLE for %s, naming the problem, never echoing it',
    async (_, body, problem) => {
      await sentReferral(fake.harness);
      const res = await upload(body);
      const text = await res.clone().text();
      expect(text).not.toContain('CANARY-7731');
      const error = await errorOf(res, 422);
      expect(error.code).toBe('DOCUMENT_UNREADABLE');
      expect(error.issues?.map((i) => i.code)).toEqual([problem]);
      expect((await traces()).documents).toEqual([]);
      expect(fake.logged).toEqual([]);
    },
  );

  it.each([
    'application/json',
    'text/plain',
    'application/xhtml+xml',
    'application/xml; charset=latin1',
    '',
  ])('415 for content type %j', async (type) => {
    await sentReferral(fake.harness);
    const error = await errorOf(await upload(NOTE, { type }), 415);
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('401 without a valid token, 403 for a viewer, 400 without an Idempotency-Key', async () => {
    await sentReferral(fake.harness);
    expect((await errorOf(await upload(NOTE, { token: null }), 401)).code).toBe('UNAUTHORIZED');
    expect((await errorOf(await upload(NOTE, { token: 'nope-nope-nope' }), 401)).code).toBe(
      'UNAUTHORIZED',
    );
    const viewer = await upload(NOTE, { token: FAKE_APP_TOKENS.viewer });
    expect((await errorOf(viewer, 403)).code).toBe('FORBIDDEN');
    expect((await errorOf(await upload(NOTE, { key: null }), 400)).code).toBe('BAD_REQUEST');
    expect((await traces()).documents).toEqual([]);
  });

  it('413 over the document limit, which replaces the API limit for uploads', async () => {
    fake.close();
    fake = await createFakeApp({ maxApiBytes: 1024, maxDocumentBytes: NOTE.length + 10 });
    await sentReferral(fake.harness);
    expect(NOTE.length).toBeGreaterThan(1024);
    const big = NOTE.replace('</ClinicalDocument>', `<!--${'x'.repeat(64)}--></ClinicalDocument>`);
    expect((await errorOf(await upload(big), 413)).code).toBe('PAYLOAD_TOO_LARGE');
    expect((await upload(NOTE)).status).toBe(202);
  });
});

describe('GET /api/referrals/{id}/documents/{documentId}', () => {
  it('the link in the referral resolves: the document with its content, for viewers too', async () => {
    await sentReferral(fake.harness);
    const answer = DocumentUploadResult.parse(await (await upload(NOTE)).json());
    for (const token of [FAKE_APP_TOKENS.coordinator, FAKE_APP_TOKENS.viewer]) {
      const res = await get(answer.href, token);
      expect(res.status).toBe(200);
      expect(ConsultDocument.parse(await res.json())).toMatchObject({
        documentId: answer.documentId,
        referralId: 'ref-1',
        source: 'upload',
        format: 'ccda',
        contentType: 'application/xml',
        summary: answer.summary,
        content: NOTE,
      });
    }
  });

  it('404 for an unknown document, a document of another referral, another practice', async () => {
    await sentReferral(fake.harness);
    fake.harness.ehr.addReferral(referralFor('ref-2'));
    await fake.harness.runner.start({ practiceId: PRACTICE, referralId: 'ref-2' });
    const { documentId } = DocumentUploadResult.parse(await (await upload(NOTE)).json());
    expect((await get('/api/referrals/ref-1/documents/doc-404')).status).toBe(404);
    expect((await get(`/api/referrals/ref-2/documents/${documentId}`)).status).toBe(404);
    const other = await get(
      `/api/referrals/ref-1/documents/${documentId}`,
      FAKE_APP_TOKENS.otherPractice,
    );
    expect(other.status).toBe(404);
  });
});

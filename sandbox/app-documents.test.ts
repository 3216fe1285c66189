import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, type TestSandbox, testSandbox, validReferral } from './test-client.js';

let sb: TestSandbox;
beforeEach(async () => {
  sb = testSandbox();
  expect((await sb.call('POST', '/api/referrals', { body: validReferral })).status).toBe(201);
});
afterEach(async () => {
  await sb.close();
});

const path = '/api/referrals/ref-000001/documents';
const note = {
  title: 'Consult note: Bay Retina',
  content_type: 'application/xml',
  content: '<ClinicalDocument xmlns="urn:hl7-org:v3"><title>Consult</title></ClinicalDocument>',
  summary: 'Wet AMD confirmed; anti-VEGF started.',
  author_npi: '1234567893',
};
const file = (body: unknown, key = 'doc-1', referral = 'ref-000001') =>
  sb.call('POST', `/api/referrals/${referral}/documents`, { body, idempotencyKey: key });

describe('documents filed against a referral', () => {
  it('files once per Idempotency-Key, lists without content and reads one with it', async () => {
    const first = await file(note);
    expect(first.status).toBe(201);
    expect(await json(first)).toEqual({ id: 'doc-000001' });
    const again = await file({ ...note, title: 'Other' });
    expect(again.status).toBe(201);
    expect(await json(again)).toEqual({ id: 'doc-000001' });
    const plain = { title: 'Phone note', content_type: 'text/plain', content: 'Seen, doing well.' };
    expect(await json(await file(plain, 'doc-2'))).toEqual({ id: 'doc-000002' });

    const listed = await json(await sb.call('GET', path));
    expect(listed.data).toEqual([
      {
        id: 'doc-000001',
        referral_id: 'ref-000001',
        title: note.title,
        content_type: 'application/xml',
        summary: note.summary,
        author_npi: '1234567893',
        received_at: expect.stringMatching(/Z$/),
      },
      expect.objectContaining({ id: 'doc-000002', summary: null, author_npi: null }),
    ]);
    expect(listed.data[0]).not.toHaveProperty('content');
    const one = await json(await sb.call('GET', '/api/documents/doc-000001'));
    expect(one).toEqual({ ...listed.data[0], content: note.content });
  });

  it('404s an unknown referral or document; an empty list for a referral without any', async () => {
    expect((await file(note, 'k', 'ref-000404')).status).toBe(404);
    expect((await sb.call('GET', '/api/referrals/ref-000404/documents')).status).toBe(404);
    expect((await sb.call('GET', '/api/documents/doc-000404')).status).toBe(404);
    expect(await json(await sb.call('GET', path))).toEqual({ data: [] });
  });

  it.each([
    ['no title', { title: undefined }, 'title'],
    ['a 201-character title', { title: 'x'.repeat(201) }, 'title'],
    ['a PDF', { content_type: 'application/pdf' }, 'content_type'],
    ['empty content', { content: '' }, 'content'],
    ['a 2001-character summary', { summary: 'x'.repeat(2001) }, 'summary'],
    ['a short NPI', { author_npi: '12345' }, 'author_npi'],
    ['an unknown field', { patient_name: 'SECRET' }, '(root)'],
  ])('422s %s, echoing nothing', async (_, patch, field) => {
    const res = await file({ ...note, ...patch });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).not.toContain('SECRET');
    expect(JSON.parse(text).error.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(sb.world.documents.size).toBe(0);
  });

  it('needs an Idempotency-Key', async () => {
    const res = await sb.call('POST', path, { body: note });
    expect(res.status).toBe(400);
    expect(sb.world.documents.size).toBe(0);
  });

  it('takes content up to 2 MiB (past the 1 MiB body limit of other routes), not more', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    expect((await file({ ...note, content_type: 'text/plain', content: big })).status).toBe(201);
    const over = await file({ ...note, content: `${big}y` }, 'doc-2');
    expect(over.status).toBe(422);
    // Two-byte characters count in bytes: 1 Mi of them is 2 MiB, plus one is over.
    expect((await file({ ...note, content: `${'é'.repeat(1024 * 1024)}é` }, 'doc-3')).status).toBe(
      422,
    );
    const message = { referral_id: 'ref-000001', title: 'x', detail: 'y'.repeat(1024 * 1024) };
    expect(
      (await sb.call('POST', '/api/tasks', { body: message, idempotencyKey: 't' })).status,
    ).toBe(413);
    const huge = await file({ ...note, content: 'z'.repeat(9 * 1024 * 1024) }, 'doc-4');
    expect(huge.status).toBe(413);
    expect(sb.world.documents.size).toBe(1);
  });

  it('is the integration writing: the ehr fault applies', async () => {
    await sb.call('POST', '/sandbox/faults', {
      body: { target: 'ehr', mode: 'down', fail_count: 3 },
      auth: false,
    });
    expect((await file(note)).status).toBe(503);
    expect((await sb.call('GET', path)).status).toBe(503);
    expect((await sb.call('GET', '/api/documents/doc-000001')).status).toBe(503);
    expect((await file(note)).status).toBe(201);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsultDocument, DocumentUploadResult } from '../../src/http/schemas.js';
import { buildConsultNoteXml } from '../support/ccda-documents.js';
import {
  createReferralAwaitingReview,
  MAIN_PATH,
  waitForStatus,
  waitForWriteback,
} from '../support/flows.js';
import { type Harness, type StoreKind, startHarness, TOKENS } from '../support/harness.js';
import { request } from '../support/http.js';
import { waitFor } from '../support/wait-for.js';

/** `POST /api/referrals/{id}/documents` over HTTP, as a coordinator's client sends it. */
function upload(
  h: Harness,
  id: string,
  xml: string,
  key: string,
  token: string = TOKENS.coordinator,
) {
  return request(`${h.service.url}/api/referrals/${id}/documents`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/xml',
      'idempotency-key': key,
    },
    body: xml,
  });
}

describe.each<StoreKind>(['sqlite', 'postgres'])('consult note upload (%s)', (store) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ store });
  });
  afterAll(() => h.close());

  it('an uploaded C-CDA closes the loop: stored, summarized, filed in the EHR, the link resolves', async () => {
    const { id, candidates, recommendedCandidateId } = await createReferralAwaitingReview(h);
    const npi = candidates.find((c) => c.candidateId === recommendedCandidateId)?.npi;
    const note = buildConsultNoteXml({
      encounterDate: '2026-12-10',
      author: { given: 'Rosa', family: 'Vitreo', ...(npi ? { npi } : {}) },
      assessment: 'Neovascular AMD, left eye, active.',
      plan: 'Intravitreal anti-VEGF today; return in 4 weeks.',
    });

    // Before sending, a consult note makes no sense: 409, nothing stored.
    const early = await upload(h, id, note, `early-${id}`);
    expect(early.status).toBe(409);
    expect(early.json).toMatchObject({ error: { code: 'CONFLICT' } });

    await h.api.decide(id, { decision: 'approve' });
    await waitForStatus(h.api, id, 'sent');
    // Another practice's coordinator cannot see it; a viewer cannot upload.
    expect((await upload(h, id, note, `other-${id}`, TOKENS.otherPractice)).status).toBe(404);
    expect((await upload(h, id, note, `viewer-${id}`, TOKENS.viewer)).status).toBe(403);

    // A client that sent twice at once: one document, one answer.
    const [res, twin] = await Promise.all([
      upload(h, id, note, `note-${id}`),
      upload(h, id, note, `note-${id}`),
    ]);
    expect(res.status, res.text).toBe(202);
    expect(twin.status).toBe(202);
    expect(twin.json).toEqual(res.json);
    const answer = DocumentUploadResult.parse(res.json);
    expect(answer).toMatchObject({ referralId: id, encounterDate: '2026-12-10', authorNpi: npi });
    expect(answer.summary).toContain('anti-VEGF');
    expect(res.headers.get('location')).toBe(answer.href);
    // A retry (the client never saw the answer) gets the same one.
    const again = await upload(h, id, note, `note-${id}`);
    expect(again.status).toBe(202);
    expect(again.json).toEqual(res.json);

    const closed = await waitForStatus(h.api, id, 'closed');
    expect(closed.consultNote).toMatchObject({ documentId: answer.documentId, href: answer.href });
    const filed = await waitFor(
      async () => {
        const docs = await h.ehr.documents(id);
        return docs.length > 0 ? docs : undefined;
      },
      { what: 'the consult note filed in the EHR' },
    );
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({ content_type: 'application/xml', author_npi: npi });
    expect((await h.ehr.document(filed[0]?.id ?? '')).content).toBe(note);
    expect(await waitForWriteback(h.ehr, id, 'closed')).toEqual([
      ...MAIN_PATH,
      'consult_received',
      'closed',
    ]);

    const link = await h.viewerApi.get(answer.href);
    expect(link.status).toBe(200);
    expect(ConsultDocument.parse(link.json)).toMatchObject({
      documentId: answer.documentId,
      source: 'upload',
      content: note,
    });
    // The loop has ended: a further upload is refused, and the first key still answers.
    expect((await upload(h, id, note, `late-${id}`)).status).toBe(409);
    expect((await upload(h, id, note, `note-${id}`)).json).toEqual(res.json);
    const audit = await h.api.audit(id);
    expect(audit.filter((e) => e.action === 'document.stored')).toHaveLength(1);
    expect(audit.filter((e) => e.action === 'document.filed')).toHaveLength(1);
  });
});

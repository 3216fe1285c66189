import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OpenAiServer, promptText, startOpenAiServer } from '../../evals/models/index.js';
import { consultNoteReader } from '../../src/adapters/hl7/index.js';
import type { StoredDocument } from '../../src/domain/index.js';
import { createMemoryAudit } from '../../test/fakes/memory-audit.js';
import { ada, adaCoverage } from '../../test/fixtures/world.js';
import { buildConsultNoteXml } from '../../test/support/ccda-documents.js';
import { llmStepContext } from '../../test/support/llm.js';
import type { AgentContext } from '../llm/index.js';
import { patientPhi } from '../phi-context.js';
import { summarizeConsultDocument } from './consult-summary.js';

const xml = buildConsultNoteXml({
  encounterDate: '2026-01-15',
  author: { given: 'Rita', family: 'Okafor', prefix: 'Dr.', organization: 'Valley Retina' },
  patient: { given: ada.givenName, family: ada.familyName, birthDate: ada.birthDate },
  assessment: `${ada.givenName} ${ada.familyName} has neovascular AMD in the left eye, seen on 01/15/2026.`,
  plan: 'Intravitreal anti-VEGF injection today; repeat monthly for three months.',
  recommendations:
    'Return to the referring optometrist for routine care; call 555-201-3344 with new symptoms.',
});
const document: StoredDocument = {
  id: 'doc-1',
  practiceId: 'p',
  referralId: 'r',
  source: 'hl7',
  format: 'ccda',
  title: 'Consult note',
  content: xml,
  summary: 'RULE SUMMARY',
  authorNpi: null,
  encounterDate: '2026-01-15',
  receivedAt: '2026-01-16T09:00:00.000Z',
};

describe('summarizeConsultDocument (the loop-closure agent’s LLM step)', () => {
  let server: OpenAiServer;
  let audit: ReturnType<typeof createMemoryAudit>;
  let ctx: AgentContext;
  const phi = () => patientPhi(ada, adaCoverage, new Date('2026-01-16'));

  beforeAll(async () => {
    server = await startOpenAiServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.setHandler(undefined);
    audit = createMemoryAudit();
    ctx = llmStepContext(server.url, audit);
  });

  it('asks the LLM with the de-identified sections only, and writes who and when itself', async () => {
    server.script({
      json: {
        summary:
          'Wet AMD in the left eye; anti-VEGF started, monthly for three months. Return to the referring practice for routine care.',
      },
    });
    const { summary, run } = await summarizeConsultDocument(
      document,
      consultNoteReader,
      phi(),
      ctx,
    );
    expect(run).toMatchObject({ agent: 'loop_closure', path: 'llm', fallback: null });
    expect(summary.split('\n')).toEqual([
      'Consult note: Dr. Rita Okafor (Valley Retina) saw the patient on 2026-01-15.',
      'Wet AMD in the left eye; anti-VEGF started, monthly for three months. Return to the referring practice for routine care.',
    ]);
    const sent = promptText(server.requests[0] ?? ({} as never));
    expect(sent).toContain('anti-VEGF');
    for (const phiValue of [
      ada.givenName,
      ada.familyName,
      '01/15/2026',
      '555-201-3344',
      '2026-01-15',
    ]) {
      expect(sent).not.toContain(phiValue);
    }
    expect(audit.events.filter((e) => e.action === 'llm.called')).toHaveLength(1);
  });

  it('keeps the rule summary when the answer invents a placeholder, and says why', async () => {
    server.script({ json: { summary: 'Seen with [PATIENT_NAME_9] present.' } });
    const { summary, run } = await summarizeConsultDocument(
      document,
      consultNoteReader,
      phi(),
      ctx,
    );
    expect(summary).toBe('RULE SUMMARY');
    expect(run).toMatchObject({ path: 'deterministic', fallback: 'rejected' });
  });

  it('keeps the rule summary without a model, and asks nothing of a note with nothing to summarize', async () => {
    const none = await summarizeConsultDocument(document, consultNoteReader, phi(), {
      ...ctx,
      model: null,
    });
    expect(none).toMatchObject({ summary: 'RULE SUMMARY', run: { fallback: 'not_configured' } });
    const empty = { ...document, content: buildConsultNoteXml({ encounterDate: '2026-01-15' }) };
    const skipped = await summarizeConsultDocument(empty, consultNoteReader, phi(), ctx);
    expect(skipped).toMatchObject({ summary: 'RULE SUMMARY', run: { fallback: 'not_needed' } });
    expect(server.requests).toHaveLength(0);
  });
});

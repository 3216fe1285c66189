import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiServer } from '../../evals/models/index.js';
import { Candidate } from '../../src/domain/index.js';
import { STORED_CANDIDATE } from '../../test/fixtures/candidate.js';
import { ada, adaCoverage, referralFor } from '../../test/fixtures/world.js';
import { llmStepContext } from '../../test/support/llm.js';
import type { AgentContext } from '../llm/index.js';
import { patientPhi } from '../phi-context.js';
import { draftPacket } from './agent.js';
import { draftReferralPacket } from './draft.js';

const referral = referralFor('ref-1');
const candidate = Candidate.parse({
  ...STORED_CANDIDATE,
  contact: {
    phone: '(401) 555-0142',
    line: '1200 Oak Street',
    city: 'Providence',
    state: 'RI',
    postalCode: '02903',
  },
});
const RECIPIENT = [
  'To: Elena Vasquez, MD, Valley Retina Center',
  'Address: 1200 Oak Street, Providence, RI 02903',
  'Phone: (401) 555-0142',
].join('\n');

describe('draftPacket (the letter template)', () => {
  it('names the specialist and gives the office address and phone', () => {
    const { body } = draftPacket({ referral, patient: ada, coverage: adaCoverage, candidate });
    expect(body.startsWith(`${RECIPIENT}\nRe: Ada Quill`)).toBe(true);
  });

  it('gives the city alone for a candidate stored before contacts were kept', () => {
    const { body } = draftPacket({
      referral,
      patient: ada,
      coverage: adaCoverage,
      candidate: Candidate.parse(STORED_CANDIDATE),
    });
    expect(body.split('\n')[0]).toBe('To: Elena Vasquez, MD, Valley Retina Center (Providence)');
    expect(body).not.toMatch(/^(Address|Phone):/m);
  });
});

describe('draftReferralPacket with a model', () => {
  let server: Awaited<ReturnType<typeof startOpenAiServer>>;
  let ctx: AgentContext;
  const input = () => ({
    referral,
    patient: ada,
    coverage: adaCoverage,
    candidate,
    clinicalSummary: null,
    phi: patientPhi(ada, adaCoverage, new Date('2026-11-25')),
  });

  beforeAll(async () => {
    server = await startOpenAiServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    ctx = llmStepContext(server.url);
  });

  it("puts the specialist's name, address and phone in the code-written header", async () => {
    server.script({ json: { subject: 'Wet AMD', body: 'Please evaluate for wet AMD.' } });
    const { packet, run } = await draftReferralPacket(input(), ctx);
    expect(run.path).toBe('llm');
    expect(packet.body.startsWith(`${RECIPIENT}\nRe: Ada Quill`)).toBe(true);
    expect(packet.body).toContain('Please evaluate for wet AMD.');
    const sent = JSON.stringify(server.requests.map((r) => r.body));
    expect(sent).not.toContain('555-0142');
    expect(sent).not.toContain('Oak Street');
  });

  it('refuses a model letter with a phone number of its own: the template goes out', async () => {
    server.script({
      json: { subject: 'Wet AMD', body: 'Please call the patient back at 401-555-9999.' },
    });
    const { packet, run } = await draftReferralPacket(input(), ctx);
    expect(run).toMatchObject({ path: 'deterministic', fallback: 'rejected' });
    expect(packet.body).not.toContain('9999');
    expect(packet.body.startsWith(RECIPIENT)).toBe(true);
  });
});

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { draftOutreach, draftReferralPacket } from '../../agents/index.js';
import type { Candidate } from '../../src/domain/index.js';
import type { SuiteContext, SuiteOutcome } from '../core/suite.js';
import { cooperativeModel, scriptedAgentModel, startOpenAiServer } from '../models/index.js';
import { createDraftingSuite, type Drafters, draftingSuite } from './index.js';

const ctx: SuiteContext = {
  dataRoot: fileURLToPath(new URL('../../../shared/data', import.meta.url)),
  seed: 17,
  progress: () => {},
};

const failing = (outcome: SuiteOutcome) =>
  outcome.metrics.filter((m) => m.status === 'fail').map((m) => m.id);
const status = (outcome: SuiteOutcome, id: string) =>
  outcome.metrics.find((m) => m.id === id)?.status;

describe('drafting suite (deterministic path)', () => {
  it('fails no gate', async () => {
    const outcome = await draftingSuite.run(ctx);
    expect(outcome.dataset.cases).toBeGreaterThanOrEqual(30);
    expect(failing(outcome)).toEqual([]);
    for (const id of [
      'placeholder-free',
      'letter-specialist',
      'letter-contact',
      'message-specialist',
      'message-contact',
    ]) {
      expect(status(outcome, id)).toBe('pass');
    }
  });

  it("catches drafts that drop the specialist's phone and street address", async () => {
    const dropContact = (text: string, contact: Candidate['contact']) =>
      [contact?.phone, contact?.line].reduce<string>(
        (t, value) => (value ? t.split(value).join('') : t),
        text,
      );
    const letter: Drafters['letter'] = async (input, agentCtx) => {
      const out = await draftReferralPacket(input, agentCtx);
      const body = dropContact(out.packet.body, input.candidate.contact);
      return { ...out, packet: { ...out.packet, body } };
    };
    const messages: Drafters['messages'] = async (input, agentCtx) => {
      const out = await draftOutreach(input, agentCtx);
      const text = dropContact(out.outreach.patientMessage.text, input.candidate.contact);
      const patientMessage = { ...out.outreach.patientMessage, text };
      return { ...out, outreach: { ...out.outreach, patientMessage } };
    };
    const outcome = await createDraftingSuite({ letter, messages }).run(ctx);
    expect(failing(outcome).sort()).toEqual(['letter-contact', 'message-contact']);
  });

  it('catches a letter template that leaves the patient placeholder un-re-identified', async () => {
    const unfilled: Drafters['letter'] = async (input, agentCtx) => {
      const out = await draftReferralPacket(input, agentCtx);
      const name = `${input.patient.givenName} ${input.patient.familyName}`;
      const body = out.packet.body.replace(name, '[PATIENT_NAME_1]');
      return { ...out, packet: { ...out.packet, body } };
    };
    const outcome = await createDraftingSuite({ letter: unfilled, messages: draftOutreach }).run(
      ctx,
    );
    expect(status(outcome, 'placeholder-free')).toBe('fail');
    expect(outcome.failures?.some((f) => f.problem === 'letter leaves [PATIENT_NAME_1]')).toBe(
      true,
    );
  });

  it('catches a message template that leaves {specialist} unfilled', async () => {
    const unfilled: Drafters['messages'] = async (input, agentCtx) => {
      const out = await draftOutreach(input, agentCtx);
      const text = out.outreach.patientMessage.text.replace(input.candidate.name, '{specialist}');
      const patientMessage = { ...out.outreach.patientMessage, text };
      return { ...out, outreach: { ...out.outreach, patientMessage } };
    };
    const outcome = await createDraftingSuite({
      letter: draftReferralPacket,
      messages: unfilled,
    }).run(ctx);
    expect(status(outcome, 'placeholder-free')).toBe('fail');
    expect(status(outcome, 'message-specialist')).toBe('fail');
  });

  it('runs the agents with the model on the LLM path and scores what it drafted', async () => {
    const server = await startOpenAiServer(cooperativeModel().handler);
    try {
      const model = scriptedAgentModel(server.url);
      const outcome = await draftingSuite.run({ ...ctx, model });
      const cases = outcome.dataset.cases;
      expect(outcome.metrics.find((m) => m.id === 'llm-accepted')).toMatchObject({
        value: 1,
        n: 2 * cases,
      });
      // The scripted answers name no specialist and give no reason: code adds the specialist's
      // name and contact to both drafts, the missing reason is seen.
      expect(failing(outcome)).toEqual([]);
      expect(status(outcome, 'message-specialist')).toBe('pass');
      expect(status(outcome, 'message-contact')).toBe('pass');
      expect(status(outcome, 'letter-contact')).toBe('pass');
      expect(status(outcome, 'message-reason')).toBe('warn');
      expect(status(outcome, 'letter-reason')).toBe('warn');
      expect(status(outcome, 'placeholder-free')).toBe('pass');
    } finally {
      await server.close();
    }
  });
});
